#!/usr/bin/env python3
"""test_kill9.py - kill -9 in the middle of ingesting 200 make_bulk filings
(twice: in the first run and in the rerun), then a last run: the store
holds only whole filings after each kill (and passes SQLite's integrity
check), and every export equals that of one uninterrupted run."""
import os
import shutil
import signal
import sqlite3
import subprocess
import tempfile
import time

from common import PG, RAINGAN, bulk, check, count, exports, finish, new_store, raingan, skip

src = bulk(200, 11)
work = tempfile.mkdtemp(prefix='rg-store-kill9-')
ref_db, db = new_store(work, 'ref'), new_store(work, 'crash')

ref = raingan('ingest', '-j', '2', '--db', ref_db, src)
check(ref.returncode in (0, 1), f'uninterrupted run: exit {ref.returncode} {ref.stderr[-400:]}')
total = count(ref_db, 'SELECT count(*) FROM filings')
if total < 100:
    skip(f'the parser stores only {total} of 200 make_bulk filings: too few to interrupt')
want = exports(ref_db)


def whole_filings_only(path):
    """After a kill: integrity, and no filing without its projects (one transaction each)."""
    if not PG:   # a server keeps its own files whole
        con = sqlite3.connect(path)
        try:
            check(con.execute('PRAGMA integrity_check').fetchone()[0] == 'ok', 'integrity_check after kill -9')
        finally:
            con.close()
    bare = 'SELECT count(*) FROM filings f WHERE NOT EXISTS (SELECT 1 FROM projects p WHERE p.filing_id = f.id)'
    half, ref_half = count(path, bare), count(ref_db, bare)
    check(half <= ref_half, f'{half} filings without their projects after kill -9')


def kill_when(stored_at_least, jobs):
    """Start an ingest, kill -9 it once it has stored that many filings; how many were stored.
    The ingest runs in slices of a few milliseconds (SIGSTOP / SIGCONT) and is looked at
    between them, so even a fast ingest on a busy machine is caught mid-batch, maybe
    mid-transaction."""
    proc = subprocess.Popen([RAINGAN, 'ingest', '-j', str(jobs), '--db', db, src],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    proc.send_signal(signal.SIGSTOP)
    deadline = time.time() + 300
    while proc.poll() is None and time.time() < deadline:
        # a short timeout: the stopped ingest may hold a lock a reader waits for
        if count(db, 'SELECT count(*) FROM filings', timeout=0.05) >= stored_at_least:
            proc.send_signal(signal.SIGKILL)   # a stopped process dies as well
            break
        proc.send_signal(signal.SIGCONT)
        time.sleep(0.005)
        proc.send_signal(signal.SIGSTOP)
    if proc.poll() is None and time.time() >= deadline:
        proc.send_signal(signal.SIGKILL)
    proc.wait()
    n = count(db, 'SELECT count(*) FROM filings')
    check(proc.returncode == -signal.SIGKILL and n < total,
          f'the ingest was not interrupted (exit {proc.returncode}, {n} of {total} stored)')
    return n


first = kill_when(total // 10, 1)
whole_filings_only(db)
second = kill_when(first + total // 3, 2)
whole_filings_only(db)
check(second > first, f'the rerun stored nothing more before its kill ({first} then {second})')
print(f'killed at {first} and at {second} of {total} filings')

last = raingan('ingest', '--db', db, src)
check(last.returncode == ref.returncode, f'last run: exit {last.returncode}, uninterrupted {ref.returncode}')
got = exports(db)
for name in want:
    check(got[name] == want[name], f'export {name} differs from the uninterrupted run')

shutil.rmtree(work, ignore_errors=True)
finish('store_kill9')
