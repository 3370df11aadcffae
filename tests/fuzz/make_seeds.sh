#!/bin/sh
# make_seeds.sh - build the seed corpora of the fuzz harnesses from fixtures/.
#
#   sh tests/fuzz/make_seeds.sh [OUT_DIR]        (default: build-fuzz/seeds)
#
# OUT_DIR/docx    every .docx of fixtures/ (whole packages), and the inputs of
#                 issue 12 made here: DOCX with altChunk parts (HTML, MHT, text,
#                 DOCX), styles and numbering, an OLE2 Word file, RTF, HTML
# OUT_DIR/odt     every .odt of fixtures/, and flat ODF (.fodt) made here from
#                 the .odt (styles.xml and content.xml in one document)
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
# issue 12: inputs that are not plain DOCX/ODT packages
import io, struct

def zipped(parts):
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts:
            z.writestr(name, data)
    return b.getvalue()

W = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
     'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
     'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"')
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
def rels(items):
    return ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
            "".join('<Relationship Id="%s" Type="%s%s" Target="%s"/>' % i for i in items) + "</Relationships>")
def docx_of(body, doc_rels=(), extra=()):
    doc = '<w:document %s><w:body>%s</w:body></w:document>' % (W, body)
    parts = [("[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
              '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
              '<Default Extension="html" ContentType="text/html"/><Default Extension="mht" ContentType="message/rfc822"/>'
              '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
              'wordprocessingml.document.main+xml"/></Types>'),
             ("_rels/.rels", rels([("rId1", RT, "officeDocument", "word/document.xml")])),
             ("word/document.xml", doc)]
    if doc_rels:
        parts.append(("word/_rels/document.xml.rels", rels(doc_rels)))
    return zipped(parts + list(extra))

chunk = '<w:p><w:r><w:t>before</w:t></w:r></w:p><w:altChunk r:id="rIdA"/><w:p><w:r><w:t>after</w:t></w:r></w:p>'
html = ('<html><head><meta charset="utf-8"></head><body><p>ใน <b>ส่วนแทรก</b></p><table><tr><td rowspan="2">ก</td>'
        '<td colspan="2"><input type="checkbox" checked> ใช่</td></tr><tr><td>ข</td><td>ค</td></tr></table></body></html>')
mht = ('MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="B"\r\n\r\n--B\r\n'
       'Content-Type: text/html; charset="utf-8"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n'
       '<html><body><p class=3D"x">=E0=B8=81 mht</p></body></html>\r\n--B--\r\n')
inner = docx_of('<w:p><w:r><w:t>ซ้อน</w:t></w:r></w:p>')
numbering = ('<w:numbering %s><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/>'
             '<w:lvlText w:val="\uf06f"/><w:rPr><w:rFonts w:ascii="Wingdings" w:hAnsi="Wingdings"/></w:rPr></w:lvl>'
             '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>' % W)
styles = ('<w:styles %s><w:style w:type="character" w:styleId="H"><w:rPr><w:vanish/></w:rPr></w:style>'
          '<w:style w:type="paragraph" w:styleId="L"><w:basedOn w:val="N"/><w:pPr><w:numPr><w:numId w:val="1"/>'
          '</w:numPr></w:pPr></w:style></w:styles>' % W)
made = [
    docx_of(chunk, [("rIdA", RT, "aFChunk", "c.html")], [("word/c.html", html)]),
    docx_of(chunk, [("rIdA", RT, "aFChunk", "c.mht")], [("word/c.mht", mht)]),
    docx_of(chunk, [("rIdA", RT, "aFChunk", "c.txt")], [("word/c.txt", "บรรทัด\nสอง")]),
    docx_of(chunk, [("rIdA", RT, "aFChunk", "c.docx")], [("word/c.docx", inner)]),
    docx_of('<w:p><w:pPr><w:pStyle w:val="L"/></w:pPr><w:r><w:rPr><w:rStyle w:val="H"/></w:rPr><w:t>x</w:t></w:r>'
            '<w:r><w:ruby><w:rt><w:r><w:t>yomi</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>字</w:t></w:r></w:rubyBase>'
            '</w:ruby></w:r></w:p><w:p><w:sdt><w:sdtPr><w14:checkbox><w14:checked w:val=""/></w14:checkbox></w:sdtPr>'
            '<w:sdtContent><w:r><w:t>☒</w:t></w:r></w:sdtContent></w:sdt></w:p>',
            [("rIdN", RT, "numbering", "numbering.xml"), ("rIdS", RT, "styles", "styles.xml")],
            [("word/numbering.xml", numbering), ("word/styles.xml", styles)]),
]
# an OLE2 compound file holding a Word FIB (a .doc), and RTF, and an HTML page
cfb = bytearray(512 * 11)
cfb[0:8] = bytes.fromhex("D0CF11E0A1B11AE1")
struct.pack_into("<HHHHH", cfb, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
struct.pack_into("<IIII", cfb, 0x2C, 1, 1, 0, 0)
struct.pack_into("<IIIII", cfb, 0x38, 4096, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0)
struct.pack_into("<I", cfb, 0x4C, 0)
for k in range(1, 109):
    struct.pack_into("<I", cfb, 0x4C + 4 * k, 0xFFFFFFFF)
fat = [0xFFFFFFFD, 0xFFFFFFFE, 3, 4, 5, 6, 7, 8, 9, 0xFFFFFFFE] + [0xFFFFFFFF] * 118
struct.pack_into("<128I", cfb, 512, *fat)
for k, (name, typ, start, size) in enumerate([("Root Entry", 5, 0xFFFFFFFE, 0), ("WordDocument", 2, 2, 4096)]):
    e = 1024 + 128 * k
    u = name.encode("utf-16-le")
    cfb[e:e + len(u)] = u
    struct.pack_into("<H", cfb, e + 0x40, len(u) + 2)
    cfb[e + 0x42] = typ
    struct.pack_into("<II", cfb, e + 0x74, start, size)
struct.pack_into("<HH", cfb, 1536, 0xA5EC, 0xC1)
made += [bytes(cfb), b"{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Tahoma;}} \\f0 test\\par }",
         ("<!DOCTYPE html>" + html).encode("utf-8")]
for data in made:
    data = data if isinstance(data, bytes) else data.encode("utf-8")
    put("docx", data)
    put("parse", data)
# flat ODF from every .odt: office:document holding the styles and the content
for dirpath, dirs, files in sorted(os.walk(fixtures)):
    for fn in sorted(files):
        if not fn.endswith(".odt"):
            continue
        try:
            z = zipfile.ZipFile(os.path.join(dirpath, fn))
            content = z.read("content.xml").decode("utf-8")
            styles = z.read("styles.xml").decode("utf-8") if "styles.xml" in z.namelist() else ""
        except Exception:
            continue
        m = re.search(r"<office:document-content([^>]*)>(.*)</office:document-content>", content, re.S)
        if not m:
            continue
        sm = re.search(r"<office:document-styles[^>]*>(.*)</office:document-styles>", styles, re.S)
        flat = ('<?xml version="1.0" encoding="UTF-8"?><office:document%s office:mimetype="application/'
                'vnd.oasis.opendocument.text">%s%s</office:document>' % (m.group(1), sm.group(1) if sm else "", m.group(2)))
        put("odt", flat.encode("utf-8"))
        put("parse", flat.encode("utf-8"))
        counts["odt"] += 1

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
