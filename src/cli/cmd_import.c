/* cli/cmd_import.c — `rapp import`. Placeholder until its issue lands. */
#include <stdio.h>

#include "cli/commands.h"
#include "util/err.h"

int cmd_import(int argc, char **argv) {
  (void)argc;
  (void)argv;
  fprintf(stderr, "rapp import: not implemented yet\n");
  return RAPP_EXIT_DATA;
}
