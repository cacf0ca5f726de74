#!/bin/sh
# bench/arsrapport_bench.sh — time and peak memory (/usr/bin/time -v) of reports/arsrapport.lua (PDF and
# XLSX, 2025) and reports/manedsrapport.lua (2026-09) on the sample municipality and on
# `rapp-samplegen --scale 5` and `--scale 20`, so the growth with the data can be read off (issue 12:
# the annual report of the sample well under 2 seconds, and linear in the scale). Prints wall and
# CPU (user + system: what a shared machine's load does not inflate) time. Prints figures;
# asserts nothing about time. Usage: bench/arsrapport_bench.sh [BUILD_DIR]   (default build/)
set -eu
. "$(dirname "$0")/lib.sh"
build=${1:-$root/build}

run() { # label snapshot report period
  /usr/bin/time -v "$build/rapp" run "$root/reports/$3.lua" --db "$2" --period "$4" --format pdf,xlsx \
    --out "$work/out-$1-$3" >/dev/null 2>"$work/time-$1-$3"
  secs=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time-$1-$3")
  kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time-$1-$3")
  cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {printf "%.2f", s}' "$work/time-$1-$3")
  pages=$(pdfinfo "$work/out-$1-$3/$3-$4.pdf" | sed -n 's/^Pages: *//p')
  size=$(du -k "$work/out-$1-$3/$3-$4.pdf" "$work/out-$1-$3/$3-$4.xlsx" | awk '{s=s $1 " kB "} END {print s}')
  rows=$(sqlite3 "$2" "SELECT (SELECT count(*) FROM unit) || ' units, ' || (SELECT count(*) FROM actual) || ' actual rows, ' || (SELECT count(*) FROM result) || ' results'")
  printf '%-8s %-14s %s wall, %s s CPU, peak RSS %s MB, %s pages, PDF/XLSX %s (%s)\n' "$1" "$3" "$secs" "$cpu" "$((kb / 1024))" "$pages" "$size" "$rows"
}

"$build/rapp" import "$root/samples/fjordvik" -o "$work/sample.db" >/dev/null
run sample "$work/sample.db" arsrapport 2025
run sample "$work/sample.db" manedsrapport 2026-09
for n in 5 20; do
  "$build/rapp-samplegen" --scale "$n" -o "$work/scale$n" >/dev/null
  "$build/rapp" import "$work/scale$n" -o "$work/scale$n.db" >/dev/null
  run "scale$n" "$work/scale$n.db" arsrapport 2025
  run "scale$n" "$work/scale$n.db" manedsrapport 2026-09
done
