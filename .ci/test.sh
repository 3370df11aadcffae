#!/bin/sh
# The whole test suite from a fresh clone: set up and build, run ctest; build
# again with AddressSanitizer + UndefinedBehaviorSanitizer and run ctest
# there too; then, when clang is present, a short run of every fuzz harness.
set -e
cd "$(dirname "$0")/.."
sh .ci/setup.sh
ctest --test-dir build --output-on-failure -j"$(nproc)"
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DRG_SANITIZE=ON >/dev/null
cmake --build build-asan -j"$(nproc)"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure -j"$(nproc)"
if command -v clang >/dev/null 2>&1; then
  status=0
  sh tests/fuzz/smoke.sh --seconds "${RG_FUZZ_SECONDS:-20}" || status=$?
  if [ "$status" = 77 ]; then
    echo "fuzz smoke run skipped (clang cannot build libFuzzer harnesses here)"
  elif [ "$status" != 0 ]; then
    echo "fuzz smoke run failed"
    exit 1
  fi
fi
