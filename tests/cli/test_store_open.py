#!/usr/bin/env python3
"""test_store_open.py - what --db names is checked before it is used (issue 14).

Run as: test_store_open.py RAINGAN FIXTURES WORK_DIR

- A damaged store: random bytes written into the middle of a store (whole
  pages, so the damage is certain): ingest (and run) refuse it with exit 2,
  say it is damaged and what to do, and leave its bytes untouched; export
  and report refuse it too.
- A file that is not a store (a PDF given as --db) is refused for writing.
- --db in a folder that does not exist: refused (no folder is made, no
  store), with what to do; a new store in an existing folder says so.
- A store that does not exist, for reading: not SQLite's "unable to open
  database file" but what to do."""
import os
import random
import shutil
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from clitest import check, corpus_files, finish, fresh, run, stderr_lines_prefixed  # noqa: E402

RAINGAN, FIXTURES, WORK = (os.path.abspath(a) for a in sys.argv[1:4])
work = fresh(WORK)
files = corpus_files(FIXTURES)
half = len(files) // 2

# ---- a damaged store ----
db = os.path.join(work, 'store.db')
r = run(RAINGAN, 'ingest', '--db', db, *files[:half])
check(r.returncode == 0, f'ingest: exit {r.returncode} {r.stderr[-300:]}')
check('a new store' in r.stderr, f'a new store is not said: {r.stderr!r}')
con = sqlite3.connect(db)
page = con.execute('PRAGMA page_size').fetchone()[0]
pages = con.execute('PRAGMA page_count').fetchone()[0]
con.close()
check(pages >= 8, f'the store has only {pages} pages')
with open(db, 'r+b') as fh:   # random bytes over four whole pages in the middle
    fh.seek((pages // 2) * page)
    fh.write(random.Random(14).randbytes(4 * page))
damaged = open(db, 'rb').read()
for args in (['ingest', '--db', db, *files[half:]], ['run', '--db', db, *files[half:], '-o', os.path.join(work, 'r.pdf')]):
    r = run(RAINGAN, *args)
    what = f'{args[0]} into a damaged store'
    check(r.returncode == 2, f'{what}: exit {r.returncode}, expected 2; {r.stderr[-300:]}')
    check('damaged' in r.stderr and ('backup' in r.stderr or 'new store' in r.stderr),
          f'{what}: the message does not say it is damaged and what to do: {r.stderr!r}')
    stderr_lines_prefixed(r, what)
    check(open(db, 'rb').read() == damaged, f'{what}: the store was written to')
    check(not os.path.exists(db + '-wal') or os.path.getsize(db + '-wal') == 0, f'{what}: a WAL was written')
check(not os.path.exists(os.path.join(work, 'r.pdf')), 'run wrote a report from a damaged store')
for args in (['export', '--db', db, '--table', 'projects'], ['report', '--db', db, '-o', os.path.join(work, 'r.pdf')]):
    r = run(RAINGAN, *args)
    check(r.returncode == 2, f'{args[0]} of a damaged store: exit {r.returncode}, expected 2')

# ---- another program's SQLite database: refused, its bytes untouched (not even made WAL) ----
foreign = os.path.join(work, 'customers.db')
con = sqlite3.connect(foreign)
con.execute('CREATE TABLE customers (id INTEGER)')
con.commit()
con.close()
before = open(foreign, 'rb').read()
r = run(RAINGAN, 'ingest', '--db', foreign, files[0])
check(r.returncode == 2 and 'not a raingan store' in r.stderr, f'ingest --db foreign: exit {r.returncode} {r.stderr!r}')
stderr_lines_prefixed(r, 'ingest --db foreign')
check(open(foreign, 'rb').read() == before, "ingest changed another program's database")

# a tiny file that is not SQLite (SQLite would take it for an empty database and overwrite
# it), and another program's table named schema_version (Flyway's): refused, untouched
for name, make in (('one-byte.db', lambda f: open(f, 'wb').write(b'x')),
                   ('flyway.db', lambda f: sqlite3.connect(f).executescript(
                       'CREATE TABLE schema_version (installed_rank INTEGER, version TEXT);'))):
    path = os.path.join(work, name)
    make(path)
    before = open(path, 'rb').read()
    r = run(RAINGAN, 'ingest', '--db', path, files[0])
    check(r.returncode == 2 and 'not a' in r.stderr, f'ingest --db {name}: exit {r.returncode} {r.stderr!r}')
    check(open(path, 'rb').read() == before, f'ingest changed {name}')

# ---- not a store ----
pdf = os.path.join(work, 'not-a-store.db')
with open(pdf, 'wb') as fh:
    fh.write(b'%PDF-1.5\n' + bytes(8192))
before = open(pdf, 'rb').read()
r = run(RAINGAN, 'ingest', '--db', pdf, files[0])
check(r.returncode == 2 and 'not a store' in r.stderr, f'ingest --db PDF: exit {r.returncode} {r.stderr!r}')
check(open(pdf, 'rb').read() == before, 'ingest --db PDF changed the file')

# ---- --db in a missing folder: refused, nothing made ----
typo = os.path.join(work, 'ouput', 'raingan.db')
for args in (['ingest', '--db', typo, files[0]], ['run', '--db', typo, files[0], '-o', os.path.join(work, 'x.pdf')]):
    r = run(RAINGAN, *args)
    check(r.returncode == 2, f'{args[0]} --db missing/: exit {r.returncode}, expected 2')
    check('does not exist' in r.stderr and os.path.dirname(typo) in r.stderr,
          f'{args[0]} --db missing/: {r.stderr!r}')
    check(not os.path.exists(os.path.dirname(typo)), f'{args[0]} --db missing/ made the folder')
    stderr_lines_prefixed(r, f'{args[0]} --db missing/')

# ---- a missing store, for reading ----
absent = os.path.join(work, 'absent.db')
for args in (['failures', '--db', absent], ['export', '--db', absent],
             ['report', '--db', absent, '-o', os.path.join(work, 'x.pdf')]):
    r = run(RAINGAN, *args)
    check(r.returncode == 2, f'{args[0]} of a missing store: exit {r.returncode}, expected 2')
    check('unable to open database file' not in r.stderr and 'raingan ingest' in r.stderr and absent in r.stderr,
          f'{args[0]} of a missing store: {r.stderr!r}')
    check(not os.path.exists(absent), f'{args[0]} made the missing store')
    stderr_lines_prefixed(r, f'{args[0]} of a missing store')

shutil.rmtree(work, ignore_errors=True)
finish('cli_store_open')
