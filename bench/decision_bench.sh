#!/bin/sh
# bench/decision_bench.sh — the decision follow-up (vedtaksoppfølging) at `rapp-samplegen --scale 20`
# and on the sample (issue 15): CPU ms of the decision queries and of the build stage
# (RAPP_TRACE=1) of reports/kvartalsrapport.lua and reports/vedtaksoppfolging.lua for 2026-T2, then
# the instructions (valgrind --tool=callgrind, repeatable under load) of the view decision_state
# read on 31.08.2026 in sqlite3, the query every decision list starts from.
# Usage: bench/decision_bench.sh [BUILD_DIR]   (default build/, as scripts/setup.sh makes it)
set -eu
. "$(dirname "$0")/lib.sh"
build=${1:-$root/build}

"$build/rapp" import "$root/samples/fjordvik" -o "$work/sample.db" >/dev/null
"$build/rapp-samplegen" --scale 20 -o "$work/scale20" >/dev/null
"$build/rapp" import "$work/scale20" -o "$work/scale20.db" >/dev/null

trace() { # label report snapshot: build CPU ms, the queries on decisions (the text decision or "WITH s AS", kvartalsrapport's list) and their CPU ms
  RAPP_TRACE=1 "$build/rapp" run "$root/reports/$2.lua" --db "$3" --period 2026-T2 --out "$work/out" 2>&1 >/dev/null |
    awk -v l="$1" '/^rapp-trace: build/ {b = int($4 + 0.5)} /^rapp-trace: report_process/ {p = int($4 + 0.5)}
      /^rapp: query/ {n++} /^rapp: query/ && /decision|WITH s AS/ {d = d " " $3; dn++}
      END {printf "%-28s build %d ms, report process %d ms CPU; %d queries, %d on decisions (ms CPU):%s\n", l, b, p, n, dn, d}'
}
for db in sample scale20; do
  for rep in kvartalsrapport vedtaksoppfolging; do
    trace "$rep $db" "$rep" "$work/$db.db"
  done
done

if command -v valgrind >/dev/null && command -v sqlite3 >/dev/null; then
  for db in sample scale20; do
    printf "SELECT count(*), sum(NOT finished), sum(overdue_from <= '2026-08-31') FROM decision_state
      WHERE valid_from <= '2026-08-31' AND (valid_to IS NULL OR '2026-08-31' < valid_to);\n" >"$work/q.sql"
    valgrind --tool=callgrind --callgrind-out-file="$work/cg.out" sqlite3 "$work/$db.db" <"$work/q.sql" \
      >"$work/q.out" 2>"$work/cg.err"
    printf '%-28s %s instructions (sqlite3 with the query; rows %s)\n' "decision_state $db" \
      "$(sed -n 's/.*Collected : //p' "$work/cg.err")" "$(cat "$work/q.out")"
  done
fi
