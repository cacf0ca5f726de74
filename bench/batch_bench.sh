#!/bin/sh
# bench/batch_bench.sh — a batch of N unit reports (tests/batch/enhet.lua, PDF) at -j 1 and -j 2:
# wall time, the speed-up, CPU time per report, peak memory of one worker, and the per-item
# overhead (the same batch of a report whose build() does nothing: process start, snapshot open,
# fonts, one-page PDF). Prints the load average, since other work on the machine skews the ratio.
# Usage: bench/batch_bench.sh [BUILD_DIR] [N]   (default build/ and 400 units: rapp-samplegen --scale
# makes enough units)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
n=${2:-400}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export RAPP_HOME="$root" SOURCE_DATE_EPOCH=1790000000
scale=$(( (n + 47) / 48 ))
"$build/rapp-samplegen" --scale "$scale" -o "$work/csv" >/dev/null
"$build/rapp" import "$work/csv" -o "$work/snap.db" >/dev/null
each="unit=SELECT code FROM unit ORDER BY code LIMIT $n"
cat >"$work/noop.lua" <<'LUA'
local rapp = require("rapp")
return rapp.report { name = "noop", title = "Tom", formats = { "pdf" },
  params = { { name = "period", type = "period", kinds = { "tertial" } },
    { name = "unit", type = "unit", required = true } }, build = function(r, p) end }
LUA

field() { sed -n "s/.*$1: //p" "$2"; }
run() { # label script jobs
  /usr/bin/time -v "$build/rapp" run "$2" --db "$work/snap.db" --each "$each" --period 2026-T2 \
    --format pdf --out "$work/out-$1" -j "$3" --quiet >/dev/null 2>"$work/time-$1" || {
    echo "batch $1 failed:"; tail -5 "$work/time-$1"; exit 1; }
  wall=$(field "Elapsed (wall clock) time (h:mm:ss or m:ss)" "$work/time-$1")
  user=$(field "User time (seconds)" "$work/time-$1")
  sys=$(field "System time (seconds)" "$work/time-$1")
  kb=$(field "Maximum resident set size (kbytes)" "$work/time-$1")
  secs=$(echo "$wall" | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')
  cpu=$(awk -v u="$user" -v s="$sys" -v n="$n" 'BEGIN { printf "%.3f", (u + s) / n }')
  printf '%-8s -j %s: %6.2f s wall, CPU %s s per report, peak RSS of one process %s MB\n' \
    "$1" "$3" "$secs" "$cpu" "$((kb / 1024))"
  eval "wall_$1=$secs"
}

echo "batch of $n unit reports on $(nproc) cores; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
run j1 "$root/tests/batch/enhet.lua" 1
run j2 "$root/tests/batch/enhet.lua" 2
run noop "$work/noop.lua" 1
# shellcheck disable=SC2154
awk -v a="$wall_j1" -v b="$wall_j2" -v c="$wall_noop" -v n="$n" 'BEGIN {
  printf "speed-up -j 2 over -j 1: %.2fx (goal >= 1.8x on 2 otherwise idle cores)\n", a / b
  printf "per-item overhead (empty report, -j 1): %.1f ms of %.1f ms per report\n", 1000 * c / n, 1000 * a / n }'
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
if diff -rq -x 'manifest*.json' "$work/out-j1" "$work/out-j2" >/dev/null; then
  echo "-j 1 and -j 2: byte-identical outputs"
else
  echo "-j 1 and -j 2: outputs DIFFER"
fi
