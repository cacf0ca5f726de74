#!/bin/sh
# bench/render_same.sh — nothing a reader sees changed between two builds (issue 15's
# optimisations): every standard report (sample municipality, default period) and
# bench/render_bench.lua (2 000 rows) run with both, the PDFs' text layers (pdftotext -layout)
# and the workbooks' cells, formats, fills and sheet settings (bench/xlsx_dump.py) compared.
# Usage: bench/render_same.sh OLD_RAPP NEW_RAPP      prints "same" per output or the diff; exit 1 on a difference
set -u
. "$(dirname "$0")/lib.sh"
old=$1 new=$2
"$new" import "$root/samples/fjordvik" -o "$work/snap.db" >/dev/null || exit 1
fail=0
for script in "$root"/reports/*.lua "$root/bench/render_bench.lua"; do
  name=$(basename "$script" .lua)
  extra=
  [ "$name" = render_bench ] && extra="--param rows=2000"
  [ "$name" = enhetsrapport ] && extra="--param unit=ENH3100"
  for side in old new; do
    eval bin=\$$side
    # shellcheck disable=SC2086
    "$bin" run "$script" --db "$work/snap.db" --out "$work/$side-$name" --format pdf,xlsx $extra \
      >/dev/null 2>"$work/$side-$name.err" || { echo "FAIL: $side $name: $(head -3 "$work/$side-$name.err")"; fail=1; }
    for f in "$work/$side-$name"/*.pdf; do pdftotext -layout "$f" "$f.txt"; done
    for f in "$work/$side-$name"/*.xlsx; do /usr/bin/python3 "$root/bench/xlsx_dump.py" "$f" >"$f.txt"; done
  done
  for f in "$work/old-$name"/*.txt; do
    g="$work/new-$name/$(basename "$f")"
    if cmp -s "$f" "$g"; then
      echo "same: $name $(basename "$f" .txt) ($(wc -l <"$f") lines)"
    else
      echo "DIFFERENT: $name $(basename "$f" .txt)"
      diff "$f" "$g" | head -20
      fail=1
    fi
  done
done
exit $fail
