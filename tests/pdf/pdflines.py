#!/usr/bin/env python3
"""The drawn lines of a report PDF, and the line breaks that cut a name.

Shared by check_report.py (the tests) and bench/breaks.sh (the before/after
count).  The report draws each line of a cell with one ShowText; its text
layer (/ActualText spans) gives the logical text, a whole cell at once.  To
see where the lines break, the spans are taken out (qpdf --qdf, then
fix-qdf) and the glyph layer is read with pdftotext -raw: the ToUnicode
CMap maps the presentation glyphs back to their base characters, and the
decomposed sara am (nikhahit, tone, sara aa) is put back together.

    pdflines.py breaks PDF NAMES.json      count the cut names (JSON out)
"""
import ctypes
import ctypes.util
import html
import json
import os
import re
import subprocess
import sys
import tempfile

SPAN = re.compile(rb'/Span <</ActualText <[0-9A-Fa-f]*>>> BDC\n|(?<=\n)EMC\n')
DIGITS = '0-9๐-๙'


def glyph_boxes(pdf):
    """Each page as drawn: a list of blocks (poppler's: a table cell or a
    paragraph), each a list of its lines as (text, xMin, yMin, xMax, yMax)."""
    with tempfile.TemporaryDirectory() as tmp:
        qdf, stripped, fixed = (os.path.join(tmp, n) for n in ('a.qdf', 'b.qdf', 'c.pdf'))
        subprocess.run(['qpdf', '--qdf', '--object-streams=disable', pdf, qdf], check=True)
        data = SPAN.sub(b'', open(qdf, 'rb').read())
        open(stripped, 'wb').write(data)
        with open(fixed, 'wb') as out:
            subprocess.run(['fix-qdf', stripped], stdout=out, check=True)
        xml = subprocess.run(['pdftotext', '-bbox-layout', '-enc', 'UTF-8', fixed, '-'], capture_output=True,
                             check=True).stdout.decode('utf-8')
    pages = []
    num = r'"([-0-9.]+)"'
    for page in re.findall(r'<page .*?</page>', xml, re.S):
        blocks = []
        for block in re.findall(r'<block .*?</block>', page, re.S):
            lines = []
            for line in re.findall(r'<line .*?</line>', block, re.S):
                box = re.match(r'<line xMin=%s yMin=%s xMax=%s yMax=%s' % (num, num, num, num), line)
                words = [html.unescape(w) for w in re.findall(r'<word [^>]*>(.*?)</word>', line, re.S)]
                lines.append((logical(' '.join(words)),) + tuple(float(v) for v in box.groups()))
            blocks.append(lines)
        pages.append(blocks)
    return pages


def glyph_pages(pdf):
    """Each page as drawn: a list of blocks, each a list of its lines' text."""
    return [[[l[0] for l in block] for block in page] for page in glyph_boxes(pdf)]


def logical(s):
    # the shaped น้ำ is นํ้า: nikhahit, tone, sara aa
    return re.sub('\u0e4d([\u0e48-\u0e4b]?)\u0e32', lambda m: m.group(1) + '\u0e33', s)


def squash(s):
    return re.sub(r'\s+', '', s)


def cuts(blocks):
    """(a line, the next line) for the consecutive lines of each block of a page."""
    return [(b[i], b[i + 1]) for b in blocks for i in range(len(b) - 1)]


class Dictionary:
    """libthai's word boundaries (the dictionary the report breaks with)."""

    def __init__(self):
        self.lib = ctypes.CDLL(ctypes.util.find_library('thai') or 'libthai.so.0')
        self.lib.th_brk_new.restype = ctypes.c_void_p
        self.lib.th_brk_new.argtypes = [ctypes.c_char_p]
        self.lib.th_brk_wc_find_breaks.argtypes = [ctypes.c_void_p, ctypes.c_wchar_p,
                                                   ctypes.POINTER(ctypes.c_int), ctypes.c_size_t]
        self.brk = self.lib.th_brk_new(None)

    def boundaries(self, s):
        pos = (ctypes.c_int * (len(s) + 1))()
        n = self.lib.th_brk_wc_find_breaks(self.brk, s, pos, len(s) + 1)
        return set(pos[i] for i in range(max(n, 0)))

    def inside_word(self, a, b):
        """Whether the cut between a and b (no space there) falls inside a word."""
        a, b = a[-30:], b[:30]
        if not a or not b or not re.match('[\u0e01-\u0e4f]', a[-1]) or not re.match('[\u0e01-\u0e4f]', b[0]):
            return False
        return len(a) not in self.boundaries(a + b)


class Names:
    """What must stay whole: place names, terms, abbreviations with the word
    after them, prefixes with their number, numbers with their unit."""

    def __init__(self, rules_tsv, models):
        self.terms, self.abbrev, self.prefix, self.unit, orgp = set(), set(), set(), set(), []
        for line in open(rules_tsv, encoding='utf-8'):
            line = line.rstrip('\n')
            if not line or line.startswith('#') or '\t' not in line:
                continue
            kind, text = line.split('\t', 1)
            {'term': self.terms, 'abbrev': self.abbrev, 'prefix': self.prefix, 'unit': self.unit}.get(
                kind, set()).add(squash(text)) if kind != 'org_prefix' else orgp.append(text)
        self.places = set()
        for m in models:
            o = m.get('organization') or {}
            for k in ('district', 'province'):
                if o.get(k):
                    self.places.add(squash(o[k]))
            name = o.get('name') or ''
            best = max((p for p in orgp if name.startswith(p) and len(p) < len(name)), key=len, default=None)
            if best:
                self.places.add(squash(name[len(best):]))

    def cut_kind(self, a, b):
        """The kind of name a break between line a and line b cuts, or None."""
        a, b = squash(a), squash(b)
        if not a or not b:
            return None
        for kind, words in (('place', self.places), ('term', self.terms)):
            for w in words:
                for k in range(1, len(w)):
                    if a.endswith(w[:k]) and b.startswith(w[k:]):
                        # a mark never starts a piece: the cut is between clusters
                        return kind
        for w in self.abbrev:
            if a.endswith(w) and re.match('[\u0e01-\u0e2e]', b):
                return 'abbreviation'
        for w in self.prefix:
            if a.endswith(w) and re.match('[%s]' % DIGITS, b):
                return 'prefix+number'
        if re.search('[%s]$' % DIGITS, a):
            for w in self.unit:
                if b.startswith(w) and (len(b) == len(w) or not re.match('[\u0e30-\u0e4e]', b[len(w)])):
                    return 'number+unit'
        return None


def count_breaks(pdf, names, project_names=None, dictionary=None):
    """Cut names in the PDF: {kind: count}, and the examples.  With a
    dictionary, a cut inside a libthai word counts too ("word")."""
    counts, examples = {'lines': 0}, []
    flat_projects = [squash(p) for p in project_names] if project_names else None
    for blocks in glyph_pages(pdf):
        for a, b in cuts(blocks):
            if flat_projects is not None:
                joined = squash(a)[-12:] + squash(b)[:12]
                if not any(joined in p for p in flat_projects):
                    continue
            counts['lines'] += 1
            kind = names.cut_kind(a, b)
            if not kind and dictionary and dictionary.inside_word(a, b):
                kind = 'word'
            if kind:
                counts[kind] = counts.get(kind, 0) + 1
                if len(examples) < 40:
                    examples.append('%s | %s' % (a[-20:], b[:20]))
    return counts, examples


def load_models(paths):
    out = []
    for p in paths:
        data = open(p, encoding='utf-8').read()
        if p.endswith('.jsonl'):
            out += [json.loads(l) for l in data.splitlines() if l.strip()]
        else:
            d = json.loads(data)
            out += d if isinstance(d, list) else [d]
    return out


if __name__ == '__main__':
    if len(sys.argv) >= 4 and sys.argv[1] == 'breaks':
        pdf, rules = sys.argv[2], sys.argv[3]
        models = load_models(sys.argv[4:])
        names = Names(rules, models)
        projects = [p['name'] for m in models for p in m.get('projects') or [] if p.get('name')]
        d = Dictionary()
        allc, ex = count_breaks(pdf, names, None, d)
        projc, _ = count_breaks(pdf, names, projects, d)
        print(json.dumps({'all_text': allc, 'project_names': projc, 'examples': ex}, ensure_ascii=False, indent=1))
    else:
        print(__doc__)
        sys.exit(2)
