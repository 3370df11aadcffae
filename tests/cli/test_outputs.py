#!/usr/bin/env python3
"""test_outputs.py - every output file is written whole or not at all (issue 14).

Run as: test_outputs.py RAINGAN FIXTURES WORK_DIR

- A full disk: a small tmpfs is mounted (as root; skipped, saying why, where
  mounting is impossible) holding last night's report.pdf and export.csv and
  a filler that leaves too little room for new ones: `report -o`, `run -o`
  and `export -o` fail with exit 2 and the system's words ("No space left on
  device"), the old files stay byte-identical and no temporary file is left.
- -o into a folder that does not exist fails at once, before any work (run
  ingests nothing), and says which folder.
- -o - writes the PDF / the export to standard output, not a file named "-".
- A good write replaces the old file (keeping its permissions)."""
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from clitest import check, corpus_files, failures, finish, fresh, run, skip, stderr_lines_prefixed  # noqa: E402

RAINGAN, FIXTURES, WORK = (os.path.abspath(a) for a in sys.argv[1:4])
os.environ['SOURCE_DATE_EPOCH'] = '1700000000'
work = fresh(WORK)
src = os.path.join(work, 'in')
os.makedirs(src)
for f in corpus_files(FIXTURES):
    shutil.copy(f, src)
db = os.path.join(work, 'store.db')
r = run(RAINGAN, 'ingest', '--db', db, src)
check(r.returncode == 0, f'ingest: exit {r.returncode} {r.stderr[-300:]}')

# the reference outputs, written to a roomy folder
ref_pdf, ref_csv = os.path.join(work, 'ref.pdf'), os.path.join(work, 'ref.csv')
r = run(RAINGAN, 'report', '--db', db, '-o', ref_pdf)
check(r.returncode == 0 and open(ref_pdf, 'rb').read(5) == b'%PDF-', f'report: exit {r.returncode} {r.stderr}')
check(any(line.startswith('raingan: wrote ') for line in r.stderr.splitlines()), f'report: no summary line: {r.stderr}')
r = run(RAINGAN, 'export', '--db', db, '--table', 'projects', '-o', ref_csv)
check(r.returncode == 0, f'export: exit {r.returncode} {r.stderr}')

# -o -: standard output
r = subprocess.run([RAINGAN, 'report', '--db', db, '-o', '-'], capture_output=True, cwd=work)
check(r.returncode == 0 and r.stdout == open(ref_pdf, 'rb').read(), 'report -o - is not the PDF on standard output')
check(not os.path.exists(os.path.join(work, '-')), 'report -o - wrote a file named "-"')
r = subprocess.run([RAINGAN, 'export', '--db', db, '--table', 'projects', '-o', '-'], capture_output=True, cwd=work)
check(r.returncode == 0 and r.stdout == open(ref_csv, 'rb').read(), 'export -o - is not the CSV on standard output')
check(not os.path.exists(os.path.join(work, '-')), 'export -o - wrote a file named "-"')

# -o into a missing folder: at once, naming it, before the ingest of run
missing = os.path.join(work, 'no-such-folder', 'report.pdf')
fresh_db = os.path.join(work, 'fresh.db')
for args in (['report', '--db', db], ['run', '--db', fresh_db, src], ['export', '--db', db]):
    r = run(RAINGAN, *args, '-o', missing)
    check(r.returncode == 2, f'{args[0]} -o missing/: exit {r.returncode}, expected 2')
    check('no-such-folder' in r.stderr and 'does not exist' in r.stderr, f'{args[0]} -o missing/: {r.stderr!r}')
    stderr_lines_prefixed(r, f'{args[0]} -o missing/')
check(not os.path.exists(fresh_db), 'run -o missing/ ingested before it looked at -o')
r = run(RAINGAN, 'report', '--db', db, '-o', work)
check(r.returncode == 2 and 'is a folder' in r.stderr, f'report -o FOLDER: exit {r.returncode} {r.stderr!r}')

# a good write replaces the old file and keeps its permissions
target = os.path.join(work, 'kept.pdf')
with open(target, 'wb') as fh:
    fh.write(b'old')
os.chmod(target, 0o640)
r = run(RAINGAN, 'report', '--db', db, '-o', target)
check(r.returncode == 0 and open(target, 'rb').read() == open(ref_pdf, 'rb').read(), 'report over an old file')
check(os.stat(target).st_mode & 0o777 == 0o640, f'permissions {oct(os.stat(target).st_mode & 0o777)}, expected 0o640')
check(not [n for n in os.listdir(work) if n.startswith('.')], f'temporary files left: {os.listdir(work)}')

# a temporary file left by a killed process of this machine is removed by the next write of
# the same target; another machine's (a shared folder) is left
import socket  # noqa: E402
dead = subprocess.Popen(['true'])
dead.wait()   # its PID is gone
host = ''.join('_' if ch in './-' else ch for ch in socket.gethostname())[:63]
stale = os.path.join(work, f'.kept.pdf.raingan-{host}-{dead.pid}.abc123')
other = os.path.join(work, f'.kept.pdf.raingan-elsewhere-{dead.pid}.abc123')
for f in (stale, other):
    open(f, 'wb').close()
r = run(RAINGAN, 'report', '--db', db, '-o', target)
check(r.returncode == 0 and not os.path.exists(stale), f'a stale temporary file is left: {os.listdir(work)}')
check(os.path.exists(other), "another machine's temporary file was removed")
os.unlink(other)

# standard output on a full device: a summary, a list, a count that is lost is a failed
# job (exit 2), said in the one wording
if os.path.exists('/dev/full'):
    for args in (['ingest', '--json', '--db', db, src], ['export', '--db', db, '--table', 'organizations'],
                 ['missing', '--db', db, '--fiscal-year', '2567', '--round', '6'],
                 ['queue', 'status', '--db', db], ['parse', corpus_files(FIXTURES)[0]], ['--help'], ['--version'],
                 ['missing', '--db', db, '--fiscal-year', '2567', '--round', '6', '--json'],
                 ['export', '--db', db, '--table', 'projects', '--format', 'jsonl']):
        with open('/dev/full', 'w') as full:
            r = subprocess.run([RAINGAN, *args], stdout=full, stderr=subprocess.PIPE, text=True)
        check(r.returncode == 2 and 'cannot write to standard output: No space left on device' in r.stderr,
              f'{" ".join(args[:2])} > /dev/full: exit {r.returncode} {r.stderr!r}')
        stderr_lines_prefixed(r, f'{args[0]} > /dev/full')

# ---- a full disk ----
mnt = os.path.join(work, 'full')
os.makedirs(mnt)
size = 2 * (os.path.getsize(ref_pdf) + os.path.getsize(ref_csv)) + 64 * 1024
m = subprocess.run(['mount', '-t', 'tmpfs', '-o', f'size={size}', 'tmpfs', mnt], capture_output=True, text=True)
if m.returncode != 0:
    if failures:
        finish('cli_outputs')
    skip(f'cannot mount a tmpfs here (as uid {os.geteuid()}: {m.stderr.strip()}): the full-disk case '
         'was not run (the rest passed)')
try:
    old_pdf, old_csv = os.path.join(mnt, 'report.pdf'), os.path.join(mnt, 'export.csv')
    shutil.copy(ref_pdf, old_pdf)
    shutil.copy(ref_csv, old_csv)
    want_pdf, want_csv = open(old_pdf, 'rb').read(), open(old_csv, 'rb').read()
    # the filler takes all but a few KiB: a new PDF or CSV cannot fit
    fd = os.open(os.path.join(mnt, 'filler'), os.O_WRONLY | os.O_CREAT)
    try:
        while os.write(fd, b'\0' * 4096):
            pass
    except OSError:
        pass
    os.close(fd)
    os.truncate(os.path.join(mnt, 'filler'), os.path.getsize(os.path.join(mnt, 'filler')) - 8192)
    before = sorted(os.listdir(mnt))
    cases = [
        ('report', ['report', '--db', db, '--digits', 'arabic', '-o', old_pdf], old_pdf, want_pdf),
        ('run', ['run', '--db', db, src, '-o', old_pdf], old_pdf, want_pdf),
        ('export', ['export', '--db', db, '--table', 'projects', '--bom', '-o', old_csv], old_csv, want_csv),
    ]
    for what, args, path, want in cases:
        r = run(RAINGAN, *args)
        check(r.returncode == 2, f'full disk, {what}: exit {r.returncode}, expected 2; {r.stderr[-300:]}')
        check('No space left on device' in r.stderr, f'full disk, {what}: the message is {r.stderr!r}')
        check(os.path.basename(path) in r.stderr, f'full disk, {what}: the message does not name the file')
        check('libharu' not in r.stderr, f'full disk, {what}: libharu words: {r.stderr!r}')
        stderr_lines_prefixed(r, f'full disk, {what}')
        check(open(path, 'rb').read() == want, f'full disk, {what}: the previous file changed')
        check(sorted(os.listdir(mnt)) == before, f'full disk, {what}: files left: {sorted(os.listdir(mnt))}')
    # with room again, the same commands replace the files
    os.remove(os.path.join(mnt, 'filler'))
    r = run(RAINGAN, 'report', '--db', db, '--digits', 'arabic', '-o', old_pdf)
    check(r.returncode == 0 and open(old_pdf, 'rb').read() != want_pdf, 'with room: the report is not replaced')
finally:
    subprocess.run(['umount', mnt])
shutil.rmtree(work, ignore_errors=True)
finish('cli_outputs')
