/* model/chart_axis.c — the chart algorithms both renderers share: nice value axes with Norwegian
 * tick labels, category label placement that never overlaps, and the palette. Pure C: text width
 * comes from the renderer through a callback, so the PDF passes real font metrics. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "model/chart.h"
#include "model/present.h"
#include "util/nofmt.h"
#include "util/utf8.h"

/* ---- value axis ---------------------------------------------------------------------------- */

/* Values beyond this are clamped so that hi - lo stays finite. */
#define AXIS_LIMIT 1e300

static double clampv(double v) { return v > AXIS_LIMIT ? AXIS_LIMIT : v < -AXIS_LIMIT ? -AXIS_LIMIT : v; }

/* m x 10^k computed so that negative k divides by an exact power of ten (0.1 stays 1/10). */
static double scaled(double m, int k) {
  return k >= 0 ? m * pow(10.0, k) : m / pow(10.0, -k);
}

/* Chooses the label scale: amounts in mill./mrd. kr (or 1 000 kr when the chart says so), plain
 * numbers in mill./mrd.; never more than two decimals caused by the scaling itself. */
static void choose_scale(doc_axis *a, doc_col_type type, int thousands, int step_exp) {
  double amax = fmax(fabs(a->min), fabs(a->max));
  a->scale = 1;
  a->unit = type == DOC_COL_AMOUNT ? "kr" : "";
  if (type == DOC_COL_PERCENT) return;
  int s = 0;
  if (thousands && type == DOC_COL_AMOUNT && amax < 1e10 && step_exp >= 1)
    s = 3; /* the report asked for 1 000 kr: the axis agrees with its tables */
  else if (amax >= 1e9 && step_exp >= 7)
    s = 9;
  else if (amax >= 1e6 && step_exp >= 4)
    s = 6;
  if (s == 0) return;
  a->scale = pow(10.0, s);
  if (type == DOC_COL_AMOUNT)
    a->unit = s == 9 ? "mrd." NOFMT_NBSP "kr" : s == 6 ? "mill." NOFMT_NBSP "kr" : "1" NOFMT_NBSP "000" NOFMT_NBSP "kr";
  else
    a->unit = s == 9 ? "mrd." : "mill.";
}

void doc_axis_nice(double lo, double hi, int include_zero, int max_ticks, doc_col_type type,
                   int thousands, doc_axis *out) {
  memset(out, 0, sizeof *out);
  if (max_ticks < 2) max_ticks = 2;
  if (max_ticks > DOC_AXIS_MAX_TICKS) max_ticks = DOC_AXIS_MAX_TICKS;
  if (isnan(lo)) lo = hi;
  if (isnan(hi)) hi = lo;
  if (isnan(lo)) lo = hi = 0; /* no data at all */
  lo = clampv(lo);
  hi = clampv(hi);
  if (lo > hi) {
    double t = lo;
    lo = hi;
    hi = t;
  }
  if (include_zero) {
    if (lo > 0) lo = 0;
    if (hi < 0) hi = 0;
  }
  if (hi - lo <= 1e-12 * fmax(fabs(lo), fabs(hi))) {
    /* One value (or all equal): show it against zero; all zero gives 0..1. */
    if (lo == 0 && hi == 0) hi = 1;
    else if (lo > 0) lo = 0;
    else hi = 0;
  }
  double range = hi - lo;
  int k = (int)floor(log10(range / (max_ticks - 1))) - 1;
  /* Counts and kroner have no fractional ticks: 0, 1, 2 rather than 0, 0,2, 0,4. */
  if ((type == DOC_COL_INTEGER || type == DOC_COL_AMOUNT) && k < 0) k = 0;
  static const int mults[3] = {1, 2, 5};
  int found = 0, count = 0, mult = 1;
  double first = 0; /* index of the first tick: can exceed an int for a narrow range far from 0 */
  for (int tries = 0; tries < 12 && !found; tries++, k++) {
    for (int m = 0; m < 3 && !found; m++) {
      double step = scaled(mults[m], k);
      double f = floor(lo / step + 1e-9), c = ceil(hi / step - 1e-9);
      if (c - f + 1 <= max_ticks) {
        found = 1;
        first = f;
        count = (int)(c - f) + 1;
        mult = mults[m];
      }
    }
  }
  k--; /* the loop's increment ran once more after the step was found */
  if (!found || count < 2) { /* cannot happen for finite input; be safe */
    first = 0;
    count = 2;
    mult = 1;
    k = (int)ceil(log10(range));
    if (lo < 0) first = -1;
  }
  out->step = scaled(mult, k);
  out->nticks = count;
  for (int i = 0; i < count; i++) out->ticks[i] = scaled((first + i) * mult, k);
  out->min = out->ticks[0];
  out->max = out->ticks[count - 1];
  /* step = mult x 10^k: its exponent decides the decimals. */
  choose_scale(out, type, thousands, k);
  int s = (int)lround(log10(out->scale));
  int dec = s - k;
  out->decimals = dec < 0 ? 0 : dec > 9 ? 9 : dec;
}

void doc_chart_value_axis(const doc_chart *c, int max_ticks, doc_axis *out) {
  double lo = NAN, hi = NAN;
#define TAKE(v)                          \
  do {                                   \
    double v_ = (v);                     \
    if (isfinite(v_)) {                  \
      if (isnan(lo) || v_ < lo) lo = v_; \
      if (isnan(hi) || v_ > hi) hi = v_; \
    }                                    \
  } while (0)
  if (doc_chart_is_stacked(c)) {
    for (size_t i = 0; i < c->ncats; i++) {
      double pos = 0, neg = 0;
      for (size_t s = 0; s < c->nseries; s++) {
        double v = c->series[s].values[i];
        if (isfinite(v)) {
          if (v >= 0) pos += v;
          else neg += v;
        }
      }
      TAKE(pos);
      TAKE(neg);
    }
  } else {
    for (size_t s = 0; s < c->nseries; s++)
      for (size_t i = 0; i < c->ncats; i++) TAKE(c->series[s].values[i]);
  }
  for (size_t i = 0; i < c->nlines; i++) TAKE(c->lines[i].value);
  for (size_t i = 0; i < c->nbands; i++) {
    TAKE(c->bands[i].from);
    TAKE(c->bands[i].to);
  }
#undef TAKE
  /* A band that runs to the edge of the plot from the data's outermost value would be invisible:
   * show a margin of it. */
  if (isfinite(lo) && hi > lo) {
    double spread = hi - lo, nlo = lo, nhi = hi;
    for (size_t i = 0; i < c->nbands; i++) {
      if (!isfinite(c->bands[i].from) && isfinite(c->bands[i].to) && c->bands[i].to <= lo)
        nlo = fmin(nlo, c->bands[i].to - 0.15 * spread);
      if (!isfinite(c->bands[i].to) && isfinite(c->bands[i].from) && c->bands[i].from >= hi)
        nhi = fmax(nhi, c->bands[i].from + 0.15 * spread);
    }
    lo = nlo;
    hi = nhi;
  }
  int zero = 1;
  if (c->kind == DOC_CHART_LINE && isfinite(lo)) {
    /* A line needs no zero baseline; keep it when the data are close to zero anyway. */
    double spread = hi - lo;
    if ((lo > 0 && lo > spread) || (hi < 0 && -hi > spread)) zero = 0;
  }
  doc_axis_nice(lo, hi, zero, max_ticks, c->value_type, c->thousands, out);
}

char *doc_axis_label(const doc_axis *a, doc_col_type type, double v, char *buf, size_t n) {
  double x = v / (a->scale > 0 ? a->scale : 1);
  if (fabs(x) < 1e-12 * fmax(1, fabs(a->step / (a->scale > 0 ? a->scale : 1)))) x = 0;
  if (type == DOC_COL_PERCENT) return nofmt_percent(buf, n, x, a->decimals);
  return nofmt_number(buf, n, x, a->decimals);
}

/* ---- category labels ---------------------------------------------------------------------- */

#define SIN45 0.70710678118654752

static double max_width(const char *const *labels, size_t n, size_t step, doc_measure_fn measure,
                        void *ctx) {
  double w = 0;
  for (size_t i = 0; i < n; i += step) {
    double x = measure(ctx, labels[i] ? labels[i] : "");
    if (x > w) w = x;
  }
  return w;
}

/* Measures text[0..len) through the NUL-terminated callback. */
static double measure_n(const char *text, size_t len, doc_measure_fn measure, void *ctx) {
  char tmp[512];
  if (len >= sizeof tmp) len = sizeof tmp - 1;
  memcpy(tmp, text, len);
  tmp[len] = '\0';
  return measure(ctx, tmp);
}

size_t doc_label_wrap(const char *text, double max_w, doc_measure_fn measure, void *ctx,
                      size_t max_lines, size_t *start, size_t *len) {
  size_t nl = 0, pos = 0, total = strlen(text);
  if (max_lines == 0) return 0;
  while (pos < total && text[pos] == ' ') pos++;
  while (pos < total) {
    if (nl + 1 == max_lines) { /* the last line takes the rest */
      size_t end = total;
      while (end > pos && text[end - 1] == ' ') end--;
      start[nl] = pos;
      len[nl++] = end - pos;
      return nl;
    }
    /* Greedy: extend word by word while the line fits; a first word always goes on. */
    size_t end = pos, best = 0;
    for (;;) {
      size_t w = end;
      while (w < total && text[w] == ' ') w++;
      while (w < total && text[w] != ' ') w++;
      if (w == end) break;
      if (best && measure_n(text + pos, w - pos, measure, ctx) > max_w) break;
      best = w;
      end = w;
    }
    start[nl] = pos;
    len[nl++] = best - pos;
    pos = best;
    while (pos < total && text[pos] == ' ') pos++;
  }
  if (nl == 0) {
    start[0] = 0;
    len[0] = 0;
    nl = 1;
  }
  return nl;
}

/* The number of lines text needs wrapped at max_w, and whether every line fits (no word wider). */
static size_t wrap_lines(const char *text, double max_w, doc_measure_fn measure, void *ctx,
                         int *fits) {
  size_t st[8], ln[8];
  size_t n = doc_label_wrap(text, max_w, measure, ctx, 8, st, ln);
  *fits = 1;
  for (size_t i = 0; i < n; i++)
    if (measure_n(text + st[i], ln[i], measure, ctx) > max_w) *fits = 0;
  return n;
}

char *doc_label_fit(const char *text, double max_w, doc_measure_fn measure, void *ctx, char *buf,
                    size_t n) {
  static const char ell[] = "\xE2\x80\xA6"; /* U+2026 … */
  if (!text) text = "";
  if (n == 0) return buf;
  size_t tl = strlen(text);
  if (measure(ctx, text) <= max_w && tl < n) {
    memcpy(buf, text, tl + 1);
    return buf;
  }
  /* The longest prefix (on a code point boundary, trailing spaces and punctuation dropped) that
   * still fits with the ellipsis. */
  char tmp[520];
  size_t best = 0, pos = 0;
  while (pos < tl) {
    uint32_t cp;
    size_t k = utf8_decode(text + pos, tl - pos, &cp);
    if (k == 0) k = 1;
    size_t end = pos + k;
    if (end + sizeof ell >= sizeof tmp || end + sizeof ell > n) break;
    size_t cut = end;
    while (cut > 0 && (text[cut - 1] == ' ' || text[cut - 1] == ',' || text[cut - 1] == '.' ||
                       text[cut - 1] == '-' || text[cut - 1] == '('))
      cut--;
    memcpy(tmp, text, cut);
    memcpy(tmp + cut, ell, sizeof ell);
    if (measure(ctx, tmp) > max_w) break;
    best = cut;
    pos = end;
  }
  memcpy(buf, text, best);
  memcpy(buf + best, ell, sizeof ell);
  return buf;
}

void doc_labels_place_below(const char *const *labels, size_t n, double slot, double line_h,
                            double max_extent, doc_measure_fn measure, void *ctx,
                            doc_label_layout *out) {
  memset(out, 0, sizeof *out);
  out->step = 1;
  out->lines = 1;
  out->mode = DOC_LABELS_HORIZONTAL;
  out->extent = line_h;
  if (n == 0) return;
  if (slot <= 0) slot = 1e-6;
  if (max_extent < line_h) max_extent = line_h;
  double gap = 0.4 * line_h;      /* horizontal room between neighbouring labels */
  double min_rot = 3.0 * line_h;  /* a rotated label shorter than this says nothing */

  for (size_t k = 1; k <= n; k++) {
    double room = slot * (double)k;
    double w = max_width(labels, n, k, measure, ctx);
    out->step = (int)k;
    /* 1. horizontal, whole */
    if (w + gap <= room) {
      out->mode = DOC_LABELS_HORIZONTAL;
      out->max_width = room - gap;
      out->extent = line_h;
      return;
    }
    /* 2. wrapped on 2-3 lines (only when every label's words fit the slot) */
    size_t lines_max = (size_t)(max_extent / line_h);
    if (lines_max > 3) lines_max = 3;
    if (lines_max >= 2 && room - gap >= 2.5 * line_h) {
      size_t need = 1;
      int ok = 1;
      for (size_t i = 0; i < n && ok; i += k) {
        int fits;
        size_t l = wrap_lines(labels[i] ? labels[i] : "", room - gap, measure, ctx, &fits);
        if (!fits || l > lines_max) ok = 0;
        if (l > need) need = l;
      }
      if (ok) {
        out->mode = DOC_LABELS_WRAPPED;
        out->lines = (int)need;
        out->max_width = room - gap;
        out->extent = (double)need * line_h;
        return;
      }
    }
    /* 3. 45 degrees: neighbouring baselines are room x sin45 apart */
    if (room * SIN45 >= line_h * 1.05) {
      double ext = (w + line_h) * SIN45;
      double allowed = max_extent / SIN45 - line_h;
      if (ext <= max_extent || allowed >= min_rot) {
        out->mode = DOC_LABELS_ROTATED_45;
        out->max_width = ext <= max_extent ? w : allowed;
        out->abbreviated = ext > max_extent;
        out->extent = (out->max_width + line_h) * SIN45;
        return;
      }
    }
    /* 4. 90 degrees */
    if (room >= line_h) {
      if (w <= max_extent || max_extent >= min_rot) {
        out->mode = DOC_LABELS_ROTATED_90;
        out->max_width = w <= max_extent ? w : max_extent;
        out->abbreviated = w > max_extent;
        out->extent = out->max_width;
        return;
      }
    }
  }
  /* Unreachable for sane input (k = n gives the whole axis to one label); fall back to one
   * abbreviated horizontal label. */
  out->mode = DOC_LABELS_HORIZONTAL;
  out->step = (int)n;
  out->max_width = slot * (double)n;
  out->abbreviated = 1;
  out->extent = line_h;
}

void doc_labels_place_left(const char *const *labels, size_t n, double slot, double line_h,
                           double max_width_, doc_measure_fn measure, void *ctx,
                           doc_label_layout *out) {
  memset(out, 0, sizeof *out);
  out->mode = DOC_LABELS_HORIZONTAL;
  out->lines = 1;
  out->step = 1;
  if (n == 0) return;
  if (slot <= 0) slot = 1e-6;
  if (slot < line_h) out->step = (int)ceil(line_h / slot);
  double w = max_width(labels, n, (size_t)out->step, measure, ctx);
  out->max_width = max_width_;
  if (w <= max_width_) {
    out->extent = w;
    return;
  }
  /* Two lines when the rows are tall enough and every label then fits. */
  if (slot * out->step >= 2.0 * line_h) {
    int ok = 1;
    double widest = 0;
    for (size_t i = 0; i < n && ok; i += (size_t)out->step) {
      size_t st[2], ln[2];
      const char *t = labels[i] ? labels[i] : "";
      size_t l = doc_label_wrap(t, max_width_, measure, ctx, 2, st, ln);
      for (size_t j = 0; j < l; j++) {
        double x = measure_n(t + st[j], ln[j], measure, ctx);
        if (x > max_width_) ok = 0;
        if (x > widest) widest = x;
      }
    }
    if (ok) {
      out->mode = DOC_LABELS_WRAPPED;
      out->lines = 2;
      out->extent = widest;
      return;
    }
  }
  out->abbreviated = 1;
  out->extent = max_width_;
}

/* ---- palette ------------------------------------------------------------------------------ */

/* Okabe & Ito (2008) hues, reordered for print: dark blue first (actual figures), orange second
 * (budget, last year), then bluish green, sky blue, vermillion, reddish purple. Greyscale
 * lightness (Rec. 601 luma) 69, 162, 106, 158, 119, 151: each neighbour pair differs by 40+ and
 * lines also differ in dash and marker, so no series depends on colour alone. */
const doc_series_style doc_chart_palette[DOC_CHART_NPALETTE] = {
    {0x1F4E79, DOC_MARKER_CIRCLE, DOC_DASH_SOLID, "mørk blå"},
    {0xE69F00, DOC_MARKER_SQUARE, DOC_DASH_DASH, "oransje"},
    {0x009E73, DOC_MARKER_TRIANGLE, DOC_DASH_DOT, "blågrønn"},
    {0x56B4E9, DOC_MARKER_DIAMOND, DOC_DASH_DASH_DOT, "himmelblå"},
    {0xD55E00, DOC_MARKER_CROSS, DOC_DASH_SOLID, "rødoransje"},
    {0xCC79A7, DOC_MARKER_CIRCLE, DOC_DASH_DASH, "rødlilla"},
};

/* DIVERGING: negative (usually overspend) orange-red, positive dark blue: luma 119 vs 69 and on
 * opposite sides of the zero line. */
const uint32_t doc_chart_neg_color = 0xD55E00;
const uint32_t doc_chart_pos_color = 0x1F4E79;
const uint32_t doc_chart_ink = 0x222222;
const uint32_t doc_chart_axis_color = 0x595959;
const uint32_t doc_chart_grid_color = 0xD9D9D9;
const uint32_t doc_chart_ref_color = 0x222222;

/* Status colours from THE status table (model/present.c): the solid colour for series, the
 * cell fill for bands. A band without status is light grey. */
uint32_t doc_chart_status_color(doc_status s) {
  return s == DOC_STATUS_NONE ? 0xB0B0B0 : present_status_of(s)->chart;
}

uint32_t doc_chart_status_tint(doc_status s) {
  return s == DOC_STATUS_NONE ? 0xEEEEEE : present_status_of(s)->fill;
}

doc_series_style doc_chart_series_style(const doc_chart *c, size_t i) {
  doc_series_style st = doc_chart_palette[i % DOC_CHART_NPALETTE];
  if (c && i < c->nseries && c->series[i].status != DOC_STATUS_NONE)
    st.color = doc_chart_status_color(c->series[i].status);
  return st;
}
