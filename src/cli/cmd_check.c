/* cli/cmd_check.c — `rapp check SNAPSHOT`: validates a snapshot without modifying it (db_check
 * in db/db_check.c does the work). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "db/db.h"
#include "lua/script.h"
#include "util/err.h"
#include "util/utf8.h"

static const char help[] =
    "Usage: rapp check SNAPSHOT [--time-limit SECONDS]\n"
    "\n"
    "Validates a snapshot made by 'rapp import' or by any other means (e.g. the sqlite3 shell):\n"
    "the schema version (PRAGMA user_version), the tables and columns of the schema, the type\n"
    "of every value, and the same rules as the import (required values, references, keys,\n"
    "periods and dates, allowed values, limits in the right order for the indicator's direction).\n"
    "A view of the schema that the snapshot lacks or holds with another text (an older rapp's) is\n"
    "a note on stderr, not a problem: reports always use this rapp's views.\n"
    "Every problem is printed as\n"
    "  table 'unit', row 12 (code 'ENH1'): column 'area_code': unknown area 'XYZ'\n"
    "where row is the SQLite rowid; many problems with one cause are one line with their count.\n"
    "A table that lacks a column, or is a view, is reported and not read; the others are checked.\n"
    "The snapshot is opened read-only and never modified.\n"
    "\n"
    "Options:\n"
    "  --time-limit SECONDS  wall-clock limit of the whole check (default 300, as for rapp run)\n"
    "  -h, --help            this help\n"
    "\n"
    "Exit codes: 0 no problems, 1 problems found or the snapshot cannot be read, 2 usage error.\n";

static int usage_error(const char *what) {
  utf8_fprintf_safe(stderr, "rapp check: %s\nTry 'rapp check --help'.\n", what);
  return RAPP_EXIT_USAGE;
}

int cmd_check(int argc, char **argv) {
  const char *path = NULL;
  double seconds = SCRIPT_DEFAULT_SECONDS;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (cli_is_help(a)) {
      fputs(help, stdout);
      return RAPP_EXIT_OK;
    } else if (strcmp(a, "--time-limit") == 0 || strncmp(a, "--time-limit=", 13) == 0) {
      const char *v = a[12] == '=' ? a + 13 : i + 1 < argc ? argv[++i] : "";
      char *end, msg[256];
      seconds = strtod(v, &end);
      if (!*v || *end || !(seconds > 0 && seconds <= 1e6)) {
        snprintf(msg, sizeof msg, "--time-limit '%.200s': give seconds (e.g. 60 or 0.5)", v);
        return usage_error(msg);
      }
    } else if (a[0] == '-' && a[1] != '\0') {
      char msg[256];
      snprintf(msg, sizeof msg, "unknown option '%.200s'", a);
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
  if (db_check(path, seconds, stderr, &st, &err) < 0) {
    utf8_fprintf_safe(stderr, "rapp check: %s\n", err.msg);
    return RAPP_EXIT_DATA;
  }
  if (st.problems > 0) {
    utf8_fprintf_safe(stderr, "rapp check: %s: %d problem%s\n", path, st.problems,
                      st.problems == 1 ? "" : "s");
    return RAPP_EXIT_DATA;
  }
  utf8_fprintf_safe(stdout, "rapp check: %s: no problems (%d tables, %lld rows)\n", path, st.tables,
                    st.rows);
  return RAPP_EXIT_OK;
}
