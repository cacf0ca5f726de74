/* html/html_int.h — shared between the files of the HTML renderer (src/html/).
 *
 * html_render.c writes the page (landmarks, cover, contents, text blocks, "Om rapporten"),
 * html_table.c the data tables, html_chart.c the charts as inline SVG with their data tables,
 * html_css.c the style sheet. The presentation rules every renderer shares (cell text, status
 * word, symbol and colours, merged runs, unit notes, production date) are read only through the
 * html_rule_* functions of html_rules.c, so this renderer decides none of them itself. */
#ifndef RAPP_HTML_INT_H
#define RAPP_HTML_INT_H

#include <stddef.h>
#include <stdint.h>

#include "html/html.h"
#include "model/chart.h"
#include "model/doc.h"
#include "util/buf.h"

typedef struct html_ctx {
  rapp_buf out;
  const doc *d;
  const doc_meta *m;
  unsigned next_id;   /* serial for element ids (tables, charts): t1, t2 ... */
  int last_level;     /* the last HTML heading level written (1 = the title) */
  const char *last_heading; /* text of the last heading: caption of an untitled table */
} html_ctx;

/* ---- writing (html_render.c) -------------------------------------------------------------- */

void html_text(rapp_buf *b, const char *s);            /* text content, & < > escaped */
void html_attr(rapp_buf *b, const char *s);            /* attribute value, also " escaped */
void html_inline(rapp_buf *b, const doc_inline *in);   /* runs as <strong>/<em> */
/* The HTML heading level for a document heading level: the page title is <h1>, document level
 * n is <h(n+1)>, never more than one level deeper than the heading before (no skipped levels). */
int html_heading_level(html_ctx *x, int doc_level);

/* ---- blocks ------------------------------------------------------------------------------- */

/* A data table in its scroll region; legend under it when it has statuses. */
void html_table(html_ctx *x, const doc_table *t);
/* The table body and header only (no wrapper), captioned `caption` (may be NULL: t->title). */
void html_table_element(html_ctx *x, const doc_table *t, const char *caption, const char *id);
/* The status legend: symbol, colour and word of every status. */
void html_status_legend(rapp_buf *b);
void html_chart(html_ctx *x, const doc_chart *c);

/* ---- the shared presentation rules (html_rules.c) ----------------------------------------- */

typedef struct html_status_style {
  const char *code;    /* "desired" ...: CSS class suffix */
  const char *word;    /* "Ønsket resultat" */
  const char *symbol;  /* "●" */
  uint32_t fill;       /* cell background, 0xRRGGBB; text on it has >= 4.5:1 */
  uint32_t strong;     /* swatch / chart colour */
} html_status_style;

html_status_style html_rule_status(doc_status s);
/* The cell as a reader sees it (number formatting, the cell's own text), without status. */
void html_rule_cell_text(const doc_table *t, size_t r, size_t c, char *buf, size_t n);
/* 1 when cell (r, c) is right-aligned (numbers and dates unless the column says otherwise). */
int html_rule_right_aligned(const doc_column *col);
/* Merged runs: how many rows the cell (r, c) spans as one visual cell (1 = itself only), or 0
 * when it is covered by the run of a cell above. */
size_t html_rule_merge_span(const doc_table *t, size_t r, size_t c);
/* The unit note shown with the table's caption, or NULL. */
const char *html_rule_unit_note(const doc_table *t);
/* 1 when the cell's value is negative and its column marks negatives. */
int html_rule_negative(const doc_column *col, const doc_cell *cell);
/* The production date as the other formats print it ("31.12.2026"; longform "31. desember 2026"). */
void html_rule_production_date(const doc_meta *m, int longform, char *buf, size_t n);
/* A key figure's value as text. */
void html_rule_keyfigure_text(const doc_keyfigure *k, char *buf, size_t n);

#endif
