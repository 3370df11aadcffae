#!/bin/sh
# report_bench.sh - time and memory of `raingan report` on N synthetic filings (issue 4).
#
#   bench/report_bench.sh [N] [WORKDIR]        (defaults: 1000, /tmp/raingan-report-bench)
#
# Makes N filings with ../shared/tools/make_bulk.py (ODT only: no python-docx
# needed; the expected model JSON of each comes with them), then writes the
# consolidated PDF from the model JSON (the rendering alone) and from the
# filings themselves (extraction + rendering), with /usr/bin/time for the
# wall time and the peak memory, and pdfinfo for the pages.  For comparison,
# `soffice --headless --convert-to pdf` on 20 of the filings, when LibreOffice
# is installed.  RAINGAN=path/to/raingan overrides the binary.
#
# BASE=path/to/other/raingan: the same report from model JSON with both
# binaries, alternated three times back to back (the machine is shared: only
# the ratio within one run means something), and the line breaks that cut a
# name (tests/pdf/pdflines.py: places of the run, listed terms, abbreviations,
# พ.ศ. and its year, numbers and units, libthai words) in the report of the
# corpus, the cases and the first 200 filings, with each binary.
set -eu

N=${1:-1000}
WORK=${2:-/tmp/raingan-report-bench}
HERE=$(cd "$(dirname "$0")/.." && pwd)
MAKE_BULK=${MAKE_BULK:-$HERE/../shared/tools/make_bulk.py}
RAINGAN=${RAINGAN:-}
if [ -z "$RAINGAN" ]; then
	for b in "$HERE/build/cmd/raingan" "$HERE/build-pdf/cmd/raingan" "$HERE/build/raingan"; do
		if [ -x "$b" ]; then RAINGAN=$b; break; fi
	done
fi
[ -x "${RAINGAN:-}" ] || { echo "report_bench: build raingan first (or set RAINGAN)" >&2; exit 2; }
command -v pdfinfo >/dev/null || { echo "report_bench: needs poppler-utils (pdfinfo)" >&2; exit 2; }

if [ ! -d "$WORK/expected" ] || [ "$(ls "$WORK"/expected/*.json 2>/dev/null | wc -l)" -ne "$N" ]; then
	rm -rf "$WORK"
	python3 "$MAKE_BULK" "$N" "$WORK" --odt-share 1 >/dev/null
fi
rows=$(python3 -c "import json,glob,sys; print(sum(len(json.load(open(f))['projects']) for f in glob.glob(sys.argv[1] + '/expected/*.json')))" "$WORK")
echo "filings: $N, project rows: $rows, machine: $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"

measure() {   # label, output pdf, command...
	label=$1 out=$2
	shift 2
	/usr/bin/time -f "%e %U %M" -o "$WORK/time.txt" env SOURCE_DATE_EPOCH=1700000000 "$@" >/dev/null
	read -r secs user kb < "$WORK/time.txt"
	pages=$(pdfinfo "$out" | awk '/^Pages:/ {print $2}')
	size=$(stat -c %s "$out")
	echo "$label: $secs s wall ($user s CPU), peak $((kb / 1024)) MiB, $pages pages, $(echo "$pages $secs" | awk '{printf "%.0f", $1 / ($2 > 0 ? $2 : 1)}') pages/s, $((size / 1024 / 1024)) MiB file"
}

measure "report from model JSON" "$WORK/report-json.pdf" \
	"$RAINGAN" report -o "$WORK/report-json.pdf" "$WORK"/expected/*.json
if "$RAINGAN" report -o "$WORK/probe.pdf" "$(ls "$WORK"/*.odt | head -1)" >/dev/null 2>&1; then
	measure "report from the ODT filings (extraction included)" "$WORK/report-odt.pdf" \
		"$RAINGAN" report -o "$WORK/report-odt.pdf" "$WORK"/*.odt
else
	echo "report from the filings: skipped (the extractor cannot read them yet)"
fi
if [ -n "${BASE:-}" ]; then
	[ -x "$BASE" ] || { echo "report_bench: BASE=$BASE is not a program" >&2; exit 2; }
	for round in 1 2 3; do
		for b in "$BASE" "$RAINGAN"; do
			/usr/bin/time -f "%e" -o "$WORK/time.txt" env SOURCE_DATE_EPOCH=1700000000 \
				"$b" report -o "$WORK/cmp.pdf" "$WORK"/expected/*.json >/dev/null
			echo "$b $(cat "$WORK/time.txt") $(pdfinfo "$WORK/cmp.pdf" | awk '/^Pages:/ {print $2}')"
		done
	done > "$WORK/cmp.txt"
	awk -v base="$BASE" '$1 == base { b[++nb] = $2; bp = $3 } $1 != base { n[++nn] = $2; np = $3 }
		function median(a, k,   i, j, t) { for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
			return a[int((k + 1) / 2)] }
		END { mb = median(b, nb); mn = median(n, nn)
			printf "back to back (median of 3): base %.2f s (%d pages), this %.2f s (%d pages), ratio %.3f\n", mb, bp, mn, np, mn / mb }' "$WORK/cmp.txt"
	# the names cut by a line break, before and after
	SHARED=$HERE/../shared
	mkdir -p "$WORK/breaks"
	set -- "$SHARED"/corpus/expected/*.json "$SHARED"/cases/expected/*.json $(ls "$WORK"/expected/*.json | head -200)
	for b in "$BASE" "$RAINGAN"; do
		SOURCE_DATE_EPOCH=1700000000 "$b" report -o "$WORK/breaks/r.pdf" "$@" >/dev/null
		printf '%s: ' "$b"
		python3 "$HERE/tests/pdf/pdflines.py" breaks "$WORK/breaks/r.pdf" "$HERE/rules/linebreak.th.tsv" "$@" |
			python3 -c 'import json, sys; d = json.load(sys.stdin); print("all text", d["all_text"], "| in project names", d["project_names"])'
	done
fi

# determinism on the big report
"$RAINGAN" report -o "$WORK/report-json2.pdf" "$WORK"/expected/*.json >/dev/null 2>&1 || true
SOURCE_DATE_EPOCH=1700000000 "$RAINGAN" report -o "$WORK/report-json2.pdf" "$WORK"/expected/*.json
cmp -s "$WORK/report-json.pdf" "$WORK/report-json2.pdf" && echo "two runs: byte-identical" || echo "two runs: DIFFER"

if command -v soffice >/dev/null; then
	mkdir -p "$WORK/soffice"
	start=$(date +%s.%N)
	soffice --headless --convert-to pdf --outdir "$WORK/soffice" $(ls "$WORK"/*.odt | head -20) >/dev/null 2>&1
	end=$(date +%s.%N)
	echo "soffice --convert-to pdf, 20 filings: $(echo "$start $end" | awk '{printf "%.1f", $2 - $1}') s"
else
	echo "soffice: not installed, comparison skipped"
fi
