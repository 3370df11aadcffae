#!/usr/bin/env python3
"""What the reader could not read becomes a finding of the report.

    check_reader_warnings.py RAINGAN CORPUS_DIR

A corpus filing gets a w:altChunk before its first table that points to an
RTF part (a kind the reader does not read): `raingan parse` must keep every
project and add an `altchunk_not_read` warning naming the part, and
`raingan check` must print it.  The untouched filing has no such finding.
The mutant is made with zipfile and string edits (no code of ours).
"""
import json
import os
import subprocess
import sys
import tempfile
import zipfile

FILING = "bangtoei-sao-2567-r12.docx"


def parse(raingan, path):
    out = subprocess.run([raingan, "parse", path], capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit("FAIL: parse %s exited %d: %s" % (path, out.returncode, out.stderr))
    return json.loads(out.stdout)


def main():
    raingan, corpus = sys.argv[1], sys.argv[2]
    src = os.path.join(corpus, "docx", FILING)
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        dst = os.path.join(tmp, "chunk-" + FILING)
        with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
            for item in zin.infolist():
                data = zin.read(item.filename)
                if item.filename == "word/document.xml":
                    text = data.decode("utf-8")
                    at = text.index("<w:tbl>")
                    text = text[:at] + '<w:altChunk r:id="rgChunk1"/>' + text[at:]
                    if 'xmlns:r="' not in text[:2000]:
                        text = text.replace("<w:document ", '<w:document xmlns:r="http://schemas.'
                                            'openxmlformats.org/officeDocument/2006/relationships" ', 1)
                    data = text.encode("utf-8")
                elif item.filename == "word/_rels/document.xml.rels":
                    text = data.decode("utf-8").replace(
                        "</Relationships>",
                        '<Relationship Id="rgChunk1" Type="http://schemas.openxmlformats.org/'
                        'officeDocument/2006/relationships/aFChunk" Target="chunk1.rtf"/></Relationships>')
                    data = text.encode("utf-8")
                elif item.filename == "[Content_Types].xml":
                    text = data.decode("utf-8").replace(
                        "</Types>", '<Override PartName="/word/chunk1.rtf" ContentType="application/rtf"/></Types>')
                    data = text.encode("utf-8")
                zout.writestr(item, data)
            zout.writestr("word/chunk1.rtf", r"{\rtf1\ansi hidden project 99,000.00\par}")

        before, after = parse(raingan, src), parse(raingan, dst)
        codes = [f["code"] for f in after["findings"]]
        if "altchunk_not_read" in [f["code"] for f in before["findings"]]:
            failures.append("the untouched filing has altchunk_not_read")
        if codes.count("altchunk_not_read") != 1:
            failures.append("expected one altchunk_not_read, got %s" % codes)
        else:
            msg = [f for f in after["findings"] if f["code"] == "altchunk_not_read"][0]
            if msg["severity"] != "warning" or "chunk1.rtf" not in msg["message"]:
                failures.append("the finding does not name the part: %s" % msg)
        if len(after["projects"]) != len(before["projects"]):
            failures.append("projects %d, expected %d" % (len(after["projects"]), len(before["projects"])))
        chk = subprocess.run([raingan, "check", dst], capture_output=True, text=True)
        if "[altchunk_not_read]" not in chk.stdout + chk.stderr:
            failures.append("raingan check does not print it: %r" % (chk.stdout + chk.stderr))
    for f in failures:
        print("FAIL:", f)
    if failures:
        sys.exit(1)
    print("reader warnings: ok")


main()
