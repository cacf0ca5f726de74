#!/usr/bin/env bash
# Robustness of `rapp run` on images (docs/scripting.md, "Images"): a script puts each file of
# make_images.py into a report with doc:image. A good file renders (pdfimages lists it with its
# size); every bad one (empty, truncated, bad signature, CRC error, damaged zlib stream, too many
# pixels, 16-bit, interlaced, ...) must exit 1 in both the PDF and the XLSX renderer with a message
# naming the image, write no output file, and never kill the process (no "signal", no exit >= 128,
# no sanitizer report).
#   run_bad_image.sh RAPP PROJECT_DIR
set -u
rapp=$1
project=$2
. "$(dirname "$0")/lib.sh"
bash "$project/tests/lua/make_fixture.sh" "$project" "$work/fixture.db" || exit 1
mkdir "$work/img"
/usr/bin/python3 "$project/tests/robust/make_images.py" "$work/img" || exit 1

run() { # FILE FORMAT [logo]: writes $work/img/s.lua for FILE (an image, or the cover's logo)
  local call="r.doc:image { path = \"$1\", width_mm = 40, alt = \"Testbilde\" }"
  [ "${3:-}" = logo ] && call="r.doc:cover { title = \"Forside\", logo = \"$1\" }"
  cat >"$work/img/s.lua" <<LUA
local rapp = require("rapp")
return rapp.report { name = "bilde", title = "Bilde",
  build = function(r)
    r.doc:paragraph("Et bilde:")
    $call
  end }
LUA
  rm -rf "$work/out"
  RAPP_HOME=$project timeout 60 "$rapp" run "$work/img/s.lua" --db "$work/fixture.db" --format "$2" \
    --out "$work/out" >"$work/stdout" 2>"$work/stderr"
  rc=$?
}

for f in "$work"/img/*.png "$work"/img/*.jpg; do
  name=$(basename "$f")
  for fmt in pdf xlsx; do
    run "$name" "$fmt"
    bad=""
    if grep -q -E "AddressSanitizer|runtime error|LeakSanitizer" "$work/stderr"; then bad="sanitizer report"; fi
    if grep -q -i "signal" "$work/stderr" || [ "$rc" -ge 128 ]; then bad="${bad:+$bad; }the process died (exit $rc)"; fi
    case "$name" in
      good_*)
        [ "$rc" -eq 0 ] || bad="${bad:+$bad; }exit code $rc, expected 0"
        if [ "$fmt" = pdf ] && [ "$rc" -eq 0 ]; then
          size=$(/usr/bin/python3 -c "import sys; d=open(sys.argv[1],'rb').read()
if d[:4]==b'\x89PNG': print(int.from_bytes(d[16:20],'big'), int.from_bytes(d[20:24],'big'))
else: i=d.index(b'\xff\xc0'); print(int.from_bytes(d[i+7:i+9],'big'), int.from_bytes(d[i+5:i+7],'big'))" "$f")
          read -r w h <<<"$size"
          pdfimages -list "$work/out/bilde.pdf" 2>/dev/null | awk -v w="$w" -v h="$h" 'NR>2 && $4==w && $5==h && $3=="image" {found=1} END {exit !found}' ||
            bad="${bad:+$bad; }pdfimages does not list a ${w}x${h} image"
        fi
        ;;
      *)
        [ "$rc" -eq 1 ] || bad="${bad:+$bad; }exit code $rc, expected 1"
        grep -q -F "image '$work/img/$name'" "$work/stderr" || bad="${bad:+$bad; }the message does not name the image"
        grep -q -E "^s\.lua:5: r\.doc:image: image '" "$work/stderr" || bad="${bad:+$bad; }the message does not name the script line of doc:image"
        [ -z "$(ls -A "$work/out" 2>/dev/null)" ] || bad="${bad:+$bad; }wrote: $(ls -A "$work/out" | tr '\n' ' ')"
        ;;
    esac
    if [ -n "$bad" ]; then
      echo "FAIL $name ($fmt): $bad"
      head -c 600 "$work/stderr"
      echo
      fail=1
    else
      echo "ok   $name ($fmt): $(head -n 1 "$work/stderr" | sed "s|$work/||g" | cut -c1-160)"
    fi
  done
done
# the cover's logo goes through the same check
run truncated.png pdf logo
if [ "$rc" -eq 1 ] && grep -q -F "image '$work/img/truncated.png': chunk 'IDAT'" "$work/stderr" &&
  grep -q -E "^s\.lua:5: r\.doc:cover: image '" "$work/stderr" &&
  ! grep -q -i signal "$work/stderr" && [ -z "$(ls -A "$work/out" 2>/dev/null)" ]; then
  echo "ok   truncated.png as the cover's logo (pdf)"
else
  echo "FAIL truncated.png as the cover's logo (pdf): exit $rc"; head -c 600 "$work/stderr"; echo
  fail=1
fi
exit $fail
