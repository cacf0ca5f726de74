/* db/src_kostra.c — a KOSTRA accounts file (*.kostra): the fixed-width records a municipality
 * delivers to SSB, read into table kostra_account (db_source.h).
 *
 * The record is SSB's "Filbeskrivelse: Regnskap" (kostra-kontrollprogram,
 * kravspesifikasjon/file_description_Regnskap_2025.md), 48 characters:
 *   1-2 skjema, 3-6 aargang, 7 kvartal (blank = årsregnskap, 1-4), 8-13 region (6 digits),
 *   14-22 orgnr, 23-31 foretaksnr, 32 kontoklasse, 33-36 funksjon (3 digits in 4 places),
 *   37-39 art, 40-48 beløp (whole thousands of kroner, right-aligned, '-' before an income).
 * Only the bevilgningsregnskap forms (0A 0C 0I 0K 0M 0P 0F) carry function and art; a balance form
 * (kapittel/sektor) is reported, not read. The amount is stored in kroner (beløp × 1000), with
 * the file's sign convention, which is Rapp's (expense positive, income negative). Function and
 * art codes are checked by the rules against kostra_function/kostra_art (reference data in the
 * schema); everything else here, each problem with its line and column, including the
 * function/art combinations SSB refuses (kostra_pairs). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#include "db/db_source.h"

#define KOSTRA_RECORD 48

static const char *const kostra_cols[] = {"form",          "year",           "quarter",
                                          "region",        "account_class",  "kostra_function",
                                          "kostra_art",    "amount"};
enum { KC_FORM, KC_YEAR, KC_QUARTER, KC_REGION, KC_CLASS, KC_FUNCTION, KC_ART, KC_AMOUNT, KC_N };

static int all_digits(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (s[i] < '0' || s[i] > '9') return 0;
  return 1;
}

static int all_blank(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (s[i] != ' ') return 0;
  return 1;
}

/* SSB's function/art combination rules for the municipal and county forms (kostra-kontrollprogram,
 * kontroller/.../rule/regnskap/kostra/Rule060..Rule080, severity ERROR): each art listed belongs
 * to the one function; Rule065 also the other way round (function 899 takes only its arts).
 * Records with the amount 0 are not checked, as SSB does not. */
static const struct kostra_pair {
  const char *rule, *arts, *function;
  int investment_only, both_ways;
} kostra_pairs[] = {
    {"060", "729", "841", 1, 0},
    {"065", "589 980 989", "899", 0, 1},
    {"070", "530", "880", 0, 0},
    {"075", "870 871 872 873 875 876", "800", 0, 0},
    {"080", "800", "840", 0, 0},
};

/* art (3 digits) is one of the space-separated codes in list */
static int art_in(const char *art, const char *list) {
  for (const char *p = list; *p; p += p[3] ? 4 : 3)
    if (strncmp(p, art, 3) == 0) return 1;
  return 0;
}

/* Reports the combinations of function fn and art (3 digits each) SSB refuses. */
static int check_combination(db_sink *s, long line, const char *form, char account_class,
                             const char *fn, const char *art) {
  if (form[0] == '0' && form[1] == 'F') return 0; /* the church's forms have rules of their own */
  int bad = 0;
  for (size_t i = 0; i < sizeof kostra_pairs / sizeof kostra_pairs[0]; i++) {
    const struct kostra_pair *k = &kostra_pairs[i];
    if (k->investment_only && account_class != '0' && account_class != '4') continue;
    int listed = art_in(art, k->arts), at_fn = strncmp(fn, k->function, 3) == 0;
    if (listed && !at_fn) {
      db_sink_problem(s, line, 37, "art %.3s is used only with function %s%s, not with %.3s "
                      "(SSB's kontroll %s)", art, k->function,
                      k->investment_only ? " in the investment accounts" : "", fn, k->rule);
      bad++;
    } else if (k->both_ways && at_fn && !listed) {
      db_sink_problem(s, line, 33, "function %s takes only the arts %s, not %.3s (SSB's kontroll %s)",
                      k->function, k->arts, art, k->rule);
      bad++;
    }
  }
  return bad;
}

/* Checks one record (len characters, without the line end) and fills vals; returns the number
 * of problems reported. */
static int parse_record(db_sink *s, long line, const char *r, size_t len, char f[KC_N][24]) {
  int bad = 0;
  if (len != KOSTRA_RECORD) {
    db_sink_problem(s, line, len < KOSTRA_RECORD ? (long)len + 1 : KOSTRA_RECORD + 1,
                    "%s record: %zu characters; a KOSTRA record has %d (SSB's file description)",
                    len < KOSTRA_RECORD ? "short" : "long", len, KOSTRA_RECORD);
    return 1;
  }
  static const char *const forms = "0A0C0I0K0M0P0F";
  int known = 0;
  for (const char *p = forms; *p; p += 2) known |= r[0] == p[0] && r[1] == p[1];
  if (!known) {
    if (r[0] == '0' && strchr("BDGJLNQXY", r[1]) && r[1])
      db_sink_problem(s, line, 1, "form '%.2s' is a balance or a health trust's account; rapp reads "
                      "the bevilgningsregnskap forms 0A, 0C, 0F, 0I, 0K, 0M and 0P", r);
    else
      db_sink_problem(s, line, 1, "unknown form (skjema) '%.2s'", r);
    bad++;
  }
  if (!all_digits(r + 2, 4)) db_sink_problem(s, line, 3, "year (aargang) '%.4s' is not 4 digits", r + 2), bad++;
  if (r[6] != ' ' && (r[6] < '1' || r[6] > '4'))
    db_sink_problem(s, line, 7, "quarter (kvartal) '%c': blank (årsregnskap) or 1-4", r[6]), bad++;
  if (!all_digits(r + 7, 6)) db_sink_problem(s, line, 8, "region '%.6s' is not 6 digits", r + 7), bad++;
  if (!strchr("0134", r[31]) || !r[31])
    db_sink_problem(s, line, 32, "account class (kontoklasse) '%c': 0 or 4 (investering), 1 or 3 (drift)", r[31]), bad++;
  /* the function: 3 digits in the 4 places, the other one blank */
  const char *fn = r + 32;
  int fo = fn[0] == ' ' ? 1 : 0;
  if (!all_digits(fn + fo, 3) || (fo ? fn[0] != ' ' : fn[3] != ' '))
    db_sink_problem(s, line, 33, "function (funksjon) '%.4s' is not 3 digits", fn), bad++;
  if (!all_digits(r + 36, 3)) db_sink_problem(s, line, 37, "art '%.3s' is not 3 digits", r + 36), bad++;
  /* the amount: right-aligned, blanks before an optional '-' and at least one digit */
  const char *a = r + 39;
  size_t i = 0;
  while (i < 9 && a[i] == ' ') i++;
  size_t d = i + (i < 9 && a[i] == '-');
  if (d >= 9 || !all_digits(a + d, 9 - d))
    db_sink_problem(s, line, 40 + (long)i, "amount (beløp) '%.9s' is not a whole number of thousands of kroner "
                    "right-aligned in 9 places", a), bad++;
  snprintf(f[KC_FORM], 24, "%.2s", r);
  snprintf(f[KC_YEAR], 24, "%.4s", r + 2);
  snprintf(f[KC_QUARTER], 24, "%.1s", r[6] == ' ' ? "" : r + 6);
  snprintf(f[KC_REGION], 24, "%.6s", r + 7);
  snprintf(f[KC_CLASS], 24, "%.1s", r + 31);
  snprintf(f[KC_FUNCTION], 24, "%.3s", fn + fo);
  snprintf(f[KC_ART], 24, "%.3s", r + 36);
  if (d < 9 && all_digits(a + d, 9 - d)) { /* thousands -> kroner */
    long long v = 0;
    for (size_t k = d; k < 9; k++) v = v * 10 + (a[k] - '0');
    snprintf(f[KC_AMOUNT], 24, "%lld", (d > i ? -v : v) * 1000);
    if (v != 0 && all_digits(f[KC_FUNCTION], 3) && all_digits(f[KC_ART], 3))
      bad += check_combination(s, line, r, r[31], f[KC_FUNCTION], f[KC_ART]);
  } else
    snprintf(f[KC_AMOUNT], 24, "%.9s", a);
  return bad;
}

int db_source_kostra(db_sink *s, int fd, rapp_err *err) {
  int h = db_sink_table(s, "kostra_account", kostra_cols, KC_N, err);
  if (h < 0) return DB_SOURCE_FAIL;
  static const long at[KC_N] = {1, 3, 7, 8, 32, 33, 37, 40}; /* SSB's positions */
  db_sink_columns_at(s, h, at);
  int dfd = dup(fd);
  FILE *in = dfd >= 0 ? fdopen(dfd, "rb") : NULL;
  if (!in) {
    if (dfd >= 0) close(dfd);
    db_sink_problem(s, 0, 0, "cannot read it");
    return DB_SOURCE_PARTIAL;
  }
  char *lbuf = NULL;
  size_t cap = 0;
  ssize_t n;
  long line = 0;
  int rc = DB_SOURCE_DONE, records = 0;
  while ((n = getline(&lbuf, &cap, in)) >= 0) {
    line++;
    size_t len = (size_t)n;
    if (len && lbuf[len - 1] == '\n') len--;
    if (len && lbuf[len - 1] == '\r') len--;
    char *rec = lbuf;
    if (line == 1 && len >= 3 && memcmp(rec, "\xEF\xBB\xBF", 3) == 0) rec += 3, len -= 3; /* a BOM */
    if (all_blank(rec, len)) continue;
    if (memchr(rec, '\0', len)) {
      db_sink_problem(s, line, (long)((const char *)memchr(rec, '\0', len) - rec) + 1,
                      "contains a NUL byte");
      continue;
    }
    char f[KC_N][24];
    int bad = parse_record(s, line, rec, len, f);
    if (bad && len != KOSTRA_RECORD) continue; /* nothing in it can be trusted */
    const char *vals[KC_N];
    for (int i = 0; i < KC_N; i++) vals[i] = f[i];
    if (db_sink_row(s, h, line, vals, bad, err) < 0) {
      rc = DB_SOURCE_FAIL;
      break;
    }
    records++;
  }
  if (rc == DB_SOURCE_DONE && ferror(in)) {
    db_sink_problem(s, line + 1, 0, "cannot read it");
    rc = DB_SOURCE_PARTIAL;
  }
  if (rc == DB_SOURCE_DONE && records == 0 && line == 0)
    db_sink_problem(s, 0, 0, "empty file: a KOSTRA file has one 48-character record a line");
  free(lbuf);
  fclose(in);
  return rc;
}
