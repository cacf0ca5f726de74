/* util/parse.c — see parse.h. Grammar checks are done by hand so the accepted forms are exactly
 * the documented ones; the number itself is converted by strtod/strtoll in the C locale. */
#include "util/parse.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int is_blank(char c) { return c == ' ' || c == '\t'; }
static int is_digit(char c) { return c >= '0' && c <= '9'; }

/* Trims ASCII blanks: sets *b and *e to the first and one-past-last kept byte. */
static void trim(const char *s, const char **b, const char **e) {
  const char *p = s, *q = s + strlen(s);
  while (p < q && is_blank(*p)) p++;
  while (q > p && is_blank(q[-1])) q--;
  *b = p;
  *e = q;
}

/* Length of a thousands separator at p (space, U+00A0, U+202F), or 0. */
static size_t thousands_sep(const char *p, const char *e) {
  if (p < e && *p == ' ') return 1;
  if (e - p >= 2 && (unsigned char)p[0] == 0xC2 && (unsigned char)p[1] == 0xA0) return 2;
  if (e - p >= 3 && (unsigned char)p[0] == 0xE2 && (unsigned char)p[1] == 0x80 &&
      (unsigned char)p[2] == 0xAF)
    return 3;
  return 0;
}

/* Scans sign and grouped integer digits from *pp into out (ASCII, sign then digits) of room cap.
 * Returns the number of digits, or -1 on a grouping error or overflow of out. */
static int scan_integer_part(const char **pp, const char *e, char *out, size_t cap, size_t *n) {
  const char *p = *pp;
  if (p < e && *p == '-') { /* no '+': docs/schema.md lists '-' and U+2212 only */
    out[(*n)++] = '-';
    p++;
  } else if (e - p >= 3 && (unsigned char)p[0] == 0xE2 && (unsigned char)p[1] == 0x88 &&
             (unsigned char)p[2] == 0x92) { /* U+2212 minus */
    out[(*n)++] = '-';
    p += 3;
  }
  int digits = 0, group = 0, grouped = 0;
  for (;;) {
    if (p < e && is_digit(*p)) {
      if (*n + 1 >= cap) return -1;
      out[(*n)++] = *p++;
      digits++;
      group++;
      continue;
    }
    size_t sl = thousands_sep(p, e);
    if (sl && group > 0 && p + sl < e && is_digit(p[sl])) {
      /* the group before a separator: 1-3 digits first, exactly 3 after that */
      if (grouped ? group != 3 : group > 3) return -1;
      grouped = 1;
      group = 0;
      p += sl;
      continue;
    }
    break;
  }
  if (grouped && group != 3) return -1;
  *pp = p;
  return digits;
}

int parse_int(const char *s, long long *out) {
  const char *p, *e;
  trim(s, &p, &e);
  char tmp[64];
  size_t n = 0;
  int digits = scan_integer_part(&p, e, tmp, sizeof tmp, &n);
  if (digits <= 0 || p != e) return -1;
  tmp[n] = '\0';
  errno = 0;
  char *end;
  long long v = strtoll(tmp, &end, 10);
  if (errno || *end) return -1;
  *out = v;
  return 0;
}

int parse_decimal(const char *s, double *out) {
  const char *p, *e;
  trim(s, &p, &e);
  char tmp[96];
  size_t n = 0;
  int digits = scan_integer_part(&p, e, tmp, sizeof tmp - 32, &n);
  if (digits < 0) return -1;
  if (p < e && (*p == ',' || *p == '.')) {
    p++;
    tmp[n++] = '.';
    int frac = 0;
    while (p < e && is_digit(*p)) {
      if (n + 16 >= sizeof tmp) return -1;
      tmp[n++] = *p++;
      frac++;
    }
    if (frac == 0) return -1;
    digits += frac;
  }
  /* no exponent: "1e3" in an extract is a code or a typing error, not a thousand */
  if (digits == 0 || p != e) return -1;
  tmp[n] = '\0';
  char *end;
  double v = strtod(tmp, &end);
  if (*end || !isfinite(v)) return -1;
  *out = v;
  return 0;
}

int parse_days_in_month(int year, int month) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0)) return 29;
  return days[month - 1];
}

/* Reads between min and max digits at *pp; returns the value or -1. */
static int read_digits(const char **pp, const char *e, int min, int max) {
  const char *p = *pp;
  int v = 0, n = 0;
  while (p < e && is_digit(*p) && n < max) v = v * 10 + (*p++ - '0'), n++;
  if (n < min) return -1;
  *pp = p;
  return v;
}

static const char *const month_names[] = {"January",   "February", "March",    "April",
                                          "May",       "June",     "July",     "August",
                                          "September", "October",  "November", "December"};

int parse_date_why(const char *s, char iso[11], char *why, size_t why_size) {
  const char *p, *e;
  trim(s, &p, &e);
  int y, m, d;
  if (why && why_size) why[0] = '\0';
  if (e - p == 10 && p[4] == '-' && p[7] == '-') {
    y = read_digits(&p, e, 4, 4);
    if (y < 0 || *p++ != '-') return -1;
    m = read_digits(&p, e, 2, 2);
    if (m < 0 || *p++ != '-') return -1;
    d = read_digits(&p, e, 2, 2);
  } else {
    d = read_digits(&p, e, 1, 2);
    if (d < 0 || p >= e || *p++ != '.') return -1;
    m = read_digits(&p, e, 1, 2);
    if (m < 0 || p >= e || *p++ != '.') return -1;
    y = read_digits(&p, e, 4, 4);
  }
  if (y < 0 || d < 0 || p != e) return -1; /* not a date's form */
  /* the form is right: say what is wrong with the date itself */
  if (y < 1000) {
    if (why) snprintf(why, why_size, "year %04d is outside 1000-9999", y);
    return -1;
  }
  if (m < 1 || m > 12) {
    if (why) snprintf(why, why_size, "there is no month %d", m);
    return -1;
  }
  int days = parse_days_in_month(y, m);
  if (d < 1 || d > days) {
    if (why && d < 1)
      snprintf(why, why_size, "there is no day 0");
    else if (why)
      snprintf(why, why_size, "%s %d has %d days", month_names[m - 1], y, days);
    return -1;
  }
  iso[0] = (char)('0' + y / 1000);
  iso[1] = (char)('0' + y / 100 % 10);
  iso[2] = (char)('0' + y / 10 % 10);
  iso[3] = (char)('0' + y % 10);
  iso[4] = '-';
  iso[5] = (char)('0' + m / 10);
  iso[6] = (char)('0' + m % 10);
  iso[7] = '-';
  iso[8] = (char)('0' + d / 10);
  iso[9] = (char)('0' + d % 10);
  iso[10] = '\0';
  return 0;
}

int parse_date(const char *s, char iso[11]) {
  return parse_date_why(s, iso, NULL, 0);
}

int parse_month(const char *s, int *year, int *month) {
  const char *p, *e;
  trim(s, &p, &e);
  if (e - p != 7 || p[4] != '-') return -1;
  int y = read_digits(&p, e, 4, 4);
  if (y < 1000 || *p++ != '-') return -1;
  int m = read_digits(&p, e, 2, 2);
  if (m < 1 || m > 12 || p != e) return -1;
  *year = y;
  *month = m;
  return 0;
}

int parse_bool(const char *s, int *out) {
  const char *p, *e;
  trim(s, &p, &e);
  if (e - p != 1 || (*p != '0' && *p != '1')) return -1;
  *out = *p - '0';
  return 0;
}
