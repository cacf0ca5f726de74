#!/usr/bin/env bash
# Measures `rapp import` of an Excel workbook against the same rows as CSV: wall time and peak
# memory (GNU time's maximum resident set size). The set is tests/import/base with a budget of
# ROWS rows (units x months x KOSTRA art), written once as budget.csv and once as budget.xlsx
# (openpyxl write-only mode: inline strings, codes as numbers). Prints figures; asserts nothing.
#   bench/xlsx_import_bench.sh [ROWS] [BUILD_DIR]
set -euo pipefail
. "$(dirname "$0")/lib.sh"
cd "$root"
rows=${1:-200000}
build=${2:-build}
rapp=$build/rapp
[ -x "$rapp" ] || { echo "xlsx_import_bench: $rapp not built" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "xlsx_import_bench: needs GNU time (/usr/bin/time)" >&2; exit 2; }
mkdir "$work/csv" "$work/xlsx"
cp tests/import/base/*.csv "$work/csv/"
/usr/bin/python3 - "$rows" "$work" <<'PY'
import sys, openpyxl
rows, work = int(sys.argv[1]), sys.argv[2]
units = ["ENH1", "ENH2", "ENH3"]
data = []
i = 0
while len(data) < rows:
    u = units[i % 3]; m = 1 + (i // 3) % 12; art = 10 + (i // 36) % 900
    data.append((u, "2026-%02d" % m, 202, art, 1000.5 + i))
    i += 1
with open(work + "/csv/budget.csv", "w") as f:
    f.write("unit_code;month;kostra_function;kostra_art;amount\n")
    for u, mo, fn, art, amt in data:
        f.write("%s;%s;%03d;%03d;%s\n" % (u, mo, fn, art, ("%.1f" % amt).replace(".", ",")))
wb = openpyxl.Workbook(write_only=True)
ws = wb.create_sheet("budget")
ws.append(["unit_code", "month", "kostra_function", "kostra_art", "amount"])
for r in data:
    ws.append(list(r))
wb.save(work + "/budget.xlsx")
PY
cp "$work/csv"/*.csv "$work/xlsx/"
rm "$work/xlsx/budget.csv"
cp "$work/budget.xlsx" "$work/xlsx/"
echo "budget rows: $rows; budget.csv $(stat -c %s "$work/csv/budget.csv") bytes, budget.xlsx $(stat -c %s "$work/xlsx/budget.xlsx") bytes"
for kind in csv xlsx; do
  /usr/bin/time -f "%e %M" -o "$work/time" "$rapp" import "$work/$kind" -o "$work/$kind.db" >/dev/null
  read -r secs kb <"$work/time"
  echo "$kind: $secs s, peak RSS $((kb / 1024)) MiB"
done
sqlite3 "$work/csv.db" .dump | cmp -s - <(sqlite3 "$work/xlsx.db" .dump) && echo "snapshots identical" ||
  echo "snapshots DIFFER"
