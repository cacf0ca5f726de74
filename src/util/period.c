/* util/period.c — see period.h. */
#include "util/period.h"

#include <stdio.h>
#include <string.h>

#include "util/nofmt.h"

static const char *const kind_names[] = {"month", "quarter", "tertial", "year"};
static const char *const kind_labels[] = {"måned", "kvartal", "tertial", "år"};
static const int months_per[] = {1, 3, 4, 12};

unsigned period_kind_bit(period_kind k) { return 1u << k; }
const char *period_kind_name(period_kind k) { return kind_names[k]; }
const char *period_kind_label(period_kind k) { return kind_labels[k]; }

static int digits(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (s[i] < '0' || s[i] > '9') return 0;
  return 1;
}

int period_parse(const char *s, rapp_period *out, rapp_err *err) {
  static const char hint[] = "use 2026-09 (month), 2026-Q3 (quarter), 2026-T2 (tertial) or 2026 (year)";
  size_t n = strlen(s);
  if (n < 4 || !digits(s, 4)) return err_set(err, "'%s' is not a period: %s", s, hint);
  int year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
  if (year < 1900 || year > 2999)
    return err_set(err, "'%s' is not a period: the year must be 1900-2999", s);
  rapp_period p = {PERIOD_YEAR, year, 1};
  if (n == 4) {
    *out = p;
    return 0;
  }
  if (s[4] != '-' || n < 6) return err_set(err, "'%s' is not a period: %s", s, hint);
  const char *rest = s + 5;
  size_t rn = n - 5;
  if ((rest[0] == 'Q' || rest[0] == 'q' || rest[0] == 'T' || rest[0] == 't') && rn == 2 &&
      digits(rest + 1, 1)) {
    int q = rest[0] == 'Q' || rest[0] == 'q';
    p.kind = q ? PERIOD_QUARTER : PERIOD_TERTIAL;
    p.number = rest[1] - '0';
    if (p.number < 1 || p.number > (q ? 4 : 3))
      return err_set(err, "'%s' is not a period: %s", s,
                     q ? "a quarter is Q1-Q4 (e.g. 2026-Q3)" : "a tertial is T1-T3 (e.g. 2026-T2)");
    *out = p;
    return 0;
  }
  if (rn == 2 && digits(rest, 2)) {
    p.kind = PERIOD_MONTH;
    p.number = (rest[0] - '0') * 10 + (rest[1] - '0');
    if (p.number < 1 || p.number > 12)
      return err_set(err, "'%s' is not a period: a month is 01-12 (e.g. 2026-09)", s);
    *out = p;
    return 0;
  }
  return err_set(err, "'%s' is not a period: %s", s, hint);
}

char *period_code(const rapp_period *p, char *buf, size_t n) {
  switch (p->kind) {
    case PERIOD_MONTH: snprintf(buf, n, "%04d-%02d", p->year, p->number); break;
    case PERIOD_QUARTER: snprintf(buf, n, "%04d-Q%d", p->year, p->number); break;
    case PERIOD_TERTIAL: snprintf(buf, n, "%04d-T%d", p->year, p->number); break;
    case PERIOD_YEAR: snprintf(buf, n, "%04d", p->year); break;
  }
  return buf;
}

char *period_label(const rapp_period *p, char *buf, size_t n) {
  switch (p->kind) {
    case PERIOD_MONTH: snprintf(buf, n, "%s %04d", nofmt_month_name(p->number), p->year); break;
    case PERIOD_QUARTER: snprintf(buf, n, "%d. kvartal %04d", p->number, p->year); break;
    case PERIOD_TERTIAL: snprintf(buf, n, "%d. tertial %04d", p->number, p->year); break;
    case PERIOD_YEAR: snprintf(buf, n, "%04d", p->year); break;
  }
  return buf;
}

int period_first_month(const rapp_period *p) {
  return p->kind == PERIOD_YEAR ? 1 : (p->number - 1) * months_per[p->kind] + 1;
}

int period_last_month(const rapp_period *p) {
  return period_first_month(p) + months_per[p->kind] - 1;
}

int32_t period_first_date(const rapp_period *p) {
  return p->year * 10000 + period_first_month(p) * 100 + 1;
}

int32_t period_last_date(const rapp_period *p) {
  int m = period_last_month(p);
  return p->year * 10000 + m * 100 + nofmt_days_in_month(p->year, m);
}

rapp_period period_previous(const rapp_period *p) {
  rapp_period q = *p;
  int per_year = p->kind == PERIOD_YEAR ? 1 : 12 / months_per[p->kind];
  if (p->kind == PERIOD_YEAR) {
    q.year--;
  } else if (--q.number < 1) {
    q.number = per_year;
    q.year--;
  }
  return q;
}

rapp_period period_last_year(const rapp_period *p) {
  rapp_period q = *p;
  q.year--;
  return q;
}

int period_contains_month(const rapp_period *p, int y, int m) {
  return y == p->year && m >= period_first_month(p) && m <= period_last_month(p);
}
