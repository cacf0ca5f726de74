/* util/localtime.c — Europe/Oslo local time by the EU rule. See localtime.h. */
#include "util/localtime.h"

#include <stdio.h>

int64_t localtime_days_from_civil(int64_t y, int m, int d) {
  y -= m <= 2;
  int64_t era = (y >= 0 ? y : y - 399) / 400;
  int64_t yoe = y - era * 400;
  int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void localtime_civil_from_days(int64_t z, int *y, int *m, int *d) {
  z += 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  *d = (int)(doy - (153 * mp + 2) / 5 + 1);
  *m = (int)(mp < 10 ? mp + 3 : mp - 9);
  *y = (int)(yoe + era * 400 + (*m <= 2));
}

/* Epoch seconds of 01:00 UTC on the last Sunday of month m of year y (the EU DST switch). */
static int64_t last_sunday_0100(int y, int m) {
  int64_t day = localtime_days_from_civil(y, m, 31); /* March and October have 31 days */
  int64_t wd = (day + 4) % 7;                        /* 1970-01-01 was a Thursday; 0 = Sunday */
  if (wd < 0) wd += 7;
  return (day - wd) * 86400 + 3600;
}

static int64_t floor_div(int64_t a, int64_t b) { return a >= 0 ? a / b : (a - b + 1) / b; }

void localtime_oslo(int64_t t, rapp_localtime *out) {
  int yy, m0, d0;
  localtime_civil_from_days(floor_div(t, 86400), &yy, &m0, &d0);
  int64_t off = (t >= last_sunday_0100(yy, 3) && t < last_sunday_0100(yy, 10)) ? 7200 : 3600;
  int64_t lt = t + off;
  int64_t days = floor_div(lt, 86400);
  int64_t secs = lt - days * 86400;
  localtime_civil_from_days(days, &out->year, &out->month, &out->day);
  out->hour = (int)(secs / 3600);
  out->min = (int)(secs / 60 % 60);
  out->sec = (int)(secs % 60);
  out->utc_offset_min = (int)(off / 60);
  out->ymd = out->year * 10000 + out->month * 100 + out->day;
}

char *localtime_text(const rapp_localtime *lt, char *buf, unsigned n) {
  snprintf(buf, n, "%02d.%02d.%04d %02d:%02d", lt->day, lt->month, lt->year, lt->hour, lt->min);
  return buf;
}
