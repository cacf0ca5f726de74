#!/usr/bin/env bash
# The derived table economy_month (src/db/indexes_v1.sql; lua/rapp/economy.lua): `rapp import`
# builds one row per unit and month with the budget and actual sums, and the economy figures are
# the same on a snapshot without it (made by other means), where the query sums the lines itself.
#   check_economy_month.sh RAPP SOURCE_DIR WORK_DIR
. "$(dirname "$0")/derived_lib.sh"
"$rapp" import "$src/samples/fjordvik" -o "$work/with.db" >/dev/null || fail "import"
# the table holds exactly the sums of budget and actual per unit and month
bad=$(sqlite3 "$work/with.db" "
  WITH s AS (SELECT unit_code, month, round(sum(budget), 2) AS b, round(sum(actual), 2) AS a
             FROM (SELECT unit_code, month, amount AS budget, NULL AS actual FROM budget
                   UNION ALL SELECT unit_code, month, NULL, amount FROM actual) GROUP BY 1, 2)
  SELECT (SELECT count(*) FROM s) - (SELECT count(*) FROM economy_month),
         (SELECT count(*) FROM s LEFT JOIN economy_month e USING (unit_code, month)
          WHERE e.unit_code IS NULL OR round(e.budget, 2) IS NOT s.b OR round(e.actual, 2) IS NOT s.a)") \
  || fail "economy_month is not in the imported snapshot"
[ "$bad" = "0|0" ] || fail "economy_month differs from the sums of budget and actual (count, rows: $bad)"
rows=$(sqlite3 "$work/with.db" "SELECT count(*) FROM economy_month")
[ "$rows" -gt 0 ] || fail "economy_month is empty"
# a snapshot whose lines were changed after the import: rapp check names the stale unit and month
"$rapp" check "$work/with.db" >"$work/check-ok" 2>&1 || fail "rapp check of the import: $(head -3 "$work/check-ok")"
cp "$work/with.db" "$work/stale.db"
stale=$(sqlite3 "$work/stale.db" "UPDATE actual SET amount = amount + 1000 WHERE rowid = (SELECT min(rowid) FROM actual)
  RETURNING unit_code || ', month ' || month") || fail "changing an actual line"
if "$rapp" check "$work/stale.db" >"$work/check-stale" 2>&1; then fail "rapp check passed a stale economy_month"; fi
grep -q "table 'actual' (unit $stale): economy_month .* differs" "$work/check-stale" ||
  fail "rapp check did not name unit $stale: $(head -3 "$work/check-stale")"
same_without economy_month
# the economy table is there: the sample's Helse og omsorg row, budget year to date in 1 000 kr
grep -q "Helse og omsorg .* 461 581 " "$work/with.txt" || fail "no economy row for Helse og omsorg in the report"
echo "ok: economy_month ($rows rows) = the sums of budget and actual; kvartalsrapport the same without it"
