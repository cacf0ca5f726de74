#!/usr/bin/env bash
# An interrupted run leaves nothing behind (issue 16, defect 6): while a long document is being
# written, the test sends SIGINT to the process group (Ctrl-C), SIGTERM or SIGHUP to rapp, or
# SIGKILL to rapp. rapp must die of that signal (exit 128 + signal), its report process must be
# gone (it dies with its parent), and the output folder must hold nothing: no temporary file or
# folder, no output. A signal the caller ignores (nohup) stays ignored.
#   run_interrupt.sh RAPP SAMPLES_DIR
set -u
rapp=$1
samples=$2
. "$(dirname "$0")/lib.sh"
import_sample "$samples"

group_alive() { ps -e -o pgid= | awk -v g="$1" '$1 == g { found = 1 } END { exit !found }'; }

case_() { # NAME SIGNAL TARGET(group|parent) EXPECTED_EXIT [IGNORED_SIGNAL]
  local name=$1 sig=$2 target=$3 want=$4 ignored=${5:-} bad=""
  rm -rf "$work/out"
  mkdir "$work/out"
  # its own process group (setsid; when the shell already made it a group leader, that one), with
  # SIGINT and SIGHUP not ignored (a shell without job control starts background jobs ignoring
  # SIGINT, and rapp keeps a signal ignored that its caller ignores)
  /usr/bin/python3 -c 'import os, signal, sys
try: os.setsid()
except OSError: pass
signal.signal(signal.SIGINT, signal.SIG_DFL); signal.signal(signal.SIGHUP, signal.SIG_DFL)
if sys.argv[1]: signal.signal(getattr(signal, "SIG" + sys.argv[1]), signal.SIG_IGN)
os.execv(sys.argv[2], sys.argv[2:])' "$ignored" "$rapp" run "$here/scripts/long_document.lua" --db "$work/f.db" \
    --out "$work/out" >"$work/stdout" 2>"$work/stderr" &
  local pid=$!
  local waited=0
  until ls -A "$work/out" | grep -q '^\.'; do # the temporary output exists: rendering
    sleep 0.02
    waited=$((waited + 1))
    if [ $waited -gt 3000 ] || ! kill -0 $pid 2>/dev/null; then bad="no temporary output appeared"; break; fi
  done
  if [ "$target" = group ]; then kill -s "$sig" -- -$pid; else kill -s "$sig" $pid; fi
  { wait $pid; } 2>/dev/null
  local rc=$?
  [ "$rc" -eq "$want" ] || bad="${bad:+$bad; }exit code $rc, expected $want"
  grep -q -E "AddressSanitizer|runtime error|LeakSanitizer" "$work/stderr" && bad="${bad:+$bad; }sanitizer report"
  for _ in $(seq 100); do group_alive $pid || break; sleep 0.1; done
  group_alive $pid && bad="${bad:+$bad; }a rapp process is still running: $(ps -e -o pgid=,pid=,args= | awk -v g=$pid '$1 == g')"
  if [ "$want" -eq 0 ]; then # the signal was ignored: the run finished
    [ "$(ls -A "$work/out" | tr '\n' ' ')" = "langt.pdf langt.xlsx " ] || bad="${bad:+$bad; }the output folder holds: $(ls -A "$work/out" | tr '\n' ' ')"
  else
    [ -z "$(ls -A "$work/out")" ] || bad="${bad:+$bad; }left in the output folder: $(ls -A "$work/out" | tr '\n' ' ')"
  fi
  if [ -n "$bad" ]; then
    echo "FAIL $name: $bad"
    head -c 600 "$work/stderr"; echo
    fail=1
  else
    echo "ok   $name"
  fi
  pkill -KILL -g $pid 2>/dev/null # never leave a stray process behind a failed case
}

case_ sigint_group INT group 130
case_ sigterm_parent TERM parent 143
case_ sighup_parent HUP parent 129
case_ sigkill_parent KILL parent 137
# Started with SIGHUP ignored (nohup): the run goes on and writes its outputs.
case_ sighup_ignored HUP parent 0 HUP

[ $fail -eq 0 ] && echo "run_interrupt: all cases passed"
exit $fail
