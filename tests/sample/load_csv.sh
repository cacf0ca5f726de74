#!/usr/bin/env bash
# Loads a folder of sample CSV files into a new SQLite file with the snapshot schema, using only
# the sqlite3 shell: an independent reader of the generator's output (no rapp code involved).
#   load_csv.sh SCHEMA.sql CSV_DIR OUT.db
# Each CSV is imported into a text staging table, then converted into the STRICT table: empty
# field -> NULL, decimal comma -> point for REAL columns. The period table is filled for every
# year from 2022 (the first year in the sample: company figures) to the cut-off year, as `rapp import` does; the texts under tekster/ are read
# with readfile(). Exits non-zero on any SQL error.
set -euo pipefail
schema=$1 dir=$2 db=$3
rm -f "$db"
sqlite3 -bail "$db" < "$schema"
tables=$(sqlite3 "$db" "SELECT name FROM sqlite_schema WHERE type='table' AND name NOT IN ('period','status_label','report_text','kostra_function','kostra_art') ORDER BY name")
# kostra_account's file is optional (rapp import leaves the table empty without it)
[ -f "$dir/kostra_account.csv" ] || tables=$(echo "$tables" | grep -vx kostra_account)
# so are setting's and deviation_category's (schema version 4, personvern)
for t in setting deviation_category; do [ -f "$dir/$t.csv" ] || tables=$(echo "$tables" | grep -vx $t); done
sql=$(mktemp)
trap 'rm -f "$sql"' EXIT
{
  echo ".bail on"
  echo ".mode csv"
  echo ".separator ;"
  for t in $tables; do
    [ -f "$dir/$t.csv" ] || { echo "load_csv.sh: $dir/$t.csv is missing" >&2; exit 1; }
    echo ".import '$dir/$t.csv' stg_$t"
  done
  echo "BEGIN;"
  for t in $tables; do
    cols=() exprs=()
    while IFS='|' read -r name type; do
      cols+=("$name")
      case "$type" in
        REAL) exprs+=("CAST(replace(NULLIF(\"$name\",''),',','.') AS REAL)") ;;
        INTEGER) exprs+=("CAST(NULLIF(\"$name\",'') AS INTEGER)") ;;
        *) exprs+=("NULLIF(\"$name\",'')") ;;
      esac
    done < <(sqlite3 "$db" "SELECT name, type FROM pragma_table_info('$t')")
    (IFS=,; echo "INSERT INTO $t (${cols[*]}) SELECT ${exprs[*]} FROM stg_$t;")
    echo "DROP TABLE stg_$t;"
  done
  # the texts: DIR/tekster/<period>/<owner>/<section>.md, read with the shell's readfile()
  if [ -d "$dir/tekster" ]; then
    (cd "$dir" && find tekster -name '*.md' | LC_ALL=C sort) | while IFS=/ read -r _ per owner file; do
      echo "INSERT INTO report_text VALUES ('$per', '$owner', '${file%.md}', CAST(readfile('$dir/tekster/$per/$owner/$file') AS TEXT), 'tekster/$per/$owner/$file');"
    done
  fi
  cat <<'SQL'
WITH RECURSIVE y(v) AS (SELECT 2022 UNION ALL SELECT v + 1 FROM y
                        WHERE v < (SELECT CAST(substr(cutoff_date, 1, 4) AS INTEGER) FROM municipality)),
  n(v) AS (SELECT 1 UNION ALL SELECT v + 1 FROM n WHERE v < 12),
  p(code, kind, year, number, fm, lm) AS (
    SELECT printf('%d-%02d', y.v, n.v), 'month', y.v, n.v, n.v, n.v FROM y, n
    UNION ALL SELECT printf('%d-Q%d', y.v, n.v), 'quarter', y.v, n.v, 3 * n.v - 2, 3 * n.v FROM y, n WHERE n.v <= 4
    UNION ALL SELECT printf('%d-T%d', y.v, n.v), 'tertial', y.v, n.v, 4 * n.v - 3, 4 * n.v FROM y, n WHERE n.v <= 3
    UNION ALL SELECT printf('%d', y.v), 'year', y.v, 1, 1, 12 FROM y)
INSERT INTO period SELECT code, kind, year, number, printf('%d-%02d', year, fm), printf('%d-%02d', year, lm),
  printf('%d-%02d-01', year, fm), date(printf('%d-%02d-01', year, lm), '+1 month', '-1 day') FROM p;
COMMIT;
SQL
} > "$sql"
sqlite3 "$db" < "$sql"
