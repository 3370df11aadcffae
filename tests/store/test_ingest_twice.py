#!/usr/bin/env python3
"""test_ingest_twice.py - ingest the fixtures twice: the second run skips
every file without parsing and the store is unchanged (an independent dump
of every table, and every export, compared byte for byte).  A folder walk
takes only *.docx / *.odt (any case), not hidden files nor Word lock files;
`-` reads the paths from stdin."""
import os
import shutil
import subprocess
import tempfile

from common import RAINGAN, check, dump, exports, finish, good_files, ingest_json, new_store, raingan

work = tempfile.mkdtemp(prefix='rg-store-twice-')
src = os.path.join(work, 'in')
os.makedirs(os.path.join(src, 'sub'))
files = good_files()
for i, f in enumerate(files):
    name = os.path.basename(f)
    if i == 0:   # the extension is matched in any case
        name = name.rsplit('.', 1)[0] + '.' + name.rsplit('.', 1)[1].upper()
    shutil.copy(f, os.path.join(src, 'sub' if i % 2 else '', name))
for junk in ('notes.txt', '.hidden.docx', '~$lock.docx'):   # not filings: the walk leaves them
    with open(os.path.join(src, junk), 'wb') as fh:
        fh.write(b'not a filing')
db = new_store(work, 'store')

first, r1 = ingest_json('--db', db, src)
check(first.get('files') == len(files), f'the walk found {first.get("files")} files, expected {len(files)}')
check(first.get('ingested', 0) > 0, f'first run ingested nothing: {first} {r1.stderr[-500:]}')
check(r1.returncode == (1 if first.get('failed') else 0), f'first run exit {r1.returncode} for {first}')
before_dump, before_exports = dump(db), exports(db)

second, r2 = ingest_json('--db', db, src)
check(second.get('ingested') == 0, f'second run ingested {second.get("ingested")}')
check(second.get('parsed') == second.get('failed'), f'second run parsed stored files again: {second}')
check(second.get('skipped') == first.get('ingested', 0) + first.get('skipped', 0),
      f'second run skipped {second.get("skipped")}, expected every stored file')
check(second.get('failed') == first.get('failed'), 'the same files fail again, no more')
check(second.get('findings') == 0, 'nothing new, no new findings')
check(dump(db) == before_dump, 'the store changed on the second run')
check(exports(db) == before_exports, 'an export changed on the second run')

# the same list through stdin: again nothing to do
listing = ''.join(p + '\n' for p in sorted(
    os.path.join(r, n) for r, _, ns in os.walk(src) for n in ns if n.lower().endswith(('.docx', '.odt'))
    and not n.startswith(('.', '~$'))))
third, r3 = ingest_json('--db', db, '-', stdin=listing)
check(third.get('files') == len(files) and third.get('ingested') == 0,
      f'ingest - (stdin) gave {third}')
check(dump(db) == before_dump, 'the store changed on the stdin run')

# export -o FILE with a BOM: the same CSV as on stdout, behind the UTF-8 byte-order mark
out = os.path.join(work, 'filings.csv')
raingan('export', '--db', db, '--bom', '-o', out, check_status=0)
with open(out, 'rb') as fh:
    data = fh.read()
check(data.startswith(b'\xef\xbb\xbforganization,organization_type,'), f'--bom -o: starts {data[:20]!r}')
plain = subprocess.run([RAINGAN, 'export', '--db', db, '--bom'], capture_output=True).stdout
check(data == plain, 'export -o FILE differs from export to stdout')
check(data.count(b'\r\n') == len(files) + 1 - (first.get('failed') or 0), 'one CRLF line a filing, plus the header')

shutil.rmtree(work, ignore_errors=True)
finish('store_ingest_twice')
