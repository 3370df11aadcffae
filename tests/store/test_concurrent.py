#!/usr/bin/env python3
"""test_concurrent.py - readers while `ingest` writes: `report --db` (when
the report command reads the store), `export` and `failures` run again and
again during an ingest of 200 filings; every one of them and the ingest
succeed, and each export is whole (every line of the model export is a
complete JSON object)."""
import csv
import io
import json
import os
import shutil
import subprocess
import tempfile
import time

from common import RAINGAN, bulk, check, count, finish, new_store, raingan

src = bulk(200, 11)
work = tempfile.mkdtemp(prefix='rg-store-concurrent-')
db = new_store(work, 'store')
help_text = raingan('report', '--help').stdout + raingan('report', '--help').stderr
report_reads_store = '--db' in help_text
if not report_reads_store:
    print('note: `raingan report` has no --db yet: testing export and failures as the readers')

writer = subprocess.Popen([RAINGAN, 'ingest', '-j', '2', '--db', db, src],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
while writer.poll() is None and count(db, 'SELECT count(*) FROM filings') < 1:
    time.sleep(0.005)

reads = reports = during = 0
while True:
    running = writer.poll() is None
    during += running
    r = raingan('export', '--db', db, '--table', 'filings')
    check(r.returncode == 0, f'export while ingesting: exit {r.returncode} {r.stderr[-300:]}')
    rows = list(csv.DictReader(io.StringIO(r.stdout, newline='')))
    m = raingan('export', '--db', db, '--format', 'jsonl')
    check(m.returncode == 0, f'export models while ingesting: exit {m.returncode} {m.stderr[-300:]}')
    for line in m.stdout.splitlines():
        try:
            json.loads(line)
        except ValueError:
            check(False, f'a torn model line: {line[:200]!r}')
    f = raingan('failures', '--db', db)
    check(f.returncode == 0, f'failures while ingesting: exit {f.returncode} {f.stderr[-300:]}')
    if report_reads_store and (reports == 0 or running):
        pdf = os.path.join(work, f'report-{reports}.pdf')
        rep = raingan('report', '--db', db, '-o', pdf)
        check(rep.returncode == 0 and os.path.getsize(pdf) > 0 if os.path.exists(pdf) else False,
              f'report while ingesting: exit {rep.returncode} {rep.stderr[-300:]}')
        reports += 1
    reads += 1
    if not running:
        break
    check(len(rows) <= 200, 'more filings than files')

status = writer.wait()
check(status in (0, 1), f'ingest with readers: exit {status} {writer.stderr.read()[-300:]}')
stored = count(db, 'SELECT count(*) FROM filings')
check(stored > 0, 'nothing stored')
check(during > 0, 'no read ran while the ingest was writing')
print(f'{reads} rounds of reads ({during} during the ingest, {reports} reports); {stored} filings stored')

shutil.rmtree(work, ignore_errors=True)
finish('store_concurrent')
