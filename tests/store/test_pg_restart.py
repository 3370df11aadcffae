#!/usr/bin/env python3
"""test_pg_restart.py - PostgreSQL going away under a batch.  The test runs
a server of its own (tests/store/pg_server.sh), since it restarts it.

- The server restarted (pg_ctl restart: every connection dropped) while an
  ingest of 120 filings runs: the ingest waits for the server and goes on;
  it ends with exit 0, or 1 with the files it could not store recorded as
  failed, never 2; a rerun completes them: the same exports as an
  uninterrupted ingest.
- The same under two queue workers: they finish the queue.
- A file whose transaction loses its connection every time (a trigger ends
  the session): retried, then recorded as failed with the reason, and the
  batch goes on; once the trouble is gone, a rerun stores it."""
import os
import shutil
import subprocess
import sys
import tempfile
import time

from common import DATA, HERE, RAINGAN, bulk, check, count, doc_files, exports, finish, psql, raingan

state = os.path.join(DATA, 'pg-restart-server')
server = os.path.join(HERE, 'pg_server.sh')
r = subprocess.run(['sh', server, 'start', state], capture_output=True, text=True)
if r.returncode != 0:
    print(f'cannot start a server: {r.stderr}', file=sys.stderr)
    sys.exit(1)
os.environ['PGSERVICEFILE'] = os.path.join(state, 'pg_service.conf')
work = tempfile.mkdtemp(prefix='rg-store-pg-restart-')


def new_db(name):
    psql('service=raingan_test', f'DROP DATABASE IF EXISTS {name}', f'CREATE DATABASE {name}')
    return f'service=raingan_test dbname={name}'


def restart_when(db, at_least, procs):
    """Restart the server once the store holds at_least filings (the batch still running)."""
    deadline = time.time() + 300
    while time.time() < deadline and any(p.poll() is None for p in procs):
        if count(db, 'SELECT count(*) FROM filings') >= at_least:
            break
        time.sleep(0.05)
    running = all(p.poll() is None for p in procs)
    stored = count(db, 'SELECT count(*) FROM filings')
    subprocess.run(['sh', server, 'restart', state], check=True, capture_output=True)
    check(running, f'the batch ended before the restart ({stored} stored)')
    return stored


try:
    src = os.path.join(work, 'in')   # 120 filings: enough to restart the server in the middle
    os.makedirs(src)
    for f in doc_files(bulk(200, 11))[:120]:
        shutil.copy(f, src)
    ref = new_db('rgt_restart_ref')
    raingan('ingest', '--db', ref, src, check_status=0)
    want = exports(ref)

    # ---- an ingest ---------------------------------------------------------------------------------
    db = new_db('rgt_restart_ingest')
    p = subprocess.Popen([RAINGAN, 'ingest', '-j', '2', '--db', db, src],
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    at = restart_when(db, 30, [p])
    err = p.communicate(timeout=600)[1]
    check(p.returncode in (0, 1), f'the ingest through a restart: exit {p.returncode} {err[-500:]}')
    failed = count(db, 'SELECT count(*) FROM failures')
    check(p.returncode == (1 if failed else 0), f'exit {p.returncode} with {failed} recorded failures')
    stored = count(db, 'SELECT count(*) FROM filings')
    print(f'ingest: restarted at {at} filings; it stored {stored}, recorded {failed} as failed')
    r = raingan('ingest', '--db', db, src)
    check(r.returncode == 0, f'the rerun: exit {r.returncode} {r.stderr[-300:]}')
    got = exports(db)
    for name in want:
        check(got[name] == want[name], f'export {name}: through a restart differs from an uninterrupted ingest')

    # ---- two queue workers ------------------------------------------------------------------------------
    db = new_db('rgt_restart_queue')
    raingan('queue', 'add', '--db', db, src, check_status=0)
    procs = [subprocess.Popen([RAINGAN, 'work', '-j', '1', '--lease', '5', '--db', db],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    at = restart_when(db, 30, procs)
    for p in procs:
        err = p.communicate(timeout=600)[1]
        check(p.returncode in (0, 1), f'a worker through a restart: exit {p.returncode} {err[-500:]}')
    left = count(db, "SELECT count(*) FROM queue WHERE state IN ('queued', 'claimed')")
    check(left == 0, f'{left} files left in the queue')
    failed = count(db, "SELECT count(*) FROM queue WHERE state = 'failed'")
    print(f'queue: restarted at {at} filings; {failed} failed')
    if failed:
        raingan('queue', 'add', '--db', db, src, check_status=0)
        raingan('work', '--db', db, check_status=0)
    got = exports(db)
    for name in want:
        check(got[name] == want[name], f'export {name}: the queue through a restart differs')

    # ---- a connection lost every time for one file --------------------------------------------------------
    db = new_db('rgt_restart_cut')
    files = doc_files(src)[:8]
    cut = os.path.join(work, 'cut-me.odt')
    shutil.copy(doc_files(src)[8], cut)
    raingan('ingest', '--db', db, files[0], check_status=0)   # the schema, for the trigger
    psql(db, "CREATE FUNCTION cut() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
             " IF NEW.source_path LIKE '%cut-me%' THEN PERFORM pg_terminate_backend(pg_backend_pid()); END IF;"
             " RETURN NEW; END $$",
         'CREATE TRIGGER cut BEFORE INSERT ON filings FOR EACH ROW EXECUTE FUNCTION cut()')
    r = raingan('ingest', '--db', db, cut, *files)
    check(r.returncode == 1, f'a file that loses its connection: exit {r.returncode} {r.stderr[-400:]}')
    check(count(db, 'SELECT count(*) FROM filings') == 8, 'the other files are stored')
    listed = raingan('failures', '--db', db, check_status=0).stdout
    check(cut in listed and 'lost the connection' in listed, f'failures: {listed!r}')
    psql(db, 'DROP TRIGGER cut ON filings')
    raingan('ingest', '--db', db, cut, check_status=0)
    check(count(db, 'SELECT count(*) FROM failures') == 0, 'the failure stays after the rerun')
finally:
    subprocess.run(['sh', server, 'stop', state], capture_output=True)
    shutil.rmtree(work, ignore_errors=True)
finish('store_pg_restart')
