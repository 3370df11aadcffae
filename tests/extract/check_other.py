#!/usr/bin/env python3
"""Files that are not anti-corruption reports (fixtures/external: test files of
other projects) parse to kind "other" with no projects claimed from nowhere,
or are refused cleanly; nothing crashes.  Their tables must not flood the
findings: a document of kind "other" gets no unread_row.

    check_other.py RAINGAN EXTERNAL_DIR
"""
import json
import os
import subprocess
import sys


def main():
    raingan, root = sys.argv[1], sys.argv[2]
    files = []
    for d, _, names in os.walk(root):
        files += [os.path.join(d, n) for n in names if n.endswith((".docx", ".odt"))]
    bad = []
    for f in sorted(files):
        p = subprocess.run([raingan, "parse", f], capture_output=True, timeout=60)
        if p.returncode == 1 and p.stderr.decode().startswith("raingan: "):
            continue
        if p.returncode != 0:
            bad.append("%s: exit %d %s" % (f, p.returncode, p.stderr.decode()[:200]))
            continue
        m = json.loads(p.stdout)
        if m["kind"] != "other":
            bad.append("%s: kind %s" % (f, m["kind"]))
        n = sum(1 for x in m["findings"] if x["code"] == "unread_row")
        if n:
            bad.append("%s: %d unread_row findings" % (f, n))
    for b in bad:
        print("BAD " + b)
    print("%d files; %d passed, %d failed" % (len(files), 0 if bad else 1, 1 if bad else 0))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
