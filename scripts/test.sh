#!/usr/bin/env bash
# Quick-start command 2: installs what is missing, builds, and runs the whole test suite (ctest).
#   scripts/test.sh [--sanitize] [ctest arguments...]
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=build
setup_args=(--tests)
ctest_args=()
if [ "${1:-}" = "--sanitize" ]; then
  shift
  build_dir=build-asan
  setup_args+=(--sanitize)
  # Label nosan: tests whose C code runs under the sanitizers in other tests, so under ASan they
  # would only re-run external tools (chromium, LibreOffice, Slurm) on outputs; each says in its
  # CMakeLists.txt which test covers its C code (docs/testing.md).
  ctest_args+=(-LE nosan)
fi
bash scripts/setup.sh "${setup_args[@]}"
# quarantine_size_mb=16 (ASan's default is 256): a freed block is kept unusable (and a use of it
# reported) until 16 MB more have been freed, not 256 MB. The tests' processes are short, and the
# bigger quarantine only made each run touch fresh memory: a standard report's run under ASan took
# 16 % less CPU (docs/testing.md).
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:quarantine_size_mb=16}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
cd "$build_dir"
ctest --output-on-failure -j "$(nproc)" "${ctest_args[@]}" "$@"
