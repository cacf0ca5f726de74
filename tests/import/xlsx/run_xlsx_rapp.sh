#!/usr/bin/env bash
# import_xlsx_rapp: the round trip through Rapp's own XLSX renderer. tables_xlsx.lua writes the
# snapshot's budget and actual tables as a report workbook (the "Om rapporten" sheet first, a
# chapter sheet, then one sheet per table named like it, with the sheet's title in A1 above the
# header row). That one workbook, as budget.xlsx and actual.xlsx in place of the CSV files,
# imports to the same snapshot: budget and actual compared row by row and value by value with
# Python's sqlite3 (not Rapp), the same row counts and sums, every other table the same (sqlite3
# .dump), `rapp check` clean. A workbook with bad cells names file, sheet and cell; a workbook
# whose table sheet has another name says that no row names a column.
#   run_xlsx_rapp.sh RAPP PYTHON SCRIPT CSV_DIR...
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
rapp=$1 py=$2 script=$3
shift 3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# workbook SNAPSHOT OUT_DIR [PARAM...]: runs tables_xlsx.lua, prints the workbook's path
workbook() {
  local db=$1 out=$2
  shift 2
  local args=()
  for p in "$@"; do args+=(--param "$p"); done
  "$rapp" run "$script" --db "$db" --format xlsx --out "$out" "${args[@]}" >"$work/run.out" 2>&1 ||
    fail "rapp run $script failed: $(head -3 "$work/run.out")"
  [ -f "$out/tables_xlsx.xlsx" ] || fail "no workbook: $(cat "$work/run.out")"
  echo "$out/tables_xlsx.xlsx"
}

# folder CSV_DIR WORKBOOK DIR: CSV_DIR's files with budget.csv and actual.csv replaced by WORKBOOK
folder() {
  rm -rf "$3"
  cp -r "$1" "$3"
  rm "$3/budget.csv" "$3/actual.csv"
  cp "$2" "$3/budget.xlsx"
  cp "$2" "$3/actual.xlsx"
}

for csv in "$@"; do
  name=$(basename "$csv")
  "$rapp" import "$csv" -o "$work/$name-csv.db" >/dev/null || fail "CSV import of $csv failed"
  wb=$(workbook "$work/$name-csv.db" "$work/$name-out") || exit 1
  # the workbook is a report's: what stood in the way of the import is there
  "$py" - "$wb" <<'PY' || fail "$name: the workbook is not laid out as a report's"
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
assert wb.sheetnames[0] == "Om rapporten", wb.sheetnames
assert "budget" in wb.sheetnames and "actual" in wb.sheetnames, wb.sheetnames
for t in ("budget", "actual"):
    ws = wb[t]
    assert ws["A1"].value == t, (t, ws["A1"].value)              # a title row above the table
    head = [c.value for c in ws[3]]
    assert head == ["unit_code", "month", "kostra_function", "kostra_art", "amount"], head
    amounts = [r[4] for r in ws.iter_rows(min_row=4, values_only=True) if r[0] is not None]
    assert amounts and all(isinstance(a, (int, float)) for a in amounts), amounts[:5]
    arts = [r[3] for r in ws.iter_rows(min_row=4, values_only=True) if r[3] is not None]
    assert arts and all(isinstance(a, str) and len(a) == 3 for a in arts), arts[:5]
PY
  folder "$csv" "$wb" "$work/$name"
  out=$("$rapp" import "$work/$name" -o "$work/$name-rapp.db" 2>"$work/err") ||
    fail "import of Rapp's workbook failed ($name): $(head -5 "$work/err")"
  [ ! -s "$work/err" ] || fail "the import wrote to stderr: $(head -1 "$work/err")"

  # budget and actual, compared outside Rapp: every row in order, every value with its type
  "$py" - "$work/$name-csv.db" "$work/$name-rapp.db" <<'PY' || fail "$name: the tables differ"
import sqlite3, sys
a, b = (sqlite3.connect(p) for p in sys.argv[1:3])
for t in ("budget", "actual"):
    q = ("SELECT unit_code, month, kostra_function, typeof(kostra_function), kostra_art, "
         "typeof(kostra_art), amount, typeof(amount) FROM %s ORDER BY rowid" % t)
    ra, rb = a.execute(q).fetchall(), b.execute(q).fetchall()
    assert len(ra) > 0, t
    assert ra == rb, (t, len(ra), len(rb), [x for x in zip(ra, rb) if x[0] != x[1]][:3])
    s = "SELECT count(*), sum(amount), count(kostra_art), sum(kostra_art GLOB '0*') FROM %s" % t
    sa, sb = a.execute(s).fetchone(), b.execute(s).fetchone()
    assert sa == sb, (t, sa, sb)
    print("%s: %d rows, sum %.2f, %d with a KOSTRA art (%d with a leading zero)" % ((t,) + sa))
PY
  # and nothing else changed
  sqlite3 "$work/$name-csv.db" .dump >"$work/csv.sql"
  sqlite3 "$work/$name-rapp.db" .dump >"$work/rapp.sql"
  compare "$work/csv.sql" "$work/rapp.sql"
  out=$("$rapp" check "$work/$name-rapp.db") || fail "check of the snapshot: $out"
  [[ "$out" == *": no problems ("* ]] || fail "check said: $out"
done

# a report workbook with bad cells: named by file, sheet and cell; nothing written
csv=$1
name=$(basename "$csv")
expect_fault() { # EXPECTED_STDERR_FILE: the import of $work/bad fails with exactly that
  rm -f "$work/bad.db"
  "$rapp" import "$work/bad" -o "$work/bad.db" >/dev/null 2>"$work/err.raw"
  local rc=$?
  [ "$rc" -eq 1 ] || fail "bad workbook: exit code $rc, expected 1"
  [ ! -e "$work/bad.db" ] || fail "bad workbook: a snapshot was written"
  sed "s|$work/bad|IN|g" "$work/err.raw" >"$work/err"
  compare "$1" "$work/err"
}
wb=$(workbook "$work/$name-csv.db" "$work/fault" fault=ja) || exit 1
folder "$csv" "$wb" "$work/bad"
expect_fault "$here/bad/rapp_cells.txt"
# the table's sheet under another name: the first sheet, "Om rapporten", is read and refused
wb=$(workbook "$work/$name-csv.db" "$work/renamed" sheet=Budsjett) || exit 1
folder "$csv" "$wb" "$work/bad"
expect_fault "$here/bad/rapp_sheet.txt"
echo ok
