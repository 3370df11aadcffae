#!/usr/bin/python3
"""Two rounds of N organizations' progress reports, for the follow-up benchmark.

    make_rounds.py N OUTDIR [--seed S] [--odt-share 0.3]

Writes OUTDIR/r06/bulk-NNNNN.docx|odt (fiscal year 2567, 6 months) with the
generator of tests/tools/make_bulk.py, each filing of its own organization
(make_bulk's place names numbered: อบต.บ้านใหม่๑๒๓), and OUTDIR/r12/ with the
12-month report of each, made from the 6-month one by editing it as a typist
would between rounds: most statuses move forward, about 3 % of the projects
go back (completed -> pending report), disbursement grows or, for about 2 %,
falls, about 2 % of the projects are dropped, one project in 20 organizations
is new, the data date moves to the end of the year.  So 2 x N filings, N
organizations, with changes for the store to find.  Same seed, same bytes.
"""
import argparse
import copy
import os
import random
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'tests', 'tools'))
import make_bulk  # noqa: E402

LETTERS = 'กขคงจฉชซญฐณดตถทธนบปผพฟภมยรลวศษสหฬอฮ'
FORWARD = {'pending_report': 'in_progress', 'in_progress': 'completed', 'completed': 'completed',
           'not_possible': 'not_possible'}


def recount(f):
    ps = f['projects']
    for i, p in enumerate(ps):
        p['seq'] = str(i + 1)
    cnt = {s: sum(1 for p in ps if p['status'] == s) for s in make_bulk.STATUSES}
    disb = round(sum(p['disbursed'] for p in ps), 2)
    budget = sum(p['budget'] for p in ps)
    f['stated'] = {'projects_total': len(ps), 'pending_report': cnt['pending_report'],
                   'in_progress': cnt['in_progress'], 'completed': cnt['completed'],
                   'not_possible': cnt['not_possible'], 'disbursed_total': disb,
                   'disbursed_percent': float(f'{disb / budget * 100:.2f}') if budget else 0.0}
    f['_extra']['cnt'] = cnt


def first_round(rng, i):
    f = make_bulk.make_filing(rng, i)
    o = f['organization']
    # one organization a filing: the place name gets a suffix of Thai letters (the
    # extractor reads a place as letters, so a number would not tell two apart)
    suffix, k = '', i
    while True:
        suffix += LETTERS[k % len(LETTERS)]
        k //= len(LETTERS)
        if not k:
            break
    old, short = o['name'], None
    o['name'] += suffix
    for p in f['projects']:   # the names that quote the organization (the extractor counts them)
        p['name'] = p['name'].replace(old, o['name'])
        for abbr in ('อบต.', 'ทต.', 'ทม.', 'อบจ.'):
            short = abbr + old.split('ตำบล')[-1].split('เมือง')[-1].split('จังหวัด')[-1]
            p['name'] = p['name'].replace(short, short + suffix)
    f['fiscal_year'], f['round_months'] = 2567, 6
    f['as_of'] = '2567-03-%02d' % rng.randint(15, 31)
    f['_extra'].update(day=int(f['as_of'][-2:]), month=3)
    recount(f)
    return f


def second_round(rng, f):
    g = copy.deepcopy(f)
    g['round_months'] = 12
    day = rng.randint(1, 30)
    g['as_of'] = '2567-09-%02d' % day
    g['_extra'].update(day=day, month=9)
    kept = []
    for p in g['projects']:
        r = rng.random()
        if r < 0.02 and len(g['projects']) > 5:
            continue                                   # dropped
        if p['status'] == 'completed' and rng.random() < 0.03:
            p['status'] = 'pending_report'             # went back
        elif rng.random() < 0.6:
            p['status'] = FORWARD[p['status']]
        if p['budget']:
            if p['disbursed'] and rng.random() < 0.02:
                p['disbursed'] = float(round(p['disbursed'] * 0.5))   # fell
            elif p['status'] == 'completed':
                p['disbursed'] = max(p['disbursed'], float(round(p['budget'] * rng.choice([1, 0.95, 0.8]))))
        kept.append(p)
    g['projects'] = kept
    if rng.random() < 0.05:
        extra = copy.deepcopy(kept[-1])
        extra['name'] = 'โครงการเสริมสร้างเครือข่ายเฝ้าระวังการทุจริตภาคประชาชน'
        kept.append(extra)
    recount(g)
    return g


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('n', type=int)
    ap.add_argument('outdir')
    ap.add_argument('--seed', type=int, default=11)
    ap.add_argument('--odt-share', type=float, default=0.3)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    for sub in ('r06', 'r12'):
        os.makedirs(os.path.join(a.outdir, sub), exist_ok=True)
    for i in range(1, a.n + 1):
        f = first_round(rng, i)
        g = second_round(rng, f)
        for sub, m in (('r06', f), ('r12', g)):
            odt = rng.random() < a.odt_share
            path = os.path.join(a.outdir, sub, 'bulk-%05d.%s' % (i, 'odt' if odt else 'docx'))
            (make_bulk.write_odt if odt else make_bulk.write_docx)(m, path)
    print('wrote %d organizations x 2 rounds to %s' % (a.n, a.outdir))


if __name__ == '__main__':
    main()
