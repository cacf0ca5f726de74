/* html/html_chart.c — a chart as inline SVG (role=img, <title> and <desc> from the chart's title
 * and summary), its legend as an HTML list with colour swatches and line/marker names, the
 * source line, and the chart's data as a table in <details>. Axis, tick labels and colours come
 * from the shared chart algorithms (model/chart.h), as in the PDF. With four or more bar series,
 * bars carry the fill pattern present_series_pattern gives (an SVG <pattern> over the colour), and
 * the legend swatch shows the same. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html/html_int.h"
#include "model/chart_layout.h"

enum { W = 560 };
#define FS 12.0 /* label font size in SVG units */

typedef struct plot {
  double x0, y0, w, h; /* plot area */
  doc_axis ax;
  int horizontal;
  chart_layout L; /* the shapes (model/chart_layout.h) */
} plot;

static double approx_width(void *ctx, const char *s) {
  (void)ctx;
  double n = 0;
  for (; *s; s++)
    if (((unsigned char)*s & 0xC0) != 0x80) n++;
  return n * FS * 0.56;
}

static void color(rapp_buf *b, uint32_t c) {
  buf_printf(b, "#%06X", (unsigned)(c & 0xFFFFFF));
}

static void text(rapp_buf *b, double x, double y, const char *anchor, const char *extra, const char *s) {
  buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\"%s>", x, y, anchor, extra ? extra : "");
  html_text(b, s);
  buf_puts(b, "</text>\n");
}

static void rect(rapp_buf *b, double x, double y, double w, double h, uint32_t fill, const char *pat) {
  if (w < 0) {
    x += w;
    w = -w;
  }
  if (h < 0) {
    y += h;
    h = -h;
  }
  buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"", x, y, w, h);
  color(b, fill);
  buf_puts(b, "\"/>\n");
  if (pat) buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"url(#%s)\"/>\n",
                      x, y, w, h, pat);
}

/* The pattern id of series i of the current chart (NULL when it has none): present.c decides. */
static const char *pattern_id(const html_ctx *x, const doc_chart *c, size_t i, char *buf, size_t n) {
  if (present_series_pattern(c, i) == PRESENT_PATTERN_NONE) return NULL;
  snprintf(buf, n, "c%u-p%zu", x->next_id, i);
  return buf;
}

/* The pattern's strokes in one PRESENT_PATTERN_STEP cell (the diagonals overhang the corners so
 * that neighbouring cells join). */
static void pattern_shape(rapp_buf *b, present_pattern pt, uint32_t ink) {
  const double s = PRESENT_PATTERN_STEP;
  const char *d = NULL;
  char path[160];
  switch (pt) {
    case PRESENT_PATTERN_NONE: return;
    case PRESENT_PATTERN_DIAGONAL:
      snprintf(path, sizeof path, "M0,%g L%g,0 M-1,1 L1,-1 M%g,%g L%g,%g", s, s, s - 1, s + 1, s + 1, s - 1);
      d = path;
      break;
    case PRESENT_PATTERN_BACKDIAG:
      snprintf(path, sizeof path, "M0,0 L%g,%g M-1,%g L1,%g M%g,-1 L%g,1", s, s, s - 1, s + 1, s - 1, s + 1);
      d = path;
      break;
    case PRESENT_PATTERN_CROSS:
      snprintf(path, sizeof path, "M0,%g L%g,0 M0,0 L%g,%g", s, s, s, s);
      d = path;
      break;
    case PRESENT_PATTERN_DOTS:
      buf_printf(b, "<circle cx=\"%g\" cy=\"%g\" r=\"%g\" fill=\"", s / 2, s / 2, PRESENT_PATTERN_LINE);
      color(b, ink);
      buf_puts(b, "\"/>");
      return;
  }
  buf_printf(b, "<path d=\"%s\" stroke-width=\"%g\" stroke=\"", d, PRESENT_PATTERN_LINE);
  color(b, ink);
  buf_puts(b, "\"/>");
}

/* One <pattern> per patterned series (present_series_pattern), in the series' ink. */
static void patterns(html_ctx *x, const doc_chart *c) {
  rapp_buf *b = &x->out;
  int any = 0;
  char pid[32];
  for (size_t i = 0; i < c->nseries; i++) {
    present_pattern pt = present_series_pattern(c, i);
    if (pt == PRESENT_PATTERN_NONE) continue;
    if (!any++) buf_puts(b, "<defs>");
    buf_printf(b, "<pattern id=\"%s\" width=\"%g\" height=\"%g\" patternUnits=\"userSpaceOnUse\">",
               pattern_id(x, c, i, pid, sizeof pid), PRESENT_PATTERN_STEP, PRESENT_PATTERN_STEP);
    pattern_shape(b, pt, present_pattern_ink(doc_chart_series_style(c, i).color));
    buf_puts(b, "</pattern>");
  }
  if (any) buf_puts(b, "</defs>\n");
}

/* A line across the whole plot at value-axis position q (a grid line, the zero line, a
 * reference line), in colour col with extra attributes. */
static void across(rapp_buf *b, const plot *p, double q, uint32_t col, const char *extra) {
  if (p->horizontal)
    buf_printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"", q, p->y0, q, p->y0 + p->h);
  else
    buf_printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"", p->x0, q, p->x0 + p->w, q);
  buf_printf(b, "%s stroke=\"", extra);
  color(b, col);
  buf_puts(b, "\"/>\n");
}

static void grid(rapp_buf *b, const plot *p) {
  for (int i = 0; i < p->L.nticks; i++) {
    double q = p->L.ticks[i].pos;
    const char *lab = p->L.ticks[i].label;
    across(b, p, q, doc_chart_grid_color, "");
    if (p->horizontal) {
      text(b, q, p->y0 + p->h + FS + 4, "middle", NULL, lab);
    } else {
      text(b, p->x0 - 6, q + FS * 0.35, "end", NULL, lab);
    }
  }
}

static void bands(rapp_buf *b, const plot *p, const doc_chart *c) {
  for (size_t i = 0; i < c->nbands; i++) {
    double a = p->L.bands[i].from, z = p->L.bands[i].to;
    uint32_t tint = present_status_of(c->bands[i].status)->fill;
    if (p->horizontal)
      rect(b, a, p->y0, z - a, p->h, tint, NULL);
    else
      rect(b, p->x0, z, p->w, a - z, tint, NULL);
  }
}

static void reflines(rapp_buf *b, const plot *p, const doc_chart *c) {
  for (size_t i = 0; i < c->nlines; i++) {
    across(b, p, p->L.lines[i], doc_chart_ref_color,
           " stroke-width=\"1.5\" stroke-dasharray=\"6 3\"");
  }
}

static void category_labels(rapp_buf *b, const plot *p, const doc_chart *c, double slot) {
  char fit[256];
  for (size_t k = 0; k < c->ncats; k++) {
    double mid = chart_layout_cat(&p->L, k);
    if (p->horizontal) {
      doc_label_fit(c->cats[k], p->x0 - 10, approx_width, NULL, fit, sizeof fit);
      text(b, p->x0 - 6, mid + FS * 0.35, "end", NULL, fit);
    } else if (c->ncats <= 8 && approx_width(NULL, c->cats[k]) <= slot) {
      text(b, mid, p->y0 + p->h + FS + 4, "middle", NULL, c->cats[k]);
    } else {
      char tr[96];
      doc_label_fit(c->cats[k], 70, approx_width, NULL, fit, sizeof fit);
      snprintf(tr, sizeof tr, " transform=\"rotate(-45 %.1f %.1f)\"", mid, p->y0 + p->h + 10);
      text(b, mid, p->y0 + p->h + 10, "end", tr, fit);
    }
  }
}

static void bars(html_ctx *x, const plot *p, const doc_chart *c) {
  rapp_buf *b = &x->out;
  char pid[32];
  for (size_t k = 0; k < p->L.nbars; k++) {
    const chart_bar *r = &p->L.bars[k];
    const char *pat = pattern_id(x, c, r->series, pid, sizeof pid);
    if (p->horizontal)
      rect(b, r->base, r->side0, r->end - r->base, r->thick, r->color, pat);
    else
      rect(b, r->side0, r->end, r->thick, r->base - r->end, r->color, pat);
  }
  /* the zero line */
  across(b, p, p->L.zero, doc_chart_axis_color, "");
}

static void marker(rapp_buf *b, doc_marker m, double cx, double cy, uint32_t col) {
  const double r = 3.5;
  switch (m) {
    case DOC_MARKER_CIRCLE: buf_printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\"", cx, cy, r); break;
    case DOC_MARKER_SQUARE:
      buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"", cx - r, cy - r, 2 * r, 2 * r);
      break;
    case DOC_MARKER_TRIANGLE:
      buf_printf(b, "<path d=\"M%.1f,%.1f L%.1f,%.1f L%.1f,%.1f Z\"", cx, cy - r - 1, cx + r + 1, cy + r,
                 cx - r - 1, cy + r);
      break;
    case DOC_MARKER_DIAMOND:
      buf_printf(b, "<path d=\"M%.1f,%.1f L%.1f,%.1f L%.1f,%.1f L%.1f,%.1f Z\"", cx, cy - r - 1, cx + r + 1,
                 cy, cx, cy + r + 1, cx - r - 1, cy);
      break;
    case DOC_MARKER_CROSS:
      buf_printf(b, "<path d=\"M%.1f,%.1f L%.1f,%.1f M%.1f,%.1f L%.1f,%.1f\" stroke-width=\"2\" stroke=\"",
                 cx - r, cy - r, cx + r, cy + r, cx - r, cy + r, cx + r, cy - r);
      color(b, col);
      buf_puts(b, "\"");
      break;
  }
  buf_puts(b, " fill=\"");
  color(b, col);
  buf_puts(b, "\"/>\n");
}

static void lines(rapp_buf *b, const plot *p, const doc_chart *c) {
  static const char *const dashes[] = {"", " stroke-dasharray=\"8 4\"", " stroke-dasharray=\"2 3\"",
                                       " stroke-dasharray=\"8 3 2 3\""};
  for (size_t s = 0; s < c->nseries; s++) {
    doc_series_style st = doc_chart_series_style(c, s);
    const chart_point *pt = p->L.points + s * c->ncats;
    buf_puts(b, "<path fill=\"none\" stroke-width=\"2\" stroke=\"");
    color(b, st.color);
    buf_printf(b, "\"%s d=\"", dashes[st.dash & 3]);
    int pen = 0;
    for (size_t k = 0; k < c->ncats; k++) {
      if (!pt[k].ok) {
        pen = 0;
        continue;
      }
      buf_printf(b, "%s%.1f,%.1f ", pen ? "L" : "M", pt[k].c, pt[k].v);
      pen = 1;
    }
    buf_puts(b, "\"/>\n");
    for (size_t k = 0; k < c->ncats; k++)
      if (pt[k].ok) marker(b, st.marker, pt[k].c, pt[k].v, st.color);
  }
}

static void svg(html_ctx *x, const doc_chart *c, const char *id) {
  rapp_buf *b = &x->out;
  plot p = {.horizontal = doc_chart_is_horizontal(c)};
  doc_chart_value_axis(c, 6, &p.ax);
  double slot, height;
  size_t ns = c->nseries ? c->nseries : 1;
  if (p.horizontal) {
    slot = doc_chart_is_stacked(c) || c->kind == DOC_CHART_DIVERGING ? 26 : 12.0 * (double)ns + 12;
    p.x0 = 170;
    p.y0 = 10;
    p.w = W - p.x0 - 20;
    p.h = slot * (double)c->ncats;
    height = p.y0 + p.h + 2 * FS + 18;
  } else {
    int rotated = 0;
    p.x0 = 64;
    p.y0 = 24;
    p.w = W - p.x0 - 16;
    slot = c->ncats ? p.w / (double)c->ncats : p.w;
    for (size_t k = 0; k < c->ncats; k++)
      if (c->ncats > 8 || approx_width(NULL, c->cats[k]) > slot) rotated = 1;
    p.h = 220;
    height = p.y0 + p.h + (rotated ? 64 : FS + 14);
  }
  buf_printf(b, "<svg role=\"img\" aria-labelledby=\"%s-title %s-desc\" viewBox=\"0 0 %d %.0f\" "
                "width=\"%d\" height=\"%.0f\" font-size=\"%.0f\" font-family=\"system-ui,sans-serif\" "
                "fill=\"#1A1A1A\">\n<title id=\"%s-title\">",
             id, id, W, height, W, height, FS, id);
  html_text(b, c->title);
  buf_printf(b, "</title>\n<desc id=\"%s-desc\">", id);
  html_text(b, c->summary && *c->summary ? c->summary : label_get(x->m->language, "chart.in_table"));
  buf_puts(b, "</desc>\n");
  patterns(x, c);
  /* The value axis title with its scaled unit ("Beløp (mill. kr)"), over the tick labels. */
  if ((c->value_title && *c->value_title) || (p.ax.unit && *p.ax.unit)) {
    char vt[512];
    snprintf(vt, sizeof vt, "%s%s%s%s", c->value_title ? c->value_title : "",
             p.ax.unit && *p.ax.unit ? (c->value_title && *c->value_title ? " (" : "(") : "",
             p.ax.unit && *p.ax.unit ? p.ax.unit : "", p.ax.unit && *p.ax.unit ? ")" : "");
    if (p.horizontal)
      text(b, p.x0 + p.w, height - 2, "end", NULL, vt);
    else
      text(b, 4, FS, "start", NULL, vt);
  }
  /* bars 0.7 of the slot, side by side or stacked, no limit on their thickness */
  static const chart_bar_style bar_style = {0.7, 0.7, 0, 0.7, 0, 0};
  chart_box box = p.horizontal ? (chart_box){p.x0, p.w, p.y0, p.h} : (chart_box){p.y0 + p.h, -p.h, p.x0, p.w};
  if (chart_layout_build(&p.L, c, &p.ax, &box, &bar_style) != 0) {
    buf_puts(b, "</svg>\n"); /* out of memory: the data table below still has every value */
    return;
  }
  bands(b, &p, c);
  grid(b, &p);
  if (c->kind == DOC_CHART_LINE)
    lines(b, &p, c);
  else
    bars(x, &p, c);
  reflines(b, &p, c);
  category_labels(b, &p, c, slot);
  buf_puts(b, "</svg>\n");
  chart_layout_free(&p.L);
}

static void swatch(rapp_buf *b, uint32_t col, const char *label, const char *pat) {
  if (pat) { /* the bar's colour under the bar's pattern, as drawn in the figure */
    buf_puts(b, "<li><svg class=\"swatch\" viewBox=\"0 0 12 12\" aria-hidden=\"true\">"
                "<rect width=\"12\" height=\"12\" fill=\"");
    color(b, col);
    buf_printf(b, "\"/><rect width=\"12\" height=\"12\" fill=\"url(#%s)\"/></svg>", pat);
  } else {
    buf_puts(b, "<li><span class=\"swatch\" style=\"background:");
    color(b, col);
    buf_puts(b, "\"></span>");
  }
  html_text(b, label);
  buf_puts(b, "</li>");
}

static void legend(html_ctx *x, const doc_chart *c) {
  rapp_buf *b = &x->out;
  if (!doc_chart_has_legend(c)) return;
  static const char *const marks[] = {"marker.circle", "marker.square", "marker.triangle", "marker.diamond",
                                      "marker.cross"};
  static const char *const dashes[] = {"chart.solid", "chart.dashed", "chart.dotted", "chart.dash_dot"};
  const char *lang = x->m->language;
  char lab[512], pid[32];
  size_t n;
  chart_legend_entry *e = chart_legend_entries(c, &n);
  if (n == SIZE_MAX) n = 0; /* out of memory: the chart without its legend (the data table says it all) */
  buf_puts(b, "<ul class=\"chart-legend\">");
  for (size_t i = 0; i < n; i++) {
    const chart_legend_entry *en = &e[i];
    switch (en->kind) {
      case CHART_LEGEND_LINE: /* the line's dash and marker in words */
        snprintf(lab, sizeof lab, "%s (%s, %s)", en->label, label_get(lang, dashes[en->st.dash & 3]),
                 label_get(lang, marks[en->st.marker % 5]));
        swatch(b, en->st.color, lab, pattern_id(x, c, en->index, pid, sizeof pid));
        break;
      case CHART_LEGEND_BAR:
        if (c->kind == DOC_CHART_DIVERGING) { /* a sign without a label: the word for it */
          swatch(b, en->st.color,
                 en->label ? en->label : label_get(lang, en->index == 0 ? "chart.negative" : "chart.positive"), NULL);
          break;
        }
        if (en->pattern != PRESENT_PATTERN_NONE) /* the fill pattern in words */
          snprintf(lab, sizeof lab, "%s (%s)", en->label, present_pattern_word(en->pattern, lang));
        else
          snprintf(lab, sizeof lab, "%s", en->label);
        swatch(b, en->st.color, lab, pattern_id(x, c, en->index, pid, sizeof pid));
        break;
      case CHART_LEGEND_REF:
        snprintf(lab, sizeof lab, "%s (%s)", en->label ? en->label : label_get(lang, "chart.reference"),
                 label_get(lang, "chart.dashed"));
        swatch(b, en->st.color, lab, NULL);
        break;
      case CHART_LEGEND_BAND:
        swatch(b, present_status_of(en->status)->fill, en->label ? en->label : html_status_word(x, en->status), NULL);
        break;
    }
  }
  free(e);
  buf_puts(b, "</ul>\n");
}

void html_chart(html_ctx *x, const doc_chart *c) {
  rapp_buf *b = &x->out;
  char id[32], tid[40];
  snprintf(id, sizeof id, "c%u", ++x->next_id);
  buf_printf(b, "<figure class=\"chart\" aria-labelledby=\"%s-cap\">\n<figcaption id=\"%s-cap\">", id, id);
  html_text(b, c->title);
  if (c->summary && *c->summary) {
    buf_puts(b, "<span class=\"summary\"><span class=\"vh\">. </span><br>");
    html_text(b, c->summary);
    buf_puts(b, "</span>");
  }
  buf_puts(b, "</figcaption>\n");
  if (present_chart_all_zero(c)) {
    /* nothing to draw: say so, as every format does (the data table follows) */
    buf_puts(b, "<p class=\"allzero\">");
    html_text(b, label_get(x->m->language, "chart.all_zero"));
    buf_puts(b, "</p>\n");
  } else {
    svg(x, c, id);
    legend(x, c);
  }
  if (c->source) {
    buf_puts(b, "<p class=\"source\">");
    html_text(b, c->source);
    buf_puts(b, "</p>\n");
  }
  /* The data: always, as the text alternative of every value in the figure. */
  doc *scratch = doc_new();
  doc_meta_of(scratch)->language = x->m->language; /* the unit note's language */
  const doc_table *t = c->table ? c->table : doc_chart_build_table(scratch, c);
  snprintf(tid, sizeof tid, "%s-data", id);
  buf_puts(b, "<details>\n<summary>");
  html_text(b, label_get(x->m->language, "chart.numbers"));
  buf_printf(b, "</summary>\n<div class=\"tbl\" role=\"region\" tabindex=\"0\" aria-labelledby=\"%s-cap\">\n", tid);
  html_table_element(x, t, c->title, tid);
  buf_puts(b, "</div>\n</details>\n</figure>\n");
  doc_free(scratch);
}
