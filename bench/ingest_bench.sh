#!/bin/sh
# ingest_bench.sh - speed and memory of `raingan ingest` (issues 5, 10): files/s
# with -j 1 and -j 2, CPU, peak resident memory, store size per filing, and
# the time of a second run that skips everything, on make_bulk filings.
#
# usage: bench/ingest_bench.sh [N...]          (default: 1000 10000)
#   RAINGAN=path/to/raingan   (default: build/cmd/raingan)
#   BASELINE=path/to/raingan  another raingan (e.g. the main branch's) run back to back
#                             with RAINGAN, RUNS times each, alternating, on the same
#                             machine at the same time: a ratio, not two noisy figures
#   RUNS=3                    runs of each binary per N and -j (the median is shown)
#   BENCH_DIR=dir             where the filings and stores go (default /tmp/raingan-bench)
#   JOBS="1 2"                the -j values to measure
# The filings are made once per N with tests/tools/make_bulk.py (seed 3) and
# kept in BENCH_DIR.  Prints one markdown table row per N, -j and binary, and
# with BASELINE the ratio RAINGAN / BASELINE of files/s and of CPU per filing.
set -eu

here=$(cd "$(dirname "$0")/.." && pwd)
RAINGAN=${RAINGAN:-$here/build/cmd/raingan}
BASELINE=${BASELINE:-}
RUNS=${RUNS:-3}
BENCH_DIR=${BENCH_DIR:-/tmp/raingan-bench}
JOBS=${JOBS:-"1 2"}
[ $# -gt 0 ] || set -- 1000 10000

[ -x "$RAINGAN" ] || { echo "ingest_bench: no raingan at $RAINGAN (set RAINGAN=)" >&2; exit 2; }
[ -z "$BASELINE" ] || [ -x "$BASELINE" ] || { echo "ingest_bench: no raingan at $BASELINE" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "ingest_bench: needs GNU time (apt-get install time)" >&2; exit 2; }
mkdir -p "$BENCH_DIR"

# make_bulk needs python-docx for DOCX files: Debian's python3 has it
make_filings() {
	n=$1 dir=$BENCH_DIR/bulk-$1
	[ -d "$dir" ] && return 0
	echo "making $n filings in $dir ..." >&2
	/usr/bin/python3 "$here/tests/tools/make_bulk.py" "$n" "$dir.tmp" --seed 3 --no-expected >&2
	mv "$dir.tmp" "$dir"
}

# One ingest of bulk-N with -j J by binary B into a fresh store: appends
# "wall cpu rss_kb bytes rerun" to the file $4.
one_run() {
	b=$1 n=$2 j=$3 out=$4
	db=$BENCH_DIR/bench-$n-j$j.db
	rm -f "$db" "$db-wal" "$db-shm"
	/usr/bin/time -f "%e %M %U %S" -o "$BENCH_DIR/time.txt" \
		"$b" ingest -j "$j" --json --db "$db" "$BENCH_DIR/bulk-$n" >"$BENCH_DIR/summary.json"
	read -r wall rss_kb user sys <"$BENCH_DIR/time.txt"
	bytes=$(stat -c %s "$db")
	/usr/bin/time -f "%e" -o "$BENCH_DIR/time2.txt" \
		"$b" ingest -j "$j" --json --db "$db" "$BENCH_DIR/bulk-$n" >/dev/null
	echo "$wall $(echo "$user $sys" | awk '{print $1 + $2}') $rss_kb $bytes $(cat "$BENCH_DIR/time2.txt")" >>"$out"
}

# The median of column C of file F.
median() {
	sort -n -k"$2" "$1" | awk -v c="$2" '{ v[NR] = $c } END { print v[int((NR + 1) / 2)] }'
}

row() {
	label=$1 n=$2 j=$3 f=$4
	awk -v n="$n" -v j="$j" -v label="$label" -v wall="$(median "$f" 1)" -v cpu="$(median "$f" 2)" \
		-v rss="$(median "$f" 3)" -v bytes="$(median "$f" 4)" -v rerun="$(median "$f" 5)" 'BEGIN {
		printf "| %s | %d | %d | %.0f | %.2f | %.2f | %.2f | %.1f | %.1f | %.1f | %.2f |\n", label, n, j,
			n / wall, wall, cpu, cpu * 1000 / n, rss / 1024, bytes / 1048576, bytes / 1024 / n, rerun }'
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores" >&2
echo "| raingan | filings | -j | files/s | wall s | CPU s (user+sys) | CPU ms/filing | peak RSS MiB | store MiB | store KiB/filing | rerun (all skipped) s |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
for n in "$@"; do
	make_filings "$n"
	for j in $JOBS; do
		rm -f "$BENCH_DIR/a.runs" "$BENCH_DIR/b.runs"
		k=0
		while [ $k -lt "$RUNS" ]; do   # alternate: both see the same machine
			one_run "$RAINGAN" "$n" "$j" "$BENCH_DIR/a.runs"
			[ -z "$BASELINE" ] || one_run "$BASELINE" "$n" "$j" "$BENCH_DIR/b.runs"
			k=$((k + 1))
		done
		row "this" "$n" "$j" "$BENCH_DIR/a.runs"
		if [ -n "$BASELINE" ]; then
			row "baseline" "$n" "$j" "$BENCH_DIR/b.runs"
			awk -v a="$(median "$BENCH_DIR/a.runs" 1)" -v b="$(median "$BENCH_DIR/b.runs" 1)" \
				-v ca="$(median "$BENCH_DIR/a.runs" 2)" -v cb="$(median "$BENCH_DIR/b.runs" 2)" -v n="$n" -v j="$j" 'BEGIN {
				printf "ratio this/baseline, %d filings, -j %d: files/s %.3f, CPU per filing %.3f\n", n, j, b / a, ca / cb
			}' >&2
		fi
	done
done
