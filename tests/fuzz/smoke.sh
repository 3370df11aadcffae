#!/bin/sh
# smoke.sh - build the libFuzzer harnesses (clang, -DRG_FUZZ=ON, in their own
# build directory) and run each for a few seconds from the seed corpus with
# the dictionary; exits non-zero when any harness crashes, leaks, times out
# or runs out of memory (the input is then in BUILD/fuzz-artifacts/NAME/).
#
#   sh tests/fuzz/smoke.sh [--seconds N] [--build-dir DIR] [--no-build] [NAME...]
#
# N defaults to 20 (or $RG_FUZZ_SECONDS), DIR to build-fuzz, NAME to all of
# docx odt xml values parse.  The seeds are made once by make_seeds.sh into
# DIR/seeds; the corpus grows in DIR/fuzz-corpus/NAME.  Without clang (or
# its libFuzzer runtime) it prints why and exits 77 (skipped).  The inputs of
# tests/fuzz/regressions/NAME are part of the corpus, so a bug found before
# and not fixed fails the run at once.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
seconds=${RG_FUZZ_SECONDS:-20}
build="$root/build-fuzz"
do_build=1
names=""
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    --seconds=*) seconds=${1#*=}; shift ;;
    --build-dir) build=$2; shift 2 ;;
    --build-dir=*) build=${1#*=}; shift ;;
    --no-build) do_build=0; shift ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    docx|odt|xml|values|parse) names="$names $1"; shift ;;
    *) echo "smoke.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
[ -n "$names" ] || names="docx odt xml values parse"

if [ "$do_build" = 1 ]; then
  if ! command -v clang >/dev/null 2>&1; then
    echo "smoke.sh: clang not found, fuzz smoke run skipped" >&2
    exit 77
  fi
  probe=$(mktemp -d)
  printf 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n) { (void)d; (void)n; return 0; }\n' \
    > "$probe/p.c"
  if ! clang -fsanitize=fuzzer,address,undefined "$probe/p.c" -o "$probe/p" >/dev/null 2>&1; then
    rm -rf "$probe"
    echo "smoke.sh: clang cannot link libFuzzer (libclang-rt-dev missing?), fuzz smoke run skipped" >&2
    exit 77
  fi
  rm -rf "$probe"
  CC=clang cmake -S "$root" -B "$build" -DRG_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null || exit 1
  cmake --build "$build" -j"$(nproc)" --target fuzzers >/dev/null || {
    echo "smoke.sh: building the fuzz harnesses failed" >&2; exit 1; }
fi
[ -d "$build/seeds/docx" ] || sh "$here/make_seeds.sh" "$build/seeds" || exit 1

# Leaks are crashes too; UBSan findings stop the run (-fno-sanitize-recover).
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

failed=""
for n in $names; do
  exe="$build/tests/fuzz_$n"
  if [ ! -x "$exe" ]; then
    echo "smoke.sh: $exe is missing (build with -DRG_FUZZ=ON)" >&2
    failed="$failed $n"
    continue
  fi
  corpus="$build/fuzz-corpus/$n"
  art="$build/fuzz-artifacts/$n"
  mkdir -p "$corpus" "$art"
  log="$build/fuzz-$n.log"
  echo "== fuzz_$n for ${seconds}s (log: $log)"
  "$exe" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=2048 -print_final_stats=1 \
    -dict="$here/ooxml_odf.dict" -artifact_prefix="$art/" \
    "$corpus" "$build/seeds/$n" "$here/regressions/$n" >"$log" 2>&1
  rc=$?
  grep -E "^stat::(number_of_executed_units|peak_rss_mb)|^#[0-9]+.*DONE" "$log" | tail -3
  if [ $rc -ne 0 ]; then
    echo "smoke.sh: fuzz_$n FAILED (exit $rc):" >&2
    grep -E "ERROR|SUMMARY|invariant|contract|Test unit written" "$log" | head -10 >&2
    failed="$failed $n"
  fi
done
if [ -n "$failed" ]; then
  echo "smoke.sh: failed:$failed" >&2
  exit 1
fi
echo "smoke.sh: all harnesses ran ${seconds}s without a crash"
