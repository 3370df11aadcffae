#!/bin/sh
# pg_ingest_bench.sh - ingest into a PostgreSQL store against the SQLite store
# (issue 10): make_bulk filings taken from the store's queue by WORKERS
# `raingan work -j 1` processes at once into a local server, as a ratio to
# `raingan ingest -j WORKERS` into an SQLite file of the same files, the two
# measured back to back, RUNS times, alternating (the machine is shared: a
# ratio within one run, not two noisy figures); also one `raingan ingest
# -j WORKERS` process into PostgreSQL, each process's peak memory (flat:
# the same at 1,000 and 10,000 filings), and the CPU time of raingan and of
# the server (its backends and autovacuum, from the postmaster's children).
#
# usage: bench/pg_ingest_bench.sh [N...]        (default: 1000 10000)
#   RAINGAN=path/to/raingan   (default: build/cmd/raingan)
#   RUNS=3                    rounds per N (medians are shown)
#   WORKERS=2                 queue workers (and SQLite's -j)
#   BENCH_DIR=dir             filings, stores and the server (default /tmp/raingan-bench)
# The server is a throwaway one (tests/store/pg_server.sh) with the defaults
# of a real one (fsync on; raingan's writers use synchronous_commit off, the
# SQLite store's synchronous NORMAL); it is stopped at the end.
set -eu

here=$(cd "$(dirname "$0")/.." && pwd)
RAINGAN=${RAINGAN:-$here/build/cmd/raingan}
RUNS=${RUNS:-3}
WORKERS=${WORKERS:-2}
BENCH_DIR=${BENCH_DIR:-/tmp/raingan-bench}
[ $# -gt 0 ] || set -- 1000 10000

[ -x "$RAINGAN" ] || { echo "pg_ingest_bench: no raingan at $RAINGAN (set RAINGAN=)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "pg_ingest_bench: needs GNU time (apt-get install time)" >&2; exit 2; }
mkdir -p "$BENCH_DIR"
BENCH_DIR=$(cd "$BENCH_DIR" && pwd)

state=$BENCH_DIR/pg-server
RG_PG_DURABLE=1 sh "$here/tests/store/pg_server.sh" start "$state" >&2
trap 'sh "$here/tests/store/pg_server.sh" stop "$state"' EXIT INT TERM
export PGSERVICEFILE=$state/pg_service.conf
postmaster=$(. "$state/env"; head -n 1 "$PG_DIR/data/postmaster.pid")

# CPU seconds of the server's processes that have ended (backends, autovacuum workers)
server_cpu() {
	awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f\n", ($16 + $17) / hz }' "/proc/$postmaster/stat"
}

# the filings of ingest_bench.sh (seed 3; DOCX and ODT: Debian's python3 has python-docx)
make_filings() {
	dir=$BENCH_DIR/bulk-$1
	[ -d "$dir" ] && return 0
	echo "making $1 filings in $dir ..." >&2
	/usr/bin/python3 "$here/tests/tools/make_bulk.py" "$1" "$dir.tmp" --seed 3 --no-expected >&2
	mv "$dir.tmp" "$dir"
}

now() { date +%s.%N; }

new_db() {
	psql -X -q -d service=raingan_test -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1" 2>/dev/null
	echo "service=raingan_test dbname=$1"
}

# "wall rss_kb cpu": SQLite, one `ingest -j WORKERS` into a new file
sqlite_run() {
	db=$BENCH_DIR/bench-$1.db
	rm -f "$db" "$db-wal" "$db-shm"
	/usr/bin/time -f "%e %M %U %S" -o "$BENCH_DIR/t.sqlite" "$RAINGAN" ingest -j "$WORKERS" --db "$db" \
		"$BENCH_DIR/bulk-$1" >/dev/null 2>&1
	awk '{ printf "%s %s %.2f\n", $1, $2, $3 + $4 }' "$BENCH_DIR/t.sqlite"
}

# "wall max_rss_kb add_s cpu server_cpu mib": WORKERS `work -j 1` over the queue of a new database
queue_run() {
	db=$(new_db "bench_q$1")
	a=$(now)
	"$RAINGAN" queue add --db "$db" "$BENCH_DIR/bulk-$1" 2>/dev/null
	b=$(now)
	s0=$(server_cpu)
	k=0
	while [ $k -lt "$WORKERS" ]; do
		/usr/bin/time -f "%M %U %S" -o "$BENCH_DIR/t.w$k" "$RAINGAN" work -j 1 --db "$db" >/dev/null 2>&1 &
		k=$((k + 1))
	done
	wait
	c=$(now)
	sleep 1   # the server's last backends end
	s1=$(server_cpu)
	rss=$(cut -d' ' -f1 "$BENCH_DIR"/t.w* | sort -n | tail -n 1)
	cpu=$(awk '{ s += $2 + $3 } END { printf "%.2f", s }' "$BENCH_DIR"/t.w*)
	rm -f "$BENCH_DIR"/t.w*
	n=$("$RAINGAN" export --db "$db" | wc -l)
	[ "$n" -gt "$1" ] || echo "pg_ingest_bench: only $((n - 1)) of $1 filings stored" >&2
	mib=$(psql -X -A -t -d "$db" -c "SELECT pg_database_size(current_database()) / 1048576.0")
	awk -v a="$a" -v b="$b" -v c="$c" -v rss="$rss" -v cpu="$cpu" -v s0="$s0" -v s1="$s1" -v mib="$mib" \
		'BEGIN { printf "%.2f %d %.2f %s %.2f %.1f\n", c - b, rss, b - a, cpu, s1 - s0, mib }'
}

# "wall rss_kb cpu server_cpu": one `ingest -j WORKERS` into a new database
pg_ingest_run() {
	db=$(new_db "bench_i$1")
	s0=$(server_cpu)
	/usr/bin/time -f "%e %M %U %S" -o "$BENCH_DIR/t.pg" "$RAINGAN" ingest -j "$WORKERS" --db "$db" \
		"$BENCH_DIR/bulk-$1" >/dev/null 2>&1
	sleep 1
	s1=$(server_cpu)
	awk -v s0="$s0" -v s1="$s1" '{ printf "%s %s %.2f %.2f\n", $1, $2, $3 + $4, s1 - s0 }' "$BENCH_DIR/t.pg"
}

median() {
	sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores" >&2
echo "| filings | store | processes | run | wall s | files/s | CPU s raingan | CPU s server | peak RSS MiB (per process) | vs SQLite (files/s) |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
for n in "$@"; do
	make_filings "$n"
	rm -f "$BENCH_DIR/r.$n".*
	r=1
	while [ "$r" -le "$RUNS" ]; do   # alternate: all three see the same machine
		set -- $(sqlite_run "$n"); s_wall=$1 s_rss=$2 s_cpu=$3
		set -- $(queue_run "$n"); q_wall=$1 q_rss=$2 q_add=$3 q_cpu=$4 q_srv=$5 q_mib=$6
		set -- $(pg_ingest_run "$n"); i_wall=$1 i_rss=$2 i_cpu=$3 i_srv=$4
		echo "$s_wall" >>"$BENCH_DIR/r.$n.s"
		echo "$q_wall" >>"$BENCH_DIR/r.$n.q"
		echo "$i_wall" >>"$BENCH_DIR/r.$n.i"
		awk -v s="$s_wall" -v q="$q_wall" 'BEGIN { print s / q }' >>"$BENCH_DIR/r.$n.ratio"
		awk -v n="$n" -v r="$r" -v w="$WORKERS" -v s="$s_wall" -v sr="$s_rss" -v sc="$s_cpu" -v q="$q_wall" \
			-v qr="$q_rss" -v qa="$q_add" -v qc="$q_cpu" -v qs="$q_srv" -v i="$i_wall" -v ir="$i_rss" \
			-v ic="$i_cpu" -v is="$i_srv" 'BEGIN {
			printf "| %d | SQLite | 1 ingest -j %d | %d | %.2f | %.0f | %.2f | - | %.1f | 1 |\n", n, w, r, s, n / s, sc, sr / 1024
			printf "| %d | PostgreSQL | %d work -j 1 (queue add %.2f s) | %d | %.2f | %.0f | %.2f | %.2f | %.1f | %.2fx |\n", n, w, qa, r, q, n / q, qc, qs, qr / 1024, s / q
			printf "| %d | PostgreSQL | 1 ingest -j %d | %d | %.2f | %.0f | %.2f | %.2f | %.1f | %.2fx |\n", n, w, r, i, n / i, ic, is, ir / 1024, s / i
		}'
		echo "PostgreSQL database after $n filings: $q_mib MiB" >&2
		r=$((r + 1))
	done
	echo "median of $RUNS, $n filings: SQLite $(median <"$BENCH_DIR/r.$n.s") s, PostgreSQL $WORKERS workers" \
		"$(median <"$BENCH_DIR/r.$n.q") s, PostgreSQL 1 ingest $(median <"$BENCH_DIR/r.$n.i") s;" \
		"ratio (files/s PostgreSQL queue / SQLite): median $(median <"$BENCH_DIR/r.$n.ratio")" >&2
done
