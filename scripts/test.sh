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
  # The browser test only loads pages into chromium; the HTML renderer itself runs under the
  # sanitizers in html_outputs. Skipping it keeps the CI's second pass about a minute shorter.
  ctest_args+=(-LE browser)
fi
bash scripts/setup.sh "${setup_args[@]}"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
cd "$build_dir"
ctest --output-on-failure -j "$(nproc)" "${ctest_args[@]}" "$@"
