#!/usr/bin/env python3
"""The reader cases of issue 12 (fixtures/reader/, README.md there): what a
correct `raingan dump` (and `parse`) shows for each file, as the README's table
says it.

    check_cases.py RAINGAN FIXTURES_READER_DIR

Each check prints PASS/FAIL with the file; the exit status is 1 when any failed.
"""
import json
import os
import subprocess
import sys

failures = 0


def check(cond, what):
    global failures
    print("%s %s" % ("PASS" if cond else "FAIL", what))
    if not cond:
        failures += 1


def run(raingan, *args):
    p = subprocess.run([raingan] + list(args), capture_output=True, timeout=120)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")


def dump_json(raingan, path):
    rc, out, err = run(raingan, "dump", "--format", "json", path)
    if rc != 0:
        check(False, "%s: dump exit %d: %s" % (os.path.basename(path), rc, err.strip()))
        return {"body": [], "headers": [], "footers": [], "footnotes": [], "textboxes": []}
    return json.loads(out)


def paragraphs(blocks):
    return [b["text"] for b in blocks if b["type"] == "paragraph"]


def tables(blocks):
    return [b for b in blocks if b["type"] == "table"]


def cell_texts(row):
    return [c.get("text") for c in row]


def main():
    raingan, d = sys.argv[1], sys.argv[2]
    f = lambda name: os.path.join(d, name)

    # ruby.docx: the base text only
    doc = dump_json(raingan, f("ruby.docx"))
    check(paragraphs(doc["body"]) == ["ก่อน 漢字 หลัง"], "ruby.docx: the base text only, no reading")

    # altchunk.docx: the chunk's text between the two paragraphs, no warning left
    doc = dump_json(raingan, f("altchunk.docx"))
    check(paragraphs(doc["body"]) == ["ก่อนส่วนแทรก", "ข้อความในส่วนแทรก altChunk", "หลังส่วนแทรก"],
          "altchunk.docx: the HTML chunk read in place")
    check("warnings" not in doc, "altchunk.docx: nothing reported as not read")

    # backslash_*.docx: read as Word reads them
    for name in ("backslash_all.docx", "backslash_but_rels.docx"):
        doc = dump_json(raingan, f(name))
        body = doc["body"]
        check(len(paragraphs(body)) >= 3 and len(tables(body)) == 1 and
              paragraphs(body)[0].startswith("รายงานผลการดำเนินงาน"), "%s: read ('\\' taken as '/')" % name)

    # hidden sections: nothing of them
    for name in ("hidden_section.odt", "hidden_section_condition.odt", "hidden_section_table.odt"):
        doc = dump_json(raingan, f(name))
        text = json.dumps(doc, ensure_ascii=False)
        check("ซ่อน" not in text and "99,000" not in text, "%s: nothing of the hidden section" % name)
        check(len(tables(doc["body"])) == 1, "%s: only the visible table" % name)
    rc, out, err = run(raingan, "parse", f("hidden_section_table.odt"))
    model = json.loads(out) if rc == 0 else {"projects": []}
    check(len(model["projects"]) == 1 and model["projects"][0]["budget"] == 20000,
          "hidden_section_table.odt: parse finds 1 project (20,000 baht)")

    # form_checkbox.odt: the boxes of the form controls, and the statuses they give
    doc = dump_json(raingan, f("form_checkbox.odt"))
    t = tables(doc["body"])[0] if tables(doc["body"]) else {"rows": [[], [], []]}
    check(cell_texts(t["rows"][1])[5:] == ["☐", "☐", "☑", "☐"], "form_checkbox.odt: row 1 ☐ ☐ ☑ ☐")
    check(cell_texts(t["rows"][2])[5:] == ["☐", "☑", "☐", "☐"], "form_checkbox.odt: row 2 ☐ ☑ ☐ ☐")
    rc, out, err = run(raingan, "parse", f("form_checkbox.odt"))
    model = json.loads(out) if rc == 0 else {"projects": []}
    check([p["status"] for p in model["projects"]] == ["completed", "in_progress"],
          "form_checkbox.odt: statuses completed, in_progress")

    # checkbox_shown.docx: what the document shows wins, the flag is a fallback
    doc = dump_json(raingan, f("checkbox_shown.docx"))
    marks = [p[0] for p in paragraphs(doc["body"])]
    check(marks == ["☑", "☐", "☐", "☑"], "checkbox_shown.docx: Alpha ticked, Bravo empty, Charlie empty, Delta ticked")

    # nested_cell.docx: each paragraph once, in order, the nested table between them (text and JSON)
    rc, out, err = run(raingan, "dump", f("nested_cell.docx"))
    pieces = ["Orchard heading", "Kiwi", "Lemon", "Orchard footnote line"]
    check(all(out.count(p) == 1 for p in pieces) and
          [out.index(p) for p in pieces] == sorted(out.index(p) for p in pieces),
          "nested_cell.docx: the text dump gives each piece once, in order")
    doc = dump_json(raingan, f("nested_cell.docx"))
    cell = tables(doc["body"])[0]["rows"][0][0]
    check(cell["text"] == "Orchard heading\nKiwi\tLemon\nOrchard footnote line",
          "nested_cell.docx: the JSON text of the cell holds the nested table, in order")
    check(len(tables(cell.get("body", []))) == 1, "nested_cell.docx: the nested table stays in the cell's body")

    # tblgrid.docx (2nd table): 4 columns; row 2 จ, ฉ spanning 3
    doc = dump_json(raingan, f("tblgrid.docx"))
    ts = tables(doc["body"])
    second = ts[1] if len(ts) > 1 else {"rows": [[], []]}
    row2 = second["rows"][1]
    check(len(second["rows"][0]) == 4 and cell_texts(second["rows"][0]) == ["ก", "ข", "ค", "ง"],
          "tblgrid.docx: the second table has 4 columns")
    check(len(row2) == 4 and row2[0].get("text") == "จ" and row2[1].get("text") == "ฉ" and
          row2[1].get("colspan") == 3 and row2[2].get("covered_by") == [1, 1] and row2[3].get("covered_by") == [1, 1],
          "tblgrid.docx: row 2 is จ and ฉ spanning 3, no stray cell")
    check(len(ts) > 0 and len(ts[0]["rows"][0]) == 6, "tblgrid.docx: a 7-column grid over 6-cell rows adds no column")

    print("%d failed" % failures)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
