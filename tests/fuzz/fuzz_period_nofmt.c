/* tests/fuzz/fuzz_period_nofmt.c — period parsing (util/period.h) and Norwegian formatting
 * (util/nofmt.h) on arbitrary input: the bytes as a period code and as a decimal written in the
 * data, the first 8 bytes as a raw double (NaN, infinities, subnormals, 1e308), the next 4 as a
 * yyyymmdd date, a byte as the decimals (out-of-range too) and one as a small buffer size.
 * Checks: every output is NUL-terminated inside its buffer and valid UTF-8 (also when cut short),
 * no "−0", a parsed period round-trips through period_code and has sane months/dates. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "util/nofmt.h"
#include "util/parse.h"
#include "util/period.h"
#include "util/utf8.h"

static void check_text(const char *buf, size_t n) {
  FUZZ_ASSERT(memchr(buf, '\0', n) != NULL);
  FUZZ_ASSERT(utf8_invalid_at(buf, strlen(buf)) == (size_t)-1);
}

/* No minus in front of a value that shows as zero. */
static void check_no_minus_zero(const char *s) {
  if (strncmp(s, NOFMT_MINUS, 3) != 0) return;
  FUZZ_ASSERT(strpbrk(s + 3, "123456789") != NULL);
}

static void format_all(double v, int decimals, size_t small) {
  char big[2048], tiny[64];
  char *bufs[2] = {big, tiny};
  size_t sizes[2] = {sizeof big, small};
  for (int k = 0; k < 2; k++) {
    char *b = bufs[k];
    size_t n = sizes[k];
    memset(b, 'x', n);
    nofmt_number(b, n, v, decimals);
    check_text(b, n);
    if (k == 0) check_no_minus_zero(b);
    memset(b, 'x', n);
    nofmt_percent(b, n, v, decimals);
    check_text(b, n);
    if (k == 0) check_no_minus_zero(b);
    for (int th = 0; th < 2; th++)
      for (int unit = 0; unit < 2; unit++) {
        memset(b, 'x', n);
        nofmt_amount(b, n, v, th, unit);
        check_text(b, n);
        if (k == 0) check_no_minus_zero(b);
      }
  }
  double r = nofmt_round(v, decimals);
  if (isfinite(v)) FUZZ_ASSERT(isfinite(r) || fabs(v) > 1e307);
  else FUZZ_ASSERT(!isfinite(r));
}

static void check_period(const rapp_period *p) {
  char code[16], label[32], again[16];
  period_code(p, code, sizeof code);
  period_label(p, label, sizeof label);
  FUZZ_ASSERT(utf8_invalid_at(label, strlen(label)) == (size_t)-1);
  rapp_period q;
  rapp_err err = {0};
  FUZZ_ASSERT(period_parse(code, &q, &err) == 0);
  FUZZ_ASSERT(q.kind == p->kind && q.year == p->year && q.number == p->number);
  FUZZ_ASSERT(strcmp(period_code(&q, again, sizeof again), code) == 0);
  int fm = period_first_month(p), lm = period_last_month(p);
  FUZZ_ASSERT(fm >= 1 && fm <= lm && lm <= 12);
  int32_t fd = period_first_date(p), ld = period_last_date(p);
  FUZZ_ASSERT(nofmt_valid_date(fd / 10000, fd / 100 % 100, fd % 100));
  FUZZ_ASSERT(nofmt_valid_date(ld / 10000, ld / 100 % 100, ld % 100));
  FUZZ_ASSERT(period_contains_month(p, p->year, fm) && period_contains_month(p, p->year, lm));
  rapp_period prev = period_previous(p), ly = period_last_year(p);
  FUZZ_ASSERT(prev.kind == p->kind && ly.kind == p->kind && ly.year == p->year - 1);
  FUZZ_ASSERT(period_kind_name(p->kind) && period_kind_label(p->kind));
  (void)period_kind_bit(p->kind);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *s = malloc(size + 1);
  if (!s) return 0;
  memcpy(s, data, size);
  s[size] = '\0';

  rapp_period p;
  rapp_err err = {0};
  if (period_parse(s, &p, &err) == 0) check_period(&p);
  else FUZZ_ASSERT(err.msg[0] != '\0');

  int decimals = size > 12 ? (int)(signed char)data[12] : 2;
  size_t small = size > 13 ? 1 + data[13] % 64 : 64;
  if (size >= 8) {
    double v;
    memcpy(&v, data, sizeof v);
    format_all(v, decimals, small);
  }
  if (size >= 12) {
    int32_t ymd;
    memcpy(&ymd, data + 8, sizeof ymd);
    char b[64];
    nofmt_date(b, small, ymd);
    check_text(b, small);
    nofmt_date_long(b, sizeof b, ymd);
    FUZZ_ASSERT(utf8_invalid_at(b, strlen(b)) == (size_t)-1);
    (void)nofmt_month_name(ymd);
    (void)nofmt_days_in_month(ymd / 10000, ymd / 100 % 100);
  }
  double d;
  if (parse_decimal(s, &d) == 0) format_all(d, decimals, small);
  free(s);
  return 0;
}
