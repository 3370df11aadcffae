#!/bin/sh
# ingest_bench.sh - speed and memory of `raingan ingest` (issue 5): files/s
# with -j 1 and -j 2, peak resident memory, store size per filing, and the
# time of a second run that skips everything, on make_bulk filings.
#
# usage: bench/ingest_bench.sh [N...]          (default: 1000 10000)
#   RAINGAN=path/to/raingan   (default: build/cmd/raingan)
#   BENCH_DIR=dir             where the filings and stores go (default /tmp/raingan-bench)
#   JOBS="1 2"                the -j values to measure
# The filings are made once per N with tests/tools/make_bulk.py (seed 3) and
# kept in BENCH_DIR.  Prints one markdown table row per N and -j.
set -eu

here=$(cd "$(dirname "$0")/.." && pwd)
RAINGAN=${RAINGAN:-$here/build/cmd/raingan}
BENCH_DIR=${BENCH_DIR:-/tmp/raingan-bench}
JOBS=${JOBS:-"1 2"}
[ $# -gt 0 ] || set -- 1000 10000

[ -x "$RAINGAN" ] || { echo "ingest_bench: no raingan at $RAINGAN (set RAINGAN=)" >&2; exit 2; }
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

# A JSON number from ingest's --json summary.
field() {
	sed -n "s/.*\"$1\":\([0-9.]*\).*/\1/p" "$2"
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores" >&2
echo "| filings | -j | files/s | wall s | CPU s (user+sys) | CPU ms/filing | peak RSS MiB | store MiB | store KiB/filing | rerun (all skipped) s |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
for n in "$@"; do
	make_filings "$n"
	for j in $JOBS; do
		db=$BENCH_DIR/bench-$n-j$j.db
		rm -f "$db" "$db-wal" "$db-shm"
		/usr/bin/time -f "%e %M %U %S" -o "$BENCH_DIR/time.txt" \
			"$RAINGAN" ingest -j "$j" --json --db "$db" "$BENCH_DIR/bulk-$n" >"$BENCH_DIR/summary.json"
		read -r wall rss_kb user sys <"$BENCH_DIR/time.txt"
		rate=$(field files_per_second "$BENCH_DIR/summary.json")
		ingested=$(field ingested "$BENCH_DIR/summary.json")
		bytes=$(stat -c %s "$db")
		/usr/bin/time -f "%e" -o "$BENCH_DIR/time2.txt" \
			"$RAINGAN" ingest -j "$j" --json --db "$db" "$BENCH_DIR/bulk-$n" >/dev/null
		rerun=$(cat "$BENCH_DIR/time2.txt")
		awk -v n="$n" -v j="$j" -v rate="$rate" -v wall="$wall" -v rss="$rss_kb" -v bytes="$bytes" \
			-v ing="$ingested" -v rerun="$rerun" -v cpu="$(echo "$user $sys" | awk '{print $1 + $2}')" 'BEGIN {
			printf "| %d | %d | %.0f | %.2f | %.2f | %.2f | %.1f | %.1f | %.1f | %.2f |\n", n, j, rate, wall,
				cpu, cpu * 1000 / n, rss / 1024, bytes / 1048576, ing ? bytes / 1024 / ing : 0, rerun }'
	done
done
