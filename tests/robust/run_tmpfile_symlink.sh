#!/usr/bin/env bash
# Temporary outputs cannot be hijacked (issue 16, defect 2): the output folder holds symlinks to a
# victim file at every name the old scheme could pick (.<name>.<format>.tmp<pid> for the next
# 30 000 process ids) and at the final output name. The run must succeed, leave the victim
# byte for byte as it was, write its outputs as regular files, and leave no temporary file or
# folder of its own. Then a folder swapped in during the run (below).
#   run_tmpfile_symlink.sh RAPP SAMPLES_DIR
set -u
rapp=$1
samples=$2
. "$(dirname "$0")/lib.sh"
import_sample "$samples"
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
grep -q -E "AddressSanitizer|runtime error|LeakSanitizer" "$work/stderr" && bad="${bad:+$bad; }sanitizer report"
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

# While a long document renders, someone who can write to the output folder renames the run's
# temporary entry away and puts a folder of links to the victim at its name: the renderers must
# not write through them (they reach their folder by descriptor), and the run must refuse to
# move anything into place.
rm -rf "$work/out2"
mkdir "$work/out2"
"$rapp" run "$here/scripts/long_document.lua" --db "$work/f.db" --out "$work/out2" >"$work/stdout" 2>"$work/stderr" &
pid=$!
tmp=""
for _ in $(seq 3000); do
  tmp=$(ls -A "$work/out2" | grep '^\.' | head -n 1)
  [ -n "$tmp" ] && break
  sleep 0.02
done
bad=""
if [ -z "$tmp" ]; then
  bad="no temporary entry appeared"
else
  mv "$work/out2/$tmp" "$work/moved"
  mkdir "$work/out2/$tmp"
  for f in langt.pdf langt.xlsx .langt.pdf.tmp$pid .langt.xlsx.tmp$pid; do ln -s "$work/victim" "$work/out2/$tmp/$f"; done
fi
wait $pid
rc=$?
[ "$rc" -eq 1 ] || bad="${bad:+$bad; }exit code $rc, expected 1"
[ "$before" = "$(md5sum < "$work/victim")" ] || bad="${bad:+$bad; }the victim file was overwritten"
grep -q "was removed or replaced while the report was written" "$work/stderr" || bad="${bad:+$bad; }no message about the replaced folder"
[ -e "$work/out2/langt.pdf" ] && bad="${bad:+$bad; }langt.pdf was moved into place"
if [ -n "$bad" ]; then
  echo "FAIL swapped_folder: $bad"
  head -c 600 "$work/stderr"; echo
  fail=1
else
  echo "ok   swapped_folder: $(head -n 1 "$work/stderr" | cut -c1-160)"
fi

[ $fail -eq 0 ] && echo "run_tmpfile_symlink: all cases passed"
exit $fail
