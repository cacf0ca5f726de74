#!/usr/bin/env bash
# Temporary outputs cannot be hijacked (issue 16, defect 2): the output folder holds symlinks to a
# victim file at every name the old scheme could pick (.<name>.<format>.tmp<pid> for the next
# 30 000 process ids) and at the final output name. The run must succeed, leave the victim
# byte for byte as it was, write its outputs as regular files, and leave no temporary file or
# folder of its own.
#   run_tmpfile_symlink.sh RAPP SAMPLES_DIR
set -u
rapp=$1
samples=$2
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0
if ! "$rapp" import "$samples" -o "$work/f.db" >/dev/null 2>"$work/stderr"; then
  echo "FAIL: could not import the sample"; cat "$work/stderr"; exit 1
fi
mkdir "$work/out"
chmod 1777 "$work/out"
echo "the victim's own content" > "$work/victim"
before=$(md5sum < "$work/victim")
/usr/bin/python3 -c 'import os, sys
out, victim = sys.argv[1], sys.argv[2]
me = os.getpid()
for pid in range(me, me + 30000):
    for fmt in ("txt", "pdf"):
        os.symlink(victim, "%s/.lenke.%s.tmp%d" % (out, fmt, pid))
os.symlink(victim, out + "/lenke.txt")' "$work/out" "$work/victim"
planted=$(ls -A "$work/out" | wc -l)

"$rapp" run "$here/scripts/small.lua" --db "$work/f.db" --out "$work/out" >"$work/stdout" 2>"$work/stderr"
rc=$? bad=""
[ "$rc" -eq 0 ] || bad="exit code $rc, expected 0"
[ "$before" = "$(md5sum < "$work/victim")" ] || bad="${bad:+$bad; }the victim file was overwritten"
for fmt in txt pdf; do
  f="$work/out/lenke.$fmt"
  if [ -L "$f" ] || [ ! -f "$f" ] || [ ! -s "$f" ]; then bad="${bad:+$bad; }$f is not a regular file with content"; fi
done
grep -q "aldri skrives gjennom en lenke" "$work/out/lenke.txt" 2>/dev/null || bad="${bad:+$bad; }lenke.txt does not hold the report"
# the planted links (the one at lenke.txt replaced by the output) and lenke.pdf: nothing else
left=$(ls -A "$work/out" | wc -l)
[ "$left" -eq $((planted + 1)) ] || bad="${bad:+$bad; }$planted entries before, $left after: $(ls -A "$work/out" | grep -v -E '^\.lenke\.(txt|pdf)\.tmp[0-9]+$' | tr '\n' ' ')"
if [ -n "$bad" ]; then
  echo "FAIL planted_symlinks: $bad"
  head -c 600 "$work/stderr"; echo
  fail=1
else
  echo "ok   planted_symlinks"
fi

[ $fail -eq 0 ] && echo "run_tmpfile_symlink: all cases passed"
exit $fail
