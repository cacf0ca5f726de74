#!/bin/sh
# bench/derived_bench.sh — instructions (callgrind, repeatable under load) of the quarterly
# report's queries that read the derived tables `rapp import` builds (src/db/indexes_v1.sql:
# decision_interval, absence_month_total), each with the table and as on a snapshot without it,
# where rapp reads a TEMP view of the table's name over its definition (the decision list: the
# view decision_state; the month line: on a copy of the snapshot without the table, the SELECT of
# its INSERT in indexes_v1.sql as that view), on the sample and on `rapp-samplegen --scale 20`,
# 2026-T2, run once in the sqlite3 shell (minus the shell alone). Needs valgrind and sqlite3.
# Usage: bench/derived_bench.sh [BUILD_DIR]   (default build/)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
lua_sql() { # FILE NAME: the text of NAME = [[...]] in FILE
  awk -v n="$2" 'index($0, n " = [[") == 1 || index($0, "local " n " = [[") == 1 {on = 1; next}
    on && /\]\]$/ {sub(/\]\]$/, ""); print; exit} on {print}' "$1"
}
lua_sql "$root/reports/kvartalsrapport.lua" DECISION_SQL > "$work/dec_t.sql"
sed 's/FROM decision_interval$/FROM decision_state/' "$work/dec_t.sql" > "$work/dec.sql"
lua_sql "$root/lua/rapp/absence.lua" M.MONTHS_SQL > "$work/mon.sql"
# the view rapp makes on a snapshot without the table (shadow_derived_tables, src/db/db_check.c)
awk '/^INSERT INTO absence_month_total$/ {print "CREATE TEMP VIEW absence_month_total AS"; on = 1; next}
  on {print} on && /;$/ {exit}' "$root/src/db/indexes_v1.sql" > "$work/mon_view.sql"
ir() { # DB SQLFILE PARAMS...: instructions (M) of running SQLFILE once (after $PRE, when set)
  db=$1 f=$2; shift 2
  { for kv in "$@"; do echo ".parameter set :${kv%%=*} \"${kv#*=}\""; done; cat ${PRE:-/dev/null}
    echo ".output /dev/null"; } > "$work/b0"
  cp "$work/b0" "$work/b1"; cat "$f" >> "$work/b1"; echo ";" >> "$work/b1"
  a=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null sqlite3 "$db" < "$work/b0" 2>&1 | sed -n 's/.*Collected : //p')
  b=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null sqlite3 "$db" < "$work/b1" 2>&1 | sed -n 's/.*Collected : //p')
  echo $(((b - a) / 100000)) | awk '{printf "%.1f M", $1 / 10}'
}
measure() { # label snapshot
  dec="as_of='2026-08-31'" first="first_date='2026-05-01'"
  printf '%-8s decision list: %s with decision_interval, %s from the view;' "$1" \
    "$(ir "$2" "$work/dec_t.sql" "$dec" "$first")" "$(ir "$2" "$work/dec.sql" "$dec" "$first")"
  cp "$2" "$work/without.db"
  sqlite3 "$work/without.db" "DROP TABLE absence_month_total"
  printf ' month line: %s with absence_month_total, %s over its view\n' \
    "$(ir "$2" "$work/mon.sql" year=2026 "last_month='2026-08'")" \
    "$(PRE="$work/mon_view.sql" ir "$work/without.db" "$work/mon.sql" year=2026 "last_month='2026-08'")"
}
"$build/rapp" import "$root/samples/fjordvik" -o "$work/sample.db" >/dev/null
measure sample "$work/sample.db"
"$build/rapp-samplegen" --scale 20 -o "$work/scale20" >/dev/null
"$build/rapp" import "$work/scale20" -o "$work/scale20.db" >/dev/null
measure scale20 "$work/scale20.db"
