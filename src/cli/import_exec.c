/* cli/import_exec.c — `rapp import` in rapp: runs the program rapp-import from the folder rapp
 * itself is in (the build folder, or the bin/ folder it was installed to), with the same
 * arguments. The import is a program of its own so that rapp does not load libxml2 and libzip
 * (and ICU, libstdc++ and libcrypto behind them): that dynamic linking was a third of the fixed
 * cost of every `rapp run` (issue 15; bench/README.md). */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/commands.h"
#include "util/err.h"
#include "util/utf8.h"

int cmd_import_exec(int argc, char **argv) {
  (void)argc;
  char self[PATH_MAX], prog[PATH_MAX + 16];
  ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
  if (n <= 0) {
    utf8_fprintf_safe(stderr, "rapp import: cannot find the folder rapp is in (/proc/self/exe: %s)\n",
                      strerror(errno));
    return RAPP_EXIT_DATA;
  }
  self[n] = '\0';
  char *slash = strrchr(self, '/');
  if (slash) *slash = '\0';
  snprintf(prog, sizeof prog, "%s/rapp-import", slash ? self : ".");
  argv[0] = prog;
  execv(prog, argv);
  utf8_fprintf_safe(stderr,
                    "rapp import: cannot run %s: %s\n"
                    "(the import is the program rapp-import, built and installed beside rapp)\n",
                    prog, strerror(errno));
  return RAPP_EXIT_DATA;
}
