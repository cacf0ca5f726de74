/* cli/cmd_check.c — `rapp check SNAPSHOT`: validates a snapshot without modifying it (db_check
 * in db/db_check.c does the work). */
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "db/db.h"
#include "util/err.h"

static const char help[] =
    "Usage: rapp check SNAPSHOT\n"
    "\n"
    "Validates a snapshot made by 'rapp import' or by any other means (e.g. the sqlite3 shell):\n"
    "the schema version (PRAGMA user_version), the tables, columns and views of the schema, the\n"
    "type of every value, and the same rules as the import (required values, references, keys,\n"
    "periods and dates, allowed values, limits in the right order for the indicator's direction).\n"
    "Every problem is printed as\n"
    "  table 'unit', row 12 (code 'ENH1'): column 'area_code': unknown area 'XYZ'\n"
    "where row is the SQLite rowid. The snapshot is opened read-only and never modified.\n"
    "\n"
    "Options:\n"
    "  -h, --help   this help\n"
    "\n"
    "Exit codes: 0 no problems, 1 problems found or the snapshot cannot be read, 2 usage error.\n";

static int usage_error(const char *what) {
  fprintf(stderr, "rapp check: %s\nTry 'rapp check --help'.\n", what);
  return RAPP_EXIT_USAGE;
}

int cmd_check(int argc, char **argv) {
  const char *path = NULL;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (cli_is_help(a)) {
      fputs(help, stdout);
      return RAPP_EXIT_OK;
    } else if (a[0] == '-' && a[1] != '\0') {
      char msg[256];
      snprintf(msg, sizeof msg, "unknown option '%s'", a);
      return usage_error(msg);
    } else if (!path) {
      path = a;
    } else {
      return usage_error("give one snapshot");
    }
  }
  if (!path) return usage_error("missing the snapshot to check (rapp check SNAPSHOT)");
  rapp_err err;
  err_clear(&err);
  db_stats st;
  if (db_check(path, stderr, &st, &err) < 0) {
    fprintf(stderr, "rapp check: %s\n", err.msg);
    return RAPP_EXIT_DATA;
  }
  if (st.problems > 0) {
    fprintf(stderr, "rapp check: %s: %d problem%s\n", path, st.problems, st.problems == 1 ? "" : "s");
    return RAPP_EXIT_DATA;
  }
  printf("rapp check: %s: no problems (%d tables, %lld rows)\n", path, st.tables, st.rows);
  return RAPP_EXIT_OK;
}
