/* model/chart.c — building the chart block: categories, series, reference lines and bands in the
 * doc's arena, validation, and the chart's data as a small table. See chart.h. */
#include "model/chart.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "model/present.h"
#include "util/nofmt.h"

/* Arena arrays grow by copying to a new arena block; the old one stays in the arena until
 * doc_free (at most the same size again: charts are small). */
static void *grow(doc *d, void *old, size_t n, size_t *cap, size_t elem) {
  if (n < *cap) return old;
  size_t ncap = *cap ? *cap * 2 : 4;
  void *p = doc_alloc(d, ncap * elem);
  if (old && n) memcpy(p, old, n * elem);
  *cap = ncap;
  return p;
}

doc_chart *doc_add_chart(doc *d, doc_chart_kind kind, const char *title, const char *const *cats,
                         size_t ncats) {
  doc_block *b = doc_add(d, DOC_CHART);
  doc_chart *c = doc_alloc(d, sizeof *c);
  c->kind = kind;
  c->title = doc_strdup(d, title ? title : "");
  c->value_type = DOC_COL_DECIMAL;
  c->decimals = -1;
  c->legend = -1;
  c->cats = doc_alloc(d, (ncats ? ncats : 1) * sizeof *c->cats);
  for (size_t i = 0; i < ncats; i++) c->cats[i] = doc_strdup(d, cats && cats[i] ? cats[i] : "");
  c->ncats = ncats;
  b->u.chart = c;
  return c;
}

doc_chart_series *doc_chart_add_series(doc *d, doc_chart *c, const char *name,
                                       const double *values, size_t n) {
  c->series = grow(d, c->series, c->nseries, &c->capseries, sizeof *c->series);
  doc_chart_series *s = &c->series[c->nseries++];
  memset(s, 0, sizeof *s);
  s->name = doc_strdup(d, name ? name : "");
  s->values = doc_alloc(d, (c->ncats ? c->ncats : 1) * sizeof *s->values);
  for (size_t i = 0; i < c->ncats; i++)
    s->values[i] = i < n && values && isfinite(values[i]) ? values[i] : NAN;
  return s;
}

void doc_chart_add_line(doc *d, doc_chart *c, double value, const char *label) {
  c->lines = grow(d, c->lines, c->nlines, &c->caplines, sizeof *c->lines);
  c->lines[c->nlines].value = value;
  c->lines[c->nlines].label = doc_strdup(d, label);
  c->nlines++;
}

void doc_chart_add_band(doc *d, doc_chart *c, double from, double to, doc_status status,
                        const char *label) {
  c->bands = grow(d, c->bands, c->nbands, &c->capbands, sizeof *c->bands);
  doc_chart_band *b = &c->bands[c->nbands++];
  b->from = from;
  b->to = to;
  b->status = status;
  b->label = doc_strdup(d, label);
}

static const char *const kind_names[] = {"column", "column_stacked", "bar",
                                         "bar_stacked", "diverging", "line"};

int doc_chart_kind_from_name(const char *name) {
  for (size_t i = 0; i < sizeof kind_names / sizeof kind_names[0]; i++)
    if (name && strcmp(name, kind_names[i]) == 0) return (int)i;
  return -1;
}

const char *doc_chart_kind_name(doc_chart_kind k) {
  return (size_t)k < sizeof kind_names / sizeof kind_names[0] ? kind_names[k] : "?";
}

int doc_chart_is_horizontal(const doc_chart *c) {
  return c->kind == DOC_CHART_BAR || c->kind == DOC_CHART_BAR_STACKED ||
         c->kind == DOC_CHART_DIVERGING;
}

int doc_chart_is_stacked(const doc_chart *c) {
  return c->kind == DOC_CHART_COLUMN_STACKED || c->kind == DOC_CHART_BAR_STACKED;
}

int doc_chart_has_legend(const doc_chart *c) {
  if (c->legend >= 0) return c->legend != 0;
  if (c->kind == DOC_CHART_DIVERGING) return c->neg_label || c->pos_label || c->nlines || c->nbands;
  return c->nseries > 1 || c->nlines > 0 || c->nbands > 0;
}

char *doc_chart_format_value(const doc_chart *c, double v, char *buf, size_t n) {
  doc_column col = {0};
  col.type = c->value_type == DOC_COL_TEXT || c->value_type == DOC_COL_DATE ? DOC_COL_DECIMAL
                                                                           : c->value_type;
  col.decimals = c->decimals;
  col.thousands = c->thousands;
  doc_cell cell = {0};
  doc_cell_set_number(&cell, v);
  return doc_format_cell(&col, &cell, buf, n);
}

doc_table *doc_chart_build_table(doc *d, const doc_chart *c) {
  /* The data table: first column the categories, one typed column per series. */
  size_t ncols = c->nseries + 1;
  doc_table *tb = doc_alloc(d, sizeof *tb);
  tb->cols = doc_alloc(d, ncols * sizeof *tb->cols);
  tb->cols[0].title = c->cat_title ? c->cat_title : "";
  tb->cols[0].type = DOC_COL_TEXT;
  tb->cols[0].decimals = -1;
  for (size_t s = 0; s < c->nseries; s++) {
    doc_column *col = &tb->cols[s + 1];
    col->title = c->series[s].name;
    col->type = c->value_type;
    col->decimals = c->decimals;
    col->thousands = c->thousands;
  }
  tb->ncols = ncols;
  tb->title = c->title;
  tb->unit_note = present_unit_note_of(c->value_type, c->thousands, doc_meta_get(d)->language);
  /* Rows live in the arena (this table is not a block, so doc_free does not free its rows). */
  tb->rows = doc_alloc(d, c->ncats * sizeof *tb->rows);
  tb->nrows = tb->cap = c->ncats;
  for (size_t r = 0; r < c->ncats; r++) {
    doc_row *row = &tb->rows[r];
    row->kind = DOC_ROW_DATA;
    row->cells = doc_alloc(d, ncols * sizeof *row->cells);
    doc_cell_set_text(d, &row->cells[0], c->cats[r]);
    for (size_t s = 0; s < c->nseries; s++) doc_chart_value_cell(c, s, r, &row->cells[s + 1]);
  }
  return tb;
}

void doc_chart_value_cell(const doc_chart *c, size_t s, size_t i, doc_cell *out) {
  memset(out, 0, sizeof *out);
  if (c->series[s].suppressed && c->series[s].suppressed[i]) {
    out->kind = DOC_CELL_TEXT;
    out->text = DOC_SUPPRESSED_SYMBOL;
    out->suppressed = 1;
    return;
  }
  doc_cell_set_number(out, c->series[s].values[i]);
}

int doc_chart_finish(doc *d, doc_chart *c, rapp_err *err) {
  const char *t = c->title && *c->title ? c->title : "(uten tittel)";
  if ((size_t)c->kind >= sizeof kind_names / sizeof kind_names[0])
    return err_set(err, "chart '%s': unknown chart kind %d", t, (int)c->kind);
  if (c->ncats == 0)
    return err_set(err, "chart '%s': no categories; give at least one category label", t);
  if (c->nseries == 0)
    return err_set(err, "chart '%s': no series; add at least one series of values", t);
  if (c->kind == DOC_CHART_DIVERGING && c->nseries != 1)
    return err_set(err,
                   "chart '%s': a diverging chart shows one series, got %zu; use a bar chart "
                   "for several",
                   t, c->nseries);
  if (c->value_type == DOC_COL_TEXT || c->value_type == DOC_COL_DATE)
    return err_set(err, "chart '%s': values must be numbers (integer, decimal, amount or percent)",
                   t);
  for (size_t i = 0; i < c->nlines; i++)
    if (!isfinite(c->lines[i].value))
      return err_set(err, "chart '%s': reference line '%s' has no finite value", t,
                     c->lines[i].label ? c->lines[i].label : "");
  for (size_t i = 0; i < c->nbands; i++)
    if (isnan(c->bands[i].from) || isnan(c->bands[i].to) || c->bands[i].from > c->bands[i].to)
      return err_set(err, "chart '%s': band %zu runs from %g to %g; 'from' must be <= 'to'", t,
                     i + 1, c->bands[i].from, c->bands[i].to);
  if (c->width_mm < 0 || c->height_mm < 0 || c->width_mm > 1000 || c->height_mm > 1000)
    return err_set(err, "chart '%s': size %g x %g mm is out of range (0-1000 mm; 0 = default)", t,
                   c->width_mm, c->height_mm);
  if (!c->show_table || c->table) return 0;
  c->table = doc_chart_build_table(d, c);
  return 0;
}
