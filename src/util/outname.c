/* util/outname.c — output file names built and checked in C (see outname.h). */
#include "util/outname.h"

#include <stdio.h>

static int name_char(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_';
}

static int alnum(unsigned char c) {
  return name_char(c) && c != '-' && c != '_';
}

/* The value as it may appear in a message: printable ASCII as is, any other byte as \xNN (no
 * terminal escape sequence reaches the user's screen), at most 40 bytes then "...". */
static void shown(rapp_buf *b, const char *s, size_t len) {
  size_t n = len > 40 ? 40 : len;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c >= 0x20 && c < 0x7f && c != '\\')
      buf_putc(b, (char)c);
    else
      buf_printf(b, "\\x%02X", c);
  }
  if (n < len) buf_puts(b, "...");
}

int outname_check_part(const char *s, size_t len, char *why, size_t n) {
  if (len == 0) {
    snprintf(why, n, "it is empty");
    return -1;
  }
  if (len > OUTNAME_PART_MAX) {
    snprintf(why, n, "it is %zu bytes long (at most %d)", len, OUTNAME_PART_MAX);
    return -1;
  }
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)s[i];
    if (name_char(c) && (i > 0 || alnum(c))) continue;
    if (c >= 0x20 && c < 0x7f)
      snprintf(why, n, "it %s '%c'", i == 0 ? "starts with" : "contains", c);
    else
      snprintf(why, n, "it %s the byte \\x%02X", i == 0 ? "starts with" : "contains", c);
    return -1;
  }
  return 0;
}

int outname_build(size_t n, const char *const *parts, const size_t *lens, const char *const *what,
                  rapp_buf *out, rapp_err *err) {
  size_t total = n > 0 ? n - 1 : 0; /* the dashes */
  for (size_t i = 0; i < n; i++) {
    char why[96];
    if (outname_check_part(parts[i], lens[i], why, sizeof why) != 0) {
      rapp_buf b = {0};
      shown(&b, parts[i], lens[i]);
      err_set(err,
              "%s '%s' cannot be part of the output file name: %s. A name part is 1-%d of the "
              "characters A-Z a-z 0-9 - _ and starts with a letter or digit",
              what[i], buf_str(&b), why, OUTNAME_PART_MAX);
      buf_free(&b);
      return -1;
    }
    total += lens[i];
  }
  if (total > OUTNAME_MAX) {
    rapp_buf b = {0};
    shown(&b, parts[0], lens[0]);
    err_set(err,
            "the output file name of report '%s' would be %zu bytes long (at most %d); shorten the "
            "report's name",
            buf_str(&b), total, OUTNAME_MAX);
    buf_free(&b);
    return -1;
  }
  for (size_t i = 0; i < n; i++) {
    if (i > 0) buf_putc(out, '-');
    buf_append(out, parts[i], lens[i]);
  }
  return 0;
}
