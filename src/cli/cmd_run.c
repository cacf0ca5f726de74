/* cli/cmd_run.c — `rapp run`. Placeholder until its issue lands. */
#include <stdio.h>

#include "cli/commands.h"
#include "util/err.h"

int cmd_run(int argc, char **argv) {
  (void)argc;
  (void)argv;
  fprintf(stderr, "rapp run: not implemented yet\n");
  return RAPP_EXIT_DATA;
}
