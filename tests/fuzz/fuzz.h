/* tests/fuzz/fuzz.h — the one entry point every harness in tests/fuzz/ defines (libFuzzer's),
 * so the same file links with libFuzzer (clang, -fsanitize=fuzzer) or with replay.c (any
 * compiler), which feeds it the committed corpus under ctest. */
#ifndef RAPP_TESTS_FUZZ_H
#define RAPP_TESTS_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Aborts with the message when an invariant a harness checks does not hold (a finding). */
#define FUZZ_ASSERT(cond)                              \
  do {                                                 \
    if (!(cond)) fuzz_fail(__FILE__, __LINE__, #cond); \
  } while (0)
void fuzz_fail(const char *file, int line, const char *what);

/* A private temporary folder, made on first use and removed at exit. */
const char *fuzz_tmp_dir(void);
/* A snapshot imported once per process from tests/import/base into fuzz_tmp_dir(). */
const char *fuzz_snapshot(void);
/* FNV-1a of a file's bytes (0 when it cannot be read). */
uint64_t fuzz_file_hash(const char *path);
/* The names in a folder, sorted, one a line (caller frees). */
char *fuzz_dir_listing(const char *dir);
/* rapp import of in_dir: fails cleanly (message, no file) or gives a snapshot rapp check finds
 * clean; the temporary folder's listing is listing0 afterwards. */
void fuzz_import_and_check(const char *in_dir, const char *out_path, FILE *devnull,
                           const char *listing0);

#endif
