#!/usr/bin/env bash
# What a reader sees of the quarterly report (sample municipality, 2026-T2) against stored goldens:
# the PDF's text layer (pdftotext -layout) and every workbook cell's value, number format, font,
# fill, alignment and borders plus each sheet's panes, filter, print titles and footer
# (bench/xlsx_dump.py, openpyxl). Guards speed work in the renderers and the presentation step
# (issue 15), which must change none of it.
#   check_golden.sh RAPP SOURCE_DIR WORK_DIR [--update]   (--update rewrites the goldens; say so
#   in the commit when a change is meant)
set -u
rapp=$1 src=$2 work=$3 update=${4:-}
golden=$src/tests/e2e/golden
rm -rf "$work" && mkdir -p "$work"
export RAPP_HOME="$src" SOURCE_DATE_EPOCH=1790000000
"$rapp" import "$src/samples/fjordvik" -o "$work/fjordvik.db" >/dev/null || { echo "FAIL: import"; exit 1; }
"$rapp" run "$src/reports/kvartalsrapport.lua" --db "$work/fjordvik.db" --period 2026-T2 \
  --format pdf,xlsx --out "$work/out" >/dev/null 2>"$work/err" || { echo "FAIL: run: $(head -3 "$work/err")"; exit 1; }
pdftotext -layout "$work/out/kvartalsrapport-2026-T2.pdf" "$work/kvartalsrapport-2026-T2.pdf.txt" || exit 1
/usr/bin/python3 "$src/bench/xlsx_dump.py" "$work/out/kvartalsrapport-2026-T2.xlsx" \
  >"$work/kvartalsrapport-2026-T2.xlsx.txt" || exit 1
# the snapshot's checksum changes with every schema or index change, not with what the renderers
# do: the goldens hold a placeholder where the report prints the first 12 hex digits of the
# snapshot file's SHA-256 (computed here, so the printed one is still checked)
sum=$(sha256sum "$work/fjordvik.db" | cut -c1-12)
sed -i "s/$sum/SNAPSHOT-SHA/" "$work/kvartalsrapport-2026-T2.pdf.txt" "$work/kvartalsrapport-2026-T2.xlsx.txt"
fail=0
for f in kvartalsrapport-2026-T2.pdf.txt kvartalsrapport-2026-T2.xlsx.txt; do
  if [ "$update" = --update ]; then
    cp "$work/$f" "$golden/$f"
    echo "updated $golden/$f"
  elif ! diff -u "$golden/$f" "$work/$f" >"$work/$f.diff"; then
    echo "FAIL: $f differs from tests/e2e/golden/$f:"
    head -40 "$work/$f.diff"
    fail=1
  else
    echo "ok: $f ($(wc -l <"$golden/$f") lines) as in the golden"
  fi
done
exit $fail
