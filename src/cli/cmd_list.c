/* cli/cmd_list.c — `rapp list`. Placeholder until its issue lands. */
#include <stdio.h>

#include "cli/commands.h"
#include "util/err.h"

int cmd_list(int argc, char **argv) {
  (void)argc;
  (void)argv;
  fprintf(stderr, "rapp list: not implemented yet\n");
  return RAPP_EXIT_DATA;
}
