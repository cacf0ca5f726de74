#!/usr/bin/env bash
# `rapp import` and `rapp check` under faults (issue 16): a file size limit (ulimit -f), SIGTERM,
# SIGINT and SIGHUP during an import, CSV "files" that are a FIFO, a link to /dev/zero, a device
# or too big, -o inside the input folder or equal to an input, `rapp check` on a snapshot with an
# endless recursive view and on one too big for its --time-limit, and `rapp run` on an SQLite
# file at the current user_version without the schema. Each case asserts the exit code, the message, that
# no temporary file is left and that the inputs are unchanged; `timeout` turns a hang into a
# failure.
#   import_faults.sh RAPP SAMPLES_DIR PROJECT_DIR
set -u
rapp=$1
samples=$2
project=$3
. "$(dirname "$0")/lib.sh"

ok() { echo "ok   $1"; }
bad() {
  echo "FAIL $1: $2"
  [ -f "$work/stderr" ] && head -c 600 "$work/stderr" && echo
  fail=1
}
# no_temp DIR: no temporary snapshot file in DIR
no_temp() { [ -z "$(find "$1" -maxdepth 1 -name '.*.tmp-*' | head -1)" ]; }
# tree_sum DIR: one checksum of every file's name and bytes in DIR
tree_sum() { (cd "$1" && find . -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum); }

cp -r "$samples" "$work/in"
mkdir "$work/out"

# --- a file size limit: an error naming the snapshot, exit 1, nothing left ---
(ulimit -f 64 && exec timeout 60 "$rapp" import "$work/in" -o "$work/out/s.db") >"$work/stdout" 2>"$work/stderr"
rc=$?
if [ $rc -ne 1 ]; then bad ulimit_f "exit code $rc, expected 1 (153 = killed by SIGXFSZ)"
elif ! grep -q "cannot write the snapshot '$work/out/s.db'" "$work/stderr"; then bad ulimit_f "message does not name the snapshot"
elif [ -n "$(ls -A "$work/out")" ]; then bad ulimit_f "left: $(ls -A "$work/out" | tr '\n' ' ')"
else ok "ulimit_f: $(head -n 1 "$work/stderr")"; fi

# --- signals during an import of a big folder (about 500 000 budget rows: seconds of work) ---
cp -r "$samples" "$work/big"
{ head -n 1 "$samples/budget.csv"; for _ in $(seq 50); do tail -n +2 "$samples/budget.csv"; done; } >"$work/big/budget.csv"
for sig in TERM INT HUP; do
  rm -rf "$work/out" && mkdir "$work/out"
  # a background job of a script starts with SIGINT ignored; give it the default back
  env --default-signal=INT timeout 120 "$rapp" import "$work/big" -o "$work/out/s.db" >/dev/null 2>"$work/stderr" &
  pid=$!
  for _ in $(seq 400); do # until the temporary file exists: the import is under way
    [ -n "$(find "$work/out" -name '.s.db.tmp-*' | head -1)" ] && break
    sleep 0.02
  done
  seen=$(find "$work/out" -name '.s.db.tmp-*' | head -1)
  sleep 0.2
  pkill -"$sig" -P "$pid" -x rapp 2>/dev/null || kill -"$sig" "$pid"
  wait "$pid"
  rc=$?
  if [ -z "$seen" ]; then bad "signal_$sig" "the temporary file never appeared (import too fast?)"
  elif [ -e "$work/out/s.db" ]; then bad "signal_$sig" "the import finished before the signal (rc $rc); make the input bigger"
  elif ! no_temp "$work/out"; then bad "signal_$sig" "temporary file left: $(ls -A "$work/out")"
  elif [ $rc -lt 128 ]; then bad "signal_$sig" "exit code $rc: not ended by the signal"
  else ok "signal_$sig: exit $rc, $(basename "$seen") removed"; fi
done

# --- inputs that are not regular files: refused at once with the file's name ---
case_input() { # NAME PATTERN SETUP: SETUP replaces unit.csv in a copy of the sample
  local name=$1 pattern=$2
  rm -rf "$work/in2" "$work/out" && cp -r "$samples" "$work/in2" && mkdir "$work/out"
  rm "$work/in2/unit.csv"
  (cd "$work/in2" && eval "$3") || { bad "$name" "setup failed"; return; }
  timeout 20 "$rapp" import "$work/in2" -o "$work/out/s.db" >"$work/stdout" 2>"$work/stderr"
  local rc=$?
  if [ $rc -ne 1 ]; then bad "$name" "exit code $rc, expected 1 (124 = hung)"
  elif ! grep -q -E -- "$pattern" "$work/stderr"; then bad "$name" "no message matching '$pattern'"
  elif [ -n "$(ls -A "$work/out")" ]; then bad "$name" "left: $(ls -A "$work/out" | tr '\n' ' ')"
  else ok "$name: $(head -n 1 "$work/stderr")"; fi
}
case_input fifo '^unit\.csv: is a FIFO \(named pipe\), not a regular file' 'mkfifo unit.csv'
case_input link_to_dev_zero '^unit\.csv: is a character device, not a regular file' 'ln -s /dev/zero unit.csv'
case_input link_to_dev_null '^unit\.csv: is a character device' 'ln -s /dev/null unit.csv'
case_input folder '^unit\.csv: is a folder, not a regular file' 'mkdir unit.csv'
case_input dangling_link '^unit\.csv: missing file' 'ln -s nowhere.csv unit.csv'
case_input too_big '^unit\.csv: 1073741825 bytes, more than the 1073741824' 'truncate -s 1073741825 unit.csv'
# a link to a regular file is followed (documented in docs/schema.md)
case_input link_to_file_followed '^unit\.csv:3: column .code.' \
  'printf "code;area_code;name;kind;head;sort_order\nSTAB1;STAB;Stab;stab;;1\nSTAB1;STAB;Stab;stab;;2\n" > ../real_unit.csv && ln -s ../real_unit.csv unit.csv'

# --- -o may not replace an input ---
before=$(tree_sum "$work/in")
case_output() { # NAME OUT PATTERN
  timeout 60 "$rapp" import "$work/in" -o "$2" >"$work/stdout" 2>"$work/stderr"
  local rc=$?
  if [ $rc -ne 2 ]; then bad "$1" "exit code $rc, expected 2"
  elif ! grep -q -E -- "$3" "$work/stderr"; then bad "$1" "no message matching '$3'"
  elif [ "$before" != "$(tree_sum "$work/in")" ]; then bad "$1" "the input folder changed"
  elif ! no_temp "$work/in"; then bad "$1" "temporary file left in the input folder"
  else ok "$1: $(head -n 1 "$work/stderr")"; fi
}
case_output output_is_input "$work/in/area.csv" "-o '.*/in/area.csv' is inside the input folder"
case_output output_in_input_folder "$work/in/snapshot.db" "is inside the input folder"
case_output output_in_new_subfolder "$work/in/new/snapshot.db" "is inside the input folder"
case_output output_via_dotdot "$work/out/../in/x.db" "is inside the input folder"
ln -s "$work/in/area.csv" "$work/area-link.db"
case_output output_links_to_input "$work/area-link.db" "is the input file '.*/in/area.csv'"
case_output output_is_input_folder "$work/in" "is the input folder itself"

# --- rapp check: an endless view in a table's place, a snapshot too big for the time limit ---
command -v sqlite3 >/dev/null || { echo "FAIL: the sqlite3 shell is needed"; exit 1; }
"$rapp" import "$samples" -o "$work/snap.db" >/dev/null 2>&1 || { echo "FAIL: the sample does not import"; exit 1; }
cp "$work/snap.db" "$work/view.db"
sqlite3 "$work/view.db" "ALTER TABLE deviation RENAME TO deviation_data;
  CREATE VIEW deviation AS WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r)
  SELECT d.* FROM r, deviation_data d;"
start=$(date +%s.%N)
timeout 30 "$rapp" check "$work/view.db" --time-limit 2 >"$work/stdout" 2>"$work/stderr"
rc=$?
took=$(echo "$(date +%s.%N) - $start" | bc)
if [ $rc -ne 1 ]; then bad check_endless_view "exit code $rc, expected 1 (124 = hung)"
elif ! grep -q "^table 'deviation': is a view in the snapshot, not a table" "$work/stderr"; then bad check_endless_view "no message about the view"
elif [ "$(echo "$took > 2.5" | bc)" = 1 ]; then bad check_endless_view "took $took s with --time-limit 2"
else ok "check_endless_view: exit 1 in $took s: $(head -n 1 "$work/stderr")"; fi
# the run's connection refuses the same snapshot as not having the schema's tables
timeout 60 "$rapp" run "$project/reports/kvartalsrapport.lua" --db "$work/view.db" --period 2026-Q2 \
  --out "$work/runout" >"$work/stdout" 2>"$work/stderr"
rc=$?
if [ $rc -ne 1 ]; then bad run_endless_view "exit code $rc, expected 1"
elif ! grep -q "'$work/view.db' is not a schema version 4 snapshot: table 'deviation': is a view" "$work/stderr"; then bad run_endless_view "no schema message"
else ok "run_endless_view: $(head -n 1 "$work/stderr" | cut -c1-150)"; fi

cp "$work/snap.db" "$work/big.db"
sqlite3 "$work/big.db" "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r LIMIT 300000)
  INSERT INTO budget SELECT b.unit_code, b.month, b.kostra_function, b.kostra_art, b.amount + r.n
  FROM r, (SELECT * FROM budget LIMIT 1) b;"
before=$(sha256sum <"$work/big.db")
start=$(date +%s.%N)
timeout 60 "$rapp" check "$work/big.db" --time-limit 0.3 >"$work/stdout" 2>"$work/stderr"
rc=$?
took=$(echo "$(date +%s.%N) - $start" | bc)
if [ $rc -ne 1 ]; then bad check_time_limit "exit code $rc, expected 1"
elif ! grep -q "^rapp check: the check of '$work/big.db' ran longer than 0.3 seconds (stopped while .*); .*--time-limit SECONDS$" "$work/stderr"; then
  bad check_time_limit "no time-limit message"
elif [ "$(echo "$took > 5" | bc)" = 1 ]; then bad check_time_limit "took $took s with --time-limit 0.3"
elif [ "$before" != "$(sha256sum <"$work/big.db")" ]; then bad check_time_limit "the snapshot changed"
else ok "check_time_limit: exit 1 in $took s: $(head -n 1 "$work/stderr" | cut -c1-150)"; fi

# --- an SQLite file at the current user_version without the schema: named as such, not as a query error ---
sqlite3 "$work/other.db" "CREATE TABLE x(a); PRAGMA user_version = 4;"
timeout 60 "$rapp" run "$project/reports/kvartalsrapport.lua" --db "$work/other.db" --period 2026-Q2 \
  --out "$work/runout" >"$work/stdout" 2>"$work/stderr"
rc=$?
if [ $rc -ne 1 ]; then bad run_wrong_schema "exit code $rc, expected 1"
elif ! grep -q "'$work/other.db' is not a schema version 4 snapshot: table 'municipality': missing from the snapshot (and [0-9]* more problems); 'rapp check $work/other.db' lists what is wrong" "$work/stderr"; then
  bad run_wrong_schema "no schema message"
elif [ -e "$work/runout" ] && [ -n "$(ls -A "$work/runout")" ]; then bad run_wrong_schema "wrote output"
else ok "run_wrong_schema: $(head -n 1 "$work/stderr" | cut -c1-150)"; fi

[ $fail -eq 0 ] && echo "import_faults: all cases passed"
exit $fail
