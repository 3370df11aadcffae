"""check_xlsx.py - `raingan export --format xlsx` against the CSV export (issue 11).

Run as: python3 check_xlsx.py RAINGAN FIXTURES WORKDIR

The workbook is read back with openpyxl (Debian's python3-openpyxl; this
script runs itself again with /usr/bin/python3 when the interpreter it was
given lacks it) and every sheet is compared, value by value, with what the
CSV export writes (`raingan export --table T`, `raingan missing --format
csv`): integers and baht as numbers, dates as dates, text as text.  It
checks the frozen header row, the filter, the number formats, the fitted
widths, and the Thai wording of the findings.  When LibreOffice is there,
the workbook is also converted back to CSV with it (a private profile) and
the projects sheet compared again.
"""
import csv
import datetime
import io
import os
import shutil
import subprocess
import sys

if __name__ == '__main__':
    try:
        import openpyxl  # noqa: F401
    except ImportError:
        if os.path.exists('/usr/bin/python3') and os.path.realpath(sys.executable) != '/usr/bin/python3':
            os.execv('/usr/bin/python3', ['/usr/bin/python3', *sys.argv])
        print('SKIP: python3-openpyxl is missing', file=sys.stderr)
        sys.exit(77)
import openpyxl  # noqa: E402

RAINGAN, FIXTURES, WORK = (os.path.abspath(a) for a in sys.argv[1:4])
# "sqlite" (default) or a libpq connection string: the store is a new database of that server
TARGET = sys.argv[4] if len(sys.argv) > 4 else 'sqlite'
OV = os.path.join(FIXTURES, 'oversight')
CORPUS = os.path.join(FIXTURES, 'corpus', 'docx')
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print('FAIL:', what, file=sys.stderr)
    return cond


def run(*args):
    p = subprocess.run([RAINGAN, *args], capture_output=True, text=True)
    check(p.returncode == 0, 'raingan %s: exit %d: %s' % (' '.join(args[:3]), p.returncode, p.stderr[-2000:]))
    return p.stdout


def csv_rows(text):
    return list(csv.reader(io.StringIO(text)))


def cell_text(v, kind):
    """A cell's value as the CSV export writes it."""
    if v is None:
        return ''
    if isinstance(v, datetime.datetime):
        return '%04d-%02d-%02d' % (v.year + 543, v.month, v.day)
    if kind == 'baht':
        return '%.2f' % v
    if isinstance(v, float) and v == int(v):
        return str(int(v))
    return str(v)


def compare(ws, rows, where, extra=0):
    header = [c.value for c in ws[1]]
    check(header[:len(rows[0])] == rows[0], '%s: header %s, CSV %s' % (where, header, rows[0]))
    check(ws.max_row == len(rows), '%s: %d rows, the CSV has %d' % (where, ws.max_row, len(rows)))
    check(ws.freeze_panes == 'A2', '%s: the header row is not frozen (%s)' % (where, ws.freeze_panes))
    check(ws.auto_filter.ref and ws.auto_filter.ref.startswith('A1:'), '%s: no filter' % where)
    kinds = {}
    for col, name in enumerate(rows[0]):
        kinds[col] = 'baht' if name in ('budget', 'disbursed') else 'date' if name == 'as_of' else ''
    bad = 0
    for r, (cells, want) in enumerate(zip(ws.iter_rows(min_row=2), rows[1:]), start=2):
        for col, w in enumerate(want):
            c = cells[col]
            got = cell_text(c.value, kinds[col])
            if got != w and bad < 5:
                bad += 1
                check(False, '%s: row %d column %s: %r, the CSV has %r' % (where, r, rows[0][col], got, w))
            if c.value is not None and kinds[col] == 'baht':
                check(isinstance(c.value, (int, float)) and c.number_format == '#,##0.00',
                      '%s: row %d %s is no baht number (%r, %s)' % (where, r, rows[0][col], c.value, c.number_format))
            if c.value is not None and kinds[col] == 'date':
                check(c.is_date, '%s: row %d as_of is no date' % (where, r))
            if c.value is not None and rows[0][col] in ('fiscal_year', 'position', 'projects', 'size'):
                check(isinstance(c.value, (int, float)), '%s: row %d %s is no number' % (where, r, rows[0][col]))
    return header


def main():
    shutil.rmtree(WORK, ignore_errors=True)
    os.makedirs(WORK)
    db = os.path.join(WORK, 'store.db')
    if TARGET != 'sqlite':
        for sql in ('DROP DATABASE IF EXISTS rgo_xlsx WITH (FORCE)', 'CREATE DATABASE rgo_xlsx'):
            subprocess.run(['psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', TARGET, '-c', sql],
                           check=True, capture_output=True)
        db = TARGET + ' dbname=rgo_xlsx'
    files = [os.path.join(OV, f) for f in sorted(os.listdir(OV)) if f.endswith('.docx')] + \
        [os.path.join(CORPUS, f) for f in ('bangtoei-sao-2567-r12.docx', 'kalasin-pao-2566-r6.docx',
                                           'kasang-sao-2564-r6.docx')]
    run('ingest', '--db', db, *files)
    run('orgs', 'import', '--db', db, os.path.join(OV, 'register.csv'))
    out = os.path.join(WORK, 'out', 'store.xlsx')
    os.makedirs(os.path.dirname(out), exist_ok=True)
    run('export', '--format', 'xlsx', '-o', out, '--db', db)
    check(os.path.exists(out) and os.listdir(os.path.dirname(out)) == ['store.xlsx'],
          'the workbook is written whole, no temporary file left')
    wb = openpyxl.load_workbook(out)
    names = wb.sheetnames
    check(names == ['organizations', 'filings', 'projects', 'findings', 'missing 2568-6'], 'sheets: %s' % names)
    for table in ('organizations', 'filings', 'projects', 'findings'):
        if table in names:
            header = compare(wb[table], csv_rows(run('export', '--table', table, '--db', db)), table)
            widths = [wb[table].column_dimensions[openpyxl.utils.get_column_letter(i + 1)].width
                      for i in range(len(header))]
            check(all(w and w >= 6 for w in widths) and max(widths) > 20, '%s: column widths %s' % (table, widths))
    if 'findings' in names:
        ws = wb['findings']
        header = [c.value for c in ws[1]]
        check(header[-1] == 'wording', 'the findings sheet ends with the Thai wording')
        code, wording = header.index('code'), len(header) - 1
        thai = {}
        for row in ws.iter_rows(min_row=2, values_only=True):
            check(row[wording] and any('\u0e00' <= ch <= '\u0e7f' for ch in row[wording]),
                  'a finding without Thai wording: %s' % (row[code],))
            thai.setdefault(row[code], row[wording])
        check(thai.get('disbursed_fell') ==
              'รายการลำดับที่ ๓ โครงการป้องกันผลประโยชน์ทับซ้อน: ยอดเบิกจ่ายลดลงจาก ๑๒,๐๐๐.๐๐ บาท เหลือ ๘,๐๐๐.๐๐ บาท',
              'disbursed_fell in Thai: %s' % thai.get('disbursed_fell'))
        check(thai.get('organization_unregistered', '').startswith('ไม่พบองค์กรนี้ในทะเบียน'), 'unregistered in Thai')
    miss = [n for n in names if n.startswith('missing')]
    if check(miss, 'a missing sheet'):
        compare(wb[miss[0]], csv_rows(run('missing', '--fiscal-year', '2568', '--round', '6', '--format', 'csv',
                                          '--db', db)), miss[0])
    # LibreOffice reads it too
    soffice = shutil.which('soffice') or shutil.which('libreoffice')
    # Calc reads the workbook (libreoffice-calc-nogui); Writer alone cannot
    calc = any(os.path.exists(os.path.join(d, 'libsclo.so')) for d in
               ('/usr/lib/libreoffice/program', '/opt/libreoffice/program'))
    if soffice and calc:
        lo = os.path.join(WORK, 'lo')
        p = subprocess.run([soffice, '--headless', '-env:UserInstallation=file://' + os.path.join(lo, 'profile'),
                            '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,3',
                            '--outdir', lo, out], capture_output=True, text=True, timeout=300)
        conv = [f for f in os.listdir(lo) if f.endswith('.csv')] if os.path.isdir(lo) else []
        if check(p.returncode == 0 and conv, 'LibreOffice converts the workbook: %s %s' % (p.stderr[-300:], conv)):
            got = csv_rows(open(os.path.join(lo, conv[0]), encoding='utf-8').read())
            want = csv_rows(run('export', '--table', 'projects', '--db', db))
            # the values (not as shown): baht compared as numbers
            for rows in (got, want):
                for r in rows[1:]:
                    for i, name in enumerate(want[0]):
                        if name in ('budget', 'disbursed') and i < len(r) and r[i]:
                            r[i] = '%.2f' % float(r[i])
            check(got == want, 'LibreOffice: the projects sheet differs from the CSV export (%d, %d rows; first %s / %s)'
                  % (len(got), len(want), got[1][:12] if len(got) > 1 else None, want[1][:12] if len(want) > 1 else None))
    if failures:
        print('xlsx: %d check(s) failed' % len(failures), file=sys.stderr)
        return 1
    print('xlsx: ok')
    return 0


if __name__ == '__main__':
    sys.exit(main())
