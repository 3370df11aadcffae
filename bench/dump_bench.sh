#!/bin/sh
# dump_bench.sh - speed and memory of `raingan dump` and `raingan parse`
# (issues 2 and 3) against a floor (bench/floor.c: libzip + libxml2 SAX push
# parser with empty callbacks over the same XML parts) and pandoc 2.17.
#
# usage: bench/dump_bench.sh [DIR]      (default DIR: /tmp/raingan-bench-1000)
#   DIR holds make_bulk filings (bulk-NNNNN.docx|odt); when it has none (new or
#   empty directory) they are made with `make_bulk.py 1000 DIR --seed 1
#   --no-expected` (~1 min; BULK_N=n for another count).
# environment:
#   RAINGAN=path         the binary (default: build/cmd/raingan if it runs,
#                        else build-bench/cmd/raingan, built Release if missing)
#   RUNS=3               counted rounds (after 1 warm-up round); every command
#                        runs once per round, so the rounds are interleaved
#   PANDOC_SAMPLE=50     files given to pandoc: DOCX and ODT in the corpus's
#                        proportion, evenly spaced; pandoc's rate is extrapolated
#   PER_FILE=1           also time one raingan process per file (0: skip)
#   CALLGRIND=50         also count instructions (valgrind --tool=callgrind) of the
#                        floor, dump and parse over this many files (0: skip; picked
#                        like the pandoc sample);
#                        counts do not depend on the load of the machine
#   OUT=dir              scratch and raw results (default /tmp/raingan-dump-bench)
# Prints a markdown table on stdout; every run is kept in $OUT/runs.tsv.
#
# Each figure is a whole-process measurement by /usr/bin/time -v: wall time
# (start-up included), user+system CPU, and "Maximum resident set size" (of the
# largest single process for the loops).  The table quotes the median of RUNS
# runs for each column, and the 1-minute load average seen before the runs
# (the machine is shared: wall times under load > 2 are inflated, the CPU
# column is the steadier one).  MB/s is MB (10^6 bytes) of XML: the sum of the
# uncompressed sizes, from the zip central directory, of the parts raingan
# reads (counted by the floor program), divided by wall time.
set -eu

here=$(cd "$(dirname "$0")/.." && pwd)
DIR=${1:-/tmp/raingan-bench-1000}
RUNS=${RUNS:-3}
BULK_N=${BULK_N:-1000}
PANDOC_SAMPLE=${PANDOC_SAMPLE:-50}
PER_FILE=${PER_FILE:-1}
CALLGRIND=${CALLGRIND:-50}
OUT=${OUT:-/tmp/raingan-dump-bench}
MAKE_BULK=${MAKE_BULK:-$here/../shared/tools/make_bulk.py}
[ -f "$MAKE_BULK" ] || MAKE_BULK=/work/shared/tools/make_bulk.py

die() { echo "dump_bench: $*" >&2; exit 2; }
[ -x /usr/bin/time ] || die "needs GNU time (apt-get install time)"
mkdir -p "$OUT"

# ---- the binary ------------------------------------------------------------------
works() { [ -x "$1" ] && "$1" dump --help >/dev/null 2>&1; }
if [ -z "${RAINGAN:-}" ]; then
	if works "$here/build/cmd/raingan"; then
		RAINGAN=$here/build/cmd/raingan
	else
		RAINGAN=$here/build-bench/cmd/raingan
		if ! works "$RAINGAN"; then
			echo "building raingan (Release) in $here/build-bench ..." >&2
			# -O3 trips a -Wmaybe-uninitialized false positive under -Werror
			cmake -S "$here" -B "$here/build-bench" -DCMAKE_BUILD_TYPE=Release \
				"-DCMAKE_C_FLAGS=-g -Wno-error=maybe-uninitialized" >&2
			cmake --build "$here/build-bench" --target raingan -j2 >&2
		fi
	fi
fi
works "$RAINGAN" || die "no working raingan at $RAINGAN (set RAINGAN=)"
build_dir=$(dirname "$(dirname "$RAINGAN")")
build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$build_dir/CMakeCache.txt" 2>/dev/null || true)
# a private copy (with the rules beside it, where parse looks first), so that a
# rebuild of a shared build during the runs changes nothing
cp "$RAINGAN" "$OUT/raingan"
rm -rf "$OUT/rules"
if [ -d "$(dirname "$RAINGAN")/rules" ]; then
	cp -R "$(dirname "$RAINGAN")/rules" "$OUT/rules"
fi
RAINGAN_SRC=$RAINGAN
RAINGAN=$OUT/raingan

# ---- the floor ---------------------------------------------------------------------
FLOOR=$OUT/floor
# shellcheck disable=SC2046
gcc -std=c11 -O3 -DNDEBUG -Wall -Wextra -Werror -o "$FLOOR" "$here/bench/floor.c" \
	$(pkg-config --cflags --libs libxml-2.0 libzip) || die "cannot build bench/floor.c"

# ---- the corpus ------------------------------------------------------------------------
if ! ls "$DIR"/bulk-*.docx >/dev/null 2>&1; then
	if [ -d "$DIR" ] && [ -n "$(ls -A "$DIR")" ]; then
		die "$DIR has no bulk-*.docx filings but is not empty: give a new or empty directory"
	fi
	echo "making $BULK_N filings in $DIR (about a minute per 1000) ..." >&2
	/usr/bin/python3 "$MAKE_BULK" "$BULK_N" "$DIR.tmp" --seed 1 --no-expected >&2
	rmdir "$DIR" 2>/dev/null || true
	mv "$DIR.tmp" "$DIR"
fi
ls "$DIR"/bulk-*.docx "$DIR"/bulk-*.odt 2>/dev/null | sort >"$OUT/all.txt"
n_all=$(wc -l <"$OUT/all.txt")
n_docx=$(grep -c '\.docx$' "$OUT/all.txt" || true)
n_odt=$(grep -c '\.odt$' "$OUT/all.txt" || true)
# the pandoc sample: DOCX and ODT in the corpus's proportion, evenly spaced in each
pick() { # FROM COUNT: COUNT evenly spaced lines of FROM
	awk -v k="$2" '{ l[NR] = $0 } END { for (i = 0; i < k && i < NR; i++) print l[int(i * NR / k) + 1] }' "$1"
}
grep '\.docx$' "$OUT/all.txt" >"$OUT/all-docx.txt" || true
grep '\.odt$' "$OUT/all.txt" >"$OUT/all-odt.txt" || true
s_docx=$(( (PANDOC_SAMPLE * n_docx + n_all / 2) / n_all ))
s_odt=$((PANDOC_SAMPLE - s_docx))
{ pick "$OUT/all-docx.txt" "$s_docx"; pick "$OUT/all-odt.txt" "$s_odt"; } | sort >"$OUT/sample.txt"
n_sample=$(wc -l <"$OUT/sample.txt")

# XML bytes read (central directory sizes of the parts read), counted by the floor
xml_bytes() {
	# shellcheck disable=SC2046
	"$FLOOR" $(cat "$1") 2>&1 >/dev/null | sed -n 's/.*xml_bytes \([0-9]*\).*/\1/p'
}
bytes_all=$(xml_bytes "$OUT/all.txt")
bytes_sample=$(xml_bytes "$OUT/sample.txt")
disk_all=$(xargs stat -c %s <"$OUT/all.txt" | awk '{ s += $1 } END { print s }')

# ---- measuring ---------------------------------------------------------------------------
runs=$OUT/runs.tsv
printf 'label\trun\tload1\twall_s\tuser_s\tsys_s\tmaxrss_kb\texit\n' >"$runs"

# once LABEL CMD... : one run of CMD (stdout to /dev/null) in round $r; round 0 is
# the warm-up and is not recorded.  The rounds are interleaved (every command
# once per round) so that the floor, dump and parse of a round see the same load.
once() {
	label=$1
	shift
	load=$(cut -d' ' -f1 /proc/loadavg)
	set +e
	/usr/bin/time -v -o "$OUT/time.txt" "$@" >/dev/null 2>"$OUT/stderr.txt"
	rc=$?
	set -e
	[ "$rc" -eq 0 ] || echo "dump_bench: $label exited $rc: $(head -c 300 "$OUT/stderr.txt")" >&2
	[ "$r" -gt 0 ] || return 0
	awk -v l="$label" -v r="$r" -v load="$load" -v rc="$rc" -F': ' '
		/Elapsed \(wall clock\)/ { n = split($2, p, ":"); w = 0; for (i = 1; i <= n; i++) w = w * 60 + p[i] }
		/User time/ { u = $2 } /System time/ { s = $2 } /Maximum resident/ { m = $2 }
		END { printf "%s\t%d\t%s\t%.3f\t%.2f\t%.2f\t%d\t%d\n", l, r, load, w, u, s, m, rc }' \
		"$OUT/time.txt" >>"$runs"
}

# -j: raingan reads files on several threads (default: the number of CPUs) since
# e2bacee.  The floor is one thread, so the comparisons with it use -j 1; the
# default is timed too, for throughput.
J1=""
JDEF=""
if "$RAINGAN" dump --help 2>&1 | grep -q -- '-j N'; then
	J1="-j 1"
	JDEF=1
fi
L_FLOOR="floor (libzip + libxml2 SAX, empty callbacks), 1 process"
L_DUMP="raingan dump --format json${J1:+ $J1}, 1 process"
L_PARSE="raingan parse${J1:+ $J1}, 1 process"
L_DUMPJ="raingan dump --format json (default -j: $(nproc) threads), 1 process"
L_PARSEJ="raingan parse (default -j: $(nproc) threads), 1 process"
L_DUMPL="raingan dump --format json, 1 process per file"
L_PANDOC="sample: pandoc -f docx|odt -t json, 1 process per file"

echo "measuring: $n_all files, $RUNS interleaved rounds after a warm-up round; raingan=$RAINGAN_SRC ($build_type)" >&2
r=0
while [ "$r" -le "$RUNS" ]; do
	echo "round $r of $RUNS ($(date -u +%H:%M:%S), load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
	# shellcheck disable=SC2046,SC2086
	{
		once "$L_FLOOR" "$FLOOR" $(cat "$OUT/all.txt")
		once "$L_DUMP" "$RAINGAN" dump --format json $J1 $(cat "$OUT/all.txt")
		once "$L_PARSE" "$RAINGAN" parse $J1 $(cat "$OUT/all.txt")
		if [ -n "$JDEF" ]; then
			once "$L_DUMPJ" "$RAINGAN" dump --format json $(cat "$OUT/all.txt")
			once "$L_PARSEJ" "$RAINGAN" parse $(cat "$OUT/all.txt")
		fi
	}
	if [ "$PER_FILE" = 1 ]; then
		once "floor, 1 process per file" sh -c 'while read -r f; do "$0" "$f"; done <"$1"' "$FLOOR" "$OUT/all.txt"
		once "$L_DUMPL" \
			sh -c 'while read -r f; do "$0" dump --format json "$f"; done <"$1"' "$RAINGAN" "$OUT/all.txt"
		once "raingan parse, 1 process per file" \
			sh -c 'while read -r f; do "$0" parse "$f"; done <"$1"' "$RAINGAN" "$OUT/all.txt"
	fi
	# shellcheck disable=SC2046,SC2086
	once "sample: raingan dump --format json${J1:+ $J1}, 1 process" "$RAINGAN" dump --format json $J1 $(cat "$OUT/sample.txt")
	once "sample: raingan dump --format json, 1 process per file" \
		sh -c 'while read -r f; do "$0" dump --format json "$f"; done <"$1"' "$RAINGAN" "$OUT/sample.txt"
	once "$L_PANDOC" \
		sh -c 'while read -r f; do case $f in *.odt) pandoc -f odt -t json "$f";; *) pandoc -f docx -t json "$f";; esac; done <"$1"' \
		sh "$OUT/sample.txt"
	r=$((r + 1))
done

# ---- instruction counts ---------------------------------------------------------------------
# CALLGRIND files, DOCX and ODT in the corpus's proportion (the pandoc sample when the sizes agree)
cg_report=""
if [ "$CALLGRIND" -gt 0 ] && command -v valgrind >/dev/null 2>&1; then
	c_docx=$(( (CALLGRIND * n_docx + n_all / 2) / n_all ))
	{ pick "$OUT/all-docx.txt" "$c_docx"; pick "$OUT/all-odt.txt" $((CALLGRIND - c_docx)); } | sort >"$OUT/cg.txt"
	echo "counting instructions (callgrind) over $(wc -l <"$OUT/cg.txt") files ..." >&2
	ir() { # NAME CMD... -> instruction count
		name=$1
		shift
		valgrind --tool=callgrind --callgrind-out-file="$OUT/callgrind.$name.out" "$@" \
			>/dev/null 2>"$OUT/callgrind.$name.err" || true
		sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$OUT/callgrind.$name.err"
	}
	# shellcheck disable=SC2046,SC2086
	{
		ir_floor=$(ir floor "$FLOOR" $(cat "$OUT/cg.txt"))
		ir_dump=$(ir dump "$RAINGAN" dump --format json $J1 $(cat "$OUT/cg.txt"))
		ir_parse=$(ir parse "$RAINGAN" parse $J1 $(cat "$OUT/cg.txt"))
	}
	cg_report=$(awk -v f="$ir_floor" -v d="$ir_dump" -v p="$ir_parse" -v n="$(wc -l <"$OUT/cg.txt")" 'BEGIN {
		printf "- instructions (callgrind, %d files, 1 process each): floor %.0fM, dump %.0fM, parse %.0fM; dump / floor %.2fx, parse / dump %.2fx (profiles: callgrind_annotate '"$OUT"'/callgrind.NAME.out)\n",
			n, f / 1e6, d / 1e6, p / 1e6, d / f, p / d }')
fi

# ---- the table ------------------------------------------------------------------------------
awk -F'\t' -v nall="$n_all" -v nsample="$n_sample" -v ball="$bytes_all" -v bsample="$bytes_sample" \
	-v f="$L_FLOOR" -v d="$L_DUMP" -v p="$L_PARSE" -v dj="$L_DUMPJ" -v pj="$L_PARSEJ" -v dl="$L_DUMPL" -v ps="$L_PANDOC" '
function med(s,   a, n, i, j, t) {
	n = split(s, a, " ")
	for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j - 1] + 0 > a[j] + 0; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
	return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
NR == 1 { next }
{
	if (!($1 in seen)) { seen[$1] = 1; order[++k] = $1 }
	W[$1] = W[$1] " " $4; C[$1] = C[$1] " " ($5 + $6); M[$1] = M[$1] " " $7; L[$1] = L[$1] " " $3
	if (!($1 in lo) || $4 + 0 < lo[$1] + 0) lo[$1] = $4
	if (!($1 in hi) || $4 + 0 > hi[$1] + 0) hi[$1] = $4
	if ($8 != 0) bad[$1] = 1
	RW[$1, $2] = $4; RC[$1, $2] = $5 + $6; if ($2 > nr) nr = $2
}
function rmed(a, b, arr,   i, s) {
	s = ""
	for (i = 1; i <= nr; i++) if ((a, i) in arr && (b, i) in arr && arr[b, i] > 0) s = s " " arr[a, i] / arr[b, i]
	return s == "" ? 0 : med(s)
}
END {
	print "| tool and task | files | wall s, median (min-max) | files/s | MB/s of XML | CPU s | peak RSS MiB | load avg |"
	print "| --- | --- | --- | --- | --- | --- | --- | --- |"
	for (i = 1; i <= k; i++) {
		l = order[i]; s = (l ~ /^sample/); n = s ? nsample : nall; b = s ? bsample : ball
		w = med(W[l]); c = med(C[l])
		printf "| %s%s | %d | %.2f (%.2f-%.2f) | %.1f | %.1f | %.2f | %.1f | %s |\n", l, (l in bad) ? " (FAILED)" : "", n, w, lo[l], hi[l],
			n / w, b / 1e6 / w, c, med(M[l]) / 1024, med(L[l])
		wall[l] = w; cpu[l] = c
	}
	print ""
	printf "- dump / floor: %.2fx wall, %.2fx CPU (ratio of medians; median of per-round ratios: %.2fx wall, %.2fx CPU) (target <= 1.5x)\n", wall[d] / wall[f], cpu[d] / cpu[f], rmed(d, f, RW), rmed(d, f, RC)
	printf "- parse / dump: %.2fx wall, %.2fx CPU (ratio of medians; median of per-round ratios: %.2fx wall, %.2fx CPU) (target <= 1.3x)\n", wall[p] / wall[d], cpu[p] / cpu[d], rmed(p, d, RW), rmed(p, d, RC)
	if (ps in wall) {
		pr = nsample / wall[ps]
		printf "- pandoc: %.2f files/s on %d sampled files; extrapolated to %d files: %.0f s\n", pr, nsample, nall, nall / pr
		printf "- dump (1 process) / pandoc throughput: %.0fx by wall time, %.0fx by CPU time (pandoc %.1f files per CPU s, dump %.0f) (target >= 100x)\n", (nall / wall[d]) / pr, (nall / cpu[d]) / (nsample / cpu[ps]), nsample / cpu[ps], nall / cpu[d]
		printf "- dump (1 process) / the 3.9 files/s quoted for pandoc in issue 2 (quiet machine): %.0fx\n", (nall / wall[d]) / 3.9
		if (dj in wall)
			printf "- dump (default -j) / pandoc throughput: %.0fx by wall time; / 3.9 files/s: %.0fx; parse (default -j) / dump (default -j): %.2fx wall\n", (nall / wall[dj]) / pr, (nall / wall[dj]) / 3.9, wall[pj] / wall[dj]
		if (dl in wall)
			printf "- dump (1 process per file) / pandoc throughput: %.0fx\n", (nall / wall[dl]) / pr
	}
}' "$runs"
[ -z "$cg_report" ] || echo "$cg_report"
echo
echo "corpus: $DIR: $n_all files ($n_docx DOCX, $n_odt ODT), $disk_all bytes on disk, $bytes_all bytes of XML read; pandoc sample: $n_sample files ($s_docx DOCX, $s_odt ODT, evenly spaced), $bytes_sample bytes of XML"
echo "raingan: $RAINGAN_SRC (CMAKE_BUILD_TYPE=$build_type, copied to $RAINGAN); floor: gcc -O3; $(pandoc --version | head -1)"
echo "machine: $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(uname -sr); $(date -u '+%Y-%m-%d %H:%M UTC')"
