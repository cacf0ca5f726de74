/* db/db.h — the snapshot file: build it from CSV extracts (`rapp import`), validate it
 * (`rapp check`) and open it read-only for reports. Owned by the import/check part of Rapp
 * (db_import.c, db_check.c, db_model.c, db_rules.c); db/query.* is separate.
 *
 * sqlite3.h stays inside src/db/: callers elsewhere hold a `struct sqlite3 *` as an opaque
 * handle and pass it back to db_ functions only. */
#ifndef RAPP_DB_DB_H
#define RAPP_DB_DB_H

#include <stdio.h>

#include "util/err.h"

struct sqlite3;

/* The schema version this Rapp reads and writes (PRAGMA user_version). */
#define DB_SCHEMA_VERSION 4

/* Most problem lines printed by one import or check; the rest are counted. */
#define DB_MAX_PROBLEM_LINES 200

typedef struct db_stats {
  int tables;         /* tables in the snapshot */
  long long rows;     /* rows in all tables */
  int problems;       /* problems found (check), 0 after a successful import */
  double seconds;     /* wall time of the whole operation */
} db_stats;

/* Largest CSV file rapp import reads (bytes); a larger one is refused before it is read. */
#define DB_MAX_CSV_BYTES ((size_t)1 << 30)

/* Builds the snapshot out_path from the folder dir (one <table>.csv per table, see
 * docs/schema.md). Every problem is printed to diag as "file:line: column 'x': reason" (at
 * most DB_MAX_PROBLEM_LINES lines, then a count), then -1 is returned with err saying how many;
 * a file that cannot be read, or whose header is wrong, does not stop the other files from
 * being checked. Only regular files are read (links to them are followed).
 * The snapshot is written to a temporary file beside out_path (O_EXCL|O_NOFOLLOW, a random
 * name) and renamed into place only when everything passed; on failure, and on SIGINT, SIGTERM
 * or SIGHUP during the import (handlers are installed for its duration), nothing is left behind
 * and an existing out_path is untouched. SIGXFSZ is ignored meanwhile, so a file size limit is
 * an error naming the file. out_path inside dir, or the same file as an input, is refused with
 * exit code 2. stats->rows counts every row of the snapshot, as db_check does. stats may be
 * NULL. */
int db_import(const char *dir, const char *out_path, FILE *diag, db_stats *stats, rapp_err *err);

/* Validates the snapshot at path with the same rules as the import and prints every problem to
 * diag as "table 'unit', row 12 (code 'ENH1'): column 'area_code': unknown area 'XYZ'".
 * Opens the file read-only and never modifies it. A table that lacks a column, or is a view, is
 * reported and not checked; the other tables are. Returns 0 when the checks ran
 * (stats->problems says how many were found; stats must not be NULL), -1 when they could not
 * run (no such file, not a database, another schema version) or took longer than seconds of
 * wall-clock time (checked every thousand SQLite steps, like a run's queries). */
int db_check(const char *path, double seconds, FILE *diag, db_stats *stats, rapp_err *err);

/* Opens a snapshot read-only (SQLite read-only mode, query_only) and verifies its schema
 * version. On success *out is the handle; the caller closes it with db_close_snapshot. */
int db_open_snapshot(const char *path, struct sqlite3 **out, rapp_err *err);
/* Closes a handle from db_open_snapshot; NULL is a no-op. */
void db_close_snapshot(struct sqlite3 *db);

#endif
