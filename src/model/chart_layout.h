/* model/chart_layout.h — the chart layout step: from a chart block (model/chart.h), its value axis
 * and a plot box in the renderer's units, the shapes every renderer draws: tick positions and
 * their labels (formatted once, Norwegian), the bars and stacked segments as rectangles (stacking
 * offsets, negatives below zero), the line points, the status bands and reference lines along the
 * value axis. The PDF (pdf/chart.c) and the HTML edition (html/html_chart.c) only draw these; the
 * box, the type sizes and where the text goes stay theirs.
 *
 * Coordinates: a value v sits at chart_map_pos(&L->vmap, v) along the value axis (y for column
 * and line charts, x for bar charts); category i is centred at chart_layout_cat(L, i) along the
 * other axis. Either axis may run in the negative direction (PDF y is up, SVG y is down): the
 * box gives the position of the axis minimum / the first category's edge and a signed length. */
#ifndef RAPP_MODEL_CHART_LAYOUT_H
#define RAPP_MODEL_CHART_LAYOUT_H

#include <stddef.h>
#include <stdint.h>

#include "model/chart.h"
#include "model/present.h"

/* Value -> position: p0 + (v - lo) / (hi - lo) * len, v clamped to [lo, hi]. */
typedef struct chart_map {
  double lo, hi;
  double p0, len;
} chart_map;

double chart_map_pos(const chart_map *m, double v);

/* The plot box along both axes, in the renderer's units. */
typedef struct chart_box {
  double v0, vlen; /* value axis: position of the axis minimum, signed length to its maximum */
  double c0, clen; /* category axis: the first category's outer edge, signed length of all */
} chart_box;

/* How wide the bars are, as the renderer likes them. Side-by-side bars: the group of one
 * category takes slot x group_single (one series) or slot x group_multi (more), split evenly;
 * a bar is never thicker than bar_max (0: no limit), the group then shrinks. Stacked bars take
 * slot x stack_frac, at most stack_max (0: no limit). skip_zero: no segment for a stacked 0. */
typedef struct chart_bar_style {
  double group_single, group_multi, bar_max;
  double stack_frac, stack_max;
  int skip_zero;
} chart_bar_style;

typedef struct chart_tick {
  double value, pos;
  char label[48]; /* doc_axis_label: "1 000", "−2 000", "12,5 %" */
} chart_tick;

/* A bar, or one segment of a stacked bar: along the value axis from base to end (positions),
 * along the category axis from side0 to side1 (side1 = side0 ± thick). */
typedef struct chart_bar {
  size_t cat, series;
  double value;
  double base, end;
  double side0, side1, thick;
  uint32_t color;          /* the series' colour; DIVERGING: the sign's colour */
  present_pattern pattern; /* present_series_pattern */
} chart_bar;

/* A line chart's point of series s at category i: L->points[s * ncats + i]. */
typedef struct chart_point {
  double c, v; /* category-axis and value-axis positions */
  int ok;      /* 0: the value is missing (NaN), the line breaks here */
} chart_point;

typedef struct chart_span { /* a band: value-axis positions of its two edges */
  double from, to;
} chart_span;

typedef struct chart_layout {
  const doc_chart *c;
  doc_axis ax;
  chart_map vmap;
  double c0, slot;   /* category i's centre: c0 + slot * (i + 0.5); slot may be negative */
  double zero;       /* value-axis position of the bars' base: 0, or the axis minimum */
  int nticks;
  chart_tick ticks[DOC_AXIS_MAX_TICKS];
  chart_bar *bars;   /* LINE: none */
  size_t nbars;
  chart_point *points; /* LINE: nseries x ncats; otherwise NULL */
  chart_span *bands; /* c->nbands */
  double *lines;     /* c->nlines reference line positions */
  int *line_inside;  /* 1 when the reference line's value is within the axis */
} chart_layout;

/* Lays out chart c (not all zero, at least one category and series) on axis ax in box with the
 * bar style st. Returns 0, or -1 when out of memory (L is then empty). Free with
 * chart_layout_free. */
int chart_layout_build(chart_layout *L, const doc_chart *c, const doc_axis *ax, const chart_box *box,
                       const chart_bar_style *st);
void chart_layout_free(chart_layout *L);

/* The centre of category i along the category axis. */
double chart_layout_cat(const chart_layout *L, size_t i);

/* The legend, one list for every renderer, in the order shown: the series (DIVERGING: the
 * negative and the positive sign), then the reference lines, then the status bands. The renderer
 * draws each entry's swatch by its kind and writes its label; a NULL label means the chart gives
 * no text, and the renderer words it (or leaves it out) as it does. */
typedef enum { CHART_LEGEND_BAR, CHART_LEGEND_LINE, CHART_LEGEND_REF, CHART_LEGEND_BAND } chart_legend_kind;

typedef struct chart_legend_entry {
  chart_legend_kind kind;
  size_t index;            /* the series, the reference line or the band; DIVERGING: 0 neg, 1 pos */
  doc_series_style st;     /* colour, marker, dash: the series' (DIVERGING: the sign's colour), the
                            * reference line's (dashed), the band's status tint */
  const char *label;       /* the series' name, the sign's, line's or band's label; may be NULL */
  present_pattern pattern; /* BAR: the series' fill pattern */
  doc_status status;       /* BAND: the band's status */
} chart_legend_entry;

/* The legend entries of chart c (c->kind decides the series' kind): a list of *n entries, freed
 * with free(); NULL with *n = 0 when there are none or memory runs out (*n = SIZE_MAX then). */
chart_legend_entry *chart_legend_entries(const doc_chart *c, size_t *n);

#endif
