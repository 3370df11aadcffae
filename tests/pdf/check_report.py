#!/usr/bin/env python3
"""End-to-end checks of the PDF report (issue 4), one ctest test per mode:

    check_report.py MODE DRIVER FIXTURES TESTS WORKDIR [RAINGAN]

DRIVER is the test_pdf_render executable (it calls rg_report_write_pdf),
FIXTURES the fixtures/ directory, TESTS the tests/ directory, WORKDIR a
scratch directory.  Modes:

  report       qpdf --check, pdffonts (both faces embedded), no poppler
               warnings, PDF 1.5 and the Thai title, and pdftotext contains
               every organization, every project name and the hand-computed
               totals (whitespace-insensitively), with no private-use chars
  digits       --digits arabic: the same totals in Arabic digits
  filters      --fiscal-year, --round, --province, --org select the right filings
  determinism  two runs with one SOURCE_DATE_EPOCH give the same bytes
  outline      one bookmark per province and per organization (qpdf --json)
  hard         the hard-case page vs tests/pdf/hard-cases.png (pdftoppm), and
               the unshaped rendering must NOT match (the test can fail)
  corpus       the expected model JSON of the corpus (fixtures/corpus/expected/,
               when the lead has copied it there) renders cleanly too
  paging       a long project list repeats its header row on every page, and a
               finding taller than a page is split across pages, whole
  cli          `raingan report` on model JSON (skipped, exit 77, if not built)
"""
import json
import os
import re
import subprocess
import sys

MODE, DRIVER, FIXTURES, TESTS, WORK = sys.argv[1:6]
RAINGAN = sys.argv[6] if len(sys.argv) > 6 else None
MODELS = os.path.join(FIXTURES, 'models')
GOOD = ['ubon-sao-2567-r6.json', 'ubon-town-2567-r6.json', 'phrae-pao-2567-r12.json',
        'nawa-sao-2566-2570-plan.json', 'banfang-ita-2568.json', 'two-filings.jsonl']
ENV = dict(os.environ, SOURCE_DATE_EPOCH='1700000000')
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print('FAIL:', what)


def run(args, env=ENV):
    p = subprocess.run(args, capture_output=True, env=env)
    return p.returncode, p.stdout.decode('utf-8', 'replace'), p.stderr.decode('utf-8', 'replace')


def render(out, files, *opts):
    rc, _, err = run([DRIVER, *opts, out] + [os.path.join(MODELS, f) for f in files])
    check(rc == 0, 'render %s: rc %d %s' % (out, rc, err))
    return rc == 0


def text_of(pdf):
    rc, out, err = run(['pdftotext', '-enc', 'UTF-8', pdf, '-'])
    check(rc == 0, 'pdftotext %s' % pdf)
    check(err == '', 'poppler warnings on %s: %s' % (pdf, err.strip()[:300]))
    return out


def squash(s):
    return re.sub(r'\s+', '', s)


def models_of(files):
    out = []
    for f in files:
        data = open(os.path.join(MODELS, f), encoding='utf-8').read()
        if f.endswith('.jsonl'):
            out += [json.loads(line) for line in data.splitlines() if line.strip()]
        else:
            out.append(json.loads(data))
    return out


THAI = str.maketrans('0123456789', '๐๑๒๓๔๕๖๗๘๙')
# Totals of the fixtures, added up by hand (see fixtures/models/*.json):
#   Ubon SAO 190,500.00 budget / 57,250.50 disbursed; Ubon town 85,000.00 / 58,000.75;
#   Phrae PAO 345,000.00 / 195,000.00; Nawa plan 80,000.00 (70,000 + 10,000 over the years);
#   the JSONL test SAO 1,000.00 / 500.00.
TOTALS = ['190,500.00', '57,250.50', '85,000.00', '58,000.75', '275,500.00', '115,251.25',
          '345,000.00', '195,000.00', '80,000.00', '701,500.00', '310,751.25']


def contains_all(text, needles, what):
    flat = squash(text)
    for n in needles:
        check(squash(n) in flat, '%s: "%s" not in the PDF text' % (what, n))


def mode_report():
    pdf = os.path.join(WORK, 'fixtures.pdf')
    if not render(pdf, GOOD):
        return
    rc, out, err = run(['qpdf', '--check', pdf])
    check(rc == 0, 'qpdf --check: %s %s' % (out[-300:], err))
    rc, out, _ = run(['pdffonts', pdf])
    rows = [l.split() for l in out.splitlines()[2:] if l.strip()]
    check(len(rows) == 2, 'two fonts expected: %s' % out)
    for r in rows:
        check('CID' in r and r[-5] == 'yes', 'font not embedded: %s' % ' '.join(r))
    rc, out, err = run(['pdfinfo', pdf])
    check(re.search(r'PDF version:\s+1\.5', out), 'PDF version 1.5: %s' % out)
    check('Title:' in out and 'รายงานสรุปผลการดำเนินงาน' in out, 'Thai title in Info')
    check('Producer:' in out and 'raingan' in out, 'Producer')
    check(err == '', 'pdfinfo warnings: %s' % err)
    text = text_of(pdf)
    check(not re.search('[\ue000-\uf8ff]', text), 'private-use characters in the text')
    names, orgs = [], []
    for m in models_of(GOOD):
        orgs.append(m['organization']['name'])
        names += [p['name'] for p in m['projects']]
    contains_all(text, orgs, 'organization')
    contains_all(text, names, 'project')
    contains_all(text, [t.translate(THAI) for t in TOTALS], 'total')
    contains_all(text, ['หน้า ๑/', 'รวมทั้งสิ้น', 'รวมจังหวัดอุบลราชธานี', 'ปานกลาง', 'มาก'], 'label')
    # pdftotext -raw of the hard Thai words gives the logical text back
    contains_all(text, ['ผู้ใหญ่บ้านและที่ปรึกษา', 'ปู่ย่าตายาย', 'ฝั่งน้ำ', 'ฎีกา', 'ยักษ์', 'ญาติผู้ป่วย'], 'hard word')


def mode_digits():
    pdf = os.path.join(WORK, 'arabic.pdf')
    if render(pdf, GOOD, '--digits-arabic'):
        text = text_of(pdf)
        contains_all(text, TOTALS, 'total (arabic)')
        check(not re.search('[๐-๙]', text), 'Thai digits with --digits arabic')


def mode_filters():
    cases = [
        (['--province', 'อุบลราชธานี'], ['หนองขอน', 'วารินชำราบ'], ['จังหวัดแพร่', 'นาหว้า', 'บ้านฝาง']),
        (['--round', '12'], ['จังหวัดแพร่'], ['หนองขอน', 'วารินชำราบ', 'นาหว้า']),
        (['--fiscal-year', '2568'], ['บ้านฝาง', 'นาหว้า'], ['หนองขอน', 'จังหวัดแพร่']),
        (['--org', 'วาริน'], ['วารินชำราบ'], ['หนองขอน', 'จังหวัดแพร่']),
    ]
    for opts, want, unwanted in cases:
        pdf = os.path.join(WORK, 'filter.pdf')
        if not render(pdf, GOOD, *opts):
            continue
        flat = squash(text_of(pdf))
        for w in want:
            check(w in flat, '%s: "%s" missing' % (' '.join(opts), w))
        for u in unwanted:
            check(u not in flat, '%s: "%s" should be filtered out' % (' '.join(opts), u))
    rc, _, err = run([DRIVER, '--province', 'ไม่มีจังหวัดนี้', os.path.join(WORK, 'none.pdf'),
                      os.path.join(MODELS, GOOD[0])])
    check(rc != 0 and 'no filing' in err, 'an empty selection is an error: %s' % err)


def mode_determinism():
    a, b, c = (os.path.join(WORK, n) for n in ('det-a.pdf', 'det-b.pdf', 'det-c.pdf'))
    render(a, GOOD)
    render(b, GOOD)
    check(open(a, 'rb').read() == open(b, 'rb').read(), 'two runs differ')
    rc, _, _ = run([DRIVER, c] + [os.path.join(MODELS, f) for f in GOOD],
                   env=dict(os.environ, SOURCE_DATE_EPOCH='1800000000'))
    check(rc == 0 and open(a, 'rb').read() != open(c, 'rb').read(), 'SOURCE_DATE_EPOCH not used')
    data = open(a, 'rb').read()
    check(b'/CreationDate (D:20231114221320Z' in data, 'CreationDate from SOURCE_DATE_EPOCH')
    env = dict(os.environ)
    env.pop('SOURCE_DATE_EPOCH', None)
    rc, _, _ = run([DRIVER, c] + [os.path.join(MODELS, f) for f in GOOD], env=env)
    check(rc == 0 and b'CreationDate' not in open(c, 'rb').read(), 'no date without SOURCE_DATE_EPOCH')


def mode_outline():
    pdf = os.path.join(WORK, 'outline.pdf')
    if not render(pdf, GOOD):
        return
    rc, out, err = run(['qpdf', '--json', '--json-key=outlines', pdf])
    check(rc == 0, 'qpdf --json: %s' % err)
    titles = []

    def walk(items, depth):
        for o in items:
            titles.append((depth, o.get('title', '')))
            walk(o.get('kids', []), depth + 1)
    walk(json.loads(out).get('outlines', []), 0)
    top = [t for d, t in titles if d == 0]
    for p in ['จังหวัดอุบลราชธานี', 'จังหวัดแพร่', 'จังหวัดนครพนม', 'จังหวัดขอนแก่น', 'จังหวัดลำพูน']:
        check(p in top, 'outline: province %s missing (%s)' % (p, top))
    second = [t for d, t in titles if d == 1]
    for o in ['องค์การบริหารส่วนตำบลหนองขอน', 'เทศบาลเมืองวารินชำราบ', 'องค์การบริหารส่วนจังหวัดแพร่']:
        check(o in second, 'outline: organization %s missing' % o)


def mode_hard():
    ref = os.path.join(TESTS, 'pdf', 'hard-cases.png')
    cmp = os.path.join(TESTS, 'pdf', 'pngcmp.py')
    for flag, should_match in (('--hard-cases', True), ('--hard-cases-naive', False)):
        pdf = os.path.join(WORK, 'hard%s.pdf' % flag)
        rc, _, err = run([DRIVER, flag, pdf])
        check(rc == 0, '%s: %s' % (flag, err))
        prefix = os.path.join(WORK, 'hard%s' % flag)
        rc, _, err = run(['pdftoppm', '-r', '60', '-gray', '-singlefile', pdf, prefix])
        check(rc == 0 and err == '', 'pdftoppm: %s' % err)
        rc, out, _ = run([sys.executable, cmp, prefix + '.pgm', ref])
        print(flag, out.strip())
        check((rc == 0) == should_match, '%s: %s' % (flag, out.strip()))
        if should_match:
            text = text_of(pdf)
            contains_all(text, ['ที่ปรึกษา', 'กิ๊ก', 'ผู้ใหญ่', 'ปู่', 'ป่', 'น้ำ', 'ญุ', 'ฐู', 'ฎุ', 'ปี่',
                                'ปิ่น', 'ฝั่ง', 'ฟ้า', 'ยักษ์', 'ดำเนินการ'], 'hard case')
            for tok in ['ที่ปรึกษา', 'ผู้ใหญ่', 'ปู่', 'น้ำ', 'ปิ่น', 'ฝั่ง', 'ยักษ์']:
                check(tok in text.split(), 'hard case "%s" not extracted as a word' % tok)
            check(not re.search('[\ue000-\uf8ff]', text), 'private-use characters')


def mode_corpus():
    d = os.path.join(FIXTURES, 'corpus', 'expected')
    files = sorted(f for f in os.listdir(d) if f.endswith('.json')) if os.path.isdir(d) else []
    if not files:
        print('SKIP: no fixtures/corpus/expected/*.json yet')
        sys.exit(77)
    pdf = os.path.join(WORK, 'corpus.pdf')
    rc, _, err = run([DRIVER, pdf] + [os.path.join(d, f) for f in files])
    check(rc == 0, 'render corpus: %s' % err)
    if rc:
        return
    rc, out, err = run(['qpdf', '--check', pdf])
    check(rc == 0, 'qpdf --check corpus')
    text = text_of(pdf)
    check(not re.search('[\ue000-\uf8ff]', text), 'private-use characters')
    for f in files:
        m = json.load(open(os.path.join(d, f), encoding='utf-8'))
        contains_all(text, [m['organization']['name']] + [p['name'] for p in m['projects']], f)


def mode_paging():
    # input data made here: 120 projects and one very long finding
    phrase = 'ข้อความยาวมากเพื่อทดสอบการแบ่งหน้าของแถวที่สูงกว่าหน้ากระดาษ ลำดับที่ %d '
    long_msg = ''.join(phrase % i for i in range(400))
    model = {
        'source': {'file': 'long.docx', 'format': 'docx', 'sha256': None}, 'kind': 'progress_report',
        'organization': {'name': 'องค์การบริหารส่วนตำบลทดสอบยาว', 'type': 'sao', 'district': None,
                         'province': 'ทดสอบ'},
        'fiscal_year': 2567, 'round_months': 6, 'plan_period': None, 'as_of': None,
        'projects': [{'seq': str(i + 1), 'name': 'โครงการทดสอบลำดับที่ %d เพื่อดูการขึ้นหน้าใหม่' % (i + 1),
                      'kind': 'project', 'dimension': 1 + i % 4, 'mission': None, 'budget': 1000.0,
                      'no_budget': False, 'budget_by_year': None, 'disbursed': 0.0, 'status': 'completed',
                      'responsible': 'สำนักปลัด'} for i in range(120)],
        'stated': {}, 'findings': [{'severity': 'info', 'code': 'long', 'message': long_msg}]}
    src = os.path.join(WORK, 'long.json')
    json.dump(model, open(src, 'w', encoding='utf-8'), ensure_ascii=False)
    pdf = os.path.join(WORK, 'long.pdf')
    rc, _, err = run([DRIVER, pdf, src])
    check(rc == 0, 'render long: %s' % err)
    if rc:
        return
    rc, out, _ = run(['qpdf', '--check', pdf])
    check(rc == 0, 'qpdf --check long')
    rc, out, _ = run(['pdfinfo', pdf])
    pages = int(re.search(r'Pages:\s+(\d+)', out).group(1))
    list_pages = finding_pages = 0
    for p in range(1, pages + 1):
        _, t, err = run(['pdftotext', '-f', str(p), '-l', str(p), '-enc', 'UTF-8', pdf, '-'])
        check(err == '', 'poppler warnings page %d' % p)
        flat = squash(t)
        if 'เพื่อดูการขึ้นหน้าใหม่' in flat:
            list_pages += 1
            check('ชื่อโครงการ/กิจกรรม/มาตรการ' in flat, 'page %d: project rows without the header row' % p)
        if 'ข้อความยาวมาก' in flat:
            finding_pages += 1
            check('รายละเอียด' in flat, 'page %d: finding rows without the header row' % p)
    check(list_pages >= 3, 'the 120 projects span several pages (%d)' % list_pages)
    check(finding_pages >= 2, 'the long finding is split over pages (%d)' % finding_pages)
    text = squash(text_of(pdf))
    check(squash(long_msg) in text.replace('หน้า', '') or all(squash(phrase % i) in text for i in (0, 199, 399)),
          'the long finding is complete')
    for i in range(120):
        check(squash('โครงการทดสอบลำดับที่ %d เพื่อดูการขึ้นหน้าใหม่' % (i + 1)) in text, 'project %d' % (i + 1))


def mode_cli():
    if not RAINGAN or not os.access(RAINGAN, os.X_OK):
        print('SKIP: raingan not built')
        sys.exit(77)
    pdf = os.path.join(WORK, 'cli.pdf')
    rc, _, err = run([RAINGAN, 'report', '--round', '6', '--digits', 'arabic', '-o', pdf] +
                     [os.path.join(MODELS, f) for f in GOOD])
    check(rc == 0, 'raingan report: %s' % err)
    if rc == 0:
        text = squash(text_of(pdf))
        check('190,500.00' in text and 'แพร่' not in text, 'raingan report --round 6 --digits arabic')
    rc, _, err = run([RAINGAN, 'report', '-o', pdf, os.path.join(MODELS, 'invalid.json')])
    check(rc != 0 and 'invalid.json' in err, 'invalid JSON is reported: %s' % err)
    rc, _, err = run([RAINGAN, 'report', '--font', os.path.join(MODELS, 'invalid.json'), '-o', pdf,
                      os.path.join(MODELS, GOOD[0])])
    check(rc != 0 and 'TrueType' in err, 'a bad font is refused: %s' % err)
    rc, out, _ = run([RAINGAN, 'report', '--help'])
    check(rc == 0 and '--fiscal-year' in out, 'report --help')
    # a filing itself goes through the extractor (its own tests judge the extraction)
    docx = os.path.join(FIXTURES, 'corpus', 'docx', 'kalasin-pao-2566-r6.docx')
    if os.path.exists(docx):
        rc, _, err = run([RAINGAN, 'report', '-o', pdf, docx])
        if rc == 0:
            check('องค์การบริหารส่วนจังหวัดกาฬสินธุ์' in squash(text_of(pdf)), 'report of a DOCX filing')
            rc, out, err = run(['qpdf', '--check', pdf])
            check(rc == 0, 'qpdf --check on the DOCX report')
        else:
            print('note: the extractor could not read %s yet (%s); DOCX part skipped' % (docx, err.strip()))


os.makedirs(WORK, exist_ok=True)
globals()['mode_' + MODE]()
if failures:
    print('%d check(s) failed' % len(failures))
    sys.exit(1)
print('%s: all checks passed' % MODE)
