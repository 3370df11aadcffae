#!/usr/bin/env python3
"""`raingan check`: findings printed as "FILE: severity: message [code]", exit 1
when a finding is an error or a file cannot be read, 0 when none is.

    check_command.py RAINGAN CORPUS_DIR
"""
import os
import subprocess
import sys
import tempfile
import zipfile

DOC = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
       '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
       '<w:p><w:r><w:t>รายงานผลการดำเนินงานตามแผนปฏิบัติการป้องกันการทุจริต</w:t></w:r></w:p>'
       '<w:p><w:r><w:t>องค์การบริหารส่วนตำบลนาดี ประจำปีงบประมาณ พ.ศ. ๒๕๖๗ รอบ ๖ เดือน</w:t></w:r></w:p>'
       '</w:body></w:document>')
RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        'Target="word/document.xml"/></Relationships>')


def run(raingan, *files):
    return subprocess.run([raingan, "check", *files], capture_output=True, text=True)


def main():
    raingan, corpus = sys.argv[1], sys.argv[2]
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        empty_report = os.path.join(tmp, "no-table.docx")
        with zipfile.ZipFile(empty_report, "w") as z:
            z.writestr("_rels/.rels", RELS)
            z.writestr("word/document.xml", DOC)
        p = run(raingan, empty_report)
        if p.returncode != 1 or "%s: error: " % empty_report not in p.stdout or "[no_projects]" not in p.stdout:
            failures.append("a report without a project table: exit %d, %r" % (p.returncode, p.stdout))
        good = os.path.join(corpus, "docx", "kalasin-pao-2566-r6.docx")
        p = run(raingan, good)
        if p.returncode != 0 or "%s: warning: " % good not in p.stdout or "[stated_count_mismatch]" not in p.stdout:
            failures.append("a filing with warnings only: exit %d, %r" % (p.returncode, p.stdout[:300]))
        broken = os.path.join(tmp, "broken.docx")
        open(broken, "wb").write(b"PK\x03\x04 not really")
        p = run(raingan, broken, good)
        # one exit table (issue 14): an input that failed is 1, as an error finding is
        if p.returncode != 1 or not p.stderr.startswith("raingan: %s: " % broken) or good not in p.stdout:
            failures.append("an unreadable file among good ones: exit %d, %r" % (p.returncode, p.stderr))
    for f in failures:
        print("FAIL " + f)
    print("%d passed, %d failed" % (3 - len(failures), len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
