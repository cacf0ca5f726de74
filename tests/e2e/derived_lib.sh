# Sourced by the tests of the derived tables `rapp import` builds (src/db/indexes_v1.sql): sets
# $rapp, $src and $work from the arguments (RAPP SOURCE_DIR WORK_DIR), fail(), and
# same_without TABLE: the quarterly report (sample, 2026-T2, PDF text without the checksum lines)
# on $work/with.db and on a copy without TABLE ($work/without.db, a snapshot made by other
# means) must be the same; leaves the text in $work/with.txt.
set -u
rapp=$1 src=$2 work=$3
rm -rf "$work" && mkdir -p "$work"
export RAPP_HOME="$src" SOURCE_DATE_EPOCH=1790000000
fail() { echo "FAIL: $*"; exit 1; }
same_without() {
  cp "$work/with.db" "$work/without.db"
  sqlite3 "$work/without.db" "DROP TABLE $1" || fail "dropping $1"
  local s
  for s in with without; do
    "$rapp" run "$src/reports/kvartalsrapport.lua" --db "$work/$s.db" --period 2026-T2 --format pdf \
      --out "$work/out-$s" >/dev/null 2>"$work/err-$s" || fail "run on $s.db: $(head -3 "$work/err-$s")"
    pdftotext -layout "$work/out-$s/kvartalsrapport-2026-T2.pdf" - | grep -v "Kontrollsum\|Datagrunnlag" \
      >"$work/$s.txt" || fail "pdftotext"
  done
  diff -u "$work/with.txt" "$work/without.txt" >"$work/diff" || { head -40 "$work/diff"; fail "the report differs without $1"; }
}
