/* tests/fuzz/fuzz_csv.c — the CSV reader (util/csv.h) and the value parsers (util/parse.h) on
 * arbitrary bytes: every record of the input is read, and every field goes through every parser.
 * Checks: csv_next ends (at most one record per input byte, plus one), line numbers never go
 * back, each field is NUL-terminated at its length, a parsed date is a real ISO date. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "util/csv.h"
#include "util/parse.h"

static void parse_all(const char *s) {
  long long i;
  double d;
  char iso[11];
  int y, m, b;
  if (parse_int(s, &i) == 0) {
    double back;
    FUZZ_ASSERT(parse_decimal(s, &back) == 0);
  }
  if (parse_decimal(s, &d) == 0) FUZZ_ASSERT(isfinite(d));
  memset(iso, 'x', sizeof iso);
  if (parse_date(s, iso) == 0) {
    FUZZ_ASSERT(iso[10] == '\0' && strlen(iso) == 10 && iso[4] == '-' && iso[7] == '-');
    int yy = atoi(iso), mm = atoi(iso + 5), dd = atoi(iso + 8);
    FUZZ_ASSERT(yy >= 1000 && yy <= 9999 && dd >= 1 && dd <= parse_days_in_month(yy, mm));
  }
  if (parse_month(s, &y, &m) == 0) FUZZ_ASSERT(y >= 1000 && y <= 9999 && m >= 1 && m <= 12);
  if (parse_bool(s, &b) == 0) FUZZ_ASSERT(b == 0 || b == 1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  /* the first byte picks the separator: detected (as rapp import does) or forced */
  char sep = 0;
  if (size > 0 && (data[0] == 0xFE || data[0] == 0xFF)) {
    sep = data[0] == 0xFE ? ';' : ',';
    data++, size--;
  }
  csv_reader r;
  csv_open_mem(&r, (const char *)data, size);
  if (sep) r.sep = sep;
  rapp_err err = {0};
  long last_line = 0;
  size_t records = 0;
  int rc;
  while ((rc = csv_next(&r, &err)) == 1) {
    FUZZ_ASSERT(++records <= size + 1);
    FUZZ_ASSERT(r.rec_line >= last_line && r.line >= r.rec_line);
    last_line = r.rec_line;
    for (size_t f = 0; f < csv_count(&r); f++) {
      const char *s = csv_field(&r, f);
      FUZZ_ASSERT(s[csv_field_len(&r, f)] == '\0');
      parse_all(s);
    }
  }
  FUZZ_ASSERT(rc == 0 || (rc == -1 && err.msg[0]));
  csv_close(&r);
  /* the parsers alone on the whole input as one string */
  char *s = malloc(size + 1);
  if (s) {
    memcpy(s, data, size);
    s[size] = '\0';
    parse_all(s);
    free(s);
  }
  return 0;
}
