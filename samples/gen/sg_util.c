/* samples/gen/sg_util.c — the generator's deterministic building blocks: splitmix64 random
 * numbers, locale-free number formatting, calendar arithmetic (incl. Norwegian public holidays;
 * the civil-date conversion is util/localtime.c's) and the CSV writer. Nothing here reads the
 * clock, the locale or the environment. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "sg.h"
#include "util/localtime.h"
#include "util/nofmt.h"

/* ---- random numbers ---------------------------------------------------------------------- */
void sg_rng_init(sg_rng *r, uint64_t seed, uint64_t stream) {
  r->s = seed * 0x9E3779B97F4A7C15ull ^ (stream + 1) * 0xD1B54A32D192ED03ull;
  (void)sg_rng_next(r);
}

uint64_t sg_rng_next(sg_rng *r) {
  uint64_t z = (r->s += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

double sg_rng_unit(sg_rng *r) { return (double)(sg_rng_next(r) >> 11) * (1.0 / 9007199254740992.0); }

int sg_rng_int(sg_rng *r, int lo, int hi) {
  if (hi <= lo) return lo;
  return lo + (int)(sg_rng_next(r) % (uint64_t)(hi - lo + 1));
}

double sg_rng_normal(sg_rng *r) {
  double s = 0;
  for (int i = 0; i < 12; i++) s += sg_rng_unit(r);
  return s - 6.0;
}

int sg_rng_chance(sg_rng *r, double p) { return sg_rng_unit(r) < p; }

/* ---- numbers ------------------------------------------------------------------------------ */
int64_t sg_round(double v) { return v >= 0 ? (int64_t)(v + 0.5) : -(int64_t)(-v + 0.5); }

void sg_fmt_int(char *out, size_t cap, int64_t v) {
  char tmp[32];
  int n = 0;
  uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
  do {
    tmp[n++] = (char)('0' + (int)(u % 10));
    u /= 10;
  } while (u);
  size_t k = 0;
  if (v < 0 && k + 1 < cap) out[k++] = '-';
  while (n > 0 && k + 1 < cap) out[k++] = tmp[--n];
  out[k] = '\0';
}

void sg_fmt_num(char *out, size_t cap, double v, int decimals, int trim) {
  static const int64_t pow10[] = {1, 10, 100, 1000, 10000, 100000, 1000000};
  if (decimals < 0) decimals = 0;
  if (decimals > 6) decimals = 6;
  int64_t n = sg_round(v * (double)pow10[decimals]);
  int neg = n < 0;
  uint64_t u = neg ? (uint64_t)0 - (uint64_t)n : (uint64_t)n;
  uint64_t ip = u / (uint64_t)pow10[decimals], fp = u % (uint64_t)pow10[decimals];
  char ibuf[32], fbuf[8];
  sg_fmt_int(ibuf, sizeof ibuf, (int64_t)ip);
  int fl = decimals;
  for (int i = decimals - 1; i >= 0; i--) {
    fbuf[i] = (char)('0' + (int)(fp % 10));
    fp /= 10;
  }
  if (trim)
    while (fl > 0 && fbuf[fl - 1] == '0') fl--;
  fbuf[fl] = '\0';
  snprintf(out, cap, "%s%s%s%s", neg ? "-" : "", ibuf, fl ? "," : "", fbuf);
}

/* ---- dates: the engine's civil-date arithmetic (util/localtime.h, proleptic Gregorian) -------- */
int64_t sg_days(sg_date dt) { return localtime_days_from_civil(dt.y, dt.m, dt.d); }

sg_date sg_from_days(int64_t z) {
  sg_date r;
  localtime_civil_from_days(z, &r.y, &r.m, &r.d);
  return r;
}

int sg_weekday(sg_date d) {
  int64_t w = (sg_days(d) + 3) % 7; /* 1970-01-01 was a Thursday */
  return (int)(w < 0 ? w + 7 : w);
}

int sg_days_in_month(int y, int m) { return nofmt_days_in_month(y, m); }

sg_date sg_add_days(sg_date d, int n) { return sg_from_days(sg_days(d) + n); }

int sg_date_cmp(sg_date a, sg_date b) {
  int64_t x = sg_days(a), y = sg_days(b);
  return x < y ? -1 : x > y;
}

static sg_date easter_sunday(int y) {
  int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4, f = (b + 8) / 25;
  int g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4;
  int l = (32 + 2 * e + 2 * i - h - k) % 7, mm = (a + 11 * h + 22 * l) / 451;
  sg_date r = {y, (h + l - 7 * mm + 114) / 31, (h + l - 7 * mm + 114) % 31 + 1};
  return r;
}

int sg_working_days(int y, int m) {
  sg_date e = easter_sunday(y);
  sg_date hol[10] = {{y, 1, 1}, sg_add_days(e, -3), sg_add_days(e, -2), sg_add_days(e, 1),
                     {y, 5, 1}, {y, 5, 17}, sg_add_days(e, 39), sg_add_days(e, 50),
                     {y, 12, 25}, {y, 12, 26}};
  int n = 0;
  for (int d = 1; d <= sg_days_in_month(y, m); d++) {
    sg_date x = {y, m, d};
    if (sg_weekday(x) >= 5) continue;
    int holiday = 0;
    for (int i = 0; i < 10; i++)
      if (hol[i].m == m && hol[i].d == d) holiday = 1;
    n += !holiday;
  }
  return n;
}

void sg_fmt_date(char *out, size_t cap, sg_date d) { snprintf(out, cap, "%04d-%02d-%02d", d.y, d.m, d.d); }

void sg_fmt_month(char *out, size_t cap, int y, int m) { snprintf(out, cap, "%04d-%02d", y, m); }

/* ---- CSV ---------------------------------------------------------------------------------- */
int sg_csv_open(sg_csv *c, const char *dir, const char *table, const char *header) {
  memset(c, 0, sizeof *c);
  snprintf(c->path, sizeof c->path, "%s/%s.csv", dir, table);
  snprintf(c->tmp, sizeof c->tmp, "%s.tmp", c->path);
  c->f = fopen(c->tmp, "wb");
  if (!c->f) {
    fprintf(stderr, "rapp-samplegen: cannot create %s: %s\n", c->tmp, strerror(errno));
    return -1;
  }
  fputs(header, c->f);
  fputc('\n', c->f);
  return 0;
}

static void sep(sg_csv *c) {
  if (c->col++) fputc(';', c->f);
}

void sg_csv_str(sg_csv *c, const char *s) {
  sep(c);
  if (!s || !*s) return;
  if (!strpbrk(s, ";\"\n\r")) {
    fputs(s, c->f);
    return;
  }
  fputc('"', c->f);
  for (; *s; s++) {
    if (*s == '"') fputc('"', c->f);
    fputc(*s, c->f);
  }
  fputc('"', c->f);
}

void sg_csv_null(sg_csv *c) { sep(c); }

void sg_csv_int(sg_csv *c, int64_t v) {
  char b[32];
  sg_fmt_int(b, sizeof b, v);
  sg_csv_str(c, b);
}

void sg_csv_num(sg_csv *c, double v, int decimals, int trim) {
  char b[48];
  sg_fmt_num(b, sizeof b, v, decimals, trim);
  sg_csv_str(c, b);
}

void sg_csv_date(sg_csv *c, sg_date d) {
  char b[16];
  sg_fmt_date(b, sizeof b, d);
  sg_csv_str(c, b);
}

void sg_csv_end(sg_csv *c) {
  fputc('\n', c->f);
  c->col = 0;
  c->rows++;
}

int sg_csv_close(sg_csv *c) {
  if (!c->f) return -1;
  int bad = ferror(c->f);
  if (fclose(c->f) != 0) bad = 1;
  c->f = NULL;
  if (bad) {
    fprintf(stderr, "rapp-samplegen: write error on %s\n", c->tmp);
    remove(c->tmp);
    return -1;
  }
  if (rename(c->tmp, c->path) != 0) {
    fprintf(stderr, "rapp-samplegen: cannot rename %s to %s: %s\n", c->tmp, c->path, strerror(errno));
    remove(c->tmp);
    return -1;
  }
  return 0;
}
