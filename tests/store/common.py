"""common.py - what the store's command-level tests share: the raingan
binary, data paths and the backend from argv, make_bulk input files
(generated once into the build tree), new stores, running raingan, and
reading a store back independently (python's sqlite3, or psql) to compare
two stores.

Each test is run as: python3 test_X.py RAINGAN FIXTURES DATA_DIR [TARGET]
TARGET is "sqlite" (the default: stores are files in a temporary folder) or
a libpq connection string of a PostgreSQL server (each store a new database
of it; tests/store/pg_server.sh starts one for the suite).
Exit 0 pass, 1 fail, 77 skipped (the reason on stderr).
"""
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile

from filings import odt_filing  # noqa: F401 (the tests take it from here)

RAINGAN, FIXTURES, DATA = (os.path.abspath(a) for a in sys.argv[1:4])
TARGET = sys.argv[4] if len(sys.argv) > 4 else 'sqlite'
PG = TARGET != 'sqlite'
TEST = os.path.splitext(os.path.basename(sys.argv[0]))[0].replace('test_', '')
HERE = os.path.dirname(os.path.abspath(__file__))
MAKE_BULK = os.path.join(HERE, '..', 'tools', 'make_bulk.py')
SKIP = 77
failures = []


def check(cond, what):
    """Record a failed expectation (the test goes on, to show every problem)."""
    if not cond:
        failures.append(what)
        print('FAIL:', what, file=sys.stderr)
    return cond


def finish(name):
    if failures:
        print(f'{name}: {len(failures)} check(s) failed', file=sys.stderr)
        sys.exit(1)
    print(f'{name}: ok')
    sys.exit(0)


def skip(reason):
    print('SKIP:', reason, file=sys.stderr)
    sys.exit(SKIP)


def bulk(n, seed):
    """A folder of n make_bulk filings (same seed, same bytes), made once and kept in DATA:
    ODT only (make_bulk's own writer: fast, no python-docx; the corpus fixtures are DOCX too)."""
    final = os.path.join(DATA, f'bulk-{n}-seed{seed}-odt')
    if os.path.isdir(final):
        return final
    os.makedirs(DATA, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix='bulk-tmp-', dir=DATA)
    r = subprocess.run([sys.executable, MAKE_BULK, str(n), tmp, '--seed', str(seed), '--no-expected',
                        '--odt-share', '1'], capture_output=True, text=True)
    if r.returncode != 0:
        shutil.rmtree(tmp, ignore_errors=True)
        skip(f'make_bulk.py failed: {r.stderr.strip()}')
    try:
        os.rename(tmp, final)   # atomic: a test running at the same time may have won
    except OSError:
        shutil.rmtree(tmp, ignore_errors=True)
    return final


def doc_files(folder):
    out = []
    for root, _, names in os.walk(folder):
        out += [os.path.join(root, f) for f in names if f.lower().endswith(('.docx', '.odt'))]
    return sorted(out)


def good_files():
    """The corpus fixtures when they are there, else a few make_bulk filings."""
    files = doc_files(os.path.join(FIXTURES, 'corpus'))
    return files if files else doc_files(bulk(200, 11))[:12]


def raingan(*args, stdin=None, check_status=None):
    r = subprocess.run([RAINGAN] + [str(a) for a in args], input=stdin, capture_output=True,
                       text=True, timeout=600)
    if check_status is not None:
        check(r.returncode == check_status,
              f'raingan {" ".join(map(str, args))}: exit {r.returncode}, expected {check_status}; '
              f'stderr: {r.stderr.strip()[-500:]}')
    return r


def ingest_json(*args, stdin=None):
    """Run `raingan ingest --json ...`; the parsed summary and the exit status."""
    r = raingan('ingest', '--json', *args, stdin=stdin)
    try:
        summary = json.loads(r.stdout)
    except ValueError:
        check(False, f'ingest --json printed no JSON: {r.stdout!r} {r.stderr[-500:]!r}')
        summary = {}
    return summary, r


def psql(target, *commands, check_status=True):
    """Run SQL with psql on a PostgreSQL target (each command on its own); its output, unaligned."""
    args = ['psql', '-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-d', target]
    for c in commands:
        args += ['-c', c]
    r = subprocess.run(args, capture_output=True, text=True, timeout=120)
    if check_status and r.returncode != 0:
        raise RuntimeError(f'psql: {r.stderr.strip()}')
    return r.stdout


def new_store(work, name):
    """A new, empty store for this test: a file in work, or a new database of the server."""
    if not PG:
        return os.path.join(work, name + '.db')
    db = re.sub(r'[^a-z0-9_]', '_', f'rgt_{TEST}_{name}'.lower())
    psql(TARGET, f'DROP DATABASE IF EXISTS {db} WITH (FORCE)', f'CREATE DATABASE {db}')
    return f'{TARGET} dbname={db}'


def unopenable_store(work):
    """A store that cannot be opened: a file under a file, or a database that does not exist."""
    if not PG:
        blocker = os.path.join(work, 'not-a-folder')
        open(blocker, 'wb').close()
        return os.path.join(blocker, 'x.db')
    return f'{TARGET} dbname=rgt_no_such_database'


def absent_store(work):
    """A store nobody created: no file, or an empty database (no schema)."""
    return os.path.join(work, 'absent.db') if not PG else new_store(work, 'absent')


def column(db, sql):
    """The first column of every row of a query, as text (None for NULL)."""
    if PG:
        out = psql(db, f'SELECT coalesce(x::text, chr(1)) FROM ({sql}) AS t(x)')
        return [None if v == '\x01' else v for v in out.splitlines()]
    con = sqlite3.connect(db)
    try:
        return [None if r[0] is None else str(r[0]) for r in con.execute(sql)]
    finally:
        con.close()


def dump(db):
    """Every row of every table, read with python's sqlite3 or psql (not with raingan)."""
    if PG:
        tables = psql(db, "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
                          " ORDER BY tablename").split()
        return '\n'.join(f'{t}: ' + psql(db, f'SELECT x::text FROM {t} x ORDER BY x::text COLLATE "C"')
                         for t in tables)
    con = sqlite3.connect(db)
    try:
        return '\n'.join(con.iterdump())
    finally:
        con.close()


def exports(db):
    """What `raingan export` writes for the three tables and the models, and `failures`."""
    out = {}
    for fmt in ('csv', 'jsonl'):
        for table in ('organizations', 'filings', 'projects'):
            out[f'{table}.{fmt}'] = raingan('export', '--db', db, '--format', fmt, '--table', table,
                                            check_status=0).stdout
    out['models.jsonl'] = raingan('export', '--db', db, '--format', 'jsonl', '--history',
                                  check_status=0).stdout
    out['failures'] = raingan('failures', '--db', db, check_status=0).stdout
    return out


_sessions = {}


def _ask(db, sql):
    """One query on a psql kept open for db (tests poll often: a new psql each time is slow);
    its output, '' after an error.  A session the server dropped is opened again."""
    for _ in range(2):
        p = _sessions.get(db)
        if p is None or p.poll() is not None:
            p = _sessions[db] = subprocess.Popen(['psql', '-X', '-q', '-A', '-t', '-d', db], stdin=subprocess.PIPE,
                                                 stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        try:
            p.stdin.write(sql.rstrip().rstrip(';') + ';\n\\echo __rg_end__\n')
            p.stdin.flush()
            out = []
            for line in iter(p.stdout.readline, ''):
                if line.rstrip('\n') == '__rg_end__':
                    return ''.join(out)
                out.append(line)
        except OSError:
            pass
        p.kill()
        p.wait()
        _sessions.pop(db, None)
    return ''


def count(db, sql, timeout=30):
    """One number from the store; 0 while it is not created yet (or busy past the timeout)."""
    if PG:
        out = _ask(db, sql).strip()
        try:
            return int(out) if out else 0
        except ValueError:
            return 0
    con = sqlite3.connect(db, timeout=timeout)
    try:
        return con.execute(sql).fetchone()[0]
    except sqlite3.OperationalError:
        return 0
    finally:
        con.close()
