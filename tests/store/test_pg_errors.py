#!/usr/bin/env python3
"""test_pg_errors.py - a PostgreSQL store that cannot be used: one clear
line on stderr, exit status 2, nothing written, and never a password.

- a wrong password (TCP, password authentication), for every command that
  takes --db; the right one from PGPASSWORD and from a ~/.pgpass file works;
- a password written into --db: refused before connecting, not repeated;
- nobody listening (a closed port, a missing socket folder);
- a database of a newer schema: refused, left as it was;
- a database that is not UTF8."""
import os
import shutil
import socket
import tempfile

from common import PG, TARGET, check, dump, finish, good_files, new_store, psql, raingan, skip

if not PG:
    skip('PostgreSQL only')
work = tempfile.mkdtemp(prefix='rg-store-pg-errors-')
src = os.path.join(work, 'in')
os.makedirs(src)
for f in good_files()[:2]:
    shutil.copy(f, src)
pdf = os.path.join(work, 'r.pdf')
RIGHT, WRONG = 'right-horse-battery', 'wrong-horse-staple'


def port():
    with open(os.environ['PGSERVICEFILE']) as fh:
        return next(line.split('=', 1)[1].strip() for line in fh if line.startswith('port='))


def commands(db):
    """Every command that takes --db, on that store."""
    return [('ingest', '--db', db, src), ('failures', '--db', db), ('export', '--db', db),
            ('report', '--db', db, '-o', pdf), ('run', '--db', db, src, '-o', pdf),
            ('queue', 'status', '--db', db), ('queue', 'add', '--db', db, src), ('work', '--db', db)]


def refused(db, words, secret=None, env=None):
    """Every command refuses db with exit 2 and one line holding words (never the secret)."""
    for args in commands(db):
        r = raingan(*args) if env is None else run_env(env, *args)
        what = ' '.join(args[:2])
        check(r.returncode == 2, f'{what}: exit {r.returncode}, expected 2')
        lines = r.stderr.splitlines()
        check(len(lines) == 1 and words in r.stderr, f'{what}: not one clear line: {r.stderr!r}')
        if secret:
            check(secret not in r.stderr + r.stdout, f'{what}: the password is shown')


def run_env(env, *args):
    old = dict(os.environ)
    os.environ.update(env)
    try:
        return raingan(*args)
    finally:
        os.environ.clear()
        os.environ.update(old)


# a role with a password, reached over TCP (local sockets are trusted on the test server)
psql(TARGET, 'DROP DATABASE IF EXISTS rgt_errors_pw', 'DROP ROLE IF EXISTS rg_pw',
     f"CREATE ROLE rg_pw LOGIN PASSWORD '{RIGHT}'", 'CREATE DATABASE rgt_errors_pw OWNER rg_pw')
tcp = f'host=127.0.0.1 port={port()} user=rg_pw dbname=rgt_errors_pw'
refused(tcp, 'password authentication failed', WRONG, {'PGPASSWORD': WRONG})
check(psql(f'{TARGET} dbname=rgt_errors_pw', 'SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()')
      .strip() == '0', 'something was written with a wrong password')
# the right one, from PGPASSWORD and from a password file
r = run_env({'PGPASSWORD': RIGHT}, 'ingest', '--db', tcp, src)
check(r.returncode == 0, f'PGPASSWORD: exit {r.returncode} {r.stderr[-300:]}')
passfile = os.path.join(work, 'pgpass')
with open(passfile, 'w') as fh:
    fh.write(f'127.0.0.1:{port()}:rgt_errors_pw:rg_pw:{RIGHT}\n')
os.chmod(passfile, 0o600)
r = run_env({'PGPASSFILE': passfile}, 'export', '--db', tcp)
check(r.returncode == 0 and len(r.stdout.splitlines()) == 3, f'~/.pgpass: exit {r.returncode} {r.stdout!r} {r.stderr[-300:]}')
check(RIGHT not in r.stdout + r.stderr, 'the password is shown')

# a password in --db: refused before any connection
for db in (f'postgresql://rg_pw:{RIGHT}@127.0.0.1:{port()}/rgt_errors_pw',
           f"{tcp} password='{RIGHT}'"):
    refused(db, 'PGPASSWORD, ~/.pgpass or a service file', RIGHT)

# a password under a misspelt key (libpq refuses the key): the reason names the key, never the value
for db in (f'{tcp} PASSWORD={RIGHT}', f'{tcp} pass={RIGHT} more', f'{tcp} pwd=\'{RIGHT}\'',
           f'postgresql://rg_pw@127.0.0.1:{port()}/rgt_errors_pw?PASSWORD={RIGHT}'):
    refused(db, 'not a valid connection string', RIGHT)

# passwords where a URI's reader would not look for them: never shown either
for db in (f'postgresql://rg_pw:ab@{RIGHT}@127.0.0.1:{port()}/rgt_errors_pw',   # '@' in the password
           f'postgresql://rg_pw:{RIGHT}',                                         # read as host:port
           f'postgresql://rg_pw:ab/{RIGHT}@127.0.0.1:{port()}/x',                 # '/' in the password
           f'POSTGRESQL://rg_pw:{RIGHT}@127.0.0.1:{port()}/x',                   # the scheme in capitals
           f' postgresql://rg_pw:{RIGHT}@127.0.0.1:{port()}/x',                  # a leading space
           f"{tcp} dbname='host=127.0.0.1 password={RIGHT}'"):                   # a connection string as dbname
    refused(db, 'raingan: ', RIGHT)

# nobody listening
with socket.socket() as s:
    s.bind(('127.0.0.1', 0))
    closed = s.getsockname()[1]   # free once closed: nobody listens there
refused(f'host=127.0.0.1 port={closed} dbname=x', 'cannot connect')
refused(f'host={work}/no-such-folder dbname=x', 'cannot connect')

# a store of a newer schema: refused by every command, and left untouched
db = new_store(work, 'newer')
raingan('ingest', '--db', db, src, check_status=0)
psql(db, 'UPDATE schema_version SET version = 99')
before = dump(db)
refused(db, 'schema version 99')
check(dump(db) == before, 'a store of a newer schema was changed')

# a new (empty) database made a store says so, as a new SQLite file does; the next open does not
db = new_store(work, 'fresh')
r = raingan('ingest', '--db', db, src, check_status=0)
check('a new store' in r.stderr, f'a new database is not said: {r.stderr!r}')
r = raingan('ingest', '--db', db, src, check_status=0)
check('a new store' not in r.stderr, f'a store said new twice: {r.stderr!r}')

# another program's database: refused by every command, and left untouched
db = new_store(work, 'foreign')
psql(db, 'CREATE TABLE customers (id integer)', 'INSERT INTO customers VALUES (1)')
before = dump(db)
refused(db, 'not a raingan store')
check(dump(db) == before, "another program's database was changed")

# a database that cannot hold Thai text in byte order
psql(TARGET, 'DROP DATABASE IF EXISTS rgt_errors_latin1',
     "CREATE DATABASE rgt_errors_latin1 ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0")
refused(f'{TARGET} dbname=rgt_errors_latin1', 'needs a UTF8 database')

shutil.rmtree(work, ignore_errors=True)
finish('store_pg_errors')
