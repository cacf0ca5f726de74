#!/bin/sh
# bench/kvartalsrapport_bench.sh — time and peak memory (/usr/bin/time -v) of reports/kvartalsrapport.lua
# (PDF and XLSX, 2026-T2) on the sample municipality and on `rapp-samplegen --scale 20`; CPU time
# (user + system) too, steadier than wall time on a shared machine. Then, from a RAPP_TRACE=1 run
# of each, the CPU ms per stage and the script queries' CPU summed. `scale20g` is the scale-20
# snapshot with the governance structure at the sample's size (the 80 indicators without a copy
# suffix "(N)", every 20th decision): the generator multiplies indicators and decisions with the
# scale, and they are 98 % of the scale-20 report's pages (bench/README.md).
# Last, issue 15's ratio: RUNS (default 9) interleaved runs on the sample and at scale 20, the
# medians of wall and CPU time and scale 20 / sample for each.
# Usage: [RUNS=N] bench/kvartalsrapport_bench.sh [BUILD_DIR]   (default build/, as scripts/setup.sh makes it)
set -eu
. "$(dirname "$0")/lib.sh"
build=${1:-$root/build}

run() { # label snapshot
  /usr/bin/time -v "$build/rapp" run "$root/reports/kvartalsrapport.lua" --db "$2" --period 2026-T2 \
    --out "$work/out-$1" >/dev/null 2>"$work/time-$1"
  secs=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time-$1")
  kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time-$1")
  cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {printf "%.2f s", s}' "$work/time-$1")
  pages=$(pdfinfo "$work/out-$1"/kvartalsrapport-2026-T2.pdf | sed -n 's/^Pages: *//p')
  size=$(du -k "$work/out-$1"/kvartalsrapport-2026-T2.pdf "$work/out-$1"/kvartalsrapport-2026-T2.xlsx | awk '{s=s $1 " kB "} END {print s}')
  rows=$(sqlite3 "$2" "SELECT (SELECT count(*) FROM result) || ' results, ' || (SELECT count(*) FROM actual) || ' actual rows, ' || (SELECT count(*) FROM unit) || ' units'")
  printf '%-10s %s wall, %s CPU, peak RSS %s MB, %s pages, PDF/XLSX %s (%s)\n' "$1" "$secs" "$cpu" "$((kb / 1024))" "$pages" "$size" "$rows"
}

"$build/rapp" import "$root/samples/fjordvik" -o "$work/sample.db" >/dev/null
run sample "$work/sample.db"
"$build/rapp-samplegen" --scale 20 -o "$work/scale20" >/dev/null
"$build/rapp" import "$work/scale20" -o "$work/scale20.db" >/dev/null
run scale20 "$work/scale20.db"
cp "$work/scale20.db" "$work/scale20g.db"
sqlite3 "$work/scale20g.db" "PRAGMA foreign_keys = OFF;
  DELETE FROM result WHERE indicator_code IN (SELECT code FROM indicator WHERE name LIKE '%(%)');
  DELETE FROM target WHERE indicator_code IN (SELECT code FROM indicator WHERE name LIKE '%(%)');
  DELETE FROM indicator WHERE name LIKE '%(%)';
  DELETE FROM decision WHERE rowid % 20 <> 0;
  DELETE FROM decision_status_change WHERE NOT EXISTS (SELECT 1 FROM decision d
    WHERE d.body_code = decision_status_change.body_code AND d.case_number = decision_status_change.case_number);
  VACUUM;"
run scale20g "$work/scale20g.db"

stages() { # label snapshot: CPU ms per stage (RAPP_TRACE=1), and the script queries' CPU summed
  RAPP_TRACE=1 "$build/rapp" run "$root/reports/kvartalsrapport.lua" --db "$2" --period 2026-T2 \
    --out "$work/trace-$1" 2>&1 >/dev/null |
    awk -v l="$1" '/^rapp-trace:/ {s = s " " $2 " " int($4 + 0.5)} /^rapp: query/ {q += $3; n++}
      END {printf "%-10s CPU ms:%s; %d queries %d ms\n", l, s, n, q + 0.5}'
}
stages sample "$work/sample.db"
stages scale20 "$work/scale20.db"
stages scale20g "$work/scale20g.db"

# Issue 15's goal, scale 20 against the sample: RUNS (default 9) interleaved runs of each, the
# medians of wall time ($EPOCHREALTIME around the command) and CPU time (bash's `times`: user +
# system of the run, every process and thread of it), and their ratios; and the same for
# scale20g, whose document is the sample's (what the data volume alone costs).
runs=${RUNS:-9}
timed() { # snapshot -> "wall_ms cpu_ms" (times: the shell's own line, then its children's)
  LC_ALL=C bash -c 't0=$EPOCHREALTIME; "$@" >/dev/null 2>&1; t1=$EPOCHREALTIME; echo "$t0 $t1"; times' \
    _ "$build/rapp" run "$root/reports/kvartalsrapport.lua" --db "$1" --period 2026-T2 --out "$work/ratio" |
    awk 'NR == 1 {w = 1000 * ($2 - $1)} NR == 3 {split($1, u, /[ms]/); split($2, s, /[ms]/)
      printf "%.1f %.0f\n", w, 1000 * (60 * (u[1] + s[1]) + u[2] + s[2])}'
}
i=0
while [ $i -lt "$runs" ]; do
  echo "sample $(timed "$work/sample.db")"
  echo "scale20 $(timed "$work/scale20.db")"
  echo "scale20g $(timed "$work/scale20g.db")"
  i=$((i + 1))
done > "$work/ratio.txt"
awk -v n="$runs" '
  function median(a, k,   i, j, t) { for (i = 2; i <= k; i++) for (j = i; j > 1 && a[j-1] > a[j]; j--) { t = a[j]; a[j] = a[j-1]; a[j-1] = t }
    return k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2 }
  { c[$1]++; w[$1, c[$1]] = $2; u[$1, c[$1]] = $3 }
  END {
    for (i = 1; i <= n; i++) { sw[i] = w["sample", i]; su[i] = u["sample", i]; bw[i] = w["scale20", i]; bu[i] = u["scale20", i]
      gw[i] = w["scale20g", i]; gu[i] = u["scale20g", i] }
    a = median(sw, n); b = median(bw, n); x = median(su, n); y = median(bu, n); g = median(gw, n); h = median(gu, n)
    printf "scale 20 / sample, medians of %d interleaved runs: wall %.1f / %.1f ms = %.2fx; CPU %.0f / %.0f ms = %.2fx (issue 15: <= 3x)\n", n, b, a, b / a, y, x, y / x
    printf "scale20g / sample (the sample'"'"'s 37 pages over scale 20'"'"'s data): wall %.1f / %.1f ms = %.2fx; CPU %.0f / %.0f ms = %.2fx\n", g, a, g / a, h, x, h / x
  }' "$work/ratio.txt"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
