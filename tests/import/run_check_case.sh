#!/usr/bin/env bash
# One `rapp check` case: the base set is imported, the case's break.sql is applied with the
# sqlite3 shell, and `rapp check` must exit 1 with exactly expected.txt on stderr (the snapshot's
# path is written SNAPSHOT) and leave the file's bytes unchanged (sha256 before and after).
#   run_check_case.sh RAPP BASE_DIR CASE_DIR
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
rapp=$1 base=$2 case=$3
command -v sqlite3 >/dev/null || fail "the sqlite3 shell is needed (apt-get install sqlite3)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$rapp" import "$base" -o "$work/snap.db" >/dev/null || fail "the base set does not import"
sqlite3 -bail "$work/snap.db" <"$case/break.sql" || fail "break.sql failed"
before=$(sha256sum <"$work/snap.db")
"$rapp" check "$work/snap.db" >"$work/stdout" 2>"$work/stderr.raw"
rc=$?
after=$(sha256sum <"$work/snap.db")
sed "s|$work/snap.db|SNAPSHOT|g" "$work/stderr.raw" >"$work/stderr"
compare "$case/expected.txt" "$work/stderr"
[ "$rc" -eq 1 ] || fail "exit code $rc, expected 1"
[ "$before" = "$after" ] || fail "rapp check changed the snapshot's bytes"
[ -z "$(find "$work" -name 'snap.db-*')" ] || fail "rapp check left a journal beside the snapshot"
echo "ok"
