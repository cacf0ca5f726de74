#!/bin/sh
# bench/scorecard_bench.sh — instructions (callgrind) of the nine scorecard queries of the quarterly
# report (scorecard.SQL from lua/rapp/scorecard.lua, the municipality and the eight areas, 2026-T2)
# run in the sqlite3 shell on the sample and on `rapp-samplegen --scale 20`, and the CPU ms of
# those queries in a RAPP_TRACE=1 run of reports/kvartalsrapport.lua. Needs valgrind and sqlite3.
# Usage: bench/scorecard_bench.sh [BUILD_DIR]   (default build/)
set -eu
. "$(dirname "$0")/lib.sh"
build=${1:-$root/build}
awk '/^M.SQL = \[\[/ {on = 1; next} on && /^\]\]/ {exit} on {print}' "$root/lua/rapp/scorecard.lua" > "$work/q.sql"
echo ";" >> "$work/q.sql"

gen() { # passes: the nine scopes' queries, as the report asks them
  echo ".parameter set :last_month \"'2026-08'\""
  echo ".parameter set :unit \"''\""
  echo ".parameter set :common \"'measured'\""
  echo ".parameter set :compare \"'previous'\""
  echo ".output /dev/null"
  i=0
  while [ "$i" -lt "$1" ]; do
    for a in municipality: area:STAB area:OPPV area:HELSE area:KULT area:TEKN area:PLAN area:NAV area:SENT; do
      echo ".parameter set :scope \"'${a%%:*}'\""
      echo ".parameter set :area \"'${a#*:}'\""
      cat "$work/q.sql"
    done
    i=$((i + 1))
  done
}
ir() { valgrind --tool=callgrind --callgrind-out-file=/dev/null sqlite3 "$1" < "$2" 2>&1 | sed -n 's/.*Collected : //p'; }

measure() { # label snapshot
  gen 0 > "$work/b0.sql"; gen 1 > "$work/b1.sql"
  i0=$(ir "$2" "$work/b0.sql"); i1=$(ir "$2" "$work/b1.sql")
  ms=$(RAPP_TRACE=1 "$build/rapp" run "$root/reports/kvartalsrapport.lua" --db "$2" --period 2026-T2 \
    --out "$work/out-$1" 2>&1 >/dev/null | awk '/^rapp: query/ && /WITH ym AS/ {s += $3; n++} END {printf "%d queries %.0f ms CPU", n, s}')
  printf '%-8s scorecard queries: %d M instructions (sqlite3, callgrind); in the report run %s\n' \
    "$1" $(((i1 - i0) / 1000000)) "$ms"
}

"$build/rapp" import "$root/samples/fjordvik" -o "$work/sample.db" >/dev/null
measure sample "$work/sample.db"
"$build/rapp-samplegen" --scale 20 -o "$work/scale20" >/dev/null
"$build/rapp" import "$work/scale20" -o "$work/scale20.db" >/dev/null
measure scale20 "$work/scale20.db"
