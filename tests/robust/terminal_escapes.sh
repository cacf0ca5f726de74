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
# What a script prints, the error it raises (with data in it) and a broken script's error in
# `rapp list`: escaped too, the traceback's tabs and newlines kept.
cat >"$work/boom.lua" <<'LUA'
local rapp = require("rapp")
return rapp.report {
  name = "boom", title = "Boom", formats = { "txt" },
  build = function(r) print("utskrift\27[2J", "neste") error("feil\27]0;pwned\7 her") end,
}
LUA
printf 'local rapp = require("rapp")\nerror("defekt\\27[2J skript")\nreturn rapp.report {}\n' >"$work/reports/broken.lua"
"$rapp" list "$work/reports" >/dev/null 2>"$work/list_broken.err"
check_stderr() { # NAME FILE WANTED
  if grep -q -P '[\x00-\x08\x0b-\x1f\x7f]' "$2"; then
    echo "FAIL $1: raw control bytes in the messages:"; cat -A "$2" | head -5; fail=1
  elif ! grep -q -F -- "$3" "$2"; then
    echo "FAIL $1: '$3' is not in the messages:"; cat -A "$2" | head -5; fail=1
  else
    echo "ok   $1: $(grep -F -- "$3" "$2" | head -1)"
  fi
}
db="$work/snap.db"
"$rapp" import "$(dirname "$0")/../../samples/fjordvik" -o "$db" >/dev/null || { echo "FAIL import"; exit 1; }
"$rapp" run "$work/boom.lua" --db "$db" --out "$work/out" >/dev/null 2>"$work/run.err"
check_stderr run_error "$work/run.err" 'boom.lua:4: feil\x1b]0;pwned\x07 her'
check_stderr run_print "$work/run.err" "$(printf 'utskrift\\x1b[2J\tneste')"
check_stderr run_traceback "$work/run.err" "$(printf '\tboom.lua:4: in function')"
check_stderr list_error "$work/list_broken.err" 'broken.lua:2: defekt\x1b[2J skript'
[ $fail -eq 0 ] && echo "terminal_escapes: all cases passed"
exit $fail
