/* Unit tests of model/doc: arena ownership, inline markup, heading numbers, sums, formatting. */
#include <string.h>

#include "check.h"
#include "model/doc.h"

#define NB "\xC2\xA0"

int main(void) {
  doc *d = doc_new();
  doc_meta_of(d)->number_headings = 1;
  doc_add_heading(d, 1, "Økonomi");
  doc_add_heading(d, 2, "Drift");
  const doc_block *h = doc_add_heading(d, 2, "Investering");
  CHECK_STR(h->u.heading.number, "1.2");
  h = doc_add_heading(d, 1, "Sykefravær");
  CHECK_STR(h->u.heading.number, "2");
  CHECK_INT(h->u.heading.id, 3);
  CHECK_INT((long)doc_nheadings(d), 4);

  /* inline markup */
  doc_inline in = doc_parse_inline(d, "Det er **fet** og *kursiv* tekst, og 2 \\* 3");
  CHECK_INT((long)in.nruns, 5);
  CHECK_STR(in.runs[0].text, "Det er ");
  CHECK_STR(in.runs[1].text, "fet");
  CHECK_INT(in.runs[1].style, DOC_BOLD);
  CHECK_STR(in.runs[3].text, "kursiv");
  CHECK_INT(in.runs[3].style, DOC_ITALIC);
  CHECK_STR(in.runs[4].text, " tekst, og 2 * 3");
  in = doc_parse_inline(d, "***begge***");
  CHECK_INT((long)in.nruns, 1);
  CHECK_INT(in.runs[0].style, DOC_BOLD | DOC_ITALIC);
  in = doc_parse_inline(d, "");
  CHECK_INT((long)in.nruns, 0);

  /* strings are copied and invalid UTF-8 is replaced */
  char mutable_text[] = "Tromsø";
  char *copy = doc_strdup(d, mutable_text);
  mutable_text[0] = 'X';
  CHECK_STR(copy, "Tromsø");
  CHECK_STR(doc_strdup(d, "a\xFF" "b"), "a\xEF\xBF\xBD" "b");

  /* tables: subtotals and totals */
  doc_column cols[3] = {{.title = "Enhet", .type = DOC_COL_TEXT},
                        {.title = "Budsjett", .type = DOC_COL_AMOUNT, .thousands = 1, .sum = 1},
                        {.title = "Avvik i %", .type = DOC_COL_PERCENT, .decimals = -1}};
  doc_table *t = doc_add_table(d, cols, 3);
  for (int i = 0; i < 3; i++) {
    doc_row *r = doc_table_add_row(d, t, DOC_ROW_DATA);
    doc_cell_set_text(d, &r->cells[0], "Skole");
    doc_cell_set_number(&r->cells[1], 1000000.0 * (i + 1));
    doc_cell_set_number(&r->cells[2], -2.25);
  }
  doc_row *sub = doc_table_add_row(d, t, DOC_ROW_SUBTOTAL);
  sub->sum_first = 1;
  sub->sum_count = 2;
  doc_row *tot = doc_table_add_row(d, t, DOC_ROW_TOTAL);
  doc_table_compute_sums(t);
  CHECK_NUM(t->rows[3].cells[1].number, 5000000.0);
  CHECK_NUM(tot->cells[1].number, 6000000.0);
  CHECK_INT(tot->cells[2].kind, DOC_CELL_EMPTY);

  char buf[64];
  CHECK_STR(doc_format_cell(&t->cols[1], &t->rows[0].cells[1], buf, sizeof buf), "1" NB "000");
  CHECK_STR(doc_format_cell(&t->cols[2], &t->rows[0].cells[2], buf, sizeof buf), "\xE2\x88\x92" "2,3" NB "%");
  CHECK_STR(doc_format_cell(&t->cols[2], &tot->cells[2], buf, sizeof buf), "\xE2\x80\x93");
  CHECK_STR(doc_format_cell(&t->cols[0], &tot->cells[0], buf, sizeof buf), "");
  /* a cell's own decimals win over the column's */
  CHECK_INT(t->rows[0].cells[2].own_decimals, 0);
  t->rows[0].cells[2].own_decimals = 1;
  t->rows[0].cells[2].decimals = 2;
  CHECK_STR(doc_format_cell(&t->cols[2], &t->rows[0].cells[2], buf, sizeof buf), "\xE2\x88\x92" "2,25" NB "%");
  doc_cell date = {0};
  doc_cell_set_date(&date, 20261231);
  doc_column dc = {.type = DOC_COL_DATE};
  CHECK_STR(doc_format_cell(&dc, &date, buf, sizeof buf), "31.12.2026");

  /* many rows: the table's row array grows, blocks keep their addresses */
  doc_block *first = (doc_block *)doc_block_at(d, 0);
  for (int i = 0; i < 5000; i++) doc_add_paragraph(d, "Avsnitt");
  CHECK(doc_block_at(d, 0) == first);

  CHECK_INT(doc_status_from_code("unacceptable"), DOC_STATUS_UNACCEPTABLE);
  CHECK_INT(doc_status_from_code("rød"), -1);
  CHECK_STR(doc_status_label(DOC_STATUS_NOT_MEASURED), "Ikke målt");
  CHECK_STR(doc_status_symbol(DOC_STATUS_DESIRED), "●");
  doc_free(d);
  doc_free(NULL);
  return check_summary();
}
