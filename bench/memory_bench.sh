#!/bin/sh
# bench/memory_bench.sh — peak resident memory (/usr/bin/time -v) and wall time of one table of N
# rows × 8 columns (unit, area, four amounts, a percentage, a decimal; issue 15's workload) built
# from a query, as XLSX, PDF and the text dump, with the rows handed over two ways:
#   each  rows = r.db:each(sql): the query straight into the table's compact storage (no Lua rows)
#   rows  rows = r.db:rows(sql): a Lua list of row tables first (the table still stores compactly)
# N = 100 000 and 2 000 000 by default. XLSX stops at Excel's 1 048 576 rows; a PDF of 2 M rows
# (about 48 000 pages) is left out unless PDF2M=1: libharu keeps every page in memory until it
# saves (its own floor needs about 0.65 MB a 1 000 rows), so it passes the default memory limit
# whatever the table costs. Prints the load average: the machine is shared, so give medians.
# Usage: bench/memory_bench.sh [BUILD_DIR] [N ...]     (FORMATS="pdf" measures only the PDF)
# The bare-library floors' peak memory for the same workload: bench/render_bench.sh (issue 15).
set -eu
. "$(dirname "$0")/lib.sh"
build=${1:-$root/build}
[ $# -gt 0 ] && shift
sizes=${*:-100000 2000000}

"$build/rapp" import "$root/samples/fjordvik" -o "$work/sample.db" >/dev/null

script() { # mode n -> a report script
  cat >"$work/mem_$1_$2.lua" <<EOF
local rapp = require("rapp")
return rapp.report { name = "mem", title = "Minnemåling", build = function(r, p)
  local sql = [[WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $2)
    SELECT 'Enhet ' || (i % 900) AS unit, 'Område ' || (i % 9) AS area,
           i * 1000.25 AS budget, i * 990.5 AS actual, i * 9.75 AS deviation, i * 1001.0 AS forecast,
           (i % 1000) / 10.0 AS pct, (i % 97) * 1.5 AS dec FROM n]]
  r.doc:table { title = "Rader", columns = {
      { key = "unit", title = "Enhet" }, { key = "area", title = "Område" },
      { key = "budget", title = "Budsjett", type = "amount", sum = true },
      { key = "actual", title = "Regnskap", type = "amount", sum = true },
      { key = "deviation", title = "Avvik", type = "amount", sum = true },
      { key = "forecast", title = "Prognose", type = "amount", sum = true },
      { key = "pct", title = "Avvik %", type = "percent" },
      { key = "dec", title = "Årsverk", type = "decimal", decimals = 1 } },
    rows = r.db:$1(sql), total = "Sum" }
end }
EOF
}

measure() { # label command... -> "label  wall s  peak MB"
  label=$1
  shift
  if /usr/bin/time -v "$@" >/dev/null 2>"$work/time"; then status=ok; else status="failed: $(grep -m1 -v '^\s' "$work/time" | cut -c1-100)"; fi
  secs=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time")
  kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time")
  printf '%-30s %10s wall  peak RSS %6s MB  %s\n' "$label" "$secs" "$((kb / 1024))" "$status"
}

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for n in $sizes; do
  for fmt in ${FORMATS:-xlsx pdf txt}; do
    [ "$fmt" = xlsx ] && [ "$n" -gt 1048575 ] && continue
    [ "$fmt" = pdf ] && [ "$n" -gt 1048575 ] && [ "${PDF2M:-0}" != 1 ] && continue
    for mode in each rows; do
      script "$mode" "$n"
      rm -rf "$work/out"
      measure "N=$n $fmt r.db:$mode" "$build/rapp" run "$work/mem_${mode}_$n.lua" --db "$work/sample.db" \
        --format "$fmt" --out "$work/out"
    done
  done
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
