#!/usr/bin/env bash
# The derived table absence_month_total (src/db/indexes_v1.sql; lua/rapp/absence.lua): `rapp
# import` sums sick leave and staffing of the whole municipality per month, `rapp check` names a
# month whose sums no longer match the rows, and the quarterly report's month-by-month line of sick
# leave is the same on a snapshot without it (made by other means), where the query reads this
# rapp's TEMP view of that name over the same definition, also without the index absence_month
# (the definition's order of addition then comes from a sort): rapp check compares the table with
# the definition exactly (no tolerance), so a check that passes without the index shows the same
# sums to the last bit. The line's figures are checked against independent SQL.
#   check_absence_month_total.sh RAPP SOURCE_DIR WORK_DIR
. "$(dirname "$0")/derived_lib.sh"
"$rapp" import "$src/samples/fjordvik" -o "$work/with.db" >/dev/null || fail "import"
# the table holds the sums per month of absence and of staffing (every month of either)
bad=$(sqlite3 "$work/with.db" "
  WITH a AS (SELECT month, sum(short_term_days + long_term_days) AS d, sum(planned_days) AS p FROM absence GROUP BY month),
       h AS (SELECT month, sum(headcount) AS n FROM staffing GROUP BY month),
       s AS (SELECT month FROM a UNION SELECT month FROM h)
  SELECT (SELECT count(*) FROM s) - (SELECT count(*) FROM absence_month_total),
         (SELECT count(*) FROM s LEFT JOIN a USING (month) LEFT JOIN h USING (month)
          LEFT JOIN absence_month_total t USING (month)
          WHERE t.month IS NULL OR round(t.absent_days, 6) IS NOT round(a.d, 6)
             OR round(t.planned_days, 6) IS NOT round(a.p, 6) OR t.headcount IS NOT h.n),
         (SELECT count(*) FROM absence_month_total)") || fail "absence_month_total is not in the imported snapshot"
case "$bad" in 0\|0\|*) ;; *) fail "absence_month_total differs from the sums of absence and staffing (count, rows: $bad)" ;; esac
rows=${bad##*|}
[ "$rows" -ge 24 ] || fail "absence_month_total has only $rows months"
# an absence row changed after the import: rapp check names the month
"$rapp" check "$work/with.db" >"$work/check-ok" 2>&1 || fail "rapp check of the import: $(head -3 "$work/check-ok")"
cp "$work/with.db" "$work/stale.db"
stale=$(sqlite3 "$work/stale.db" "UPDATE absence SET planned_days = planned_days + 10
  WHERE rowid = (SELECT min(rowid) FROM absence) RETURNING month") || fail "changing an absence row"
if "$rapp" check "$work/stale.db" >"$work/check-stale" 2>&1; then fail "rapp check passed a stale absence_month_total"; fi
grep -q "table 'absence' (month $stale): absence_month_total .* differs" "$work/check-stale" ||
  fail "rapp check did not name month $stale: $(head -3 "$work/check-stale")"
same_without absence_month_total
# without the index absence_month: the definition sorts the rows into the table's order and gives
# the imported sums exactly (rapp check's comparison of absence_month_total has no tolerance) ...
cp "$work/with.db" "$work/noindex.db"
sqlite3 "$work/noindex.db" "DROP INDEX absence_month" || fail "dropping the index absence_month"
"$rapp" check "$work/noindex.db" >"$work/check-noindex" 2>&1 ||
  fail "rapp check of a snapshot without the index absence_month: $(head -3 "$work/check-noindex")"
grep -q "no problems" "$work/check-noindex" || fail "rapp check without the index: $(head -3 "$work/check-noindex")"
# ... where the order of addition shows: the sample's sums in the reverse order differ in some month
reversed=$(sqlite3 "$work/with.db" "SELECT count(*) FROM (SELECT x.month, sum(x.short_term_days + x.long_term_days)
  FROM (SELECT * FROM absence ORDER BY rowid DESC) x GROUP BY x.month
  EXCEPT SELECT month, absent_days FROM absence_month_total)") || fail "summing in the reverse order"
[ "$reversed" -gt 0 ] || fail "the sample's sums do not depend on the order of addition: the check above shows nothing"
# a snapshot without any derived table nor the index absence_month (made by other means)
cp "$work/without.db" "$work/bare.db"
sqlite3 "$work/bare.db" "DROP TABLE economy_month; DROP TABLE decision_interval; DROP INDEX absence_month" ||
  fail "making bare.db"
# ... prints the quarterly report's text of a fresh import
"$rapp" run "$src/reports/kvartalsrapport.lua" --db "$work/bare.db" --period 2026-T2 --format pdf \
  --out "$work/out-bare" >/dev/null 2>"$work/err-bare" || fail "run on bare.db: $(head -3 "$work/err-bare")"
pdftotext -layout "$work/out-bare/kvartalsrapport-2026-T2.pdf" - | grep -v "Kontrollsum\|Datagrunnlag" \
  >"$work/bare.txt" || fail "pdftotext"
diff -u "$work/with.txt" "$work/bare.txt" >"$work/diff-bare" ||
  { head -40 "$work/diff-bare"; fail "the report differs without the derived tables and the index absence_month"; }
# the line's figures (the workbook's cells under the chart, as written) with the table, without it
# and on bare.db, and against the sums computed here (2026 up to August, all of 2025)
for s in with without bare; do
  "$rapp" run "$src/reports/kvartalsrapport.lua" --db "$work/$s.db" --period 2026-T2 --format xlsx \
    --out "$work/xlsx-$s" >/dev/null 2>"$work/err-x-$s" || fail "xlsx run on $s.db: $(head -3 "$work/err-x-$s")"
done
sqlite3 -separator ' ' "$work/with.db" "SELECT month, 100.0 * sum(short_term_days + long_term_days) / sum(planned_days)
  FROM absence WHERE month BETWEEN '2025-01' AND '2026-08' GROUP BY month" >"$work/expect.txt" || fail "expected line"
/usr/bin/python3 - "$work/xlsx-with/kvartalsrapport-2026-T2.xlsx" "$work/xlsx-without/kvartalsrapport-2026-T2.xlsx" \
  "$work/xlsx-bare/kvartalsrapport-2026-T2.xlsx" "$work/expect.txt" <<'PY' || fail "the month line of sick leave"
import sys, openpyxl
def line(path):
    ws = openpyxl.load_workbook(path)["Sykefravær per rammeområde"]
    rows = [r for r in ws.iter_rows(values_only=True)]
    i = next(k for k, r in enumerate(rows) if r[1] == "2026" and r[2] == "2025")
    return [(r[1], r[2]) for r in rows[i + 1:i + 13]]
a, b, c = line(sys.argv[1]), line(sys.argv[2]), line(sys.argv[3])
assert a == b, f"the line differs without the table: {a} != {b}"
assert a == c, f"the line differs without the derived tables and the index absence_month: {a} != {c}"
expect = dict(l.split() for l in open(sys.argv[4]))
for m, (this, last) in enumerate(a, 1):
    for year, v in (("2026", this), ("2025", last)):
        want = expect.get(f"{year}-{m:02d}")
        if year == "2026" and m > 8:
            want = None
        assert (v is None) == (want is None), f"{year}-{m:02d}: {v} against {want}"
        assert v is None or abs(v * 100 - float(want)) < 1e-9, f"{year}-{m:02d}: {v} against {want}"
print(f"ok: {sum(v is not None for r in a for v in r)} figures of the line")
PY
echo "ok: absence_month_total ($rows months) = the sums of absence and staffing, to the last bit also without the index absence_month; kvartalsrapport the same without it and without any derived table"
