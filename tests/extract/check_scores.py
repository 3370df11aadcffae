#!/usr/bin/env python3
"""Accuracy of `raingan parse` on a folder of filings: every file must score at
least --min with tests/tools/score.py --strict against its expected JSON, and
no file may have an `unread_row` finding (every row of these filings is read).

    check_scores.py RAINGAN DIR SCORE_PY [--min 0.98]

DIR holds expected/STEM.json and either docx/ and odt/ (the corpus: one
filing per format) or docs/ (the cases: STEM.docx, STEM.odt and variants
STEM.VARIANT.docx|odt, such as the LibreOffice re-saved copies, all scored
against expected/STEM.json).
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile


def filings(root):
    """(path, stem) of every filing under root, in a stable order."""
    out = []
    if os.path.isdir(os.path.join(root, "docs")):
        folder = os.path.join(root, "docs")
        for f in sorted(os.listdir(folder)):
            if f.endswith((".docx", ".odt")):
                out.append((os.path.join(folder, f), f.split(".", 1)[0]))
        return out
    for fmt in ("docx", "odt"):
        folder = os.path.join(root, fmt)
        for f in sorted(os.listdir(folder)):
            out.append((os.path.join(folder, f), f.rsplit(".", 1)[0]))
    return out


def score_filing(raingan, score_py, path, expected, out, exits=(0,)):
    """Parse path with raingan (its exit status one of exits), keep the model in folder
    out, and score it --strict against expected: (score, unread_row messages, score.py's
    report), or a one-line error when the parse failed."""
    p = subprocess.run([raingan, "parse", path], capture_output=True)
    if p.returncode not in exits:
        return "raingan parse exited %d: %s" % (p.returncode, p.stderr.decode()[-300:].strip())
    actual = os.path.join(out, os.path.basename(path) + ".json")
    with open(actual, "wb") as fh:
        fh.write(p.stdout)
    unread = [f["message"] for f in json.loads(p.stdout)["findings"] if f["code"] == "unread_row"]
    s = subprocess.run([sys.executable, score_py, "--strict", expected, actual], capture_output=True, text=True)
    m = re.search(r"^score: ([0-9.]+)", s.stdout, re.M)
    return (float(m.group(1)) if m else 0.0), unread, s.stdout


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("raingan")
    ap.add_argument("corpus")
    ap.add_argument("score")
    ap.add_argument("--min", type=float, default=0.98)
    a = ap.parse_args()
    failed = passed = 0
    with tempfile.TemporaryDirectory() as out:
        for path, stem in filings(a.corpus):
            name = os.path.basename(path)
            expected = os.path.join(a.corpus, "expected", stem + ".json")
            got = score_filing(a.raingan, a.score, path, expected, out)
            if isinstance(got, str):
                print("FAIL %s: %s" % (name, got))
                failed += 1
                continue
            score, unread, report = got
            ok = score >= a.min and not unread
            print("%s %s: %.3f, %d unread_row" % ("ok  " if ok else "FAIL", name, score, len(unread)))
            if score < a.min:
                print(report)
            for u in unread:
                print("  unread_row: " + u)
            passed += ok
            failed += not ok
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main())
