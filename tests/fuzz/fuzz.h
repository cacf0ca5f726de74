/* tests/fuzz/fuzz.h — the one entry point every harness in tests/fuzz/ defines (libFuzzer's),
 * so the same file links with libFuzzer (clang, -fsanitize=fuzzer) or with replay.c (any
 * compiler), which feeds it the committed corpus under ctest. */
#ifndef RAPP_TESTS_FUZZ_H
#define RAPP_TESTS_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Aborts with the message when an invariant a harness checks does not hold (a finding). */
#define FUZZ_ASSERT(cond)                                                                      \
  do {                                                                                         \
    if (!(cond)) fuzz_fail(__FILE__, __LINE__, #cond);                                         \
  } while (0)
void fuzz_fail(const char *file, int line, const char *what);

#endif
