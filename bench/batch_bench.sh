#!/bin/sh
# bench/batch_bench.sh — a batch of N unit reports (tests/batch/enhet.lua, PDF) at -j 1 and -j 2,
# RUNS times each (alternating): wall time of every run and the medians, the speed-up of the
# medians, CPU time per report; the per-item overhead split into stages (RAPP_TRACE=1 on the same
# batch of a report whose build() does nothing); the memory of the parent and of each worker
# (sampled from /proc while the -j 2 batch runs: a worker runs its items itself). Prints the load
# average before and after every run: the machine may be shared, and other work skews the ratio.
# Compare CPU per report at -j 1 and -j 2 (the goal: the same), not wall times, on a loaded machine.
# BENCH_FORK=1 adds a run of each with RAPP_BATCH_FORK=1 (a forked report process per item, the
# way before session 6) for comparison.
# Usage: bench/batch_bench.sh [BUILD_DIR] [N] [RUNS]   (default build/, 400 units, 3 runs;
# rapp-samplegen --scale makes enough units)
set -eu
. "$(dirname "$0")/lib.sh"
build=${1:-$root/build}
n=${2:-400}
runs=${3:-3}
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

load() { cut -d' ' -f1-3 /proc/loadavg; }
field() { sed -n "s/.*$1: //p" "$2"; }
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# RSS in kB of the processes under the batch parent $1, largest seen: the parent and its workers
# (children; their peak, VmHWM), and report processes (grandchildren) with RAPP_BATCH_FORK=1.
sample_rss() {
  : >"$work/rss"
  while kill -0 "$1" 2>/dev/null; do
    for w in $(cat "/proc/$1/task/$1/children" 2>/dev/null); do
      echo "worker $(awk '/^VmHWM/ { print $2 }' "/proc/$w/status" 2>/dev/null)" >>"$work/rss"
      for r in $(cat "/proc/$w/task/$w/children" 2>/dev/null); do
        echo "report $(awk '/^VmHWM/ { print $2 }' "/proc/$r/status" 2>/dev/null)" >>"$work/rss"
      done
    done
    echo "parent $(awk '/^VmRSS/ { print $2 }' "/proc/$1/status" 2>/dev/null)" >>"$work/rss"
    echo "parentcpu $(awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null)" >>"$work/rss"
    sleep 0.5
  done
}

run() { # label script jobs [sample: an untimed run whose processes' memory is sampled]
  rm -rf "$work/out-$1"
  before=$(load)
  /usr/bin/time -v "$build/rapp" run "$2" --db "$work/snap.db" --each "$each" --period 2026-T2 \
    --format pdf --out "$work/out-$1" -j "$3" --quiet >/dev/null 2>"$work/time-$1" &
  tpid=$!
  if [ "${4:-}" = sample ]; then
    sleep 0.3
    sample_rss "$(tr -d ' ' <"/proc/$tpid/task/$tpid/children" 2>/dev/null || echo 0)"
  fi
  wait "$tpid" || { echo "batch $1 failed:"; tail -5 "$work/time-$1"; exit 1; }
  wall=$(field "Elapsed (wall clock) time (h:mm:ss or m:ss)" "$work/time-$1")
  user=$(field "User time (seconds)" "$work/time-$1")
  sys=$(field "System time (seconds)" "$work/time-$1")
  secs=$(echo "$wall" | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')
  cpu=$(awk -v u="$user" -v s="$sys" -v n="$n" 'BEGIN { printf "%.1f", 1000 * (u + s) / n }')
  [ "${4:-}" = sample ] && return
  printf '  %-6s -j %s: %6.2f s wall, %s ms CPU per report; load before %s, after %s\n' \
    "$1" "$3" "$secs" "$cpu" "$before" "$(load)"
  echo "$secs" >>"$work/walls-$1"
}

echo "batch of $n unit reports (tests/batch/enhet.lua, PDF) on $(nproc) cores, $runs runs each"
i=0
while [ "$i" -lt "$runs" ]; do
  run j1 "$root/tests/batch/enhet.lua" 1
  run j2 "$root/tests/batch/enhet.lua" 2
  i=$((i + 1))
done
if [ "${BENCH_FORK:-}" = 1 ]; then
  echo "with RAPP_BATCH_FORK=1 (a report process forked per item):"
  export RAPP_BATCH_FORK=1
  run fork1 "$root/tests/batch/enhet.lua" 1
  run fork2 "$root/tests/batch/enhet.lua" 2
  unset RAPP_BATCH_FORK
fi
run mem "$root/tests/batch/enhet.lua" 2 sample
m1=$(median <"$work/walls-j1")
m2=$(median <"$work/walls-j2")
awk -v a="$m1" -v b="$m2" 'BEGIN {
  printf "median -j 1 %.2f s, -j 2 %.2f s: speed-up %.2fx (goal >= 1.8x on 2 otherwise idle cores)\n", a, b, a / b }'
if diff -rq -x 'manifest*.json' "$work/out-j1" "$work/out-j2" >/dev/null; then
  echo "-j 1 and -j 2: byte-identical outputs"
else
  echo "-j 1 and -j 2: outputs DIFFER"
fi
awk -v n="$n" -v hz="$(getconf CLK_TCK)" '{ if ($2 > max[$1]) max[$1] = $2 } END {
  printf "memory (an untimed -j 2 run, sampled every 0.5 s): parent %.1f MB (RSS), each worker %.1f MB (its peak RSS: it runs the reports)\n",
    max["parent"] / 1024, max["worker"] / 1024
  printf "the parent'"'"'s own (serial) CPU during -j 2: %.2f ms per item (at least: sampled every 0.5 s)\n",
    1000 * max["parentcpu"] / hz / n }' "$work/rss"

# The per-item overhead: the empty report at -j 1 with RAPP_TRACE=1 (lines "rapp-trace: STAGE WALL
# CPU"); per item wall comes from the manifest (duration_s: the worker's whole turn).
before=$(load)
RAPP_TRACE=1 "$build/rapp" run "$work/noop.lua" --db "$work/snap.db" --each "$each" --period 2026-T2 \
  --format pdf --out "$work/out-noop" -j 1 --quiet >/dev/null 2>"$work/trace"
item_ms=$(grep -o '"duration_s": [0-9.]*' "$work/out-noop/manifest.json" | awk '{ s += $2 } END { printf "%.2f", 1000 * s / NR }')
echo "per-item overhead (empty report, -j 1, $n items; load before $before, after $(load)), mean per item, wall / CPU ms:"
awk -v item="$item_ms" '/^rapp-trace:/ { w[$2] += $3; c[$2] += $4; n[$2]++ } END {
  k = n["report_process"]; if (!k) { print "  no trace lines"; exit }
  split("lua_state script_load snapshot_open params build pdf_fonts", order, " ")
  words["lua_state"] = "Lua state (sandbox, library loaded) [CPU: + the worker between items]"
  words["script_load"] = "report script loaded"
  words["snapshot_open"] = "snapshot open (and its check)"
  words["params"] = "parameters checked"
  words["build"] = "build() and closing Lua"
  words["pdf_fonts"] = "font loading (4 faces)"
  for (i = 1; i <= 6; i++) { s = order[i]; printf "  %-52s %7.2f / %6.2f\n", words[s], w[s] / k, c[s] / k }
  printf "  %-52s %7.2f / %6.2f\n", "PDF laid out and written (fonts embedded, compressed)", (w["pdf"] - w["pdf_fonts"]) / k, (c["pdf"] - c["pdf_fonts"]) / k
  printf "  %-52s %7.2f / %6.2f\n", "the report in all (engine_run_here)", w["report_process"] / k, c["report_process"] / k
  printf "  %-52s %7.2f / %6s\n", "the worker: outputs moved into place, hashed, sent", item - w["report_process"] / k, "-"
  printf "  %-52s %7.2f\n", "one item in all (manifest duration_s)", item }' "$work/trace"
