#!/usr/bin/env bash
# The Lua library compiled at build time (src/lua/gen/lua_precompile.c, issue 15) is used only for
# a library file whose text is the one the build compiled: with a copy of lua/ as RAPP_HOME's, a
# run works as with the project's; with one library file edited after the build, the edited text
# is what runs (its error is the edited line's). (That scripts still cannot load bytecode is
# tests/lua/cases/sandbox_load_binary*.)
#   prebuilt_lib.sh RAPP SOURCE_DIR FIXTURE_DB
set -u
rapp=$1 src=$2 db=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
export SOURCE_DATE_EPOCH=1790000000
mkdir "$work/home"
cp -r "$src/lua" "$work/home/lua"
ln -s "$src/fonts" "$work/home/fonts"
ln -s "$src/reports" "$work/home/reports"
run() { # out_dir
  RAPP_HOME="$work/home" "$rapp" run "$src/bench/render_bench.lua" --db "$db" --param rows=3 \
    --format xlsx --out "$work/$1" >"$work/$1.out" 2>"$work/$1.err"
}

run same || fail "the unedited copy of lua/ failed: $(cat "$work/same.err")"
ls "$work/same"/*.xlsx >/dev/null 2>&1 || fail "no workbook from the unedited copy"

printf 'error("endret etter bygget")\n' | cat - "$src/lua/rapp/fmt.lua" >"$work/home/lua/rapp/fmt.lua"
run edited && fail "the edited library file was not read (the build's compiled form ran)"
grep -q 'endret etter bygget' "$work/edited.err" ||
  fail "the edited file's error was not named: $(cat "$work/edited.err")"

echo ok
