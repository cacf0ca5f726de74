/* xlsx/xlsx.h — the XLSX renderer: a doc becomes a workbook a controller can keep working in
 * (native numbers and dates with number formats, one sheet per chapter or per table, frozen and
 * filtered headers, outline groups with SUBTOTAL formulas, status fills with symbol and word).
 * docs/xlsx.md describes the mapping. The small pure helpers are public for the unit tests. */
#ifndef RAPP_XLSX_XLSX_H
#define RAPP_XLSX_XLSX_H

#include <stddef.h>

#include "model/doc.h"
#include "util/err.h"

typedef struct xlsx_options {
  /* 1 = libxlsxwriter's constant_memory mode: each row is streamed to a temporary file in the
   * output folder as soon as the next row starts, so memory stays flat for 100 000-row tables.
   * The renderer writes every sheet strictly top to bottom, so both modes give the same cells;
   * the default (xlsx_renderer) uses 1. */
  int constant_memory;
} xlsx_options;

/* Writes d to path (overwriting it). Returns 0, or -1 with err naming the table, row, column or
 * sheet at fault. Requires LC_NUMERIC "C" (libxlsxwriter prints numbers through the locale). */
int xlsx_render(const doc *d, const char *path, const xlsx_options *opt, rapp_err *err);

/* The zlib level xlsx_render deflates a workbook's parts at (libxlsxwriter 1.1.4 always asks for
 * zlib's default, 6, and has no option for it: xlsx_lxw.c passes this one on). Level 3 deflates
 * the quarterly report's XML in about 60 % of level 6's time for a file about 13 % larger;
 * the cells are the same (docs/xlsx.md). */
enum { XLSX_ZIP_LEVEL = 3 };
/* The workbook parts deflated at XLSX_ZIP_LEVEL so far in this process (for the tests: 0 after an
 * xlsx_render means the level was not applied). */
unsigned long xlsx_zip_parts(void);

/* The Excel number format code (en-US syntax, which Excel and LibreOffice localise) of a column
 * type: "#,##0;[Red]\"−\"#,##0" etc. Percent formats expect the fraction (0.125 for 12,5 %).
 * Returns "" for DOC_COL_TEXT (General). Writes at most n bytes; returns buf. */
char *xlsx_number_format(doc_col_type type, int decimals, int thousands, char *buf, size_t n);
/* The same with the choices a table cell makes: mark_negative 1 = negatives red (deviations),
 * 0 = a plain true minus (an income budget is negative by convention, not a warning); unit =
 * NULL/"" or a unit shown after the number in every section (" dager" -> #,##0" dager"; the
 * caller guarantees no '"' in it: doc_cell.unit is checked when the script sets it). */
char *xlsx_number_format_ex(doc_col_type type, int decimals, int thousands, int mark_negative,
                            const char *unit, char *buf, size_t n);

/* A valid, unique sheet name derived from text: Excel's forbidden characters handled ('/' and '\\'
 * become '-', '[' ']' become '(' ')', ':' '*' '?' are dropped), control characters dropped, leading/trailing spaces and apostrophes trimmed, cut to 31
 * code points at a character boundary; empty -> fallback; "History" and names already in
 * taken[0..ntaken) (compared case-insensitively, Latin letters incl. ÆØÅ and Sámi) get a suffix
 * " (2)", " (3)" ... Writes into out (n >= 128 bytes always fits). */
char *xlsx_sheet_name(const char *text, const char *fallback, const char *const *taken,
                      size_t ntaken, char *out, size_t n);

/* Width of a text in Excel character units: UTF-8 code points, counting each line of a
 * multi-line text separately and returning the longest. */
size_t xlsx_text_width(const char *s);

#endif
