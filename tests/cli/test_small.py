#!/usr/bin/env python3
"""test_small.py - the small things a user trips on (issue 14).

Run as: test_small.py RAINGAN FIXTURES WORK_DIR

- One table of exit codes, the same in every command's --help and in the
  README; one prefix ("raingan: ") on every error line of every command.
- `report` given a PDF says it is a PDF, not "invalid JSON".
- An ingest that finds no file exits 1 and says so (not "0 files", exit 0).
- A folder walk counts and says the files it does not read (.pdf, .jpg, .xlsx).
- `corpus` and `./corpus` (and `corpus/`, a hard link) are one file each.
- Numbers in Thai digits: --fiscal-year ๒๕๖๖, -j ๒, --round ๖.
- `check`: a file that cannot be read is exit 1 (some inputs failed), like
  an error finding; the job failing is 2."""
import json
import os
import re
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from clitest import check, corpus_files, finish, fresh, run, stderr_lines_prefixed  # noqa: E402

RAINGAN, FIXTURES, WORK = (os.path.abspath(a) for a in sys.argv[1:4])
README = os.path.join(os.path.dirname(FIXTURES), 'README.md')
os.environ['SOURCE_DATE_EPOCH'] = '1700000000'
work = fresh(WORK)
COMMANDS = ('dump', 'parse', 'check', 'ingest', 'failures', 'export', 'report', 'run')

# ---- one exit table ----
table = ['0        done', '1        done, but some inputs failed or nothing matched',
         '2        the job itself failed', '130/143  interrupted']
for cmd in COMMANDS:
    r = run(RAINGAN, cmd, '--help')
    check(r.returncode == 0, f'{cmd} --help: exit {r.returncode}')
    for row in table:
        check(row in r.stdout, f'{cmd} --help: no exit-table row "{row}"')
r = run(RAINGAN, '--help')
check(all(row in r.stdout for row in table), 'raingan --help: no exit table')
readme = open(README, encoding='utf-8').read() if os.path.exists(README) else ''
for code, words in (('0', 'done'), ('1', 'some inputs failed or nothing matched'), ('2', 'the job itself failed'),
                    ('130', 'interrupted')):
    check(f'| {code}' in readme and words in readme, f'README: no exit-table row for {code} ({words})')

# ---- small inputs ----
src = os.path.join(work, 'corpus')
os.makedirs(src)
files = corpus_files(FIXTURES)
for f in files:
    shutil.copy(f, src)
for name in ('minutes.pdf', 'scan.jpg', 'budget.xlsx'):
    with open(os.path.join(src, name), 'wb') as fh:
        fh.write(b'not read by a folder walk')
os.link(os.path.join(src, os.path.basename(files[0])), os.path.join(work, 'hardlink.docx'))
pdf_input = os.path.join(work, 'report.pdf')
db = os.path.join(work, 'store.db')

# a folder walk says what it leaves; the same files under other spellings count once
os.chdir(work)
r = run(RAINGAN, 'ingest', '--json', '--db', db, 'corpus', './corpus', 'corpus/', './/corpus', 'hardlink.docx')
summary = json.loads(r.stdout or '{}')
check(r.returncode == 0, f'ingest: exit {r.returncode} {r.stderr[-300:]}')
check(summary.get('files') == len(files), f'corpus, ./corpus, corpus/ and a hard link: {summary.get("files")} files, '
      f'expected {len(files)}')
check(summary.get('other_files') == 3, f'other files: {summary.get("other_files")}, expected 3')
check('3 other files' in r.stderr, f'the skipped files are not said: {r.stderr!r}')
stored = run(RAINGAN, 'export', '--db', db).stdout
check(',corpus/' in stored and './corpus' not in stored, 'paths are not stored as written plainly')

# no file found: exit 1, said
empty = os.path.join(work, 'empty')
os.makedirs(empty)
with open(os.path.join(empty, 'scan.pdf'), 'wb') as fh:
    fh.write(b'%PDF-1.4')
r = run(RAINGAN, 'ingest', '--db', db, empty)
check(r.returncode == 1, f'ingest of a folder without filings: exit {r.returncode}, expected 1')
check('no file to read' in r.stderr and '1 other file in the folders was not read' in r.stderr, f'ingest of an empty folder: {r.stderr!r}')
stderr_lines_prefixed(r, 'ingest of an empty folder')

# a walk takes every format the reader reads, legacy ones too: a .doc or .fodt
# that does not read is a failure said in one line, never a file left unsaid
legacy = os.path.join(work, 'legacy')
os.makedirs(legacy)
for name in ('old-form.doc', 'draft.fodt'):
    with open(os.path.join(legacy, name), 'wb') as fh:
        fh.write(b'not a document at all')
r = run(RAINGAN, 'ingest', '--json', '--db', db, legacy)
summary = json.loads(r.stdout or '{}')
check(r.returncode == 1 and summary.get('files') == 2 and summary.get('failed') == 2,
      f'a walk of .doc and .fodt: exit {r.returncode}, {summary}')
check('old-form.doc' in r.stderr and 'draft.fodt' in r.stderr, f'the failed legacy files are not named: {r.stderr!r}')

# report given a PDF: it says so
r = run(RAINGAN, 'report', '--db', db, '-o', pdf_input)
check(r.returncode == 0, f'report: exit {r.returncode} {r.stderr!r}')
r = run(RAINGAN, 'report', pdf_input, '-o', os.path.join(work, 'again.pdf'))
check(r.returncode == 1, f'report PDF: exit {r.returncode}, expected 1')
check('PDF' in r.stderr and 'invalid JSON' not in r.stderr, f'report PDF: {r.stderr!r}')
check(not os.path.exists(os.path.join(work, 'again.pdf')), 'report of nothing wrote a file')

# Thai digits
a = os.path.join(work, 'fy-arabic.pdf')
t = os.path.join(work, 'fy-thai.pdf')
ra = run(RAINGAN, 'report', '--db', db, '--fiscal-year', '2566', '--round', '6', '-o', a)
rt = run(RAINGAN, 'report', '--db', db, '--fiscal-year', '๒๕๖๖', '--round', '๖', '-o', t)
check(rt.returncode == ra.returncode and ra.returncode in (0, 1), f'--fiscal-year ๒๕๖๖: exit {rt.returncode} {rt.stderr!r}')
check(os.path.exists(a) == os.path.exists(t) and (not os.path.exists(a) or open(a, 'rb').read() == open(t, 'rb').read()),
      '--fiscal-year ๒๕๖๖ --round ๖ is not --fiscal-year 2566 --round 6')
r = run(RAINGAN, 'parse', '-j', '๒', files[0])
check(r.returncode == 0, f'-j ๒: exit {r.returncode} {r.stderr!r}')
r = run(RAINGAN, 'report', '--db', db, '--fiscal-year', '๒๕x', '-o', t)
check(r.returncode == 2, f'--fiscal-year ๒๕x: exit {r.returncode}, expected 2')

# check: an unreadable file is "some inputs failed" (1), as an error finding is
broken = os.path.join(work, 'broken.docx')
with open(broken, 'wb') as fh:
    fh.write(b'PK\x03\x04 not a zip')
r = run(RAINGAN, 'check', files[0], broken)
check(r.returncode == 1, f'check with an unreadable file: exit {r.returncode}, expected 1')

# report of the store and FILEs: a filing given twice (the store's, and its model JSON or
# its file) is reported once; a FILE that cannot be read says why and the rest is reported
models = os.path.join(work, 'models.json')
with open(models, 'w') as fh:   # the models of the store's current filings
    fh.write(run(RAINGAN, 'export', '--format', 'jsonl', '--db', db).stdout)
r = run(RAINGAN, 'report', '--db', db, '-o', t)
m = re.search(r'wrote .*: (\d+) filings', r.stderr)
n_store = int(m.group(1)) if m else -1
check(n_store > 0, f'report --db: {r.stderr!r}')
r = run(RAINGAN, 'report', '--db', db, models, models, '-o', t)
m = re.search(r'wrote .*: (\d+) filings', r.stderr)
check(r.returncode == 0 and m and int(m.group(1)) == n_store,
      f'report --db with the same filings as FILEs: exit {r.returncode}, {r.stderr!r} (the store has {n_store})')
check('repeat a filing' in r.stderr, f'the repeats are not said: {r.stderr!r}')
# the filings themselves, of which the store holds some as superseded versions: the store's
# current one is reported, not both
r = run(RAINGAN, 'report', '--db', db, *files, '-o', t)
m = re.search(r'wrote .*: (\d+) filings', r.stderr)
check(r.returncode == 0 and m and int(m.group(1)) == n_store and 'superseded' in r.stderr,
      f'report --db with superseded versions as FILEs: exit {r.returncode}, {r.stderr!r}')
r = run(RAINGAN, 'report', '--db', db, os.path.join(work, 'no-such.json'), '-o', t)
m = re.search(r'wrote .*: (\d+) filings', r.stderr)
check(r.returncode == 1 and m and int(m.group(1)) == n_store and 'No such file' in r.stderr,
      f'report --db with a missing FILE: exit {r.returncode}, {r.stderr!r}')

# an empty argument (an unset shell variable) is refused, not read as "." or as a file named ""
for cmd in (['parse', ''], ['ingest', '--db', db, ''], ['ingest', '--db', '', corpus_files(FIXTURES)[0]],
            ['report', '--db', db, '--org', '', '-o', t], ['export', '--db', db, '--province=']):
    r = run(RAINGAN, *cmd)
    check(r.returncode == 2 and ('an empty argument' in r.stderr or 'it is empty' in r.stderr),
          f'{cmd}: exit {r.returncode} {r.stderr!r}')

# ---- one prefix on every error line ----
errors = [
    ['dump', broken], ['parse', broken], ['check', broken], ['dump', '--max-nesting', 'x', broken],
    ['ingest'], ['ingest', '--db', os.path.join(work, 'nope', 'x.db'), src], ['ingest', '--bogus'],
    ['failures', 'extra'], ['failures', '--db', os.path.join(work, 'absent.db')],
    ['export', '--db', os.path.join(work, 'absent.db')], ['export', '--table', 'nope'],
    ['report', '--db', db], ['report', '-o', t], ['report', broken, '-o', t], ['report', pdf_input, '-o', t],
    ['run', src], ['run', '--db', db, src, '-o', os.path.join(work, 'nope', 'r.pdf')], ['nocommand'],
]
for args in errors:
    r = run(RAINGAN, *args)
    what = 'raingan ' + ' '.join(os.path.basename(a) if os.sep in a else a for a in args)
    check(r.returncode != 0, f'{what}: exit 0')
    check(r.stderr.strip() != '', f'{what}: nothing said')
    stderr_lines_prefixed(r, what)
    for cmd in COMMANDS:
        check(f'raingan: {cmd}:' not in r.stderr, f'{what}: a command name as the subject: {r.stderr!r}')

shutil.rmtree(work, ignore_errors=True)
finish('cli_small')
