/* util/buf.h — a growable byte buffer, always NUL-terminated.
 *
 * A zero-initialised rapp_buf is empty and valid. Out of memory is not an error to handle: the
 * buffer aborts the process with a message (Rapp is a batch tool; a half-built value is worse).
 * Caller owns the buffer and frees it with buf_free. */
#ifndef RAPP_UTIL_BUF_H
#define RAPP_UTIL_BUF_H

#include <stddef.h>

typedef struct rapp_buf {
  char *data;  /* NUL-terminated when len > 0 or after any append; may be NULL when empty */
  size_t len;
  size_t cap;
} rapp_buf;

void buf_reserve(rapp_buf *b, size_t extra);
void buf_append(rapp_buf *b, const void *data, size_t len);
void buf_puts(rapp_buf *b, const char *s);
void buf_putc(rapp_buf *b, char c);
void buf_printf(rapp_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_reset(rapp_buf *b);   /* length 0, memory kept */
void buf_free(rapp_buf *b);
/* Returns the contents (never NULL: "" when empty). */
const char *buf_str(const rapp_buf *b);

/* Allocation helpers that abort with a message on out-of-memory. */
/* Installs fn to be called with the size asked for when one of them fails, before the message
 * and abort (NULL: none). fn must not allocate; it should not return (e.g. report and _exit). */
void xalloc_on_failure(void (*fn)(size_t n));
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

#endif
