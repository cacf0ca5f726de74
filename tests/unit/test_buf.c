/* Unit tests of util/buf and util/err. */
#include <string.h>

#include "check.h"
#include "util/buf.h"
#include "util/err.h"

int main(void) {
  rapp_buf b = {0};
  CHECK_STR(buf_str(&b), "");
  buf_puts(&b, "Side ");
  buf_printf(&b, "%d av %d", 3, 17);
  CHECK_STR(buf_str(&b), "Side 3 av 17");
  CHECK_INT((long)b.len, 12);
  for (int i = 0; i < 1000; i++) buf_putc(&b, 'x');
  CHECK_INT((long)b.len, 1012);
  buf_reset(&b);
  CHECK_STR(buf_str(&b), "");
  buf_free(&b);

  rapp_err e;
  err_clear(&e);
  CHECK_INT(err_set(&e, "column '%s': empty value", "code"), -1);
  CHECK_INT(e.exit_code, RAPP_EXIT_DATA);
  err_prefix(&e, "%s:%d", "area.csv", 12);
  CHECK_STR(e.msg, "area.csv:12: column 'code': empty value");
  CHECK_INT(err_setc(&e, RAPP_EXIT_USAGE, "x"), -1);
  CHECK_INT(e.exit_code, RAPP_EXIT_USAGE);
  return check_summary();
}
