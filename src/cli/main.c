/* cli/main.c — `rapp`: dispatches to a subcommand (cli/cmd_*.c). */
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "util/err.h"

static const char usage[] =
    "Usage: rapp COMMAND [ARGS...]\n"
    "\n"
    "Rapp turns a SQLite snapshot of a municipality's governance data into reports (PDF, XLSX)\n"
    "by running Lua report scripts.\n"
    "\n"
    "Commands:\n"
    "  import DIR -o SNAPSHOT   build a snapshot from a folder of CSV files (one per table)\n"
    "  check SNAPSHOT           validate a snapshot and list every problem\n"
    "  run SCRIPT --db SNAPSHOT run one report script and write its outputs\n"
    "  run SCRIPT --db SNAPSHOT --each unit\n"
    "                           the report once per unit (or area, ...), in parallel (-j N)\n"
    "  batch PLAN --db SNAPSHOT run the reports a batch plan lists\n"
    "  manifest merge INPUT... -o OUT\n"
    "                           join the manifests of a sharded batch\n"
    "  list [DIR]               list the report scripts in DIR (default: reports/)\n"
    "\n"
    "Options:\n"
    "  -h, --help               this help; `rapp COMMAND --help` explains one command\n"
    "  -V, --version            print the version\n"
    "\n"
    "Exit codes: 0 success, 1 the data or the script is at fault, 2 usage error.\n"
    "3 (rapp run --each, rapp batch): some items failed; the others were written.\n";

int main(int argc, char **argv) {
  /* Rationale: everything Rapp writes (CSV parsing, SQL, libxlsxwriter's XML) assumes the C
   * locale's decimal point. Never call setlocale with anything else. */
  setlocale(LC_ALL, "C");

  static const struct {
    const char *name;
    int (*fn)(int, char **);
  } commands[] = {
      {"import", cmd_import_exec}, {"check", cmd_check}, {"run", cmd_run}, {"list", cmd_list},
      {"batch", cmd_batch},   {"manifest", cmd_manifest}};

  if (argc < 2) {
    fputs(usage, stderr);
    return RAPP_EXIT_USAGE;
  }
  if (cli_is_help(argv[1])) {
    fputs(usage, stdout);
    return RAPP_EXIT_OK;
  }
  if (strcmp(argv[1], "-V") == 0 || strcmp(argv[1], "--version") == 0) {
    printf("rapp %s\n", RAPP_VERSION);
    return RAPP_EXIT_OK;
  }
  for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
    if (strcmp(argv[1], commands[i].name) == 0) return commands[i].fn(argc - 1, argv + 1);
  fprintf(stderr, "rapp: unknown command '%s'\n\n%s", argv[1], usage);
  return RAPP_EXIT_USAGE;
}
