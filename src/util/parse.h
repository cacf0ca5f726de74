/* util/parse.h — the value parsers of `rapp import`: integers and decimals as Norwegian
 * extracts write them (decimal comma, no-break-space thousands separators), dates, months and
 * 0/1 flags. Owned by the import (src/db/db_import.c); usable by anyone.
 *
 * Every parser takes a NUL-terminated field, ignores leading and trailing ASCII blanks (space,
 * tab), returns 0 on success and -1 when the text is not a value of that kind (the caller names
 * the file, line and column). Nothing is allocated. */
#ifndef RAPP_UTIL_PARSE_H
#define RAPP_UTIL_PARSE_H

/* An integer: optional sign ('+', '-' or U+2212 minus), digits, optionally grouped by thousands
 * with a space, U+00A0 or U+202F between groups of exactly three ("1 234 567"). */
int parse_int(const char *s, long long *out);

/* A decimal number: like parse_int, then an optional decimal mark (',' or '.') with at least one
 * digit after it, then an optional exponent ("1,5e3"). "1 234,50" = 1234.5, "-0.25", "−3".
 * A '.' is always the decimal mark, never a thousands separator. Infinite results fail. */
int parse_decimal(const char *s, double *out);

/* A calendar date, "YYYY-MM-DD" or "DD.MM.YYYY" (day and month may have one digit), checked
 * against the calendar (leap years included), year 1000-9999. Writes the ISO form to iso[11]. */
int parse_date(const char *s, char iso[11]);

/* A month "YYYY-MM" (month 01-12, year 1000-9999). */
int parse_month(const char *s, int *year, int *month);

/* A flag: "0" or "1". */
int parse_bool(const char *s, int *out);

/* Days in the month (1-12) of the year, leap years counted. */
int parse_days_in_month(int year, int month);

#endif
