#!/usr/bin/env bash
# Reading a large Noark 5 extract: `rapp import` of the sample with its decisions given as
# arkivstruktur.xml (rapp-samplegen --sources --sources-repeat) of about REGS registrations,
# against the same decisions as decision.csv (exported from the first snapshot), and the sample's
# own extract (161 registrations): wall time and peak RSS (/usr/bin/time -v) of each import.
# The reader streams (libxml2 xmlTextReader), so the extract's share of peak memory stays flat:
# compare the 161- and the 50 000-registration rows. Prints figures; asserts nothing.
#   bench/noark_bench.sh [REGS] [BUILD_DIR]
set -euo pipefail
. "$(dirname "$0")/lib.sh"
cd "$root"
regs=${1:-50000}
build=${2:-build}
rapp=$build/rapp gen=$build/rapp-samplegen
[ -x "$rapp" ] && [ -x "$gen" ] || { echo "noark_bench: build rapp and rapp-samplegen first" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "noark_bench: /usr/bin/time (Debian package time) is needed" >&2; exit 2; }
"$gen" -o "$work/csv" --sources "$work/one" >/dev/null
per=$(grep -c '<registrering ' "$work/one/arkivstruktur.xml")
repeat=$(( (regs + per - 1) / per ))
"$gen" -o "$work/csv" --sources "$work/big" --sources-repeat "$repeat" >/dev/null

measure() { # label folder
  /usr/bin/time -v "$rapp" import "$2" -o "$work/out.db" >/dev/null 2>"$work/time" ||
    { cat "$work/time" >&2; exit 1; }
  local wall rss n
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { print $2 }' "$work/time")
  rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$work/time")
  n=$(sqlite3 "$work/out.db" "SELECT count(*) FROM decision")
  printf '%-38s %8s decisions  %10s wall  %8d KiB peak RSS  %9d KiB input\n' "$1" "$n" "$wall" "$rss" \
    "$(( $(du -k "$2" --max-depth=0 | cut -f1) ))"
  rm -f "$work/out.db"
}

for set in one big; do
  mkdir "$work/in_$set"
  cp "$work/csv"/*.csv "$work/$set/arkivstruktur.xml" "$work/in_$set/"
  rm "$work/in_$set/decision.csv"
done
measure "arkivstruktur.xml, sample" "$work/in_one"
measure "arkivstruktur.xml, $((per * repeat)) registrations" "$work/in_big"
# the same decisions as CSV: exported from a snapshot of the extract
"$rapp" import "$work/in_big" -o "$work/big.db" >/dev/null
mkdir "$work/in_csv"
cp "$work/csv"/*.csv "$work/in_csv/"
sqlite3 -csv -header -separator ';' "$work/big.db" "SELECT * FROM decision" | sed 's/\r$//' >"$work/in_csv/decision.csv"
measure "decision.csv, same decisions" "$work/in_csv"
