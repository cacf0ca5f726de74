/* tests/fuzz/fuzz_util.c — helpers shared by the harnesses (linked into both the libFuzzer and
 * the replay variant). */
#include <stdio.h>
#include <stdlib.h>

#include "fuzz.h"

void fuzz_fail(const char *file, int line, const char *what) {
  fprintf(stderr, "%s:%d: invariant failed: %s\n", file, line, what);
  abort();
}
