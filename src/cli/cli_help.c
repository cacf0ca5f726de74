/* cli/cli_help.c — cli_is_help (commands.h), shared by rapp and rapp-import. */
#include <string.h>

#include "cli/commands.h"

int cli_is_help(const char *s) { return strcmp(s, "-h") == 0 || strcmp(s, "--help") == 0; }
