/* tests/fuzz/fuzz_kostra.c — the KOSTRA accounts file reader (db/src_kostra.c) through
 * db_import; see fuzz_source.inc. */
#define FUZZ_SOURCE_NAME "regnskap.kostra"
#include "fuzz_source.inc"
