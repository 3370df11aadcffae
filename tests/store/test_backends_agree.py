#!/usr/bin/env python3
"""test_backends_agree.py - the same filings give the same bytes from either
backend: ingested into an SQLite file and into a PostgreSQL database (the
corpus fixtures, DOCX and ODT; 80 make_bulk filings; two versions of one
organization's report; a broken file), every export (each table as CSV and
JSONL, the models with their history, the failures) and the report PDF
(SOURCE_DATE_EPOCH fixed; all filings, and one province) are identical."""
import os
import shutil
import tempfile

from common import PG, bulk, check, doc_files, exports, finish, good_files, new_store, odt_filing, raingan, skip

if not PG:
    skip('needs a PostgreSQL server')
os.environ['SOURCE_DATE_EPOCH'] = '1700000000'
work = tempfile.mkdtemp(prefix='rg-store-agree-')
src = os.path.join(work, 'in')
os.makedirs(src)
for f in good_files() + doc_files(bulk(200, 11))[:80]:
    shutil.copy(f, src)
SAO = 'องค์การบริหารส่วนตำบลบ้านหนองเต่า'
odt_filing(os.path.join(src, 'older.odt'), SAO, 'สันทราย', 'เชียงใหม่', 2567, 6, 3, 20, 31)
odt_filing(os.path.join(src, 'newer.odt'), SAO, 'สันทราย', 'เชียงใหม่', 2567, 6, 3, 25, 33)
with open(os.path.join(src, 'broken.docx'), 'wb') as fh:
    fh.write(b'PK\x03\x04 not a zip')

lite, pg = os.path.join(work, 'store.db'), new_store(work, 'agree')
for db in (lite, pg):
    raingan('ingest', '--db', db, src, check_status=1)
a, b = exports(lite), exports(pg)
for name in a:
    check(a[name] == b[name], f'export {name} differs between SQLite and PostgreSQL')
lines = len(a['projects.csv'].splitlines())
check(lines > 500 and 'broken.docx' in a['failures'], f'the exports are too small ({lines} project lines)')
print(f'{lines - 1} projects, {len(a["filings.csv"].splitlines()) - 1} filings: the same bytes')

for extra in ((), ('--province', 'เชียงใหม่')):
    pdfs = []
    for db in (lite, pg):
        out = os.path.join(work, f'{len(pdfs)}.pdf')
        raingan('report', '--db', db, *extra, '-o', out, check_status=0)
        pdfs.append(open(out, 'rb').read() if os.path.exists(out) else b'')
    check(pdfs[0] == pdfs[1] and pdfs[0].startswith(b'%PDF-'),
          f'the report {" ".join(extra) or "of all filings"} differs between the backends')

shutil.rmtree(work, ignore_errors=True)
finish('store_backends_agree')
