#!/usr/bin/env python3
"""The DOCX and the ODT of each corpus report give the same tables, cell for cell.

    compare_formats.py RAINGAN CORPUS_DIR

CORPUS_DIR holds docx/NAME.docx and odt/NAME.odt.  For each pair, the tables
of `raingan dump --format json` (body, in order, nested ones included) must
match: same grid size, same origins and spans, same covered cells, and the
same text once whitespace is collapsed.  Exit 1 on any difference.
"""
import json
import os
import re
import subprocess
import sys


def dump(raingan, path):
    out = subprocess.run([raingan, "dump", "--format", "json", path], capture_output=True, check=True)
    return json.loads(out.stdout)


def tables(blocks):
    for b in blocks:
        if b["type"] == "table":
            yield b
            for row in b["rows"]:
                for cell in row:
                    yield from tables(cell.get("body", []))


def norm(text):
    return re.sub(r"\s+", " ", text).strip()


def cell_key(cell):
    if "covered_by" in cell:
        return ("covered", tuple(cell["covered_by"]))
    return (norm(cell["text"]), cell["colspan"], cell["rowspan"])


def main():
    raingan, corpus = sys.argv[1], sys.argv[2]
    names = sorted(f[:-5] for f in os.listdir(os.path.join(corpus, "docx")) if f.endswith(".docx"))
    failures = 0
    for name in names:
        a = list(tables(dump(raingan, os.path.join(corpus, "docx", name + ".docx"))["body"]))
        b = list(tables(dump(raingan, os.path.join(corpus, "odt", name + ".odt"))["body"]))
        problems = []
        if len(a) != len(b):
            problems.append("%d tables in DOCX, %d in ODT" % (len(a), len(b)))
        for t, (ta, tb) in enumerate(zip(a, b)):
            if len(ta["rows"]) != len(tb["rows"]) or any(len(x) != len(y) for x, y in zip(ta["rows"], tb["rows"])):
                problems.append("table %d: grid differs" % (t + 1))
                continue
            for r, (ra, rb) in enumerate(zip(ta["rows"], tb["rows"])):
                for c, (ca, cb) in enumerate(zip(ra, rb)):
                    if cell_key(ca) != cell_key(cb):
                        problems.append("table %d row %d col %d: %r vs %r" % (t + 1, r + 1, c + 1, cell_key(ca), cell_key(cb)))
        cells = sum(len(row) for t in a for row in t["rows"])
        if problems:
            failures += 1
            print("FAIL %s: %d problems" % (name, len(problems)))
            for p in problems[:20]:
                print("  " + p)
        else:
            print("ok   %s: %d tables, %d cells identical" % (name, len(a), cells))
    print("%d passed, %d failed" % (len(names) - failures, failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
