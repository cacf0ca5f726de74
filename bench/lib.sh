# bench/lib.sh — the preamble of the bench scripts, sourced (not run) by each as its first
# command after `set`:   . "$(dirname "$0")/lib.sh"
# Sets root (the source tree, absolute) and work (a new temporary folder, removed when the script
# exits; KEEP=1 keeps it), and exports RAPP_HOME=$root and SOURCE_DATE_EPOCH, so that every run
# renders the same bytes (a script that compares builds sets RAPP_HOME per build itself). POSIX sh:
# the scripts run under sh and bash.
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
export RAPP_HOME="$root" SOURCE_DATE_EPOCH=1790000000
