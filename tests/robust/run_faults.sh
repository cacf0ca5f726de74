#!/usr/bin/env bash
# Faults around a run (issue 16, defects 8 and 11): a file size limit (ulimit -f) ends the run
# with exit 1 and a message naming the output file, not "died (signal 25)"; a FIFO as --db is
# refused at once (exit 2), not after the time limit; a WAL-mode snapshot is read without -wal or
# -shm files appearing beside it, and one whose -wal file holds changes is refused with the
# command that converts it. Every case: no crash, no output left behind, the snapshot unchanged.
#   run_faults.sh RAPP SAMPLES_DIR PROJECT_DIR
set -u
rapp=$1
samples=$2
project=$3
. "$(dirname "$0")/lib.sh"
import_sample "$samples"

report() { # NAME BAD
  local bad=$2
  grep -q -E "AddressSanitizer|runtime error|LeakSanitizer" "$work/stderr" && bad="${bad:+$bad; }sanitizer report"
  if [ -n "$bad" ]; then
    echo "FAIL $1: $bad"
    head -c 600 "$work/stderr"; echo
    fail=1
  else
    echo "ok   $1: $(head -n 1 "$work/stderr" | cut -c1-200)"
  fi
}

# ulimit -f: the PDF and the text dump of a long document are larger than 50 KB; at 3 MB with two
# formats the PDF (4 MB) fails and the workbook (1.4 MB) is written, whether the PDF is the first
# format (the child's own thread writes it) or the second (the second render thread writes it,
# engine.c "two at a time"). Each case: exit 1, the failing file and the limit named, no other
# output named, no signal, and no file left behind. Cases are "limit(KB) formats failing-format".
while read -r limit fmts failing; do
  rm -rf "$work/out"
  (ulimit -f "$limit"; exec "$rapp" run "$here/scripts/long_document.lua" --db "$work/f.db" \
    --out "$work/out" --format "$fmts" >"$work/stdout" 2>"$work/stderr")
  rc=$? bad=""
  [ "$rc" -eq 1 ] || bad="exit code $rc, expected 1"
  grep -q -F "$work/out/langt.$failing: " "$work/stderr" || bad="${bad:+$bad; }the message does not name $work/out/langt.$failing"
  grep -q -F "ulimit -f" "$work/stderr" || bad="${bad:+$bad; }the message does not name the file size limit"
  for fmt in ${fmts//,/ }; do
    [ "$fmt" != "$failing" ] && grep -q -F "langt.$fmt" "$work/stderr" &&
      bad="${bad:+$bad; }the message names langt.$fmt, which was written"
  done
  grep -q "signal" "$work/stderr" && bad="${bad:+$bad; }the report process died of a signal"
  [ -z "$(ls -A "$work/out" 2>/dev/null)" ] || bad="${bad:+$bad; }left: $(ls -A "$work/out" | tr '\n' ' ')"
  report "ulimit_f_${fmts/,/_}" "$bad"
done <<'CASES'
50 pdf pdf
50 txt txt
3000 pdf,xlsx pdf
3000 xlsx,pdf pdf
CASES

run_report() { # DB: the quarterly report on DB into $work/out (rc in $rc, seconds in $secs)
  rm -rf "$work/out"
  local start=$SECONDS
  timeout 60 "$rapp" run "$project/reports/kvartalsrapport.lua" --db "$1" --period 2026-Q2 \
    --out "$work/out" --time-limit 20 >"$work/stdout" 2>"$work/stderr"
  rc=$?
  secs=$((SECONDS - start))
}

# A FIFO nobody writes to.
mkdir "$work/fifo"
mkfifo "$work/fifo/snapshot.db"
run_report "$work/fifo/snapshot.db"
bad=""
[ "$rc" -eq 2 ] || bad="exit code $rc, expected 2"
[ "$secs" -le 5 ] || bad="${bad:+$bad; }took $secs s"
grep -q -F -- "--db '$work/fifo/snapshot.db' is a FIFO" "$work/stderr" || bad="${bad:+$bad; }the message does not say the snapshot is a FIFO"
[ -z "$(ls -A "$work/out" 2>/dev/null)" ] || bad="${bad:+$bad; }wrote: $(ls -A "$work/out" | tr '\n' ' ')"
report fifo_db "$bad"

# A snapshot in WAL mode, with no -wal file: read as it is, nothing created beside it.
mkdir "$work/wal"
cp "$work/f.db" "$work/wal/snapshot.db"
/usr/bin/python3 -c 'import sqlite3, sys
c = sqlite3.connect(sys.argv[1]); c.execute("PRAGMA journal_mode=WAL"); c.close()' "$work/wal/snapshot.db"
before=$(md5sum < "$work/wal/snapshot.db")
listing=$(ls -A "$work/wal")
run_report "$work/wal/snapshot.db"
bad=""
[ "$rc" -eq 0 ] || bad="exit code $rc, expected 0"
[ -s "$work/out/kvartalsrapport-2026-Q2.pdf" ] || bad="${bad:+$bad; }no PDF written"
[ "$listing" = "$(ls -A "$work/wal")" ] || bad="${bad:+$bad; }files appeared beside the snapshot: $(ls -A "$work/wal" | tr '\n' ' ')"
[ "$before" = "$(md5sum < "$work/wal/snapshot.db")" ] || bad="${bad:+$bad; }the snapshot changed"
report wal_snapshot "$bad"

# A WAL-mode snapshot whose -wal file holds a change not yet in the file: refused.
mkdir "$work/walp"
cp "$work/f.db" "$work/walp/src.db"
/usr/bin/python3 -c 'import shutil, sqlite3, sys
d = sys.argv[1]
c = sqlite3.connect(d + "/src.db", isolation_level=None)
c.execute("PRAGMA journal_mode=WAL"); c.execute("PRAGMA wal_autocheckpoint=0")
c.execute("UPDATE area SET name = name || char(120)")
shutil.copy(d + "/src.db", d + "/snapshot.db"); shutil.copy(d + "/src.db-wal", d + "/snapshot.db-wal")
c.close()' "$work/walp"
rm -f "$work/walp"/src.db*
before=$(cat "$work/walp/snapshot.db" "$work/walp/snapshot.db-wal" | md5sum)
listing=$(ls -A "$work/walp")
run_report "$work/walp/snapshot.db"
bad=""
[ "$rc" -eq 1 ] || bad="exit code $rc, expected 1"
grep -q -F "sqlite3 '$work/walp/snapshot.db' 'PRAGMA journal_mode=DELETE'" "$work/stderr" || bad="${bad:+$bad; }the message does not give the command that converts it"
[ "$listing" = "$(ls -A "$work/walp")" ] || bad="${bad:+$bad; }files appeared beside the snapshot: $(ls -A "$work/walp" | tr '\n' ' ')"
[ "$before" = "$(cat "$work/walp/snapshot.db" "$work/walp/snapshot.db-wal" | md5sum)" ] || bad="${bad:+$bad; }the snapshot changed"
[ -z "$(ls -A "$work/out" 2>/dev/null)" ] || bad="${bad:+$bad; }wrote: $(ls -A "$work/out" | tr '\n' ' ')"
report wal_pending "$bad"

[ $fail -eq 0 ] && echo "run_faults: all cases passed"
exit $fail
