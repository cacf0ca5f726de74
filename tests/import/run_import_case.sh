#!/usr/bin/env bash
# One bad-input case of `rapp import`: tests/import/base overlaid with the case folder's files
# (a file <name>.delete removes <name> from the set), imported; asserts exit code 1, the exact
# stderr (expected.txt; the CSV folder's path is written CSV), that no output or temporary file
# is left, and that a pre-existing output file is byte-identical afterwards.
#   run_import_case.sh RAPP BASE_DIR CASE_DIR
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
rapp=$1 base=$2 case=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/csv"
cp "$base"/*.csv "$work/csv/"
for f in "$case"/*; do
  name=$(basename "$f")
  case "$name" in
    expected.txt | README*) ;;
    *.delete) rm -f "$work/csv/${name%.delete}" ;;
    *) cp -r "$f" "$work/csv/" ;;
  esac
done

"$rapp" import "$work/csv" -o "$work/out.db" >"$work/stdout" 2>"$work/stderr.raw"
rc=$?
sed "s|$work/csv|CSV|g" "$work/stderr.raw" >"$work/stderr"
compare "$case/expected.txt" "$work/stderr"
[ "$rc" -eq 1 ] || fail "exit code $rc, expected 1"
[ ! -s "$work/stdout" ] || fail "unexpected stdout: $(head -1 "$work/stdout")"
[ ! -e "$work/out.db" ] || fail "an output file exists after a failed import"
leftover=$(find "$work" -maxdepth 1 -name '.out.db.tmp-*' | head -1)
[ -z "$leftover" ] || fail "temporary file left behind: $leftover"

# an existing snapshot is never damaged
printf 'the previous snapshot\n' >"$work/out.db"
cp "$work/out.db" "$work/before"
"$rapp" import "$work/csv" -o "$work/out.db" >/dev/null 2>&1
rc=$?
[ "$rc" -eq 1 ] || fail "second run: exit code $rc, expected 1"
cmp -s "$work/before" "$work/out.db" || fail "the existing output file was modified"
leftover=$(find "$work" -maxdepth 1 -name '.out.db.tmp-*' | head -1)
[ -z "$leftover" ] || fail "temporary file left behind: $leftover"
echo "ok"
