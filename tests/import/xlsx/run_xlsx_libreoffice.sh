#!/usr/bin/env bash
# import_xlsx_libreoffice (label long): the CSV extracts converted to .xlsx by LibreOffice, a
# writer that is not Rapp (soffice --convert-to xlsx, Norwegian number format: shared strings,
# numbers, dates with LibreOffice's own styles, KOSTRA codes as numbers). LibreOffice reads the
# case number '26/12' as the date 26 December: the import refuses that cell by name. With that
# column given as text (as a municipality would format it), the import gives a snapshot identical
# to the CSV import and `rapp check` is clean. Skips (exit 77) when soffice is not installed.
#   run_xlsx_libreoffice.sh RAPP CSV_DIR
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
rapp=$1 csv=$2
command -v soffice >/dev/null || { echo "soffice not installed: skipped"; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
profile="file://$work/profile" # a profile of its own: no clash with a running LibreOffice

# convert OUTDIR SEPARATOR COLUMN_FORMATS FILE.csv...: FILE.xlsx in OUTDIR (one soffice run: its
# start-up takes most of the time)
convert() {
  local outdir=$1 sep=$2 formats=$3
  shift 3
  [ $# -gt 0 ] || return 0
  soffice -env:UserInstallation="$profile" --headless \
    --infilter="CSV:$sep,34,76,1,$formats,1044" --convert-to xlsx --outdir "$outdir" "$@" \
    >>"$work/soffice.log" 2>&1 || fail "soffice failed: $(tail -3 "$work/soffice.log")"
}
# LibreOffice's conversions in $work/lo: default/ every table as LibreOffice reads it, text/ the two
# decision tables with case_number (column 2) as text. They are kept in a cache keyed by the CSV
# files, this script and LibreOffice's version (RAPP_TEST_CACHE, default ~/.cache/rapp-tests; "off"
# converts every time): the sanitizer pass then imports the very files the first pass converted, and
# its time goes to the import under ASan rather than to three more soffice starts (about 20 s of CPU).
lo_version=$(dpkg-query -W -f='${Package}=${Version} ' libreoffice-core-nogui libreoffice-core 2>/dev/null)
[[ "$lo_version" == *=[0-9]* ]] || lo_version=$(soffice --version 2>/dev/null)
key=$( { (cd "$csv" && sha256sum -- *.csv); sha256sum <"$0"; echo "$lo_version"; } | sha256sum | cut -c1-32)
cache_root=${RAPP_TEST_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/rapp-tests}
cache=$cache_root/libreoffice-xlsx/$key
n_csv=$(ls "$csv"/*.csv | wc -l)
if [ "$cache_root" != off ] && [ -f "$cache/done" ] && [ "$(ls "$cache/default" | wc -l)" -eq "$n_csv" ]; then
  cp -r "$cache" "$work/lo"
  echo "LibreOffice's conversions from the cache $cache (made by an earlier run of this test)"
else
  mkdir -p "$work/lo/default" "$work/lo/text"
  semi=() comma=()
  for f in "$csv"/*.csv; do
    if head -1 "$f" | grep -q ';'; then semi+=("$f"); else comma+=("$f"); fi
  done
  convert "$work/lo/default" 59 "" "${semi[@]}"
  convert "$work/lo/default" 44 "" "${comma[@]}"
  [ "$(ls "$work/lo/default" | wc -l)" -eq "$n_csv" ] || fail "soffice did not convert every file"
  convert "$work/lo/text" 59 2/2 "$csv/decision.csv" "$csv/decision_status_change.csv"
  [ "$(ls "$work/lo/text" | wc -l)" -eq 2 ] || fail "soffice did not convert the two decision tables"
  touch "$work/lo/done"
  # into the cache whole or not at all (a folder of its own, renamed into place)
  if [ "$cache_root" != off ] && mkdir -p "$cache_root/libreoffice-xlsx" 2>/dev/null &&
     tmp=$(mktemp -d "$cache_root/libreoffice-xlsx/.tmp-XXXXXX" 2>/dev/null); then
    cp -r "$work/lo/." "$tmp/" && rm -rf "$cache" && mv "$tmp" "$cache" 2>/dev/null || rm -rf "$tmp"
  fi
fi
mkdir "$work/xlsx"
cp "$work/lo/default/"*.xlsx "$work/xlsx/"
# the texts are Markdown files whatever the tables' format
[ ! -d "$csv/tekster" ] || cp -r "$csv/tekster" "$work/xlsx/"

"$rapp" import "$csv" -o "$work/csv.db" >/dev/null || fail "CSV import failed"
"$rapp" import "$work/xlsx" -o "$work/lo.db" >/dev/null 2>"$work/err" && fail "the dates in case_number were taken"
grep -q "column 'case_number': the cell holds the date 26.12.2026, but 'case_number' is a code: store it as text.*; at decision.xlsx, sheet 'decision', cell B2, decision_status_change.xlsx, sheet 'decision_status_change', cell B2" "$work/err" ||
  fail "LibreOffice's date in a case number was not named: $(head -3 "$work/err")"

# case_number (column 2) as text: then everything imports as the CSV did
cp "$work/lo/text/decision.xlsx" "$work/lo/text/decision_status_change.xlsx" "$work/xlsx/"
"$rapp" import "$work/xlsx" -o "$work/lo.db" >/dev/null 2>"$work/err" ||
  fail "import of LibreOffice's files failed: $(head -5 "$work/err")"
sqlite3 "$work/csv.db" .dump >"$work/csv.sql"
sqlite3 "$work/lo.db" .dump >"$work/lo.sql"
compare "$work/csv.sql" "$work/lo.sql"
out=$("$rapp" check "$work/lo.db") || fail "check: $out"
[[ "$out" == *": no problems ("* ]] || fail "check said: $out"
# the files are LibreOffice's, with the codes stored as numbers
unzip -p "$work/xlsx/budget.xlsx" docProps/app.xml | grep -q LibreOffice || fail "budget.xlsx is not LibreOffice's"
unzip -p "$work/xlsx/budget.xlsx" xl/worksheets/sheet1.xml | grep -q '<c r="D2" s="[0-9]*" t="n"><v>10</v>' ||
  fail "LibreOffice did not store kostra_art 010 as the number 10"
echo ok
