"""clitest.py - what the command-line tests of tests/cli/ share: recording
failed expectations, running raingan, a few corpus filings copied into a
work folder.  A test exits 0 (pass), 1 (fail) or 77 (skipped, why on stderr)."""
import os
import shutil
import subprocess
import sys

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


def run(exe, *args, stdin=None, env=None, timeout=300):
    """Run exe with args; the CompletedProcess (text)."""
    return subprocess.run([exe] + [str(a) for a in args], input=stdin, capture_output=True, text=True,
                          timeout=timeout, env=env)


def corpus_files(fixtures):
    out = []
    for sub in ('docx', 'odt'):
        d = os.path.join(fixtures, 'corpus', sub)
        out += sorted(os.path.join(d, f) for f in os.listdir(d) if f.endswith('.' + sub))
    return out


def fresh(path):
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)
    return path


def stderr_lines_prefixed(r, what, allow=()):
    """Every line the command wrote on stderr starts with "raingan: " (but the lines of allow)."""
    bad = [line for line in r.stderr.splitlines() if not line.startswith('raingan: ') and line not in allow]
    check(not bad, f'{what}: stderr lines without the "raingan: " prefix: {bad[:3]}')
