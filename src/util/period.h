/* util/period.h — reporting periods: month '2026-09', quarter '2026-Q3', tertial '2026-T2'
 * (T1 Jan-Apr, T2 May-Aug, T3 Sep-Dec), year '2026'. One parser and one set of period rules for
 * import, check and report scripts. */
#ifndef RAPP_UTIL_PERIOD_H
#define RAPP_UTIL_PERIOD_H

#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

typedef enum period_kind { PERIOD_MONTH, PERIOD_QUARTER, PERIOD_TERTIAL, PERIOD_YEAR } period_kind;

typedef struct rapp_period {
  period_kind kind;
  int year;   /* 1900-2999 */
  int number; /* month 1-12, quarter 1-4, tertial 1-3, 1 for a year */
} rapp_period;

/* Parses a period code. On failure the message says what is wrong and what would be valid:
 * "'2026-Q5' is not a period: a quarter is Q1-Q4 (e.g. 2026-Q3)". */
int period_parse(const char *s, rapp_period *out, rapp_err *err);
/* Bit mask of kinds, for parameters that accept only some: (1 << PERIOD_QUARTER) | ... */
unsigned period_kind_bit(period_kind k);
const char *period_kind_name(period_kind k); /* "month", "quarter", "tertial", "year" */
/* Norwegian name of a kind: "måned", "kvartal", "tertial", "år". */
const char *period_kind_label(period_kind k);

/* "2026-09", "2026-Q3", "2026-T2", "2026" (n >= 16). */
char *period_code(const rapp_period *p, char *buf, size_t n);
/* "september 2026", "3. kvartal 2026", "2. tertial 2026", "2026" (n >= 32). */
char *period_label(const rapp_period *p, char *buf, size_t n);
int period_first_month(const rapp_period *p); /* 1-12 */
int period_last_month(const rapp_period *p);  /* 1-12 */
int32_t period_first_date(const rapp_period *p); /* yyyymmdd */
int32_t period_last_date(const rapp_period *p);  /* yyyymmdd */
/* The same kind of period just before (2026-Q1 -> 2025-Q4). */
rapp_period period_previous(const rapp_period *p);
/* The same period a year earlier. */
rapp_period period_last_year(const rapp_period *p);
/* Whether month m of year y lies in p. */
int period_contains_month(const rapp_period *p, int y, int m);

#endif
