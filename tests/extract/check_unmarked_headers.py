#!/usr/bin/env python3
"""Header rows that are not marked as such (issue 9's family "no row lost in
silence"): a filing retyped, or resaved by a tool that drops the marks
(LibreOffice's RTF export drops `w:tblHeader`), must read as the original.

    check_unmarked_headers.py RAINGAN CORPUS SCORE_PY [--min 1.0]

Some forms also number their column names ("(๑) ลำดับ"): the copies number the
column ลำดับ so, and must still read it as the item number's header.

For every filing of CORPUS (docx/ and odt/, or docs/ with STEM.VARIANT.docx
as the cases are; expected/STEM.json), a copy is
made with every header-row mark removed -- DOCX: the `w:tblHeader` elements;
ODT: the `table:table-header-rows` wrappers, their rows kept in place -- and
scored strict against the filing's expected model (written by hand, not by
raingan).  Every copy must score at least --min and have no `unread_row`.
"""
import argparse
import os
import re
import sys
import tempfile
import zipfile

from check_scores import filings, score_filing  # the same walk of CORPUS and the same scoring

PARTS = re.compile(r'^(word/document\.xml|content\.xml)$')


NUMBERED = '(๑) ลำดับ'.encode()


def strip_marks(name, xml):
    """The marks removed, and the column name ลำดับ numbered as some forms number
    their columns ("(๑) ลำดับ"): a numbered column name is still header text."""
    xml = xml.replace('>ลำดับ<'.encode(), b'>' + NUMBERED + b'<')
    if name == 'word/document.xml':
        return re.sub(rb'<w:tblHeader(?:\s[^>]*)?/>|<w:tblHeader(?:\s[^>]*)?>.*?</w:tblHeader>', b'', xml)
    return re.sub(rb'</?table:table-header-rows\s*>', b'', xml)


numbered = [0]


def unmarked_copy(src, dst):
    """Copy the zip package src to dst with the marks removed; how many were removed."""
    removed = 0
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, 'w') as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if PARTS.match(info.filename):
                new = strip_marks(info.filename, data)
                removed += data.count(b'tblHeader') + data.count(b'table-header-rows') - \
                    new.count(b'tblHeader') - new.count(b'table-header-rows')
                numbered[0] += new.count(NUMBERED)
                data = new
            # mimetype first and stored, as ODF wants
            zout.writestr(info, data, compress_type=info.compress_type)
    return removed


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('raingan')
    ap.add_argument('corpus')
    ap.add_argument('score')
    ap.add_argument('--min', type=float, default=1.0)
    a = ap.parse_args()
    failed = marks = 0
    with tempfile.TemporaryDirectory() as out:
        for path, stem in filings(a.corpus):
            f = os.path.basename(path)
            copy = os.path.join(out, 'unmarked-' + f)
            marks += unmarked_copy(path, copy)
            got = score_filing(a.raingan, a.score, copy, os.path.join(a.corpus, 'expected', stem + '.json'),
                               out, exits=(0, 1))
            if isinstance(got, str):
                print(f'FAIL {f}: {got}')
                failed += 1
                continue
            score, unread, report = got
            ok = score >= a.min and not unread
            print(f'{"ok  " if ok else "FAIL"} {f} without header marks: score {score:.3f}, '
                  f'{len(unread)} unread_row')
            if not ok:
                print(report[-1500:])
                failed += 1
    if marks == 0:
        print('FAIL: the corpus has no header-row marks to remove: the test tests nothing')
        failed += 1
    if numbered[0] == 0:
        print('FAIL: no column name ลำดับ to number: the numbered-name check tests nothing')
        failed += 1
    print(f'{marks} header marks removed, {numbered[0]} column names numbered; {failed} file(s) failed')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
