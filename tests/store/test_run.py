#!/usr/bin/env python3
"""test_run.py - the nightly job: `raingan run PATH... -o report.pdf` ingests
then writes the consolidated report from the store; run again on the same
files it stores nothing new and writes the same PDF bytes (with
SOURCE_DATE_EPOCH fixed); a bad file makes the exit status 1 but the report
is still written; a store that cannot be opened is exit status 2."""
import os
import shutil
import tempfile

from common import PG, check, finish, good_files, new_store, raingan, skip, unopenable_store

os.environ['SOURCE_DATE_EPOCH'] = '1700000000'
work = tempfile.mkdtemp(prefix='rg-store-run-')
src = os.path.join(work, 'in')
os.makedirs(src)
for f in good_files():
    shutil.copy(f, src)
# as in the README: out/ is made first (raingan makes no folder, issue 14)
os.makedirs(os.path.join(work, 'out'))
db = new_store(work, 'store') if PG else os.path.join(work, 'out', 'raingan.db')
pdf = os.path.join(work, 'out', 'report.pdf')

first = raingan('run', '--db', db, src, '-o', pdf)
if 'not available in this build' in first.stderr:
    skip('the PDF report is not in this build')
check(first.returncode == 0, f'run: exit {first.returncode} {first.stderr[-400:]}')
check(os.path.exists(pdf) and open(pdf, 'rb').read(5) == b'%PDF-', 'run wrote no PDF')
before = open(pdf, 'rb').read() if os.path.exists(pdf) else b''

os.remove(pdf) if os.path.exists(pdf) else None
second = raingan('run', '--db', db, src, '-o', pdf)
check(second.returncode == 0, f'second run: exit {second.returncode} {second.stderr[-400:]}')
check('0 ingested' in second.stderr, f'second run ingested again: {second.stderr[-300:]}')
check(os.path.exists(pdf) and open(pdf, 'rb').read() == before, 'the same store gave another PDF')

with open(os.path.join(src, 'broken.docx'), 'wb') as fh:
    fh.write(b'PK\x03\x04 not really a zip')
third = raingan('run', '--db', db, src, '-o', pdf)
check(third.returncode == 1, f'run with a bad file: exit {third.returncode}, expected 1')
check(os.path.exists(pdf), 'no report after a bad file')

bad_db = raingan('run', '--db', unopenable_store(work), src, '-o', pdf)
check(bad_db.returncode == 2, f'run on an unopenable store: exit {bad_db.returncode}, expected 2')
missing_o = raingan('run', '--db', db, src)
check(missing_o.returncode == 2, f'run without -o: exit {missing_o.returncode}, expected 2')

shutil.rmtree(work, ignore_errors=True)
finish('store_run')
