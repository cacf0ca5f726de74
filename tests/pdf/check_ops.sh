#!/usr/bin/env bash
# tests/pdf/check_ops.sh RAPP SRC WORK — the operators the PDF renderer writes itself
# (src/pdf/pdf_page.c: Td Tj, rg, RG, w, m l S, re f) are what libharu's operator functions write
# but for the strings' notation (literal instead of hex): every standard report in reports/
# (sample municipality, its default parameters: cover, contents, tables with statuses, charts,
# links) and a 3 000-row table (bench/render_bench.lua) are rendered with them and with
# RAPP_PDF_OPS=0 (libharu's functions for every operator), and tests/pdf/ops_same.py finds each
# pair byte-identical once the hex strings are rewritten as literal ones; the text layers
# (pdftotext) are identical too, and the own file is smaller.
set -u
rapp=$1 src=$2 work=$3
# shellcheck source=scripts/sample_args.sh
source "$src/scripts/sample_args.sh"
rm -rf "$work" && mkdir -p "$work"
export RAPP_HOME="$src" SOURCE_DATE_EPOCH=1790000000
"$rapp" import "$src/samples/fjordvik" -o "$work/snap.db" >/dev/null || { echo "FAIL: import"; exit 1; }
fail=0 n=0
render() { # name script args...: renders both ways into $work/{own,lib}-name
  local name=$1 script=$2
  shift 2
  "$rapp" run "$script" --db "$work/snap.db" --out "$work/own-$name" --format pdf "$@" >/dev/null 2>"$work/$name.err" &&
    RAPP_PDF_OPS=0 "$rapp" run "$script" --db "$work/snap.db" --out "$work/lib-$name" --format pdf "$@" >/dev/null 2>>"$work/$name.err" ||
    { echo "FAIL: $name did not run: $(head -3 "$work/$name.err")"; fail=1; return; }
  for f in "$work/lib-$name"/*.pdf; do
    g="$work/own-$name/$(basename "$f")"
    n=$((n + 1))
    /usr/bin/python3 "$src/tests/pdf/ops_same.py" "$f" "$g" || fail=1
    pdftotext -layout "$f" "$work/lib.txt" && pdftotext -layout "$g" "$work/own.txt" || fail=1
    cmp -s "$work/lib.txt" "$work/own.txt" || { echo "FAIL: text layer of $(basename "$g") differs"; fail=1; }
    [ "$(tr -d ' \n\f' <"$work/own.txt" | wc -c)" -gt 200 ] || { echo "FAIL: $g has no text"; fail=1; }
    [ "$(wc -c <"$g")" -lt "$(wc -c <"$f")" ] || { echo "FAIL: $g is not smaller than with hex strings"; fail=1; }
  done
}
for script in "$src"/reports/*.lua; do
  mapfile -t args < <(sample_args "$rapp" "$script")
  render "$(basename "$script" .lua)" "$script" "${args[@]}"
done
render render_bench "$src/bench/render_bench.lua" --param rows=3000
[ "$n" -ge 10 ] || { echo "FAIL: only $n PDFs compared"; fail=1; }
[ $fail -eq 0 ] && echo "ok: $n PDFs the same as with libharu's operator functions"
exit $fail
