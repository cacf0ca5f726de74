#!/usr/bin/env bash
# The browser test (ctest label `browser`): installs puppeteer-core and axe-core from
# tests/html/package-lock.json into WORK/node (no browser download: Debian's chromium is used),
# then runs browser_check.js on every HTML file of the test outputs. Screenshots land in
# WORK/shots (look at them after a change: *-1280-NN.png and *-390-NN.png).
#   browser_test.sh SOURCE_DIR OUTPUTS_DIR WORK
set -u
src=$1 outputs=$2 work=$3
chromium=$(command -v chromium || command -v chromium-browser) ||
  { echo "FAIL: chromium is not installed (scripts/setup.sh --tests installs it)"; exit 1; }
command -v node >/dev/null && command -v npm >/dev/null ||
  { echo "FAIL: node/npm are not installed (scripts/setup.sh --tests installs them)"; exit 1; }
mkdir -p "$work/node"
if ! cmp -s "$src/tests/html/package-lock.json" "$work/node/package-lock.json" ||
   [ ! -d "$work/node/node_modules/axe-core" ]; then
  cp "$src/tests/html/package.json" "$src/tests/html/package-lock.json" "$work/node/"
  (cd "$work/node" && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error >npm.log 2>&1) ||
    { echo "FAIL: npm ci: $(tail -5 "$work/node/npm.log")"; exit 1; }
fi
cp "$src/tests/html/browser_check.js" "$work/node/"
rm -rf "$work/shots"
mapfile -t files < <(ls "$outputs"/a/*.html "$outputs"/std/a/*.html)
[ "${#files[@]}" -ge 3 ] || { echo "FAIL: expected at least 3 HTML files, found ${#files[@]}"; exit 1; }
# tests/html/canary.html has known faults that the check must find.
node "$work/node/browser_check.js" "$chromium" "$work/shots" --canary "$src/tests/html/canary.html" "${files[@]}"
