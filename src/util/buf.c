/* util/buf.c — see buf.h. */
#include "util/buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void (*on_failure)(size_t n);

void xalloc_on_failure(void (*fn)(size_t n)) { on_failure = fn; }

static void out_of_memory(size_t n) {
  if (on_failure) on_failure(n);
  fprintf(stderr, "rapp: out of memory (asked for %zu bytes)\n", n);
  abort();
}

void *xmalloc(size_t n) {
  void *p = malloc(n ? n : 1);
  if (!p) out_of_memory(n);
  return p;
}

void *xcalloc(size_t n, size_t size) {
  void *p = calloc(n ? n : 1, size ? size : 1);
  if (!p) out_of_memory(n * size);
  return p;
}

void *xrealloc(void *p, size_t n) {
  void *q = realloc(p, n ? n : 1);
  if (!q) out_of_memory(n);
  return q;
}

char *xstrdup(const char *s) {
  size_t n = strlen(s) + 1;
  char *p = xmalloc(n);
  memcpy(p, s, n);
  return p;
}

void buf_reserve(rapp_buf *b, size_t extra) {
  size_t need = b->len + extra + 1;
  if (need <= b->cap) return;
  size_t cap = b->cap ? b->cap : 64;
  while (cap < need) cap *= 2;
  b->data = xrealloc(b->data, cap);
  b->cap = cap;
}

void buf_append(rapp_buf *b, const void *data, size_t len) {
  buf_reserve(b, len);
  if (len) memcpy(b->data + b->len, data, len);
  b->len += len;
  b->data[b->len] = '\0';
}

void buf_puts(rapp_buf *b, const char *s) { buf_append(b, s, strlen(s)); }

void buf_putc(rapp_buf *b, char c) { buf_append(b, &c, 1); }

void buf_printf(rapp_buf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (n <= 0) return;
  buf_reserve(b, (size_t)n);
  va_start(ap, fmt);
  vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
  va_end(ap);
  b->len += (size_t)n;
}

void buf_reset(rapp_buf *b) {
  b->len = 0;
  if (b->data) b->data[0] = '\0';
}

void buf_free(rapp_buf *b) {
  free(b->data);
  b->data = NULL;
  b->len = b->cap = 0;
}

const char *buf_str(const rapp_buf *b) { return b->data ? b->data : ""; }
