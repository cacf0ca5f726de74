#!/usr/bin/env bash
# Tests of the sample municipality generator (samples/gen) and its committed output
# (samples/fjordvik). One mode per ctest test:
#   sample_test.sh regenerate GEN SAMPLES WORK  the default run equals samples/fjordvik byte for byte
#                                               (RAPP_UPDATE_SAMPLE=1 rewrites samples/fjordvik instead)
#   sample_test.sh scale GEN WORK               two runs with --scale 3 are identical and larger
#   sample_test.sh rules SCHEMA RULES SAMPLES WORK  sqlite3-shell load + every schema rule holds
#   sample_test.sh import RAPP SCHEMA SAMPLES WORK  `rapp import` accepts the sample, `rapp check`
#                                               passes, and every table holds exactly the rows the
#                                               independent sqlite3-shell loader (load_csv.sh) gets
set -euo pipefail
mode=$1
shift
fail() { echo "FAIL: $*" >&2; exit 1; }

case "$mode" in
  regenerate)
    gen=$1 samples=$2 work=$3
    rm -rf "$work" && mkdir -p "$work"
    "$gen" -o "$work/out"
    if [ "${RAPP_UPDATE_SAMPLE:-}" = 1 ]; then
      rm -rf "$samples" && mkdir -p "$samples" && cp -r "$work/out"/* "$samples"/
      echo "samples/fjordvik rewritten; review with git diff"
      exit 0
    fi
    if ! diff -r "$samples" "$work/out" > "$work/diff.txt"; then
      echo "The generator's default output differs from $samples (first differences below)." >&2
      echo "If the change is intended, run with RAPP_UPDATE_SAMPLE=1 and commit the new files." >&2
      head -n 20 "$work/diff.txt" >&2
      exit 1
    fi
    echo "ok: $(ls "$samples" | wc -l) files identical"
    ;;
  scale)
    gen=$1 work=$2
    rm -rf "$work" && mkdir -p "$work"
    "$gen" -o "$work/s1"
    "$gen" --scale 3 -o "$work/a"
    "$gen" --scale 3 -o "$work/b"
    "$gen" --scale 3 --seed 7 -o "$work/c"
    diff -r "$work/a" "$work/b" > "$work/diff.txt" || { head -n 20 "$work/diff.txt" >&2; fail "two --scale 3 runs differ"; }
    diff -rq "$work/a" "$work/c" > /dev/null && fail "--seed 7 gives the same output as --seed 1"
    for t in unit indicator decision deviation risk result budget; do
      n1=$(wc -l < "$work/s1/$t.csv") n3=$(wc -l < "$work/a/$t.csv")
      [ "$n3" -gt $((2 * n1)) ] || fail "$t.csv has $n3 lines at --scale 3 but $n1 at scale 1 (expected about 3x)"
    done
    "$gen" --scale 0 -o "$work/bad" 2> /dev/null && fail "--scale 0 was accepted"
    [ $? -eq 2 ] || true
    echo "ok: --scale 3 deterministic and about three times larger"
    ;;
  rules)
    schema=$1 rules=$2 samples=$3 work=$4
    rm -rf "$work" && mkdir -p "$work"
    bash "$(dirname "$0")/load_csv.sh" "$schema" "$samples" "$work/sample.db"
    sqlite3 "$work/sample.db" < "$rules" > "$work/violations.txt"
    if [ -s "$work/violations.txt" ]; then
      head -n 30 "$work/violations.txt" >&2
      fail "$(wc -l < "$work/violations.txt") rule violations in $samples"
    fi
    echo "ok: $(sqlite3 "$work/sample.db" "SELECT sum(n) FROM (SELECT count(*) n FROM result UNION ALL SELECT count(*) FROM budget UNION ALL SELECT count(*) FROM actual)") rows checked, no violations"
    ;;
  import)
    rapp=$1 schema=$2 samples=$3 work=$4
    rm -rf "$work" && mkdir -p "$work"
    "$rapp" import "$samples" -o "$work/fjordvik.db" || fail "rapp import rejected the sample"
    [ -f "$work/fjordvik.db" ] || fail "rapp import wrote no snapshot"
    "$rapp" check "$work/fjordvik.db" || fail "rapp check found problems in the imported sample"
    bash "$(dirname "$0")/load_csv.sh" "$schema" "$samples" "$work/reference.db"
    for t in period report_text $(cd "$samples" && ls *.csv | sed 's/\.csv$//'); do
      sqlite3 "$work/fjordvik.db" "SELECT * FROM $t" | LC_ALL=C sort > "$work/$t.rapp"
      sqlite3 "$work/reference.db" "SELECT * FROM $t" | LC_ALL=C sort > "$work/$t.ref"
      if ! diff "$work/$t.ref" "$work/$t.rapp" > "$work/$t.diff"; then
        head -n 10 "$work/$t.diff" >&2
        fail "$t: rapp import and the sqlite3-shell loader disagree (< loader, > rapp)"
      fi
    done
    echo "ok: the sample imports cleanly, rapp check passes, all tables match the reference load"
    ;;
  *) fail "unknown mode $mode" ;;
esac
