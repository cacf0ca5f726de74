/* model/present.h — the presentation step between the document model and every renderer (PDF,
 * XLSX, the text dump, HTML). What a reader sees is decided here once: the display text of a cell
 * and the (value, unit, decimals) behind it for renderers that keep numbers, whether a value rounds
 * to zero, merged repeats, the default unit note, status words, symbols and colours, and the
 * production time in Norwegian local time. Renderers read these results and never re-derive them
 * (no parsing display text back into numbers, no own status tables, no own merge rules).
 *
 * Everything here is a pure function of the (read-only) doc. */
#ifndef RAPP_MODEL_PRESENT_H
#define RAPP_MODEL_PRESENT_H

#include <stddef.h>
#include <stdint.h>

#include "model/doc.h"
#include "util/labels.h"
#include "util/localtime.h"

/* ---- statuses ------------------------------------------------------------------------------ */

/* One row of THE status table (presentation: words, symbol, colours; the status RULE is the
 * view result_status, this rapp's on any snapshot). Colours are 0xRRGGBB. fill/ink: a status
 * cell's background and its text (WCAG AA: ink on fill >= 4.5:1, checked by unit_test_status);
 * chart: the solid colour of a status series, legend swatch or rule; a chart band uses the fill. */
typedef struct present_status {
  doc_status status;
  const char *code;    /* "desired" (the snapshot's status_label codes) */
  const char *word_nb; /* "Ønsket resultat" */
  const char *word_nn; /* "Ønskt resultat" */
  const char *word_se; /* "Sávvon boađus" (North Sámi) */
  const char *symbol;  /* "●" */
  uint32_t fill, ink, chart;
} present_status;

enum { PRESENT_NSTATUS = DOC_STATUS_NO_TARGET + 1 }; /* rows, DOC_STATUS_NONE included (row 0) */

/* The table, indexed by doc_status; row 0 is DOC_STATUS_NONE (empty words, white fill). */
extern const present_status present_statuses[PRESENT_NSTATUS];

/* The row of s (row 0 for an out-of-range value). Never NULL. */
const present_status *present_status_of(doc_status s);
/* The status word in the document's language ("nb", "nn", "se"; others and NULL: nb). */
const char *present_status_word(doc_status s, const char *language);
/* "desired, acceptable, unacceptable, not_measured, no_target": the codes for error messages. */
const char *present_status_codes(void);
/* "● Ønsket resultat" (symbol, space, word) into buf; "" for NONE. Returns buf. */
char *present_status_text(doc_status s, const char *language, char *buf, size_t n);

/* WCAG 2.1 contrast ratio of two 0xRRGGBB colours (1 .. 21). */
double present_contrast(uint32_t a, uint32_t b);

/* ---- cells ---------------------------------------------------------------------------------- */

enum { PRESENT_NUM_MAX = 160 };

/* A table cell (or key figure) as every renderer shows it. `text` points into the doc or into
 * `buf`: use the struct where it was filled (do not copy it). */
typedef struct present_cell {
  doc_cell_kind kind;   /* as typed; a row label (group, subtotal, total) is TEXT */
  const char *text;     /* never NULL: what the reader sees, without the status symbol and word: "1 235",
                           "7,6 %", "6,4 dager", "31.12.2026", "–" (a missing number), "" */
  char buf[PRESENT_NUM_MAX]; /* the formatted value when text is not the doc's own */
  double value;         /* NUMBER: the value as stored (kroner; a percentage as 12.5) */
  double shown;         /* NUMBER: the value in the unit shown (1 000 kr: value / 1000), rounded to
                           `decimals`; exactly 0 when `zero` */
  int32_t date;         /* DATE: yyyymmdd */
  const char *unit;     /* NUMBER: text after the number ("\u00A0dager", "\u00A0%"), "" for none;
                           a percent column's "\u00A0%" is part of its type, not of this unit */
  int decimals;         /* NUMBER: decimals shown (the cell's own, else the column's, else the
                           type's default; 0 for integers) */
  int zero;             /* NUMBER: rounds to zero at `decimals`: shown as "0" (never "−0"),
                           whatever the sign of value */
  int negative;         /* NUMBER: below zero and not `zero` (shown with U+2212) */
  int own_text;         /* the cell's text replaces the formatted value (a text the script set
                           that is not value + unit) */
  doc_status status;
  int text_is_status;   /* a status cell whose text is empty or the status word itself: show
                           symbol + word in the cell (no separate value) */
  int label;            /* the text is the row's label (GROUP, SUBTOTAL or TOTAL row) */
  int repeat;           /* merge_repeats: shows the same as the DATA row above (one visual cell) */
  size_t run;           /* merge_repeats: rows of the run starting here (1 = alone; 0 when repeat) */
} present_cell;

/* Resolves cell (r, c) of t. */
void present_table_cell(const doc_table *t, size_t r, size_t c, present_cell *out);
/* The same without a NUMBER cell's text (text is "": no number formatting): for a renderer that
 * writes the value and takes only its decimals, unit and zero flag (XLSX). `cell` is the cell
 * (r, c) as doc_table_cell gives it, when the caller has read it already, or NULL. */
void present_table_cell_value(const doc_table *t, size_t r, size_t c, const doc_cell *cell,
                              present_cell *out);
/* Resolves a key figure's value. */
void present_keyfigure(const doc_keyfigure *k, present_cell *out);
/* nofmt_number's text of v (percent: nofmt_percent's), the same bytes, without its two snprintf
 * and strtod in all but near-tie and huge values (the fast path of the resolved cells). */
char *present_number(char *buf, size_t n, double v, int decimals, int percent);
/* Resolves a bare value of a column type (chart data tables). */
void present_value(const doc_column *col, const doc_cell *cell, present_cell *out);

/* ---- merged repeats ------------------------------------------------------------------------- */

/* THE merge rule: in a merge_repeats column, a DATA row whose cell shows the same text and status
 * as the DATA row directly above it repeats it (is one visual cell with it). Every column type
 * merges the same way (integers too). */
int present_repeats(const doc_table *t, size_t r, size_t c);
/* Rows of the run starting at row r in column c (>= 1; 1 when the column does not merge). */
size_t present_run(const doc_table *t, size_t r, size_t c);

/* ---- notes and sums ------------------------------------------------------------------------- */

/* The unit note shown with a table's caption: its own unit_note, or "Beløp i 1 000 kr" when a
 * column shows amounts in 1 000 kr, or NULL. */
const char *present_unit_note(const doc_table *t, const char *language);
/* The default unit note of a value type (the chart's): "Beløp i 1 000 kr" or NULL. */
const char *present_unit_note_of(doc_col_type type, int thousands, const char *language);

/* SUBTOTAL and TOTAL sums: doc_table_compute_sums (doc.h) fills them once in the model; renderers
 * read row->cells. present_range_sum is the same sum over DATA rows [a, b) of column c, for a
 * renderer that writes a formula and needs its cached value. */
double present_range_sum(const doc_table *t, size_t c, size_t a, size_t b);

/* ---- charts ------------------------------------------------------------------------------- */

/* What a bar or column chart whose values are all 0 (or missing) shows instead of an empty plot. */
/* 1 when c is a bar/column kind (not a line) whose every value is 0 or missing. */
int present_chart_all_zero(const doc_chart *c);

/* Fill patterns: with four or more bar series, colour lightness alone no longer tells them apart
 * (greyscale print, colour-blind readers), so every series but the first is drawn with a pattern
 * over its colour. THE rule, read by every renderer that draws bars (PDF, SVG):
 * NONE for line and diverging charts and for charts of fewer than PRESENT_PATTERN_MIN_SERIES
 * series; else series 0 is solid and series i >= 1 gets DIAGONAL, CROSS, DOTS, BACKDIAG in turn. */
typedef enum present_pattern {
  PRESENT_PATTERN_NONE,
  PRESENT_PATTERN_DIAGONAL, /* lines rising to the right, "/" */
  PRESENT_PATTERN_CROSS,    /* both diagonals, "x" */
  PRESENT_PATTERN_DOTS,     /* a grid of dots */
  PRESENT_PATTERN_BACKDIAG  /* lines falling to the right, "\" */
} present_pattern;

enum { PRESENT_PATTERN_MIN_SERIES = 4, PRESENT_NPATTERN = PRESENT_PATTERN_BACKDIAG + 1 };
/* Pattern cell size (pt in the PDF, user units in SVG) and line width. */
#define PRESENT_PATTERN_STEP 6.0
#define PRESENT_PATTERN_LINE 1.2

/* The pattern of series i of chart c. */
present_pattern present_series_pattern(const doc_chart *c, size_t i);
/* The pattern's ink on a bar of colour fill: white on dark fills, the chart ink on light ones. */
uint32_t present_pattern_ink(uint32_t fill);
/* The pattern's Norwegian name for legends and texts ("skravert", "rutet", "prikket",
 * "motsatt skravert"); "" for NONE. */
const char *present_pattern_word(present_pattern p, const char *language);

/* ---- production time ------------------------------------------------------------------------ */

/* doc_meta.created (SOURCE_DATE_EPOCH or the clock, set by the engine) in Oslo local time: the
 * one production time every output prints. */
void present_created(const doc_meta *m, rapp_localtime *out);

#endif
