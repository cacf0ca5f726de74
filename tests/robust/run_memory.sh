#!/usr/bin/env bash
# The memory limit bounds the whole run (issue 16, defects 3-5): under --memory-limit 64 a script
# that makes SQLite or the document grow ends with exit 1 and the limit's message, the peak
# resident memory of rapp and its report process (getrusage of the children, measured by
# measure.py) stays near the limit, nothing is written to SQLite's temporary folder, and the
# output folder stays empty. The same for a PNG whose pixels take 400 MB.
#   run_memory.sh RAPP SAMPLES_DIR SANITIZE(ON|OFF)
# Under AddressSanitizer the data-segment limit is off (the shadow memory is terabytes), so the
# document case is skipped there and the memory bounds are looser.
set -u
rapp=$1
samples=$2
sanitize=${3:-OFF}
. "$(dirname "$0")/lib.sh"
import_sample "$samples"
mkdir "$work/tmp"
limit_mb=64
# 2 x the limit + 64 MB is the report process's data limit (engine_data_limit_mb); the code and
# libraries add their pages to the resident size.
max_kb=$(( (2 * limit_mb + 64 + 64) * 1024 ))
[ "$sanitize" = ON ] && max_kb=$((1024 * 1024))

case_() { # NAME SCRIPT PATTERN
  local name=$1 script=$2 pattern=$3 bad=""
  rm -rf "$work/out"
  TMPDIR="$work/tmp" SQLITE_TMPDIR="$work/tmp" /usr/bin/python3 "$here/measure.py" "$work/stats" \
    "$rapp" run "$here/scripts/$script" --db "$work/f.db" --out "$work/out" --memory-limit $limit_mb \
    --time-limit 60 >"$work/stdout" 2>"$work/stderr"
  local rc maxrss wchar seconds
  read -r rc maxrss wchar seconds < <(sed 's/[a-z_]*=//g' "$work/stats")
  [ "$rc" -eq 1 ] || bad="exit code $rc, expected 1"
  grep -q -E "AddressSanitizer|runtime error|LeakSanitizer" "$work/stderr" && bad="${bad:+$bad; }sanitizer report"
  grep -q -E -- "$pattern" "$work/stderr" || bad="${bad:+$bad; }no message matching '$pattern'"
  [ "$maxrss" -le "$max_kb" ] || bad="${bad:+$bad; }peak resident memory ${maxrss} KB > ${max_kb} KB"
  [ "$wchar" -le $((16 * 1024 * 1024)) ] || bad="${bad:+$bad; }wrote $wchar bytes (SQLite's temporary files?)"
  [ -z "$(ls -A "$work/tmp")" ] || bad="${bad:+$bad; }files in TMPDIR: $(ls -A "$work/tmp" | tr '\n' ' ')"
  [ -z "$(ls -A "$work/out" 2>/dev/null)" ] || bad="${bad:+$bad; }wrote: $(ls -A "$work/out" | tr '\n' ' ')"
  if [ -n "$bad" ]; then
    echo "FAIL $name: $bad"
    head -c 600 "$work/stderr"; echo
    fail=1
  else
    echo "ok   $name: ${maxrss} KB peak, $wchar bytes written, ${seconds} s: $(head -n 1 "$work/stderr" | cut -c1-160)"
  fi
}

sql_limit="^six_iterators.lua:7: .*the script used more than $limit_mb MB of memory .*raise the limit with --memory-limit MB"
# Six open r.db:each iterators over rows of 300 MB strings with ORDER BY (SQLite's heap).
case_ six_iterators six_iterators.lua "$sql_limit"
# ORDER BY over a million 1000-byte rows: sorted in memory (temp_store=MEMORY), not in /var/tmp.
case_ sort_million sort_million.lua \
  "^sort_million.lua:3: .*the script used more than $limit_mb MB of memory .*--memory-limit MB"
# 40 headings of 10 MB each: the document is outside Lua, inside the process's data limit; the
# message names the script's line all the same.
if [ "$sanitize" = ON ]; then
  echo "skip big_headings: no data limit under AddressSanitizer"
else
  case_ big_headings big_headings.lua \
    "^big_headings.lua:3: the report needed more than $((2 * limit_mb + 64)) MB of memory .*raise the limit with --memory-limit MB"
fi

# A 20 000 x 20 000 PNG beside the snapshot: decoding it is inside the data limit too (whatever
# the message: an image check or the renderer's failure).
/usr/bin/python3 -c 'import struct, sys, zlib
w = h = 20000
def chunk(t, d): return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
z = zlib.compressobj(9)
row = b"\0" * (w + 1)
data = b"".join(z.compress(row) for _ in range(h)) + z.flush()
with open(sys.argv[1], "wb") as f:
    f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", data) + chunk(b"IEND", b""))' "$work/huge.png"
if [ "$sanitize" = ON ]; then
  echo "skip huge_image: no data limit under AddressSanitizer"
else
  case_ huge_image huge_image.lua "huge\.png"
fi

[ $fail -eq 0 ] && echo "run_memory: all cases passed"
exit $fail
