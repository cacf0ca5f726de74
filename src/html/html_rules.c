/* html/html_rules.c — the one place the HTML renderer reads the presentation rules every output
 * shares: cell text, status words, symbols and colours, merged runs, unit notes and the production
 * date. Each function delegates to the shared model (model/doc.h, model/chart.h); the renderer
 * decides none of these itself. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "html/html_int.h"
#include "util/nofmt.h"

html_status_style html_rule_status(doc_status s) {
  /* Fills as in the PDF (pdf_page.c); text #1A1A1A on each is at least 5.1:1. The strong colour
   * is the chart's status colour (model/chart.h). */
  static const uint32_t fills[] = {0xFFFFFF, 0xD4EDD8, 0xF2C849, 0xE06666, 0xE3E5E8, 0xE3E5E8};
  html_status_style st = {doc_status_code(s), doc_status_label(s), doc_status_symbol(s), 0xFFFFFF,
                          doc_chart_status_color(s)};
  if ((unsigned)s < sizeof fills / sizeof fills[0]) st.fill = fills[s];
  return st;
}

void html_rule_cell_text(const doc_table *t, size_t r, size_t c, char *buf, size_t n) {
  const doc_row *row = &t->rows[r];
  if (c == 0 && row->label && row->cells[0].kind == DOC_CELL_EMPTY &&
      (row->kind == DOC_ROW_SUBTOTAL || row->kind == DOC_ROW_TOTAL)) {
    snprintf(buf, n, "%s", row->label);
    return;
  }
  doc_format_cell(&t->cols[c], &row->cells[c], buf, n);
}

int html_rule_right_aligned(const doc_column *col) {
  return col->align == DOC_ALIGN_RIGHT || (col->align == DOC_ALIGN_AUTO && col->type != DOC_COL_TEXT);
}

/* Two DATA rows' cells are one run when they read the same and carry the same status. */
static int same_cell(const doc_table *t, size_t a, size_t b, size_t c) {
  char x[512], y[512];
  if (t->rows[a].kind != DOC_ROW_DATA || t->rows[b].kind != DOC_ROW_DATA) return 0;
  if (t->rows[a].cells[c].status != t->rows[b].cells[c].status) return 0;
  html_rule_cell_text(t, a, c, x, sizeof x);
  html_rule_cell_text(t, b, c, y, sizeof y);
  return strcmp(x, y) == 0;
}

size_t html_rule_merge_span(const doc_table *t, size_t r, size_t c) {
  if (!t->cols[c].merge_repeats || t->rows[r].kind != DOC_ROW_DATA) return 1;
  if (r > 0 && same_cell(t, r - 1, r, c)) return 0;
  size_t n = 1;
  while (r + n < t->nrows && same_cell(t, r, r + n, c)) n++;
  return n;
}

const char *html_rule_unit_note(const doc_table *t) {
  return t->unit_note;
}

int html_rule_negative(const doc_column *col, const doc_cell *cell) {
  return col->mark_negative && cell->kind == DOC_CELL_NUMBER && cell->number < 0 &&
         nofmt_round(col->type == DOC_COL_AMOUNT && col->thousands ? cell->number / 1000 : cell->number,
                     cell->own_decimals ? cell->decimals
                     : col->decimals >= 0 ? col->decimals
                                          : doc_default_decimals(col->type)) != 0;
}

void html_rule_production_date(const doc_meta *m, int longform, char *buf, size_t n) {
  time_t t = (time_t)m->created;
  struct tm tm;
  if (!gmtime_r(&t, &tm)) memset(&tm, 0, sizeof tm);
  int32_t ymd = (tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday;
  if (longform)
    nofmt_date_long(buf, n, ymd);
  else
    nofmt_date(buf, n, ymd);
}

void html_rule_keyfigure_text(const doc_keyfigure *k, char *buf, size_t n) {
  doc_format_keyfigure(k, buf, n);
}
