/* util/localtime.h — Norwegian local time (Europe/Oslo: CET, CEST by the EU rule: from the last
 * Sunday of March 01:00 UTC to the last Sunday of October 01:00 UTC), computed without the C
 * library's time zone state, so no output depends on TZ. The one place every renderer (PDF, XLSX,
 * text, HTML) gets the production time from. */
#ifndef RAPP_UTIL_LOCALTIME_H
#define RAPP_UTIL_LOCALTIME_H

#include <stdint.h>

typedef struct rapp_localtime {
  int year, month, day;  /* 2027, 1, 1 */
  int hour, min, sec;    /* 00:30:00 */
  int utc_offset_min;    /* 60 (CET) or 120 (CEST) */
  int32_t ymd;           /* year * 10000 + month * 100 + day */
} rapp_localtime;

/* Seconds since the epoch (UTC) as Oslo local time. */
void localtime_oslo(int64_t t, rapp_localtime *out);

/* "01.01.2027 00:30" into buf (n >= 17). Returns buf. */
char *localtime_text(const rapp_localtime *lt, char *buf, unsigned n);

/* Days since 1970-01-01 of a civil date, and back (proleptic Gregorian). */
int64_t localtime_days_from_civil(int64_t y, int m, int d);
void localtime_civil_from_days(int64_t z, int *y, int *m, int *d);

#endif
