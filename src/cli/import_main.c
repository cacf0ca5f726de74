/* cli/import_main.c — `rapp-import`, the program `rapp import` runs (cli/import_exec.c): the
 * import and its readers of Noark 5 (libxml2) and Excel (libzip) extracts live here, so rapp
 * itself does not load those libraries (and ICU, libstdc++ and libcrypto behind them) on every
 * `rapp run` (issue 15). Takes the arguments of `rapp import` (argv[0] is not read). */
#include <locale.h>

#include "cli/commands.h"

int main(int argc, char **argv) {
  setlocale(LC_ALL, "C"); /* as rapp (cli/main.c): the C locale's decimal point everywhere */
  return cmd_import(argc, argv);
}
