#!/usr/bin/env python3
"""test_wal_race.py - SQLite only: a process stopped inside the WAL-index
(a worker suspended by Ctrl-Z or SIGSTOP in the middle of a checkpoint)
keeps the -shm file's read-mark locks, and SQLite gives up beginning a read
transaction after about 10 s of its own retries with SQLITE_PROTOCOL
("locking protocol").  That error has done nothing and is transient
(https://www.sqlite.org/rescode.html#protocol): raingan begins again, as it
waits on a busy lock, instead of failing the job.  (CI saw a queue worker
exit 2 on it in store_queue, with another worker stopped and started.)

Here a helper process holds the read-mark locks of the WAL-index (bytes
123-127 of the -shm file: WALINDEX_LOCK_OFFSET 120 + WAL_READ_LOCK(0..4),
the layout of https://www.sqlite.org/walformat.html) for 15 s, while a
read (`raingan export`) and a write (`raingan ingest`) wait; both must still
be waiting past SQLite's 10 s, and both succeed once the locks are let go."""
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

from common import PG, RAINGAN, bulk, check, count, doc_files, finish, new_store, raingan, skip

if PG:
    skip('a test of SQLite\'s WAL-index locks')

HOLD = 15   # seconds: past SQLite's own ~10 s of retries before SQLITE_PROTOCOL

# takes the read-mark locks of the -shm file named in argv[1], says so, holds them until
# its standard input closes (fcntl locks: a process of its own, so they conflict with raingan's)
LOCKER = r'''
import fcntl, os, sys
fd = os.open(sys.argv[1], os.O_RDWR)
fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 5, 123, os.SEEK_SET)
print('locked', flush=True)
sys.stdin.read()
'''

files = doc_files(bulk(200, 11))[:3]
work = tempfile.mkdtemp(prefix='rg-store-wal-race-')
db = new_store(work, 'race')
first, third = os.path.join(work, 'first'), os.path.join(work, 'third')
os.makedirs(first)
os.makedirs(third)
for f in files[:2]:
    shutil.copy(f, first)
shutil.copy(files[2], third)
raingan('ingest', '--db', db, first, check_status=0)
before = count(db, 'SELECT count(*) FROM filings')

# an open connection keeps the WAL-index in use (no recovery by the next opener)
con = sqlite3.connect(db)
check(con.execute('PRAGMA journal_mode').fetchone()[0] == 'wal', 'the store is not in WAL mode')
con.execute('SELECT count(*) FROM filings').fetchall()
con.commit()

locker = subprocess.Popen([sys.executable, '-c', LOCKER, db + '-shm'], stdin=subprocess.PIPE,
                          stdout=subprocess.PIPE, text=True)
check(locker.stdout.readline().strip() == 'locked', 'the helper could not lock the WAL-index')
start = time.time()
reader = subprocess.Popen([RAINGAN, 'export', '--db', db, '--format', 'csv', '--table', 'filings'],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
writer = subprocess.Popen([RAINGAN, 'ingest', '--db', db, third],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
time.sleep(HOLD)
waiting = reader.poll() is None, writer.poll() is None
locker.stdin.close()
locker.wait()
out_r, err_r = reader.communicate(timeout=120)
out_w, err_w = writer.communicate(timeout=120)
took = time.time() - start
con.close()

check(all(waiting), f'not waiting for the WAL-index after {HOLD} s (reader, writer): {waiting}; '
      f'reader exit {reader.returncode} {err_r.strip()[-300:]}; writer exit {writer.returncode} {err_w.strip()[-300:]}')
check(reader.returncode == 0, f'the read: exit {reader.returncode} {err_r.strip()[-300:]}')
check('locking protocol' not in err_r + err_w, f'SQLITE_PROTOCOL reached the user: {err_r} {err_w}')
# a header and the filings: those before, or those and the writer's when it committed first
check(len(out_r.splitlines()) in (before + 1, before + 2),
      f'the read gave {len(out_r.splitlines())} lines, want {before + 1} or {before + 2}')
check(writer.returncode == 0, f'the write: exit {writer.returncode} {err_w.strip()[-300:]}')
check(count(db, 'SELECT count(*) FROM filings') == before + 1, 'the waiting ingest did not store its filing')
print(f'a read and a write waited {took:.1f} s for the WAL-index (held {HOLD} s) and went on')
finish('store_wal_race')
