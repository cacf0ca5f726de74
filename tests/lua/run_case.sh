#!/usr/bin/env bash
# Runs one data-driven case of tests/lua/cases/: the case folder holds script.lua (and any
# modules or images it uses) — or a file `uses` naming a script in tests/lua/shared/ that many
# cases run (copied in as script.lua) — optionally `args` (extra arguments of `rapp run`, one line; default
# "--period 2026-T2 --format txt") or `cmd` (a whole command line run by bash, with $RAPP and
# $DB set), and the expectations expected_stdout, expected_stderr, expected_exit and
# expected_out (the output folder: every file's name, then its text). A case fails when any
# differs, or when the snapshot changed. RAPP_UPDATE_GOLDEN=1 rewrites the expectations.
#   run_case.sh RAPP FIXTURE_DB CASE_DIR
set -u
rapp=$1 fixture=$2 case=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/case"
cp -R "$case"/. "$tmp/case/"
if [ -f "$case/uses" ]; then cp "$(dirname "$0")/shared/$(cat "$case/uses")" "$tmp/case/script.lua" || exit 1; fi
cp "$fixture" "$tmp/snap.db"
before=$(sha256sum < "$tmp/snap.db")
args="--period 2026-T2 --format txt"
[ -f "$case/args" ] && args=$(cat "$case/args")
(
  cd "$tmp" || exit 99
  export SOURCE_DATE_EPOCH=1788220800 RAPP="$rapp" DB=snap.db
  if [ -f case/cmd ]; then
    bash case/cmd > stdout 2> stderr
  else
    # shellcheck disable=SC2086
    "$rapp" run case/script.lua --db snap.db --out out $args > stdout 2> stderr
  fi
  echo $? > exit
)
{
  if [ -d "$tmp/out" ]; then
    for f in $(cd "$tmp/out" && ls -A); do
      echo "== $f"
      case $f in *.txt) cat "$tmp/out/$f" ;; *) echo "(binary, $(wc -c < "$tmp/out/$f" | tr -d ' ') bytes)" ;; esac
    done
  fi
} > "$tmp/out.list"
after=$(sha256sum < "$tmp/snap.db")
fail=0
if [ "$before" != "$after" ]; then echo "FAIL: the snapshot changed"; fail=1; fi
for f in stdout stderr exit; do sed -i "s#$tmp#TMP#g" "$tmp/$f"; done
check() { # name actual
  local exp="$case/expected_$1"
  if [ "${RAPP_UPDATE_GOLDEN:-}" = 1 ]; then cp "$2" "$exp"; return; fi
  if [ ! -f "$exp" ]; then echo "FAIL: $exp is missing (RAPP_UPDATE_GOLDEN=1 writes it)"; fail=1; return; fi
  if ! diff -u "$exp" "$2" > "$tmp/diff"; then
    echo "FAIL: $1 differs from $exp:"; head -40 "$tmp/diff"; fail=1
  fi
}
check stdout "$tmp/stdout"
check stderr "$tmp/stderr"
check exit "$tmp/exit"
check out "$tmp/out.list"
exit $fail
