/* util/outname.h — the name of a report's output files, built and checked here in C from the
 * report's declared name and its period/area/unit codes, never taken from the script as a
 * finished string: "<report>-<code>[-<code>...]", e.g. "kvartalsrapport-2026-Q3-OPPV".
 *
 * Norwegian and North Sámi letters are first spelt in ASCII (Ø -> O, å -> aa, č -> c: an area
 * code 'ØKO' gives "...-OKO"). Rule: every part is 1 to OUTNAME_PART_MAX bytes of A-Z a-z 0-9 - _ and starts with a letter
 * or digit; the whole name is at most OUTNAME_MAX bytes. So a name can never leave the output
 * folder (no '/', no '.'), hide a file (no leading dot) or carry control characters, whatever
 * the script did to its own copy of the string library. */
#ifndef RAPP_UTIL_OUTNAME_H
#define RAPP_UTIL_OUTNAME_H

#include <stddef.h>

#include "util/buf.h"
#include "util/err.h"

#define OUTNAME_PART_MAX 100
#define OUTNAME_MAX 200

/* 0 when s[0..len) is an acceptable part; else -1 and why (what is wrong, for a message) is
 * written to why[0..n). */
int outname_check_part(const char *s, size_t len, char *why, size_t n);

/* Appends parts[0..n) (lens[i] bytes each) joined by '-' to out. what[i] names part i in messages
 * ("the report name", "parameter 'area'"). -1 with err (exit 1) when a part or the whole is
 * refused; out is then unchanged. */
int outname_build(size_t n, const char *const *parts, const size_t *lens, const char *const *what,
                  rapp_buf *out, rapp_err *err);

#endif
