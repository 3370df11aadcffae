#!/usr/bin/env python3
"""test_queue.py - shared batches: `raingan queue add` puts a folder's files
into the store's queue (as absolute paths), `raingan work` processes empty
it, `raingan queue status` shows the progress, `raingan queue clear` forgets
what is finished.

- Two workers at once: every file stored once, the same exports as a plain
  ingest of the folder; a bad file ends failed (and in `failures`), its
  worker's exit status is 1.  Queued again, the files are skipped by their
  SHA-256.
- kill -9 of one of three workers while it holds a claim: the other two
  finish the queue (they wait for its lease to run out and take its files
  again); nothing is stored twice, nothing is lost (the same exports as an
  uninterrupted ingest), and no file ends failed."""
import json
import os
import shutil
import signal
import subprocess
import tempfile
import time

from common import (RAINGAN, bulk, check, column, count, doc_files, exports, finish, new_store, raingan)

work = tempfile.mkdtemp(prefix='rg-store-queue-')


def status(db):
    r = raingan('queue', 'status', '--db', db, '--json')
    check(r.returncode == 0, f'queue status: exit {r.returncode} {r.stderr[-300:]}')
    try:
        return json.loads(r.stdout)
    except ValueError:
        check(False, f'queue status --json: {r.stdout!r}')
        return {}


def workers(db, n, *extra):
    return [subprocess.Popen([RAINGAN, 'work', '--db', db, '-j', '1'] + list(extra),
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(n)]


# ---- two workers, a bad file, queued again ----------------------------------------------------
src = os.path.join(work, 'in')
os.makedirs(src)
for f in doc_files(bulk(200, 11))[:60]:
    shutil.copy(f, src)
with open(os.path.join(src, 'broken.docx'), 'wb') as fh:
    fh.write(b'PK\x03\x04 not a zip')
db = new_store(work, 'shared')
# a relative folder is queued by its absolute path: the workers may run elsewhere
r = subprocess.run([RAINGAN, 'queue', 'add', '--db', db, '--json', 'in'], cwd=work, capture_output=True, text=True)
check(r.returncode == 0, f'queue add: exit {r.returncode} {r.stderr[-300:]}')
check(json.loads(r.stdout or '{}').get('queued') == 61, f'queue add: {r.stdout!r}')
paths = column(db, 'SELECT path FROM queue ORDER BY path')
check(len(paths) == 61 and all(p.startswith(src + os.sep) for p in paths), f'queued paths: {paths[:2]}')
check(status(db) == {'queued': 61, 'claimed': 0, 'expired': 0, 'done': 0, 'failed': 0, 'workers': 0,
                     'total': 61}, 'status after add')
r = raingan('queue', 'add', '--db', db, src, check_status=0)
check('0 queued, 61 waiting already' in r.stderr, f'added twice: {r.stderr.strip()}')
# a path that does not exist is said and not queued (a worker would only fail on it)
r = raingan('queue', 'add', '--db', db, os.path.join(work, 'no-such-folder'), check_status=1)
check('no-such-folder: cannot queue it' in r.stderr and status(db).get('total') == 61,
      f'a missing path: {r.stderr.strip()} {status(db)}')

procs = workers(db, 2)
outs = [p.communicate(timeout=600) for p in procs]
codes = sorted(p.returncode for p in procs)
check(codes == [0, 1], f'worker exits {codes}: {[o[1][-300:] for o in outs]}')
check(sum('broken.docx' in o[1] for o in outs) == 1, 'the bad file is said once')
st = status(db)
check(st.get('done') == 60 and st.get('failed') == 1 and st.get('queued') == 0 and st.get('claimed') == 0,
      f'status after the workers: {st}')
check(count(db, 'SELECT count(*) FROM filings') == 60, 'filings stored')
check(column(db, "SELECT message FROM queue WHERE state = 'failed'")[0] not in (None, ''), 'no reason for the failure')
failures = raingan('failures', '--db', db, check_status=0).stdout
check(os.path.join(src, 'broken.docx') in failures, f'failures: {failures!r}')

ref = new_store(work, 'ref')
raingan('ingest', '--db', ref, src, check_status=1)
want = exports(ref)
got = exports(db)
for name in want:
    check(got[name] == want[name], f'export {name}: the queue differs from a plain ingest')

# queued again (a nightly job): the stored files are skipped by their SHA-256
raingan('queue', 'add', '--db', db, src, check_status=0)
check(status(db).get('queued') == 61, 'finished files are queued again')
r = raingan('work', '--db', db, '--json')
summary = json.loads(r.stdout or '{}')
check(r.returncode == 1 and summary.get('ingested') == 0 and summary.get('skipped') == 60
      and summary.get('parsed') == 1, f'work again: exit {r.returncode} {summary}')
raingan('queue', 'clear', '--db', db, check_status=0)
check(status(db).get('total') == 0, 'clear leaves finished files')
# a worker that finds the queue empty has done its part: exit 0, and says so
r = raingan('work', '--db', db, check_status=0)
check('no file waiting in the queue' in r.stderr, f'work on an empty queue: {r.stderr.strip()}')

# ---- kill -9 of a worker mid-batch ------------------------------------------------------------------
big = os.path.join(work, 'big')   # 120 filings: 3 workers, 16 files a claim
os.makedirs(big)
for f in doc_files(bulk(200, 11))[:120]:
    shutil.copy(f, big)
db = new_store(work, 'kill')
raingan('queue', 'add', '--db', db, big, check_status=0)
ref = new_store(work, 'kill-ref')
raingan('ingest', '--db', ref, big, check_status=0)
want = exports(ref)

LEASE = '2'
procs = workers(db, 3, '--lease', LEASE)
victim = procs[0]
holding = 0
deadline = time.time() + 120
# catch the victim holding a claim, with some files done: stop it, look, kill it
while time.time() < deadline and victim.poll() is None:
    time.sleep(0.02)
    victim.send_signal(signal.SIGSTOP)
    # a short timeout: on SQLite the stopped worker may hold a lock a reader waits for (a
    # checkpoint), and the other workers must not wait long on it either
    holding = count(db, f"SELECT count(*) FROM queue WHERE state = 'claimed' AND worker LIKE '%:{victim.pid}'",
                    timeout=0.05)
    if holding and count(db, "SELECT count(*) FROM queue WHERE state = 'done'", timeout=0.05) >= 20:
        victim.send_signal(signal.SIGKILL)
        break
    victim.send_signal(signal.SIGCONT)
victim.wait()
check(victim.returncode == -signal.SIGKILL and holding > 0,
      f'the worker was not killed holding a claim (exit {victim.returncode}, {holding} claimed)')
mid = status(db)
for p in procs[1:]:
    out, err = p.communicate(timeout=600)
    check(p.returncode == 0, f'a surviving worker: exit {p.returncode} {err[-400:]}')
st = status(db)
check(st.get('done') == 120 and st.get('failed') == 0 and st.get('claimed') == 0 and st.get('expired') == 0,
      f'status after the kill: {st} (at the kill: {mid})')
retaken = count(db, 'SELECT count(*) FROM queue WHERE attempts > 1')
check(retaken >= 1, 'no file of the killed worker was claimed again')
check(count(db, 'SELECT count(*) FROM filings') == 120, 'a filing stored twice, or lost')
got = exports(db)
for name in want:
    check(got[name] == want[name], f'export {name}: after the kill differs from an uninterrupted ingest')
print(f'killed a worker holding {holding} files; {retaken} taken again; status at the kill {mid}')

# ---- Ctrl-C of a worker: what it stored is done, the rest goes back at once -------------------------
db = new_store(work, 'sigint')
raingan('queue', 'add', '--db', db, big, check_status=0)
victim = workers(db, 1, '--lease', '600')[0]   # a lease no rerun of this test would wait for
deadline = time.time() + 120
while time.time() < deadline and victim.poll() is None and \
        count(db, "SELECT count(*) FROM queue WHERE state = 'done'", timeout=0.05) < 20:
    time.sleep(0.02)
victim.send_signal(signal.SIGINT)
out, err = victim.communicate(timeout=120)
st = status(db)
check(victim.returncode == 130 and 'interrupted:' in err, f'worker after SIGINT: exit {victim.returncode} {err[-300:]}')
check(st.get('claimed') == 0 and st.get('expired') == 0 and st.get('done', 0) >= 20
      and st.get('done', 0) + st.get('queued', 0) == 120, f'status after a SIGINT: {st}')
check(count(db, 'SELECT count(*) FROM filings') == st.get('done'), 'the files stored are the files done')
t0 = time.time()
raingan('work', '--db', db, '--lease', '600', check_status=0)
check(time.time() - t0 < 60 and status(db).get('done') == 120, 'the rerun did not take the rest at once')
check(max(map(int, column(db, 'SELECT attempts FROM queue'))) <= 1, 'a file given back counts as a claim')

shutil.rmtree(work, ignore_errors=True)
finish('store_queue')
