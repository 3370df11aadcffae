"""check_oversight.py - oversight across filings (issue 11), through the command.

Run as: python3 check_oversight.py MODE RAINGAN FIXTURES WORKDIR [TARGET]

TARGET is "sqlite" (the default: each store a file in WORKDIR) or a libpq
connection string of a PostgreSQL server (each store a new database of it):
the same checks on both backends.

The fixtures (fixtures/oversight/README.md) are an action plan, two versions
of a 6-month report, a 12-month report and a consistent 6-month report of the
next year of one organization (อบต.นาสะเม็ง), a consistent pair of another
(อบต.บางเตย), and a register.  Every expectation below is written by hand
from what the fixtures were made to hold.

Modes:
  findings   each derived finding of each filing, and none on consistent filings
  order      the same store (exported) whatever the order and grouping of ingest;
             a newer version of a filing changes the findings of the report after it
  register   orgs import: bad rows refused naming row and column, good rows kept;
             filings linked, unmatched listed; missing by round and province
  follow     raingan follow: rows, plan budgets, rounds and changes
  pdf        the follow-up section, the page of missing filings, the summary's columns,
             report --split-by province and its national summary
"""
import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys

MODE, RAINGAN, FIXTURES, WORK = sys.argv[1], *(os.path.abspath(a) for a in sys.argv[2:5])
TARGET = sys.argv[5] if len(sys.argv) > 5 else 'sqlite'
OV = os.path.join(FIXTURES, 'oversight')
CORPUS = os.path.join(FIXTURES, 'corpus', 'docx')
failures = []

PLAN = os.path.join(OV, 'nasameng-plan-2566-2570.docx')
R6 = os.path.join(OV, 'nasameng-2567-r6.docx')
R6V2 = os.path.join(OV, 'nasameng-2567-r6-v2.docx')
R12 = os.path.join(OV, 'nasameng-2567-r12.docx')
R68 = os.path.join(OV, 'nasameng-2568-r6.docx')
BT6 = os.path.join(OV, 'bangtoei-2567-r6.docx')
BT12 = os.path.join(CORPUS, 'bangtoei-sao-2567-r12.docx')
KALASIN = os.path.join(CORPUS, 'kalasin-pao-2566-r6.docx')
KASANG = os.path.join(CORPUS, 'kasang-sao-2564-r6.docx')
ALL = [PLAN, R6, R6V2, R12, R68, BT6, BT12, KALASIN, KASANG]

DERIVED = {'status_regressed', 'disbursed_fell', 'project_dropped', 'planned_not_reported',
           'reported_not_planned', 'budget_changed', 'project_match_ambiguous',
           'organization_unregistered', 'organization_register_ambiguous'}

# the names of the fixtures' projects (as the plan and the reports write them)
P_OVERLAP = 'โครงการป้องกันผลประโยชน์ทับซ้อน'
P_ETHICS = 'โครงการเสริมสร้างคุณธรรมจริยธรรมและธรรมาภิบาลในการปฏิบัติราชการ'
P_HONOUR = 'โครงการเชิดชูเกียรติบุคลากรที่ปฏิบัติงานเป็นไปตามมาตรฐาน'
P_ESERVICE = 'โครงการพัฒนาระบบการให้บริการประชาชนผ่านระบบอิเล็กทรอนิกส์'
P_CONTROL = 'กิจกรรมการประเมินผลการผล การควบคุมภายใน'
P_STANDARD = 'โครงการจัดทำมาตรฐานการให้บริการประชาชน'
P_PARENTS = 'กิจกรรมพ่อ แม่ดีเด่น'
P_NEW = 'โครงการสร้างเครือข่ายภาคประชาชนเฝ้าระวังการทุจริต'

# (code, name, args that must be there) of each filing, in the order they are stored
EXPECT = {
    'nasameng-2567-r6-v2.docx': [
        ('budget_changed', P_ETHICS, {'year': '2567', 'plan': '30000.00', 'budget': '45000.00'}),
        ('reported_not_planned', P_PARENTS, {'year': '2567'}),
        ('planned_not_reported', P_STANDARD, {'year': '2567', 'seq': '2.3.3'}),
        ('reported_not_planned', P_NEW, {'year': '2567'}),
    ],
    'nasameng-2567-r12.docx': [
        ('disbursed_fell', P_OVERLAP, {'before': '12000.00', 'after': '8000.00'}),
        # 1.1.6 is not_possible in the current 6-month version already: only e-service regressed
        ('status_regressed', P_ESERVICE, {'before': 'completed', 'after': 'not_possible'}),
        ('project_dropped', P_CONTROL, {'year': '2567', 'round': '6'}),
        ('budget_changed', P_ETHICS, {'plan': '30000.00', 'budget': '45000.00'}),
        ('reported_not_planned', P_PARENTS, {}),
        ('planned_not_reported', P_STANDARD, {}),
        ('planned_not_reported', P_CONTROL, {'seq': '4.1.2'}),
        ('reported_not_planned', P_NEW, {}),
    ],
    # consistent: the next year's report lists what the plan plans for 2568 at its budgets,
    # and what the 12-month report had that 2568 does not plan has ended, not dropped
    'nasameng-2568-r6.docx': [],
    'nasameng-plan-2566-2570.docx': [],
    # the same table at 6 and 12 months
    'bangtoei-2567-r6.docx': [],
    'bangtoei-sao-2567-r12.docx': [],
    'kalasin-pao-2566-r6.docx': [],
    'kasang-sao-2564-r6.docx': [],
}


def check(cond, what):
    if not cond:
        failures.append(what)
        print('FAIL:', what, file=sys.stderr)
    return cond


def run(*args, ok=(0,)):
    p = subprocess.run([RAINGAN, *args], capture_output=True, text=True)
    check(p.returncode in ok, 'raingan %s: exit %d: %s' % (' '.join(args[:3]), p.returncode, p.stderr[-2000:]))
    return p


def fresh(name):
    """A new, empty store: WORK/name/store.db, or a new database rgo_<mode>_<name> of the server."""
    d = os.path.join(WORK, name)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    if TARGET == 'sqlite':
        return os.path.join(d, 'store.db')
    db = re.sub(r'[^a-z0-9_]', '_', ('rgo_%s_%s' % (MODE, name)).lower())
    for sql in ('DROP DATABASE IF EXISTS %s WITH (FORCE)' % db, 'CREATE DATABASE %s' % db):
        p = subprocess.run(['psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', TARGET, '-c', sql],
                           capture_output=True, text=True)
        if p.returncode:
            raise RuntimeError('psql: ' + p.stderr.strip())
    return '%s dbname=%s' % (TARGET, db)


def models(db):
    out = run('export', '--format', 'jsonl', '--db', db).stdout
    return {os.path.basename(m['source']['file']): m for m in map(json.loads, out.splitlines())}


def derived(m):
    return [f for f in m['findings'] if f['code'] in DERIVED]


def check_findings(ms, expect, where):
    for name, want in expect.items():
        if not check(name in ms, '%s: %s is not a current filing' % (where, name)):
            continue
        got = derived(ms[name])
        check(len(got) == len(want), '%s: %s: %d derived findings, expected %d: %s' % (
            where, name, len(got), len(want), [(f['code'], f['args'].get('name')) for f in got]))
        for f, (code, pname, args) in zip(got, want):
            check(f['code'] == code and f['args'].get('name') == pname,
                  '%s: %s: %s %s, expected %s %s' % (where, name, f['code'], f['args'].get('name'), code, pname))
            for k, v in args.items():
                check(f['args'].get(k) == v, '%s: %s: %s arg %s = %r, expected %r' % (
                    where, name, code, k, f['args'].get(k), v))
            sev = 'info' if code in ('reported_not_planned', 'budget_changed') else 'warning'
            check(f['severity'] == sev, '%s: %s: %s is %s' % (where, name, code, f['severity']))


def mode_findings():
    db = store = fresh('findings')
    run('ingest', '-j', '2', '--db', db, *ALL)
    ms = models(db)
    check('nasameng-2567-r6.docx' not in ms, 'the older 6-month version is not current')
    check_findings(ms, EXPECT, 'one batch')
    # the superseded version keeps no derived finding (history)
    out = run('export', '--format', 'jsonl', '--history', '--db', db).stdout
    for m in map(json.loads, out.splitlines()):
        if m['source']['file'].endswith('nasameng-2567-r6.docx'):
            check(not derived(m), 'a superseded version keeps derived findings: %s' % derived(m))
    # the older version alone: 1.1.6 completed at 6 months, so it regressed at 12 months
    db = fresh('findings-v1')
    run('ingest', '--db', db, PLAN, R6, R12)
    ms = models(db)
    got = [(f['code'], f['args'].get('name')) for f in derived(ms['nasameng-2567-r12.docx'])]
    check(got[:3] == [('disbursed_fell', P_OVERLAP), ('status_regressed', P_HONOUR), ('status_regressed', P_ESERVICE)],
          'with the first 6-month version: %s' % got[:3])
    # without the plan: only the comparison with the previous round
    db = fresh('findings-noplan')
    run('ingest', '--db', db, R6V2, R12)
    ms = models(db)
    got = [f['code'] for f in derived(ms['nasameng-2567-r12.docx'])]
    check(got == ['disbursed_fell', 'status_regressed', 'project_dropped'], 'without a plan: %s' % got)
    check(not derived(ms['nasameng-2567-r6-v2.docx']), 'a first round without a plan has nothing to compare')
    # the Thai wording of every derived finding, in the PDF of the store
    pdf = os.path.join(WORK, 'findings', 'report.pdf')
    run('report', '--db', store, '-o', pdf)
    text = subprocess.run(['pdftotext', '-layout', pdf, '-'], capture_output=True, text=True).stdout
    flat = ''.join(text.split())
    for title in ('สถานะถอยหลัง', 'ยอดเบิกจ่ายลดลง', 'รายการหายจากรอบก่อน', 'อยู่ในแผนแต่ไม่ได้รายงาน',
                  'รายงานแต่ไม่อยู่ในแผน', 'งบประมาณต่างจากแผน'):
        check(title in flat, 'the PDF has no "%s"' % title)
    check('ยอดเบิกจ่ายลดลงจาก๑๒,๐๐๐.๐๐บาทเหลือ๘,๐๐๐.๐๐บาท' in flat, 'the PDF words disbursed_fell with its figures')


def export_all(db):
    return run('export', '--format', 'jsonl', '--history', '--db', db).stdout + \
        run('export', '--table', 'filings', '--db', db).stdout


def mode_order():
    orders = {
        'forward': [ALL],
        'reverse': [list(reversed(ALL))],
        'one-by-one-reverse': [[f] for f in reversed(ALL)],
        'reports-first': [[R12], [R68], [R6V2, R6], [PLAN], [BT12, BT6, KALASIN, KASANG]],
    }
    exports = {}
    for name, batches in orders.items():
        db = fresh('order-' + name)
        for b in batches:
            run('ingest', '-j', '2', '--db', db, *b)
        exports[name] = export_all(db)
        check_findings(models(db), EXPECT, name)
    first = exports['forward']
    for name, e in exports.items():
        check(e == first, 'the export after ingest order "%s" differs from the forward order' % name)
    # a newer version of the 6-month report: the 12-month report's findings follow it
    db = fresh('order-version')
    run('ingest', '--db', db, PLAN, R6, R12, R68)
    before = [(f['code'], f['args'].get('name')) for f in derived(models(db)['nasameng-2567-r12.docx'])]
    check(('status_regressed', P_HONOUR) in before, 'regressed against the first version')
    run('ingest', '--db', db, R6V2)
    after = [(f['code'], f['args'].get('name')) for f in derived(models(db)['nasameng-2567-r12.docx'])]
    check(('status_regressed', P_HONOUR) not in after and ('status_regressed', P_ESERVICE) in after,
          'after the newer version: %s' % after)
    # update recomputes the same
    e1 = export_all(db)
    run('follow', '--update', '--db', db)
    check(export_all(db) == e1, 'follow --update changes nothing on a store kept up to date')


def mode_register():
    db = fresh('register')
    run('ingest', '--db', db, *ALL)
    # without a register, the organizations seen are the universe
    p = run('missing', '--db', db, '--fiscal-year', '2567', '--round', '12', '--format', 'csv')
    rows = list(csv.DictReader(io.StringIO(p.stdout)))
    got = sorted(r['name'] for r in rows)
    check(got == ['องค์การบริหารส่วนจังหวัดกาฬสินธุ์', 'องค์การบริหารส่วนตำบลกระสัง'],
          'missing 2567/12 without a register: %s' % got)
    check(all(not r['code'] for r in rows), 'no codes without a register')
    check(run('orgs', 'unmatched', '--db', db).stdout == '', 'nothing unmatched without a register')

    p = run('orgs', 'import', '--db', db, os.path.join(OV, 'register.csv'))
    check('5 organizations imported (5 new, 0 updated), 0 rows refused' in p.stderr, 'import: ' + p.stderr)
    ms = models(db)
    check([f['code'] for f in ms['kasang-sao-2564-r6.docx']['findings'] if f['code'].startswith('organization_')]
          == ['organization_unregistered'], 'kasang is unregistered')
    for name in ('nasameng-2567-r12.docx', 'bangtoei-sao-2567-r12.docx', 'kalasin-pao-2566-r6.docx'):
        check(not [f for f in ms[name]['findings'] if f['code'].startswith('organization_')], name + ' is registered')
    # the derived findings of the organization are kept through the import
    check_findings(ms, {k: v for k, v in EXPECT.items() if k.startswith('nasameng')}, 'after import')
    p = run('orgs', 'unmatched', '--db', db, '--format', 'json')
    un = json.loads(p.stdout)
    check([u['organization'] for u in un] == ['องค์การบริหารส่วนตำบลกระสัง'] and
          un[0]['why'] == 'in no row of the register', 'unmatched: %s' % un)

    p = run('missing', '--db', db, '--fiscal-year', '2567', '--round', '12', '--json')
    miss = json.loads(p.stdout)
    check([m['code'] for m in miss] == ['6460101', '6490303', '6490302'], 'missing 2567/12: %s' % miss)
    check(miss[0]['last_fiscal_year'] == 2566 and miss[0]['last_round_months'] == 6,
          'the อบจ. filed 2566/6 last: %s' % miss[0])
    check(miss[1]['name'] == 'เทศบาลตำบลดอนตาล' and miss[1]['type'] == 'subdistrict_municipality',
          'a name given without its type word gets it: %s' % miss[1])
    p = run('missing', '--db', db, '--fiscal-year', '2567', '--round', '6', '--province', 'จังหวัดมุกดาหาร',
            '--format', 'csv', '--bom')
    check(p.stdout.startswith('\ufeffcode,name,type,district,province,last_fiscal_year,last_round_months'),
          'CSV with BOM and header: %r' % p.stdout[:80])
    rows = list(csv.DictReader(io.StringIO(p.stdout.lstrip('\ufeff'))))
    check([r['code'] for r in rows] == ['6490303', '6490302'], 'missing 2567/6 in มุกดาหาร: %s' % rows)
    p = run('missing', '--db', db, '--fiscal-year', '2568', '--round', '6', '--province', 'มุกดาหาร')
    check([l.split()[0] for l in p.stdout.splitlines()] == ['6490303', '6490302'], 'missing 2568/6: ' + p.stdout)
    out = os.path.join(WORK, 'register', 'out', 'missing.csv')
    os.makedirs(os.path.dirname(out), exist_ok=True)   # raingan never makes folders: a typo must not
    run('missing', '--db', db, '--fiscal-year', '2567', '--round', '12', '--format', 'csv', '-o', out)
    check(open(out, encoding='utf-8', newline='').read().count('\r\n') == 4, 'missing -o writes the file')
    check(os.listdir(os.path.dirname(out)) == ['missing.csv'], 'no temporary file left')
    run('missing', '--db', db, '--fiscal-year', '2567', ok=(2,))

    # bad rows: each named with its row and column, the good ones kept
    p = run('orgs', 'import', '--db', db, os.path.join(OV, 'register-bad.csv'), ok=(1,))
    lines = [l for l in p.stderr.splitlines() if ': row ' in l]
    want = [('row 3, column type', "'township' is not a type"),
            ('row 4, column district', 'empty'),
            ('row 5, column code', "'6490301' is the code of row 2 already"),
            ('row 6, column name', 'the same organization as row 2'),
            ('row 7, column type', "says subdistrict_municipality"),
            ('row 8, column code', 'empty'),
            ('row 9, column province', 'empty'),
            ('row 10:', 'quoted field'),
            ('row 11, column type', 'starts with no type word')]
    check(len(lines) == len(want), 'refused rows: %s' % lines)
    for line, (where, what) in zip(lines, want):
        check('register-bad.csv: ' + where in line and what in line, 'refused: %s, expected %s %s' % (line, where, what))
    check('2 organizations imported (1 new, 1 updated), 9 rows refused' in p.stderr, 'kept the good rows: ' + p.stderr)
    p = run('missing', '--db', db, '--fiscal-year', '2567', '--round', '12', '--format', 'csv')
    codes = [r['code'] for r in csv.DictReader(io.StringIO(p.stdout))]
    check('6490311' in codes, 'the good row after an empty line is kept: %s' % codes)
    # a file that is no register changes nothing
    bad = os.path.join(WORK, 'register', 'noheader.csv')
    open(bad, 'w', encoding='utf-8').write('รหัส,ชื่อ\n1,อบต.ก\n')
    p = run('orgs', 'import', '--db', db, bad, ok=(2,))
    check("the header has no column 'code'" in p.stderr, 'no header: ' + p.stderr)
    # --replace: the list is the file
    run('orgs', 'import', '--replace', '--db', db, os.path.join(OV, 'register.csv'))
    p = run('missing', '--db', db, '--fiscal-year', '2567', '--round', '12', '--format', 'csv')
    check(sorted(r['code'] for r in csv.DictReader(io.StringIO(p.stdout))) == ['6460101', '6490302', '6490303'],
          'after --replace: ' + p.stdout)


def mode_follow():
    db = fresh('follow')
    run('ingest', '--db', db, *ALL)
    p = run('follow', '--db', db, '--org', 'อบต.นาสะเม็ง', '--fiscal-year', '2567', '--json')
    orgs = json.loads(p.stdout)
    check(len(orgs) == 1 and orgs[0]['organization'] == 'องค์การบริหารส่วนตำบลนาสะเม็ง', 'one organization')
    year = orgs[0]['years'][0]
    check(year['rounds'] == ['2567/6', '2567/12'] and year['plan']['from'] == 2566, 'rounds and plan: %s' % year['rounds'])
    rows = {p['name']: p for p in year['projects']}
    r = rows.get(P_OVERLAP)
    if check(r is not None, 'the row of ' + P_OVERLAP):
        check(r['plan_budget'] == 20000.0, 'plan budget: %s' % r['plan_budget'])
        check(r['rounds']['2567/6']['disbursed'] == 12000.0 and r['rounds']['2567/12']['disbursed'] == 8000.0,
              'disbursed by round: %s' % r['rounds'])
        check([c['code'] for c in r['changes']] == ['disbursed_fell'], 'changes: %s' % r['changes'])
    r = rows.get(P_CONTROL)
    if check(r is not None, 'the row of ' + P_CONTROL):
        check(r['rounds']['2567/12'] is None and r['rounds']['2567/6']['status'] == 'completed', 'dropped row')
        check(sorted(c['code'] for c in r['changes']) == ['planned_not_reported', 'project_dropped'], 'dropped changes')
    r = rows.get(P_STANDARD)
    if check(r is not None, 'the planned row never reported'):
        check(r['rounds'] == {'2567/6': None, '2567/12': None} and r['in_plan'], 'planned only: %s' % r)
    r = rows.get(P_NEW)
    if check(r is not None, 'the unplanned row'):
        check(not r['in_plan'] and [c['round'] for c in r['changes']] == ['2567/6', '2567/12'], 'unplanned: %s' % r)
    # the same changes as the store's findings
    ms = models(db)
    stored = sorted((f['code'], f['args']['name']) for n in ('nasameng-2567-r6-v2.docx', 'nasameng-2567-r12.docx')
                    for f in derived(ms[n]))
    shown = sorted((c['code'], p['name'] if c['code'] not in ('reported_not_planned',) else p['name'])
                   for p in year['projects'] for c in p['changes'])
    check(len(shown) == len(stored), 'follow shows %d changes, the store has %d' % (len(shown), len(stored)))
    p = run('follow', '--db', db, '--org', 'บางเตย')
    check('fiscal year 2567' in p.stdout and ' change ' not in p.stdout, 'a consistent pair shows no change')
    run('follow', '--db', db, '--org', 'ไม่มีองค์กรนี้', ok=(1,))
    run('follow', '--db', db, ok=(2,))


def pdf_text(path, first=None, last=None):
    args = ['pdftotext', '-layout']
    if first:
        args += ['-f', str(first), '-l', str(last or first)]
    return subprocess.run(args + [path, '-'], capture_output=True, text=True).stdout


def pages_with(path, needle):
    n = int(re.search(r'Pages:\s+(\d+)', subprocess.run(['pdfinfo', path], capture_output=True,
                                                          text=True).stdout).group(1))
    return [p for p in range(1, n + 1) if needle in ''.join(pdf_text(path, p).split())]


def mode_pdf():
    db = fresh('pdf')
    run('ingest', '--db', db, *ALL)
    run('orgs', 'import', '--db', db, os.path.join(OV, 'register.csv'))
    pdf = os.path.join(WORK, 'pdf', 'report.pdf')
    run('report', '--db', db, '-o', pdf)
    flat = ''.join(pdf_text(pdf).split())
    # the summary table's new columns, and นาสะเม็ง's 12-month row: 1 regression, 2 planned not reported
    check('สถานะถอยหลัง' in flat and 'อยู่ในแผนแต่ไม่ได้รายงาน' in flat, 'the summary columns')
    # the follow-up of นาสะเม็ง: its heading, the chart, its 12 findings across filings
    fu = pages_with(pdf, 'การติดตามผลระหว่างรอบ:องค์การบริหารส่วนตำบลนาสะเม็ง')
    if check(len(fu) == 1, 'one follow-up section of นาสะเม็ง: pages %s' % fu):
        page = ''.join(pdf_text(pdf, fu[0], fu[0] + 1).split())
        check('พบ๑๒ข้อสังเกต' in page, 'the follow-up counts 12 findings')
        check('สถานะโครงการ/กิจกรรม/มาตรการจำแนกตามรอบรายงาน' in page, 'the chart of status by round')
        check(page.count('สถานะถอยหลัง') >= 1 and page.count('อยู่ในแผนแต่ไม่ได้รายงาน') >= 3, 'the changes table')
    check(pages_with(pdf, 'การติดตามผลระหว่างรอบ:องค์การบริหารส่วนจังหวัดกาฬสินธุ์') == [],
          'no follow-up for one report without findings across filings')
    # the missing page of มุกดาหาร (the latest round: 2568, 6 months)
    mp = [p for p in pages_with(pdf, 'ที่ยังไม่ส่งรายงานผลการดำเนินงาน') if 'จังหวัดมุกดาหาร' in ''.join(pdf_text(pdf, p).split())]
    if check(len(mp) == 1, 'one page of missing filings for มุกดาหาร: %s' % mp):
        page = ''.join(pdf_text(pdf, mp[0]).split())
        check('ปีงบประมาณพ.ศ.๒๕๖๘รอบ๖เดือน' in page, 'the round of the missing page')
        check('อบต.ดงมอน' in page and 'เทศบาลตำบลดอนตาล' in page and 'นาสะเม็ง' not in page, 'who is missing')
    # a round chosen: 2567, 12 months
    pdf2 = os.path.join(WORK, 'pdf', 'r12.pdf')
    run('report', '--db', db, '--fiscal-year', '2567', '--round', '12', '-o', pdf2)
    flat = ''.join(pdf_text(pdf2).split())
    check('ที่ยังไม่ส่งรายงานผลการดำเนินงานปีงบประมาณพ.ศ.๒๕๖๗รอบ๑๒เดือน' in flat, 'the selection\'s round')
    check('จังหวัดกาฬสินธุ์' in flat and 'อบจ.กาฬสินธุ์' in flat, 'a province where nobody filed 2567/12 gets its page')
    # one PDF a province, and the national summary
    out = os.path.join(WORK, 'pdf', 'split')
    p = run('report', '--db', db, '--split-by', 'province', '-o', out + '/', ok=(2,))
    check(not os.path.exists(out) and 'folder' in p.stderr, 'split into a missing folder: refused before any work')
    os.makedirs(out, exist_ok=True)
    run('report', '--db', db, '--split-by', 'province', '-o', out + '/')
    names = sorted(os.listdir(out))
    check(names == sorted(['national.pdf', 'กาฬสินธุ์.pdf', 'นครปฐม.pdf', 'บุรีรัมย์.pdf', 'มุกดาหาร.pdf']),
          'split files: %s' % names)
    nat = ''.join(pdf_text(os.path.join(out, 'national.pdf')).split())
    check('รวม๘รายงาน' in nat, 'the national summary counts every filing')
    check('องค์กรปกครองส่วนท้องถิ่นที่ยังไม่ส่งรายงานปีงบประมาณพ.ศ.๒๕๖๘รอบ๖เดือน' in nat and 'การติดตามผล' not in nat,
          'the national summary: missing counts, no sections')
    muk = ''.join(pdf_text(os.path.join(out, 'มุกดาหาร.pdf')).split())
    check('การติดตามผลระหว่างรอบ:องค์การบริหารส่วนตำบลนาสะเม็ง' in muk and 'บางเตย' not in muk,
          'the province PDF holds its organizations only')
    check('อบต.ดงมอน' in muk, 'the province PDF has its missing page')
    run('report', '--split-by', 'province', '-o', out, ok=(2,))
    # a split that fails (here: national.pdf cannot be written) leaves the old set whole:
    # no province report of it replaces the one before
    old = os.path.join(WORK, 'pdf', 'split-old')
    shutil.rmtree(old, ignore_errors=True)
    os.makedirs(os.path.join(old, 'national.pdf'))   # a folder where the summary goes
    with open(os.path.join(old, 'มุกดาหาร.pdf'), 'wb') as fh:
        fh.write(b'the old report')
    run('report', '--db', db, '--split-by', 'province', '-o', old + '/', ok=(2,))
    check(sorted(os.listdir(old)) == ['national.pdf', 'มุกดาหาร.pdf'] and
          open(os.path.join(old, 'มุกดาหาร.pdf'), 'rb').read() == b'the old report',
          'a failed split changed the folder: %s' % sorted(os.listdir(old)))


def main():
    if shutil.which('pdftotext') is None and MODE in ('findings', 'pdf'):
        print('SKIP: pdftotext is missing', file=sys.stderr)
        return 77
    os.makedirs(WORK, exist_ok=True)
    {'findings': mode_findings, 'order': mode_order, 'register': mode_register, 'follow': mode_follow,
     'pdf': mode_pdf}[MODE]()
    if failures:
        print('%s: %d check(s) failed' % (MODE, len(failures)), file=sys.stderr)
        return 1
    print('%s: ok' % MODE)
    return 0


if __name__ == '__main__':
    sys.exit(main())
