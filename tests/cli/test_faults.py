#!/usr/bin/env python3
"""test_faults.py - a crash or a hang costs one file, not the batch (issue 14).

Run as: test_faults.py RAINGAN_FAULTS RAINGAN FIXTURES WORK_DIR

raingan-faults is raingan built with RG_FAULT_INJECTION: a file named
rg-fault-segv.*, rg-fault-abort.* or rg-fault-spin.* makes its worker
process crash (SIGSEGV), abort or spin.  Among the corpus filings, those
three cost one file each: ingest stores every other filing, records the
three in `raingan failures` with their cause ("crashed (signal ...)",
"timed out after 3 s"), and exits 1 -- with one worker and with two;
dump, parse and check print every other file and name the three.  The
raingan program itself has no such switch."""
import json
import os
import shutil
import sqlite3
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from clitest import check, corpus_files, finish, fresh, run, stderr_lines_prefixed  # noqa: E402

FAULTS, RAINGAN, FIXTURES, WORK = (os.path.abspath(a) for a in sys.argv[1:5])
work = fresh(WORK)
# in a sanitizer build the sanitizers' reports go to files, read at the end (a
# report of an injected fault is expected, any other is a failure); ASan leaves
# the injected SIGSEGV and SIGABRT to the kernel, as in the program users run:
# its "AddressSanitizer:DEADLYSIGNAL" banner goes to stderr, not to the file,
# in pieces that another worker's line can split
sanitizer_logs = os.path.join(work, 'sanitizer')
for var in ('ASAN_OPTIONS', 'UBSAN_OPTIONS'):
    os.environ[var] = (os.environ.get(var, '') + f':log_path={sanitizer_logs}').lstrip(':')
os.environ['ASAN_OPTIONS'] += ':handle_segv=0:handle_sigbus=0:handle_abort=0'
ASAN_BANNER = ('AddressSanitizer:DEADLYSIGNAL',)   # written before the report goes to its file
src = os.path.join(work, 'in')
os.makedirs(src)
good = corpus_files(FIXTURES)
for f in good:
    shutil.copy(f, src)
# the faulty files are copies of a good filing: only their names make them fault
faulty = {'rg-fault-segv.docx': 'crashed (signal', 'rg-fault-abort.docx': 'crashed',
          'rg-fault-spin.docx': 'timed out after 3 s'}
for name in faulty:
    shutil.copy(good[0], os.path.join(src, name))

# the program users run has no fault switch
with open(RAINGAN, 'rb') as fh:
    check(b'rg-fault' not in fh.read(), 'the raingan program holds the fault-injection words')
with open(FAULTS, 'rb') as fh:
    check(b'rg-fault-segv' in fh.read(), 'raingan-faults is not built with RG_FAULT_INJECTION')

for jobs in (1, 2):
    db = os.path.join(work, f'store-j{jobs}.db')
    t0 = time.time()
    r = run(FAULTS, 'ingest', '--json', '-j', jobs, '--max-seconds', '3', '--db', db, src)
    took = time.time() - t0
    what = f'ingest -j {jobs}'
    check(r.returncode == 1, f'{what}: exit {r.returncode}, expected 1; {r.stderr[-600:]}')
    stderr_lines_prefixed(r, what, ASAN_BANNER)
    try:
        summary = json.loads(r.stdout)
    except ValueError:
        summary = {}
    # the faulty copies hold stored bytes: a good run would skip them; here each one fails
    check(summary.get('ingested') == len(good), f'{what}: {summary.get("ingested")} stored, expected {len(good)}')
    check(summary.get('failed') == len(faulty), f'{what}: {summary.get("failed")} failed, expected {len(faulty)}')
    check(took < 60, f'{what}: took {took:.0f} s (the spinning file must cost its 3 s, not the batch)')
    listed = run(RAINGAN, 'failures', '--db', db).stdout.splitlines()
    causes = {os.path.basename(line.split('\t')[0]): line.split('\t')[1:] for line in listed}
    for name, cause in faulty.items():
        got = causes.get(name)
        check(got is not None and cause in got[1], f'{what}: {name} recorded as {got}, expected "{cause}"')
        check(name in r.stderr, f'{what}: {name} not named on stderr')
    check(causes.get('rg-fault-segv.docx', ['', ''])[0] == 'crash', f'{what}: the crash has code {causes}')
    check(causes.get('rg-fault-spin.docx', ['', ''])[0] == 'limit', f'{what}: the timeout has code {causes}')
    con = sqlite3.connect(db)
    stored = con.execute('SELECT count(*) FROM filings').fetchone()[0]
    con.close()
    check(stored == len(good), f'{what}: the store holds {stored} filings, expected {len(good)}')
    # a rerun parses the faulty files again (they are still failures) and skips the rest
    again = run(FAULTS, 'ingest', '--json', '-j', jobs, '--max-seconds', '3', '--db', db, src)
    summary = json.loads(again.stdout or '{}')
    check(again.returncode == 1 and summary.get('skipped') == len(good) and summary.get('failed') == len(faulty),
          f'{what}, rerun: exit {again.returncode}, {summary}')

# the normal program stores the good ones and skips the copies (same bytes)
db = os.path.join(work, 'normal.db')
r = run(RAINGAN, 'ingest', '--json', '--db', db, src)
summary = json.loads(r.stdout or '{}')
check(r.returncode == 0 and summary.get('failed') == 0, f'raingan (no faults) on the same files: {summary}')

# dump, parse and check: the other files are printed, the faulty ones named
files = [os.path.join(src, os.path.basename(f)) for f in good] + [os.path.join(src, n) for n in sorted(faulty)]
for cmd in ('dump', 'parse', 'check'):
    r = run(FAULTS, cmd, '-j', '2', '--max-seconds', '3', *files)
    normal = run(RAINGAN, cmd, '-j', '2', *[os.path.join(src, os.path.basename(f)) for f in good])
    check(r.returncode == 1, f'{cmd}: exit {r.returncode}, expected 1')
    check(r.stdout == normal.stdout, f'{cmd}: the output of the good files differs from a run without faults')
    stderr_lines_prefixed(r, cmd, ASAN_BANNER)
    for name, cause in faulty.items():
        line = [x for x in r.stderr.splitlines() if name in x]
        check(line and cause in line[0], f'{cmd}: {name}: {line}')

for name in os.listdir(work):
    if name.startswith('sanitizer'):
        report = open(os.path.join(work, name), errors='replace').read()
        check('inject_fault' in report, f'a sanitizer report not of an injected fault: {report[:3000]}')
shutil.rmtree(work, ignore_errors=True)
finish('workers_faults')
