/* tests/unit/test_chart_layout.c — the chart layout step (model/chart_layout.c): tick positions
 * and Norwegian labels for positive, negative and all-zero ranges, stacking with negative values
 * (positives up from zero, negatives down, in series order), side-by-side bars and their widths,
 * every bar inside the plot box on boxes running either way, line points with gaps, reference
 * lines and bands; the one legend list every renderer draws. Expected positions are worked out by
 * hand from the box. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "model/chart.h"
#include "model/chart_layout.h"

/* Norwegian labels: U+00A0 between thousands and before "%", U+2212 for minus. */
#define NBSP "\xC2\xA0"

static const char *const cats3[] = {"Skole", "Helse", "Teknisk"};
static const chart_bar_style no_cap = {0.6, 0.8, 0, 0.5, 0, 1};

static doc_chart *chart(doc *d, doc_chart_kind kind, const double *a, const double *b,
                        const double *c3) {
  doc_chart *c = doc_add_chart(d, kind, "Test", cats3, 3);
  c->value_type = DOC_COL_INTEGER;
  if (a) doc_chart_add_series(d, c, "a", a, 3);
  if (b) doc_chart_add_series(d, c, "b", b, 3);
  if (c3) doc_chart_add_series(d, c, "c", c3, 3);
  return c;
}

/* Every bar lies inside the box: the value positions between the axis ends, the sides between
 * the first and the last category's edges. */
static void check_inside(const chart_layout *L, const chart_box *box) {
  double vlo = fmin(box->v0, box->v0 + box->vlen), vhi = fmax(box->v0, box->v0 + box->vlen);
  double clo = fmin(box->c0, box->c0 + box->clen), chi = fmax(box->c0, box->c0 + box->clen);
  for (size_t i = 0; i < L->nbars; i++) {
    const chart_bar *b = &L->bars[i];
    CHECK(b->base >= vlo - 1e-9 && b->base <= vhi + 1e-9);
    CHECK(b->end >= vlo - 1e-9 && b->end <= vhi + 1e-9);
    CHECK(fmin(b->side0, b->side1) >= clo - 1e-9 && fmax(b->side0, b->side1) <= chi + 1e-9);
    CHECK_NUM(fabs(b->side1 - b->side0), b->thick);
    /* and inside its own category's slot */
    double mid = chart_layout_cat(L, b->cat), half = fabs(L->slot) / 2;
    CHECK(fmin(b->side0, b->side1) >= mid - half - 1e-9 && fmax(b->side0, b->side1) <= mid + half + 1e-9);
  }
}

static void test_ticks(void) {
  doc *d = doc_new();
  /* 0..97: ticks 0, 20, .. 100 on a y-up box from 100 to 300 */
  double a[] = {12, 97, 40};
  doc_chart *c = chart(d, DOC_CHART_COLUMN, a, NULL, NULL);
  doc_axis ax;
  doc_chart_value_axis(c, 6, &ax);
  chart_box box = {100, 200, 10, 300};
  chart_layout L;
  CHECK_INT(chart_layout_build(&L, c, &ax, &box, &no_cap), 0);
  CHECK_INT(L.nticks, 6);
  CHECK_STR(L.ticks[0].label, "0");
  CHECK_STR(L.ticks[5].label, "100");
  CHECK_NUM(L.ticks[0].pos, 100);
  CHECK_NUM(L.ticks[1].pos, 140);
  CHECK_NUM(L.ticks[5].pos, 300);
  CHECK_NUM(L.zero, 100);
  CHECK_NUM(L.bars[1].end, 100 + 97 * 2);
  check_inside(&L, &box);
  chart_layout_free(&L);

  /* negatives only, thousands: −2 500 .. 0 on a y-down box (SVG): 0 at the top */
  double n[] = {-2340, -150, -900};
  c = chart(d, DOC_CHART_COLUMN, n, NULL, NULL);
  doc_chart_value_axis(c, 6, &ax);
  box = (chart_box){300, -200, 0, 90};
  CHECK_INT(chart_layout_build(&L, c, &ax, &box, &no_cap), 0);
  CHECK_INT(L.nticks, 6);
  CHECK_STR(L.ticks[0].label, "−2" NBSP "500");
  CHECK_STR(L.ticks[1].label, "−2" NBSP "000");
  CHECK_STR(L.ticks[5].label, "0");
  CHECK_NUM(L.ticks[0].pos, 300);
  CHECK_NUM(L.ticks[5].pos, 100);
  CHECK_NUM(L.zero, 100);
  CHECK_NUM(L.bars[0].end, 300 - 200 * (2500 - 2340) / 2500.0);
  CHECK(L.bars[0].end > L.zero); /* below zero = further down the page in SVG */
  check_inside(&L, &box);
  chart_layout_free(&L);

  /* all zero: the renderers say "Alle verdiene er 0" instead; the layout still gives 0..1 */
  double z[] = {0, 0, 0};
  c = chart(d, DOC_CHART_COLUMN_STACKED, z, z, NULL);
  CHECK_INT(present_chart_all_zero(c), 1);
  doc_chart_value_axis(c, 6, &ax);
  box = (chart_box){0, 100, 0, 300};
  CHECK_INT(chart_layout_build(&L, c, &ax, &box, &no_cap), 0);
  CHECK_INT(L.nticks, 2);
  CHECK_STR(L.ticks[0].label, "0");
  CHECK_STR(L.ticks[1].label, "1");
  CHECK_INT(L.nbars, 0); /* stacked zeros are skipped with skip_zero */
  chart_layout_free(&L);
  chart_bar_style keep = no_cap;
  keep.skip_zero = 0;
  CHECK_INT(chart_layout_build(&L, c, &ax, &box, &keep), 0);
  CHECK_INT(L.nbars, 6);
  for (size_t i = 0; i < L.nbars; i++) CHECK_NUM(L.bars[i].end - L.bars[i].base, 0);
  chart_layout_free(&L);

  /* percent with decimals */
  double p[] = {5.2, 8.1, 6.0};
  c = chart(d, DOC_CHART_LINE, p, NULL, NULL);
  c->value_type = DOC_COL_PERCENT;
  doc_chart_value_axis(c, 9, &ax);
  CHECK_INT(chart_layout_build(&L, c, &ax, &box, &no_cap), 0);
  CHECK_STR(L.ticks[0].label, "5,0" NBSP "%");
  CHECK_STR(L.ticks[L.nticks - 1].label, "8,5" NBSP "%");
  chart_layout_free(&L);
  doc_free(d);
}

static void test_stacking(void) {
  doc *d = doc_new();
  double a[] = {3, -2, 0}, b[] = {4, -1, 5}, c3[] = {-1, NAN, 2};
  doc_chart *c = chart(d, DOC_CHART_COLUMN_STACKED, a, b, c3);
  doc_axis ax;
  doc_chart_value_axis(c, 6, &ax); /* stacked sums -3 .. 7: −5 .. 10 in steps of 5 */
  CHECK_NUM(ax.min, -5);
  CHECK_NUM(ax.max, 10);
  chart_box box = {0, 150, 0, 300}; /* position = (v + 5) x 10 */
  chart_layout L;
  CHECK_INT(chart_layout_build(&L, c, &ax, &box, &no_cap), 0);
  CHECK_INT(L.nticks, 4);
  CHECK_STR(L.ticks[0].label, "−5");
  CHECK_NUM(L.zero, 50);
  /* category 0: a 0..3, b 3..7, c 0..−1; category 1: a 0..−2, b −2..−3 (c missing);
   * category 2: a = 0 skipped, b 0..5, c 5..7 */
  static const struct {
    size_t cat, series;
    double from, to;
  } want[] = {{0, 0, 0, 3}, {0, 1, 3, 7}, {0, 2, 0, -1}, {1, 0, 0, -2},
              {1, 1, -2, -3}, {2, 1, 0, 5}, {2, 2, 5, 7}};
  CHECK_INT(L.nbars, sizeof want / sizeof want[0]);
  for (size_t i = 0; i < L.nbars && i < sizeof want / sizeof want[0]; i++) {
    CHECK_INT(L.bars[i].cat, want[i].cat);
    CHECK_INT(L.bars[i].series, want[i].series);
    CHECK_NUM(L.bars[i].base, (want[i].from + 5) * 10);
    CHECK_NUM(L.bars[i].end, (want[i].to + 5) * 10);
    CHECK_NUM(L.bars[i].value, want[i].to - want[i].from);
    /* stacked: half the slot (stack_frac 0.5), centred on the category */
    CHECK_NUM(L.bars[i].thick, 50);
    CHECK_NUM((L.bars[i].side0 + L.bars[i].side1) / 2, 100 * (double)want[i].cat + 50);
    CHECK_INT(L.bars[i].color, doc_chart_series_style(c, want[i].series).color);
  }
  check_inside(&L, &box);
  chart_layout_free(&L);

  /* the same as horizontal bars from the top down (PDF: y up, categories downwards) */
  c->kind = DOC_CHART_BAR_STACKED;
  box = (chart_box){20, 150, 400, -300};
  CHECK_INT(chart_layout_build(&L, c, &ax, &box, &no_cap), 0);
  CHECK_NUM(chart_layout_cat(&L, 0), 350);
  CHECK_NUM(chart_layout_cat(&L, 2), 150);
  CHECK_NUM(L.bars[1].base, 20 + 80);
  CHECK_NUM(L.bars[1].end, 20 + 120);
  check_inside(&L, &box);
  chart_layout_free(&L);
  doc_free(d);
}

static void test_side_by_side(void) {
  doc *d = doc_new();
  double a[] = {10, 20, 30}, b[] = {-5, NAN, 15};
  doc_chart *c = chart(d, DOC_CHART_COLUMN, a, b, NULL);
  doc_axis ax;
  doc_chart_value_axis(c, 6, &ax);
  chart_box box = {0, 100, 0, 300}; /* slot 100 */
  chart_layout L;
  CHECK_INT(chart_layout_build(&L, c, &ax, &box, &no_cap), 0);
  CHECK_INT(L.nbars, 5); /* b's NaN has no bar */
  /* group 0.8 x 100 = 80 centred on 50: a 10..50, b 50..90 */
  CHECK_NUM(L.bars[0].side0, 10);
  CHECK_NUM(L.bars[0].side1, 50);
  CHECK_NUM(L.bars[1].side0, 50);
  CHECK_NUM(L.bars[1].side1, 90);
  CHECK_NUM(L.bars[1].base, L.zero);
  CHECK(L.bars[1].end < L.zero); /* −5 below zero on a y-up box */
  CHECK_INT(L.bars[2].cat, 1);
  check_inside(&L, &box);
  chart_layout_free(&L);

  /* at most 36 wide: the group shrinks to 72, still centred */
  chart_bar_style capped = no_cap;
  capped.bar_max = 36;
  CHECK_INT(chart_layout_build(&L, c, &ax, &box, &capped), 0);
  CHECK_NUM(L.bars[0].side0, 14);
  CHECK_NUM(L.bars[1].side1, 86);
  check_inside(&L, &box);
  chart_layout_free(&L);

  /* categories running downwards: series 0 on top */
  c->kind = DOC_CHART_BAR;
  box = (chart_box){0, 100, 300, -300};
  CHECK_INT(chart_layout_build(&L, c, &ax, &box, &capped), 0);
  CHECK_NUM(L.bars[0].side0, 286);
  CHECK_NUM(L.bars[0].side1, 250);
  CHECK_NUM(L.bars[1].side0, 250);
  CHECK_NUM(L.bars[1].side1, 214);
  check_inside(&L, &box);
  chart_layout_free(&L);

  /* one series: 0.6 of the slot; a diverging chart colours by sign */
  double v[] = {-40, 25, 0};
  doc_chart *dv = chart(d, DOC_CHART_DIVERGING, v, NULL, NULL);
  doc_chart_value_axis(dv, 6, &ax);
  CHECK_INT(chart_layout_build(&L, dv, &ax, &box, &no_cap), 0);
  CHECK_INT(L.nbars, 3);
  CHECK_NUM(L.bars[0].thick, 60);
  CHECK_INT(L.bars[0].color, doc_chart_neg_color);
  CHECK_INT(L.bars[1].color, doc_chart_pos_color);
  CHECK(L.bars[0].end < L.zero && L.bars[1].end > L.zero);
  check_inside(&L, &box);
  chart_layout_free(&L);
  doc_free(d);
}

static void test_lines_marks(void) {
  doc *d = doc_new();
  double a[] = {2, NAN, 8};
  doc_chart *c = chart(d, DOC_CHART_LINE, a, NULL, NULL);
  doc_chart_add_line(d, c, 5, "Mål 5");
  doc_chart_add_line(d, c, 50, "Langt over");
  doc_chart_add_band(d, c, -HUGE_VAL, 4, DOC_STATUS_DESIRED, NULL);
  doc_axis ax;
  doc_chart_value_axis(c, 6, &ax); /* 0 .. 10 */
  CHECK_NUM(ax.min, 0);
  CHECK_NUM(ax.max, 50);
  doc_axis_nice(0, 10, 1, 6, DOC_COL_INTEGER, 0, &ax); /* a narrower axis: the line at 50 is off */
  chart_box box = {0, 100, 0, 300};
  chart_layout L;
  CHECK_INT(chart_layout_build(&L, c, &ax, &box, &no_cap), 0);
  CHECK_INT(L.nbars, 0);
  CHECK_INT(L.points[0].ok, 1);
  CHECK_INT(L.points[1].ok, 0);
  CHECK_NUM(L.points[0].c, 50);
  CHECK_NUM(L.points[0].v, 20);
  CHECK_NUM(L.points[2].c, 250);
  CHECK_NUM(L.points[2].v, 80);
  CHECK_NUM(L.lines[0], 50);
  CHECK_INT(L.line_inside[0], 1);
  CHECK_INT(L.line_inside[1], 0);
  CHECK_NUM(L.lines[1], 100); /* clamped to the top */
  CHECK_NUM(L.bands[0].from, 0);
  CHECK_NUM(L.bands[0].to, 40);
  chart_layout_free(&L);
  doc_free(d);
}

/* The legend: series, then reference lines, then bands, each with its kind, style and label (NULL
 * where the chart gives none); a diverging chart's two signs in their colours. */
static void test_legend(void) {
  doc *d = doc_new();
  double a[] = {2, 4, 8}, b[] = {1, 3, 5};
  doc_chart *c = chart(d, DOC_CHART_LINE, a, b, NULL);
  doc_chart_add_line(d, c, 5, "Mål 5");
  doc_chart_add_line(d, c, 7, NULL);
  doc_chart_add_band(d, c, -HUGE_VAL, 4, DOC_STATUS_DESIRED, NULL);
  size_t n;
  chart_legend_entry *e = chart_legend_entries(c, &n);
  CHECK_INT(n, 5);
  CHECK_INT(e[0].kind, CHART_LEGEND_LINE);
  CHECK_STR(e[0].label, "a");
  CHECK_INT(e[1].index, 1);
  CHECK_STR(e[1].label, "b");
  CHECK_INT(e[1].st.color, doc_chart_series_style(c, 1).color);
  CHECK_INT(e[1].st.marker, doc_chart_series_style(c, 1).marker);
  CHECK_INT(e[2].kind, CHART_LEGEND_REF);
  CHECK_STR(e[2].label, "Mål 5");
  CHECK_INT(e[2].st.color, doc_chart_ref_color);
  CHECK_INT(e[2].st.dash, DOC_DASH_DASH);
  CHECK_INT(e[3].kind, CHART_LEGEND_REF);
  CHECK(e[3].label == NULL);
  CHECK_INT(e[4].kind, CHART_LEGEND_BAND);
  CHECK_INT(e[4].status, DOC_STATUS_DESIRED);
  CHECK_INT(e[4].st.color, doc_chart_status_tint(DOC_STATUS_DESIRED));
  CHECK(e[4].label == NULL);
  free(e);

  double dv[] = {-3, 0, 4};
  doc_chart *v = chart(d, DOC_CHART_DIVERGING, dv, NULL, NULL);
  v->neg_label = "Merforbruk";
  e = chart_legend_entries(v, &n);
  CHECK_INT(n, 2);
  CHECK_INT(e[0].kind, CHART_LEGEND_BAR);
  CHECK_STR(e[0].label, "Merforbruk");
  CHECK_INT(e[0].st.color, doc_chart_neg_color);
  CHECK_INT(e[1].index, 1);
  CHECK(e[1].label == NULL);
  CHECK_INT(e[1].st.color, doc_chart_pos_color);
  free(e);
  doc_free(d);
}

int main(void) {
  test_ticks();
  test_stacking();
  test_side_by_side();
  test_lines_marks();
  test_legend();
  return check_summary();
}
