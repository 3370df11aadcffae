#!/usr/bin/env python3
"""No row lost in silence: corpus filings mutated the way typists break rows
must get an `unread_row` warning (and `raingan check` must print it), while
the untouched filings get none.

    check_unread.py RAINGAN CORPUS_DIR

For each DOCX and ODT filing named below, two mutants are written:
  marker  the name cell of one project row (found by its expected item
          number and name) holds only a ditto mark "〃": the row keeps its
          number and amounts but names nothing;
  stray   a row whose cells are all empty but one amount (5,000.00) in the
          amount column of that project row, inserted before the first
          project row of its table, where there is no row for it to continue.
The mutants are made with zipfile and regular expressions on the XML (no
library of ours), so the test does not depend on the code under test.
"""
import json
import os
import re
import subprocess
import sys
import tempfile
import zipfile

FILINGS = ["kalasin-pao-2566-r6", "bangtoei-sao-2567-r12"]
TH = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
AMOUNT = re.compile(r"^[0-9][0-9,]*\.[0-9]{2}$")

FORMATS = {
    "docx": {
        "part": "word/document.xml",
        "row": re.compile(r"<w:tr[ >].*?</w:tr>", re.S),
        "cell": re.compile(r"(<w:tc(?: [^>]*)?)>(.*?)(</w:tc>)", re.S),
        "text": re.compile(r"<w:t(?: [^>]*)?>([^<]*)</w:t>"),
        "props": re.compile(r"<w:tcPr>.*?</w:tcPr>|<w:tcPr/>", re.S),
        "para": lambda t: "<w:p><w:r><w:t>%s</w:t></w:r></w:p>" % t if t else "<w:p/>",
    },
    "odt": {
        "part": "content.xml",
        "row": re.compile(r"<table:table-row[ >].*?</table:table-row>", re.S),
        "cell": re.compile(r"(<table:table-cell(?:[^>]*[^>/])?)(?:/>|>(.*?)(</table:table-cell>))", re.S),
        "text": re.compile(r">([^<]+)<"),
        "props": None,
        "para": lambda t: "<text:p>%s</text:p>" % t if t else "<text:p/>",
    },
}


def key(s):
    return re.sub(r"\s+", "", s).translate(TH)


def cells(fmt, row):
    """The cells of a row: (match, text) in order."""
    f = FORMATS[fmt]
    return [(m, "".join(f["text"].findall(">" + (m.group(2) or "") + "<" if fmt == "odt" else m.group(2))))
            for m in f["cell"].finditer(row)]


def refill(fmt, match, text):
    """The XML of a cell like match holding only text (or nothing)."""
    f = FORMATS[fmt]
    props = ""
    if f["props"]:
        pm = f["props"].search(match.group(2))
        props = pm.group(0) if pm else ""
    close = "</w:tc>" if fmt == "docx" else "</table:table-cell>"
    return match.group(1) + ">" + props + f["para"](text) + close


def find_row(fmt, xml, project):
    """The span of the row holding the project, its cells and the name cell's index."""
    seq, name = project["seq"], key(project["name"])[:12]
    for m in FORMATS[fmt]["row"].finditer(xml):
        cs = cells(fmt, m.group(0))
        texts = [key(t) for _, t in cs]
        if any(t.strip(".") == seq for t in texts):
            for i, t in enumerate(texts):
                if t.startswith(name) or re.sub(r"^[0-9.]+", "", t).startswith(name):
                    return m, cs, i
    return None


def mutate(fmt, xml, project, how):
    found = find_row(fmt, xml, project)
    if not found:
        return None
    m, cs, name_i = found
    row = m.group(0)
    if how == "marker":
        c = cs[name_i][0]
        row = row[:c.start()] + refill(fmt, c, "〃") + row[c.end():]
        return xml[:m.start()] + row + xml[m.end():]
    amount_i = next((i for i, (_, t) in enumerate(cs) if AMOUNT.match(key(t))), None)
    if amount_i is None:
        return None
    parts, last = [], 0
    for i, (c, _) in enumerate(cs):
        parts.append(row[last:c.start()])
        parts.append(refill(fmt, c, "5,000.00" if i == amount_i else ""))
        last = c.end()
    parts.append(row[last:])
    stray = "".join(parts)
    # before the first row of the table that holds a number (the first project row)
    table_start = xml.rfind("<w:tbl>" if fmt == "docx" else "<table:table ", 0, m.start())
    first = None
    for r in FORMATS[fmt]["row"].finditer(xml, table_start):
        if any(re.fullmatch(r"[0-9]{1,3}\.?", key(t)) for _, t in cells(fmt, r.group(0))):
            first = r
            break
    at = first.start() if first else m.start()
    return xml[:at] + stray + xml[at:]


def write_mutant(src, dst, part, xml):
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == part:
                data = xml.encode("utf-8")
            compress = zipfile.ZIP_STORED if item.filename == "mimetype" else zipfile.ZIP_DEFLATED
            zout.writestr(item, data, compress_type=compress)


def parse(raingan, path):
    p = subprocess.run([raingan, "parse", path], capture_output=True)
    if p.returncode != 0:
        raise RuntimeError("%s: exit %d %s" % (path, p.returncode, p.stderr.decode()[:200]))
    return json.loads(p.stdout)


def unread(model):
    return [f["message"] for f in model["findings"] if f["code"] == "unread_row"]


def main():
    raingan, corpus = sys.argv[1], sys.argv[2]
    failures, checks = [], 0
    with tempfile.TemporaryDirectory() as tmp:
        for stem in FILINGS:
            expected = json.load(open(os.path.join(corpus, "expected", stem + ".json"), encoding="utf-8"))
            project = [p for p in expected["projects"] if p.get("seq")][2]
            for fmt in ("docx", "odt"):
                src = os.path.join(corpus, fmt, stem + "." + fmt)
                base = parse(raingan, src)
                checks += 1
                if unread(base):
                    failures.append("%s: the filing itself has unread_row: %s" % (src, unread(base)))
                xml = zipfile.ZipFile(src).read(FORMATS[fmt]["part"]).decode("utf-8")
                for how, words in (("marker", ("an item number", "〃")), ("stray", ("an amount", "5,000.00"))):
                    checks += 1
                    mutated = mutate(fmt, xml, project, how)
                    if mutated is None:
                        failures.append("%s: no row of item %s to mutate (%s)" % (src, project["seq"], how))
                        continue
                    dst = os.path.join(tmp, "%s-%s.%s" % (stem, how, fmt))
                    write_mutant(src, dst, FORMATS[fmt]["part"], mutated)
                    got = unread(parse(raingan, dst))
                    if not any(all(w in u for w in words) for u in got):
                        failures.append("%s (%s): expected an unread_row with %s, got %s" % (src, how, words, got))
                    if how == "marker":
                        # raingan check prints it as a warning line
                        p = subprocess.run([raingan, "check", dst], capture_output=True, text=True)
                        line = [l for l in p.stdout.splitlines() if "[unread_row]" in l]
                        if p.returncode != 0 or not line or ": warning: " not in line[0]:
                            failures.append("%s: raingan check printed no unread_row warning: %r" % (dst, p.stdout[:400]))
                        elif stem == FILINGS[0] and fmt == "docx":
                            print("example: " + line[0].replace(tmp + "/", ""))
    for f in failures:
        print("FAIL " + f)
    print("%d passed, %d failed" % (checks - len(failures), len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
