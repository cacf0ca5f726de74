/* model/suppress.h — personvern: suppression of small groups in the public edition (issue 17).
 *
 * THE rule (its k lives in the snapshot: view personvern_rule, docs/schema.md): a figure about
 * persons (a cell of a doc_column with `personal`) is suppressed when it rests on fewer than k
 * persons or cases, except a count of 0 resting on nobody. Secondary suppression, the SSB
 * practice: where a row or a column section would then hold exactly one suppressed figure, the
 * next-smallest figure of that row or section (by the persons it rests on) is suppressed too, so
 * the hidden one cannot be recomputed from a total and the other cells; repeated until nothing
 * changes. A section is a run of DATA rows with the SUBTOTAL or TOTAL row that follows it (the
 * margin, suppressed when the run has no other candidate), and the SUBTOTAL rows of a table
 * together with its TOTAL.
 *
 * The public edition (doc_meta.internal == 0) applies it once, after the script's build() and
 * before any renderer (script.c calls doc_apply_edition): a suppressed cell becomes the TEXT
 * DOC_SUPPRESSED_SYMBOL ":" with no value left in the document, its status cleared, its column no
 * longer written as a formula, and the table's note gets ": " and the label "suppressed.note". */
#ifndef RAPP_MODEL_SUPPRESS_H
#define RAPP_MODEL_SUPPRESS_H

#include <stddef.h>

#include "model/doc.h"

/* The primary rule for one figure: 1 when value, resting on `persons` persons or cases, must not
 * be shown with threshold k. Every k here is >= 1, doc_meta.min_group's (no default of its own:
 * the view personvern_rule is the one definition). */
int suppress_rule(double persons, double value, int k);

/* Primary and secondary suppression of one table with threshold k. Marks the cells
 * (doc_cell.suppressed 1 primary, 2 secondary) and blanks them as described above. Returns the
 * number of cells suppressed. */
size_t doc_suppress_table(doc *d, doc_table *t, int k);

/* The cells doc_suppress_table would hide in t now (the rows it holds, its margins computed),
 * without hiding them: hidden[r * t->ncols + c] = 1 (nrows * ncols bytes). A table suppressed
 * already gives its result. For a chart's generated summary, built before the edition is applied.
 * Returns the number of cells. */
size_t doc_table_hidden(doc *d, doc_table *t, int k, unsigned char *hidden);

/* A chart's values with threshold k. A value that repeats a table cell (doc_chart.from,
 * doc_chart_series.cell_row/cell_col) is hidden exactly when the table hides that cell, primary or
 * secondary (doc_apply_edition suppresses the tables first); any other value about persons
 * (doc_chart_series.persons) by the primary rule. A hidden value becomes NaN (no bar or point)
 * with doc_chart_series.suppressed set, so its data table shows ":"; the chart's source line
 * starts with ": " and the label "suppressed.note"; a generated summary (summary_generated) that
 * did not leave a hidden value out (doc_chart_series.unquoted) is dropped. Returns the values
 * hidden. */
size_t doc_suppress_chart(doc *d, doc_chart *c, int k);

/* The edition: in the public edition every table, then every chart, is suppressed with
 * doc_meta.min_group (>= 1: script_build refuses a public edition without it), and every key
 * figure about persons (doc_keyfigure.value.has_persons) by the primary rule, its comparison
 * replaced by the footnote; the internal edition is left as built. Returns the cells, values and
 * key figures suppressed in the document. */
size_t doc_apply_edition(doc *d);

#endif
