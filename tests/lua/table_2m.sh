#!/usr/bin/env bash
# A table of 2 000 000 rows through rows = r.db:each(sql) runs within the default memory limit
# (issue 15): the rows go from SQLite into the table's compact storage with no Lua rows. Checks
# the text dump's content: every data row, the first and last, and the total against the sum
# computed here. Not timed (bench/memory_bench.sh measures); labelled long.
#   table_2m.sh RAPP FIXTURE_DB
set -eu
rapp=$1
n=2000000
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$2" "$tmp/snap.db"
cat > "$tmp/stor.lua" <<LUA
local rapp = require("rapp")
return rapp.report { name = "stor", title = "Stor tabell", build = function(r, p)
  r.doc:table { total = "Sum", columns = {
      { key = "unit", title = "Enhet" }, { key = "amount", title = "Beløp", type = "amount", sum = true } },
    rows = r.db:each([[WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $n)
      SELECT 'Enhet ' || (i % 900) AS unit, i * 1.5 AS amount FROM n]]) }
end }
LUA
SOURCE_DATE_EPOCH=1788220800 "$rapp" run "$tmp/stor.lua" --db "$tmp/snap.db" --format txt --out "$tmp/out" > /dev/null
f=$tmp/out/stor.txt
fail=0
rows=$(grep -c '^| Enhet [0-9]' "$f" || true)
[ "$rows" = "$n" ] || { echo "FAIL: $rows data rows, expected $n"; fail=1; }
# a row as "Enhet 1|2": the cells without padding (numbers use U+00A0 between thousands)
cells() { sed 's/\xc2\xa0/ /g; s/^| *//; s/ *| *(total)$//; s/ *| */|/g; s/ *|$//'; }
first=$(grep -m1 '^| Enhet [0-9]' "$f" | cells)
[ "$first" = "Enhet 1|2" ] || { echo "FAIL: first row '$first'"; fail=1; }
last=$(grep '^| Enhet [0-9]' "$f" | tail -1 | cells)
[ "$last" = "Enhet 200|3 000 000" ] || { echo "FAIL: last row '$last'"; fail=1; }
# the total: 1.5 * n(n+1)/2
want=$((3 * n * (n + 1) / 4))
got=$(grep '^| Sum ' "$f" | cells | sed 's/^Sum|//; s/ //g')
[ "$got" = "$want" ] || { echo "FAIL: total '$got', expected $want"; fail=1; }
[ $fail = 0 ] && echo "ok: $n rows, total $want"
exit $fail
