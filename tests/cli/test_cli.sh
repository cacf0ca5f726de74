#!/usr/bin/env bash
# rapp's top level: `--help`/`--version` exit 0 on stdout, misuse exits 2 with the usage on
# stderr, and every subcommand answers --help with its own usage (exit 0).
set -u
rapp=$1
fail=0
expect() { # want_rc want_stream pattern -- command...
  local want=$1 stream=$2 pattern=$3
  shift 4
  "$@" >/tmp/cli.$$.out 2>/tmp/cli.$$.err
  local rc=$?
  if [ "$rc" -ne "$want" ]; then echo "FAIL: '${*#"$rapp"}' exited $rc, expected $want"; fail=1; fi
  if ! grep -q -- "$pattern" "/tmp/cli.$$.$stream"; then
    echo "FAIL: '${*#"$rapp"}' did not print '$pattern' on std$stream:"; head -3 "/tmp/cli.$$.$stream"; fail=1
  fi
}
expect 0 out "Usage: rapp COMMAND" -- "$rapp" --help
expect 0 out "Exit codes: 0 success, 1 the data or the script is at fault, 2 usage error." -- "$rapp" -h
expect 0 out "^rapp [0-9]\+\.[0-9]\+\.[0-9]\+$" -- "$rapp" --version
expect 2 err "Usage: rapp COMMAND" -- "$rapp"
expect 2 err "rapp: unknown command 'lag'" -- "$rapp" lag
for c in import check run list; do
  expect 0 out "Usage: rapp $c" -- "$rapp" "$c" --help
done
expect 2 err "" -- "$rapp" import
expect 2 err "" -- "$rapp" check
expect 2 err "" -- "$rapp" run
# issue 10, small things: a missing snapshot is a usage error like a missing --db; --allow-partial
# is documented; every help text is English only (Norwegian belongs to reports, one language per
# line); `rapp list DIR` skips a helper module that is not a report, without an error.
expect 2 err "no such snapshot file" -- "$rapp" run some.lua --db /nonexistent/snapshot.db
expect 2 err "--db SNAPSHOT is required" -- "$rapp" run some.lua
expect 0 out "--allow-partial" -- "$rapp" run --help
for c in "" import check run list; do
  # shellcheck disable=SC2086
  if $rapp $c --help | grep -n "[æøåÆØÅ]"; then echo "FAIL: 'rapp $c --help' has a Norwegian line"; fail=1; fi
done
listdir=$(mktemp -d)
printf 'local M = {}\nfunction M.pct(a, b) return 100 * a / b end\nreturn M\n' > "$listdir/hjelp.lua"
printf 'local rapp = require("rapp")\nreturn rapp.report { name = "liten", title = "Liten", build = function(r, p) end }\n' > "$listdir/liten.lua"
expect 0 out "liten: Liten" -- "$rapp" list "$listdir"
if [ -s /tmp/cli.$$.err ] || grep -q hjelp /tmp/cli.$$.out; then
  echo "FAIL: rapp list reported the helper module: $(cat /tmp/cli.$$.err /tmp/cli.$$.out | grep hjelp)"; fail=1
fi
rm -f "$listdir/liten.lua"
expect 0 err "no report scripts" -- "$rapp" list "$listdir"
rm -rf "$listdir"
# issue 14: the batch commands answer --help, misuse exits 2
expect 0 out "Usage: rapp batch PLAN.lua" -- "$rapp" batch --help
expect 0 out "Usage: rapp manifest merge" -- "$rapp" manifest --help
expect 0 out "3 (rapp run --each, rapp batch): some items failed" -- "$rapp" run --help
expect 2 err "give a plan and --db SNAPSHOT" -- "$rapp" batch
expect 2 err "which action" -- "$rapp" manifest
expect 2 err "give the shards' manifests and -o OUT.json" -- "$rapp" manifest merge a.json
expect 2 err "-j '0': give the number of worker processes" -- "$rapp" run some.lua --db x.db -j 0
expect 2 err "--shard 'a/b': K and N are whole numbers" -- "$rapp" run some.lua --db "$0" --each unit --shard a/b
expect 2 err "--resume and --shard go with --each" -- "$rapp" run some.lua --db "$0" --resume
for c in batch manifest; do
  if $rapp $c --help | grep -n "[æøåÆØÅ]"; then echo "FAIL: 'rapp $c --help' has a Norwegian line"; fail=1; fi
done
rm -f /tmp/cli.$$.out /tmp/cli.$$.err
[ $fail -eq 0 ] && echo "cli: all checks passed"
exit $fail
