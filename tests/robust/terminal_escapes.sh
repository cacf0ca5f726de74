#!/usr/bin/env bash
# Terminal escape sequences in a script's title and description reach `rapp list` and
# `rapp run SCRIPT --help` escaped (\x1b), never as raw control bytes that could retitle the
# window, clear the screen or hide text; Norwegian letters stay as they are.
#   terminal_escapes.sh RAPP
set -u
rapp=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0
mkdir "$work/reports"
cat >"$work/reports/esc.lua" <<'LUA'
local rapp = require("rapp")
return rapp.report {
  name = "esc",
  title = "Tittel\27]0;pwned\7 med \27[2J escape",
  description = "Beskrivelse\27[31m rød\r",
  params = { { name = "period", type = "period", kinds = { "year" } } },
  build = function(r, p) r.doc:paragraph("x") end,
}
LUA
check_output() { # NAME FILE
  if grep -q -P '[\x00-\x08\x0b-\x1f\x7f]' "$2"; then
    echo "FAIL $1: raw control bytes in the output:"; cat -A "$2" | head -5; fail=1
  elif ! grep -q -F 'esc: Tittel\x1b]0;pwned\x07 med \x1b[2J escape' "$2"; then
    echo "FAIL $1: the title is not shown escaped:"; cat -A "$2" | head -5; fail=1
  elif ! grep -q -F 'Beskrivelse\x1b[31m rød\r' "$2"; then
    echo "FAIL $1: the description is not shown escaped:"; cat -A "$2" | head -5; fail=1
  else
    echo "ok   $1: $(grep -F 'esc: ' "$2")"
  fi
}
"$rapp" list "$work/reports" >"$work/list.out" 2>"$work/list.err"
check_output list "$work/list.out"
"$rapp" run "$work/reports/esc.lua" --help >"$work/help.out" 2>"$work/help.err"
check_output run_help "$work/help.out"
# a script's error message (and the traceback's tabs kept) reaches stderr escaped too
cat >"$work/boom.lua" <<'LUA'
local function check(x) if not x then error("feil\27[2J her") end end
check(false)
LUA
sqlite3 "$work/empty.db" "PRAGMA user_version = 0;" 2>/dev/null
"$rapp" run "$work/boom.lua" --db "$work/empty.db" --out "$work/out" >/dev/null 2>"$work/run.err"
if grep -q -P '[\x00-\x08\x0b-\x1f\x7f]' "$work/run.err"; then
  echo "FAIL run_error: raw control bytes in the message:"; cat -A "$work/run.err" | head -5; fail=1
else
  if ! grep -q -F 'feil\x1b[2J her' "$work/run.err"; then
    echo "FAIL run_error: the message is not shown escaped:"; cat -A "$work/run.err" | head -5; fail=1
  elif ! grep -q -P '^\tboom.lua:1: in ' "$work/run.err"; then
    echo "FAIL run_error: the traceback lost its tab:"; cat -A "$work/run.err" | head -5; fail=1
  else
    echo "ok   run_error: $(head -n 1 "$work/run.err")"
  fi
fi
[ $fail -eq 0 ] && echo "terminal_escapes: all cases passed"
exit $fail
