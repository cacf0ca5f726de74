#!/usr/bin/env bash
# import_xlsx_good: the CSV extracts written as .xlsx workbooks (to_xlsx.py, openpyxl: native
# numbers and dates, KOSTRA codes and other fixed-width codes as numbers with their leading zeros
# lost, shared and inline strings, a 1904 workbook, a table on its second sheet, tables given as
# the CSV's own text) import to a snapshot identical to the CSV import (every table, sqlite3
# .dump), `rapp check` finds nothing, and a folder mixing CSV and XLSX files imports the same.
#   run_xlsx_good.sh RAPP PYTHON CSV_DIR...
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
rapp=$1 py=$2
shift 2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for csv in "$@"; do
  name=$(basename "$csv")
  "$rapp" import "$csv" -o "$work/$name-csv.db" >/dev/null || fail "CSV import of $csv failed"
  mkdir "$work/$name"
  "$py" "$here/to_xlsx.py" "$work/$name-csv.db" "$csv" "$work/$name" --text absence,decision,result \
    --1904 deviation,decision_status_change --shared unit,decision,budget,actual,risk \
    --sheet budget=budget || fail "to_xlsx.py failed for $csv"
  [ -z "$(find "$work/$name" -name '*.csv')" ] || fail "a CSV file in the XLSX folder"
  # the texts are Markdown files whatever the tables' format
  [ ! -d "$csv/tekster" ] || cp -r "$csv/tekster" "$work/$name/"
  out=$("$rapp" import "$work/$name" -o "$work/$name-xlsx.db" 2>"$work/err") ||
    fail "XLSX import of $name failed: $(head -5 "$work/err")"
  [ ! -s "$work/err" ] || fail "XLSX import wrote to stderr: $(head -1 "$work/err")"
  [[ "$out" == "rapp import: wrote $work/$name-xlsx.db ("* ]] || fail "import said: $out"
  sqlite3 "$work/$name-csv.db" .dump >"$work/csv.sql"
  sqlite3 "$work/$name-xlsx.db" .dump >"$work/xlsx.sql"
  compare "$work/csv.sql" "$work/xlsx.sql"
  out=$("$rapp" check "$work/$name-xlsx.db") || fail "check of the XLSX snapshot: $out"
  [[ "$out" == *": no problems ("* ]] || fail "check said: $out"

  # the workbook really stored the codes as numbers and the dates as serials, and the snapshot
  # has them back as '010' and ISO dates
  "$py" - "$work/$name/budget.xlsx" "$work/$name/deviation.xlsx" <<'PY' || fail "$name: workbook contents"
import sys, openpyxl, datetime
ws = openpyxl.load_workbook(sys.argv[1])["budget"]
head = [c.value for c in ws[1]]
arts = [r[head.index("kostra_art")] for r in ws.iter_rows(min_row=2, values_only=True)]
assert any(isinstance(a, int) and a < 100 for a in arts), arts
wb = openpyxl.load_workbook(sys.argv[2])
assert wb.epoch.year == 1904, wb.epoch
ws = wb.active
head = [c.value for c in ws[1]]
assert isinstance(ws.cell(2, head.index("reported_date") + 1).value, datetime.datetime)
PY
  n=$(sqlite3 "$work/$name-xlsx.db" "SELECT count(*) FROM budget WHERE kostra_art GLOB '0[0-9][0-9]'")
  [ "$n" -gt 0 ] || fail "$name: no KOSTRA art with a leading zero in the XLSX snapshot"

  # CSV and XLSX files mixed in one folder
  mkdir "$work/$name-mixed"
  cp "$csv"/*.csv "$work/$name-mixed/"
  [ ! -d "$csv/tekster" ] || cp -r "$csv/tekster" "$work/$name-mixed/"
  for t in budget unit deviation absence; do
    rm "$work/$name-mixed/$t.csv"
    cp "$work/$name/$t.xlsx" "$work/$name-mixed/"
  done
  "$rapp" import "$work/$name-mixed" -o "$work/$name-mixed.db" >/dev/null 2>"$work/err" ||
    fail "mixed import of $name failed: $(head -5 "$work/err")"
  sqlite3 "$work/$name-mixed.db" .dump >"$work/mixed.sql"
  compare "$work/csv.sql" "$work/mixed.sql"
done
echo ok
