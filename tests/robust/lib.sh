# tests/robust/lib.sh — sourced by the robust tests after they set $rapp: a private work folder
# removed on exit, the failure flag, $here (this folder), and the sample snapshot on demand.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# import_sample SAMPLES_DIR: imports the sample into $work/f.db, or fails the test at once.
import_sample() {
  if ! "$rapp" import "$1" -o "$work/f.db" >/dev/null 2>"$work/stderr"; then
    echo "FAIL: could not import the sample"; cat "$work/stderr"; exit 1
  fi
}
