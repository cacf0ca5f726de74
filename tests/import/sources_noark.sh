#!/usr/bin/env bash
# Noark 5 extract (issue 18): the sample's decisions written by rapp-samplegen --sources as
# arkivstruktur.xml (moetemappe / moetesaksregistrering, body and area by name) import, in place
# of decision.csv, to exactly the decision rows of the CSV import (every column compared).
#   sources_noark.sh RAPP SAMPLEGEN
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
rapp=$1 gen=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$gen" -o "$work/csv" --sources "$work/src" || fail "samplegen failed"
grep -q '<registrering xsi:type="moetesaksregistrering">' "$work/src/arkivstruktur.xml" || fail "no registrations"
"$rapp" import "$work/csv" -o "$work/csv.db" >/dev/null 2>"$work/err" || fail "CSV import: $(cat "$work/err")"
mkdir "$work/in"
cp "$work/csv"/*.csv "$work/src/arkivstruktur.xml" "$work/in/"
rm "$work/in/decision.csv"
"$rapp" import "$work/in" -o "$work/xml.db" >/dev/null 2>"$work/err" || fail "Noark import: $(cat "$work/err")"
q="SELECT body_code, case_number, meeting_date, title, decision_text, area_code, responsible,
   deadline, status, status_date, comment FROM decision ORDER BY body_code, case_number"
sqlite3 "$work/csv.db" "$q" >"$work/want"
sqlite3 "$work/xml.db" "$q" >"$work/got"
[ "$(wc -l <"$work/want")" -gt 100 ] || fail "only $(wc -l <"$work/want") decisions"
cmp -s "$work/want" "$work/got" || fail "decision differs: $(diff "$work/want" "$work/got" | head -6)"
out=$("$rapp" check "$work/xml.db" 2>&1) || fail "check: $out"
# both the CSV and the extract: every decision twice, each named where it is
cp "$work/csv/decision.csv" "$work/in/"
"$rapp" import "$work/in" -o "$work/both.db" >/dev/null 2>"$work/err" && fail "duplicates accepted"
grep -q "^arkivstruktur.xml:[0-9]*: .*first on line" "$work/err" || fail "duplicate not named: $(head -2 "$work/err")"
echo ok
