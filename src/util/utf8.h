/* util/utf8.h — UTF-8 validation and decoding. Text from snapshots and scripts is checked here
 * before any renderer sees it (libharu and libxlsxwriter garble or write invalid UTF-8 as is). */
#ifndef RAPP_UTIL_UTF8_H
#define RAPP_UTIL_UTF8_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "util/buf.h"

/* Decodes one code point at s (n bytes available). Returns its length in bytes (1-4) and sets
 * *cp, or returns 0 for an invalid or truncated sequence (overlongs, surrogates and values above
 * U+10FFFF are invalid). */
size_t utf8_decode(const char *s, size_t n, uint32_t *cp);
/* Encodes cp into out (4 bytes room); returns the length. */
size_t utf8_encode(uint32_t cp, char *out);
/* Returns the byte offset of the first invalid sequence, or (size_t)-1 when s is valid. */
size_t utf8_invalid_at(const char *s, size_t n);
/* Returns a malloc'ed copy with every invalid sequence replaced by U+FFFD. Caller frees. */
char *utf8_sanitize(const char *s, size_t n);

/* Whether cp is invisible or changes how the text around it is shown: C0 and C1 controls, DEL,
 * the soft hyphen, zero-width characters, bidirectional controls, U+FEFF, tag characters. */
int utf8_is_invisible(uint32_t cp);

/* The one way text from data or scripts reaches a terminal: appends s[0..n) to out with every
 * control character written as an escape, so CSV values, snapshot values and script titles
 * cannot move the cursor, retitle the window or hide text. ESC and other C0 bytes and DEL become
 * \x1b, \x7f ... (\r, and \t and \n unless keep_newlines), invalid UTF-8 bytes \xNN, and the other
 * invisible characters (utf8_is_invisible: C1 controls, zero-width and bidirectional marks,
 * U+FEFF) \u{feff}. Backslashes are left as they are. */
void utf8_put_terminal_safe(rapp_buf *out, const char *s, size_t n, int keep_newlines);
/* fprintf through utf8_put_terminal_safe (newlines and tabs kept): for lines that quote data. */
void utf8_fprintf_safe(FILE *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
