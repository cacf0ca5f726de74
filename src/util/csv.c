/* util/csv.c — see csv.h. One pass over an in-memory copy of the file: the extracts are at most
 * some hundred megabytes, and reading the whole file keeps the state machine trivial. */
#include "util/csv.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/file.h"

int csv_open_file(csv_reader *r, const char *path, size_t max_bytes, rapp_err *err) {
  memset(r, 0, sizeof *r);
  struct stat sb;
  int fd = file_open_regular(path, max_bytes, "CSV file", &sb, err);
  if (fd < 0) return -1;
  rapp_buf b = {0};
  buf_reserve(&b, (size_t)sb.st_size + 1); /* + 1: the read that finds the end needs room */
  for (;;) {
    if (b.cap - b.len - 1 == 0) buf_reserve(&b, 65536);
    ssize_t n = read(fd, b.data + b.len, b.cap - b.len - 1);
    if (n == 0) break;
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 || b.len + (size_t)n > max_bytes) { /* a file that grows while it is read */
      int e = n < 0 ? errno : 0;
      close(fd);
      buf_free(&b);
      return e ? err_set(err, "cannot read it: %s", strerror(e))
               : err_set(err, "more than the %zu bytes a CSV file may have", max_bytes);
    }
    b.len += (size_t)n;
  }
  close(fd);
  b.data[b.len] = '\0';
  csv_open_mem(r, b.data, b.len);
  r->owned = b.data;
  return 0;
}

void csv_open_mem(csv_reader *r, const char *data, size_t len) {
  memset(r, 0, sizeof *r);
  r->data = data;
  r->len = len;
  r->line = 1;
  if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) r->pos = 3; /* BOM */
}

/* ';' if the first line has any ';' at least as often as ',', else ',' if it has any, else ';'
 * (a one-column file). Quoted text is not counted. */
static char detect_sep(const csv_reader *r) {
  size_t semi = 0, comma = 0;
  int quoted = 0;
  for (size_t i = r->pos; i < r->len; i++) {
    char c = r->data[i];
    if (c == '"') quoted = !quoted;
    else if (!quoted && (c == '\n' || c == '\r')) break;
    else if (!quoted && c == ';') semi++;
    else if (!quoted && c == ',') comma++;
  }
  if (semi && semi >= comma) return ';';
  return comma ? ',' : ';';
}

static void end_field(csv_reader *r, size_t start) {
  if (r->nfields == r->cap) {
    r->cap = r->cap ? r->cap * 2 : 32;
    r->offs = xrealloc(r->offs, r->cap * sizeof *r->offs);
    r->lens = xrealloc(r->lens, r->cap * sizeof *r->lens);
  }
  r->offs[r->nfields] = start;
  r->lens[r->nfields] = r->store.len - start;
  r->nfields++;
  buf_putc(&r->store, '\0');
}

int csv_next(csv_reader *r, rapp_err *err) {
  const char *d = r->data;
  size_t n = r->len, p = r->pos;
  /* skip empty lines */
  while (p < n && (d[p] == '\n' || (d[p] == '\r' && p + 1 < n && d[p + 1] == '\n'))) {
    if (d[p] == '\r') p++;
    p++;
    r->line++;
  }
  r->pos = p;
  r->nfields = 0;
  r->problem[0] = '\0';
  buf_reset(&r->store);
  if (p >= n) return 0;
  if (!r->sep) r->sep = detect_sep(r);
  r->rec_line = r->line;
  char sep = r->sep;
  for (;;) { /* one field per iteration */
    size_t start = r->store.len;
    buf_reserve(&r->store, 1);
    if (p < n && d[p] == '"') {
      long qline = r->line;
      p++;
      for (;;) {
        if (p >= n) {
          r->pos = p;
          r->rec_line = qline;
          return err_set(err, "quoted field opened on this line never ends");
        }
        if (d[p] == '"') {
          if (p + 1 < n && d[p + 1] == '"') {
            buf_putc(&r->store, '"');
            p += 2;
            continue;
          }
          p++;
          break;
        }
        if (d[p] == '\n') r->line++;
        if (d[p] == '\r' && p + 1 < n && d[p + 1] == '\n') { /* CRLF inside quotes -> LF */
          p++;
          continue;
        }
        size_t q = p;
        while (q < n && d[q] != '"' && d[q] != '\n' && d[q] != '\r') q++;
        if (q == p) q = p + 1;
        buf_append(&r->store, d + p, q - p);
        p = q;
      }
      /* after the closing quote: separator or end of line; anything else is kept, but marked */
      if (p < n && d[p] != sep && d[p] != '\n' && !(d[p] == '\r' && p + 1 < n && d[p + 1] == '\n')) {
        if (!r->problem[0])
          snprintf(r->problem, sizeof r->problem, "text after the closing quote of field %zu",
                   r->nfields + 1);
        size_t q = p;
        while (q < n && d[q] != sep && d[q] != '\n' && !(d[q] == '\r' && q + 1 < n && d[q + 1] == '\n')) q++;
        buf_append(&r->store, d + p, q - p);
        p = q;
      }
    } else {
      size_t q = p;
      while (q < n && d[q] != sep && d[q] != '\n' && !(d[q] == '\r' && q + 1 < n && d[q + 1] == '\n')) q++;
      buf_append(&r->store, d + p, q - p);
      p = q;
    }
    end_field(r, start);
    if (p < n && d[p] == sep) {
      p++;
      continue;
    }
    if (p < n && d[p] == '\r') p++;
    if (p < n && d[p] == '\n') {
      p++;
      r->line++;
    }
    break;
  }
  r->pos = p;
  return 1;
}

void csv_close(csv_reader *r) {
  free(r->owned);
  buf_free(&r->store);
  free(r->offs);
  free(r->lens);
  memset(r, 0, sizeof *r);
}
