#!/usr/bin/env bash
# Installs what Rapp needs on Debian 12 (only what is missing) and builds it.
#   scripts/setup.sh [--tests] [--sanitize] [--fuzz]
#     --tests     also the tools the test suite reads outputs with
#     --sanitize  build with ASan+UBSan into build-asan/ instead of build/
#     --fuzz      install clang and build the libFuzzer harnesses (tests/fuzz/) into build-fuzz/
# Safe to run again: installs nothing that is there, and rebuilds incrementally.
set -euo pipefail
cd "$(dirname "$0")/.."

# zlib1g-dev: libxlsxwriter's pkg-config file links -lz, but libxlsxwriter-dev does not depend on it.
packages=(build-essential cmake pkg-config libhpdf-dev libxlsxwriter-dev liblua5.4-dev libsqlite3-dev zlib1g-dev libcmark-dev libjansson-dev libxml2-dev libzip-dev)
build_dir=build
cmake_args=(-DCMAKE_BUILD_TYPE=RelWithDebInfo)
build_target=()
for arg in "$@"; do
  case "$arg" in
    --tests) packages+=(sqlite3 poppler-utils qpdf python3 python3-openpyxl libreoffice-calc-nogui fonts-liberation2 slurm-wlm munge)
             # the HTML edition's tests (tests/html/): html5lib, and chromium + node for axe-core;
             # npm only when no npm is on PATH (a nodejs from elsewhere bundles its own)
             packages+=(python3-html5lib chromium nodejs)
             command -v npm >/dev/null || packages+=(npm) ;;
    --sanitize) build_dir=build-asan; cmake_args+=(-DRAPP_SANITIZE=ON) ;;
    --fuzz) packages+=(clang); build_dir=build-fuzz; cmake_args+=(-DRAPP_SANITIZE=ON)
            export CC=clang; build_target=(--target fuzzers) ;;
    *) echo "setup.sh: unknown option '$arg'" >&2; exit 2 ;;
  esac
done
[ "${CI:-}" = true ] && cmake_args+=(-DRAPP_WERROR=ON)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

cmake -S . -B "$build_dir" "${cmake_args[@]}" >/dev/null
cmake --build "$build_dir" -j "$(nproc)" "${build_target[@]}"
