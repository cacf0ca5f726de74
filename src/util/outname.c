/* util/outname.c — output file names built and checked in C (see outname.h). */
#include "util/outname.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* Norwegian and North Sámi letters as plain ASCII, the way Norwegians spell them without the
 * letters (ØKONOMI -> OKONOMI, Kåfjord -> Kaafjord, Čáhcesuolu -> Cahcesuolu); NULL for any other
 * sequence. Codes such as an area 'ØKO' are ordinary in a municipality's snapshot. */
static const char *ascii_for(const char *s, size_t left, size_t *used) {
  static const char *const map[][2] = {
      {"æ", "ae"}, {"Æ", "AE"}, {"ø", "o"}, {"Ø", "O"}, {"å", "aa"}, {"Å", "AA"},
      {"á", "a"},  {"Á", "A"},  {"č", "c"}, {"Č", "C"}, {"đ", "d"},  {"Đ", "D"},
      {"ŋ", "n"},  {"Ŋ", "N"},  {"š", "s"}, {"Š", "S"}, {"ŧ", "t"},  {"Ŧ", "T"},
      {"ž", "z"},  {"Ž", "Z"},  {"ä", "a"}, {"Ä", "A"}, {"ö", "o"},  {"Ö", "O"}};
  for (size_t i = 0; i < sizeof map / sizeof map[0]; i++) {
    size_t k = 0;
    while (map[i][0][k]) k++;
    if (k <= left && memcmp(s, map[i][0], k) == 0) {
      *used = k;
      return map[i][1];
    }
  }
  return NULL;
}

/* s[0..len) with the letters of ascii_for replaced, into b. */
static void transliterate(rapp_buf *b, const char *s, size_t len) {
  for (size_t i = 0; i < len;) {
    size_t used;
    const char *a = (unsigned char)s[i] >= 0x80 ? ascii_for(s + i, len - i, &used) : NULL;
    if (a) {
      buf_puts(b, a);
      i += used;
    } else {
      buf_putc(b, s[i++]);
    }
  }
  buf_append(b, "", 0);
}

int outname_build(size_t n, const char *const *given, const size_t *given_lens,
                  const char *const *what, rapp_buf *out, rapp_err *err) {
  size_t total = n > 0 ? n - 1 : 0; /* the dashes */
  rapp_buf plain = {0};
  size_t *starts = xcalloc(n ? n : 1, sizeof *starts), *lens = xcalloc(n ? n : 1, sizeof *lens);
  for (size_t i = 0; i < n; i++) {
    starts[i] = plain.len;
    transliterate(&plain, given[i], given_lens[i]);
    lens[i] = plain.len - starts[i];
  }
  int rc = -1;
  for (size_t i = 0; i < n; i++) {
    const char *part = plain.data + starts[i];
    char why[96];
    if (outname_check_part(part, lens[i], why, sizeof why) != 0) {
      rapp_buf b = {0};
      shown(&b, given[i], given_lens[i]);
      err_set(err,
              "%s '%s' cannot be part of the output file name: %s. A name part is 1-%d of the "
              "characters A-Z a-z 0-9 - _ and starts with a letter or digit",
              what[i], buf_str(&b), why, OUTNAME_PART_MAX);
      buf_free(&b);
      goto done;
    }
    total += lens[i];
  }
  if (total > OUTNAME_MAX) {
    rapp_buf b = {0};
    shown(&b, given[0], given_lens[0]);
    err_set(err,
            "the output file name of report '%s' would be %zu bytes long (at most %d); shorten the "
            "report's name",
            buf_str(&b), total, OUTNAME_MAX);
    buf_free(&b);
    goto done;
  }
  for (size_t i = 0; i < n; i++) {
    if (i > 0) buf_putc(out, '-');
    buf_append(out, plain.data + starts[i], lens[i]);
  }
  rc = 0;
done:
  buf_free(&plain);
  free(starts);
  free(lens);
  return rc;
}
