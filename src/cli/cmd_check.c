/* cli/cmd_check.c — `rapp check`. Placeholder until its issue lands. */
#include <stdio.h>

#include "cli/commands.h"
#include "util/err.h"

int cmd_check(int argc, char **argv) {
  (void)argc;
  (void)argv;
  fprintf(stderr, "rapp check: not implemented yet\n");
  return RAPP_EXIT_DATA;
}
