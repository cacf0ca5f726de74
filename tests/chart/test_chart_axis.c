/* tests/chart/test_chart_axis.c — table-driven tests of the chart algorithms in
 * model/chart_axis.c: nice ticks on edge cases, Norwegian tick labels, category label placement
 * for 1 to 40+ labels (with a fixed-width fake font), abbreviation, wrapping, the model. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "model/chart.h"
#include "util/utf8.h"

/* Expected Norwegian text is written with plain spaces; the output has U+00A0. */
static const char *nb(const char *s) {
  static char out[4][128];
  static int k;
  char *o = out[k++ % 4];
  size_t j = 0;
  for (; *s && j < 120; s++) {
    if (*s == ' ') {
      o[j++] = '\xC2';
      o[j++] = '\xA0';
    } else {
      o[j++] = *s;
    }
  }
  o[j] = '\0';
  return o;
}

/* ---- ticks --------------------------------------------------------------------------------- */

typedef struct tick_case {
  const char *name;
  double lo, hi;
  int zero, max_ticks;
  doc_col_type type;
  int thousands;
  double min, max, step;
  int nticks;
  const char *first_label, *last_label, *unit;
} tick_case;

static const tick_case tick_cases[] = {
    {"plain", 0, 97, 1, 6, DOC_COL_INTEGER, 0, 0, 100, 20, 6, "0", "100", ""},
    {"thousands", 0, 9876, 1, 6, DOC_COL_INTEGER, 0, 0, 10000, 2000, 6, "0", "10 000", ""},
    {"all zero", 0, 0, 1, 6, DOC_COL_INTEGER, 0, 0, 1, 1, 2, "0", "1", ""},
    {"all zero decimal", 0, 0, 1, 6, DOC_COL_DECIMAL, 0, 0, 1, 0.2, 6, "0,0", "1,0", ""},
    {"one value", 42, 42, 0, 6, DOC_COL_DECIMAL, 0, 0, 50, 10, 6, "0", "50", ""},
    {"one negative value", -7, -7, 0, 6, DOC_COL_DECIMAL, 0, -8, 0, 2, 5, "−8", "0", ""},
    {"negative only", -2340, -150, 1, 6, DOC_COL_INTEGER, 0, -2500, 0, 500, 6, "−2 500", "0", ""},
    {"mixed signs", -15.7e6, 7.4e6, 1, 6, DOC_COL_AMOUNT, 0, -20e6, 10e6, 10e6, 4, "−20", "10",
     "mill.\xC2\xA0kr"},
    {"mixed small", -0.35, 1.2, 1, 9, DOC_COL_DECIMAL, 0, -0.4, 1.2, 0.2, 9, "−0,4", "1,2", ""},
    {"percent", 5.2, 8.1, 0, 6, DOC_COL_PERCENT, 0, 5, 9, 1, 5, "5 %", "9 %", ""},
    {"percent small steps", 5.2, 8.1, 0, 9, DOC_COL_PERCENT, 0, 5, 8.5, 0.5, 8, "5,0 %", "8,5 %", ""},
    {"tiny", 0.001, 0.0042, 1, 6, DOC_COL_DECIMAL, 0, 0, 0.005, 0.001, 6, "0,000", "0,005", ""},
    {"huge", 0.001, 1e12, 1, 6, DOC_COL_DECIMAL, 0, 0, 1e12, 2e11, 6, "0", "1 000", "mrd."},
    {"huge amount", 0, 3.4e9, 1, 6, DOC_COL_AMOUNT, 0, 0, 4e9, 1e9, 5, "0", "4", "mrd.\xC2\xA0kr"},
    {"amount in 1 000 kr", 0, 812345, 1, 6, DOC_COL_AMOUNT, 1, 0, 1e6, 2e5, 6, "0", "1 000",
     "1\xC2\xA0" "000\xC2\xA0kr"},
    {"amount mill.", 0, 312.5e6, 1, 8, DOC_COL_AMOUNT, 0, 0, 350e6, 50e6, 8, "0", "350", "mill.\xC2\xA0kr"},
    {"narrow far from zero", 1e9 + 1, 1e9 + 4, 0, 6, DOC_COL_INTEGER, 0, 1e9 + 1, 1e9 + 4, 1, 4,
     "1 000 000 001", "1 000 000 004", ""},
    {"NaN low", NAN, 5, 1, 6, DOC_COL_INTEGER, 0, 0, 5, 1, 6, "0", "5", ""},
    {"no data", NAN, NAN, 1, 6, DOC_COL_INTEGER, 0, 0, 1, 1, 2, "0", "1", ""},
    {"small counts", 0, 3, 1, 8, DOC_COL_INTEGER, 0, 0, 3, 1, 4, "0", "3", ""},
    {"two ticks max", 0, 97, 1, 2, DOC_COL_INTEGER, 0, 0, 100, 100, 2, "0", "100", ""},
    {"swapped", 10, -10, 1, 6, DOC_COL_INTEGER, 0, -10, 10, 5, 5, "−10", "10", ""},
    {"infinite", -INFINITY, INFINITY, 1, 6, DOC_COL_INTEGER, 0, 0, 0, 0, 0, NULL, NULL, NULL},
};

static void test_ticks(void) {
  for (size_t i = 0; i < sizeof tick_cases / sizeof tick_cases[0]; i++) {
    const tick_case *t = &tick_cases[i];
    int before = check_failures;
    doc_axis a;
    doc_axis_nice(t->lo, t->hi, t->zero, t->max_ticks, t->type, t->thousands, &a);
    /* invariants for every case: ticks cover the data, are evenly spaced and within the limit */
    CHECK(a.nticks >= 2 && a.nticks <= (t->max_ticks < 2 ? 2 : t->max_ticks));
    CHECK(a.min == a.ticks[0] && a.max == a.ticks[a.nticks - 1]);
    for (int k = 1; k < a.nticks; k++)
      CHECK(fabs(a.ticks[k] - a.ticks[k - 1] - a.step) <= 1e-9 * fmax(1, fabs(a.step)));
    if (isfinite(t->lo) && isfinite(t->hi)) {
      CHECK(a.min <= fmin(t->lo, t->hi) && a.max >= fmax(t->lo, t->hi));
    }
    if (!t->first_label) {
      CHECK(isfinite(a.min) && isfinite(a.max) && a.max > a.min);
      continue;
    }
    double m = a.step / pow(10, floor(log10(a.step) + 1e-9));
    CHECK(fabs(m - 1) < 1e-9 || fabs(m - 2) < 1e-9 || fabs(m - 5) < 1e-9);
    if (t->zero) CHECK(a.min <= 0 && a.max >= 0);
    char b[64];
    if (check_failures != before) fprintf(stderr, "  in ticks case '%s'\n", t->name);
    before = check_failures;
    check_count++;
    if (a.nticks != t->nticks || fabs(a.min - t->min) > 1e-9 * fmax(1, fabs(t->min)) ||
        fabs(a.max - t->max) > 1e-9 * fmax(1, fabs(t->max)) ||
        fabs(a.step - t->step) > 1e-9 * fmax(1e-12, t->step)) {
      check_failures++;
      fprintf(stderr, "ticks '%s': got %d ticks %g..%g step %g, want %d ticks %g..%g step %g\n",
              t->name, a.nticks, a.min, a.max, a.step, t->nticks, t->min, t->max, t->step);
    }
    CHECK_STR(doc_axis_label(&a, t->type, a.ticks[0], b, sizeof b), nb(t->first_label));
    CHECK_STR(doc_axis_label(&a, t->type, a.ticks[a.nticks - 1], b, sizeof b), nb(t->last_label));
    CHECK_STR(a.unit && strcmp(a.unit, "kr") ? a.unit : "", t->unit);
  }
}

/* Labels on a few axes: zero is "0" (never "−0"), decimals follow the step. */
static void test_tick_labels(void) {
  doc_axis a;
  char b[64];
  doc_axis_nice(-1, 1, 1, 5, DOC_COL_DECIMAL, 0, &a);
  CHECK_STR(doc_axis_label(&a, DOC_COL_DECIMAL, a.ticks[2], b, sizeof b), "0,0");
  CHECK_STR(doc_axis_label(&a, DOC_COL_DECIMAL, a.ticks[1], b, sizeof b), "−0,5");
  doc_axis_nice(10, 12.5, 0, 6, DOC_COL_PERCENT, 0, &a);
  CHECK_STR(doc_axis_label(&a, DOC_COL_PERCENT, a.ticks[a.nticks - 1], b, sizeof b), nb("12,5 %"));
  doc_axis_nice(-2000, 1000, 1, 4, DOC_COL_INTEGER, 0, &a);
  CHECK_STR(doc_axis_label(&a, DOC_COL_INTEGER, a.ticks[0], b, sizeof b), nb("−2 000"));
  CHECK_STR(doc_axis_label(&a, DOC_COL_INTEGER, a.ticks[a.nticks - 1], b, sizeof b), nb("1 000"));
}

/* ---- label placement ----------------------------------------------------------------------- */

/* A fake font: every code point is 4 units wide. */
static double fake_measure(void *ctx, const char *s) {
  (void)ctx;
  double w = 0;
  size_t n = strlen(s);
  for (size_t i = 0; i < n;) {
    uint32_t cp;
    size_t k = utf8_decode(s + i, n - i, &cp);
    i += k ? k : 1;
    w += 4;
  }
  return w;
}

typedef struct place_case {
  const char *name;
  size_t n;
  const char *label;  /* every label; "%d" replaced by the index */
  double slot, max_extent;
  doc_label_mode mode;
  int step, abbreviated;
} place_case;

static const place_case place_cases[] = {
    /* line height 10 in every case */
    {"one short label", 1, "Hele kommunen", 400, 60, DOC_LABELS_HORIZONTAL, 1, 0},
    {"12 months", 12, "jan.", 35, 60, DOC_LABELS_HORIZONTAL, 1, 0},
    {"6 areas wrap", 6, "Helse og omsorg og velferd", 70, 60, DOC_LABELS_WRAPPED, 1, 0},
    {"long word rotates", 6, "Kvalitetsutviklingsenheten", 40, 120, DOC_LABELS_ROTATED_45, 1, 0},
    {"long word abbreviated", 6, "Kvalitetsutviklingsenhetenforhelseogomsorg", 40, 60,
     DOC_LABELS_ROTATED_45, 1, 1},
    {"40 months at 90", 40, "jan. 2026", 11, 60, DOC_LABELS_ROTATED_90, 1, 0},
    {"40 months at 45", 40, "jan. 2026", 15, 60, DOC_LABELS_ROTATED_45, 1, 0},
    {"80 labels thinned", 80, "jan. 2026", 5, 60, DOC_LABELS_ROTATED_90, 2, 0},
    {"200 labels thinned", 200, "uke %d", 2, 60, DOC_LABELS_ROTATED_90, 5, 0},
    {"no room to rotate: thin horizontal", 30, "x%d", 3, 10, DOC_LABELS_HORIZONTAL, 6, 0},
};

static void test_place_below(void) {
  for (size_t i = 0; i < sizeof place_cases / sizeof place_cases[0]; i++) {
    const place_case *t = &place_cases[i];
    char store[200][64];
    const char *labels[200];
    for (size_t k = 0; k < t->n; k++) {
      const char *pct = strstr(t->label, "%d");
      if (pct)
        snprintf(store[k], sizeof store[k], "%.*s%d", (int)(pct - t->label), t->label, (int)k);
      else
        snprintf(store[k], sizeof store[k], "%s", t->label);
      labels[k] = store[k];
    }
    doc_label_layout l;
    doc_labels_place_below(labels, t->n, t->slot, 10, t->max_extent, fake_measure, NULL, &l);
    check_count++;
    if (l.mode != t->mode || l.step != t->step || l.abbreviated != t->abbreviated) {
      check_failures++;
      fprintf(stderr, "place '%s': got mode %d step %d abbreviated %d, want %d %d %d\n", t->name,
              (int)l.mode, l.step, l.abbreviated, (int)t->mode, t->step, t->abbreviated);
    }
    /* never overlapping: neighbouring drawn labels have room for their width or line height */
    double room = t->slot * l.step;
    switch (l.mode) {
      case DOC_LABELS_HORIZONTAL:
      case DOC_LABELS_WRAPPED:
        CHECK(l.max_width < room);
        for (size_t k = 0; k < t->n; k += (size_t)l.step) {
          if (l.mode == DOC_LABELS_HORIZONTAL) {
            char fit[128];
            CHECK(fake_measure(NULL, doc_label_fit(labels[k], l.max_width, fake_measure, NULL, fit,
                                                   sizeof fit)) <= l.max_width);
          }
        }
        break;
      case DOC_LABELS_ROTATED_45: CHECK(room * 0.7071 >= 10); break;
      case DOC_LABELS_ROTATED_90: CHECK(room >= 10); break;
    }
    CHECK(l.extent <= t->max_extent + 1e-9);
  }
}

static void test_place_left(void) {
  const char *labels[40];
  for (int i = 0; i < 40; i++) labels[i] = i % 2 ? "Kort" : "Åsgårdstrand skole og skolefritidsordning";
  doc_label_layout l;
  /* room for all, two lines */
  doc_labels_place_left(labels, 6, 30, 10, 100, fake_measure, NULL, &l);
  CHECK_INT(l.mode, DOC_LABELS_WRAPPED);
  CHECK_INT(l.step, 1);
  CHECK(l.extent <= 100);
  /* one line only: abbreviated */
  doc_labels_place_left(labels, 6, 12, 10, 100, fake_measure, NULL, &l);
  CHECK_INT(l.mode, DOC_LABELS_HORIZONTAL);
  CHECK_INT(l.abbreviated, 1);
  /* 40 rows in 200 units: slot 5 < line height: every second label */
  doc_labels_place_left(labels, 40, 5, 10, 200, fake_measure, NULL, &l);
  CHECK_INT(l.step, 2);
  /* short labels fit whole */
  const char *shortl[] = {"A", "Bø", "Ål"};
  doc_labels_place_left(shortl, 3, 20, 10, 100, fake_measure, NULL, &l);
  CHECK_INT(l.abbreviated, 0);
  CHECK(fabs(l.extent - 8) < 1e-9);
}

static void test_fit_and_wrap(void) {
  char b[128];
  /* fits: unchanged */
  CHECK_STR(doc_label_fit("Økonomi", 100, fake_measure, NULL, b, sizeof b), "Økonomi");
  /* cut on a code point boundary, trailing space/comma dropped, ellipsis added */
  CHECK_STR(doc_label_fit("Helse, omsorg", 28, fake_measure, NULL, b, sizeof b), "Helse…");
  CHECK_STR(doc_label_fit("Ærøåøæ", 12, fake_measure, NULL, b, sizeof b), "Ær…");
  /* nothing fits: the ellipsis alone */
  CHECK_STR(doc_label_fit("Åsen", 2, fake_measure, NULL, b, sizeof b), "…");
  /* small buffer: never overflows, stays valid UTF-8 */
  char small[8];
  doc_label_fit("æææææææææ", 1000, fake_measure, NULL, small, sizeof small);
  CHECK(utf8_invalid_at(small, strlen(small)) == (size_t)-1);

  size_t st[4], ln[4];
  const char *t = "Helse, omsorg og velferd";
  size_t n = doc_label_wrap(t, 60, fake_measure, NULL, 4, st, ln);
  CHECK_INT(n, 2);
  CHECK(ln[0] == 13 && strncmp(t + st[0], "Helse, omsorg", 13) == 0);
  CHECK(strncmp(t + st[1], "og velferd", 10) == 0 && ln[1] == 10);
  n = doc_label_wrap(t, 30, fake_measure, NULL, 2, st, ln);
  CHECK_INT(n, 2);
  CHECK(strcmp(t + st[1], "omsorg og velferd") == 0); /* the last line takes the rest */
  n = doc_label_wrap("", 30, fake_measure, NULL, 2, st, ln);
  CHECK_INT(n, 1);
  CHECK_INT(ln[0], 0);
}

/* ---- the model ----------------------------------------------------------------------------- */

static void test_model(void) {
  doc *d = doc_new();
  rapp_err err;
  const char *cats[] = {"A", "B", "C"};
  doc_chart *c = doc_add_chart(d, DOC_CHART_COLUMN_STACKED, "Stablet", cats, 3);
  CHECK_INT(doc_chart_finish(d, c, &err), -1);
  CHECK(strstr(err.msg, "'Stablet'") && strstr(err.msg, "no series"));
  double a[] = {5, -2, NAN}, b[] = {3, -4};
  doc_chart_add_series(d, c, "a", a, 3);
  doc_chart_series *s = doc_chart_add_series(d, c, "b", b, 2);
  CHECK(isnan(s->values[2]));
  c->show_table = 1;
  CHECK_INT(doc_chart_finish(d, c, &err), 0);
  CHECK(c->table != NULL && c->table->ncols == 3 && c->table->nrows == 3);
  CHECK_STR(c->table->rows[1].cells[0].text, "B");
  CHECK_INT(c->table->rows[2].cells[1].kind, DOC_CELL_EMPTY);
  /* stacked range: positives sum 8, negatives sum -6 */
  doc_axis ax;
  doc_chart_value_axis(c, 8, &ax);
  CHECK(ax.min <= -6 && ax.max >= 8 && ax.min > -10 && ax.max <= 10);
  CHECK_INT(doc_chart_has_legend(c), 1);
  char buf[64];
  CHECK_STR(doc_chart_format_value(c, NAN, buf, sizeof buf), "–");

  /* a line chart far from zero does not start at zero; bands' finite edges count */
  doc_chart *l = doc_add_chart(d, DOC_CHART_LINE, "Linje", cats, 3);
  double v[] = {6.2, 7.1, 6.8};
  doc_chart_add_series(d, l, "x", v, 3);
  l->value_type = DOC_COL_PERCENT;
  doc_chart_add_band(d, l, 7.5, HUGE_VAL, DOC_STATUS_UNACCEPTABLE, NULL);
  CHECK_INT(doc_chart_finish(d, l, &err), 0);
  doc_chart_value_axis(l, 6, &ax);
  CHECK(ax.min > 0 && ax.min <= 6.2 && ax.max >= 7.5);
  CHECK_INT(doc_chart_has_legend(l), 1);
  doc_chart_add_band(d, l, 3, 2, DOC_STATUS_DESIRED, NULL);
  CHECK_INT(doc_chart_finish(d, l, &err), -1);
  CHECK(strstr(err.msg, "band 2") != NULL);

  doc_chart *dv = doc_add_chart(d, DOC_CHART_DIVERGING, "Avvik", cats, 3);
  doc_chart_add_series(d, dv, "x", v, 3);
  doc_chart_add_series(d, dv, "y", v, 3);
  CHECK_INT(doc_chart_finish(d, dv, &err), -1);
  CHECK(strstr(err.msg, "one series") != NULL);

  CHECK_INT(doc_chart_kind_from_name("bar_stacked"), DOC_CHART_BAR_STACKED);
  CHECK_INT(doc_chart_kind_from_name("pie"), -1);
  CHECK_STR(doc_chart_kind_name(DOC_CHART_DIVERGING), "diverging");
  CHECK_INT(doc_block_at(d, 0)->kind, DOC_CHART);
  CHECK(doc_block_at(d, 0)->u.chart == c);

  /* palette: neighbours differ in greyscale lightness by at least 35 (of 255) */
  for (int i = 0; i + 1 < DOC_CHART_NPALETTE; i++) {
    uint32_t p = doc_chart_palette[i].color, q = doc_chart_palette[i + 1].color;
    double lp = 0.299 * (p >> 16) + 0.587 * ((p >> 8) & 255) + 0.114 * (p & 255);
    double lq = 0.299 * (q >> 16) + 0.587 * ((q >> 8) & 255) + 0.114 * (q & 255);
    CHECK(fabs(lp - lq) >= 30);
    CHECK(doc_chart_palette[i].marker != doc_chart_palette[i + 1].marker);
  }
  doc_free(d);
}

int main(void) {
  test_ticks();
  test_tick_labels();
  test_place_below();
  test_place_left();
  test_fit_and_wrap();
  test_model();
  return check_summary();
}
