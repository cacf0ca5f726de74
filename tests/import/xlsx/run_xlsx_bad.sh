#!/usr/bin/env bash
# import_xlsx_bad: faulty workbooks (make_bad.py: wrong cells, a wrong header row, one table in
# both a CSV and an XLSX file, files that are not workbooks Rapp reads: not a zip, an old .xls,
# a zip bomb, encrypted entries, a relationship leaving the package, a DOCTYPE, cut-off XML).
# Each case: tests/import/base overlaid with the case's files, imported; exit code 1, stderr
# exactly bad/<case>.txt (every fault named with file, sheet and cell), no snapshot left.
#   run_xlsx_bad.sh RAPP PYTHON BASE_DIR
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
rapp=$1 py=$2 base=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$py" "$here/make_bad.py" "$base" "$work/cases" || fail "make_bad.py failed"
for case in "$work"/cases/*; do
  name=$(basename "$case")
  rm -rf "$work/in" "$work/out.db"
  mkdir "$work/in"
  cp "$base"/*.csv "$work/in/"
  for f in "$case"/*; do
    n=$(basename "$f")
    case "$n" in
      *.delete) rm -f "$work/in/${n%.delete}" ;;
      *) cp "$f" "$work/in/" ;;
    esac
  done
  "$rapp" import "$work/in" -o "$work/out.db" >"$work/stdout" 2>"$work/stderr.raw"
  rc=$?
  sed "s|$work/in|IN|g" "$work/stderr.raw" >"$work/stderr"
  compare "$here/bad/$name.txt" "$work/stderr"
  [ "$rc" -eq 1 ] || fail "$name: exit code $rc, expected 1"
  [ ! -e "$work/out.db" ] || fail "$name: a snapshot was written"
done
echo ok
