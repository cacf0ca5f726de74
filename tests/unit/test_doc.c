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
  /* a summed column without one figure totals to no figure ("–"), not 0 */
  doc_column prognosis[1] = {{.title = "Prognose", .type = DOC_COL_AMOUNT, .sum = 1}};
  doc_table *t0 = doc_add_table(d, prognosis, 1);
  doc_table_add_row(d, t0, DOC_ROW_DATA);
  doc_row *tot0 = doc_table_add_row(d, t0, DOC_ROW_TOTAL);
  doc_table_compute_sums(t0);
  CHECK_INT(tot0->cells[0].kind, DOC_CELL_EMPTY);

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
  /* provenance: the lines every output shows, and the preliminary marking */
  {
    doc *pd = doc_new();
    doc_meta *m = doc_meta_of(pd);
    m->title = "Tertialrapport";
    m->report_name = "kvartalsrapport";
    m->period_label = "3. tertial 2026";
    m->as_of_date = "2026-12-31";
    m->snapshot_name = "fjordvik.db";
    m->cutoff_date = "2026-09-30";
    m->snapshot_sha256 = "98923938a6808d1c0d2b3a8f1e0c9b7a6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a";
    m->created = 1790000000; /* 2026-09-21 UTC */
    char pbuf[128];
    CHECK(doc_preliminary_text(m, pbuf, sizeof pbuf) == NULL);
    m->partial = 1;
    CHECK_STR(doc_preliminary_text(m, pbuf, sizeof pbuf),
              "Foreløpig \xE2\x80\x94 data til og med 30.09.2026");
    doc_about_line lines[DOC_ABOUT_MAX];
    size_t n = doc_about_lines(m, lines);
    const char *want[][2] = {{"Rapport", "Tertialrapport (kvartalsrapport)"},
                             {"Laget med", "Rapp " RAPP_VERSION},
                             {"Periode", "3. tertial 2026"},
                             {"Per dato", "31.12.2026"},
                             {"Status", "Foreløpig \xE2\x80\x94 data til og med 30.09.2026"},
                             {"Datagrunnlag", "fjordvik.db"},
                             {"Datagrunnlag per", "30.09.2026"},
                             {"Kontrollsum (SHA-256)", "98923938a680"},
                             {"Parametere", "ingen"},
                             {"Utgave", "Offentlig"},
                             {"Produsert", "21.09.2026"}};
    CHECK_INT(n, sizeof want / sizeof want[0]);
    for (size_t i = 0; i < n && i < sizeof want / sizeof want[0]; i++) {
      CHECK_STR(lines[i].label, want[i][0]);
      CHECK_STR(lines[i].value, want[i][1]);
    }
    CHECK_INT(lines[3].date, 20261231);
    CHECK_INT(lines[n - 1].created, 1);
    CHECK_INT(doc_iso_date("2026-02-30"), 0);
    CHECK(!doc_has_status(pd));
    doc_column col = {.title = "A", .decimals = -1};
    doc_table *pt = doc_add_table(pd, &col, 1);
    doc_row *row = doc_table_add_row(pd, pt, DOC_ROW_DATA);
    CHECK(!doc_has_status(pd));
    row->cells[0].status = DOC_STATUS_ACCEPTABLE;
    CHECK(doc_has_status(pd));
    doc_free(pd);
  }
  return check_summary();
}
