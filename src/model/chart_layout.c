/* model/chart_layout.c — the chart layout step (see chart_layout.h): positions of ticks, bars,
 * stacked segments, line points, bands and reference lines, computed once for every renderer. */
#include "model/chart_layout.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

double chart_map_pos(const chart_map *m, double v) {
  if (v < m->lo) v = m->lo;
  if (v > m->hi) v = m->hi;
  double span = m->hi - m->lo;
  return span > 0 ? m->p0 + (v - m->lo) / span * m->len : m->p0;
}

double chart_layout_cat(const chart_layout *L, size_t i) {
  return L->c0 + L->slot * ((double)i + 0.5);
}

void chart_layout_free(chart_layout *L) {
  free(L->bars);
  free(L->points);
  free(L->bands);
  free(L->lines);
  free(L->line_inside);
  memset(L, 0, sizeof *L);
}

/* Bars side by side (or one bar per category): the group is centred on the category; series 0
 * comes first in the category axis' direction. */
static void side_by_side(chart_layout *L, const chart_bar_style *st) {
  const doc_chart *c = L->c;
  double slot = fabs(L->slot), d = L->slot < 0 ? -1 : 1;
  double n = (double)c->nseries;
  double gw = slot * (c->nseries > 1 ? st->group_multi : st->group_single);
  double bw = gw / n;
  if (st->bar_max > 0 && bw > st->bar_max) {
    bw = st->bar_max;
    gw = bw * n;
  }
  for (size_t i = 0; i < c->ncats; i++) {
    double cx = chart_layout_cat(L, i);
    double start = d > 0 ? cx - gw / 2 : cx + gw / 2;
    for (size_t s = 0; s < c->nseries; s++) {
      double v = c->series[s].values[i];
      if (!isfinite(v)) continue;
      chart_bar *b = &L->bars[L->nbars++];
      b->cat = i;
      b->series = s;
      b->value = v;
      b->base = L->zero;
      b->end = chart_map_pos(&L->vmap, v);
      b->side0 = d > 0 ? start + bw * (double)s : start - bw * (double)s;
      b->side1 = d > 0 ? b->side0 + bw : b->side0 - bw;
      b->thick = bw;
    }
  }
}

/* Stacked bars: positive values stack up from zero, negative ones down from it, in series order. */
static void stacked(chart_layout *L, const chart_bar_style *st) {
  const doc_chart *c = L->c;
  double bw = fabs(L->slot) * st->stack_frac;
  if (st->stack_max > 0 && bw > st->stack_max) bw = st->stack_max;
  for (size_t i = 0; i < c->ncats; i++) {
    double cx = chart_layout_cat(L, i), pos = 0, neg = 0;
    for (size_t s = 0; s < c->nseries; s++) {
      double v = c->series[s].values[i];
      if (!isfinite(v) || (v == 0 && st->skip_zero)) continue;
      double base = v < 0 ? neg : pos, end = base + v;
      if (v < 0) neg = end;
      else pos = end;
      chart_bar *b = &L->bars[L->nbars++];
      b->cat = i;
      b->series = s;
      b->value = v;
      b->base = chart_map_pos(&L->vmap, base);
      b->end = chart_map_pos(&L->vmap, end);
      b->side0 = cx - bw / 2;
      b->side1 = cx + bw / 2;
      b->thick = bw;
    }
  }
}

int chart_layout_build(chart_layout *L, const doc_chart *c, const doc_axis *ax, const chart_box *box,
                       const chart_bar_style *st) {
  memset(L, 0, sizeof *L);
  L->c = c;
  L->ax = *ax;
  L->vmap = (chart_map){ax->min, ax->max, box->v0, box->vlen};
  L->c0 = box->c0;
  L->slot = c->ncats ? box->clen / (double)c->ncats : box->clen;
  L->zero = chart_map_pos(&L->vmap, ax->min <= 0 && ax->max >= 0 ? 0 : ax->min);
  L->nticks = ax->nticks;
  for (int i = 0; i < ax->nticks; i++) {
    L->ticks[i].value = ax->ticks[i];
    L->ticks[i].pos = chart_map_pos(&L->vmap, ax->ticks[i]);
    doc_axis_label(ax, c->value_type, ax->ticks[i], L->ticks[i].label, sizeof L->ticks[i].label);
  }
  size_t nv = c->nseries * c->ncats;
  L->bands = calloc(c->nbands ? c->nbands : 1, sizeof *L->bands);
  L->lines = calloc(c->nlines ? c->nlines : 1, sizeof *L->lines);
  L->line_inside = calloc(c->nlines ? c->nlines : 1, sizeof *L->line_inside);
  if (c->kind == DOC_CHART_LINE) L->points = calloc(nv ? nv : 1, sizeof *L->points);
  else L->bars = calloc(nv ? nv : 1, sizeof *L->bars);
  if (!L->bands || !L->lines || !L->line_inside || (!L->points && !L->bars)) {
    chart_layout_free(L);
    return -1;
  }
  for (size_t i = 0; i < c->nbands; i++) {
    L->bands[i].from = chart_map_pos(&L->vmap, c->bands[i].from);
    L->bands[i].to = chart_map_pos(&L->vmap, c->bands[i].to);
  }
  for (size_t i = 0; i < c->nlines; i++) {
    double v = c->lines[i].value;
    L->lines[i] = chart_map_pos(&L->vmap, v);
    L->line_inside[i] = v >= ax->min && v <= ax->max;
  }
  if (c->kind == DOC_CHART_LINE) {
    for (size_t s = 0; s < c->nseries; s++)
      for (size_t i = 0; i < c->ncats; i++) {
        double v = c->series[s].values[i];
        chart_point *p = &L->points[s * c->ncats + i];
        p->ok = isfinite(v);
        p->c = chart_layout_cat(L, i);
        p->v = p->ok ? chart_map_pos(&L->vmap, v) : 0;
      }
    return 0;
  }
  if (doc_chart_is_stacked(c)) stacked(L, st);
  else side_by_side(L, st);
  for (size_t k = 0; k < L->nbars; k++) {
    chart_bar *b = &L->bars[k];
    b->color = doc_chart_series_style(c, b->series).color;
    if (c->kind == DOC_CHART_DIVERGING) b->color = b->value < 0 ? doc_chart_neg_color : doc_chart_pos_color;
    b->pattern = present_series_pattern(c, b->series);
  }
  return 0;
}

chart_legend_entry *chart_legend_entries(const doc_chart *c, size_t *n) {
  size_t nseries = c->kind == DOC_CHART_DIVERGING ? 2 : c->nseries, k = 0;
  size_t total = nseries + c->nlines + c->nbands;
  *n = 0;
  if (total == 0) return NULL;
  chart_legend_entry *e = calloc(total, sizeof *e);
  if (!e) {
    *n = SIZE_MAX;
    return NULL;
  }
  if (c->kind == DOC_CHART_DIVERGING) {
    doc_series_style st = doc_chart_series_style(c, 0);
    st.color = doc_chart_neg_color;
    e[k++] = (chart_legend_entry){CHART_LEGEND_BAR, 0, st, c->neg_label, PRESENT_PATTERN_NONE, DOC_STATUS_NONE};
    st.color = doc_chart_pos_color;
    e[k++] = (chart_legend_entry){CHART_LEGEND_BAR, 1, st, c->pos_label, PRESENT_PATTERN_NONE, DOC_STATUS_NONE};
  } else {
    for (size_t i = 0; i < c->nseries; i++)
      e[k++] = (chart_legend_entry){c->kind == DOC_CHART_LINE ? CHART_LEGEND_LINE : CHART_LEGEND_BAR, i,
                                    doc_chart_series_style(c, i), c->series[i].name,
                                    present_series_pattern(c, i), DOC_STATUS_NONE};
  }
  for (size_t i = 0; i < c->nlines; i++)
    e[k++] = (chart_legend_entry){CHART_LEGEND_REF, i,
                                  (doc_series_style){doc_chart_ref_color, DOC_MARKER_CIRCLE, DOC_DASH_DASH, NULL},
                                  c->lines[i].label, PRESENT_PATTERN_NONE, DOC_STATUS_NONE};
  for (size_t i = 0; i < c->nbands; i++)
    e[k++] = (chart_legend_entry){CHART_LEGEND_BAND, i,
                                  (doc_series_style){doc_chart_status_tint(c->bands[i].status), DOC_MARKER_CIRCLE,
                                                     DOC_DASH_SOLID, NULL},
                                  c->bands[i].label, PRESENT_PATTERN_NONE, c->bands[i].status};
  *n = k;
  return e;
}
