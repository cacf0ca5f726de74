/* util/nofmt.h — Norwegian number and date formatting, the one implementation every output uses.
 *
 * Numbers: digits grouped by three with U+00A0 (no-break space), decimal comma, U+2212 minus,
 * rounded half away from zero on the decimal value as written (2,675 -> 2,68), no "−0".
 * Each function writes at most n bytes including the NUL and returns buf; n >= 64 fits any value
 * below 1e24, and a longer text is cut before a UTF-8 sequence, never inside one. */
#ifndef RAPP_UTIL_NOFMT_H
#define RAPP_UTIL_NOFMT_H

#include <stddef.h>
#include <stdint.h>

#define NOFMT_NBSP "\xC2\xA0"      /* U+00A0 no-break space */
#define NOFMT_MINUS "\xE2\x88\x92" /* U+2212 minus sign */
#define NOFMT_DASH "\xE2\x80\x93"  /* U+2013 en dash: shown for a missing value */

/* "1 234 567,8" (decimals 0-9). A non-finite value gives the dash. */
char *nofmt_number(char *buf, size_t n, double v, int decimals);
/* "12,5 %": v is the percentage itself (12.5), with a no-break space before %. */
char *nofmt_percent(char *buf, size_t n, double v, int decimals);
/* Kroner: "1 234 568 kr"; thousands: value/1000 rounded, "1 235" plus " 1 000 kr" is the
 * caller's unit note. with_unit adds " kr" (never with thousands). */
char *nofmt_amount(char *buf, size_t n, double kroner, int thousands, int with_unit);
/* Rounds half away from zero to `decimals` digits on the decimal representation. */
double nofmt_round(double v, int decimals);

/* Dates as yyyymmdd integers. "31.12.2026"; "31. desember 2026". An invalid date gives the dash. */
char *nofmt_date(char *buf, size_t n, int32_t ymd);
char *nofmt_date_long(char *buf, size_t n, int32_t ymd);
/* "januar" ... "desember" (lower case, as Norwegian writes them); NULL outside 1-12. */
const char *nofmt_month_name(int month);
/* 1 when y-m-d is a real calendar date (1900-2999). */
int nofmt_valid_date(int y, int m, int d);
int nofmt_days_in_month(int y, int m);

#endif
