/* html/html_int.h — shared between the files of the HTML renderer (src/html/).
 *
 * html_render.c writes the page (landmarks, cover, contents, text blocks, "Om rapporten"),
 * html_table.c the data tables, html_chart.c the charts as inline SVG with their data tables,
 * html_css.c the style sheet. What a reader sees in a cell (text, status word, symbol and
 * colours, merged runs, unit notes, production time) comes from the presentation step
 * (model/present.h), the same for every renderer; this renderer decides none of it. */
#ifndef RAPP_HTML_INT_H
#define RAPP_HTML_INT_H

#include <stddef.h>
#include <stdint.h>

#include "html/html.h"
#include "model/chart.h"
#include "model/doc.h"
#include "model/present.h"
#include "util/buf.h"

typedef struct html_ctx {
  rapp_buf out;
  const doc *d;
  const doc_meta *m;
  unsigned next_id;   /* serial for element ids (tables, charts): t1, t2 ... */
  int last_level;     /* the last HTML heading level written (1 = the title) */
  const char *last_heading; /* text of the last heading: caption of an untitled table */
  int in_attachment;  /* inside an attachment's <section>: its headings are one level deeper */
} html_ctx;

/* ---- writing (html_render.c) -------------------------------------------------------------- */

void html_text(rapp_buf *b, const char *s);            /* text content, & < > escaped */
void html_attr(rapp_buf *b, const char *s);            /* attribute value, also " escaped */
void html_inline(rapp_buf *b, const doc_inline *in);   /* runs as <strong>/<em> */
/* The HTML heading level for a document heading level: the page title is <h1>, document level
 * n is <h(n+1)>, never more than one level deeper than the heading before (no skipped levels). */
int html_heading_level(html_ctx *x, int doc_level);

/* ---- blocks ------------------------------------------------------------------------------- */

/* The symbol ":" of a figure suppressed in the public edition (model/suppress.h), its reason
 * (label "suppressed.note") as the title of an <abbr>. */
void html_suppressed(html_ctx *x);

/* A data table in its scroll region; legend under it when it has statuses. */
void html_table(html_ctx *x, const doc_table *t);
/* The table body and header only (no wrapper), captioned `caption` (may be NULL: t->title). */
void html_table_element(html_ctx *x, const doc_table *t, const char *caption, const char *id);
/* The status legend: symbol, colour and word of every status. */
void html_status_legend(html_ctx *x);
void html_chart(html_ctx *x, const doc_chart *c);

/* The status word in the document's language. */
const char *html_status_word(const html_ctx *x, doc_status s);
/* The production date in Oslo time, as the other formats print it ("31.12.2026"; longform
 * "31. desember 2026"). */
void html_production_date(const doc_meta *m, int longform, char *buf, size_t n);

#endif
