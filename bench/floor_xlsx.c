/* bench/floor_xlsx.c — the XLSX floor of bench/render_bench.sh: the rows of bench/render_bench.lua's query
 * written straight through libxlsxwriter (constant_memory, like Rapp), no layout engine: a bold
 * header row repeated on every printed page and frozen, one number format per column created
 * once, A4 with "Side &P av &N" in the footer, column widths set once.
 *   floor_xlsx SNAPSHOT SCRIPT.lua ROWS OUT.xlsx */
#include <xlsxwriter.h>

#include "floor_common.h"

int main(int argc, char **argv) {
  if (argc != 5) {
    fprintf(stderr, "usage: floor_xlsx SNAPSHOT SCRIPT.lua ROWS OUT.xlsx\n");
    return 2;
  }
  sqlite3 *db;
  sqlite3_stmt *st = floor_query(argv[1], argv[2], atol(argv[3]), &db);
  lxw_workbook_options wo = {.constant_memory = LXW_TRUE};
  lxw_workbook *wb = workbook_new_opt(argv[4], &wo);
  lxw_worksheet *ws = workbook_add_worksheet(wb, "Enheter");
  lxw_format *head = workbook_add_format(wb);
  format_set_bold(head);
  format_set_bg_color(head, 0xEDEFF5);
  format_set_bottom(head, LXW_BORDER_THIN);
  lxw_format *amount = workbook_add_format(wb);
  format_set_num_format(amount, "#,##0;[Red]\"\xE2\x88\x92\"#,##0");
  lxw_format *pct = workbook_add_format(wb);
  format_set_num_format(pct, "0.0%");
  lxw_format *dec = workbook_add_format(wb);
  format_set_num_format(dec, "#,##0.00");
  lxw_format *colfmt[FLOOR_NCOLS] = {NULL, NULL, amount, amount, amount, amount, pct, dec};
  worksheet_set_paper(ws, 9);
  worksheet_set_footer(ws, "&L&A&RSide &P av &N");
  worksheet_repeat_rows(ws, 0, 0);
  worksheet_freeze_panes(ws, 1, 0);
  for (lxw_col_t j = 0; j < FLOOR_NCOLS; j++) worksheet_set_column(ws, j, j, j < 2 ? 16 : 12, NULL);
  for (lxw_col_t j = 0; j < FLOOR_NCOLS; j++) worksheet_write_string(ws, 0, j, floor_titles[j], head);
  lxw_row_t r = 1;
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    worksheet_write_string(ws, r, 0, (const char *)sqlite3_column_text(st, 0), NULL);
    worksheet_write_string(ws, r, 1, (const char *)sqlite3_column_text(st, 1), NULL);
    for (lxw_col_t j = 2; j < FLOOR_NCOLS; j++) {
      double v = sqlite3_column_double(st, (int)j);
      worksheet_write_number(ws, r, j, j == 6 ? v / 100.0 : v, colfmt[j]);
    }
    r++;
  }
  if (rc != SQLITE_DONE) {
    fprintf(stderr, "query: %s\n", sqlite3_errmsg(db));
    return 1;
  }
  worksheet_autofilter(ws, 0, 0, r - 1, FLOOR_NCOLS - 1);
  sqlite3_finalize(st);
  sqlite3_close(db);
  return workbook_close(wb) == LXW_NO_ERROR ? 0 : 1;
}
