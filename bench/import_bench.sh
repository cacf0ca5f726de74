#!/usr/bin/env bash
# Measures `rapp import` (and `rapp check`) in rows per second on a large CSV set.
#   bench/import_bench.sh [ROWS] [BUILD_DIR]
# With BUILD_DIR/rapp-samplegen present, the set is the sample municipality at --scale
# (ROWS / 10000, at least 1); otherwise the tests' base set plus a generated result.csv of about
# ROWS rows (units x 10 indicators x 36 months, decimal commas). Prints figures; asserts nothing.
# KEEP=1 keeps the work folder; RAPP_TRACE=1 makes rapp print the time of each stage.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
cd "$root"
rows=${1:-1000000}
build=${2:-build}
rapp=$build/rapp
[ -x "$rapp" ] || { echo "import_bench: $rapp not built" >&2; exit 2; }
if [ -x "$build/rapp-samplegen" ]; then
  scale=$(( rows / 10000 )); [ "$scale" -ge 1 ] || scale=1
  "$build/rapp-samplegen" --scale "$scale" -o "$work/csv" >/dev/null
  echo "set: rapp-samplegen --scale $scale"
else
  mkdir "$work/csv"
  cp tests/import/base/*.csv "$work/csv/"
  units=$(( (rows + 359) / 360 ))
  awk -v n="$units" 'BEGIN { print "code;area_code;name;kind;head;sort_order";
    for (u = 1; u <= n; u++) printf "B%05d;OPPV;Enhet %d;skole;;%d\n", u, u, u + 10 }' > "$work/csv/unit.csv.tmp"
  tail -n +2 tests/import/base/unit.csv >> "$work/csv/unit.csv.tmp"
  mv "$work/csv/unit.csv.tmp" "$work/csv/unit.csv"
  awk 'BEGIN { print "code;name;goal_code;method;unit_of_measure;direction;frequency;source;sort_order";
    for (i = 1; i <= 10; i++) printf "I%02d;Indikator %d;G1;fagsystem;prosent;%s;month;fagsystem;%d\n", i, i, (i % 2 ? "higher" : "lower"), i }' \
    > "$work/csv/indicator.csv"
  : > "$work/csv/target.csv.tmp"; echo "indicator_code;year;area_code;unit_code;desired;acceptable" > "$work/csv/target.csv"
  rm -f "$work/csv/target.csv.tmp"
  awk -v n="$units" 'BEGIN { print "indicator_code;period;area_code;unit_code;value;comment";
    srand(1);
    for (u = 1; u <= n; u++) for (i = 1; i <= 10; i++) for (m = 0; m < 36; m++)
      printf "I%02d;%04d-%02d;;B%05d;%d,%d;\n", i, 2024 + int(m / 12), m % 12 + 1, u, int(rand() * 100), int(rand() * 10) }' \
    > "$work/csv/result.csv"
  echo "set: tests/import/base + generated unit.csv ($units units) and result.csv"
fi
total=0
for f in "$work"/csv/*.csv; do total=$(( total + $(wc -l < "$f") - 1 )); done
echo "CSV rows (lines after headers): $total, $(du -sh "$work/csv" | cut -f1)"
start=$(date +%s.%N)
"$rapp" import "$work/csv" -o "$work/snap.db"
end=$(date +%s.%N)
awk -v r="$total" -v a="$start" -v b="$end" 'BEGIN { printf "import: %.2f s, %.0f rows/s\n", b - a, r / (b - a) }'
start=$(date +%s.%N)
"$rapp" check "$work/snap.db"
end=$(date +%s.%N)
awk -v r="$total" -v a="$start" -v b="$end" 'BEGIN { printf "check:  %.2f s, %.0f rows/s\n", b - a, r / (b - a) }'
ls -l "$work/snap.db" | awk '{ print "snapshot: " $5 " bytes" }'
