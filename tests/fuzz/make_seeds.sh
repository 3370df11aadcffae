#!/bin/sh
# make_seeds.sh - build the seed corpora of the fuzz harnesses from fixtures/.
#
#   sh tests/fuzz/make_seeds.sh [OUT_DIR]        (default: build-fuzz/seeds)
#
# OUT_DIR/docx    every .docx of fixtures/ (whole packages)
# OUT_DIR/odt     every .odt of fixtures/
# OUT_DIR/parse   both
# OUT_DIR/xml     word/document.xml of each .docx prefixed with byte 0x00 and
#                 content.xml of each .odt prefixed with 0x01 (fuzz_xml's
#                 format byte)
# OUT_DIR/values  one file per distinct short text run/cell of the fixtures
#                 that holds a digit or a Thai month/year word, plus the
#                 examples of parsers/extract/values.h
# Files are named by their SHA-1, as libFuzzer does, so reruns do not add
# duplicates.  Needs python3 (zipfile); fixtures/ stays untouched.
set -e
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${1:-$root/build-fuzz/seeds}
mkdir -p "$out/docx" "$out/odt" "$out/parse" "$out/xml" "$out/values"
python3 - "$root/fixtures" "$out" <<'PY'
import hashlib, os, re, sys, zipfile, html
fixtures, out = sys.argv[1], sys.argv[2]

def put(kind, data):
    name = hashlib.sha1(data).hexdigest()
    with open(os.path.join(out, kind, name), "wb") as f:
        f.write(data)

texts = set()
interesting = re.compile("[0-9\u0e50-\u0e59]|พ\\.ศ|ค\\.ศ|ร้อยละ|บาท|ไม่ใช้|"
    "มกราคม|กุมภาพันธ|มีนาคม|เมษายน|พฤษภาคม|มิถุนายน|กรกฎาคม|กรกฏาคม|สิงหาคม|กันยายน|ตุลาคม|พฤศจิกายน|ธันวาคม")
counts = {"docx": 0, "odt": 0, "xml": 0}
for dirpath, dirs, files in sorted(os.walk(fixtures)):
    dirs.sort()
    for fn in sorted(files):
        ext = fn.rsplit(".", 1)[-1].lower()
        if ext not in ("docx", "odt"):
            continue
        path = os.path.join(dirpath, fn)
        data = open(path, "rb").read()
        put(ext, data)
        put("parse", data)
        counts[ext] += 1
        try:
            z = zipfile.ZipFile(path)
            part = "word/document.xml" if ext == "docx" else "content.xml"
            xml = z.read(part)
        except Exception:
            continue
        put("xml", (b"\x00" if ext == "docx" else b"\x01") + xml)
        counts["xml"] += 1
        s = xml.decode("utf-8", "replace")
        # runs of text, and whole cells/paragraphs with the tags removed
        pieces = re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", s)
        for cell in re.findall(r"<(?:w:tc|table:table-cell|w:p|text:p)\b[^>]*>(.*?)</(?:w:tc|table:table-cell|w:p|text:p)>", s, re.S):
            pieces.append(re.sub(r"<[^>]*>", "", cell))
        for t in pieces:
            t = html.unescape(t).strip()
            if t and len(t.encode()) <= 300 and interesting.search(t):
                texts.add(t)
examples = ["", "-", "–", "ไม่มี", "ไม่ใช้งบประมาณ", "ไม่ใช่ งบประ มาณ", "0.00", "๑๐๐,๐๐๐.๐๐",
    "1,456,400.00", "๕๐,๐๐๐", "185,000.-", "ใช้งบประมาณ ๗๐,๐๐๐", "20,000 บาท", "๕๐,๐ ๐๐.๐๐",
    "2566\n100,000", "๓๐.๐๐๐", "๐๐๐.", "1,00,000", "12.345.00", "30.000,00", "-500", "(1,000.00)",
    "1234567890123456789", "๕๔.๒๙", "54.29 %", "ร้อยละ ๓๓.๙๓", "๕๖ โครงการ", "๑๒.", "พ.ศ. ๒๕๖๗",
    "ปีงบประมาณ ๒๕๖๗", "ค.ศ. 2023", "พ.ศ. ๖๖", "12,566", "2566.5", "พ.ศ. ๒๕๖๖ - ๒๕๗๐", "๒๕๖๖–๒๕๗๐",
    "2566 ถึง 2570", "๒๐ มีนาคม ๒๕๖๖", "20 มีนาคม 2566", "๒๐ มี.ค. ๖๖", "วันที่ ๒๐ เดือน มีนาคม พ.ศ. ๒๕๖๖",
    "๑๓ ตุลาคม พ.ศ.๒๕๕๙", "๒๙ กุมภาพันธ์ ๒๕๖๗", "อ.ส.ค.", "ตุลาคม ๒๕๖๕ - มีนาคม ๒๕๖๖", "ต.ค. ๖๖",
    "๑.๑.๒", "(๑)", "1)", " 12 ", "1.1a", "๑.มาตรการ", "๑.๑ โครงการ", "1) กิจกรรม", "๕ วิธีดำเนินการ",
    "2.5 ล้าน", "กำ\u200bหนด", "เเละ", "ก\u0e49\u0e49", "\u00a0\u2003x\u200b", "\udcff\udcfe\udc80", "\udce0\udcb8"]
for t in examples:
    texts.add(t)
for t in texts:
    put("values", t.encode("utf-8", "surrogateescape"))
print("seeds: %d docx, %d odt, %d xml parts, %d value strings in %s"
      % (counts["docx"], counts["odt"], counts["xml"], len(texts), out))
PY
