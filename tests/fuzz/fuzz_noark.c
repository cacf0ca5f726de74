/* tests/fuzz/fuzz_noark.c — the Noark 5 extract reader (db/src_noark.c, libxml2) through
 * db_import; see fuzz_source.inc. */
#define FUZZ_SOURCE_NAME "arkivstruktur.xml"
#include "fuzz_source.inc"
