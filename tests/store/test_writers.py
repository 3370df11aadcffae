#!/usr/bin/env python3
"""test_writers.py - many writers at once: three `raingan ingest` processes
(three machines writing one store) run at the same time over overlapping
sets of 300 filings (each file in two of the sets) and give the same store
as one process over their union: every export byte for byte, each filing
stored once.  Among the files are six versions of one organization's
report, spread over the three sets, so that the choice of its current
filing races between the writers: the newest data date is current whoever
stored what, and the older ones point to it.  The three start on an empty
database: the schema is made once (the migration's lock), not three times."""
import csv
import io
import os
import shutil
import subprocess
import tempfile

from common import RAINGAN, bulk, check, column, count, doc_files, exports, finish, new_store, odt_filing

work = tempfile.mkdtemp(prefix='rg-store-writers-')
files = doc_files(bulk(300, 11))
versions = os.path.join(work, 'versions')
os.makedirs(versions)
SAO = 'องค์การบริหารส่วนตำบลบ้านหนองเต่า'
days = [20, 25, 21, 28, 22, 27]   # the newest (28 March) is the fourth
for k, day in enumerate(days):
    path = os.path.join(versions, f'v{k}.odt')
    odt_filing(path, SAO, 'สันทราย', 'เชียงใหม่', 2567, 6, 3, day, 40 + k)
    files.insert(k * 50 + 25, path)   # spread over the sets below
n = len(files)
# three overlapping sets: every file in exactly two of them
third = n // 3
sets = [files[:2 * third], files[third:], files[:third] + files[2 * third:]]
union = sorted(set(files))
check(len(union) == n == 306, f'{len(union)} distinct files')

ref = new_store(work, 'one')
r = subprocess.run([RAINGAN, 'ingest', '-j', '2', '--db', ref, '-'], input=''.join(f + '\n' for f in union),
                   capture_output=True, text=True, timeout=600)
check(r.returncode == 0, f'one process: exit {r.returncode} {r.stderr[-400:]}')
want = exports(ref)

db = new_store(work, 'three')
# the same paths in every set (a filing keeps the first name it was stored under)
procs = [subprocess.Popen([RAINGAN, 'ingest', '-j', '1', '--db', db, '-'], stdin=subprocess.PIPE,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True) for _ in sets]
for p, s in zip(procs, sets):   # all three started before any gets its list
    p.stdin.write(''.join(f + '\n' for f in s))
    p.stdin.close()
statuses = []
for p in procs:
    err = p.stderr.read()
    statuses.append(p.wait())
    check(p.returncode == 0, f'a writer: exit {p.returncode} {err[-400:]}')
    check('deadlock' not in err and 'serializ' not in err, f'a retried error reached the user: {err[-300:]}')

check(len(column(db, 'SELECT version FROM schema_version')) == 1, 'the schema made more than once')
got = exports(db)
for name in want:
    check(got[name] == want[name], f'export {name}: three writers differ from one')
check(count(db, 'SELECT count(*) FROM filings') == n, 'a filing stored twice, or lost')
check(count(db, 'SELECT count(DISTINCT sha256) FROM filings') == n, 'two rows of one sha256')
filings = list(csv.DictReader(io.StringIO(got['filings.csv'], newline='')))
mine = [f for f in filings if f['organization'] == SAO]
current = [os.path.basename(f['source_path']) for f in mine if f['is_current'] == '1']
check(current == ['v3.odt'], f'the current version: {current}')
newest = next((f['sha256'] for f in mine if f['is_current'] == '1'), None)
check(all(f['superseded_by'] == newest for f in mine if f['is_current'] == '0') and len(mine) == 6,
      f'the older versions: {[(f["source_path"], f["superseded_by"]) for f in mine]}')
print(f'3 writers, {n} filings, exit statuses {statuses}')

shutil.rmtree(work, ignore_errors=True)
finish('store_writers')
