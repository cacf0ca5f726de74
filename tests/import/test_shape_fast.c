/* The shape check's fast path (db_check.c, issue 15): a snapshot as `rapp import` writes it has
 * exactly the sqlite_schema the build recorded (db_shape_text), so db_check_shape compares
 * nothing more (and its views are this rapp's); a snapshot that differs in anything (an extra
 * table, a missing index or column, a view's text) is compared in full as before: accepted when it
 * has every table and column (its views are not compared: the run uses this rapp's,
 * db_use_engine_views), refused with the same message when not. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "check.h"
#include "db/db.h"
#include "db/db_int.h"

static void change(const char *path, const char *sql) {
  sqlite3 *db = NULL;
  CHECK_INT(sqlite3_open(path, &db), SQLITE_OK);
  char *msg = NULL;
  CHECK_INT(sqlite3_exec(db, sql, NULL, NULL, &msg), SQLITE_OK);
  if (msg) fprintf(stderr, "%s: %s\n", sql, msg);
  sqlite3_free(msg);
  sqlite3_close(db);
}

/* db_shape_as_imported and db_check_shape of the snapshot at path; the error in err. */
static void shape(const char *path, int *fast, int *rc, rapp_err *err) {
  sqlite3 *db = NULL;
  err_clear(err);
  CHECK_INT(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
  *fast = db_shape_as_imported(db);
  *rc = db_check_shape(db, path, err);
  sqlite3_close(db);
}

int main(void) {
  char dir[] = "/tmp/rapp_shape_XXXXXX";
  if (!mkdtemp(dir)) return 1;
  char path[64], want[512];
  snprintf(path, sizeof path, "%s/snap.db", dir);
  rapp_err err;
  err_clear(&err);
  db_stats st;
  FILE *diag = tmpfile();
  CHECK_INT(db_import("tests/import/base", path, diag, &st, &err), 0);
  fclose(diag);
  int fast, rc;

  shape(path, &fast, &rc, &err);
  CHECK_INT(fast, 1); /* as imported: the fast path, and its views are this rapp's */
  CHECK_INT(rc, 1);

  change(path, "CREATE TABLE extra(x)");
  shape(path, &fast, &rc, &err);
  CHECK_INT(fast, 0); /* differs: compared in full, and has everything */
  CHECK_INT(rc, 0);

  /* a view missing, another with an older rapp's text: accepted, with this rapp's views to use
   * (rc 0: db_use_engine_views), since a snapshot's views are never read */
  change(path, "DROP TABLE extra; DROP VIEW risk_level; DROP VIEW decision_status_label; "
               "CREATE VIEW decision_status_label (status, finished, sort_order) AS VALUES ('ferdig', 0, 1)");
  shape(path, &fast, &rc, &err);
  CHECK_INT(fast, 0);
  CHECK_INT(rc, 0);

  change(path, "DROP INDEX risk_area; DROP TABLE company_strategy");
  shape(path, &fast, &rc, &err);
  CHECK_INT(fast, 0);
  CHECK_INT(rc, -1);
  snprintf(want, sizeof want,
           "'%s' is not a schema version %d snapshot: table 'company_strategy': missing from the snapshot; "
           "'rapp check %s' lists what is wrong",
           path, DB_SCHEMA_VERSION, path);
  CHECK_STR(err.msg, want);

  /* an empty database: not the imported shape, and the full check names the first lack */
  char empty[64];
  snprintf(empty, sizeof empty, "%s/empty.db", dir);
  change(empty, "CREATE TABLE t(x)");
  shape(empty, &fast, &rc, &err);
  CHECK_INT(fast, 0);
  CHECK_INT(rc, -1);
  CHECK(strstr(err.msg, "is not a schema version") != NULL);

  unlink(path);
  unlink(empty);
  rmdir(dir);
  return check_summary();
}
