#!/usr/bin/env python3
"""test_order.py - any order of ingest gives the same store: two sets of
filings ingested as X then Y, and as Y then X, give byte-identical exports
(every table, CSV and JSONL, the models with their history, the failures).
Among them: two versions of one organization's report, the newer data date
ingested first in one order and last in the other (the newer is current
either way), and a same-name organization of another district (two
organizations, two current filings; `export` shows what each filing states)."""
import csv
import io
import os
import shutil
import tempfile

from common import bulk, check, doc_files, exports, finish, ingest_json, new_store, odt_filing, raingan

work = tempfile.mkdtemp(prefix='rg-store-order-')
x, y = os.path.join(work, 'x'), os.path.join(work, 'y')
os.makedirs(x)
os.makedirs(y)
pool = doc_files(bulk(200, 11))
for i, f in enumerate(pool[:120]):
    shutil.copy(f, x if i % 2 else y)
SAO = 'องค์การบริหารส่วนตำบลบ้านหนองเต่า'
odt_filing(os.path.join(x, 'older.odt'), SAO, 'สันทราย', 'เชียงใหม่', 2567, 6, 3, 20, 31)
odt_filing(os.path.join(x, 'fang.odt'), SAO, 'ฝาง', 'เชียงใหม่', 2567, 6, 3, 22, 32)
odt_filing(os.path.join(y, 'newer.odt'), SAO, 'สันทราย', 'เชียงใหม่', 2567, 6, 3, 25, 33)
with open(os.path.join(y, 'broken.docx'), 'wb') as fh:
    fh.write(b'PK\x03\x04 not a zip')

stores = {}
for order in ((x, y), (y, x)):
    db = new_store(work, 'store-%s' % ''.join(os.path.basename(p) for p in order))
    for folder in order:
        summary, r = ingest_json('--db', db, folder)
        check(r.returncode in (0, 1) and summary.get('ingested', 0) > 0, f'ingest {folder}: {summary} {r.stderr[-300:]}')
    stores[db] = exports(db)

(a, ea), (b, eb) = stores.items()
for name in ea:
    check(ea[name] == eb[name], f'export {name} differs between the two orders of ingest')

orgs = list(csv.DictReader(io.StringIO(ea['organizations.csv'], newline='')))
mine = [o for o in orgs if o['name'] == SAO]
check(sorted((o['district'], o['filings'], o['current_filings']) for o in mine) ==
      [('ฝาง', '1', '1'), ('สันทราย', '2', '1')], f'the two organizations of that name: {mine}')
filings = list(csv.DictReader(io.StringIO(ea['filings.csv'], newline='')))
current = sorted(os.path.basename(f['source_path']) for f in filings if f['organization'] == SAO and f['is_current'] == '1')
check(current == ['fang.odt', 'newer.odt'], f'current filings of that name: {current}')
older = [f for f in filings if f['source_path'].endswith('older.odt')]
check(len(older) == 1 and older[0]['is_current'] == '0' and older[0]['district'] == 'สันทราย'
      and older[0]['superseded_by'] == next(f['sha256'] for f in filings if f['source_path'].endswith('newer.odt')),
      f'the older version: {older}')
check(ea['failures'].count('broken.docx') == 1, 'the broken file is listed once')

# the report of the store names both organizations' districts' filings
pdf = os.path.join(work, 'r.pdf')
r = raingan('report', '--db', a, '--org', 'บ้านหนองเต่า', '-o', pdf)
check(r.returncode == 0 and os.path.getsize(pdf) > 0, f'report --org of the store: {r.returncode} {r.stderr[-300:]}')

shutil.rmtree(work, ignore_errors=True)
finish('store_order')
