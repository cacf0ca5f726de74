#!/bin/sh
# bench/render_bench.sh — Rapp against the libraries themselves (issue 15): bench/render_bench.lua
# renders one table of N rows x 8 columns (its own SQL, which the floors run too) to PDF and to XLSX, and the
# floors bench/floor_pdf.c and bench/floor_xlsx.c write the same rows straight through libharu
# and libxlsxwriter. Runs are interleaved (Rapp, floor, Rapp, floor, ...) and each ratio is the
# median over REPS pairs of Rapp/floor, from CPU time (user + sys, /usr/bin/time -v: robust on a
# shared machine) and from wall time. Also prints pages, the per-page ratio (PDF) and peak RSS.
# Usage: bench/render_bench.sh [BUILD_DIR] [REPS] [N ...]   (default build/, 3, 10000 30000 100000)
set -eu
. "$(dirname "$0")/lib.sh"
build=${1:-$root/build}
reps=${2:-3}
[ $# -ge 2 ] && shift 2 || shift $#
sizes=${*:-10000 30000 100000}

"$build/rapp" import "$root/samples/fjordvik" -o "$work/snap.db" >/dev/null
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)  ($(nproc) cores)"

# measure LABEL CMD... : runs CMD under /usr/bin/time -v; appends "cpu wall rss_kb" to $work/LABEL.
measure() {
  label=$1
  shift
  /usr/bin/time -v "$@" >/dev/null 2>"$work/t" || { echo "failed: $*" >&2; head -5 "$work/t" >&2; exit 1; }
  awk -F': ' '/User time/ {u=$2} /System time/ {s=$2} /Maximum resident/ {m=$2}
    /Elapsed \(wall clock\)/ {n=split($2, a, ":"); w=0; for (i=1;i<=n;i++) w=w*60+a[i]}
    END {printf "%.3f %.3f %d\n", u+s, w, m}' "$work/t" >>"$work/$label"
}

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
# ratios COL A B: the median over pairs of A's column COL / B's.
ratios() { paste -d' ' "$work/$2" "$work/$3" | awk -v c="$1" '{print $c / $(c+3)}' | median; }
col() { awk -v c="$2" '{print $c}' "$work/$1" | median; }

printf '\n%-7s %-5s %9s %9s %8s %8s %7s %6s %9s %9s\n' N fmt "cpu Rapp" "cpu floor" "cpu x" "wall x" pages "page x" "RSS Rapp" "RSS floor"
for n in $sizes; do
  rm -f "$work"/rp "$work"/fp "$work"/rx "$work"/fx
  i=0
  while [ $i -lt "$reps" ]; do
    measure rp "$build/rapp" run "$root/bench/render_bench.lua" --db "$work/snap.db" --param rows="$n" \
      --format pdf --out "$work/out"
    measure fp "$build/floor_pdf" "$work/snap.db" "$root/bench/render_bench.lua" "$n" "$root/fonts" \
      "$work/floor.pdf"
    measure rx "$build/rapp" run "$root/bench/render_bench.lua" --db "$work/snap.db" --param rows="$n" \
      --format xlsx --out "$work/out"
    measure fx "$build/floor_xlsx" "$work/snap.db" "$root/bench/render_bench.lua" "$n" "$work/floor.xlsx"
    i=$((i + 1))
  done
  rpages=$(pdfinfo "$work/out/render_bench.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
  fpages=$(pdfinfo "$work/floor.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
  pdfx=$(ratios 1 rp fp)
  perpage=$(echo "$pdfx $rpages $fpages" | awk '{printf "%.2f", $1 * $3 / $2}')
  printf '%-7s %-5s %9s %9s %7.2fx %7.2fx %7s %5sx %6d MB %6d MB\n' "$n" pdf "$(col rp 1)" "$(col fp 1)" \
    "$pdfx" "$(ratios 2 rp fp)" "$rpages/$fpages" "$perpage" $(($(col rp 3) / 1024)) $(($(col fp 3) / 1024))
  printf '%-7s %-5s %9s %9s %7.2fx %7.2fx %7s %6s %6d MB %6d MB\n' "$n" xlsx "$(col rx 1)" "$(col fx 1)" \
    "$(ratios 1 rx fx)" "$(ratios 2 rx fx)" - - $(($(col rx 3) / 1024)) $(($(col fx 3) / 1024))
done
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)  (cpu: user+sys seconds, medians of $reps interleaved pairs)"
