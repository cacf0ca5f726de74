#!/usr/bin/env bash
# Issue 17 tests (tests/lang/CMakeLists.txt):   run_lang.sh nynorsk|sami|cli RAPP SRC WORK
set -u
what=$1 rapp=$2 src=$3 work=$4
here=$(cd "$(dirname "$0")" && pwd)
py=/usr/bin/python3
rm -rf "$work" && mkdir -p "$work"
bash "$here/make_samples.sh" "$rapp" "$src" "$work" || { echo "FAIL: making the samples"; exit 1; }
report=$src/reports/kvartalsrapport.lua
case $what in
nynorsk)
  # the municipality's language column chooses: no --lang
  "$rapp" run "$report" --db "$work/nn.db" --period 2026-T2 --format pdf,xlsx,html,txt --out "$work/out" \
    >/dev/null || { echo "FAIL: the report"; exit 1; }
  # the other converted standard reports, each with the parameters it needs, into the same folder
  for item in "saksframlegg --period 2026-T2 --param arkivsak=2026/1407 --param saksnummer=45/26" \
              "enhetsrapport --period 2026-T2 --param unit=ENH2010" "ros --period 2026-T2" \
              "arshjul --period 2025" "eiermelding --period 2025" \
              "arsrapport --period 2025" "manedsrapport --period 2026-08" \
              "vedtaksoppfolging --period 2026-T2"; do
    set -- $item
    "$rapp" run "$src/reports/$1.lua" --db "$work/nn.db" "${@:2}" --format pdf,xlsx,html --out "$work/out" \
      >/dev/null 2>"$work/$1.err" || { cat "$work/$1.err"; echo "FAIL: the report $1"; exit 1; }
    ! grep -q "without a text in language form" "$work/$1.err" || { cat "$work/$1.err"; echo "FAIL: $1 warns"; exit 1; }
    names="${names:+$names,}$1"
  done
  # every label in nb and nn, through the script API (rapp.labels, rapp.status.label, the reports' tables)
  mkdir -p "$work/dump/labels"
  cp "$here/dump_labels.lua" "$work/dump/" && cp "$src"/reports/labels/*.lua "$work/dump/labels/"
  for l in nb nn; do
    "$rapp" run "$work/dump/dump_labels.lua" --db "$work/nn.db" --lang $l --param "reports=kvartalsrapport,$names" \
      --out "$work/dump/$l" >/dev/null || { echo "FAIL: dump_labels --lang $l"; exit 1; }
  done
  exec $py "$here/check_lang.py" nynorsk "$work/out" "$here/kvartalsrapport-nn.golden" \
    "$work/dump/nb/labels.xlsx" "$work/dump/nn/labels.xlsx" "$work/nn.db" ;;
sami)
  "$rapp" run "$report" --db "$work/se.db" --period 2026-T2 --format pdf,xlsx,html,txt --out "$work/out" \
    >/dev/null 2>"$work/stderr" || { cat "$work/stderr"; echo "FAIL: the report"; exit 1; }
  # the unit report too: its scorecard's measurement periods ("borg 2026") in Sámi months
  "$rapp" run "$src/reports/enhetsrapport.lua" --db "$work/se.db" --period 2026-T2 --param unit=ENH2010 \
    --format pdf,html --out "$work/out" >/dev/null 2>"$work/enhet.err" || { cat "$work/enhet.err"; echo "FAIL: enhetsrapport"; exit 1; }
  exec $py "$here/check_lang.py" sami "$work/out" "$work/stderr" "$src/src/util/labels.c" ;;
cli)
  fail=0
  "$rapp" run "$report" --db "$work/nn.db" --lang nx >/dev/null 2>"$work/err"; rc=$?
  [ $rc = 2 ] && grep -q "give nb (bokmål), nn (nynorsk) or se (North Sámi)" "$work/err" \
    || { echo "FAIL: --lang nx: exit $rc, $(cat "$work/err")"; fail=1; }
  # --lang overrides the municipality's nn; a batch passes it to every item
  "$rapp" run "$report" --db "$work/nn.db" --period 2026-T2 --lang nb --format txt --out "$work/nb" >/dev/null \
    && grep -q '^# 1 Sammendrag$' "$work/nb/kvartalsrapport-2026-T2.txt" && grep -q '^language: nb$' "$work/nb/kvartalsrapport-2026-T2.txt" \
    || { echo "FAIL: --lang nb on a nynorsk municipality"; fail=1; }
  "$rapp" run "$report" --db "$work/nn.db" --each area=@/dev/null --lang se -q --out "$work/each" >/dev/null 2>&1
  "$rapp" batch "$src/reports/plans/manedspakke.lua" --db "$work/se.db" --period 2026-09 --lang nb -q -j 1 \
    --format txt --out "$work/batch" >/dev/null 2>"$work/batch.err"
  n=$(grep -l '^language: nb$' "$work"/batch/*.txt 2>/dev/null | wc -l)
  all=$(ls "$work"/batch/*.txt 2>/dev/null | wc -l)
  [ "$n" -ge 1 ] && [ "$n" = "$all" ] || { echo "FAIL: rapp batch --lang nb: $n of $all outputs in nb"; fail=1; }
  "$rapp" run "$report" --db "$work/se.db" --period 2026-T2 --format txt --out "$work/se" >/dev/null 2>&1 \
    && grep -q '^language: se$' "$work/se/kvartalsrapport-2026-T2.txt" || { echo "FAIL: se from the municipality"; fail=1; }
  [ $fail = 0 ] && echo "lang cli: --lang checked, overrides the municipality, reaches batch items"
  exit $fail ;;
esac
