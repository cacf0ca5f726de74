/* util/err.h — the one error convention of Rapp's C code.
 *
 * A function that can fail returns 0 on success and -1 on failure, and fills a caller-owned
 * rapp_err with a message that names the thing at fault and the value ("areas.csv:12: column
 * 'code': empty value"). The message is for the user: it says what to fix. `exit_code` says
 * whose fault it is, and is what `rapp` exits with. */
#ifndef RAPP_UTIL_ERR_H
#define RAPP_UTIL_ERR_H

#include <stddef.h>

enum {
  RAPP_EXIT_OK = 0,    /* success */
  RAPP_EXIT_DATA = 1,  /* the data, the script or the environment is at fault */
  RAPP_EXIT_USAGE = 2  /* the command line is wrong */
};

typedef struct rapp_err {
  int exit_code;  /* RAPP_EXIT_DATA unless set otherwise */
  char msg[2048];
} rapp_err;

/* Sets the message (printf-style) and exit code RAPP_EXIT_DATA. Always returns -1, so a failing
 * function can `return err_set(err, ...)`. `err` may be NULL. */
int err_set(rapp_err *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Like err_set with an explicit exit code. */
int err_setc(rapp_err *err, int exit_code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Prefixes the existing message with "prefix: " (e.g. a file name). */
void err_prefix(rapp_err *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void err_clear(rapp_err *err);

#endif
