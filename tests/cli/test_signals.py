#!/usr/bin/env python3
"""test_signals.py - Ctrl-C and SIGTERM (issue 14).

Run as: test_signals.py RAINGAN FIXTURES WORK_DIR

An ingest of 200 make_bulk filings is stopped mid-batch by SIGINT (then
another by SIGTERM): it finishes the filing being stored, prints
"interrupted: N stored, M not started", exits 130 (143), and the store
holds exactly N whole filings; the rerun stores the rest and the store's
exports equal those of one uninterrupted run.  On a terminal the progress
line is cleared before the message.  `report` stopped while it writes
leaves no temporary file and the old report as it was."""
import json
import os
import pty
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from clitest import check, finish, fresh, run, skip  # noqa: E402

RAINGAN, FIXTURES, WORK = (os.path.abspath(a) for a in sys.argv[1:4])
HERE = os.path.dirname(os.path.abspath(__file__))
work = fresh(WORK)
src = os.path.join(work, 'in')
py = '/usr/bin/python3' if os.path.exists('/usr/bin/python3') else sys.executable
mk = subprocess.run([py, os.path.join(HERE, '..', 'tools', 'make_bulk.py'), '200', src, '--seed', '14',
                     '--no-expected'], capture_output=True, text=True)
if mk.returncode != 0:
    skip(f'make_bulk.py cannot make the filings: {mk.stderr.strip()[-300:]}')


def count(db):
    try:
        con = sqlite3.connect(db, timeout=0.05)
        try:
            return con.execute('SELECT count(*) FROM filings').fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return 0


def exports(db):
    out = {}
    for table in ('organizations', 'filings', 'projects'):
        out[table] = run(RAINGAN, 'export', '--db', db, '--table', table).stdout
    out['failures'] = run(RAINGAN, 'failures', '--db', db).stdout
    return out


ref_db = os.path.join(work, 'ref.db')
ref = run(RAINGAN, 'ingest', '--json', '-j', '2', '--db', ref_db, src)
total = json.loads(ref.stdout or '{}').get('files', 0)
check(ref.returncode in (0, 1) and total == 200, f'uninterrupted ingest: exit {ref.returncode}, {total} files')
want = exports(ref_db)


def interrupt(db, sig, at_least, stderr=subprocess.PIPE):
    """Start an ingest, send sig once at_least filings are stored.  The ingest runs in
    slices of a few milliseconds (SIGSTOP / SIGCONT) so even a fast one is caught mid-batch."""
    proc = subprocess.Popen([RAINGAN, 'ingest', '-j', '2', '--db', db, src], stdout=subprocess.DEVNULL,
                            stderr=stderr)
    proc.send_signal(signal.SIGSTOP)
    deadline = time.time() + 120
    while proc.poll() is None and time.time() < deadline and count(db) < at_least:
        proc.send_signal(signal.SIGCONT)
        time.sleep(0.003)
        proc.send_signal(signal.SIGSTOP)
    proc.send_signal(sig)
    proc.send_signal(signal.SIGCONT)
    return proc


for sig, status in ((signal.SIGINT, 130), (signal.SIGTERM, 143)):
    db = os.path.join(work, f'store-{sig}.db')
    proc = interrupt(db, sig, 20)
    _, err = proc.communicate(timeout=120)
    err = err.decode()
    what = signal.Signals(sig).name
    check(proc.returncode == status, f'{what}: exit {proc.returncode}, expected {status}; {err[-300:]}')
    m = re.search(r'^raingan: interrupted: (\d+) stored, (\d+) not started', err, re.M)
    check(m is not None, f'{what}: no "interrupted: N stored, M not started" line: {err[-300:]!r}')
    stored = count(db)
    if m:
        check(int(m.group(1)) == stored, f'{what}: says {m.group(1)} stored, the store holds {stored}')
        check(int(m.group(2)) > 0, f'{what}: nothing left "not started": not interrupted mid-batch')
    check(0 < stored < total, f'{what}: {stored} of {total} stored: not interrupted mid-batch')
    con = sqlite3.connect(db)
    check(con.execute('PRAGMA integrity_check').fetchone()[0] == 'ok', f'{what}: integrity_check')
    con.close()
    again = run(RAINGAN, 'ingest', '--json', '-j', '2', '--db', db, src)
    summary = json.loads(again.stdout or '{}')
    check(again.returncode == ref.returncode, f'{what}, rerun: exit {again.returncode}')
    check(summary.get('ingested', 0) + stored == count(db) and count(db) == count(ref_db),
          f'{what}, rerun: {summary}, {count(db)} stored, {count(ref_db)} in one run')
    check(exports(db) == want, f'{what}, rerun: the exports differ from one uninterrupted run')

# on a terminal: the progress line is cleared before the message
db = os.path.join(work, 'store-tty.db')
master, slave = pty.openpty()
proc = interrupt(db, signal.SIGINT, 20, stderr=slave)
os.close(slave)
seen = b''
while True:
    try:
        chunk = os.read(master, 65536)
    except OSError:
        break
    if not chunk:
        break
    seen += chunk
proc.wait(timeout=120)
os.close(master)
text = seen.decode(errors='replace')
check(proc.returncode == 130, f'on a terminal: exit {proc.returncode}')
check('files/s' in text, f'on a terminal: no progress line was drawn: {text[-200:]!r}')
check(re.search(r'\r\x1b\[Kraingan: interrupted: \d+ stored', text) is not None,
      f'on a terminal: the progress line is not cleared before the message: {text[-200:]!r}')

# report stopped while it writes: no temporary file, the old report as it was
out = os.path.join(work, 'report')
os.makedirs(out)
pdf = os.path.join(out, 'report.pdf')
for delay in (0.05, 0.2, 0.5):
    with open(pdf, 'wb') as fh:
        fh.write(b'%PDF-1.5 last night\n')
    proc = subprocess.Popen([RAINGAN, 'report', '--db', ref_db, '-o', pdf], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    time.sleep(delay)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    # -SIGINT: the signal came before the program had started (nothing written yet)
    check(proc.returncode in (0, 130, -signal.SIGINT),
          f'report, SIGINT after {delay} s: exit {proc.returncode} {err[-200:]!r}')
    check(sorted(os.listdir(out)) == ['report.pdf'], f'report, SIGINT after {delay} s: left {os.listdir(out)}')
    if proc.returncode != 0:
        check(open(pdf, 'rb').read() == b'%PDF-1.5 last night\n', f'report, SIGINT after {delay} s: old report changed')
    if proc.returncode == 130:
        check(b'raingan: interrupted' in err, f'report, SIGINT: {err!r}')
    print(f'report, SIGINT after {delay} s: exit {proc.returncode}')

shutil.rmtree(work, ignore_errors=True)
finish('cli_signals')
