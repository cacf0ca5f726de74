#!/usr/bin/env bash
# bench/chart_same.sh — the charts look the same from two builds (the chart layout step of issue
# 15 must not move a pixel): renders with each build's rapp what the HTML tests render
# (tests/html/make_outputs.sh: all_blocks.lua with every chart kind on the Lua fixture as
# pdf/html/txt, every standard report on the sample as pdf/html), tests/lua_chart/diagrammer.lua
# and the chart test's charts.pdf (tests/chart), then compares every PDF page rasterised with
# `pdftoppm -r 60 -png` byte for byte, every PDF's text layer (pdftotext -layout) and every HTML
# and text file byte for byte.
# Usage: bench/chart_same.sh OLD_BUILD_DIR NEW_BUILD_DIR   prints "same"/"DIFFERENT" per file and
# a count; exit 1 on a difference.
set -u
. "$(dirname "$0")/lib.sh"
old=$(cd "$1" && pwd) new=$(cd "$2" && pwd)
for side in old new; do
  eval b=\$$side
  bash "$root/tests/html/make_outputs.sh" "$b/rapp" "$root" "$work/$side" >/dev/null ||
    { echo "FAIL: make_outputs.sh with $b"; exit 1; }
  mkdir -p "$work/$side/lc" "$work/$side/ct"
  cp "$work/$side/fixture.db" "$work/$side/lc/snap.db"
  (cd "$work/$side" && "$b/rapp" run "$root/tests/lua_chart/diagrammer.lua" --db lc/snap.db \
    --out lc --period 2026-T2 --format pdf,html >/dev/null 2>&1) || { echo "FAIL: diagrammer.lua"; exit 1; }
  (cd "$root" && "$b/tests/chart/chart_render_test" "$work/$side/ct" >/dev/null 2>&1) ||
    { echo "FAIL: chart_render_test of $b"; exit 1; }
  rm -f "$work/$side"/*/snap.db "$work/$side"/std/*.db "$work/$side"/*.db "$work/$side"/ct/*.xlsx
  find "$work/$side" -name '*.pdf' | while read -r f; do
    pdftoppm -r 60 -png "$f" "$f.page" 2>/dev/null
    pdftotext -layout "$f" "$f.txt" 2>/dev/null
  done
done
n=0 diff=0
while read -r f; do
  rel=${f#"$work/old/"}
  case "$rel" in *.pdf | *.lua | *.png.* | *err) continue ;; esac
  n=$((n + 1))
  if cmp -s "$f" "$work/new/$rel"; then
    echo "same: $rel"
  else
    echo "DIFFERENT: $rel"
    diff=$((diff + 1))
  fi
done < <(find "$work/old" -type f \( -name '*.png' -o -name '*.txt' -o -name '*.html' \) | sort)
pages=$(find "$work/old" -name '*.png' | wc -l)
pdfs=0 pdfsame=0
while read -r f; do
  pdfs=$((pdfs + 1))
  cmp -s "$f" "$work/new/${f#"$work/old/"}" && pdfsame=$((pdfsame + 1))
done < <(find "$work/old" -name '*.pdf')
echo "$n files compared ($pages PDF pages at 60 dpi), $diff different; PDF files byte-identical: $pdfsame of $pdfs"
[ "$(find "$work/new" -type f \( -name '*.png' -o -name '*.txt' -o -name '*.html' \) | wc -l)" = "$n" ] ||
  { echo "DIFFERENT: the builds wrote a different number of files"; exit 1; }
[ "$diff" = 0 ]
