"""filings.py - progress reports made to order for the store's tests, with
make_bulk's ODT writer (the standard library only, no python-docx)."""
import os
import random
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'tools'))
import make_bulk  # noqa: E402


def odt_filing(path, org, district, province, fy, rnd, as_of_month, as_of_day, seed, projects=4):
    """Write one progress report as ODT with make_bulk's writer (no python-docx needed):
    org is the full name as the filing spells it; the data date is as_of_day/as_of_month/fy."""
    f = make_bulk.make_filing(random.Random(seed), 1)
    f['projects'] = f['projects'][:projects]
    for i, p in enumerate(f['projects']):
        p['seq'] = str(i + 1)
    cnt = {st: sum(1 for p in f['projects'] if p['status'] == st) for st in make_bulk.STATUSES}
    total = round(sum(p['disbursed'] for p in f['projects']), 2)
    budget = sum(p['budget'] for p in f['projects'])
    f['organization'] = {'name': org, 'type': 'sao', 'district': district, 'province': province}
    f['fiscal_year'], f['round_months'] = fy, rnd
    f['stated'] = {'projects_total': len(f['projects']), 'pending_report': cnt['pending_report'],
                   'in_progress': cnt['in_progress'], 'completed': cnt['completed'],
                   'not_possible': cnt['not_possible'], 'disbursed_total': total,
                   'disbursed_percent': float(f'{total / budget * 100:.2f}') if budget else 0.0}
    f['_extra'].update({'day': as_of_day, 'month': as_of_month, 'cnt': cnt})
    make_bulk.write_odt(f, path)
