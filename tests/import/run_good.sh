#!/usr/bin/env bash
# The good case: the base set imports cleanly, `rapp check` passes and leaves the file as it
# was, the status view and converted values are as expected (good/expected.txt from
# good/queries.sql), re-importing over an existing snapshot replaces it, and the command lines
# behave (help exits 0, usage errors exit 2, an unreadable snapshot exits 1).
#   run_good.sh RAPP BASE_DIR
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
rapp=$1 base=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

out=$("$rapp" import "$base" -o "$work/snap.db" 2>"$work/err") || fail "import failed: $(cat "$work/err")"
[ ! -s "$work/err" ] || fail "import wrote to stderr: $(head -1 "$work/err")"
[[ "$out" =~ ^"rapp import: wrote $work/snap.db (39 tables, 248 rows, "[0-9.]+" s)"$ ]] || fail "import said: $out"

# the snapshot gets the permissions of any file the user writes (umask), not mkstemp's 0600
[ "$(stat -c %a "$work/snap.db")" = "$(printf '%o' $((0666 & ~0$(umask))))" ] ||
  fail "snapshot has mode $(stat -c %a "$work/snap.db"), umask $(umask)"

before=$(sha256sum <"$work/snap.db")
out=$("$rapp" check "$work/snap.db" 2>"$work/err") || fail "check failed: $(cat "$work/err")"
[ "$out" = "rapp check: $work/snap.db: no problems (39 tables, 248 rows)" ] || fail "check said: $out"
[ "$before" = "$(sha256sum <"$work/snap.db")" ] || fail "check changed the snapshot"

if command -v sqlite3 >/dev/null; then
  sqlite3 "$work/snap.db" <"$here/good/queries.sql" >"$work/actual.txt" 2>&1
  compare "$here/good/expected.txt" "$work/actual.txt"
fi

# importing over an existing snapshot replaces it
printf 'old\n' >"$work/snap2.db"
"$rapp" import "$base" -o "$work/snap2.db" >/dev/null || fail "import over an existing file failed"
"$rapp" check "$work/snap2.db" >/dev/null || fail "the replaced snapshot does not check"

# command lines
expect_rc() {
  local want=$1
  shift
  "$@" >"$work/o" 2>"$work/e"
  local rc=$?
  [ "$rc" -eq "$want" ] || fail "'${*#"$rapp"}' exited $rc, expected $want"
}
expect_rc 0 "$rapp" import --help
grep -q '^Usage: rapp import DIR -o SNAPSHOT$' "$work/o" || fail "import --help"
expect_rc 0 "$rapp" check -h
grep -q '^Usage: rapp check SNAPSHOT \[--time-limit SECONDS\]$' "$work/o" || fail "check --help"
expect_rc 2 "$rapp" import
expect_rc 2 "$rapp" import "$base"
expect_rc 2 "$rapp" import "$base" -o
expect_rc 2 "$rapp" import "$base" -o x.db --bogus
expect_rc 2 "$rapp" import "$base" "$base" -o x.db
expect_rc 2 "$rapp" check
expect_rc 2 "$rapp" check a.db b.db
expect_rc 2 "$rapp" check "$work/snap.db" --time-limit
expect_rc 2 "$rapp" check "$work/snap.db" --time-limit 0
expect_rc 2 "$rapp" check "$work/snap.db" --time-limit=abc
grep -q "^rapp check: --time-limit 'abc': give seconds" "$work/e" || fail "check --time-limit=abc said: $(cat "$work/e")"
expect_rc 0 "$rapp" check --time-limit 60 "$work/snap.db"
expect_rc 1 "$rapp" check "$work/nonexistent.db"
[ "$(cat "$work/e")" = "rapp check: cannot open snapshot '$work/nonexistent.db': No such file or directory" ] ||
  fail "check of a missing file said: $(cat "$work/e")"
printf 'not a database at all, just some text that is long enough\n' >"$work/text.db"
expect_rc 1 "$rapp" check "$work/text.db"
grep -q "^rapp check: '$work/text.db' is not a snapshot: file is not a database$" "$work/e" ||
  fail "check of a text file said: $(cat "$work/e")"
expect_rc 1 "$rapp" import "$work/nonexistent" -o "$work/x.db"
[ "$(cat "$work/e")" = "rapp import: '$work/nonexistent' is not a folder of CSV files" ] ||
  fail "import of a missing folder said: $(cat "$work/e")"
[ ! -e "$work/x.db" ] || fail "output written for a missing folder"
expect_rc 1 "$rapp" import "$base" -o "$work/no/such/folder/x.db"
grep -q "^rapp import: cannot create a temporary file beside '$work/no/such/folder/x.db': No such file or directory$" "$work/e" ||
  fail "import into a missing folder said: $(cat "$work/e")"
echo "ok"
