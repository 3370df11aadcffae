"""common.py - what the store's command-level tests share: the raingan
binary and data paths from argv, make_bulk input files (generated once into
the build tree), running raingan, and reading a store back independently
(python's sqlite3) to compare two stores.

Each test is run as: python3 test_X.py RAINGAN FIXTURES DATA_DIR
Exit 0 pass, 1 fail, 77 skipped (the reason on stderr).
"""
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

from filings import odt_filing  # noqa: F401 (the tests take it from here)

RAINGAN, FIXTURES, DATA = (os.path.abspath(a) for a in sys.argv[1:4])
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


def _bulk_python():
    """Debian's python3 has python-docx; without it make ODT files only."""
    for py in ('/usr/bin/python3', sys.executable):
        if os.path.exists(py) and subprocess.run([py, '-c', 'import docx'],
                                                 capture_output=True).returncode == 0:
            return py, []
    return sys.executable, ['--odt-share', '1']


def bulk(n, seed):
    """A folder of n make_bulk filings (same seed, same bytes), made once and kept in DATA."""
    final = os.path.join(DATA, f'bulk-{n}-seed{seed}')
    if os.path.isdir(final):
        return final
    os.makedirs(DATA, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix='bulk-tmp-', dir=DATA)
    py, extra = _bulk_python()
    r = subprocess.run([py, MAKE_BULK, str(n), tmp, '--seed', str(seed), '--no-expected'] + extra,
                       capture_output=True, text=True)
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


def dump(db):
    """Every row of every table, read with python's sqlite3 (not with raingan)."""
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


def count(db, sql, timeout=30):
    """One number from the store; 0 while it is not created yet (or busy past the timeout)."""
    con = sqlite3.connect(db, timeout=timeout)
    try:
        return con.execute(sql).fetchone()[0]
    except sqlite3.OperationalError:
        return 0
    finally:
        con.close()
