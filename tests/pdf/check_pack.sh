#!/bin/sh
# tests/pdf/check_pack.sh RAPP SRC WORK — the packed page streams (src/pdf/pdf_pack.c: deflated
# while the layout runs and written into the file as they are) change no content: the quarterly
# report (cover, contents drawn after the layout, charts, running header and footer written onto
# packed pages) and a 3 000-row table (bench/render_bench.lua, 70 pages) are rendered with every
# page packed (the default) and with RAPP_PDF_PACK=0 (libharu's own streams, deflated at save).
# The bytes differ (a packed page's deflate restarts at what is drawn on it after the layout), so
# both are expanded by qpdf (every stream inflated, a fixed /ID) and must then be identical; qpdf
# --check finds no error in the packed one (every zlib stream, its Adler-32 included, is
# inflated), and the text layer of the first, a middle and the last page is checked too.
set -eu
rapp=$1 src=$2 work=$3
rm -rf "$work" && mkdir -p "$work"
export RAPP_HOME="$src" SOURCE_DATE_EPOCH=1790000000
"$rapp" import "$src/samples/fjordvik" -o "$work/snap.db" >/dev/null
fail=0
for spec in "reports/kvartalsrapport.lua" "bench/render_bench.lua --param rows=3000"; do
  # shellcheck disable=SC2086
  set -- $spec
  script=$1
  shift
  name=$(basename "$script" .lua)
  "$rapp" run "$src/$script" --db "$work/snap.db" --out "$work/packed-$name" --format pdf "$@" >/dev/null
  RAPP_PDF_PACK=0 "$rapp" run "$src/$script" --db "$work/snap.db" --out "$work/plain-$name" --format pdf "$@" >/dev/null
  for f in "$work/plain-$name"/*.pdf; do
    g="$work/packed-$name/$(basename "$f")"
    qpdf --check "$g" >"$work/check.txt" 2>&1 || { echo "FAIL: qpdf --check $g"; cat "$work/check.txt"; fail=1; }
    for h in "$f" "$g"; do
      qpdf --qdf --normalize-content=n --static-id --object-streams=disable "$h" "$h.qdf"
    done
    if cmp "$f.qdf" "$g.qdf"; then echo "same content: $(basename "$f")"; else fail=1; fi
    cmp -s "$f" "$g" && { echo "FAIL: $g is not packed (the same bytes as $f)"; fail=1; }
    pages=$(pdfinfo "$g" | sed -n 's/^Pages: *//p')
    [ "$pages" -ge 3 ] || { echo "FAIL: $g has $pages pages"; fail=1; }
    for p in 1 $((pages / 2)) "$pages"; do
      pdftotext -f "$p" -l "$p" "$g" "$work/p.txt"
      [ "$(tr -d ' \n\f' <"$work/p.txt" | wc -c)" -gt 20 ] || { echo "FAIL: $g page $p has no text"; fail=1; }
    done
  done
done
# The table's last rows and the footer of its last page are there.
pdftotext -layout "$work/packed-render_bench/render_bench.pdf" "$work/rb.txt"
grep -q "Enhet" "$work/rb.txt" || { echo "FAIL: no table rows in render_bench.pdf"; fail=1; }
last=$(pdfinfo "$work/packed-render_bench/render_bench.pdf" | sed -n 's/^Pages: *//p')
grep -q "Side $last av $last" "$work/rb.txt" || { echo "FAIL: no 'Side $last av $last' footer"; fail=1; }
exit $fail
