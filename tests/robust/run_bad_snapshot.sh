#!/usr/bin/env bash
# Robustness of `rapp run` on snapshots that are not snapshots: text, an empty file, a directory,
# random bytes, copies of a real snapshot truncated at several sizes, an SQLite file without the
# schema. Each must exit 1 with a message naming the snapshot, write no output file, leave the
# snapshot byte for byte as it was (no journal or WAL beside it), and never crash (an exit code
# >= 128 or a sanitizer report fails the case).
#   run_bad_snapshot.sh RAPP SAMPLES_DIR PROJECT_DIR
set -u
rapp=$1
samples=$2
project=$3
. "$(dirname "$0")/lib.sh"
mkdir "$work/db"
if ! "$rapp" import "$samples" -o "$work/real.db" >/dev/null 2>"$work/stderr"; then
  echo "FAIL: could not import the sample"; cat "$work/stderr"; exit 1
fi
size=$(stat -c %s "$work/real.db")

case_() { # NAME PATTERN [EXIT]: runs the quarterly report on $work/db/NAME.db (exit 1 unless given)
  local name=$1 pattern=$2 want=${3:-1} db="$work/db/$1.db"
  local before
  before=$(if [ -f "$db" ]; then md5sum < "$db"; else echo dir; fi)
  local listing_before
  listing_before=$(ls -A "$work/db")
  rm -rf "$work/out"
  timeout 120 "$rapp" run "$project/reports/kvartalsrapport.lua" --db "$db" --period 2026-Q2 \
    --out "$work/out" >"$work/stdout" 2>"$work/stderr"
  local rc=$? bad=""
  [ "$rc" -eq "$want" ] || bad="exit code $rc, expected $want"
  if grep -q -E "AddressSanitizer|runtime error|LeakSanitizer" "$work/stderr"; then bad="sanitizer report"; fi
  grep -q -F -- "$db" "$work/stderr" || bad="${bad:+$bad; }the message does not name the snapshot"
  grep -q -E -- "$pattern" "$work/stderr" || bad="${bad:+$bad; }no message matching '$pattern'"
  [ -z "$(ls -A "$work/out" 2>/dev/null)" ] || bad="${bad:+$bad; }wrote: $(ls -A "$work/out" | tr '\n' ' ')"
  local after
  after=$(if [ -f "$db" ]; then md5sum < "$db"; else echo dir; fi)
  [ "$before" = "$after" ] || bad="${bad:+$bad; }the snapshot changed"
  [ "$listing_before" = "$(ls -A "$work/db")" ] || bad="${bad:+$bad; }files appeared beside the snapshot: $(ls -A "$work/db" | tr '\n' ' ')"
  if [ -n "$bad" ]; then
    echo "FAIL $name: $bad"
    head -c 600 "$work/stderr"
    echo
    fail=1
  else
    echo "ok   $name: $(head -n 1 "$work/stderr" | cut -c1-150)"
  fi
}

echo "this is not a database" > "$work/db/text.db"
case_ text 'not a snapshot'
: > "$work/db/empty.db"
case_ empty 'not a snapshot'
mkdir "$work/db/folder.db"
case_ folder 'not a snapshot'
head -c 8192 /dev/urandom > "$work/db/random.db"
case_ random 'not a snapshot'
for cut in 100 4096 65536 1000000 $((size - 4096)); do
  head -c $cut "$work/real.db" > "$work/db/cut_$cut.db"
  case_ "cut_$cut" 'malformed|not a snapshot'
done
# 400 kB: enough to reach pages the report reads (since the budget/actual indexes cover amount,
# the economy query no longer reads those tables' pages, which 100 kB at this offset hit)
{ head -c 1000000 "$work/real.db"; head -c 400000 /dev/urandom; tail -c +1400001 "$work/real.db"; } > "$work/db/garbled.db"
case_ garbled 'malformed|not a snapshot'
if command -v sqlite3 >/dev/null; then
  sqlite3 "$work/db/other.db" "CREATE TABLE x(a); INSERT INTO x VALUES (1);"
  case_ other 'schema version'
fi
rm -f "$work/db"/*.db 2>/dev/null
case_ missing 'cannot|does not exist|no such' 2 # a command-line error, like a missing --db

[ $fail -eq 0 ] && echo "run_bad_snapshot: all cases passed"
exit $fail
