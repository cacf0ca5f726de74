#!/usr/bin/env bash
# The derived table decision_interval (src/db/indexes_v1.sql):
# `rapp import` fills it with the rows of the view decision_state, `rapp check` names each decision
# whose rows no longer match the view, and the decision figures and lists of kvartalsrapport,
# vedtaksoppfolging and arsrapport are the same on a snapshot without it (made by other means),
# where the queries read this rapp's TEMP view of that name over the same definition.
#   check_decision_interval.sh RAPP SOURCE_DIR WORK_DIR
. "$(dirname "$0")/derived_lib.sh"
"$rapp" import "$src/samples/fjordvik" -o "$work/with.db" >/dev/null || fail "import"
# the table holds exactly the view's rows, each once, with the view's types
cols="body_code, case_number, status, finished, valid_from, valid_to, meeting_date, deadline, overdue_from"
bad=$(sqlite3 "$work/with.db" "
  WITH v AS (SELECT $cols, typeof(finished), typeof(valid_to), typeof(overdue_from) FROM decision_state),
       t AS (SELECT $cols, typeof(finished), typeof(valid_to), typeof(overdue_from) FROM decision_interval)
  SELECT (SELECT count(*) FROM v) - (SELECT count(*) FROM t),
         (SELECT count(*) FROM (SELECT * FROM v EXCEPT SELECT * FROM t)),
         (SELECT count(*) FROM (SELECT * FROM t EXCEPT SELECT * FROM v)),
         (SELECT count(*) FROM t)") || fail "decision_interval is not in the imported snapshot"
case "$bad" in 0\|0\|0\|*) ;; *) fail "decision_interval differs from view decision_state (count, rows either way: $bad)" ;; esac
rows=${bad##*|}
[ "$rows" -gt 100 ] || fail "decision_interval has only $rows rows"
# a status change edited after the import: rapp check names the decision
"$rapp" check "$work/with.db" >"$work/check-ok" 2>&1 || fail "rapp check of the import: $(head -3 "$work/check-ok")"
cp "$work/with.db" "$work/stale.db"
stale=$(sqlite3 "$work/stale.db" "UPDATE decision_status_change SET status_date = date(status_date, '+1 day')
  WHERE rowid = (SELECT min(rowid) FROM decision_status_change) RETURNING body_code || ' ' || case_number") ||
  fail "changing a status change"
[ -n "$stale" ] || fail "the sample has no status change"
if "$rapp" check "$work/stale.db" >"$work/check-stale" 2>&1; then fail "rapp check passed a stale decision_interval"; fi
grep -q "table 'decision_status_change' (decision $stale): decision_interval .* differs" "$work/check-stale" ||
  fail "rapp check did not name decision $stale: $(head -3 "$work/check-stale")"
same_without decision_interval
# the decision figures are there, as the view counts them on 31.08.2026 (independent SQL)
open=$(sqlite3 "$work/with.db" "SELECT count(*) FROM decision_state WHERE valid_from <= '2026-08-31'
  AND (valid_to IS NULL OR '2026-08-31' < valid_to) AND NOT finished") || fail "counting open decisions"
[ "$open" -gt 0 ] || fail "no open decision in the sample on 31.08.2026"
tr -s ' \n' ' ' <"$work/with.txt" | grep -q "av dem $open åpne" ||
  fail "the report does not say $open open decisions: $(grep -m2 'åpne' "$work/with.txt")"
# vedtaksoppfolging and arsrapport read the table too: the same text
# without it, and another text when its rows are changed (a snapshot where only the table says so:
# a test of where the figures come from, not a state rapp check would pass)
cp "$work/with.db" "$work/marked.db"
sqlite3 "$work/marked.db" "DELETE FROM decision_interval WHERE body_code = (SELECT min(body_code) FROM decision_interval)" ||
  fail "changing decision_interval"
for rp in vedtaksoppfolging:2026-T2 arsrapport:2025; do
  name=${rp%%:*} period=${rp#*:}
  for s in with without marked; do
    "$rapp" run "$src/reports/$name.lua" --db "$work/$s.db" --period "$period" --format pdf --out "$work/$name-$s"       >/dev/null 2>"$work/err-$name-$s" || fail "$name on $s.db: $(head -3 "$work/err-$name-$s")"
    pdftotext -layout "$work/$name-$s/$name-$period.pdf" - | grep -v "Kontrollsum\|Datagrunnlag" \
      >"$work/$name-$s.txt" || fail "pdftotext $name"
  done
  diff -u "$work/$name-with.txt" "$work/$name-without.txt" >"$work/diff-$name" ||
    { head -40 "$work/diff-$name"; fail "$name differs without decision_interval"; }
  if cmp -s "$work/$name-with.txt" "$work/$name-marked.txt"; then
    fail "$name does not read decision_interval (the same text with a body's rows deleted from it)"
  fi
done
echo "ok: decision_interval ($rows rows) = view decision_state; rapp check names a stale decision; kvartalsrapport, vedtaksoppfolging and arsrapport the same without it and read it"
