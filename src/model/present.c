/* model/present.c — the presentation step: resolved cells, the merge rule, unit notes, THE status
 * table, production time. See present.h. */
#include "model/present.h"

#include <stddef.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "model/chart.h"
#include "util/nofmt.h"

/* THE status table. Fills are light, inks dark (contrast >= 4.5:1, unit_test_status); chart
 * colours are the solid hues of the same statuses (stacked counts, swatches, rules). */
const present_status present_statuses[PRESENT_NSTATUS] = {
    {DOC_STATUS_NONE, "", "", "", "", "", 0xFFFFFF, 0x1A1A1A, 0x2E5C8A},
    {DOC_STATUS_DESIRED, "desired", "Ønsket resultat", "Ønskt resultat", "Sávvon boađus", "●",
     0xC6EFCE, 0x006100, 0x4A9D5B},
    {DOC_STATUS_ACCEPTABLE, "acceptable", "Akseptabelt resultat", "Akseptabelt resultat",
     "Dohkálaš boađus", "▲", 0xFFEB9C, 0x5C3B00, 0xF2C94C},
    {DOC_STATUS_UNACCEPTABLE, "unacceptable", "Uakseptabelt resultat", "Uakseptabelt resultat",
     "Dohkkemeahttun boađus", "■", 0xFFC7CE, 0x9C0006, 0xB8312F},
    {DOC_STATUS_NOT_MEASURED, "not_measured", "Ikke målt", "Ikkje målt", "Ii mihtiduvvon", "○", 0xD9D9D9,
     0x333333, 0xB0B0B0},
    {DOC_STATUS_NO_TARGET, "no_target", "Uten resultatkrav", "Utan resultatkrav", "Boađusgáibádus váilu",
     "–", 0xF2F2F2, 0x333333, 0xB0B0B0},
};

const present_status *present_status_of(doc_status s) {
  return (size_t)s < PRESENT_NSTATUS ? &present_statuses[s] : &present_statuses[0];
}

const char *present_status_word(doc_status s, const char *language) {
  const present_status *p = present_status_of(s);
  if (language && strncmp(language, "nn", 2) == 0) return p->word_nn;
  if (language && strncmp(language, "se", 2) == 0) return p->word_se;
  return p->word_nb;
}

static char status_codes[128];

static void build_status_codes(void) {
  size_t n = 0;
  for (int i = 1; i < PRESENT_NSTATUS; i++)
    n += (size_t)snprintf(status_codes + n, sizeof status_codes - n, "%s%s", i > 1 ? ", " : "",
                          present_statuses[i].code);
}

/* Built from the table once a process (pthread_once: any thread may ask, a render thread too). */
const char *present_status_codes(void) {
  static pthread_once_t once = PTHREAD_ONCE_INIT;
  pthread_once(&once, build_status_codes);
  return status_codes;
}

char *present_status_text(doc_status s, const char *language, char *buf, size_t n) {
  if (s == DOC_STATUS_NONE)
    snprintf(buf, n, "%s", "");
  else
    snprintf(buf, n, "%s %s", present_status_of(s)->symbol, present_status_word(s, language));
  return buf;
}

static double channel(uint32_t c, int shift) {
  double v = ((c >> shift) & 0xFF) / 255.0;
  return v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
}

static double luminance(uint32_t c) {
  return 0.2126 * channel(c, 16) + 0.7152 * channel(c, 8) + 0.0722 * channel(c, 0);
}

double present_contrast(uint32_t a, uint32_t b) {
  double la = luminance(a), lb = luminance(b);
  return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

/* ---- cells ---------------------------------------------------------------------------------- */

/* The fast path of nofmt_round + nofmt_number/nofmt_percent (each two snprintf and a strtod; a
 * 100 000-row table formats every number once per renderer pass). nofmt rounds half away from
 * zero on the 15-significant-digit decimal form s of |raw|; m = |raw| * 10^dec differs from
 * s * 10^dec by at most about 5.2e-15 * m, so when m's fraction is farther than that from .5 both
 * round to the same integer k. k / 10^dec is then a correctly rounded division, the same double
 * strtod makes of nofmt's digits, and k's digits are the text nofmt writes. Returns 0 (use nofmt)
 * near a tie, for large magnitudes and for non-finite values. */
static int fast_round(double raw, int dec, uint64_t *k) {
  static const double p10[10] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
  if (!isfinite(raw) || dec < 0 || dec > 9) return 0;
  double m = fabs(raw) * p10[dec];
  if (!(m < 1e12)) return 0;
  double f = floor(m), fr = m - f;
  if (fabs(fr - 0.5) <= 1e-14 * m + 1e-9) return 0;
  *k = (uint64_t)f + (fr > 0.5);
  return 1;
}

/* nofmt_number's text for the rounded digits k (dec of them decimals): U+2212 for a negative
 * non-zero value, the integer digits grouped by U+00A0, a decimal comma; then `suffix`. */
static void fast_text(char *buf, size_t n, int negative, uint64_t k, int dec, const char *suffix) {
  char digits[24];
  int nd = 0;
  for (uint64_t v = k; nd == 0 || v > 0 || nd <= dec; v /= 10) digits[nd++] = (char)('0' + v % 10);
  /* digits[] is little-endian: digits[0] the last decimal; nd > dec, so the integer part has
   * nd - dec >= 1 digits. */
  char out[96];
  size_t o = 0;
  if (negative && k != 0) {
    memcpy(out, NOFMT_MINUS, 3);
    o = 3;
  }
  int il = nd - dec;
  for (int i = 0; i < il; i++) {
    if (i > 0 && (il - i) % 3 == 0) {
      memcpy(out + o, NOFMT_NBSP, 2);
      o += 2;
    }
    out[o++] = digits[nd - 1 - i];
  }
  if (dec) {
    out[o++] = ',';
    for (int i = dec - 1; i >= 0; i--) out[o++] = digits[i];
  }
  /* out then suffix, cut at n - 1 bytes as snprintf would (no format parsing per cell) */
  if (!n) return;
  size_t a = o < n - 1 ? o : n - 1, sl = strlen(suffix);
  if (a > sizeof out) a = sizeof out;
  size_t b = sl < n - 1 - a ? sl : n - 1 - a;
  memcpy(buf, out, a);
  memcpy(buf + a, suffix, b);
  buf[a + b] = '\0';
}

char *present_number(char *buf, size_t n, double v, int decimals, int percent) {
  uint64_t k;
  if (fast_round(v, decimals, &k)) {
    fast_text(buf, n, v < 0, k, decimals, percent ? NOFMT_NBSP "%" : "");
    return buf;
  }
  return percent ? nofmt_percent(buf, n, v, decimals) : nofmt_number(buf, n, v, decimals);
}

/* Resolves c into out; without `text`, a NUMBER's text is left empty (out->text = ""; value,
 * decimals, zero and unit as always): for a renderer that writes the value itself. */
static void resolve(doc_col_type type, int col_decimals, int thousands, const doc_cell *c,
                    present_cell *out, int text) {
  memset(out, 0, offsetof(present_cell, buf));
  out->buf[0] = '\0';
  memset((char *)out + offsetof(present_cell, buf) + sizeof out->buf, 0,
         sizeof *out - offsetof(present_cell, buf) - sizeof out->buf);
  out->kind = c->kind;
  out->status = c->status;
  out->unit = "";
  out->text = out->buf;
  switch (c->kind) {
    case DOC_CELL_EMPTY:
      out->text = type == DOC_COL_TEXT ? "" : NOFMT_DASH;
      break;
    case DOC_CELL_TEXT:
      out->text = c->text ? c->text : "";
      break;
    case DOC_CELL_DATE:
      out->date = c->date;
      nofmt_date(out->buf, sizeof out->buf, c->date);
      break;
    case DOC_CELL_NUMBER: {
      int dec = c->own_decimals ? c->decimals : col_decimals;
      if (dec < 0) dec = doc_default_decimals(type);
      if (type == DOC_COL_INTEGER) dec = 0;
      if (dec > 9) dec = 9;
      double raw = type == DOC_COL_AMOUNT && thousands ? c->number / 1000.0 : c->number;
      static const double p10[10] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
      uint64_t k;
      int fast = fast_round(raw, dec, &k);
      double shown = !fast ? nofmt_round(raw, dec) : raw < 0 ? -((double)k / p10[dec]) : (double)k / p10[dec];
      out->value = c->number;
      out->decimals = dec;
      out->zero = shown == 0;
      out->shown = out->zero ? 0.0 : shown;
      out->negative = !out->zero && c->number < 0;
      out->unit = c->unit ? c->unit : "";
      if (c->text && !c->unit) {
        out->own_text = 1;
        out->text = c->text;
        break;
      }
      if (!text) break;
      if (fast) {
        /* out->shown is 0 when zero: no "−0", as nofmt prints it. */
        const char *suffix = out->unit;
        char joined[PRESENT_NUM_MAX];
        if (type == DOC_COL_PERCENT && !out->unit[0]) {
          suffix = NOFMT_NBSP "%"; /* the common case: no formatting per cell */
        } else if (type == DOC_COL_PERCENT) {
          snprintf(joined, sizeof joined, "%s%s", NOFMT_NBSP "%", out->unit);
          suffix = joined;
        }
        fast_text(out->buf, sizeof out->buf, out->shown < 0, out->zero ? 0 : k, dec, suffix);
        break;
      }
      char num[128];
      if (type == DOC_COL_PERCENT)
        nofmt_percent(num, sizeof num, out->shown, dec);
      else
        nofmt_number(num, sizeof num, out->shown, dec);
      snprintf(out->buf, sizeof out->buf, "%s%s", num, out->unit);
      break;
    }
  }
  if (c->status != DOC_STATUS_NONE && c->kind != DOC_CELL_NUMBER && c->kind != DOC_CELL_DATE &&
      (!out->text[0] || strcmp(out->text, present_status_word(c->status, "nb")) == 0 ||
       strcmp(out->text, present_status_word(c->status, "nn")) == 0 ||
       strcmp(out->text, present_status_word(c->status, "se")) == 0)) /* the word in any form */
    out->text_is_status = 1;
}

void present_value(const doc_column *col, const doc_cell *cell, present_cell *out) {
  resolve(col->type, col->decimals, col->thousands, cell, out, 1);
}

void present_keyfigure(const doc_keyfigure *k, present_cell *out) {
  resolve(k->type, k->decimals, k->thousands, &k->value, out, 1);
}

/* The cell without the merge fields (`text`: see resolve). */
static void resolve_table_text(const doc_table *t, size_t r, size_t c, const doc_cell *given,
                               present_cell *out, int text) {
  const doc_row *row = &t->rows[r];
  if (c == 0 && row->label &&
      (row->kind == DOC_ROW_GROUP ||
       (given ? given->kind : doc_row_cell(t, row, 0).kind) == DOC_CELL_EMPTY)) {
    memset(out, 0, sizeof *out);
    out->kind = DOC_CELL_TEXT;
    out->unit = "";
    out->label = 1;
    out->text = row->label;
    return;
  }
  if (row->kind == DOC_ROW_GROUP) {
    memset(out, 0, sizeof *out);
    out->unit = "";
    out->text = "";
    return;
  }
  doc_cell cell = given ? *given : doc_row_cell(t, row, c);
  const doc_column *col = &t->cols[c];
  resolve(col->type, col->decimals, col->thousands, &cell, out, text);
}

static void resolve_table(const doc_table *t, size_t r, size_t c, present_cell *out) {
  resolve_table_text(t, r, c, NULL, out, 1);
}

/* What a DATA row's cell shows, as the merge rule compares it: its text and status. A text cell
 * shows its own text (no formatting, no label: resolve's TEXT case), so it is read without a
 * resolve; any other cell is resolved into tmp, which must outlive *text. Rationale: the merge
 * rule compares every cell of a merge_repeats column with its neighbours in each renderer pass
 * (scorecards: three text columns over hundreds of rows). */
static void shown_of(const doc_table *t, size_t r, size_t c, present_cell *tmp, const char **text,
                     doc_status *status) {
  doc_cell cell = doc_row_cell(t, &t->rows[r], c);
  if (cell.kind == DOC_CELL_TEXT && cell.text) {
    *text = cell.text;
    *status = cell.status;
    return;
  }
  resolve_table_text(t, r, c, &cell, tmp, 1);
  *text = tmp->text;
  *status = tmp->status;
}

static int same_shown(const char *ta, doc_status sa, const char *tb, doc_status sb) {
  return sa == sb && (ta == tb || strcmp(ta, tb) == 0);
}

int present_repeats(const doc_table *t, size_t r, size_t c) {
  if (c >= t->ncols || !t->cols[c].merge_repeats || r == 0 || r >= t->nrows) return 0;
  if (t->rows[r].kind != DOC_ROW_DATA || t->rows[r - 1].kind != DOC_ROW_DATA) return 0;
  present_cell a, b;
  const char *ta, *tb;
  doc_status sa, sb;
  shown_of(t, r - 1, c, &a, &ta, &sa);
  shown_of(t, r, c, &b, &tb, &sb);
  return same_shown(ta, sa, tb, sb);
}

size_t present_run(const doc_table *t, size_t r, size_t c) {
  if (c >= t->ncols || !t->cols[c].merge_repeats || r >= t->nrows ||
      t->rows[r].kind != DOC_ROW_DATA)
    return 1;
  present_cell a, b;
  const char *ta, *tb;
  doc_status sa, sb;
  shown_of(t, r, c, &a, &ta, &sa);
  size_t n = 1;
  while (r + n < t->nrows && t->rows[r + n].kind == DOC_ROW_DATA) {
    shown_of(t, r + n, c, &b, &tb, &sb);
    if (!same_shown(ta, sa, tb, sb)) break;
    n++;
  }
  return n;
}

void present_table_cell(const doc_table *t, size_t r, size_t c, present_cell *out) {
  resolve_table(t, r, c, out);
  out->repeat = present_repeats(t, r, c);
  out->run = out->repeat ? 0 : present_run(t, r, c);
}

void present_table_cell_value(const doc_table *t, size_t r, size_t c, const doc_cell *cell,
                              present_cell *out) {
  resolve_table_text(t, r, c, cell, out, 0);
  out->repeat = present_repeats(t, r, c);
  out->run = out->repeat ? 0 : present_run(t, r, c);
}

/* ---- notes and sums ------------------------------------------------------------------------- */

const char *present_unit_note_of(doc_col_type type, int thousands, const char *language) {
  return type == DOC_COL_AMOUNT && thousands ? label_get(language, "unit.thousands") : NULL;
}

const char *present_unit_note(const doc_table *t, const char *language) {
  if (t->unit_note) return t->unit_note;
  for (size_t c = 0; c < t->ncols; c++)
    if (present_unit_note_of(t->cols[c].type, t->cols[c].thousands, language))
      return present_unit_note_of(t->cols[c].type, t->cols[c].thousands, language);
  return NULL;
}

double present_range_sum(const doc_table *t, size_t c, size_t a, size_t b) {
  double s = 0;
  for (size_t i = a; i < b && i < t->nrows; i++)
    if (t->rows[i].kind == DOC_ROW_DATA) {
      doc_cell v = doc_table_cell(t, i, c);
      if (v.kind == DOC_CELL_NUMBER) s += v.number;
    }
  return s;
}

int present_chart_all_zero(const doc_chart *c) {
  if (c->kind == DOC_CHART_LINE) return 0;
  for (size_t s = 0; s < c->nseries; s++)
    for (size_t i = 0; i < c->ncats; i++)
      if (isfinite(c->series[s].values[i]) && c->series[s].values[i] != 0) return 0;
  return 1;
}

present_pattern present_series_pattern(const doc_chart *c, size_t i) {
  if (c->kind == DOC_CHART_LINE || c->kind == DOC_CHART_DIVERGING) return PRESENT_PATTERN_NONE;
  if (c->nseries < PRESENT_PATTERN_MIN_SERIES || i == 0 || i >= c->nseries)
    return PRESENT_PATTERN_NONE;
  return (present_pattern)(PRESENT_PATTERN_DIAGONAL + (i - 1) % (PRESENT_NPATTERN - 1));
}

uint32_t present_pattern_ink(uint32_t fill) {
  unsigned r = (fill >> 16) & 0xFF, g = (fill >> 8) & 0xFF, b = fill & 0xFF;
  return (299 * r + 587 * g + 114 * b) / 1000 < 128 ? 0xFFFFFFu : doc_chart_ink;
}

const char *present_pattern_word(present_pattern p, const char *language) {
  switch (p) {
    case PRESENT_PATTERN_NONE: return "";
    case PRESENT_PATTERN_DIAGONAL: return label_get(language, "pattern.diagonal");
    case PRESENT_PATTERN_CROSS: return label_get(language, "pattern.cross");
    case PRESENT_PATTERN_DOTS: return label_get(language, "pattern.dots");
    case PRESENT_PATTERN_BACKDIAG: return label_get(language, "pattern.backdiag");
  }
  return "";
}

void present_created(const doc_meta *m, rapp_localtime *out) { localtime_oslo(m->created, out); }
