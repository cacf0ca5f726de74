/* util/utf8.c — see utf8.h. */
#include "util/utf8.h"

#include <stdarg.h>
#include <string.h>

#include "util/buf.h"

size_t utf8_decode(const char *s, size_t n, uint32_t *cp) {
  const unsigned char *u = (const unsigned char *)s;
  if (n == 0) return 0;
  if (u[0] < 0x80) {
    *cp = u[0];
    return 1;
  }
  size_t len;
  uint32_t c, min;
  if ((u[0] & 0xE0) == 0xC0) {
    len = 2, c = u[0] & 0x1F, min = 0x80;
  } else if ((u[0] & 0xF0) == 0xE0) {
    len = 3, c = u[0] & 0x0F, min = 0x800;
  } else if ((u[0] & 0xF8) == 0xF0) {
    len = 4, c = u[0] & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (n < len) return 0;
  for (size_t i = 1; i < len; i++) {
    if ((u[i] & 0xC0) != 0x80) return 0;
    c = (c << 6) | (u[i] & 0x3F);
  }
  if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return 0;
  *cp = c;
  return len;
}

size_t utf8_encode(uint32_t cp, char *out) {
  unsigned char *o = (unsigned char *)out;
  if (cp < 0x80) {
    o[0] = (unsigned char)cp;
    return 1;
  }
  if (cp < 0x800) {
    o[0] = (unsigned char)(0xC0 | (cp >> 6));
    o[1] = (unsigned char)(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    o[0] = (unsigned char)(0xE0 | (cp >> 12));
    o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[2] = (unsigned char)(0x80 | (cp & 0x3F));
    return 3;
  }
  o[0] = (unsigned char)(0xF0 | (cp >> 18));
  o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
  o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
  o[3] = (unsigned char)(0x80 | (cp & 0x3F));
  return 4;
}

size_t utf8_invalid_at(const char *s, size_t n) {
  size_t i = 0;
  uint32_t cp;
  while (i < n) {
    size_t len = utf8_decode(s + i, n - i, &cp);
    if (!len) return i;
    i += len;
  }
  return (size_t)-1;
}

char *utf8_sanitize(const char *s, size_t n) {
  rapp_buf b = {0};
  buf_reserve(&b, n);
  size_t i = 0;
  uint32_t cp;
  while (i < n) {
    size_t len = utf8_decode(s + i, n - i, &cp);
    if (len) {
      buf_append(&b, s + i, len);
      i += len;
    } else {
      buf_puts(&b, "\xEF\xBF\xBD");
      i++;
    }
  }
  buf_append(&b, "", 0); /* NUL-terminates, also when n == 0 (buf_reserve alone does not) */
  return b.data;
}

int utf8_is_invisible(uint32_t cp) {
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0xAD || cp == 0x61C || cp == 0x180E ||
         (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x2028 && cp <= 0x202E) ||
         (cp >= 0x2060 && cp <= 0x2064) || (cp >= 0x2066 && cp <= 0x206F) || cp == 0xFEFF ||
         (cp >= 0xFFF9 && cp <= 0xFFFB) || (cp >= 0xE0000 && cp <= 0xE007F);
}

void utf8_put_terminal_safe(rapp_buf *out, const char *s, size_t n, int keep_newlines) {
  size_t i = 0;
  while (i < n) {
    uint32_t cp;
    size_t len = utf8_decode(s + i, n - i, &cp);
    if (len == 0) { /* an invalid byte */
      buf_printf(out, "\\x%02x", (unsigned char)s[i]);
      i++;
      continue;
    }
    if (!utf8_is_invisible(cp) || ((cp == '\n' || cp == '\t') && keep_newlines))
      buf_append(out, s + i, len);
    else if (cp == '\n')
      buf_puts(out, "\\n");
    else if (cp == '\t')
      buf_puts(out, "\\t");
    else if (cp == '\r')
      buf_puts(out, "\\r");
    else if (cp < 0x80)
      buf_printf(out, "\\x%02x", (unsigned)cp);
    else
      buf_printf(out, "\\u{%x}", (unsigned)cp);
    i += len;
  }
  buf_append(out, "", 0);
}

void utf8_fprintf_safe(FILE *f, const char *fmt, ...) {
  rapp_buf raw = {0}, safe = {0};
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (n > 0) {
    buf_reserve(&raw, (size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(raw.data, (size_t)n + 1, fmt, ap);
    va_end(ap);
    raw.len = (size_t)n;
    utf8_put_terminal_safe(&safe, raw.data, raw.len, 1);
    fwrite(safe.data, 1, safe.len, f);
  }
  buf_free(&raw);
  buf_free(&safe);
}
