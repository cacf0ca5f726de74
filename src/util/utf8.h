/* util/utf8.h — UTF-8 validation and decoding. Text from snapshots and scripts is checked here
 * before any renderer sees it (libharu and libxlsxwriter garble or write invalid UTF-8 as is). */
#ifndef RAPP_UTIL_UTF8_H
#define RAPP_UTIL_UTF8_H

#include <stddef.h>
#include <stdint.h>

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

#endif
