#!/usr/bin/env python3
"""test_bad_files.py - a corrupt, an encrypted, an empty file and a zip
without a document among good filings: the good ones are stored, the bad
ones are listed by `raingan failures`, exit status 1.  A file named on the
command line is tried whatever its extension; a missing one is a failure;
a path that later holds a good filing loses its failure."""
import io
import os
import random
import shutil
import tempfile
import zipfile

from common import (absent_store, bulk, check, column, doc_files, finish, ingest_json, new_store, raingan,
                    unopenable_store)

work = tempfile.mkdtemp(prefix='rg-store-bad-')
src = os.path.join(work, 'in')
os.makedirs(src)
pool = doc_files(bulk(200, 11))
good = pool[:6]
for f in good:
    shutil.copy(f, src)

bad = {
    'empty.docx': b'',
    'corrupt.docx': random.Random(5).randbytes(4096),
    # a zip without a document: no [Content_Types].xml, no mimetype
    'nodoc.odt': None,
    # an OLE compound file, as Word writes a password-protected .docx
    'encrypted.docx': bytes.fromhex('D0CF11E0A1B11AE1') + bytes(4088),
    # a damaged copy of a good filing: the zip's central directory cut off
    'truncated.docx': open(good[0], 'rb').read()[:2000],
}
zbuf = io.BytesIO()
with zipfile.ZipFile(zbuf, 'w') as z:
    z.writestr('hello.txt', 'no document here')
bad['nodoc.odt'] = zbuf.getvalue()
for name, data in bad.items():
    with open(os.path.join(src, name), 'wb') as fh:
        fh.write(data)

db = new_store(work, 'store')
summary, r = ingest_json('--db', db, src)
check(r.returncode == 1, f'exit status {r.returncode}, expected 1 (some files failed); {r.stderr[-400:]}')
check(summary.get('ingested') == len(good), f'ingested {summary.get("ingested")}, expected {len(good)}')
check(summary.get('failed') == len(bad), f'failed {summary.get("failed")}, expected {len(bad)}')
for name in bad:
    check(name in r.stderr, f'{name}: no error message on stderr')

listed = raingan('failures', '--db', db, check_status=0).stdout.splitlines()
paths = sorted(line.split('\t')[0] for line in listed)
check(paths == sorted(os.path.join(src, n) for n in bad), f'failures lists {paths}')
for line in listed:
    fields = line.split('\t')
    check(len(fields) == 3 and fields[1] and fields[2], f'a failure without its error: {line!r}')
    print('  ', os.path.basename(fields[0]), '|', fields[1], '|', fields[2] if len(fields) > 2 else '')

stored = sorted(column(db, 'SELECT source_path FROM filings'))
check(stored == sorted(os.path.join(src, os.path.basename(f)) for f in good), f'stored {stored}')

# named on the command line, the extension does not matter; a missing file fails
renamed = os.path.join(work, 'filing.bin')
shutil.copy(pool[6], renamed)
missing = os.path.join(work, 'no-such-file.docx')
summary, r = ingest_json('--db', db, renamed, missing)
check(r.returncode == 1 and summary.get('ingested') == 1 and summary.get('failed') == 1,
      f'explicit files: exit {r.returncode}, {summary}')
check(missing in raingan('failures', '--db', db).stdout, 'the missing file is not listed')

# the empty file is replaced by a good filing: it is stored, its failure is gone
shutil.copy(pool[7], os.path.join(src, 'empty.docx'))
summary, r = ingest_json('--db', db, src)
check(r.returncode == 1 and summary.get('ingested') == 1 and summary.get('failed') == len(bad) - 1,
      f'after the fix: exit {r.returncode}, {summary}')
listed = raingan('failures', '--db', db, check_status=0).stdout
check('empty.docx' not in listed, 'the fixed file is still listed as a failure')
check('corrupt.docx' in listed, 'the corrupt file is no longer listed')

# --json failures: one object a line
lines = raingan('failures', '--db', db, '--json', check_status=0).stdout.splitlines()
check(len(lines) == len(bad) and all(line.startswith('{"path":') for line in lines), f'failures --json: {lines}')

# the job itself failing: a store that cannot be opened is exit status 2
r = raingan('ingest', '--db', unopenable_store(work), src)
check(r.returncode == 2, f'unopenable store: exit {r.returncode}, expected 2')
r = raingan('failures', '--db', absent_store(work))
check(r.returncode == 2, f'failures on a missing store: exit {r.returncode}, expected 2')

shutil.rmtree(work, ignore_errors=True)
finish('store_bad_files')
