#!/usr/bin/env bash
# Quick-start command 1: installs what is missing, builds, imports the sample municipality
# (samples/fjordvik/) into out/fjordvik.db and writes every standard report into out/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
mkdir -p out
./build/rapp import samples/fjordvik -o out/fjordvik.db
./build/rapp check out/fjordvik.db
shopt -s nullglob
for script in reports/*.lua; do
  ./build/rapp run "$script" --db out/fjordvik.db --out out
done
echo "The sample municipality's reports are in out/."
