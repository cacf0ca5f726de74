/* bench/floor_common.h — what the two floor programs of bench/render_bench.sh share: the rows of
 * bench/render_bench.lua's query read through SQLite, and Norwegian number text ("1 234 567", "−12,5 %",
 * "0,31") made the simplest way. Not part of Rapp. */
#ifndef FLOOR_COMMON_H
#define FLOOR_COMMON_H

#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FLOOR_NCOLS 8
static const char *const floor_titles[FLOOR_NCOLS] = {"Enhet",    "Område", "Budsjett", "Regnskap",
                                                      "Avvik",    "Prognose", "Andel",  "Nøkkeltall"};

static inline char *floor_read_file(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    perror(path);
    exit(1);
  }
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *s = malloc((size_t)n + 1);
  if (!s || fread(s, 1, (size_t)n, f) != (size_t)n) exit(1);
  s[n] = 0;
  fclose(f);
  return s;
}

/* Opens the snapshot read-only and prepares the benchmark query for `rows` rows: the SQL of
 * bench/render_bench.lua (the text between "local SQL = [[" and "]]"), so both run the same. */
static inline sqlite3_stmt *floor_query(const char *db_path, const char *script_path, long rows,
                                        sqlite3 **db) {
  if (sqlite3_open_v2(db_path, db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
    fprintf(stderr, "%s: %s\n", db_path, sqlite3_errmsg(*db));
    exit(1);
  }
  char *script = floor_read_file(script_path);
  char *sql = strstr(script, "local SQL = [[");
  char *end = sql ? strstr(sql, "]]") : NULL;
  if (!end) {
    fprintf(stderr, "%s: no 'local SQL = [[ ... ]]'\n", script_path);
    exit(1);
  }
  sql += strlen("local SQL = [[");
  *end = '\0';
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(*db, sql, -1, &st, NULL) != SQLITE_OK) {
    fprintf(stderr, "%s: %s\n", script_path, sqlite3_errmsg(*db));
    exit(1);
  }
  free(script);
  sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":rows"), rows);
  return st;
}

/* Digits of |v| rounded to `dec` decimals, thousands grouped with a no-break space, decimal comma, a true
 * minus (U+2212) and an optional suffix. */
static inline void floor_number(double v, int dec, const char *suffix, char *out, size_t n) {
  char digits[64];
  snprintf(digits, sizeof digits, "%.*f", dec, fabs(v));
  int neg = v < 0 && strspn(digits, "0.") != strlen(digits);
  char *dot = strchr(digits, '.');
  size_t ilen = dot ? (size_t)(dot - digits) : strlen(digits), k = 0;
  if (neg) k += (size_t)snprintf(out + k, n - k, "\xE2\x88\x92");
  for (size_t i = 0; i < ilen && k + 3 < n; i++) {
    if (i > 0 && (ilen - i) % 3 == 0) {
      out[k++] = '\xC2'; /* U+00A0, as Rapp groups */
      out[k++] = '\xA0';
    }
    out[k++] = digits[i];
  }
  out[k] = 0;
  if (dot) k += (size_t)snprintf(out + k, n - k, ",%s", dot + 1);
  snprintf(out + k, n - k, "%s", suffix ? suffix : "");
}

#endif
