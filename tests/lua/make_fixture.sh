#!/usr/bin/env bash
# Builds the test snapshot: src/db/schema_v1.sql + tests/lua/fixture.sql -> $2 (replaced).
#   make_fixture.sh SOURCE_DIR OUT.db
set -euo pipefail
src=$1 out=$2
rm -f "$out" "$out.tmp"
cat "$src/src/db/schema_v1.sql" "$src/tests/lua/fixture.sql" | sqlite3 -bail "$out.tmp"
mv "$out.tmp" "$out"
