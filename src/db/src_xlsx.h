/* db/src_xlsx.h — the spreadsheet reader of `rapp import` (owned by the import; db_import.c):
 * an Excel workbook (.xlsx, Office Open XML) read as rows of cells, so that `TABLE.xlsx` can
 * stand in for `TABLE.csv`.
 *
 * The container is read with libzip and every part with libxml2's stream reader: the sheet is
 * never held whole in memory, only the shared strings are. Read: xl/workbook.xml (the sheets,
 * the 1904 date system flag), its relationships, xl/sharedStrings.xml, xl/styles.xml (which
 * cell styles are dates) and one sheet: the one named like the table when there is one, else
 * the first. Formatting, formulas (their cached value is read), comments and other sheets are
 * ignored.
 * Refused, with a message that names the file's fault: not a zip, an encrypted part, a part
 * larger than SRC_XLSX_MAX_PART_BYTES or compressed more than SRC_XLSX_MAX_RATIO times (a zip bomb), a
 * relationship target outside the package, a DOCTYPE (no entity expansion is ever done), a cell
 * reference outside the sheet, a shared string index out of range.
 * Usage: src_xlsx_open, then src_xlsx_next_row until it returns 0; cells are valid until the next call.
 * src_xlsx_close frees everything and accepts NULL. */
#ifndef RAPP_DB_SRC_XLSX_H
#define RAPP_DB_SRC_XLSX_H

#include <stddef.h>

#include "util/err.h"

/* Largest uncompressed part read (the sheet is streamed, the shared strings are kept). */
#define SRC_XLSX_MAX_PART_BYTES ((size_t)1 << 30)
/* Largest ratio of uncompressed to compressed size for a part above 1 MiB. Real sheets are
 * compressed 5-30 times; a zip bomb thousands of times. */
#define SRC_XLSX_MAX_RATIO 200
/* Excel's own limits on a sheet. */
#define SRC_XLSX_MAX_ROWS 1048576L
#define SRC_XLSX_MAX_COLS 16384

typedef enum src_xlsx_type {
  SRC_XLSX_TEXT,   /* shared, inline or formula string; also an ISO date cell (t="d") */
  SRC_XLSX_NUMBER, /* num; not formatted as a date */
  SRC_XLSX_DATE,   /* num is a serial date (already in the 1900 system: 1904 files are shifted) */
  SRC_XLSX_BOOL,   /* num is 0 or 1 */
  SRC_XLSX_ERROR   /* text is the error value: "#DIV/0!", "#N/A", ... */
} src_xlsx_type;

typedef struct src_xlsx_cell {
  int col;          /* 0-based: A = 0 */
  src_xlsx_type type;
  const char *text; /* SRC_XLSX_TEXT, SRC_XLSX_ERROR: NUL-terminated, len bytes (may hold NULs) */
  size_t len;
  double num;       /* SRC_XLSX_NUMBER, SRC_XLSX_DATE, SRC_XLSX_BOOL */
} src_xlsx_cell;

typedef struct src_xlsx_reader src_xlsx_reader;

/* Opens the workbook at path (a regular file of at most max_bytes) and the sheet named sheet
 * (compared without case; NULL or not found: the first sheet). -1 with err on failure; the
 * message leaves the path out for the caller to put first. */
int src_xlsx_open(src_xlsx_reader **out, const char *path, size_t max_bytes, const char *sheet,
              rapp_err *err);
/* The name of the sheet being read. */
const char *src_xlsx_sheet_name(const src_xlsx_reader *r);
/* Advances to the next row that has at least one cell with a value: 1 = a row (*row is its
 * 1-based number in the sheet, cells[0..*n) in column order, empty cells left out), 0 = end,
 * -1 = the sheet cannot be read further (err says why, *row is where). */
int src_xlsx_next_row(src_xlsx_reader *r, long *row, const src_xlsx_cell **cells, size_t *n, rapp_err *err);
void src_xlsx_close(src_xlsx_reader *r);

/* Writes a column's letters ("A", "AB") for a 0-based column into out (at least 4 bytes).
 * In src_xlsx_col.c, which rapp itself links too (db_model.c). */
void src_xlsx_col_name(int col, char out[4]);
/* A serial date (1900 system) as ISO 'YYYY-MM-DD' (the time of day dropped). -1 when it is not a
 * date Excel shows: before 1900-01-01, the fictitious 1900-02-29 (serial 60), after 9999. */
int src_xlsx_serial_date(double serial, char iso[11]);

#endif
