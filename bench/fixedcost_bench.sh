#!/bin/sh
# bench/fixedcost_bench.sh — the fixed cost of one `rapp run` (issue 15): bench/render_bench.lua
# with 1 row as PDF, RUNS times, RAPP_TRACE=1; prints the median CPU milliseconds of each stage
# (start-up, Lua state, script, snapshot open with its shape check, parameters, build with the
# snapshot's SHA-256 on a thread beside it, fonts, PDF, the whole report process) and the median user+sys of the whole
# command (/usr/bin/time: also the dynamic loading of rapp's libraries, before main). With
# OLD_BUILD_DIR the runs of the two builds are interleaved and both are printed (each build's
# RAPP_HOME is its parent folder). CPU, not wall: steadier on a shared machine. FORMAT xlsx runs
# the same with --format xlsx (its stage is "xlsx"; no font stage).
# Usage: bench/fixedcost_bench.sh [BUILD_DIR] [RUNS] [OLD_BUILD_DIR] [FORMAT]   (default build/, 9, -, pdf)
set -eu
. "$(dirname "$0")/lib.sh"
build=$(cd "${1:-$root/build}" && pwd)
runs=${2:-9}
old=${3:-}
fmt=${4:-pdf}
[ -n "$old" ] && old=$(cd "$old" && pwd)
RAPP_HOME="$root" "$build/rapp" import "$root/samples/fjordvik" -o "$work/snap.db" >/dev/null
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)  ($(nproc) cores)"

one() { # label build_dir
  home=$(dirname "$2")
  RAPP_HOME="$home" RAPP_TRACE=1 /usr/bin/time -f "rapp-time: %U %S" "$2/rapp" run \
    "$home/bench/render_bench.lua" --db "$work/snap.db" --param rows=1 --format "$fmt" \
    --out "$work/out-$1" 2>&1 >/dev/null |
    awk -v l="$1" '/^rapp-trace: / {print l, $2, $4} /^rapp-time: / {print l, "command", 1000 * ($2 + $3)}' \
      >>"$work/trace"
}
i=0
while [ "$i" -lt "$runs" ]; do
  one new "$build"
  [ -n "$old" ] && one old "$old"
  i=$((i + 1))
done

median() { sort -g | awk '{a[NR]=$1} END {if (NR) print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2; else print "-"}'; }
printf '\n%-16s %10s' stage "new ms"
[ -n "$old" ] && printf ' %10s' "old ms"
echo
for stage in start lua_state script_load snapshot_open params build pdf_fonts pdf xlsx report_process command; do
  printf '%-16s %10s' "$stage" "$(awk -v s="$stage" '$1 == "new" && $2 == s {print $3}' "$work/trace" | median)"
  [ -n "$old" ] && printf ' %10s' "$(awk -v s="$stage" '$1 == "old" && $2 == s {print $3}' "$work/trace" | median)"
  echo
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)  (CPU ms, medians of $runs runs)"
