/* util/parse.h — the value parsers of `rapp import`: integers and decimals as Norwegian
 * extracts write them (decimal comma, no-break-space thousands separators), dates, months and
 * 0/1 flags. Owned by the import (src/db/db_import.c); usable by anyone.
 *
 * Every parser takes a NUL-terminated field, ignores leading and trailing ASCII blanks (space,
 * tab), returns 0 on success and -1 when the text is not a value of that kind (the caller names
 * the file, line and column). Nothing is allocated. */
#ifndef RAPP_UTIL_PARSE_H
#define RAPP_UTIL_PARSE_H

#include <stddef.h>

/* An integer: optional minus ('-' or U+2212; no '+'), digits, optionally grouped by thousands
 * with a space, U+00A0 or U+202F between groups of exactly three ("1 234 567"). */
int parse_int(const char *s, long long *out);

/* A decimal number: like parse_int, then an optional decimal mark (',' or '.') with at least one
 * digit after it. "1 234,50" = 1234.5, "-0.25", "−3". A '.' is always the decimal mark, never a
 * thousands separator. No exponent ("1e3") and no '+': docs/schema.md lists the accepted forms. */
int parse_decimal(const char *s, double *out);

/* A calendar date, "YYYY-MM-DD" or "DD.MM.YYYY" (day and month may have one digit), checked
 * against the calendar (leap years included), year 1000-9999. Writes the ISO form to iso[11]. */
int parse_date(const char *s, char iso[11]);
/* Like parse_date. On failure why[why_size] says what is wrong when s has a date's form but
 * names no day of the calendar ("February 2024 has 29 days", "there is no month 13"); it is ""
 * when s is not written as a date at all. why may be NULL. */
int parse_date_why(const char *s, char iso[11], char *why, size_t why_size);

/* A month "YYYY-MM" (month 01-12, year 1000-9999). */
int parse_month(const char *s, int *year, int *month);

/* A flag: "0" or "1". */
int parse_bool(const char *s, int *out);

/* Days in the month (1-12) of the year, leap years counted. */
int parse_days_in_month(int year, int month);

#endif
