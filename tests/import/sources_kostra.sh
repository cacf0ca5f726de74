#!/usr/bin/env bash
# KOSTRA accounts file (issue 18): the sample's actuals written by rapp-samplegen --sources as
# SSB's fixed-width records import into kostra_account with the same totals per year, function
# and art as actual.csv (rounded to whole thousands, the file's unit), checked by an independent
# SQL query on the same snapshot; the reference names print as '202 Grunnskole'.
#   sources_kostra.sh RAPP SAMPLEGEN
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
rapp=$1 gen=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$gen" -o "$work/csv" --sources "$work/src" || fail "samplegen failed"
[ -s "$work/src/fjordvik.kostra" ] || fail "no fjordvik.kostra written"
awk 'length($0) != 48 { print "record " NR " has " length($0) " characters"; exit 1 }' \
  "$work/src/fjordvik.kostra" || fail "not 48-character records"
mkdir "$work/in"
cp "$work/csv"/*.csv "$work/src/fjordvik.kostra" "$work/in/"
"$rapp" import "$work/in" -o "$work/k.db" >/dev/null 2>"$work/err" || fail "import: $(cat "$work/err")"
sqlite3 "$work/k.db" "SELECT year, coalesce(quarter, ''), kostra_function, kostra_art, CAST(amount AS INTEGER)
  FROM kostra_account WHERE form = '0A' AND region = '469900' AND account_class = '1'
  ORDER BY 1, 3, 4" >"$work/got"
sqlite3 "$work/k.db" "SELECT substr(month, 1, 4), CASE substr(month, 1, 4) WHEN '2026' THEN '3' ELSE '' END,
  kostra_function, kostra_art, CAST(round(sum(amount) / 1000.0) AS INTEGER) * 1000
  FROM actual GROUP BY 1, 3, 4 ORDER BY 1, 3, 4" >"$work/want"
[ "$(wc -l <"$work/got")" -gt 100 ] || fail "only $(wc -l <"$work/got") KOSTRA rows"
cmp -s "$work/got" "$work/want" || fail "kostra_account differs from actual.csv: $(diff "$work/want" "$work/got" | head -4)"
[ "$(sqlite3 "$work/k.db" "SELECT count(*) FROM kostra_account")" = "$(wc -l <"$work/src/fjordvik.kostra")" ] ||
  fail "not one row per record"
name=$(sqlite3 "$work/k.db" "SELECT a.kostra_function || ' ' || f.name FROM kostra_account a
  JOIN kostra_function f ON f.code = a.kostra_function WHERE a.kostra_function = '202' LIMIT 1")
[ "$name" = "202 Grunnskole" ] || fail "function name: '$name'"
out=$("$rapp" check "$work/k.db" 2>&1) || fail "check: $out"
# without the file the table is empty and the import still succeeds
rm "$work/in/fjordvik.kostra"
"$rapp" import "$work/in" -o "$work/c.db" >/dev/null 2>"$work/err" || fail "import without: $(cat "$work/err")"
[ "$(sqlite3 "$work/c.db" "SELECT count(*) FROM kostra_account")" = 0 ] || fail "rows without a file"
echo ok
