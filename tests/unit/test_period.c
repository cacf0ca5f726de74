/* Unit tests of util/period: parsing, labels, ranges, neighbours. */
#include "check.h"
#include "util/period.h"

int main(void) {
  static const struct {
    const char *code;
    int ok;
    const char *label;   /* or the error message */
    int first_month, last_month;
    long first_date, last_date;
    const char *previous, *last_year;
  } cases[] = {
      {"2026-09", 1, "september 2026", 9, 9, 20260901, 20260930, "2026-08", "2025-09"},
      {"2026-01", 1, "januar 2026", 1, 1, 20260101, 20260131, "2025-12", "2025-01"},
      {"2024-02", 1, "februar 2024", 2, 2, 20240201, 20240229, "2024-01", "2023-02"},
      {"2026-Q3", 1, "3. kvartal 2026", 7, 9, 20260701, 20260930, "2026-Q2", "2025-Q3"},
      {"2026-Q1", 1, "1. kvartal 2026", 1, 3, 20260101, 20260331, "2025-Q4", "2025-Q1"},
      {"2026-T2", 1, "2. tertial 2026", 5, 8, 20260501, 20260831, "2026-T1", "2025-T2"},
      {"2026-T1", 1, "1. tertial 2026", 1, 4, 20260101, 20260430, "2025-T3", "2025-T1"},
      {"2026-T3", 1, "3. tertial 2026", 9, 12, 20260901, 20261231, "2026-T2", "2025-T3"},
      {"2026", 1, "2026", 1, 12, 20260101, 20261231, "2025", "2025"},
      {"2026-Q5", 0, "'2026-Q5' is not a period: a quarter is Q1-Q4 (e.g. 2026-Q3)", 0, 0, 0, 0, 0, 0},
      {"2026-13", 0, "'2026-13' is not a period: a month is 01-12 (e.g. 2026-09)", 0, 0, 0, 0, 0, 0},
      {"2026-T4", 0, "'2026-T4' is not a period: a tertial is T1-T3 (e.g. 2026-T2)", 0, 0, 0, 0, 0, 0},
      {"26-09", 0, "'26-09' is not a period: use 2026-09 (month), 2026-Q3 (quarter), 2026-T2 (tertial) or 2026 (year)", 0, 0, 0, 0, 0, 0},
      {"2026-9", 0, "'2026-9' is not a period: use 2026-09 (month), 2026-Q3 (quarter), 2026-T2 (tertial) or 2026 (year)", 0, 0, 0, 0, 0, 0},
      {"", 0, "'' is not a period: use 2026-09 (month), 2026-Q3 (quarter), 2026-T2 (tertial) or 2026 (year)", 0, 0, 0, 0, 0, 0},
      {"1850", 0, "'1850' is not a period: the year must be 1900-2999", 0, 0, 0, 0, 0, 0},
  };
  char buf[64];
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    rapp_period p;
    rapp_err err;
    err_clear(&err);
    int rc = period_parse(cases[i].code, &p, &err);
    CHECK_INT(rc, cases[i].ok ? 0 : -1);
    if (!cases[i].ok) {
      CHECK_STR(err.msg, cases[i].label);
      continue;
    }
    CHECK_STR(period_code(&p, buf, sizeof buf), cases[i].code);
    CHECK_STR(period_label(&p, buf, sizeof buf), cases[i].label);
    CHECK_INT(period_first_month(&p), cases[i].first_month);
    CHECK_INT(period_last_month(&p), cases[i].last_month);
    CHECK_INT(period_first_date(&p), cases[i].first_date);
    CHECK_INT(period_last_date(&p), cases[i].last_date);
    rapp_period q = period_previous(&p);
    CHECK_STR(period_code(&q, buf, sizeof buf), cases[i].previous);
    q = period_last_year(&p);
    CHECK_STR(period_code(&q, buf, sizeof buf), cases[i].last_year);
  }
  rapp_period p;
  CHECK_INT(period_parse("2026-q3", &p, NULL), 0);
  CHECK_INT(p.kind, PERIOD_QUARTER);
  CHECK(period_contains_month(&p, 2026, 8));
  CHECK(!period_contains_month(&p, 2025, 8));
  CHECK(!period_contains_month(&p, 2026, 10));
  CHECK_STR(period_kind_label(PERIOD_QUARTER), "kvartal");
  return check_summary();
}
