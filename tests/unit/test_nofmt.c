/* Unit tests of util/nofmt: Norwegian number and date formatting, table-driven. */
#include <math.h>

#include "check.h"
#include "util/nofmt.h"

#define NB "\xC2\xA0"
#define MINUS "\xE2\x88\x92"

int main(void) {
  static const struct { double v; int dec; const char *want; } numbers[] = {
      {0, 0, "0"},
      {0, 1, "0,0"},
      {-0.0, 1, "0,0"},
      {-0.04, 1, "0,0"},      /* rounds to zero: no minus */
      {-0.05, 1, MINUS "0,1"}, /* half away from zero */
      {1234567.8, 1, "1" NB "234" NB "567,8"},
      {1234.5, 0, "1" NB "235"},
      {-1234.5, 0, MINUS "1" NB "235"},
      {2.675, 2, "2,68"},
      {1.005, 2, "1,01"},
      {0.5, 0, "1"},
      {1.5, 0, "2"},
      {2.5, 0, "3"},
      {-2.5, 0, MINUS "3"},
      {999.95, 1, "1" NB "000,0"},
      {999999.5, 0, "1" NB "000" NB "000"},
      {-125071, 0, MINUS "125" NB "071"},
      {12.5, 1, "12,5"},
      {100, 0, "100"},
      {1000, 0, "1" NB "000"},
      {1e15, 0, "1" NB "000" NB "000" NB "000" NB "000" NB "000"},
      {123456789012.25, 1, "123" NB "456" NB "789" NB "012,3"},
      {0.001, 2, "0,00"},
      {0.125, 2, "0,13"},
      {6.0, 1, "6,0"},
      {7.45, 1, "7,5"},
  };
  char buf[128];
  for (size_t i = 0; i < sizeof numbers / sizeof numbers[0]; i++)
    CHECK_STR(nofmt_number(buf, sizeof buf, numbers[i].v, numbers[i].dec), numbers[i].want);

  CHECK_STR(nofmt_number(buf, sizeof buf, NAN, 1), "\xE2\x80\x93");
  CHECK_STR(nofmt_number(buf, sizeof buf, INFINITY, 1), "\xE2\x80\x93");
  CHECK_STR(nofmt_percent(buf, sizeof buf, 12.5, 1), "12,5" NB "%");
  CHECK_STR(nofmt_percent(buf, sizeof buf, -3.25, 1), MINUS "3,3" NB "%");
  /* a 0 share prints "0 %" like any other: the no-break space before %, no minus */
  CHECK_STR(nofmt_percent(buf, sizeof buf, 0, 0), "0" NB "%");
  CHECK_STR(nofmt_percent(buf, sizeof buf, -0.0, 0), "0" NB "%");
  CHECK_STR(nofmt_percent(buf, sizeof buf, -0.4, 0), "0" NB "%");
  CHECK_STR(nofmt_percent(buf, sizeof buf, 0, 1), "0,0" NB "%");
  CHECK_STR(nofmt_percent(buf, sizeof buf, 5, 0), "5" NB "%");
  CHECK_STR(nofmt_amount(buf, sizeof buf, 1234567.0, 0, 1), "1" NB "234" NB "567" NB "kr");
  CHECK_STR(nofmt_amount(buf, sizeof buf, 1234567.0, 1, 0), "1" NB "235");
  CHECK_STR(nofmt_amount(buf, sizeof buf, -499.0, 1, 0), "0");
  CHECK_STR(nofmt_amount(buf, sizeof buf, -500.0, 1, 0), MINUS "1");
  CHECK_NUM(nofmt_round(2.675, 2), 2.68);
  CHECK_NUM(nofmt_round(-2.5, 0), -3);
  CHECK_NUM(nofmt_round(6.04, 1), 6.0);

  CHECK_STR(nofmt_date(buf, sizeof buf, 20261231), "31.12.2026");
  CHECK_STR(nofmt_date(buf, sizeof buf, 20260105), "05.01.2026");
  CHECK_STR(nofmt_date(buf, sizeof buf, 20260230), "\xE2\x80\x93");
  CHECK_STR(nofmt_date_long(buf, sizeof buf, 20261231), "31. desember 2026");
  CHECK_STR(nofmt_date_long(buf, sizeof buf, 20240605), "5. juni 2024");
  CHECK_STR(nofmt_month_name(9), "september");
  CHECK(nofmt_month_name(13) == NULL);
  CHECK_INT(nofmt_days_in_month(2024, 2), 29);
  CHECK_INT(nofmt_days_in_month(2100, 2), 28);
  CHECK_INT(nofmt_valid_date(2026, 2, 29), 0);

  /* buffer too small truncates, never overflows */
  char small[4];
  nofmt_number(small, sizeof small, 123456, 0);
  CHECK_INT((long)strlen(small), 3);
  return check_summary();
}
