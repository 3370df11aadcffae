#!/bin/sh
# The whole test suite from a fresh clone: set up and build, run ctest, then
# build again with AddressSanitizer + UndefinedBehaviorSanitizer and run it
# there too.
set -e
cd "$(dirname "$0")/.."
sh .ci/setup.sh
ctest --test-dir build --output-on-failure -j"$(nproc)"
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DRG_SANITIZE=ON >/dev/null
cmake --build build-asan -j"$(nproc)"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure -j"$(nproc)"
