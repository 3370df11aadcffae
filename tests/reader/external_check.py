#!/usr/bin/env python3
"""Robustness on real files nobody here wrote (fixtures/external, with manifest.tsv).

    external_check.py RAINGAN EXTERNAL_DIR [--min 0.97] [--timeout 20]

Every file must be read (exit 0, JSON on stdout) or refused cleanly (exit 1,
exactly one line "raingan: FILE: ..." on stderr); a signal, a sanitizer
report, a hang or any other exit status fails.  For the files pandoc reads
(pandoc_status ok), the number of tables in `body` and the notes (nested ones
counted, as pandoc counts them: its AST holds the notes inline, no headers or
footers) must equal the manifest's table_count for at least --min of them.
Where they differ today raingan reads more than pandoc: tables nested in ODT
cells (pandoc drops them) and w:altChunk parts (pandoc ignores them).
"""
import argparse
import csv
import json
import os
import subprocess
import sys


def count_tables(blocks):
    n = 0
    for b in blocks:
        if b["type"] == "table":
            n += 1
            for row in b["rows"]:
                for cell in row:
                    n += count_tables(cell.get("body", []))
    return n


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("raingan")
    ap.add_argument("external")
    ap.add_argument("--min", type=float, default=0.97)
    ap.add_argument("--timeout", type=float, default=20)
    ap.add_argument("-v", "--verbose", action="store_true")
    a = ap.parse_args()
    rows = list(csv.DictReader(open(os.path.join(a.external, "manifest.tsv"), encoding="utf-8"), delimiter="\t"))
    bad, compared, agree, refused = [], 0, 0, 0
    for row in rows:
        path = os.path.join(a.external, row["file"])
        try:
            p = subprocess.run([a.raingan, "dump", "--format", "json", path], capture_output=True,
                               timeout=a.timeout)
        except subprocess.TimeoutExpired:
            bad.append("%s: timed out after %gs" % (row["file"], a.timeout))
            continue
        err = p.stderr.decode("utf-8", "replace")
        if p.returncode == 0:
            if err.strip():
                bad.append("%s: read, but printed on stderr: %s" % (row["file"], err.strip()[:200]))
                continue
            doc = json.loads(p.stdout)
            n = count_tables(doc["body"]) + count_tables(doc["footnotes"])
            if row["pandoc_status"] == "ok":
                compared += 1
                if str(n) == row["table_count"]:
                    agree += 1
                elif a.verbose:
                    print("tables differ: %s: raingan %d, pandoc %s" % (row["file"], n, row["table_count"]))
        elif p.returncode == 1:
            lines = err.strip().split("\n")
            if len(lines) != 1 or not lines[0].startswith("raingan: %s: " % path):
                bad.append("%s: refused without one clear line: %r" % (row["file"], err[:300]))
            else:
                refused += 1
                if a.verbose:
                    print("refused: %s" % lines[0])
        else:
            bad.append("%s: exit status %d: %s" % (row["file"], p.returncode, err.strip()[:300]))
    share = agree / compared if compared else 1.0
    print("%d files: %d read, %d refused cleanly, %d bad" % (len(rows), len(rows) - refused - len(bad), refused, len(bad)))
    print("table counts equal to pandoc's: %d of %d (%.1f%%, need %.1f%%)" % (agree, compared, 100 * share, 100 * a.min))
    for b in bad:
        print("BAD " + b)
    ok = not bad and share >= a.min
    print("%d passed, %d failed" % (1 if ok else 0, 0 if ok else 1))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
