/* xlsx/xlsx_names.c — the pure helpers of the XLSX renderer: number format codes, sheet names
 * Excel accepts, and text widths. No libxlsxwriter here, so the unit tests need no workbook. */
#include "xlsx/xlsx.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "util/utf8.h"

/* Rationale for the codes: the number format is stored in en-US syntax ("," groups, "." is the
 * decimal point) and every client shows it with the reader's locale, so a Norwegian Excel or
 * LibreOffice shows "1 234 567,8". Negative numbers get a true minus U+2212 (as a quoted
 * literal, since the value's own '-' would otherwise be shown); in columns that mark negatives
 * (deviations) they are also red. xlsx_number_format keeps red for every negative (charts'
 * data tables use it). Amounts in 1 000 kr keep the value in kroner and scale
 * with a trailing "," so sums stay exact and agree with the ledger. Percent values are stored
 * as fractions (0.125) with "0.0 %" (a quoted no-break space before %, as Norwegian writes it),
 * the form Excel and LibreOffice compute with. */
char *xlsx_number_format(doc_col_type type, int decimals, int thousands, char *buf, size_t n) {
  return xlsx_number_format_ex(type, decimals, thousands, 1, NULL, buf, n);
}

char *xlsx_number_format_ex(doc_col_type type, int decimals, int thousands, int mark_negative,
                            const char *unit, char *buf, size_t n) {
  if (decimals < 0) decimals = doc_default_decimals(type);
  if (decimals > 9) decimals = 9;
  if (type == DOC_COL_INTEGER) decimals = 0;
  char frac[12] = "";
  if (decimals > 0) {
    frac[0] = '.';
    memset(frac + 1, '0', (size_t)decimals);
    frac[decimals + 1] = '\0';
  }
  char num[48], lit[64] = "";
  if (unit && unit[0]) snprintf(lit, sizeof lit, "\"%s\"", unit);
  switch (type) {
    case DOC_COL_TEXT:
      snprintf(buf, n, "%s", "");
      return buf;
    case DOC_COL_DATE:
      snprintf(buf, n, "%s", "dd.mm.yyyy");
      return buf;
    case DOC_COL_PERCENT:
      snprintf(num, sizeof num, "#,##0%s\"\xC2\xA0\"%%", frac);
      break;
    case DOC_COL_AMOUNT:
      snprintf(num, sizeof num, "#,##0%s%s", frac, thousands ? "," : "");
      break;
    case DOC_COL_INTEGER:
    case DOC_COL_DECIMAL:
    default:
      snprintf(num, sizeof num, "#,##0%s", frac);
      break;
  }
  snprintf(buf, n, "%s%s;%s\"\xE2\x88\x92\"%s%s", num, lit, mark_negative ? "[Red]" : "", num, lit);
  return buf;
}

size_t xlsx_text_width(const char *s) {
  if (!s) return 0;
  /* Code points per line: every byte but UTF-8's continuation bytes starts one (the texts are
   * valid UTF-8: the dry run refuses any other before a workbook is written). */
  size_t best = 0, cur = 0;
  for (const unsigned char *u = (const unsigned char *)s; *u; u++) {
    if (*u == '\n') {
      cur = 0;
    } else if ((*u & 0xC0) != 0x80 && ++cur > best) {
      best = cur;
    }
  }
  return best;
}

/* Simple case folding for the comparison Excel makes between sheet names: ASCII, Latin-1 (ÆØÅ)
 * and Latin Extended-A (Sámi Č Đ Ŋ Š Ŧ Ž). */
static uint32_t fold(uint32_t cp) {
  if (cp >= 'A' && cp <= 'Z') return cp + 32;
  if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return cp + 32;
  if ((cp >= 0x100 && cp <= 0x137) || (cp >= 0x14A && cp <= 0x177)) return cp | 1;
  if (((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E)) && (cp & 1)) return cp + 1;
  return cp;
}

static int same_name(const char *a, const char *b) {
  size_t na = strlen(a), nb = strlen(b), i = 0, j = 0;
  while (i < na && j < nb) {
    uint32_t ca, cb;
    size_t ka = utf8_decode(a + i, na - i, &ca), kb = utf8_decode(b + j, nb - j, &cb);
    if (!ka || !kb) return 0;
    if (fold(ca) != fold(cb)) return 0;
    i += ka;
    j += kb;
  }
  return i == na && j == nb;
}

/* Copies at most max code points of s into out (n bytes), trimming trailing spaces and
 * apostrophes after the cut. */
static void cut(const char *s, size_t max, char *out, size_t n) {
  size_t len = strlen(s), i = 0, cps = 0;
  while (i < len && cps < max) {
    uint32_t cp;
    size_t k = utf8_decode(s + i, len - i, &cp);
    if (!k || i + k >= n) break;
    i += k;
    cps++;
  }
  while (i > 0 && (s[i - 1] == ' ' || s[i - 1] == '\'')) i--;
  memcpy(out, s, i);
  out[i] = '\0';
}

char *xlsx_sheet_name(const char *text, const char *fallback, const char *const *taken,
                      size_t ntaken, char *out, size_t n) {
  char clean[512];
  size_t o = 0, len = text ? strlen(text) : 0;
  for (size_t i = 0; i < len && o + 5 < sizeof clean;) {
    uint32_t cp;
    size_t k = utf8_decode(text + i, len - i, &cp);
    if (k == 0) { /* the model never holds invalid UTF-8; skip a byte defensively */
      i++;
      continue;
    }
    if (cp < 0x20 || cp == 0x7F) {
      if (o > 0 && clean[o - 1] != ' ') clean[o++] = ' ';
    } else if (cp == '/' || cp == '\\') {
      clean[o++] = '-';
    } else if (cp == '[' || cp == ']') {
      clean[o++] = cp == '[' ? '(' : ')';
    } else if (cp == ':' || cp == '*' || cp == '?') {
      /* dropped: "Investeringer: drift" reads best as "Investeringer drift" */
    } else if (cp == ' ' && (o == 0 || clean[o - 1] == ' ')) {
      /* collapse and drop leading spaces */
    } else {
      memcpy(clean + o, text + i, k);
      o += k;
    }
    i += k;
  }
  clean[o] = '\0';
  /* trim leading apostrophes (Excel refuses a name starting or ending with one) and spaces */
  char *start = clean;
  while (*start == '\'' || *start == ' ') start++;
  char base[512];
  cut(start, 31, base, sizeof base);
  if (!base[0]) cut(fallback && fallback[0] ? fallback : "Ark", 31, base, sizeof base);

  char cand[600];
  snprintf(cand, sizeof cand, "%s", base);
  for (int k = 2;; k++) {
    int clash = same_name(cand, "History");
    for (size_t t = 0; t < ntaken && !clash; t++) clash = same_name(cand, taken[t]);
    if (!clash) break;
    char suffix[24], head[512];
    snprintf(suffix, sizeof suffix, " (%d)", k);
    cut(base, 31 - strlen(suffix), head, sizeof head);
    snprintf(cand, sizeof cand, "%s%s", head, suffix);
  }
  snprintf(out, n, "%s", cand);
  return out;
}
