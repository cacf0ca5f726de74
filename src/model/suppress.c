/* model/suppress.c — personvern: primary and secondary suppression of small groups. See
 * suppress.h for the rule. */
#include "model/suppress.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/chart.h"
#include "util/buf.h"
#include "util/labels.h"

int suppress_rule(double persons, double value, int k) {
  if (persons == 0 && value == 0) return 0; /* a count of none reveals no one */
  return persons < k;
}

/* The range of DATA rows a SUBTOTAL or TOTAL row sums: [*a, *b). */
static void margin_range(const doc_table *t, size_t r, size_t *a, size_t *b) {
  const doc_row *row = &t->rows[r];
  *a = row->kind == DOC_ROW_TOTAL ? 0 : row->sum_first;
  *b = row->kind == DOC_ROW_TOTAL ? t->nrows : row->sum_first + row->sum_count;
  if (*b > t->nrows) *b = t->nrows;
}

/* 1 when cell (r, c) is a figure about persons; *n the persons it rests on. A SUBTOTAL or TOTAL
 * row rests on the persons of the DATA rows it sums. */
static int subject(const doc_table *t, size_t r, size_t c, double *n) {
  if (!t->cols[c].personal) return 0;
  const doc_row *row = &t->rows[r];
  const doc_cell *cell = &row->cells[c];
  if (row->kind == DOC_ROW_GROUP) return 0;
  if (cell->suppressed) {
    *n = cell->persons;
    return 1;
  }
  if (cell->kind != DOC_CELL_NUMBER) return 0;
  if (row->kind == DOC_ROW_DATA) {
    *n = cell->persons;
    return cell->has_persons;
  }
  /* a margin is about persons only when every figure it sums is */
  size_t a, b;
  margin_range(t, r, &a, &b);
  int any = 0;
  double s = 0;
  for (size_t i = a; i < b; i++) {
    const doc_cell *x = &t->rows[i].cells[c];
    if (i == r || t->rows[i].kind != DOC_ROW_DATA || x->kind != DOC_CELL_NUMBER) continue;
    if (!x->has_persons) return 0;
    s += x->persons;
    any = 1;
  }
  *n = s;
  return any;
}

/* The weight of cell (r, c) as a complement for secondary suppression, or -1 when it is none (not
 * a figure, or suppressed already): the persons a figure about persons rests on; any other figure
 * of a personal column (a category not about persons, a total over such) comes after every one
 * of those, smallest value first: it too can give a hidden figure away through the total. */
static double weight(const doc_table *t, size_t r, size_t c) {
  const doc_cell *cell = &t->rows[r].cells[c];
  double n;
  if (cell->suppressed || cell->kind != DOC_CELL_NUMBER || t->rows[r].kind == DOC_ROW_GROUP) return -1;
  if (subject(t, r, c, &n)) return n;
  return 1e15 + fabs(cell->number);
}

typedef struct rc { size_t r, c; } rc;

/* Suppresses the cell of least weight (then the smallest value, then the first) among
 * cells[0..n); returns 1 when there was one. */
static int suppress_smallest(doc_table *t, const rc *cells, size_t n) {
  size_t best = n;
  double bw = 0, bv = 0;
  for (size_t i = 0; i < n; i++) {
    double w = weight(t, cells[i].r, cells[i].c);
    if (w < 0) continue;
    double v = fabs(t->rows[cells[i].r].cells[cells[i].c].number);
    if (best == n || w < bw || (w == bw && v < bv)) {
      best = i;
      bw = w;
      bv = v;
    }
  }
  if (best == n) return 0;
  t->rows[cells[best].r].cells[cells[best].c].suppressed = 2;
  return 1;
}

/* Exactly one suppressed among cells: suppress the next-smallest, else `margin` (if any). */
static int protect(doc_table *t, const rc *cells, size_t n, const rc *margin) {
  size_t hidden = 0;
  for (size_t i = 0; i < n; i++) hidden += t->rows[cells[i].r].cells[cells[i].c].suppressed != 0;
  if (hidden != 1) return 0;
  if (suppress_smallest(t, cells, n)) return 1;
  return margin ? suppress_smallest(t, margin, 1) : 0;
}

/* The row relations: with part_of declared, each total column with its parts; else all personal
 * columns of the row together. */
static int row_pass(doc_table *t, rc *buf) {
  int changed = 0, declared = 0;
  for (size_t c = 0; c < t->ncols; c++) declared |= t->cols[c].personal && t->cols[c].part_of > 0;
  for (size_t r = 0; r < t->nrows; r++) {
    if (t->rows[r].kind == DOC_ROW_GROUP) continue;
    if (!declared) {
      size_t n = 0;
      for (size_t c = 0; c < t->ncols; c++)
        if (t->cols[c].personal) buf[n++] = (rc){r, c};
      changed |= protect(t, buf, n, NULL);
      continue;
    }
    for (size_t tc = 0; tc < t->ncols; tc++) {
      size_t n = 0;
      for (size_t c = 0; c < t->ncols; c++)
        if (t->cols[c].personal && (size_t)t->cols[c].part_of == tc + 1) buf[n++] = (rc){r, c};
      if (!n) continue;
      if (t->cols[tc].personal) buf[n++] = (rc){r, tc};
      changed |= protect(t, buf, n, NULL);
    }
  }
  return changed;
}

static int column_pass(doc_table *t, size_t c, rc *buf) {
  int changed = 0;
  size_t r = 0;
  while (r < t->nrows) {
    if (t->rows[r].kind != DOC_ROW_DATA) {
      r++;
      continue;
    }
    size_t n = 0;
    while (r < t->nrows && t->rows[r].kind == DOC_ROW_DATA) buf[n++] = (rc){r++, c};
    rc margin = {r, c};
    int has_margin = r < t->nrows && (t->rows[r].kind == DOC_ROW_SUBTOTAL ||
                                      t->rows[r].kind == DOC_ROW_TOTAL);
    changed |= protect(t, buf, n, has_margin ? &margin : NULL);
  }
  /* the subtotals against the total */
  size_t n = 0;
  rc total = {0, c};
  int has_total = 0;
  for (size_t i = 0; i < t->nrows; i++) {
    if (t->rows[i].kind == DOC_ROW_SUBTOTAL) buf[n++] = (rc){i, c};
    if (t->rows[i].kind == DOC_ROW_TOTAL) total = (rc){i, c}, has_total = 1;
  }
  if (n) changed |= protect(t, buf, n, has_total ? &total : NULL);
  return changed;
}

/* A suppressed cell keeps no value, status or unit: the TEXT ":" in every renderer. */
static void blank(doc_cell *cell) {
  cell->kind = DOC_CELL_TEXT;
  cell->text = DOC_SUPPRESSED_SYMBOL;
  cell->number = 0;
  cell->status = DOC_STATUS_NONE;
  cell->unit = NULL;
}

/* "BEFORE : Vises ikke av personvernhensyn. AFTER" (label "suppressed.note"), in d's arena; before
 * and after may be NULL or empty. */
static const char *with_note(doc *d, const char *before, const char *after) {
  rapp_buf note = {0};
  if (before && *before) buf_printf(&note, "%s ", before);
  buf_printf(&note, "%s %s.", DOC_SUPPRESSED_SYMBOL, label_get(doc_meta_get(d)->language, "suppressed.note"));
  if (after && *after) buf_printf(&note, " %s", after);
  const char *text = doc_strdup(d, buf_str(&note));
  buf_free(&note);
  return text;
}

/* Primary and secondary suppression: marks the cells (doc_cell.suppressed) and changes nothing
 * else of what the table shows. 0 when the table has no personal column (nothing marked). */
static int mark(doc *d, doc_table *t, int k) {
  size_t any_personal = 0;
  for (size_t c = 0; c < t->ncols; c++) any_personal += t->cols[c].personal != 0;
  if (!any_personal) return 0;
  doc_table_expand(d, t); /* cells are changed in place below */
  /* primary */
  for (size_t r = 0; r < t->nrows; r++)
    for (size_t c = 0; c < t->ncols; c++) {
      double n;
      if (subject(t, r, c, &n) && suppress_rule(n, t->rows[r].cells[c].number, k)) {
        t->rows[r].cells[c].persons = n;
        t->rows[r].cells[c].suppressed = 1;
      }
    }
  /* secondary, until nothing changes (each round suppresses at least one more cell) */
  size_t cap = t->nrows > t->ncols ? t->nrows : t->ncols;
  rc *buf = xmalloc((cap ? cap : 1) * sizeof *buf);
  for (int changed = 1; changed;) {
    changed = row_pass(t, buf);
    for (size_t c = 0; c < t->ncols; c++)
      if (t->cols[c].personal) changed |= column_pass(t, c, buf);
  }
  free(buf);
  return 1;
}

/* 1 when the table was suppressed already (its hidden cells are ":" and marked). */
static int suppressed_already(const doc_table *t) {
  for (size_t r = 0; r < t->nrows; r++)
    for (size_t c = 0; c < t->ncols; c++)
      if (t->cols[c].personal && t->rows[r].cells && t->rows[r].cells[c].suppressed) return 1;
  return 0;
}

size_t doc_table_hidden(doc *d, doc_table *t, int k, unsigned char *hidden) {
  memset(hidden, 0, t->nrows * t->ncols);
  int done = suppressed_already(t);
  if (!done) {
    doc_table_compute_sums(t); /* the margins as they will be: the rule weighs them */
    if (!mark(d, t, k)) return 0;
  }
  size_t n = 0;
  for (size_t r = 0; r < t->nrows; r++)
    for (size_t c = 0; c < t->ncols; c++) {
      doc_cell *cell = t->rows[r].cells ? &t->rows[r].cells[c] : NULL;
      if (!cell || !cell->suppressed) continue;
      hidden[r * t->ncols + c] = 1;
      n++;
      if (!done) cell->suppressed = 0; /* only asked: the edition suppresses after build */
    }
  return n;
}

size_t doc_suppress_table(doc *d, doc_table *t, int k) {
  if (suppressed_already(t) || !mark(d, t, k)) return 0;
  /* blank what is suppressed: no value is left for any renderer */
  size_t hidden = 0;
  for (size_t r = 0; r < t->nrows; r++)
    for (size_t c = 0; c < t->ncols; c++) {
      doc_cell *cell = &t->rows[r].cells[c];
      if (!cell->suppressed) continue;
      blank(cell);
      t->cols[c].sum = 0; /* its totals stay as computed, written as values, not formulas */
      hidden++;
    }
  if (hidden) t->note = with_note(d, t->note, NULL);
  return hidden;
}

/* A key figure about persons (doc_keyfigure.value.has_persons) is hidden by the primary rule; its
 * comparison, which may quote the same group, gives way to the footnote. */
static size_t suppress_keyfigures(doc *d, const doc_block *b, int k) {
  size_t hidden = 0;
  for (size_t i = 0; i < b->u.keyfigures.nitems; i++) {
    doc_keyfigure *kf = &b->u.keyfigures.items[i];
    doc_cell *v = &kf->value;
    if (!v->has_persons || v->kind != DOC_CELL_NUMBER || !suppress_rule(v->persons, v->number, k)) continue;
    blank(v);
    v->suppressed = 1;
    kf->comparison = with_note(d, NULL, NULL);
    hidden++;
  }
  return hidden;
}

/* 1 when value i of series se is hidden: the table cell it repeats is (doc_chart.from: the
 * table's own result, secondary suppression included), else by the primary rule on its persons. */
static int chart_value_hidden(const doc_chart *c, const doc_chart_series *se, size_t i, int k) {
  if (se->cell_row && se->cell_row[i] != SIZE_MAX)
    return c->from && doc_table_cell(c->from, se->cell_row[i], se->cell_col[i]).suppressed != 0;
  return se->persons && isfinite(se->values[i]) && !isnan(se->persons[i]) &&
         suppress_rule(se->persons[i], se->values[i], k);
}

size_t doc_suppress_chart(doc *d, doc_chart *c, int k) {
  size_t hidden = 0;
  int summary_quotes_hidden = 0;
  for (size_t s = 0; s < c->nseries; s++) {
    doc_chart_series *se = &c->series[s];
    for (size_t i = 0; i < c->ncats; i++) {
      if ((se->suppressed && se->suppressed[i]) || !chart_value_hidden(c, se, i, k)) continue;
      if (!se->suppressed) se->suppressed = doc_alloc(d, c->ncats);
      se->suppressed[i] = 1;
      se->values[i] = NAN; /* no bar, no point, no cell value in any renderer */
      summary_quotes_hidden |= !se->unquoted || !se->unquoted[i];
      hidden++;
    }
  }
  if (!hidden) return 0;
  /* a generated summary that may quote a hidden value is dropped (the script left its rows to
   * change after the chart was added); a script's own summary is its own */
  if (c->summary_generated && summary_quotes_hidden) c->summary = NULL;
  c->source = with_note(d, NULL, c->source); /* under the chart in every format */
  if (c->table) c->table = doc_chart_build_table(d, c); /* the PDF's data table, built before */
  return hidden;
}

size_t doc_apply_edition(doc *d) {
  const doc_meta *m = doc_meta_get(d);
  if (m->internal) return 0;
  size_t hidden = 0;
  /* tables first: a chart that repeats a table (doc_chart.from) takes the table's result */
  for (size_t i = 0; i < doc_nblocks(d); i++) {
    const doc_block *b = doc_block_at(d, i);
    if (b->kind == DOC_TABLE) hidden += doc_suppress_table(d, b->u.table, m->min_group);
    else if (b->kind == DOC_KEYFIGURES) hidden += suppress_keyfigures(d, b, m->min_group);
  }
  for (size_t i = 0; i < doc_nblocks(d); i++) {
    const doc_block *b = doc_block_at(d, i);
    if (b->kind == DOC_CHART) hidden += doc_suppress_chart(d, b->u.chart, m->min_group);
  }
  return hidden;
}
