#!/usr/bin/env bash
# Renders what the HTML tests read (tests/html/CMakeLists.txt), twice each, so a rerun can be
# compared byte for byte:
#   WORK/a, WORK/b   all_blocks.lua on the Lua test fixture: html, txt and pdf
#   WORK/std/a, /b   every standard report in reports/ on the sample municipality: pdf and html
#   make_outputs.sh RAPP SOURCE_DIR WORK
set -u
rapp=$1 src=$2 work=$3
rm -rf "$work" && mkdir -p "$work/std"
# shellcheck source=scripts/sample_args.sh
source "$src/scripts/sample_args.sh"
export RAPP_HOME=$src SOURCE_DATE_EPOCH=1790000000
bash "$src/tests/lua/make_fixture.sh" "$src" "$work/fixture.db" || { echo "FAIL: fixture"; exit 1; }
cp "$src/tests/html/all_blocks.lua" "$src/tests/lua/cases/api_doc/logo.png" "$work/"
cp "$src/tests/lua/cases/api_doc/script.lua" "$work/api_doc.lua"
cp "$src/tests/lua/cases/chart_kinds/script.lua" "$work/chart_kinds.lua"
for run in a b; do
  (cd "$work" && "$rapp" run all_blocks.lua --db fixture.db --period 2026-T2 --out "$run" >/dev/null) ||
    { echo "FAIL: all_blocks.lua did not run"; exit 1; }
done
"$rapp" import "$src/samples/fjordvik" -o "$work/std/fjordvik.db" >/dev/null || { echo "FAIL: import"; exit 1; }
n=0
for script in "$src"/reports/*.lua; do
  n=$((n + 1))
  # the sample's arguments (a unit report's unit, the saksframlegg's case): the outputs the sample gives
  mapfile -t args < <(sample_args "$rapp" "$script")
  for run in a b; do
    "$rapp" run "$script" --db "$work/std/fjordvik.db" --out "$work/std/$run" --format pdf,html "${args[@]}" \
      >/dev/null 2>"$work/std/err" || { echo "FAIL: $script: $(head -3 "$work/std/err")"; exit 1; }
  done
done
# the saksframlegg ran with its case: the case's budget changes (arkivsak 2026/1407) are in it
grep -q 'Budsjettendringer' "$work"/std/a/saksframlegg-*.html ||
  { echo "FAIL: the saksframlegg has no budget changes: not run with the sample's case"; exit 1; }
echo "ok: all_blocks and $n standard reports rendered twice: $(cd "$work" && ls a std/a | tr '\n' ' ')"
