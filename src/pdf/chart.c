/* pdf/chart.c — a chart block drawn with libharu vector operations (see chart.h). The geometry
 * (ticks, label placement, palette) comes from model/chart.h so the XLSX chart and the tests
 * agree with the picture; this file only measures, places and strokes. Units are points, y up. */
#include "pdf/chart.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/chart_layout.h"
#include "model/present.h"
#include "pdf/pdf_actual.h"
#include "util/nofmt.h"

/* Type sizes and inks: a quiet report style — bold title, grey summary and axes, light grid. */
#define FS_TITLE 10.5
#define FS_SUMMARY 8.5
#define FS_LEGEND 8.0
#define FS_TICK 7.5
#define FS_SMALL 7.0
#define MUTED 0x555555u
#define WHITE 0xFFFFFFu

typedef struct cctx {
  HPDF_Page pg;
  const pdf_chart_text *t;
  rapp_buf scratch;
  /* font of the measure callback (doc_measure_fn has no size argument) */
  int mbold;
  double msize;
} cctx;

static double tw(cctx *k, int bold, double size, const char *s) {
  if (!s || !*s) return 0;
  if (k->t->width) return k->t->width(k->t->ctx, bold, size, s);
  HPDF_TextWidth w = HPDF_Font_TextWidth(k->t->font[bold], (const HPDF_BYTE *)s, (HPDF_UINT)strlen(s));
  return (double)w.width * size / 1000.0;
}

static double measure_cb(void *ctx, const char *s) {
  cctx *k = ctx;
  return tw(k, k->mbold, k->msize, s);
}

static void set_measure(cctx *k, int bold, double size) {
  k->mbold = bold;
  k->msize = size;
}

static void fill_rgb(HPDF_Page p, uint32_t c) {
  HPDF_Page_SetRGBFill(p, (HPDF_REAL)((c >> 16) & 255) / 255.0f, (HPDF_REAL)((c >> 8) & 255) / 255.0f,
                       (HPDF_REAL)(c & 255) / 255.0f);
}

static void stroke_rgb(HPDF_Page p, uint32_t c) {
  HPDF_Page_SetRGBStroke(p, (HPDF_REAL)((c >> 16) & 255) / 255.0f,
                         (HPDF_REAL)((c >> 8) & 255) / 255.0f, (HPDF_REAL)(c & 255) / 255.0f);
}

static int luma(uint32_t c) {
  return (int)(0.299 * ((c >> 16) & 255) + 0.587 * ((c >> 8) & 255) + 0.114 * (c & 255));
}

static void set_dash(HPDF_Page p, doc_dash d) {
  static const HPDF_UINT16 dash[] = {5, 3}, dot[] = {1, 3}, dashdot[] = {6, 2, 1, 2};
  switch (d) {
    case DOC_DASH_DASH: HPDF_Page_SetDash(p, dash, 2, 0); break;
    case DOC_DASH_DOT: HPDF_Page_SetDash(p, dot, 2, 0); break;
    case DOC_DASH_DASH_DOT: HPDF_Page_SetDash(p, dashdot, 4, 0); break;
    case DOC_DASH_SOLID: HPDF_Page_SetDash(p, NULL, 0, 0); break;
  }
}

/* Draws s with its baseline starting at (x, y), turned by angle degrees counter-clockwise. */
static void text_at(cctx *k, int bold, double size, uint32_t color, double x, double y,
                    double angle, const char *s) {
  if (!s || !*s) return;
  const char *out = s;
  if (k->t->prepare) {
    k->t->prepare(k->t->ctx, bold, s, &k->scratch);
    out = buf_str(&k->scratch);
  }
  HPDF_Page_BeginText(k->pg);
  HPDF_Page_SetFontAndSize(k->pg, k->t->font[bold], (HPDF_REAL)size);
  fill_rgb(k->pg, color);
  double a = angle * 3.14159265358979323846 / 180.0, ca = cos(a), sa = sin(a);
  HPDF_Page_SetTextMatrix(k->pg, (HPDF_REAL)ca, (HPDF_REAL)sa, (HPDF_REAL)-sa, (HPDF_REAL)ca,
                          (HPDF_REAL)x, (HPDF_REAL)y);
  int actual = pdf_actual_begin(k->pg, s, strlen(s)); /* a tick "0 %" reads "0 %" */
  HPDF_Page_ShowText(k->pg, out);
  if (actual) pdf_actual_end(k->pg);
  HPDF_Page_EndText(k->pg);
}

enum { LEFT = 0, CENTER = 1, RIGHT = 2 };

static void text_al(cctx *k, int bold, double size, uint32_t color, double x, double y, int align,
                    const char *s) {
  double w = align == LEFT ? 0 : tw(k, bold, size, s);
  text_at(k, bold, size, color, align == CENTER ? x - w / 2 : align == RIGHT ? x - w : x, y, 0, s);
}

/* Text broken into at most max_lines lines of width w below y_top; the last line abbreviated.
 * Draws when draw is 1; returns the height used. */
static double text_block(cctx *k, int bold, double size, uint32_t color, double x, double y_top,
                         double w, size_t max_lines, const char *s, int draw) {
  if (!s || !*s) return 0;
  size_t st[4], ln[4];
  if (max_lines > 4) max_lines = 4;
  set_measure(k, bold, size);
  size_t n = doc_label_wrap(s, w, measure_cb, k, max_lines, st, ln);
  double lh = size * 1.25;
  for (size_t i = 0; draw && i < n; i++) {
    char line[512], fit[512];
    size_t l = ln[i] < sizeof line - 1 ? ln[i] : sizeof line - 1;
    memcpy(line, s + st[i], l);
    line[l] = '\0';
    doc_label_fit(line, w, measure_cb, k, fit, sizeof fit);
    text_at(k, bold, size, color, x, y_top - lh * (double)i - size * 0.95, 0, fit);
  }
  return lh * (double)n;
}

static void marker(HPDF_Page p, doc_marker m, double cx, double cy, double r, uint32_t color) {
  fill_rgb(p, color);
  stroke_rgb(p, WHITE);
  HPDF_Page_SetLineWidth(p, 0.6f);
  HPDF_Page_SetDash(p, NULL, 0, 0);
  float x = (float)cx, y = (float)cy, rr = (float)r;
  switch (m) {
    case DOC_MARKER_SQUARE:
      HPDF_Page_Rectangle(p, x - rr * 0.9f, y - rr * 0.9f, rr * 1.8f, rr * 1.8f);
      break;
    case DOC_MARKER_TRIANGLE:
      HPDF_Page_MoveTo(p, x, y + rr * 1.15f);
      HPDF_Page_LineTo(p, x + rr * 1.1f, y - rr * 0.75f);
      HPDF_Page_LineTo(p, x - rr * 1.1f, y - rr * 0.75f);
      HPDF_Page_ClosePath(p);
      break;
    case DOC_MARKER_DIAMOND:
      HPDF_Page_MoveTo(p, x, y + rr * 1.25f);
      HPDF_Page_LineTo(p, x + rr * 1.1f, y);
      HPDF_Page_LineTo(p, x, y - rr * 1.25f);
      HPDF_Page_LineTo(p, x - rr * 1.1f, y);
      HPDF_Page_ClosePath(p);
      break;
    case DOC_MARKER_CROSS: /* a plus made of two bars, filled */
      HPDF_Page_MoveTo(p, x - rr * 0.35f, y + rr * 1.1f);
      HPDF_Page_LineTo(p, x + rr * 0.35f, y + rr * 1.1f);
      HPDF_Page_LineTo(p, x + rr * 0.35f, y + rr * 0.35f);
      HPDF_Page_LineTo(p, x + rr * 1.1f, y + rr * 0.35f);
      HPDF_Page_LineTo(p, x + rr * 1.1f, y - rr * 0.35f);
      HPDF_Page_LineTo(p, x + rr * 0.35f, y - rr * 0.35f);
      HPDF_Page_LineTo(p, x + rr * 0.35f, y - rr * 1.1f);
      HPDF_Page_LineTo(p, x - rr * 0.35f, y - rr * 1.1f);
      HPDF_Page_LineTo(p, x - rr * 0.35f, y - rr * 0.35f);
      HPDF_Page_LineTo(p, x - rr * 1.1f, y - rr * 0.35f);
      HPDF_Page_LineTo(p, x - rr * 1.1f, y + rr * 0.35f);
      HPDF_Page_LineTo(p, x - rr * 0.35f, y + rr * 0.35f);
      HPDF_Page_ClosePath(p);
      break;
    case DOC_MARKER_CIRCLE:
      HPDF_Page_Circle(p, x, y, rr);
      break;
  }
  HPDF_Page_FillStroke(p);
}

static void rect_fill(HPDF_Page p, double x0, double y0, double x1, double y1, uint32_t color,
                      int white_edge) {
  if (x1 < x0) { double t = x0; x0 = x1; x1 = t; }
  if (y1 < y0) { double t = y0; y0 = y1; y1 = t; }
  fill_rgb(p, color);
  if (white_edge) { /* path state must be set before the path starts */
    stroke_rgb(p, WHITE);
    HPDF_Page_SetLineWidth(p, 0.5f);
    HPDF_Page_SetDash(p, NULL, 0, 0);
  }
  HPDF_Page_Rectangle(p, (float)x0, (float)y0, (float)(x1 - x0), (float)(y1 - y0));
  if (white_edge) HPDF_Page_FillStroke(p);
  else HPDF_Page_Fill(p);
}

/* The fill pattern pt (present_series_pattern) over the rectangle, clipped to it, in the ink that
 * shows on a bar of colour fill. */
static void pattern_fill(HPDF_Page p, double x0, double y0, double x1, double y1, present_pattern pt,
                         uint32_t fill) {
  if (pt == PRESENT_PATTERN_NONE) return;
  if (x1 < x0) { double t = x0; x0 = x1; x1 = t; }
  if (y1 < y0) { double t = y0; y0 = y1; y1 = t; }
  double w = x1 - x0, h = y1 - y0;
  const double st = PRESENT_PATTERN_STEP;
  if (w < 1 || h < 1) return;
  uint32_t ink = present_pattern_ink(fill);
  HPDF_Page_GSave(p);
  HPDF_Page_Rectangle(p, (float)x0, (float)y0, (float)w, (float)h);
  HPDF_Page_Clip(p);
  HPDF_Page_EndPath(p);
  stroke_rgb(p, ink);
  fill_rgb(p, ink);
  HPDF_Page_SetLineWidth(p, (float)PRESENT_PATTERN_LINE);
  HPDF_Page_SetDash(p, NULL, 0, 0);
  switch (pt) {
    case PRESENT_PATTERN_NONE: break;
    case PRESENT_PATTERN_DIAGONAL:
    case PRESENT_PATTERN_BACKDIAG:
    case PRESENT_PATTERN_CROSS:
      /* 45° lines every `st` along x, over the whole box (the clip cuts them) */
      for (double t = -h; t < w + st; t += st) {
        if (pt != PRESENT_PATTERN_BACKDIAG) { /* "/" */
          HPDF_Page_MoveTo(p, (float)(x0 + t), (float)y0);
          HPDF_Page_LineTo(p, (float)(x0 + t + h), (float)y1);
        }
        if (pt != PRESENT_PATTERN_DIAGONAL) { /* "\" */
          HPDF_Page_MoveTo(p, (float)(x0 + t), (float)y1);
          HPDF_Page_LineTo(p, (float)(x0 + t + h), (float)y0);
        }
      }
      HPDF_Page_Stroke(p);
      break;
    case PRESENT_PATTERN_DOTS: {
      int dots = 0; /* a bar lower or narrower than half a step has none: no path to fill */
      for (double y = y0 + st / 2; y < y1; y += st)
        for (double x = x0 + st / 2; x < x1; x += st, dots++)
          HPDF_Page_Circle(p, (float)x, (float)y, (float)PRESENT_PATTERN_LINE);
      if (dots) HPDF_Page_Fill(p);
      break;
    }
  }
  HPDF_Page_GRestore(p);
}

/* A bar or stacked segment of the layout: its colour, then its pattern. */
static void bar_fill(HPDF_Page p, const chart_bar *b, int horizontal, int white_edge) {
  double x0 = horizontal ? b->base : b->side0, x1 = horizontal ? b->end : b->side1;
  double y0 = horizontal ? b->side0 : b->base, y1 = horizontal ? b->side1 : b->end;
  rect_fill(p, x0, y0, x1, y1, b->color, white_edge);
  pattern_fill(p, x0, y0, x1, y1, b->pattern, b->color);
}

static void line_seg(HPDF_Page p, double x0, double y0, double x1, double y1, uint32_t color,
                     double width) {
  stroke_rgb(p, color);
  HPDF_Page_SetLineWidth(p, (float)width);
  HPDF_Page_MoveTo(p, (float)x0, (float)y0);
  HPDF_Page_LineTo(p, (float)x1, (float)y1);
  HPDF_Page_Stroke(p);
}

/* ---- legend ---------------------------------------------------------------------------------- */

/* The text an entry shows: its label; a band without one, the status word; NULL (not shown): a
 * sign or reference line the chart gives no label. */
static const char *legend_text(const chart_legend_entry *e, const char *language) {
  if (e->label) return e->label;
  return e->kind == CHART_LEGEND_BAND ? present_status_word(e->status, language) : NULL;
}

/* Lays the entries out left to right, wrapping; draws when draw is 1; returns the height. */
static double legend(cctx *k, const chart_legend_entry *e, size_t n, double x, double y_top, double w,
                     int draw) {
  const double sw = 16, gap = 4, sep = 12, lh = FS_LEGEND * 1.45;
  double cx = x, cy = y_top;
  size_t shown = 0;
  set_measure(k, 0, FS_LEGEND);
  for (size_t i = 0; i < n; i++) {
    const char *label = legend_text(&e[i], k->t->language);
    if (!label) continue;
    shown++;
    char fit[512];
    doc_label_fit(label, w - sw - gap, measure_cb, k, fit, sizeof fit);
    double ew = sw + gap + tw(k, 0, FS_LEGEND, fit);
    if (cx > x && cx + ew > x + w) {
      cx = x;
      cy -= lh;
    }
    if (draw) {
      double mid = cy - lh / 2;
      HPDF_Page p = k->pg;
      switch (e[i].kind) {
        case CHART_LEGEND_BAR:
          rect_fill(p, cx + 3, mid - 4, cx + 13, mid + 4, e[i].st.color, 0);
          pattern_fill(p, cx + 3, mid - 4, cx + 13, mid + 4, e[i].pattern, e[i].st.color);
          break;
        case CHART_LEGEND_BAND:
          rect_fill(p, cx + 1, mid - 4, cx + 15, mid + 4, e[i].st.color, 0);
          break;
        case CHART_LEGEND_LINE:
          set_dash(p, e[i].st.dash);
          HPDF_Page_SetLineCap(p, e[i].st.dash == DOC_DASH_DOT ? HPDF_ROUND_END : HPDF_BUTT_END);
          line_seg(p, cx, mid, cx + sw, mid, e[i].st.color, 1.6);
          HPDF_Page_SetLineCap(p, HPDF_BUTT_END);
          marker(p, e[i].st.marker, cx + sw / 2, mid, 2.3, e[i].st.color);
          break;
        case CHART_LEGEND_REF:
          set_dash(p, DOC_DASH_DASH);
          line_seg(p, cx, mid, cx + sw, mid, e[i].st.color, 1.0);
          HPDF_Page_SetDash(p, NULL, 0, 0);
          break;
      }
      text_at(k, 0, FS_LEGEND, doc_chart_ink, cx + sw + gap, mid - FS_LEGEND * 0.35, 0, fit);
    }
    cx += ew + sep;
  }
  return shown ? (y_top - cy) + lh : 0;
}

/* ---- plot helpers ------------------------------------------------------------------------------ */

/* The value axis title with the scale's unit: "Beløp (mill. kr)", "mill. kr", or "". */
static void value_title(const doc_chart *c, const doc_axis *ax, char *buf, size_t n) {
  const char *t = c->value_title && *c->value_title ? c->value_title : NULL;
  const char *u = ax->unit && *ax->unit && strcmp(ax->unit, "kr") != 0 ? ax->unit : NULL;
  if (!u && c->value_type == DOC_COL_AMOUNT && !t) u = "kr";
  if (t && u) snprintf(buf, n, "%s (%s)", t, u);
  else snprintf(buf, n, "%s", t ? t : u ? u : "");
}

static double widest_tick(cctx *k, const doc_chart *c, const doc_axis *ax) {
  double w = 0;
  for (int i = 0; i < ax->nticks; i++) {
    char b[64];
    doc_axis_label(ax, c->value_type, ax->ticks[i], b, sizeof b);
    double x = tw(k, 0, FS_TICK, b);
    if (x > w) w = x;
  }
  return w;
}

/* Widest fully formatted value (data labels at bar ends). */
static double widest_value(cctx *k, const doc_chart *c, int *has_neg, int *has_pos) {
  double w = 0;
  *has_neg = *has_pos = 0;
  for (size_t s = 0; s < c->nseries; s++)
    for (size_t i = 0; i < c->ncats; i++) {
      double v = c->series[s].values[i];
      if (!isfinite(v)) continue;
      if (v < 0) *has_neg = 1;
      else *has_pos = 1;
      char b[64];
      doc_chart_format_value(c, v, b, sizeof b);
      double x = tw(k, 0, FS_SMALL, b);
      if (x > w) w = x;
    }
  return w;
}

/* Bands as tinted stripes across the plot, along the value axis. */
static void draw_bands(cctx *k, const doc_chart *c, const chart_layout *L, int horizontal, double a0,
                       double a1) {
  for (size_t i = 0; i < c->nbands; i++) {
    double f = L->bands[i].from, t = L->bands[i].to;
    if (fabs(t - f) < 0.01) continue;
    uint32_t col = doc_chart_status_tint(c->bands[i].status);
    if (horizontal) rect_fill(k->pg, f, a0, t, a1, col, 0);
    else rect_fill(k->pg, a0, f, a1, t, col, 0);
  }
}

static void draw_grid(cctx *k, const chart_layout *L, int horizontal, double a0, double a1) {
  HPDF_Page_SetDash(k->pg, NULL, 0, 0);
  for (int i = 0; i < L->nticks; i++) {
    double p = L->ticks[i].pos;
    if (horizontal) line_seg(k->pg, p, a0, p, a1, doc_chart_grid_color, 0.5);
    else line_seg(k->pg, a0, p, a1, p, doc_chart_grid_color, 0.5);
  }
}

/* Reference lines: dashed across the plot, label at the far end on a white ground. */
static void draw_reflines(cctx *k, const doc_chart *c, const chart_layout *L, int horizontal,
                          double a0, double a1) {
  for (size_t i = 0; i < c->nlines; i++) {
    if (!L->line_inside[i]) continue;
    double p = L->lines[i];
    set_dash(k->pg, DOC_DASH_DASH);
    if (horizontal) line_seg(k->pg, p, a0, p, a1, doc_chart_ref_color, 1.0);
    else line_seg(k->pg, a0, p, a1, p, doc_chart_ref_color, 1.0);
    HPDF_Page_SetDash(k->pg, NULL, 0, 0);
    const char *lab = c->lines[i].label;
    if (!lab || !*lab) continue;
    set_measure(k, 0, FS_SMALL);
    char fit[256];
    doc_label_fit(lab, fabs(a1 - a0) * 0.5, measure_cb, k, fit, sizeof fit);
    double w = tw(k, 0, FS_SMALL, fit);
    double tx, ty;
    if (horizontal) {
      tx = p + 3;
      ty = a1 - FS_SMALL - 1;
      if (tx + w > L->vmap.p0 + L->vmap.len) tx = p - 3 - w;
    } else {
      tx = a1 - w - 2;
      ty = p + 2.5;
    }
    rect_fill(k->pg, tx - 1.5, ty - 2, tx + w + 1.5, ty + FS_SMALL * 0.85, WHITE, 0);
    text_at(k, 0, FS_SMALL, doc_chart_ink, tx, ty, 0, fit);
  }
}

/* A label inside a stacked segment when it fits; white on dark fills. */
static void segment_label(cctx *k, const doc_chart *c, const chart_bar *sb, int horizontal) {
  double x0 = horizontal ? sb->base : sb->side0, x1 = horizontal ? sb->end : sb->side1;
  double y0 = horizontal ? sb->side0 : sb->base, y1 = horizontal ? sb->side1 : sb->end;
  uint32_t fill = sb->color;
  char b[64];
  doc_chart_format_value(c, sb->value, b, sizeof b);
  double w = tw(k, 0, FS_SMALL, b);
  if (fabs(x1 - x0) < w + 4 || fabs(y1 - y0) < FS_SMALL + 2) return;
  text_al(k, 0, FS_SMALL, luma(fill) < 110 ? WHITE : doc_chart_ink, (x0 + x1) / 2,
          (y0 + y1) / 2 - FS_SMALL * 0.35, CENTER, b);
}

/* Lays the plot out (model/chart_layout.h) and draws what lies under the data: the bands and the
 * grid, across the plot from a0 to a1 on the category axis. */
static int plot_begin(cctx *k, const doc_chart *c, const doc_axis *ax, const chart_box *box,
                      const chart_bar_style *st, int horizontal, double a0, double a1,
                      chart_layout *L, rapp_err *err) {
  if (chart_layout_build(L, c, ax, box, st) != 0)
    return err_set(err, "chart '%s': out of memory", c->title);
  draw_bands(k, c, L, horizontal, a0, a1);
  draw_grid(k, L, horizontal, a0, a1);
  return 0;
}

/* The bars and stacked segments: stacked ones with white edges and their values inside when
 * they fit; data_labels (bar charts with one series): the value at the end of each bar. */
static void draw_bars(cctx *k, const doc_chart *c, const chart_layout *L, int horizontal,
                      int data_labels) {
  int stacked = doc_chart_is_stacked(c);
  for (size_t i = 0; i < L->nbars; i++) {
    const chart_bar *b = &L->bars[i];
    bar_fill(k->pg, b, horizontal, stacked || (c->nseries > 1 && b->thick > 3));
    if (stacked) {
      segment_label(k, c, b, horizontal);
    } else if (data_labels) {
      char lab[64];
      doc_chart_format_value(c, b->value, lab, sizeof lab);
      double cy = chart_layout_cat(L, b->cat);
      if (b->value < 0) text_al(k, 0, FS_SMALL, doc_chart_ink, b->end - 3, cy - FS_SMALL * 0.35, RIGHT, lab);
      else text_al(k, 0, FS_SMALL, doc_chart_ink, b->end + 3, cy - FS_SMALL * 0.35, LEFT, lab);
    }
  }
}

/* A category label wrapped onto at most max_lines (<= 3) lines of lay->max_width, each line
 * abbreviated to fit, lh apart: below the axis (mid 0) the first baseline FS_TICK * 0.85 under y;
 * left of it (mid 1) the lines centred on y. */
static void wrapped_label(cctx *k, const char *s, const doc_label_layout *lay, size_t max_lines,
                          double x, double y, int mid, double lh, int align, uint32_t color) {
  size_t st[3], ln[3];
  size_t nl = doc_label_wrap(s, lay->max_width, measure_cb, k, max_lines > 3 ? 3 : max_lines, st, ln);
  double y0 = mid ? y + lh * ((double)nl - 1) / 2 - FS_TICK * 0.35 : y - FS_TICK * 0.85;
  for (size_t j = 0; j < nl; j++) {
    char line[512], fit[512];
    size_t l = ln[j] < sizeof line - 1 ? ln[j] : sizeof line - 1;
    memcpy(line, s + st[j], l);
    line[l] = '\0';
    doc_label_fit(line, lay->max_width, measure_cb, k, fit, sizeof fit);
    text_al(k, 0, FS_TICK, color, x, y0 - lh * (double)j, align, fit);
  }
}

/* ---- column and line charts (categories along the bottom) ------------------------------------- */

static int draw_vertical(cctx *k, const doc_chart *c, double X, double B, double W, double H,
                         rapp_err *err) {
  const double lh_tick = FS_TICK * 1.2;
  doc_axis ax;
  doc_chart_value_axis(c, 6, &ax);
  char vt[256];
  value_title(c, &ax, vt, sizeof vt);
  /* the value title above the top tick label (which reaches half a line above the plot) */
  double title_h = vt[0] ? FS_TICK * 2.7 : FS_TICK * 0.8;
  double cat_h = c->cat_title && *c->cat_title ? FS_TICK * 1.8 : 0;
  double top = B + H - title_h;
  double label_cap = fmin(0.35 * (H - title_h - cat_h), 90);
  doc_label_layout lay;
  double left = X, plot_b = B, right = X + W - 2;
  set_measure(k, 0, FS_TICK);
  for (int pass = 0; pass < 3; pass++) {
    left = X + widest_tick(k, c, &ax) + 6;
    double slot = (right - left) / (double)c->ncats;
    set_measure(k, 0, FS_TICK);
    doc_labels_place_below(c->cats, c->ncats, slot, lh_tick, label_cap, measure_cb, k, &lay);
    plot_b = B + cat_h + lay.extent + 5;
    double ploth = top - plot_b;
    if (ploth < 24)
      return err_set(err,
                     "chart '%s': %.0f x %.0f mm is too small for its plot; make it taller "
                     "(height_mm) or shorten the labels",
                     c->title, W / (72.0 / 25.4), H / (72.0 / 25.4));
    int want = (int)floor(ploth / (FS_TICK * 3.4)) + 1;
    if (want < 3) want = 3;
    if (want > 9) want = 9;
    doc_axis ax2;
    doc_chart_value_axis(c, want, &ax2);
    if (pass > 0 && ax2.nticks == ax.nticks && ax2.min == ax.min && ax2.max == ax.max) break;
    ax = ax2;
    value_title(c, &ax, vt, sizeof vt);
  }
  /* columns: one 0.62 of the slot wide, side by side 0.8 (at most 36 pt each), stacked 0.62
   * (at most 48 pt) */
  static const chart_bar_style bar_style = {0.62, 0.8, 36, 0.62, 48, 1};
  chart_box box = {plot_b, top - plot_b, left, right - left};
  chart_layout L;
  if (plot_begin(k, c, &ax, &box, &bar_style, 0, left, right, &L, err) != 0) return -1;
  HPDF_Page pg = k->pg;

  /* tick labels, right-aligned against the plot */
  for (int i = 0; i < L.nticks; i++)
    text_al(k, 0, FS_TICK, MUTED, left - 5, L.ticks[i].pos - FS_TICK * 0.35, RIGHT, L.ticks[i].label);

  double zero = L.zero;
  if (c->kind == DOC_CHART_LINE) {
    double r = c->ncats > 24 ? 0 : 2.4; /* dense lines read better without markers */
    for (size_t s = 0; s < c->nseries; s++) {
      doc_series_style st = doc_chart_series_style(c, s);
      const chart_point *pt = L.points + s * c->ncats;
      set_dash(pg, st.dash);
      HPDF_Page_SetLineCap(pg, st.dash == DOC_DASH_DOT ? HPDF_ROUND_END : HPDF_BUTT_END);
      HPDF_Page_SetLineJoin(pg, HPDF_ROUND_JOIN);
      stroke_rgb(pg, st.color);
      HPDF_Page_SetLineWidth(pg, 1.6f);
      int open = 0;
      for (size_t i = 0; i < c->ncats; i++) {
        if (!pt[i].ok) {
          if (open) HPDF_Page_Stroke(pg);
          open = 0;
          continue;
        }
        if (!open) HPDF_Page_MoveTo(pg, (float)pt[i].c, (float)pt[i].v);
        else HPDF_Page_LineTo(pg, (float)pt[i].c, (float)pt[i].v);
        open = 1;
      }
      if (open) HPDF_Page_Stroke(pg);
      HPDF_Page_SetLineCap(pg, HPDF_BUTT_END);
      HPDF_Page_SetDash(pg, NULL, 0, 0);
      for (size_t i = 0; i < c->ncats; i++) {
        if (!pt[i].ok) continue;
        int isolated = (i == 0 || !pt[i - 1].ok) && (i + 1 == c->ncats || !pt[i + 1].ok);
        double rr = r > 0 ? r : isolated ? 1.6 : 0;
        if (rr > 0) marker(pg, st.marker, pt[i].c, pt[i].v, rr, st.color);
      }
    }
  } else {
    draw_bars(k, c, &L, 0, 0);
  }
  /* baseline: zero for bars, the bottom for lines */
  HPDF_Page_SetDash(pg, NULL, 0, 0);
  line_seg(pg, left, c->kind == DOC_CHART_LINE ? plot_b : zero, right,
           c->kind == DOC_CHART_LINE ? plot_b : zero, doc_chart_axis_color, 0.8);
  draw_reflines(k, c, &L, 0, left, right);

  /* category labels */
  set_measure(k, 0, FS_TICK);
  double ly = plot_b - 4;
  for (size_t i = 0; i < c->ncats; i += (size_t)lay.step) {
    double cx = chart_layout_cat(&L, i);
    char fit[512];
    if (c->kind == DOC_CHART_LINE || lay.step > 1)
      line_seg(pg, cx, plot_b, cx, plot_b - 2.5, doc_chart_axis_color, 0.5);
    switch (lay.mode) {
      case DOC_LABELS_HORIZONTAL:
        doc_label_fit(c->cats[i], lay.max_width, measure_cb, k, fit, sizeof fit);
        text_al(k, 0, FS_TICK, MUTED, cx, ly - FS_TICK * 0.85, CENTER, fit);
        break;
      case DOC_LABELS_WRAPPED:
        wrapped_label(k, c->cats[i], &lay, (size_t)lay.lines, cx, ly, 0, lh_tick, CENTER, MUTED);
        break;
      case DOC_LABELS_ROTATED_45: {
        doc_label_fit(c->cats[i], lay.max_width, measure_cb, k, fit, sizeof fit);
        double w = tw(k, 0, FS_TICK, fit), d = 0.70710678;
        double ex = cx + FS_TICK * 0.3 * d, ey = ly - FS_TICK * 0.45 - FS_TICK * 0.3 * d;
        text_at(k, 0, FS_TICK, MUTED, ex - w * d, ey - w * d, 45, fit);
        break;
      }
      case DOC_LABELS_ROTATED_90: {
        doc_label_fit(c->cats[i], lay.max_width, measure_cb, k, fit, sizeof fit);
        double w = tw(k, 0, FS_TICK, fit);
        text_at(k, 0, FS_TICK, MUTED, cx + FS_TICK * 0.35, ly - w, 90, fit);
        break;
      }
    }
  }
  if (vt[0]) text_al(k, 0, FS_TICK, MUTED, X, B + H - FS_TICK, LEFT, vt);
  if (cat_h > 0) text_al(k, 0, FS_TICK, MUTED, (left + right) / 2, B + 2, CENTER, c->cat_title);
  chart_layout_free(&L);
  return 0;
}

/* ---- bar and diverging charts (categories down the left side) -------------------------------- */

static int draw_horizontal(cctx *k, const doc_chart *c, double X, double B, double W, double H,
                           rapp_err *err) {
  const double lh = FS_TICK * 1.1; /* tight rows: a bar chart labels every bar if it can */
  doc_axis ax;
  doc_chart_value_axis(c, 6, &ax);
  char vt[256];
  value_title(c, &ax, vt, sizeof vt);
  double vt_h = vt[0] ? FS_TICK * 1.7 : 0;
  double tick_h = FS_TICK * 1.5;
  double cat_h = c->cat_title && *c->cat_title ? FS_TICK * 1.6 : 0;
  double plot_t = B + H - cat_h - 2, plot_b = B + vt_h + tick_h + 3;
  if (plot_t - plot_b < 12)
    return err_set(err, "chart '%s': the box is too small for %zu bars; make it taller (height_mm)",
                   c->title, c->ncats);
  double slot = (plot_t - plot_b) / (double)c->ncats;
  doc_label_layout lay;
  set_measure(k, 0, FS_TICK);
  doc_labels_place_left(c->cats, c->ncats, slot, lh, W * 0.36, measure_cb, k, &lay);
  double labels_r = X + lay.extent;
  /* data labels at bar ends for single unstacked series */
  int data_labels = c->kind == DOC_CHART_DIVERGING || (c->nseries == 1 && !doc_chart_is_stacked(c));
  int has_neg = 0, has_pos = 0;
  double vw = widest_value(k, c, &has_neg, &has_pos) + 4;
  if (!data_labels) vw = 0;
  double left = labels_r + 8 + (data_labels && has_neg ? vw : 0);
  double right = X + W - (data_labels && has_pos ? vw : 0) - 4;
  double half_tick = 0;
  for (int pass = 0; pass < 3; pass++) {
    double tw_max = widest_tick(k, c, &ax);
    half_tick = tw_max / 2;
    int want = (int)floor((right - left - half_tick) / (tw_max + 16)) + 1;
    if (want < 2) want = 2;
    if (want > 9) want = 9;
    doc_axis ax2;
    doc_chart_value_axis(c, want, &ax2);
    if (ax2.nticks == ax.nticks && ax2.min == ax.min && ax2.max == ax.max) break;
    ax = ax2;
  }
  value_title(c, &ax, vt, sizeof vt);
  /* the last tick label is centred on the plot's edge: keep it inside the box */
  if (X + W - right < half_tick + 1) right = X + W - half_tick - 1;
  if (right - left < 30)
    return err_set(err, "chart '%s': the box is too narrow for the plot; make it wider (width_mm)",
                   c->title);
  /* bars: one 0.66 of the slot high, side by side 0.8 (at most 24 pt each), stacked 0.66 (at
   * most 30 pt); categories from the top down */
  static const chart_bar_style bar_style = {0.66, 0.8, 24, 0.66, 30, 1};
  chart_box box = {left, right - left, plot_t, -(plot_t - plot_b)};
  chart_layout L;
  if (plot_begin(k, c, &ax, &box, &bar_style, 1, plot_b, plot_t, &L, err) != 0) return -1;
  HPDF_Page pg = k->pg;
  for (int i = 0; i < L.nticks; i++)
    text_al(k, 0, FS_TICK, MUTED, L.ticks[i].pos, plot_b - FS_TICK - 2, CENTER, L.ticks[i].label);
  double zero = L.zero;
  draw_bars(k, c, &L, 1, data_labels);
  HPDF_Page_SetDash(pg, NULL, 0, 0);
  line_seg(pg, zero, plot_b, zero, plot_t, doc_chart_axis_color, 0.8);
  draw_reflines(k, c, &L, 1, plot_b, plot_t);

  /* category labels, right-aligned against the label column */
  set_measure(k, 0, FS_TICK);
  for (size_t i = 0; i < c->ncats; i += (size_t)lay.step) {
    double cy = chart_layout_cat(&L, i);
    char fit[512];
    if (lay.mode == DOC_LABELS_WRAPPED) {
      wrapped_label(k, c->cats[i], &lay, 2, labels_r, cy, 1, lh, RIGHT, doc_chart_ink);
    } else {
      doc_label_fit(c->cats[i], lay.max_width, measure_cb, k, fit, sizeof fit);
      text_al(k, 0, FS_TICK, doc_chart_ink, labels_r, cy - FS_TICK * 0.35, RIGHT, fit);
    }
  }
  if (vt[0]) text_al(k, 0, FS_TICK, MUTED, (left + right) / 2, B + 2, CENTER, vt);
  if (cat_h > 0) text_al(k, 0, FS_TICK, MUTED, X, B + H - FS_TICK, LEFT, c->cat_title);
  chart_layout_free(&L);
  return 0;
}

/* ---- the block --------------------------------------------------------------------------------- */

double pdf_chart_height(const doc_chart *c, double width_pt) {
  double h = (c->height_mm > 0 ? c->height_mm : 80.0) * 72.0 / 25.4;
  (void)width_pt;
  return h;
}

double pdf_chart_width(const doc_chart *c, double frame_w) {
  double w = c->width_mm > 0 ? c->width_mm * 72.0 / 25.4 : frame_w;
  return w < frame_w ? w : frame_w;
}

int pdf_chart_draw(HPDF_Page page, const pdf_chart_text *text, double x, double y_top, double w,
                   double h, const doc_chart *c, rapp_err *err) {
  const char *t = c->title && *c->title ? c->title : "(uten tittel)";
  if (c->ncats == 0 || c->nseries == 0)
    return err_set(err, "chart '%s': no %s to draw", t, c->ncats == 0 ? "categories" : "series");
  if (w < 60 || h < 60)
    return err_set(err, "chart '%s': %.0f x %.0f pt is too small; give at least 25 x 25 mm", t, w, h);
  cctx k = {.pg = page, .t = text};
  int rc = 0;
  HPDF_Page_GSave(page);
  /* Clip to the box: nothing is ever drawn outside the block. */
  HPDF_Page_Rectangle(page, (float)x, (float)(y_top - h), (float)w, (float)h);
  HPDF_Page_Clip(page);
  HPDF_Page_EndPath(page);
  HPDF_Page_SetLineJoin(page, HPDF_MITER_JOIN);

  double y = y_top;
  y -= text_block(&k, 1, FS_TITLE, doc_chart_ink, x, y, w, 2, c->title, 1);
  if (c->summary && *c->summary) {
    y -= 1;
    y -= text_block(&k, 0, FS_SUMMARY, MUTED, x, y, w, 2, c->summary, 1);
  }
  y -= 5;
  if (doc_chart_has_legend(c)) {
    size_t n;
    chart_legend_entry *e = chart_legend_entries(c, &n);
    if (n == SIZE_MAX) {
      rc = err_set(err, "chart '%s': out of memory", t);
      n = 0;
    }
    y -= legend(&k, e, n, x, y, w, 1);
    free(e);
    y -= 3;
  }
  double bottom = y_top - h;
  if (c->source && *c->source) {
    set_measure(&k, 0, FS_SMALL);
    char fit[512];
    doc_label_fit(c->source, w, measure_cb, &k, fit, sizeof fit);
    text_at(&k, 0, FS_SMALL, MUTED, x, bottom + 2, 0, fit);
    bottom += FS_SMALL * 1.6 + 2;
  }
  if (rc != 0) {
    /* out of memory above */
  } else if (y - bottom < 40) {
    rc = err_set(err,
                 "chart '%s': the title, summary and legend leave no room for the plot in %.0f mm; "
                 "make the chart taller (height_mm) or shorten them",
                 t, h / (72.0 / 25.4));
  } else if (present_chart_all_zero(c)) { /* an empty 0-1 plot says nothing: say it in words */
    text_al(&k, 0, FS_SUMMARY, doc_chart_ink, x + w / 2, (y + bottom) / 2, CENTER,
            label_get(text->language, "chart.all_zero"));
  } else if (doc_chart_is_horizontal(c)) {
    rc = draw_horizontal(&k, c, x, bottom, w, y - bottom, err);
  } else {
    rc = draw_vertical(&k, c, x, bottom, w, y - bottom, err);
  }
  HPDF_Page_GRestore(page);
  buf_free(&k.scratch);
  return rc;
}
