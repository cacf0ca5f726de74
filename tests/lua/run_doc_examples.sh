#!/usr/bin/env bash
# Runs every example of docs/scripting.md and compares it with the output written under it, so
# the reference cannot drift from the code. An example is a fenced block whose info string is
#   ```lua test      a fragment run inside build(r, p) (with rapp, r, p, doc and db in scope,
#                    --period 2026-T2); expected: what it prints
#   ```lua report    a whole report script run with --format txt; expected: the text dump
#                    without its [meta] block (or its stderr when it fails)
# optionally followed by args="..." (extra arguments) and file=NAME.lua. The expected output is
# the ```text block right after it. RAPP_UPDATE_GOLDEN=1 rewrites those blocks in the doc.
#   run_doc_examples.sh RAPP FIXTURE_DB DOC.md
set -u
[ -f "$3" ] || { echo "no such doc: $3"; exit 1; }
rapp=$(cd "$(dirname "$1")" && pwd)/$(basename "$1") fixture=$(cd "$(dirname "$2")" && pwd)/$(basename "$2") doc=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# split: ex_N.lua, ex_N.info, ex_N.expected
awk -v dir="$tmp" '
  function flush() { close(code); close(expf) }
  state == 0 && /^```lua (test|report)/ { n++; code = dir "/ex_" n ".lua"; info = substr($0, 8);
    print info > (dir "/ex_" n ".info"); close(dir "/ex_" n ".info"); printf "" > code; state = 1; next }
  state == 1 && /^```$/ { state = 2; next }
  state == 1 { print >> code; next }
  state == 2 && /^```text$/ { expf = dir "/ex_" n ".expected"; printf "" > expf; state = 3; next }
  state == 2 && /^[[:space:]]*$/ { next }
  state == 2 { print "example " n ": no ```text block after it" > "/dev/stderr"; state = 0; next }
  state == 3 && /^```$/ { flush(); state = 0; next }
  state == 3 { print >> expf; next }
  END { print n > (dir "/count") }' "$doc"
count=$(cat "$tmp/count")
fail=0
for i in $(seq 1 "$count"); do
  info=$(cat "$tmp/ex_$i.info")
  mode=${info%% *}
  args=$(sed -n 's/.*args="\([^"]*\)".*/\1/p' <<< "$info")
  file=$(sed -n 's/.*file=\([A-Za-z0-9_.-]*\).*/\1/p' <<< "$info")
  file=${file:-eksempel.lua}
  work="$tmp/run_$i"
  mkdir -p "$work"
  cp "$fixture" "$work/snap.db"
  if [ "$mode" = test ]; then
    {
      echo 'local rapp = require("rapp")'
      echo 'return rapp.report { name = "eksempel", title = "Eksempel", formats = { "txt" },'
      echo '  params = { { name = "period", type = "period" }, { name = "area", type = "area" } },'
      echo '  build = function(r, p) local doc, db = r.doc, r.db'
      cat "$tmp/ex_$i.lua"
      echo 'end }'
    } > "$work/$file"
    args=${args:---period 2026-T2}
  else
    cp "$tmp/ex_$i.lua" "$work/$file"
  fi
  # shellcheck disable=SC2086
  (cd "$work" && SOURCE_DATE_EPOCH=1788220800 "$rapp" run "$file" --db snap.db --out out --format txt $args \
     > stdout 2> stderr; echo $? > exit)
  if [ "$mode" = test ]; then
    cp "$work/stderr" "$work/actual"
  elif [ "$(cat "$work/exit")" = 0 ]; then
    awk 'seen { print } /^$/ && !seen { seen = 1 }' "$work"/out/*.txt > "$work/actual"
  else
    cp "$work/stderr" "$work/actual"
  fi
  if [ "${RAPP_UPDATE_GOLDEN:-}" = 1 ]; then
    cp "$work/actual" "$tmp/ex_$i.expected"
  elif ! diff -u "$tmp/ex_$i.expected" "$work/actual" > "$work/diff" 2>&1; then
    echo "FAIL: example $i ($info) in $doc:"
    head -20 "$tmp/ex_$i.lua" | sed 's/^/    /'
    head -30 "$work/diff"
    fail=1
  fi
done
if [ "${RAPP_UPDATE_GOLDEN:-}" = 1 ]; then
  awk -v dir="$tmp" '
    state == 0 && /^```lua (test|report)/ { n++; state = 1; print; next }
    state == 1 && /^```$/ { state = 2; print; next }
    state == 2 && /^```text$/ { print; while ((getline line < (dir "/ex_" n ".expected")) > 0) print line;
      close(dir "/ex_" n ".expected"); state = 3; next }
    state == 3 && /^```$/ { state = 0; print; next }
    state == 3 { next }
    { print }' "$doc" > "$tmp/doc.md" && cp "$tmp/doc.md" "$doc"
  echo "rewrote the expected output of $count examples in $doc"
fi
echo "$count examples"
exit $fail
