#!/usr/bin/env bash
# `rapp import` runs rapp-import from rapp's own folder (src/cli/import_exec.c, issue 15): rapp
# itself does not link libxml2 or libzip; through a link to rapp in another folder the import
# still works; `rapp import --help` is rapp-import's help; and without rapp-import beside it,
# `rapp import` says which program it could not run and exits 1 (writing nothing).
#   run_exec.sh RAPP BASE_DIR
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
rapp=$1 base=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

needed=$(readelf -d "$rapp" | grep NEEDED) || fail "readelf -d $rapp failed"
grep -q 'libsqlite3' <<<"$needed" || fail "readelf lists no libsqlite3 for rapp: $needed"
if grep -E 'libxml2|libzip' <<<"$needed"; then fail "rapp links the import's libraries"; fi
imp=$(dirname "$rapp")/rapp-import
[ -x "$imp" ] || fail "no rapp-import beside $rapp"
grep -q 'libxml2' <<<"$(readelf -d "$imp" | grep NEEDED)" || fail "rapp-import does not link libxml2"

[ "$("$rapp" import --help)" = "$("$imp" --help)" ] || fail "rapp import --help is not rapp-import's"
"$rapp" import --help | grep -q '^Usage: rapp import DIR -o SNAPSHOT$' || fail "no usage line in the help"
"$rapp" import "$base" >/dev/null 2>"$work/err"
[ $? = 2 ] || fail "a usage error does not exit 2"
grep -q "^rapp import: missing -o SNAPSHOT$" "$work/err" || fail "usage error said: $(cat "$work/err")"

mkdir "$work/bin"
ln -s "$rapp" "$work/bin/rapp"
out=$("$work/bin/rapp" import "$base" -o "$work/a.db" 2>"$work/err") || fail "import through a link failed: $(cat "$work/err")"
[[ "$out" =~ ^"rapp import: wrote $work/a.db (39 tables, 248 rows, " ]] || fail "import through a link said: $out"

mkdir "$work/alone"
cp "$rapp" "$work/alone/rapp"
"$work/alone/rapp" import "$base" -o "$work/b.db" >"$work/out" 2>"$work/err"
rc=$?
[ "$rc" = 1 ] || fail "without rapp-import: exit $rc, not 1"
[ "$(head -1 "$work/err")" = "rapp import: cannot run $work/alone/rapp-import: No such file or directory" ] ||
  fail "without rapp-import it said: $(cat "$work/err")"
[ ! -e "$work/b.db" ] || fail "without rapp-import a snapshot was written"
[ ! -s "$work/out" ] || fail "without rapp-import it wrote to stdout: $(cat "$work/out")"
echo "ok"
