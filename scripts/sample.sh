#!/usr/bin/env bash
# Quick-start command 1: installs what is missing, builds, imports the sample municipality
# (samples/fjordvik/) into out/fjordvik.db and writes every standard report in reports/ into
# out/, each for the latest complete period at the snapshot's cut-off (30.09.2026).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
mkdir -p out
./build/rapp import samples/fjordvik -o out/fjordvik.db
./build/rapp check out/fjordvik.db
# shellcheck source=scripts/sample_args.sh
source scripts/sample_args.sh # a unit report's unit (the first school), the saksframlegg's case
failed=()
for script in reports/*.lua; do
  mapfile -t args < <(sample_args ./build/rapp "$script")
  ./build/rapp run "$script" --db out/fjordvik.db --out out "${args[@]}" || failed+=("$script")
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "sample: these reports failed: ${failed[*]}" >&2
  exit 1
fi
echo "The sample municipality's reports are in out/."
