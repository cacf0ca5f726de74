/* Unit tests of model/suppress.c: the personvern rule (primary) and secondary suppression by row
 * and by column, the blanking of suppressed cells, the edition switch and the marking text. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../check.h"
#include "model/chart.h"
#include "model/doc.h"
#include "model/suppress.h"

/* A DATA row of counts; persons < 0 means "not about persons" (no persons recorded). */
static doc_row *add_counts(doc *d, doc_table *t, const char *label, const double *v, int about) {
  doc_row *r = doc_table_add_row(d, t, DOC_ROW_DATA);
  doc_cell_set_text(d, &r->cells[0], label);
  for (size_t c = 1; c < t->ncols; c++) {
    doc_cell_set_number(&r->cells[c], v[c - 1]);
    if (about) {
      r->cells[c].has_persons = 1;
      r->cells[c].persons = v[c - 1];
    }
  }
  return r;
}

static size_t hidden_in_row(const doc_table *t, size_t r) {
  size_t n = 0;
  for (size_t c = 0; c < t->ncols; c++) n += t->rows[r].cells[c].suppressed != 0;
  return n;
}

static size_t hidden_in_data_column(const doc_table *t, size_t c) {
  size_t n = 0;
  for (size_t r = 0; r < t->nrows; r++)
    n += t->rows[r].kind == DOC_ROW_DATA && t->rows[r].cells[c].suppressed != 0;
  return n;
}

static int is_colon(const doc_cell *c) {
  return c->kind == DOC_CELL_TEXT && c->text && strcmp(c->text, ":") == 0 && c->number == 0;
}

static void test_rule(void) {
  CHECK_INT(suppress_rule(3, 7.5, 5), 1);   /* sick leave of 3 employees */
  CHECK_INT(suppress_rule(4, 4, 5), 1);     /* a count of 4 cases */
  CHECK_INT(suppress_rule(5, 5, 5), 0);     /* k itself is shown */
  CHECK_INT(suppress_rule(0, 0, 5), 0);     /* a count of none reveals no one */
  CHECK_INT(suppress_rule(0, 4.2, 5), 1);   /* a figure resting on nobody known */
  CHECK_INT(suppress_rule(2, 2, 2), 0);
}

/* One column of counts with a total: the smallest after the hidden one goes too. */
static void test_column(void) {
  doc *d = doc_new();
  doc_column cols[2] = {{.title = "Kategori", .type = DOC_COL_TEXT},
                        {.title = "Antall", .type = DOC_COL_INTEGER, .sum = 1, .personal = 1}};
  doc_table *t = doc_add_table(d, cols, 2);
  add_counts(d, t, "a", (double[]){12}, 1);
  add_counts(d, t, "b", (double[]){3}, 1);
  add_counts(d, t, "c", (double[]){20}, 1);
  add_counts(d, t, "d", (double[]){8}, 1);
  add_counts(d, t, "e", (double[]){6}, 0); /* not about persons: a complement only after the rest */
  doc_table_add_row(d, t, DOC_ROW_TOTAL)->label = "Sum";
  doc_table_compute_sums(t);
  CHECK_INT(doc_suppress_table(d, t, 5), 2);
  CHECK_INT(t->rows[1].cells[1].suppressed, 1); /* 3: primary */
  CHECK_INT(t->rows[3].cells[1].suppressed, 2); /* 8: next-smallest about persons, not e's 6 */
  CHECK_INT(t->rows[0].cells[1].suppressed + t->rows[2].cells[1].suppressed +
                t->rows[4].cells[1].suppressed + t->rows[5].cells[1].suppressed, 0);
  CHECK(is_colon(&t->rows[1].cells[1]) && is_colon(&t->rows[3].cells[1]));
  /* the total stays, as a value (no formula that would sum the shown cells) */
  CHECK_INT(t->rows[5].cells[1].kind, DOC_CELL_NUMBER);
  CHECK_NUM(t->rows[5].cells[1].number, 49);
  CHECK_INT(t->cols[1].sum, 0);
  /* recomputing: the total minus the shown cells gives the sum of two hidden ones, not one */
  CHECK_NUM(49 - 12 - 20 - 6, 3 + 8);
  CHECK_STR(t->note, ": Vises ikke av personvernhensyn.");
  doc_free(d);
}

/* Women, men, total per unit, with a total row: a hidden cell takes a second one in its row and
 * its column, until every row and column hides none or at least two. */
static void test_row_and_column(void) {
  doc *d = doc_new();
  doc_column cols[4] = {{.title = "Enhet", .type = DOC_COL_TEXT},
                        {.title = "Kvinner", .type = DOC_COL_INTEGER, .sum = 1, .personal = 1},
                        {.title = "Menn", .type = DOC_COL_INTEGER, .sum = 1, .personal = 1},
                        {.title = "I alt", .type = DOC_COL_INTEGER, .sum = 1, .personal = 1}};
  doc_table *t = doc_add_table(d, cols, 4);
  t->note = doc_strdup(d, "Ansatte per enhet.");
  add_counts(d, t, "A", (double[]){3, 40, 43}, 1);
  add_counts(d, t, "B", (double[]){10, 12, 22}, 1);
  add_counts(d, t, "C", (double[]){30, 25, 55}, 1);
  doc_table_add_row(d, t, DOC_ROW_TOTAL)->label = "Sum";
  doc_table_compute_sums(t);
  size_t n = doc_suppress_table(d, t, 5);
  CHECK_INT(t->rows[0].cells[1].suppressed, 1);
  CHECK(n >= 4);
  for (size_t r = 0; r < 3; r++) {
    size_t h = hidden_in_row(t, r);
    CHECK(h == 0 || h >= 2);
  }
  for (size_t c = 1; c < 4; c++) {
    size_t h = hidden_in_data_column(t, c);
    CHECK(h == 0 || h >= 2);
  }
  /* the smallest complements: A's men (40 < 43) in the row, B's women (10) in the column */
  CHECK_INT(t->rows[0].cells[2].suppressed, 2);
  CHECK_INT(t->rows[1].cells[1].suppressed, 2);
  CHECK_INT(t->rows[0].cells[3].suppressed, 0);
  CHECK_STR(t->note, "Ansatte per enhet. : Vises ikke av personvernhensyn.");
  doc_free(d);
}

/* part_of: registered = closed + open. A hidden open takes closed (smaller than registered); a
 * column "high" not in the relation stands alone in its row. */
static void test_part_of(void) {
  doc *d = doc_new();
  doc_column cols[5] = {{.title = "Kategori", .type = DOC_COL_TEXT},
                        {.title = "Registrert", .type = DOC_COL_INTEGER, .personal = 1},
                        {.title = "Høy", .type = DOC_COL_INTEGER, .personal = 1},
                        {.title = "Lukket", .type = DOC_COL_INTEGER, .personal = 1, .part_of = 2},
                        {.title = "Åpne", .type = DOC_COL_INTEGER, .personal = 1, .part_of = 2}};
  doc_table *t = doc_add_table(d, cols, 5);
  add_counts(d, t, "pasient", (double[]){11, 6, 9, 2}, 1);
  add_counts(d, t, "HMS", (double[]){40, 7, 30, 10}, 0);
  doc_suppress_table(d, t, 5);
  CHECK_INT(t->rows[0].cells[4].suppressed, 1); /* open 2 */
  CHECK_INT(t->rows[0].cells[3].suppressed, 2); /* closed 9, not registered 11 */
  CHECK_INT(t->rows[0].cells[1].suppressed, 0);
  CHECK_INT(t->rows[0].cells[2].suppressed, 0); /* high: not part of the relation, 6 >= 5 */
  /* the column complements come from HMS, the only other row (not about persons) */
  CHECK_INT(t->rows[1].cells[4].suppressed, 2);
  CHECK_INT(t->rows[1].cells[3].suppressed, 2);
  doc_free(d);
}

/* Sick leave: percentages resting on a persons count; a row without persons is no subject. */
static void test_persons_field(void) {
  doc *d = doc_new();
  doc_column cols[3] = {{.title = "Enhet", .type = DOC_COL_TEXT},
                        {.title = "Totalt", .type = DOC_COL_PERCENT, .decimals = 1, .personal = 1},
                        {.title = "Mål", .type = DOC_COL_PERCENT, .decimals = 1}};
  doc_table *t = doc_add_table(d, cols, 3);
  double pct[] = {7.6, 5.2, 9.9, 6.1}, persons[] = {3, 14, 6, -1};
  for (size_t i = 0; i < 4; i++) {
    doc_row *r = doc_table_add_row(d, t, DOC_ROW_DATA);
    doc_cell_set_text(d, &r->cells[0], "enhet");
    doc_cell_set_number(&r->cells[1], pct[i]);
    doc_cell_set_number(&r->cells[2], 6.0);
    if (persons[i] >= 0) r->cells[1].has_persons = 1, r->cells[1].persons = persons[i];
  }
  t->rows[0].cells[1].status = DOC_STATUS_UNACCEPTABLE;
  CHECK_INT(doc_suppress_table(d, t, 5), 2);
  CHECK_INT(t->rows[0].cells[1].suppressed, 1);
  CHECK_INT(t->rows[2].cells[1].suppressed, 2); /* 6 persons: the next-smallest */
  CHECK_INT(t->rows[0].cells[1].status, DOC_STATUS_NONE); /* no colour gives it away */
  CHECK_INT(t->rows[0].cells[2].suppressed, 0);            /* the goal is not about persons */
  CHECK_NUM(t->rows[0].cells[2].number, 6.0);
  doc_free(d);
}

static void test_edition(void) {
  for (int internal = 0; internal <= 1; internal++) {
    doc *d = doc_new();
    doc_meta_of(d)->internal = internal;
    doc_meta_of(d)->min_group = 3;
    doc_column cols[2] = {{.title = "K", .type = DOC_COL_TEXT},
                          {.title = "N", .type = DOC_COL_INTEGER, .personal = 1}};
    doc_table *t = doc_add_table(d, cols, 2);
    add_counts(d, t, "a", (double[]){2}, 1);
    add_counts(d, t, "b", (double[]){3}, 1);
    add_counts(d, t, "c", (double[]){4}, 1);
    CHECK_INT(doc_apply_edition(d), internal ? 0 : 2); /* k = 3: 2 hidden, then 3 */
    CHECK_INT(t->rows[0].cells[1].kind, internal ? DOC_CELL_NUMBER : DOC_CELL_TEXT);
    char buf[256];
    const char *mark = doc_marking_text(doc_meta_get(d), buf, sizeof buf);
    if (internal)
      CHECK_STR(mark, "Unntatt offentlighet, offl. \u00A7 13");
    else
      CHECK(mark == NULL);
    doc_meta_of(d)->partial = 1;
    doc_meta_of(d)->cutoff_date = "2026-08-31";
    mark = doc_marking_text(doc_meta_get(d), buf, sizeof buf);
    CHECK_STR(mark, internal ? "Unntatt offentlighet, offl. \u00A7 13 \u00B7 Foreløpig \u2014 data til og med 31.08.2026"
                             : "Foreløpig \u2014 data til og med 31.08.2026");
    doc_free(d);
  }
}

/* Key figures and charts: the primary rule in the public edition, nothing in the internal one. */
static void test_keyfigures_and_charts(void) {
  for (int internal = 0; internal <= 1; internal++) {
    doc *d = doc_new();
    doc_meta_of(d)->internal = internal;
    doc_meta_of(d)->min_group = 5;
    doc_block *b = doc_add(d, DOC_KEYFIGURES);
    b->u.keyfigures.items = doc_alloc(d, 3 * sizeof *b->u.keyfigures.items);
    b->u.keyfigures.nitems = 3;
    doc_keyfigure *k = b->u.keyfigures.items;
    double v[3] = {7.3, 6.1, 4.2}, n[3] = {3, 40, NAN}; /* the third is not about persons */
    for (int i = 0; i < 3; i++) {
      k[i].label = "Sykefrav\u00E6r";
      k[i].comparison = "I fjor 5,0 %";
      doc_cell_set_number(&k[i].value, v[i]);
      k[i].value.has_persons = !isnan(n[i]);
      k[i].value.persons = isnan(n[i]) ? 0 : n[i];
    }
    const char *cats[3] = {"A", "B", "C"};
    doc_chart *c = doc_add_chart(d, DOC_CHART_COLUMN, "Fravær", cats, 3);
    doc_chart_series *s = doc_chart_add_series(d, c, "2026", v, 3);
    s->persons = doc_alloc(d, 3 * sizeof *s->persons);
    for (int i = 0; i < 3; i++) s->persons[i] = n[i];
    doc_chart_add_series(d, c, "Ikke personer", v, 3); /* no persons: never hidden */
    c->show_table = 1;
    CHECK_INT(doc_chart_finish(d, c, NULL), 0);
    CHECK_INT(doc_apply_edition(d), internal ? 0 : 2);
    CHECK_INT(is_colon(&k[0].value), !internal);
    CHECK_INT(k[0].value.suppressed, !internal);
    CHECK_STR(k[0].comparison, internal ? "I fjor 5,0 %" : ": Vises ikke av personvernhensyn.");
    CHECK(k[1].value.kind == DOC_CELL_NUMBER && k[2].value.kind == DOC_CELL_NUMBER);
    CHECK_INT(isnan(s->values[0]), !internal);
    CHECK(s->values[1] == 6.1 && s->values[2] == 4.2 && c->series[1].values[0] == 7.3);
    if (internal) {
      CHECK(s->suppressed == NULL && c->source == NULL);
    } else {
      CHECK(s->suppressed && s->suppressed[0] == 1 && s->suppressed[1] == 0);
      CHECK_STR(c->source, ": Vises ikke av personvernhensyn.");
    }
    /* the data table (PDF show_table, HTML, text dump) */
    doc_cell cell;
    doc_chart_value_cell(c, 0, 0, &cell);
    CHECK_INT(is_colon(&cell), !internal);
    CHECK(c->table && (c->table->rows[0].cells[1].kind == (internal ? DOC_CELL_NUMBER : DOC_CELL_TEXT)));
    CHECK_INT(c->table->rows[0].cells[1].suppressed, !internal);
    doc_free(d);
  }
}

/* A chart that repeats a table's cells (doc_chart.from) hides what the table hides, the secondary
 * cells too, even when the chart comes before the table; doc_table_hidden tells the same cells
 * before the edition and leaves the table as it was; a generated summary is dropped only when it
 * did not leave a hidden value out. */
static void test_chart_of_table(void) {
  for (int internal = 0; internal <= 1; internal++) {
    doc *d = doc_new();
    doc_meta_of(d)->internal = internal;
    doc_meta_of(d)->min_group = 5;
    const char *cats[2] = {"T1", "T2"};
    doc_chart *c = doc_add_chart(d, DOC_CHART_COLUMN, "Avvik", cats, 2); /* before its table */
    doc_column cols[3] = {{.title = "Kategori", .type = DOC_COL_TEXT},
                          {.title = "T1", .type = DOC_COL_INTEGER, .sum = 1, .personal = 1},
                          {.title = "T2", .type = DOC_COL_INTEGER, .sum = 1, .personal = 1}};
    doc_table *t = doc_add_table(d, cols, 3);
    add_counts(d, t, "HMS", (double[]){40, 31}, 0);
    add_counts(d, t, "Pasient", (double[]){2, 173}, 1);
    add_counts(d, t, "Personvern", (double[]){231, 297}, 1);
    doc_table_add_row(d, t, DOC_ROW_TOTAL)->label = "Sum";
    /* asked before the edition: Pasient's 2 (primary), its 173 (row), Personvern's 231 and 297 */
    unsigned char mask[12];
    CHECK_INT(doc_table_hidden(d, t, 5, mask), 4);
    CHECK(mask[1 * 3 + 1] && mask[1 * 3 + 2] && mask[2 * 3 + 1] && mask[2 * 3 + 2] && !mask[0 * 3 + 1]);
    CHECK_INT(hidden_in_row(t, 1), 0); /* only asked: nothing marked */
    CHECK(t->rows[1].cells[2].kind == DOC_CELL_NUMBER && t->rows[1].cells[2].number == 173);
    c->from = t;
    c->summary = "Pasient: 173";
    c->summary_generated = 1;
    for (size_t r = 0; r < 3; r++) { /* one series per data row, the two tertials its categories */
      double v[2] = {t->rows[r].cells[1].number, t->rows[r].cells[2].number};
      doc_chart_series *s = doc_chart_add_series(d, c, t->rows[r].cells[0].text, v, 2);
      s->cell_row = doc_alloc(d, 2 * sizeof *s->cell_row);
      s->cell_col = doc_alloc(d, 2 * sizeof *s->cell_col);
      for (size_t i = 0; i < 2; i++) s->cell_row[i] = r, s->cell_col[i] = i + 1;
    }
    c->show_table = 1;
    CHECK_INT(doc_chart_finish(d, c, NULL), 0);
    CHECK_INT(doc_apply_edition(d), internal ? 0 : 8);
    for (size_t r = 0; r < 3; r++)
      for (size_t i = 0; i < 2; i++) {
        int hide = !internal && r > 0;
        CHECK_INT(t->rows[r].cells[i + 1].suppressed != 0, hide);
        CHECK_INT(isnan(c->series[r].values[i]), hide);
        CHECK_INT(c->table->rows[i].cells[r + 1].suppressed, hide);
      }
    CHECK_INT(t->rows[2].cells[1].suppressed, internal ? 0 : 2); /* 231 by secondary only */
    /* the summary quoted values it did not leave out: gone in the public edition */
    CHECK(internal ? c->summary != NULL : c->summary == NULL);
    CHECK_INT(doc_apply_edition(d), 0); /* applied twice, nothing more: the notes once */
    CHECK(internal || strcmp(c->source, ": Vises ikke av personvernhensyn.") == 0);
    doc_free(d);
  }
}

int main(void) {
  test_rule();
  test_column();
  test_row_and_column();
  test_part_of();
  test_persons_field();
  test_edition();
  test_keyfigures_and_charts();
  test_chart_of_table();
  return check_summary();
}
