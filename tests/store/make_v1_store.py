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
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'tools'))
import make_bulk  # noqa: E402

raingan, out = sys.argv[1], sys.argv[2]
work = tempfile.mkdtemp(prefix='rg-v1-')
rng = random.Random(7)


def filing(name, prefix, short, district, fy, rnd, month, day, seed):
    f = make_bulk.make_filing(random.Random(seed), 1)
    f['projects'] = f['projects'][:4]
    for i, p in enumerate(f['projects']):
        p['seq'] = str(i + 1)
    cnt = {s: sum(1 for p in f['projects'] if p['status'] == s) for s in make_bulk.STATUSES}
    total = round(sum(p['disbursed'] for p in f['projects']), 2)
    budget = sum(p['budget'] for p in f['projects'])
    f['organization'] = {'name': prefix + name, 'type': 'sao', 'district': district, 'province': 'เชียงใหม่'}
    if short:   # the filing abbreviates its organization's name everywhere
        f['organization']['name'] = short + name
    f['fiscal_year'], f['round_months'] = fy, rnd
    f['stated'] = {'projects_total': len(f['projects']), 'pending_report': cnt['pending_report'],
                   'in_progress': cnt['in_progress'], 'completed': cnt['completed'],
                   'not_possible': cnt['not_possible'], 'disbursed_total': total,
                   'disbursed_percent': float(f'{total / budget * 100:.2f}') if budget else 0.0}
    f['_extra'].update({'day': day, 'month': month, 'cnt': cnt})
    return f


files = {
    'a-newer.odt': filing('บ้านใหม่', 'องค์การบริหารส่วนตำบล', None, 'สันทราย', 2567, 6, 3, 25, 1),
    'b-fang.odt': filing('บ้านใหม่', 'องค์การบริหารส่วนตำบล', None, 'ฝาง', 2567, 6, 3, 22, 2),
    'c-older.odt': filing('บ้านใหม่', 'องค์การบริหารส่วนตำบล', None, 'สันทราย', 2567, 6, 3, 20, 3),
    'd-short.odt': filing('หนองบัว', 'เทศบาลตำบล', 'ทต.', 'แม่ริม', 2566, 12, 9, 28, 4),
    'e-full.odt': filing('หนองบัว', 'เทศบาลตำบล', None, 'แม่ริม', 2566, 12, 10, 5, 5),
}
for name, f in files.items():
    make_bulk.write_odt(f, os.path.join(work, name))
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
