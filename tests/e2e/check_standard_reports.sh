#!/usr/bin/env bash
# Every standard report in reports/, run on the sample municipality with its default period:
# the PDF passes the layout checker (tests/pdf/pdfcheck.py: qpdf, fonts, footer, TOC, nothing
# outside the page) and the workbook opens in LibreOffice (converted to PDF without an error).
#   check_standard_reports.sh RAPP SOURCE_DIR WORK_DIR [REPORT]
#   check_standard_reports.sh --libreoffice WORK_DIR DIR...
# With REPORT (a name in reports/) only that one, and its workbook is left in WORK_DIR/out for the
# --libreoffice run: ctest runs one test per report, in parallel (fixture std_xlsx), then
# e2e_standard_libreoffice opens the workbook in each DIR/out in one LibreOffice process (a start
# of soffice costs seconds of CPU, the workbook little).
set -u
# libreoffice WORK XLSX...: converts the workbooks to PDF in one soffice run; fails naming the ones
# LibreOffice could not open or convert
libreoffice() {
  local work=$1 lofail=0
  shift
  if ! command -v soffice >/dev/null; then
    echo "FAIL: soffice is not installed (scripts/setup.sh --tests installs it)"
    return 1
  fi
  local prof="$work/lo-profile"
  mkdir -p "$prof"
  # 540 s: nine workbooks take 25 s in CI, but over 300 s on a 2-core machine at load 22 (each
  # workbook converted, slowly); ctest's TIMEOUT for the test is 600 s
  local rc=0
  HOME="$prof" timeout 540 soffice "-env:UserInstallation=file://$prof/profile" --headless --norestore \
    --convert-to pdf --outdir "$work/lo" "$@" >"$work/lo.log" 2>&1 || rc=$?
  if [ $rc -eq 124 ]; then
    echo "FAIL: LibreOffice did not finish converting $# workbooks within 540 s (done: $(ls "$work/lo" 2>/dev/null | tr '\n' ' ')): $(cat "$work/lo.log")"
    return 1
  elif [ $rc -ne 0 ]; then
    echo "FAIL: LibreOffice could not open $* (exit $rc): $(cat "$work/lo.log")"
    return 1
  fi
  if grep -qi "error" "$work/lo.log"; then
    echo "FAIL: LibreOffice converting $*: $(cat "$work/lo.log")"
    lofail=1
  fi
  local xlsx
  for xlsx in "$@"; do
    if [ ! -s "$work/lo/$(basename "$xlsx" .xlsx).pdf" ]; then
      echo "FAIL: LibreOffice converting $xlsx: no PDF: $(cat "$work/lo.log")"
      lofail=1
    fi
  done
  return $lofail
}
if [ "${1:-}" = --libreoffice ]; then
  work=$2
  shift 2
  rm -rf "$work" && mkdir -p "$work"
  books=() fail=0
  for dir in "$@"; do
    mapfile -t found < <(ls "$dir"/out/*.xlsx 2>/dev/null)
    if [ ${#found[@]} -ne 1 ]; then
      echo "FAIL: $dir/out holds ${#found[@]} workbooks, not one (its e2e_standard_ test writes it)"
      fail=1
    fi
    books+=("${found[@]}")
  done
  [ ${#books[@]} -gt 0 ] || { echo "FAIL: no workbooks"; exit 1; }
  libreoffice "$work" "${books[@]}" || fail=1
  [ $fail -eq 0 ] && echo "ok: ${#books[@]} workbook(s) open in LibreOffice"
  exit $fail
fi
rapp=$1 src=$2 work=$3 only=${4:-}
# shellcheck source=scripts/sample_args.sh
source "$src/scripts/sample_args.sh"
fail=0
rm -rf "$work" && mkdir -p "$work/out"
"$rapp" import "$src/samples/fjordvik" -o "$work/fjordvik.db" >/dev/null || { echo "FAIL: import"; exit 1; }
n=0 books=()
for script in "$src"/reports/${only:-*}.lua; do
  [ -f "$script" ] || continue
  n=$((n + 1))
  name=$(basename "$script" .lua)
  mapfile -t args < <(sample_args "$rapp" "$script") # a unit report's unit, the saksframlegg's case
  if ! SOURCE_DATE_EPOCH=1790000000 "$rapp" run "$script" --db "$work/fjordvik.db" --out "$work/out" "${args[@]}" \
       --format pdf,xlsx >"$work/$name.paths" 2>"$work/$name.err"; then
    echo "FAIL: $name did not run: $(head -3 "$work/$name.err")"
    fail=1
    continue
  fi
  pdf=$(grep '\.pdf$' "$work/$name.paths") xlsx=$(grep '\.xlsx$' "$work/$name.paths")
  cover=--cover
  [ "$name" = saksframlegg ] && cover= # a case document starts with its header block, no cover
  if [ "$name" = saksframlegg ]; then
    # the header block prints the case (scripts/sample_args.sh), no "–" for a missing value
    page1=$(pdftotext -l 1 -layout "$pdf" -)
    row=$(grep -A1 'Saksbehandler' <<<"$page1" | tail -1) row2=$(grep -A1 'Utvalgssaksnr' <<<"$page1" | tail -1)
    for want in "Kari Nordmann" "151" "2026/1407"; do
      grep -qF "$want" <<<"$row" || { echo "FAIL: saksframlegg: '$want' not in the header row: $row"; fail=1; }
    done
    for want in "45/26" "15.10.2026"; do
      grep -qF "$want" <<<"$row2" || { echo "FAIL: saksframlegg: '$want' not in the second header row: $row2"; fail=1; }
    done
    case $row in *–*) echo "FAIL: saksframlegg: a '–' in the header row: $row"; fail=1 ;; esac
  fi
  /usr/bin/python3 "$src/tests/pdf/pdfcheck.py" $cover --family syntax,fonts,layout,bbox "$pdf" || fail=1
  books+=("$xlsx")
done
[ "$n" -gt 0 ] || { echo "FAIL: no reports in $src/reports"; fail=1; }
if [ -n "$only" ]; then # the workbook is opened by the --libreoffice run (e2e_standard_libreoffice)
  [ $fail -eq 0 ] && echo "ok: $only: PDF checks clean, workbook in $work/out"
  exit $fail
fi
[ ${#books[@]} -eq 0 ] || libreoffice "$work" "${books[@]}" || fail=1
[ $fail -eq 0 ] && echo "ok: $n standard report(s): PDF checks clean, workbooks open in LibreOffice"
exit $fail
