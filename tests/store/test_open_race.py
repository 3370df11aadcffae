#!/usr/bin/env python3
"""test_open_race.py - SQLite only: writers started at once on one new store.
Opening a store that exists checks that it is raingan's (rg_db_check_ours:
schema_version, filings, any table); those reads must see one snapshot, or a
writer that looks while another commits the new schema sees "tables of
another program" and refuses the store (CI saw it once in store_writers;
here 6 writers x 100 new stores made it about one round in 30 before the fix).
Every writer must exit 0 and every store hold all 6 filings."""
import os
import subprocess
import tempfile
import time

from common import PG, RAINGAN, bulk, check, count, doc_files, finish, skip

if PG:
    skip('SQLite\'s opening; a PostgreSQL store checks under the schema\'s advisory lock')

ROUNDS, WRITERS = 100, 6
files = doc_files(bulk(200, 11))[:WRITERS]
work = tempfile.mkdtemp(prefix='rg-store-open-race-')
bad = []
start = time.time()
for r in range(ROUNDS):
    db = os.path.join(work, f'r{r}.db')
    procs = [subprocess.Popen([RAINGAN, 'ingest', '--db', db, f], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for f in files]
    for p in procs:
        _, err = p.communicate(timeout=300)
        if p.returncode != 0:
            bad.append(f'round {r}: exit {p.returncode} {err.strip()[-200:]}')
    stored = count(db, 'SELECT count(*) FROM filings')
    if stored != WRITERS:
        bad.append(f'round {r}: {stored} filings stored, want {WRITERS}')
    os.remove(db)
check(not bad, f'{len(bad)} failures of {ROUNDS * WRITERS} writers on new stores: {bad[:3]}')
print(f'{ROUNDS} new stores, {WRITERS} writers each at once: {time.time() - start:.1f} s')
finish('store_open_race')
