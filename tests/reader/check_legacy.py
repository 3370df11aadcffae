#!/usr/bin/env python3
"""Word 97-2003 .doc and RTF read through LibreOffice, end to end (issue 12).

    check_legacy.py RAINGAN CORPUS_DIR SCORE_PY

The fixtures are made here: the corpus DOCX converted to .doc and .rtf by
LibreOffice (headless, a private profile directory).  Then `raingan parse`
reads them all in one run: every model says source.format doc/rtf, carries
the SHA-256 of the .doc/.rtf itself and scores against the corpus expected
files: >= 0.98 for .doc; >= 0.85 for .rtf, because LibreOffice's own RTF
round trip drops the repeated-header-row marks (\trhdr) and regrids some
tables, which the extraction then reads with fewer fields (the reader reads
what LibreOffice wrote: the dumps differ from the DOCX's only there).  Without LibreOffice (RAINGAN_SOFFICE pointing nowhere) a
.doc fails with one line naming the Debian package and the batch goes on.
Two runs at once (two private profiles) both succeed.

Exit 77 (skipped) when LibreOffice is not installed.
"""
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile

failures = 0


def check(cond, what):
    global failures
    print("%s %s" % ("PASS" if cond else "FAIL", what))
    if not cond:
        failures += 1


def convert(soffice, tmp, fmt, files, outdir):
    profile = "file://" + os.path.join(tmp, "profile-" + fmt)
    subprocess.run([soffice, "--headless", "--norestore", "--nolockcheck", "-env:UserInstallation=" + profile,
                    "--convert-to", fmt, "--outdir", outdir] + files,
                   capture_output=True, timeout=600, check=True)


def main():
    raingan, corpus, score = sys.argv[1], sys.argv[2], sys.argv[3]
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        print("LibreOffice is not installed (Debian package libreoffice-writer-nogui): skipped", file=sys.stderr)
        return 77
    tmp = tempfile.mkdtemp(prefix="rg-legacy-")
    try:
        docx_dir = os.path.join(corpus, "docx")
        names = sorted(f[:-5] for f in os.listdir(docx_dir) if f.endswith(".docx"))
        sources = [os.path.join(docx_dir, n + ".docx") for n in names]
        convert(soffice, tmp, "doc", sources, os.path.join(tmp, "doc"))
        convert(soffice, tmp, "rtf", sources, os.path.join(tmp, "rtf"))
        legacy = [os.path.join(tmp, "doc", n + ".doc") for n in names] + \
                 [os.path.join(tmp, "rtf", n + ".rtf") for n in names]
        check(all(os.path.getsize(p) > 0 for p in legacy), "LibreOffice made %d .doc/.rtf fixtures" % len(legacy))

        # one run over all of them (one LibreOffice start for the batch)
        p = subprocess.run([raingan, "parse", "--jsonl"] + legacy, capture_output=True, timeout=900)
        check(p.returncode == 0, "parse of every .doc/.rtf exits 0 (%s)" % p.stderr.decode()[:300].strip())
        models = [json.loads(line) for line in p.stdout.decode("utf-8").splitlines() if line.strip()]
        check(len(models) == len(legacy), "one model per file")
        os.makedirs(os.path.join(tmp, "json"))
        for path, m in zip(legacy, models):
            base = os.path.basename(path)
            ext = base.rsplit(".", 1)[1]
            sha = hashlib.sha256(open(path, "rb").read()).hexdigest()
            check(m["source"]["format"] == ext, "%s: source.format is %s" % (base, ext))
            check(m["source"]["sha256"] == sha, "%s: source.sha256 is the original file's" % base)
            actual = os.path.join(tmp, "json", base + ".json")
            with open(actual, "w", encoding="utf-8") as f:
                json.dump(m, f, ensure_ascii=False)
            expected = os.path.join(corpus, "expected", base.rsplit(".", 1)[0] + ".json")
            s = subprocess.run([sys.executable, score, "--strict", expected, actual], capture_output=True)
            line = s.stdout.decode().strip().splitlines()[-1] if s.stdout else ""
            value = float(line.split()[1]) if line.startswith("score:") else 0.0
            check(value >= (0.98 if ext == "doc" else 0.85), "%s: %s" % (base, line))

        # ingest of a folder of them: one LibreOffice start for the batch, none
        # on the rerun (stored files are not converted again); a wrapper
        # around soffice counts its starts
        folder = os.path.join(tmp, "folder")
        os.makedirs(folder)
        for path in legacy:
            shutil.copy(path, folder)
        starts = os.path.join(tmp, "starts.log")
        wrapper = os.path.join(tmp, "soffice-counting")
        with open(wrapper, "w") as f:
            f.write("#!/bin/sh\necho start >> %s\nexec %s \"$@\"\n" % (starts, soffice))
        os.chmod(wrapper, 0o755)
        env = dict(os.environ, RAINGAN_SOFFICE=wrapper)
        db = os.path.join(tmp, "store.db")
        for attempt, want in ((1, 1), (2, 0)):
            if os.path.exists(starts):
                os.remove(starts)
            p = subprocess.run([raingan, "ingest", "--json", "--db", db, folder], capture_output=True, env=env,
                               timeout=900)
            summary = json.loads(p.stdout or b"{}")
            n = len(open(starts).read().split()) if os.path.exists(starts) else 0
            check(p.returncode == 0 and summary.get("ingested", 0) + summary.get("skipped", 0) == len(legacy),
                  "ingest %d of the folder: exit %d, %s %s" % (attempt, p.returncode, summary,
                                                               p.stderr.decode()[:300].strip()))
            check(n == want, "ingest %d: LibreOffice started %d time(s), expected %d" % (attempt, n, want))
        p = subprocess.run([raingan, "export", "--db", db, "--table", "filings"], capture_output=True, timeout=60)
        check(p.stdout.decode("utf-8").count(",doc,") == len(names) and
              p.stdout.decode("utf-8").count(",rtf,") == len(names), "the store says format doc and rtf")

        # the text dump of one .doc: read, format doc
        p = subprocess.run([raingan, "dump", "--format", "json", legacy[0]], capture_output=True, timeout=300)
        doc = json.loads(p.stdout) if p.returncode == 0 else {}
        check(doc.get("format") == "doc" and len(doc.get("body", [])) > 5, "dump of a .doc: read, format doc")

        # without LibreOffice: one line naming the package, the other files go on
        env = dict(os.environ, RAINGAN_SOFFICE=os.path.join(tmp, "no-such-soffice"))
        p = subprocess.run([raingan, "parse", "--jsonl", legacy[0], sources[1]], capture_output=True, env=env,
                           timeout=300)
        err = p.stderr.decode("utf-8").strip().splitlines()
        check(p.returncode == 1, "without LibreOffice: exit 1 (some files failed)")
        check(len(err) == 1 and err[0].startswith("raingan: %s: " % legacy[0]) and "libreoffice-writer-nogui" in err[0],
              "without LibreOffice: one line saying how to get it: %s" % (err[:1],))
        out = [line for line in p.stdout.decode("utf-8").splitlines() if line.strip()]
        check(len(out) == 1 and json.loads(out[0])["source"]["format"] == "docx", "without LibreOffice: the DOCX is still read")

        # two runs at once: private profiles, no collision
        runs = [subprocess.Popen([raingan, "dump", path], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                for path in (legacy[1], legacy[2])]
        results = [r.communicate(timeout=300) + (r.returncode,) for r in runs]
        check(all(r[2] == 0 and len(r[0]) > 100 for r in results), "two conversions at once both succeed")
        left = [n for n in os.listdir(tempfile.gettempdir()) if n.startswith("rg-convert-")]
        print("note: %d rg-convert-* directories in %s (other runs may own them)" % (len(left), tempfile.gettempdir()))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("%d failed" % failures)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
