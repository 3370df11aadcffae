#!/usr/bin/python3
"""make_v1_store.py - how fixtures/store/v1-store.sql was made (run by hand,
not by the tests): filings written with make_bulk's ODT writer, ingested by
a raingan of schema version 1 (the code before issue 14), dumped as SQL.

    make_v1_store.py V1_RAINGAN OUT.sql

The filings show what version 1 got wrong:
  a-newer.odt   อบต.บ้านใหม่, อำเภอสันทราย, เชียงใหม่, 2567 round 6, data date 2567-03-25
  b-fang.odt    อบต.บ้านใหม่, อำเภอฝาง, เชียงใหม่ (another organization), 2567 round 6, 2567-03-22
  c-older.odt   อบต.บ้านใหม่, อำเภอสันทราย again, 2567 round 6, 2567-03-20 (an older version of a-)
  d-short.odt   ทต.หนองบัว (as the filing abbreviates it), อำเภอแม่ริม, เชียงใหม่, 2566 round 12
  e-full.odt    เทศบาลตำบลหนองบัว, the same organization in full, 2566 round 12, 2566-10-05
Version 1 ingests them in path order: one organization for the three
บ้านใหม่ filings (name + province), whose district follows the last one;
each new filing supersedes the one before, so c- (the oldest data) ends
current and b- (another district's) is superseded.
"""
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

from filings import odt_filing

raingan, out = sys.argv[1], sys.argv[2]
work = tempfile.mkdtemp(prefix='rg-v1-')


SAO, MUN = 'องค์การบริหารส่วนตำบลบ้านใหม่', 'เทศบาลตำบลหนองบัว'
odt_filing(os.path.join(work, 'a-newer.odt'), SAO, 'สันทราย', 'เชียงใหม่', 2567, 6, 3, 25, 1)
odt_filing(os.path.join(work, 'b-fang.odt'), SAO, 'ฝาง', 'เชียงใหม่', 2567, 6, 3, 22, 2)
odt_filing(os.path.join(work, 'c-older.odt'), SAO, 'สันทราย', 'เชียงใหม่', 2567, 6, 3, 20, 3)
odt_filing(os.path.join(work, 'd-short.odt'), 'ทต.หนองบัว', 'แม่ริม', 'เชียงใหม่', 2566, 12, 9, 28, 4)
odt_filing(os.path.join(work, 'e-full.odt'), MUN, 'แม่ริม', 'เชียงใหม่', 2566, 12, 10, 5, 5)
db = os.path.join(work, 'v1.db')
subprocess.run([raingan, 'ingest', '-j', '1', '--db', db, work], check=True)
con = sqlite3.connect(db)
with open(out, 'w', encoding='utf-8') as fh:
    fh.write('-- v1-store.sql - a store of schema version 1, made by tests/store/make_v1_store.py\n')
    for line in con.iterdump():
        fh.write(line.replace(work, '/data/in') + '\n')
con.close()
shutil.rmtree(work)
print('wrote', out)
