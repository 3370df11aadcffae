#!/usr/bin/env python3
"""Accuracy of `raingan parse` on the corpus: every file, DOCX and ODT, must
score at least --min with tests/tools/score.py --strict against its expected
JSON (fixtures/corpus/expected).

    check_scores.py RAINGAN CORPUS_DIR SCORE_PY [--min 0.98]
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("raingan")
    ap.add_argument("corpus")
    ap.add_argument("score")
    ap.add_argument("--min", type=float, default=0.98)
    a = ap.parse_args()
    failed = passed = 0
    with tempfile.TemporaryDirectory() as out:
        for fmt in ("docx", "odt"):
            folder = os.path.join(a.corpus, fmt)
            for f in sorted(os.listdir(folder)):
                stem = f.rsplit(".", 1)[0]
                expected = os.path.join(a.corpus, "expected", stem + ".json")
                actual = os.path.join(out, "%s.%s.json" % (stem, fmt))
                p = subprocess.run([a.raingan, "parse", os.path.join(folder, f)], capture_output=True)
                if p.returncode != 0:
                    print("FAIL %s: raingan parse exited %d: %s" % (f, p.returncode, p.stderr.decode()[:300]))
                    failed += 1
                    continue
                open(actual, "wb").write(p.stdout)
                s = subprocess.run([sys.executable, a.score, "--strict", expected, actual], capture_output=True, text=True)
                m = re.search(r"^score: ([0-9.]+)", s.stdout, re.M)
                score = float(m.group(1)) if m else 0.0
                ok = score >= a.min
                print("%s %s: %.3f" % ("ok  " if ok else "FAIL", f, score))
                if not ok:
                    print(s.stdout)
                passed += ok
                failed += not ok
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
