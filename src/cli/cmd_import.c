/* cli/cmd_import.c — `rapp import DIR -o SNAPSHOT`: builds a snapshot from CSV extracts
 * (db_import in db/db_import.c does the work). */
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "db/db.h"
#include "util/err.h"
#include "util/utf8.h"

static const char help[] =
    "Usage: rapp import DIR -o SNAPSHOT\n"
    "\n"
    "Builds a snapshot (SQLite, schema version 2) from a folder of CSV files, one per table,\n"
    "named <table>.csv (area.csv, unit.csv, indicator.csv, result.csv, ...). docs/schema.md lists\n"
    "the tables, their columns and the accepted formats: UTF-8 with or without BOM, ';' or ','\n"
    "separator, quoted fields, decimal comma, no-break-space thousands separators, dates as\n"
    "YYYY-MM-DD or DD.MM.YYYY, an empty field for no value.\n"
    "\n"
    "Every problem is reported as 'file:line: column 'x': reason', all of them in one run: a\n"
    "file with a wrong header does not stop the others from being checked. Three or more\n"
    "problems with one cause (an unknown unit code in 846 rows) are one line with their count\n"
    "and first places. Only regular files are read (a link to one is followed; a FIFO or a\n"
    "device is refused), each at most 1 GiB.\n"
    "SNAPSHOT is written only when everything passed (through a temporary file that is renamed\n"
    "into place); an existing SNAPSHOT is left untouched on failure, and an interrupted import\n"
    "(Ctrl-C, SIGTERM, SIGHUP) leaves nothing behind. SNAPSHOT may not be inside DIR.\n"
    "\n"
    "Options:\n"
    "  -o, --output SNAPSHOT  the snapshot file to write (required)\n"
    "  -h, --help             this help\n"
    "\n"
    "Exit codes: 0 written, 1 the data is at fault (nothing written), 2 usage error.\n";

static int usage_error(const char *what) {
  utf8_fprintf_safe(stderr, "rapp import: %s\nTry 'rapp import --help'.\n", what);
  return RAPP_EXIT_USAGE;
}

int cmd_import(int argc, char **argv) {
  const char *dir = NULL, *out = NULL;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (cli_is_help(a)) {
      fputs(help, stdout);
      return RAPP_EXIT_OK;
    } else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
      if (i + 1 >= argc) return usage_error("option -o needs a file name");
      out = argv[++i];
    } else if (strncmp(a, "--output=", 9) == 0) {
      out = a + 9;
    } else if (a[0] == '-' && a[1] != '\0') {
      char msg[256];
      snprintf(msg, sizeof msg, "unknown option '%.200s'", a);
      return usage_error(msg);
    } else if (!dir) {
      dir = a;
    } else {
      return usage_error("give one folder of CSV files");
    }
  }
  if (!dir) return usage_error("missing the folder of CSV files (rapp import DIR -o SNAPSHOT)");
  if (!out || !*out) return usage_error("missing -o SNAPSHOT");
  rapp_err err;
  err_clear(&err);
  db_stats st;
  if (db_import(dir, out, stderr, &st, &err) < 0) {
    utf8_fprintf_safe(stderr, "rapp import: %s\n", err.msg);
    return err.exit_code ? err.exit_code : RAPP_EXIT_DATA;
  }
  utf8_fprintf_safe(stdout, "rapp import: wrote %s (%d tables, %lld rows, %.2f s)\n", out,
                    st.tables, st.rows, st.seconds);
  return RAPP_EXIT_OK;
}
