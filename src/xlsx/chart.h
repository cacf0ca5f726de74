/* xlsx/chart.h — a chart block (model/chart.h) in a worksheet: its data as a small table of real
 * numbers (the text alternative, always written) and a native Excel chart of the same kind over
 * exactly those cells, so the user can restyle it in Excel. docs/charts.md has the mapping and the
 * fallbacks libxlsxwriter 1.1.4 forces (no combined charts: bands and reference lines). */
#ifndef RAPP_XLSX_CHART_H
#define RAPP_XLSX_CHART_H

#include <xlsxwriter.h>

#include "model/chart.h"
#include "util/err.h"

/* Cell formats the renderer shares with its tables; any may be NULL (a plain one is made). */
typedef struct xlsx_chart_formats {
  lxw_format *title;   /* the chart title above the table (bold) */
  lxw_format *note;    /* summary and notes (italic or plain) */
  lxw_format *header;  /* header row of the data table (bold, bottom border) */
  int keep_widths;     /* 1 = leave column widths alone (the sheet's tables set them) */
  const char *language; /* the document's ("nb", "nn", "se"; NULL: nb) for the fixed words */
} xlsx_chart_formats;

/* Writes, from (row, col) down, strictly top to bottom (so constant_memory sheets work):
 *   the title; the summary (if any); a header row (category axis title, series names, reference
 *   line labels, limit labels); one row per category with the values (percent as fractions, as in
 *   the renderer's tables; NaN as an empty cell); a note row per reference line or band that the
 *   chart cannot show natively; column widths fitted to the labels unless fmt->keep_widths;
 * and inserts the native chart to the right of the table (at `col` + columns + 1, top at `row`).
 * *rows_used receives how many rows from `row` the table and the chart cover, so the caller
 * continues below both. fmt may be NULL. Returns 0, or -1 with err naming the chart and the
 * libxlsxwriter error. The chart must have passed doc_chart_finish. */
int xlsx_chart_write(lxw_workbook *wb, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                     const doc_chart *c, const xlsx_chart_formats *fmt, lxw_row_t *rows_used,
                     rapp_err *err);

#endif
