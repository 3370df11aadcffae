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

Issue 13 (the PDF as a Thai official reads it):
  findings     findings in Thai: no finding code (snake_case) in the PDF text,
               Thai titles and figures formatted like the report's, and every
               code the sources emit (parsers/, store/) has a title and a
               default wording in rules/findings.th.tsv
  breaks       no line break inside a place name of the run, a listed term or
               after an abbreviation (all text), nor inside any kept span in a
               project name, over the fixtures, the corpus and the cases
               (from the PDF's own glyph layer, line by line: pdflines.py)
  marks        pixels (pdftoppm 300 dpi): no ink of น้ำ ซ้ำ ทั้ง ฎุ ฏุ ฏู touches a
               table rule
  columns      no status phrase wrapped in a project list at A4 landscape, empty
               columns left out, header cells centred both ways
  flow         no province heading last on a page, no subtotal first on one,
               continued tables say (ต่อ), no page holding only "ไม่พบข้อสังเกต"
  search       a phrase cut by a line break inside a cell is found whole in
               pdftotext's output (one /ActualText span per cell)
"""
import json
import os
import glob
import re
import subprocess
import sys

MODE, DRIVER, FIXTURES, TESTS, WORK = sys.argv[1:6]
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pdflines  # noqa: E402
RULES = os.path.join(os.path.dirname(os.path.abspath(TESTS)), 'rules')
PDFFIX = os.path.join(FIXTURES, 'pdf')
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
    # a finding written in Thai is shown as it is, its digits as the report's
    check(all(squash(phrase % i).translate(THAI) in text for i in (0, 199, 399)), 'the long finding is complete')
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


# ---- issue 13 ----

def fixture_paths(*globs):
    out = []
    for g in globs:
        out += sorted(glob.glob(os.path.join(FIXTURES, g)))
    return out


def render_paths(out, paths, *opts):
    rc, _, err = run([DRIVER, *opts, out] + paths)
    check(rc == 0, 'render %s: rc %d %s' % (out, rc, err))
    return rc == 0


def source_codes():
    """The finding codes the sources emit: string literals in the code
    argument of rg_model_add_finding() calls, or assigned to a `code`."""
    root = os.path.dirname(os.path.abspath(TESTS))
    codes = set()
    for d in ('parsers', 'store', 'oversight'):
        for f in glob.glob(os.path.join(root, d, '**', '*.c'), recursive=True):
            src = open(f, encoding='utf-8').read()
            for third in re.findall(r'rg_model_add_finding\s*\(\s*[^,]+,\s*[^,]+,\s*([^,]+?),', src, re.S):
                codes.update(re.findall(r'"([a-z]+(?:_[a-z]+)+)"', third))
            # oversight/follow.c names its events' codes in push(events, "code", ...)
            codes.update(re.findall(r'\bpush\s*\(\s*\w+\s*,\s*"([a-z]+(?:_[a-z]+)+)"', src))
            for m in re.finditer(r'\bcode\s*=\s*([^;]*);', src):
                codes.update(re.findall(r'"([a-z]+(?:_[a-z]+)+)"', m.group(1)))
    return codes


def wording_codes():
    titles, defaults = set(), set()
    for line in open(os.path.join(RULES, 'findings.th.tsv'), encoding='utf-8'):
        f = line.rstrip('\n').split('\t')
        if f[0] == 'title' and len(f) == 3:
            titles.add(f[1])
        elif f[0] == 'wording' and len(f) == 4 and f[2] == '*':
            defaults.add(f[1])
    return titles & defaults


def mode_findings():
    codes = source_codes()
    check({'stated_count_mismatch', 'stated_total_mismatch', 'doubtful_value', 'no_projects'} <= codes,
          'the source scan finds the codes (%s)' % sorted(codes))
    model_md = {'row_split', 'unread_row', 'status_regressed', 'disbursed_fell', 'project_dropped',
                'planned_not_reported', 'reported_not_planned', 'budget_changed', 'name_variant',
                'project_match_ambiguous', 'organization_unregistered', 'organization_register_ambiguous'}
    known = wording_codes()
    for c in sorted(codes | model_md):
        check(c in known, 'code %s has no title and default wording in rules/findings.th.tsv' % c)
    paths = fixture_paths('pdf/parsed/*.json', 'pdf/findings-args.json') + \
        [os.path.join(MODELS, f) for f in GOOD]
    for digits in ('thai', 'arabic'):
        pdf = os.path.join(WORK, 'findings-%s.pdf' % digits)
        if not render_paths(pdf, paths, *(['--digits-arabic'] if digits == 'arabic' else [])):
            return
        text = text_of(pdf)
        found = sorted(set(re.findall(r'\b[a-z]+(?:_[a-z]+)+\b', text)))
        check(not found, '%s: finding codes in the PDF text: %s' % (digits, found))
        flat = squash(text)
        want = ['จำนวนที่รายงานระบุไม่ตรงกับรายการ', 'ยอดเงินที่รายงานระบุไม่ตรงกับรายการ', 'ตัวเลขไม่ชัดเจน',
                'ไม่พบตารางโครงการ', 'สถานะถอยหลัง', 'งบประมาณต่างจากแผน', 'ไม่พบรอบการรายงาน']
        for w in want:
            check(w in flat, '%s: title "%s" missing' % (digits, w))
        figures = ['ยอดเบิกจ่าย:ตารางที่1ระบุ0.00บาท,ตารางที่4ระบุ0.00บาทแต่รวมจากรายการโครงการได้34,000.00บาท',
                   'ตารางที่3แถวรวมของคอลัมน์ที่3ระบุ130,000.00บาทแต่ผลรวมของแถวในตารางได้230,000.00บาท',
                   'งบประมาณของรายการลำดับที่15เขียนว่า“30.000”อ่านเป็น30,000.00บาท',
                   'โครงการอบรมคุณธรรม:งบประมาณตามแผนปีพ.ศ.256730,000.00บาทแต่รายงานระบุ25,000.00บาท',
                   'ยอดเบิกจ่ายลดลงจาก20,000.00บาทเหลือ12,500.50บาท']
        for f in figures:
            f = f.translate(THAI) if digits == 'thai' else f
            check(f in flat, '%s: "%s" not in the findings' % (digits, f))
        if digits == 'thai':
            check(not re.search(r'\b(?:says|the project rows give|table \d)', text), 'English message text left')


def all_models(paths):
    return pdflines.load_models(paths)


def mode_breaks():
    paths = [os.path.join(MODELS, f) for f in GOOD] + fixture_paths(
        'corpus/expected/*.json', 'pdf/cases/*.json', 'pdf/parsed/*.json', 'pdf/findings-args.json')
    pdf = os.path.join(WORK, 'breaks.pdf')
    if not render_paths(pdf, paths):
        return
    models = all_models(paths)
    names = pdflines.Names(os.path.join(RULES, 'linebreak.th.tsv'), models)
    check('ชุมแพ' in names.places and 'บางเตย' in names.places, 'the places of the run (%d)' % len(names.places))
    projects = [p['name'] for m in models for p in m.get('projects') or [] if p.get('name')]
    every, ex = pdflines.count_breaks(pdf, names)
    in_names, ex2 = pdflines.count_breaks(pdf, names, projects)
    print('all text:', every, 'project names:', in_names)
    check(every['lines'] > 50 and in_names['lines'] > 20, 'the measure saw wrapped cells: %s %s' % (every, in_names))
    bad = {k: v for k, v in every.items() if k in ('place', 'term', 'abbreviation')}
    check(not bad, 'names cut by a line break: %s %s' % (bad, ex[:10]))
    bad = {k: v for k, v in in_names.items() if k != 'lines'}
    check(not bad, 'project names cut inside a kept span: %s %s' % (bad, ex2[:10]))


MARK_WORDS = ['น้ำ', 'ซ้ำ', 'ทั้ง', 'ฎุ', 'ฏุ', 'ฏู']


def read_pgm(path):
    data = open(path, 'rb').read()
    parts = data.split(None, 4)
    assert parts[0] == b'P5', path
    w, h = int(parts[1]), int(parts[2])
    return w, h, parts[4][-w * h:]


def ink_touching_rules(pgm):
    """Pixels of ink that touch a horizontal table rule (rules: rows dark over
    most of the width; vertical rules excluded)."""
    w, h, px = read_pgm(pgm)
    dark = lambda x, y: px[y * w + x] < 128
    rows = [sum(1 for x in range(0, w, 2) if dark(x, y)) * 2 for y in range(h)]
    rule_rows = [y for y in range(h) if rows[y] > 0.6 * w]
    if not rule_rows:
        return 0, 0
    bands, start = [], rule_rows[0]
    for a, b in zip(rule_rows, rule_rows[1:] + [None]):
        if b != a + 1:
            bands.append((start, a))
            start = b
    top, bottom = bands[0][0], bands[-1][1]
    xs = [x for x in range(w) if dark(x, (top + bottom) // 2) or any(dark(x, y) for y in (top + 3,))]
    xmin = min(x for x in range(w) if dark(x, top))
    xmax = max(x for x in range(w) if dark(x, top))
    vcols = set()
    for x in range(xmin, xmax + 1):
        if sum(1 for y in range(top, bottom, 3) if dark(x, y)) > 0.9 * ((bottom - top) / 3):
            vcols.update((x - 2, x - 1, x, x + 1, x + 2))
    del xs
    touching = 0
    for y0, y1 in bands:
        for y in (y0 - 1, y0 - 2, y1 + 1, y1 + 2):
            if 0 <= y < h and not (y0 <= y <= y1):
                touching += sum(1 for x in range(xmin + 3, xmax - 2) if x not in vcols and dark(x, y))
    return touching, len(bands)


def mode_marks():
    model = {
        'source': {'file': 'marks.docx', 'format': 'docx', 'sha256': None}, 'kind': 'progress_report',
        'organization': {'name': 'องค์การบริหารส่วนตำบลน้ำซ้ำ', 'type': 'sao', 'district': None, 'province': 'ทดสอบ'},
        'fiscal_year': 2567, 'round_months': 6, 'plan_period': None, 'as_of': None,
        'projects': [{'seq': str(i + 1), 'name': w, 'kind': 'project', 'dimension': 1, 'mission': None,
                      'budget': 1000.0, 'no_budget': False, 'budget_by_year': None, 'disbursed': 0.0,
                      'status': 'completed', 'responsible': w} for i, w in enumerate(MARK_WORDS + [''.join(MARK_WORDS)])],
        'stated': {}, 'findings': []}
    src = os.path.join(WORK, 'marks.json')
    json.dump(model, open(src, 'w', encoding='utf-8'), ensure_ascii=False)
    pdf = os.path.join(WORK, 'marks.pdf')
    rc, _, err = run([DRIVER, pdf, src])
    check(rc == 0, 'render marks: %s' % err)
    if rc:
        return
    rc, out, _ = run(['pdfinfo', pdf])
    pages = int(re.search(r'Pages:\s+(\d+)', out).group(1))
    seen = 0
    for p in range(1, pages + 1):
        prefix = os.path.join(WORK, 'marks-%d' % p)
        rc, _, err = run(['pdftoppm', '-r', '300', '-gray', '-singlefile', '-f', str(p), '-l', str(p), pdf, prefix])
        check(rc == 0, 'pdftoppm: %s' % err)
        _, t, _ = run(['pdftotext', '-f', str(p), '-l', str(p), '-enc', 'UTF-8', pdf, '-'])
        if 'ฎุ' not in t:
            continue
        seen += 1
        touching, bands = ink_touching_rules(prefix + '.pgm')
        print('page %d: %d rules, %d ink pixels touching them' % (p, bands, touching))
        check(bands >= 8, 'page %d: the table rules were found (%d)' % (p, bands))
        check(touching == 0, 'page %d: %d pixels of ink touch a rule' % (p, touching))
    check(seen >= 1, 'the page with the marks was found')


STATUS_PHRASES = ['รอรายงาน', 'อยู่ระหว่างดำเนินการ', 'ดำเนินการแล้วเสร็จ', 'ไม่สามารถดำเนินการได้', 'ยังไม่ได้ดำเนินการ']


def glyph_boxes(pdf, page):
    """(text, xMin, yMin, xMax, yMax) of each drawn line of a page's glyph layer, by block."""
    return pdflines.glyph_boxes(pdf)[page - 1]


def mode_columns():
    paths = [os.path.join(MODELS, f) for f in GOOD] + fixture_paths('corpus/expected/*.json')
    pdf = os.path.join(WORK, 'columns.pdf')
    if not render_paths(pdf, paths):
        return
    # every status cell of the project lists is one whole line (a header or a
    # legend may hold the same words; they only add to the count)
    statuses = {'pending_report': 'รอรายงาน', 'in_progress': 'อยู่ระหว่างดำเนินการ',
                'completed': 'ดำเนินการแล้วเสร็จ', 'not_possible': 'ไม่สามารถดำเนินการได้',
                'not_started': 'ยังไม่ได้ดำเนินการ'}
    want = {}
    for m in all_models(paths):
        if m.get('kind') in ('progress_report', 'integrity_report'):
            for p in m.get('projects') or []:
                if p.get('status') in statuses:
                    want[statuses[p['status']]] = want.get(statuses[p['status']], 0) + 1
    whole = {}
    for blocks in pdflines.glyph_pages(pdf):
        for block in blocks:
            for line in block:
                for word in line.split():   # poppler joins the cells of a row: its words
                    if word in STATUS_PHRASES:
                        whole[word] = whole.get(word, 0) + 1
    for ph, n in sorted(want.items()):
        check(whole.get(ph, 0) >= n, 'status "%s": %d cells, %d drawn whole on one line' % (ph, n, whole.get(ph, 0)))
    check(sum(want.values()) >= 30, 'enough status cells to judge (%s)' % want)
    text = text_of(pdf)
    check('ข้อบัญญัติ/เทศบัญญัติ (บาท)' not in text, 'the by-ordinance column (all "–") is left out')
    # responsible: a filing with none leaves the column out, one with some keeps it
    base = json.load(open(os.path.join(MODELS, 'ubon-town-2567-r6.json'), encoding='utf-8'))
    for has in (False, True):
        m = json.loads(json.dumps(base))
        for i, p in enumerate(m['projects']):
            p['responsible'] = ('กองคลัง' if has and i == 0 else None)
        src = os.path.join(WORK, 'resp-%d.json' % has)
        json.dump(m, open(src, 'w', encoding='utf-8'), ensure_ascii=False)
        out = os.path.join(WORK, 'resp-%d.pdf' % has)
        if render_paths(out, [src]):
            check(('หน่วยงานรับผิดชอบ' in text_of(out)) == has, 'responsible column %s' % ('kept' if has else 'left out'))
    # header cells centred: "มิติ" over its (centred) digits; one-line headers in the middle of two-line ones
    boxes = pdflines.glyph_boxes(pdf)
    centred = vertical = 0
    for page in boxes:
        lines = [l for block in page for l in block]
        for t, x0, y0, x1, y1 in lines:
            if t == 'มิติ':
                # the first row's dimension digit right under the header (not a chart's labels)
                below = [(bx0 + bx1) / 2 for bt, bx0, by0, bx1, by1 in lines
                         if re.fullmatch('[๑-๔]', bt) and abs((bx0 + bx1) / 2 - (x0 + x1) / 2) < 15 and
                         y1 < by0 < y1 + 40]
                if below:
                    centred += 1
                    check(abs(below[0] - (x0 + x1) / 2) < 1.0, 'header "มิติ" not centred over its column')
        for block in page:
            if [l[0] for l in block] == ['อยู่ระหว่าง', 'ดำเนินการ']:
                mid2 = (block[0][2] + block[1][4]) / 2
                one = [l for l in lines if l[0] == 'ที่มา' and abs(l[2] - block[0][2]) < 20]
                if one:
                    vertical += 1
                    check(abs((one[0][2] + one[0][4]) / 2 - mid2) < 1.0,
                          'one-line header not centred vertically (%.1f vs %.1f)' % ((one[0][2] + one[0][4]) / 2, mid2))
    check(centred >= 2 and vertical >= 2, 'header checks ran (%d, %d)' % (centred, vertical))


FLOW_PROVINCES = ['กระบี่', 'กาญจนบุรี', 'กาฬสินธุ์', 'กำแพงเพชร', 'ขอนแก่น', 'จันทบุรี', 'ฉะเชิงเทรา', 'ชลบุรี',
                  'ชัยนาท', 'ชัยภูมิ', 'ชุมพร', 'เชียงราย', 'เชียงใหม่', 'ตรัง', 'ตราด', 'ตาก']
FLOW_COUNTS = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3]


def flow_models():
    out, k = [], 0
    for prov, n in zip(FLOW_PROVINCES, FLOW_COUNTS):
        for j in range(n):
            k += 1
            projects = [{'seq': str(i + 1), 'name': 'โครงการทดสอบการจัดหน้าลำดับที่ %d' % (i + 1), 'kind': 'project',
                         'dimension': 1 + i % 4, 'mission': None, 'budget': 1000.0, 'no_budget': False,
                         'budget_by_year': None, 'disbursed': 0.0, 'status': 'completed', 'responsible': None}
                        for i in range(8 + (k * 7) % 23)]
            out.append({'source': {'file': 'flow-%d.docx' % k, 'format': 'docx', 'sha256': None},
                        'kind': 'progress_report',
                        'organization': {'name': 'องค์การบริหารส่วนตำบลทดสอบ%d' % k, 'type': 'sao',
                                         'district': None, 'province': prov},
                        'fiscal_year': 2567, 'round_months': 6, 'plan_period': None, 'as_of': None,
                        'projects': projects, 'stated': {}, 'findings': []})
    return out


def flow_problems(pdf):
    """What is wrong with the page flow of a report of flow_models()."""
    problems = []
    rc, out, _ = run(['pdfinfo', pdf])
    pages = int(re.search(r'Pages:\s+(\d+)', out).group(1))
    heads = set('จังหวัด' + p for p in FLOW_PROVINCES)
    summary_pages = 0
    for p in range(1, pages + 1):
        _, t, _ = run(['pdftotext', '-raw', '-f', str(p), '-l', str(p), '-enc', 'UTF-8', pdf, '-'])
        lines = [l.strip() for l in t.splitlines() if l.strip() and not l.strip().startswith('หน้า ')]
        rows = [l for l in lines if l in heads or l.startswith('รวม') or l.startswith('องค์การบริหารส่วนตำบลทดสอบ')]
        if rows and any(l.startswith('รวมจังหวัด') or l in heads for l in rows):
            summary_pages += 1
            if rows[-1] in heads:
                problems.append('page %d ends with the province heading %s' % (p, rows[-1]))
            if rows[0].startswith('รวม'):
                problems.append('page %d starts with the total %s' % (p, rows[0][:30]))
            if summary_pages > 1 and 'สรุปภาพรวมรายองค์กร จำแนกตามจังหวัด (ต่อ)' not in t:
                problems.append('page %d continues the summary without (ต่อ)' % p)
        if 'ไม่พบข้อสังเกต' in t and len(lines) <= 2:
            problems.append('page %d holds only %s' % (p, ' / '.join(lines)))
        if 'เพื่อดูการขึ้นหน้า' in t or 'การจัดหน้าลำดับที่' in t:
            if 'รายการโครงการ/กิจกรรม/มาตรการ' not in t.replace('\n', ' '):
                problems.append('page %d continues a project list without its title' % p)
    if summary_pages < 2:
        problems.append('the summary did not span pages (%d)' % summary_pages)
    return problems


def mode_flow():
    src = os.path.join(WORK, 'flow.jsonl')
    with open(src, 'w', encoding='utf-8') as f:
        for m in flow_models():
            f.write(json.dumps(m, ensure_ascii=False) + '\n')
    pdf = os.path.join(WORK, 'flow.pdf')
    rc, _, err = run([DRIVER, pdf, src])
    check(rc == 0, 'render flow: %s' % err)
    if rc == 0:
        for problem in flow_problems(pdf):
            check(False, problem)


def mode_search():
    paths = [os.path.join(MODELS, f) for f in GOOD] + fixture_paths('corpus/expected/*.json')
    pdf = os.path.join(WORK, 'search.pdf')
    if not render_paths(pdf, paths):
        return
    names = [p['name'] for m in all_models(paths) for p in m.get('projects') or [] if p.get('name')]
    text = text_of(pdf)
    phrases = set()
    for blocks in pdflines.glyph_pages(pdf):
        for a, b in pdflines.cuts(blocks):
            tail, head = a[-6:], b[:6]
            if ' ' in tail or ' ' in head:
                continue
            if any(a + b in n for n in names) and not any(a + ' ' + b in n for n in names):   # not at a space
                phrases.add(tail + head)
    found = [ph for ph in phrases if ph in text]
    print('phrases cut by a line break inside a word run: %d, found whole by pdftotext: %d' % (len(phrases), len(found)))
    check(len(phrases) >= 20, 'enough cut phrases to judge (%d)' % len(phrases))
    check(len(found) == len(phrases), 'not found: %s' % sorted(set(phrases) - set(found))[:8])


os.makedirs(WORK, exist_ok=True)
globals()['mode_' + MODE]()
if failures:
    print('%d check(s) failed' % len(failures))
    sys.exit(1)
print('%s: all checks passed' % MODE)
