#!/usr/bin/env bash
# The derived table economy_month (src/db/indexes_v1.sql; lua/rapp/economy.lua): `rapp import`
# builds one row per unit and month with the budget and actual sums, and the economy figures are
# the same on a snapshot without it (made by other means), where the query reads this rapp's TEMP
# view of that name over the same definition (shadow_derived_tables, src/db/db_check.c).
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
# ... filled from the schema's view economy_line_sum, the one definition of those sums
[ "$(sqlite3 "$work/with.db" "SELECT (SELECT count(*) FROM economy_line_sum),
  (SELECT count(*) FROM (SELECT * FROM economy_line_sum EXCEPT SELECT * FROM economy_month))")" = "$rows|0" ] ||
  fail "economy_month is not the rows of the view economy_line_sum"
[ "$rows" -gt 0 ] || fail "economy_month is empty"
# a snapshot whose lines were changed after the import: rapp check names the stale unit and month
"$rapp" check "$work/with.db" >"$work/check-ok" 2>&1 || fail "rapp check of the import: $(head -3 "$work/check-ok")"
cp "$work/with.db" "$work/stale.db"
stale=$(sqlite3 "$work/stale.db" "UPDATE actual SET amount = amount + 1000 WHERE rowid = (SELECT min(rowid) FROM actual)
  RETURNING unit_code || ', month ' || month") || fail "changing an actual line"
if "$rapp" check "$work/stale.db" >"$work/check-stale" 2>&1; then fail "rapp check passed a stale economy_month"; fi
grep -q "table 'actual' (unit $stale): economy_month .* differs" "$work/check-stale" ||
  fail "rapp check did not name unit $stale: $(head -3 "$work/check-stale")"
# a snapshot imported before the view economy_line_sum existed (the view is the one definition of
# the sums; src/db/schema_v1.sql): rapp check says what it says of a fresh import, still finds a
# stale economy_month (the engine's own text of the view), and the report runs (compared below)
cp "$work/with.db" "$work/old.db"
sqlite3 "$work/old.db" "DROP VIEW economy_line_sum" || fail "dropping the view economy_line_sum"
"$rapp" check "$work/old.db" >"$work/check-old" 2>&1 || fail "rapp check of a snapshot without the view: $(head -3 "$work/check-old")"
# ... the same as of a fresh import, and a note that the view is missing (the engine's is used)
[ "$(sed "s|$work/old.db|X|" "$work/check-old" | grep -v "^note: view 'economy_line_sum' is missing")" = \
  "$(sed "s|$work/with.db|X|" "$work/check-ok")" ] ||
  fail "rapp check says other things of a snapshot without the view: $(head -3 "$work/check-old")"
grep -q "^note: view 'economy_line_sum' is missing" "$work/check-old" || fail "rapp check gave no note of the missing view"
cp "$work/old.db" "$work/old-stale.db"
sqlite3 "$work/old-stale.db" "UPDATE actual SET amount = amount + 1000 WHERE rowid = (SELECT min(rowid) FROM actual)" ||
  fail "changing an actual line"
if "$rapp" check "$work/old-stale.db" >"$work/check-old-stale" 2>&1; then fail "rapp check passed a stale economy_month without the view"; fi
grep -q "table 'actual' (unit $stale): economy_month .* differs" "$work/check-old-stale" ||
  fail "rapp check without the view did not name unit $stale: $(head -3 "$work/check-old-stale")"
# a view with another rule (budget doubled) changes nothing of the comparison: the view is noted
cp "$work/with.db" "$work/other.db"
sqlite3 "$work/other.db" "DROP VIEW economy_line_sum; CREATE VIEW economy_line_sum AS
  SELECT unit_code, month, 2 * sum(amount) AS budget, NULL AS actual FROM budget GROUP BY 1, 2" ||
  fail "replacing the view economy_line_sum"
"$rapp" check "$work/other.db" >"$work/check-other" 2>&1 || fail "rapp check of a snapshot with another economy_line_sum: $(head -3 "$work/check-other")"
grep -q "^note: view 'economy_line_sum' differs from this rapp's" "$work/check-other" ||
  fail "rapp check did not note the changed view: $(head -3 "$work/check-other")"
if grep -q "economy_month (the sums" "$work/check-other"; then fail "rapp check compared economy_month with the snapshot's view"; fi
same_without economy_month
"$rapp" run "$src/reports/kvartalsrapport.lua" --db "$work/old.db" --period 2026-T2 --format pdf \
  --out "$work/out-old" >/dev/null 2>"$work/err-old" || fail "run on old.db: $(head -3 "$work/err-old")"
pdftotext -layout "$work/out-old/kvartalsrapport-2026-T2.pdf" - | grep -v "Kontrollsum\|Datagrunnlag" \
  >"$work/old.txt" || fail "pdftotext"
diff -u "$work/with.txt" "$work/old.txt" >"$work/diff" || { head -40 "$work/diff"; fail "the report differs without the view economy_line_sum"; }
# the economy table is there: the sample's Helse og omsorg row, budget year to date in 1 000 kr
grep -q "Helse og omsorg .* 461 581 " "$work/with.txt" || fail "no economy row for Helse og omsorg in the report"
echo "ok: economy_month ($rows rows) = the sums of budget and actual; kvartalsrapport the same without it and without the view economy_line_sum; rapp check uses the engine's view"
