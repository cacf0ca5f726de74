/* util/err.c — see err.h. */
#include "util/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static void err_vset(rapp_err *err, int code, const char *fmt, va_list ap) {
  err->exit_code = code;
  vsnprintf(err->msg, sizeof err->msg, fmt, ap);
}

int err_set(rapp_err *err, const char *fmt, ...) {
  if (!err) return -1;
  va_list ap;
  va_start(ap, fmt);
  err_vset(err, RAPP_EXIT_DATA, fmt, ap);
  va_end(ap);
  return -1;
}

int err_setc(rapp_err *err, int exit_code, const char *fmt, ...) {
  if (!err) return -1;
  va_list ap;
  va_start(ap, fmt);
  err_vset(err, exit_code, fmt, ap);
  va_end(ap);
  return -1;
}

void err_prefix(rapp_err *err, const char *fmt, ...) {
  if (!err) return;
  char prefix[512], old[sizeof err->msg];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(prefix, sizeof prefix, fmt, ap);
  va_end(ap);
  memcpy(old, err->msg, sizeof old);
  /* prefix, ": ", then as much of the old message as fits */
  size_t np = strlen(prefix), no = strnlen(old, sizeof old - 1), cap = sizeof err->msg - 1;
  if (np > cap) np = cap;
  memcpy(err->msg, prefix, np);
  size_t at = np;
  for (const char *s = ": "; *s && at < cap; s++) err->msg[at++] = *s;
  if (no > cap - at) no = cap - at;
  memcpy(err->msg + at, old, no);
  err->msg[at + no] = '\0';
}

void err_clear(rapp_err *err) {
  if (!err) return;
  err->exit_code = RAPP_EXIT_OK;
  err->msg[0] = '\0';
}
