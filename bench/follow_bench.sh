#!/bin/sh
# follow_bench.sh - the cost of what issue 11 adds at national scale.
#
#   bench/follow_bench.sh [N] [WORKDIR]      (defaults: 5000, /tmp/raingan-follow-bench)
#
# Makes N organizations x 2 rounds with bench/make_rounds.py (ODT: no
# python-docx needed), then, RUNS times (default 3), back to back:
#   1. `raingan ingest -j 2` of the 2 x N filings into a fresh store (the
#      findings across filings are derived as each filing is stored), and, with
#      BASELINE=path/to/raingan (a build without issue 11), the same ingest with
#      it: the ratio is what deriving costs during ingest;
#   2. `raingan follow --update` on that store: every finding across filings
#      derived again from scratch (the same work as during ingest, alone);
#   3. `raingan report --db` (one consolidated PDF) and `raingan report --db
#      --split-by province -o DIR/` (one PDF a province + the national
#      summary), alternated, wall time and peak RSS (/usr/bin/time).
# Medians are printed; the machine is shared: compare the ratios within a run.
set -eu

N=${1:-5000}
WORK=${2:-/tmp/raingan-follow-bench}
RUNS=${RUNS:-3}
HERE=$(cd "$(dirname "$0")/.." && pwd)
RAINGAN=${RAINGAN:-$HERE/build/cmd/raingan}
[ -x "$RAINGAN" ] || { echo "follow_bench: build raingan first (or set RAINGAN)" >&2; exit 2; }

if [ ! -d "$WORK/r12" ] || [ "$(ls "$WORK"/r12 | wc -l)" -ne "$N" ]; then
	rm -rf "$WORK"
	/usr/bin/python3 "$HERE/bench/make_rounds.py" "$N" "$WORK" --odt-share 1 >/dev/null
fi
echo "filings: $((2 * N)) ($N organizations x 2 rounds), machine: $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"

t() {   # label, command...: "label wall cpu rss_mib" appended to $WORK/times
	label=$1
	shift
	/usr/bin/time -f "%e %U %S %M" -o "$WORK/time.txt" env SOURCE_DATE_EPOCH=1700000000 "$@" >/dev/null 2>"$WORK/err.txt" ||
		{ cat "$WORK/err.txt" >&2; exit 1; }
	read -r secs user sys kb < "$WORK/time.txt"
	echo "$label $secs $(echo "$user $sys" | awk '{print $1 + $2}') $((kb / 1024))" >> "$WORK/times"
}

rm -f "$WORK/times"
for run in $(seq 1 "$RUNS"); do
	rm -f "$WORK/store.db"*
	t ingest "$RAINGAN" ingest -j 2 --db "$WORK/store.db" "$WORK/r06" "$WORK/r12"
	if [ -n "${BASELINE:-}" ]; then
		rm -f "$WORK/base.db"*
		t ingest-baseline "$BASELINE" ingest -j 2 --db "$WORK/base.db" "$WORK/r06" "$WORK/r12"
	fi
	t follow-update "$RAINGAN" follow --update --db "$WORK/store.db"
	rm -rf "$WORK/split"
	t report "$RAINGAN" report --db "$WORK/store.db" -o "$WORK/all.pdf"
	t split "$RAINGAN" report --db "$WORK/store.db" --split-by province -o "$WORK/split/"
done
"$RAINGAN" export --table findings --db "$WORK/store.db" --format jsonl |
	/usr/bin/python3 -c 'import json, sys, collections; c = collections.Counter(json.loads(l)["code"] for l in sys.stdin if json.loads(l)["derived"]); [print("  %s %d" % kv) for kv in sorted(c.items())]'
echo "provinces: $(ls "$WORK/split" | grep -vc national), pages: all.pdf $(pdfinfo "$WORK/all.pdf" | awk '/^Pages/ {print $2}')"

awk '
	{ w[$1] = w[$1] " " $2; c[$1] = c[$1] " " $3; m[$1] = m[$1] " " $4; n[$1]++ }
	function median(s,   a, k, i, j, x) {
		k = split(s, a, " ")
		for (i = 2; i <= k; i++) { x = a[i]; for (j = i - 1; j >= 1 && a[j] > x; j--) a[j + 1] = a[j]; a[j + 1] = x }
		return k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
	}
	END {
		printf "%-16s %8s %8s %8s\n", "task", "wall s", "CPU s", "RSS MiB"
		for (k in w) { W[k] = median(w[k]); C[k] = median(c[k]); M[k] = median(m[k]); printf "%-16s %8.2f %8.2f %8d\n", k, W[k], C[k], M[k] }
		printf "follow --update / ingest: %.3f wall, %.3f CPU\n", W["follow-update"] / W["ingest"], C["follow-update"] / C["ingest"]
		if (W["ingest-baseline"]) printf "ingest / baseline ingest: %.3f wall, %.3f CPU\n", W["ingest"] / W["ingest-baseline"], C["ingest"] / C["ingest-baseline"]
		printf "split / report: %.3f wall, %.3f CPU, peak RSS %d / %d MiB\n", W["split"] / W["report"], C["split"] / C["report"], M["split"], M["report"]
	}' "$WORK/times"
