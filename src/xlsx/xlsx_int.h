/* xlsx/xlsx_int.h — internal to the XLSX renderer (src/xlsx/xlsx_*.c), split by object:
 *   xlsx_render.c  the entry: two passes (a dry run that plans and validates, then the real run),
 *                  blocks, charts and images, page setup
 *   xlsx_plan.c    the workbook plan: sheets, table column plans, column widths
 *   xlsx_table.c   a table (and key figures) in a sheet: headers, cells, merges, sums
 *   xlsx_about.c   the "Om rapporten" sheet: provenance, contents, notes
 *   xlsx_write.c   the one error style (xl_fail), the format cache, checked writes, text lines
 *   xlsx_lxw.c     the zip's deflate level and libxlsxwriter 1.1.4's control-character test
 * xlsx/chart.c writes a chart's data table and native chart. docs/xlsx.md is the user-facing
 * description. */
#ifndef RAPP_XLSX_XLSX_INT_H
#define RAPP_XLSX_XLSX_INT_H

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "model/chart.h"
#include "model/present.h"
#include "util/buf.h"
#include "util/nofmt.h"
#include "util/utf8.h"
#include "xlsx/xlsx.h"

enum {
  XL_MAX_ROWS = 1048576,
  XL_MAX_COLS = 16384,
  XL_MAX_CELL = 32767,   /* characters per cell */
  WIDTH_MIN = 6,         /* column widths in Excel character units */
  WIDTH_MAX = 60,
  HEADER_WIDTH_MAX = 24, /* longer header titles wrap instead of widening the column */
  FREEZE_MAX_ROW = 16,   /* do not freeze panes below this row: the frozen part would fill the screen */
  SAMPLE_ROWS = 5000,    /* rows sampled when fitting column widths */
  WIDE_SHEET = 110       /* sheets wider than this (characters) print in landscape */
};
/* Text is narrower than its count of character units (the width of '0'): ordinary words take
 * about 0.85 of it in Calibri and LibreOffice's default. Used when deciding to wrap and when
 * estimating the lines a wrapped text needs, so rows are not made taller than they show. */
#define TEXT_FIT 1.15
#define NO_SHEET ((size_t)-1)
#define ROW_HEIGHT 15.0

/* ---- format cache ----------------------------------------------------------------------- */

enum { BORDER_NONE, BORDER_HEADER, BORDER_SUBTOTAL, BORDER_TOTAL };
enum { FILL_NONE, FILL_HEADER, FILL_GROUP };
enum { AL_DEFAULT, AL_LEFT, AL_CENTER, AL_RIGHT, AL_ACROSS };

typedef struct fkey {
  char num[160];           /* number format code, "" = General (units can make it long) */
  unsigned char bold, italic, size, status, border, fill, align, wrap, top, link;
} fkey;

typedef struct fentry {
  fkey key;
  lxw_format *f;
} fentry;

/* A table cell's format by what decides it (xlsx_table.c's cell_fmt), so the number-format text is
 * built and the fkey looked up once per column and style, not once per cell. */
typedef struct fmemo {
  int valid;
  doc_col_type type;
  int col_decimals, thousands, mark_negative, decimals;
  doc_align align;
  const char *unit; /* the resolved unit ("" for none); compared by content */
  unsigned char kind, rk, st, wrap, merged, zero, has_pc;
  lxw_format *f;
} fmemo;
enum { XL_FMEMO = 64 };

/* ---- layout plan -------------------------------------------------------------------------- */

typedef struct xcol {
  size_t col;   /* model column */
  int status;   /* 1 = the status text column added after `col` */
} xcol;

typedef struct tplan {
  xcol *x;
  size_t nx;
  int two_level;     /* a column has a group: two header rows */
  int status_text;   /* status cells of text columns carry symbol+word themselves */
  double *lines_w;   /* per xcol: width used for wrapping (0 = no wrap) */
} tplan;

typedef struct sheet {
  char name[128];
  lxw_worksheet *ws;
  uint32_t rows;     /* rows the dry run laid out (xlsx_render.c) */
  FILE *tmp;         /* its constant_memory temporary file, and that file's stdio buffer */
  char *iobuf;       /* (xlsx_render.c) */
  double *width;     /* per column, Excel character units (0 = default) */
  size_t nwidth;
  uint32_t row;      /* next row to write */
  uint32_t row0;     /* first content row: 2 below a preliminary marking in row 0, else 0 */
  int landscape;
  size_t main_block; /* the table that gets the freeze panes, autofilter, print titles (or NO_SHEET) */
  size_t first_table, ntables;
  size_t title_block;
  const char *title; /* text of row 0, or NULL */
  int wrap_chars;    /* width text lines are wrapped to */
} sheet;

typedef struct ctx {
  const doc *d;
  const doc_meta *m;
  const xlsx_options *opt;
  rapp_err *err;
  int dry;           /* 1 = plan and validate only; nothing is written */
  int failed;
  int has_status;    /* doc_has_status, asked once (it reads every cell) */
  char status_text[PRESENT_NSTATUS][128]; /* xl_status_text's, "" until asked */
  lxw_workbook *wb;
  sheet *sheets;
  size_t nsheets;
  size_t *block_sheet; /* per block */
  tplan *tplans;       /* per block (tables) */
  fentry *fmts;
  size_t nfmts, capfmts;
  fmemo memo[XL_FMEMO];
  /* where we are, for error messages */
  size_t block;
  const doc_table *table;
  size_t trow, tcol;   /* table row and model column, or (size_t)-1 */
} ctx;

/* x->block outside any block (the workbook itself, the "Om rapporten" sheet). */
#define XL_NO_BLOCK ((size_t)-1)

/* ---- xlsx_write.c: the one error style, formats, checked writes, text lines ------------------ */

/* THE error of this renderer (every failure goes through it, so every message names where it
 * happened): "XLSX: sheet 'S', cell B7, table 'T' (block 3), row 5, column 'C': what", with the
 * parts that are known (no sheet for the workbook itself; no cell when r >= XL_MAX_ROWS or
 * c >= XL_MAX_COLS; the table, row and column from x->table/trow/tcol, else the block unless it is
 * XL_NO_BLOCK). The first error wins; sets x->failed. Returns -1. */
int xl_fail(ctx *x, sheet *s, uint32_t r, uint16_t c, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* xl_fail with libxlsxwriter's error text. */
int xl_fail_lxw(ctx *x, sheet *s, uint32_t r, uint16_t c, lxw_error rc);

/* The cached workbook format of k (NULL in the dry run: nothing is written; NULL too for the
 * all-default key, which libxlsxwriter writes as style 0 without looking up a format). */
lxw_format *xl_fmt(ctx *x, const fkey *k);
/* A plain text format: style DOC_BOLD/DOC_ITALIC bits, size in points (0 = default). */
lxw_format *xl_text_fmt(ctx *x, unsigned style, int size);

/* Checked writes: each validates position, text and number against Excel's limits (failing with
 * xl_fail), writes nothing in the dry run, and returns 0 or -1. */
int xl_check_pos(ctx *x, sheet *s, uint32_t r, size_t c);
int xl_put_str(ctx *x, sheet *s, uint32_t r, size_t c, const char *text, lxw_format *f);
int xl_put_num(ctx *x, sheet *s, uint32_t r, size_t c, double v, lxw_format *f);
int xl_put_blank(ctx *x, sheet *s, uint32_t r, size_t c, lxw_format *f);
int xl_put_date(ctx *x, sheet *s, uint32_t r, size_t c, int32_t ymd, int hour, int min,
                lxw_format *f);
int xl_put_formula(ctx *x, sheet *s, uint32_t r, size_t c, const char *formula, double cached,
                   lxw_format *f);
int xl_put_row(ctx *x, sheet *s, uint32_t r, double height, int level);
/* Widens column c of s to at least w character units (planning). */
void xl_note_width(sheet *s, size_t c, double w);
/* Paragraph-like text from s->row down, wrapped to the sheet's width. */
int xl_write_inline(ctx *x, sheet *s, const char *prefix, const doc_inline *in, unsigned base,
                    int size);
int xl_write_plain(ctx *x, sheet *s, const char *text, unsigned base, int size);

/* ---- xlsx_lxw.c: under libxlsxwriter ----------------------------------------------------------- */

/* The zlib level of the parts of the workbooks closed from now on (-1: libxlsxwriter's own, 6). */
void xl_lxw_zip_level(int level);

/* ---- xlsx_plan.c: the workbook plan ------------------------------------------------------------ */

/* Assigns every block its sheet, plans every table's columns (status columns, wrapping), fits
 * column widths and picks each sheet's main table and orientation. */
void xl_plan(ctx *x);
/* 1 for the column types written as numbers. */
int xl_col_numeric(doc_col_type t);

/* ---- xlsx_table.c: a table sheet's tables and key figures ------------------------------------ */

int xl_write_table(ctx *x, size_t bi, const doc_table *t, sheet *s);
int xl_write_keyfigures(ctx *x, const doc_block *b, sheet *s);
/* "● Ønsket resultat" for a status column ("" for NONE), made once per workbook. */
const char *xl_status_text(ctx *x, doc_status st);

/* ---- xlsx_about.c: the "Om rapporten" sheet ---------------------------------------------------- */

int xl_write_about(ctx *x);

#endif
