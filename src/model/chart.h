/* model/chart.h — the chart block of the document model, and the backend-neutral chart
 * algorithms both renderers share: "nice" value axes, Norwegian tick labels, category label
 * placement that never overlaps, and the colour-blind-safe palette.
 *
 * Ownership follows doc.h: a chart, its strings and its value arrays live in the doc's arena and
 * stay valid until doc_free; every string passed in is copied. The algorithms (chart_axis.c) are
 * pure C with no library calls, so the PDF and XLSX renderers and the tests see the same numbers. */
#ifndef RAPP_MODEL_CHART_H
#define RAPP_MODEL_CHART_H

#include <stddef.h>
#include <stdint.h>

#include "model/doc.h"
#include "util/err.h"

/* ---- the chart block -------------------------------------------------------------------- */

typedef enum doc_chart_kind {
  DOC_CHART_COLUMN = 0,     /* vertical bars, series side by side per category */
  DOC_CHART_COLUMN_STACKED, /* vertical bars, series stacked (negatives stack below zero) */
  DOC_CHART_BAR,            /* horizontal bars, categories top to bottom, series side by side */
  DOC_CHART_BAR_STACKED,    /* horizontal bars, stacked (status counts per focus area) */
  DOC_CHART_DIVERGING,      /* horizontal bars around zero, one series; negative and positive
                               values in two colours named by neg_label / pos_label */
  DOC_CHART_LINE            /* one line with markers per series; NaN values break the line */
} doc_chart_kind;

typedef struct doc_chart_series {
  const char *name;   /* legend text */
  double *values;     /* ncats values (the chart's categories); NaN = missing */
  doc_status status;  /* DOC_STATUS_NONE: palette colour by position; otherwise the status
                         colour (stacked status counts green / yellow / red / grey) */
  double *persons;    /* personvern (model/suppress.h): NULL = the series is not about persons;
                         else per category the persons or cases the value rests on (NaN: that
                         value is not about persons) */
  unsigned char *suppressed; /* set by doc_suppress_chart in the public edition: 1 = the value is
                                hidden (values[i] is NaN: no bar, no point); NULL = none */
  size_t *cell_row, *cell_col; /* with doc_chart.from: per category the table cell (row, column,
                                  0-based) the value repeats, SIZE_MAX = none; or NULL. Such a value
                                  is hidden exactly when the table hides that cell (suppress.h) */
  unsigned char *unquoted;  /* per category 1 = the generated summary leaves the value out; or NULL */
} doc_chart_series;

/* A horizontal (vertical for bar kinds) line across the plot at `value`, e.g. a target. */
typedef struct doc_chart_refline {
  double value;
  const char *label;  /* "Mål 6,0 %"; shown at the line's end and in the legend */
} doc_chart_refline;

/* A band of the value axis in a status colour, e.g. an indicator's limits: from -inf to the
 * desired limit green, to the acceptable limit yellow, above red. from/to may be -HUGE_VAL /
 * HUGE_VAL for "to the edge of the plot"; from <= to. */
typedef struct doc_chart_band {
  double from, to;
  doc_status status;
  const char *label;  /* legend text, e.g. "Ønsket (≤ 6,0 %)"; NULL = the status label */
} doc_chart_band;

struct doc_chart {
  doc_chart_kind kind;
  const char *title;        /* required; drawn above the chart, in the text layer */
  const char *summary;      /* one-line text alternative under the title, or NULL */
  const char *cat_title;    /* category axis title, or NULL */
  const char *value_title;  /* value axis title (the scaled unit is appended), or NULL */
  const char *source;       /* "Kilde: regnskap per 31.08.2026", under the chart, or NULL */
  /* Number format of the values, as a table column's (doc.h): type, decimals (-1 = type
   * default) and thousands (amounts shown in 1 000 kr). */
  doc_col_type value_type;
  int decimals;
  int thousands;
  int legend;               /* 1 show, 0 hide; -1 (default) = show when there is more than one
                               series, a reference line, a band or a diverging sign legend */
  const char *neg_label;    /* DIVERGING: legend for negative values ("Merforbruk"), or NULL */
  const char *pos_label;    /* DIVERGING: legend for positive values ("Mindreforbruk"), or NULL */
  const char **cats;        /* ncats UTF-8 labels */
  size_t ncats;
  doc_chart_series *series;
  size_t nseries, capseries;
  doc_chart_refline *lines;
  size_t nlines, caplines;
  doc_chart_band *bands;
  size_t nbands, capbands;
  double width_mm;          /* whole block incl. title and legend; 0 = the text width */
  double height_mm;         /* whole block incl. title, summary, legend and source; 0 = 80 */
  int show_table;           /* 1 = the PDF also shows the data as a small table (table below) */
  doc_table *table;         /* built by doc_chart_finish when show_table; not a block */
  const doc_table *from;    /* the table block the chart repeats (r.doc:chart { table = t }), or
                               NULL: its series' cell_row/cell_col point into it, and the public
                               edition hides what the table hides (model/suppress.h) */
  int summary_generated;    /* 1 = `summary` was generated from the values, not the script's */
};

/* Adds a chart block with its categories (copied; NULL labels become ""). Fill the rest of the
 * struct directly (strings with doc_strdup) and add series, lines and bands with the functions
 * below; then call doc_chart_finish once. Never NULL. */
doc_chart *doc_add_chart(doc *d, doc_chart_kind kind, const char *title, const char *const *cats,
                         size_t ncats);
/* Adds a series; values are copied, n may be less than ncats (the rest are NaN), values beyond
 * ncats are ignored, non-finite values become NaN. Returns the series (owned by the doc). */
doc_chart_series *doc_chart_add_series(doc *d, doc_chart *c, const char *name,
                                       const double *values, size_t n);
void doc_chart_add_line(doc *d, doc_chart *c, double value, const char *label);
void doc_chart_add_band(doc *d, doc_chart *c, double from, double to, doc_status status,
                        const char *label);
/* Checks the chart is drawable and, when show_table, builds c->table (category column plus one
 * column per series, in the chart's number format). Returns -1 with a message naming the chart's
 * title and what to fix: no categories, no series, a DIVERGING chart with more than one series,
 * a band with from > to, a non-finite reference line. The Lua layer calls this once per chart. */
int doc_chart_finish(doc *d, doc_chart *c, rapp_err *err);
/* The chart's data as a table (category column plus one column per series, in the chart's number
 * format, unit note for amounts in 1 000 kr), allocated in d's arena: doc_chart_finish builds
 * c->table with it, and a renderer that always shows the data (HTML) builds one in a scratch doc.
 * Strings of c are referenced, not copied: d must not outlive c's doc. */
doc_table *doc_chart_build_table(doc *d, const doc_chart *c);

/* The data table's cell of series s at category i: its number (EMPTY for NaN), or the TEXT ":"
 * with suppressed = 1 of a value hidden in the public edition (doc_chart_series.suppressed). */
void doc_chart_value_cell(const doc_chart *c, size_t s, size_t i, doc_cell *out);

/* Parses "column", "column_stacked", "bar", "bar_stacked", "diverging", "line"; -1 if unknown. */
int doc_chart_kind_from_name(const char *name);
const char *doc_chart_kind_name(doc_chart_kind k);
/* 1 for the kinds with horizontal bars (categories down the left side). */
int doc_chart_is_horizontal(const doc_chart *c);
int doc_chart_is_stacked(const doc_chart *c);
/* 1 when the legend is shown (see doc_chart.legend). */
int doc_chart_has_legend(const doc_chart *c);
/* Formats one value fully, as in the data table: "1 234", "12,5 %", "–" for NaN. */
char *doc_chart_format_value(const doc_chart *c, double v, char *buf, size_t n);

/* ---- value axis ---------------------------------------------------------------------------- */

enum { DOC_AXIS_MAX_TICKS = 16 };

typedef struct doc_axis {
  double min, max;  /* the axis range: first and last tick */
  double step;      /* 1, 2 or 5 x 10^n */
  int nticks;       /* 2 .. DOC_AXIS_MAX_TICKS */
  double ticks[DOC_AXIS_MAX_TICKS];
  int decimals;     /* decimals the tick labels need (after scaling) */
  double scale;     /* labels show value / scale: 1, 1e3, 1e6, 1e9 */
  const char *unit; /* what the scale means, for the axis title: "", "1 000 kr", "mill. kr",
                       "mrd. kr", "tusen", "mill.", "mrd."; "" for percent */
} doc_axis;

/* Nice ticks covering [lo, hi]: steps of 1, 2 or 5 x 10^n, at most max_ticks ticks (clamped to
 * 2..DOC_AXIS_MAX_TICKS), the smallest such step. include_zero extends the range to 0 (bar
 * charts). Non-finite lo/hi are ignored (no data gives 0..1); lo == hi is widened around the
 * value. Never fails. type/thousands choose the label scale and unit (amounts of a million and
 * more are shown in mill. kr, a billion in mrd. kr). */
void doc_axis_nice(double lo, double hi, int include_zero, int max_ticks, doc_col_type type,
                   int thousands, doc_axis *out);
/* The value range a chart needs on its value axis (stacked sums, reference lines, finite band
 * edges; NaNs skipped) and its nice axis with at most max_ticks ticks. Bars always include zero;
 * lines include zero when the data are no further from it than their own spread. */
void doc_chart_value_axis(const doc_chart *c, int max_ticks, doc_axis *out);
/* A tick label: "1 000", "−2 000", "12,5 %", "2,5" (with a = "mill. kr" in the axis title). */
char *doc_axis_label(const doc_axis *a, doc_col_type type, double v, char *buf, size_t n);

/* ---- category labels ------------------------------------------------------------------------ */

/* Measures the width of UTF-8 text in the renderer's unit (PDF: points at the label font size). */
typedef double (*doc_measure_fn)(void *ctx, const char *text);

typedef enum doc_label_mode {
  DOC_LABELS_HORIZONTAL = 0,
  DOC_LABELS_WRAPPED,    /* horizontal, broken at spaces onto up to `lines` lines (doc_label_wrap) */
  DOC_LABELS_ROTATED_45, /* text runs up to the right, ending at the tick */
  DOC_LABELS_ROTATED_90  /* text runs upwards, ending at the tick */
} doc_label_mode;

typedef struct doc_label_layout {
  doc_label_mode mode;
  int step;          /* draw labels 0, step, 2*step ...; 1 = every label */
  int lines;         /* WRAPPED: at most this many lines per label; otherwise 1 */
  double max_width;  /* a label (or, WRAPPED, a line) wider than this is abbreviated with
                        doc_label_fit; measured along its baseline */
  double extent;     /* the space the labels take perpendicular to the axis */
  int abbreviated;   /* 1 when at least one label is wider than max_width */
} doc_label_layout;

/* Places n labels under a horizontal axis whose categories are `slot` apart, with line height
 * `line_h` (about 1.2 x font size) and at most `max_extent` of height below the axis. Prefers,
 * in order: horizontal; wrapped on two or three lines; 45 degrees; 90 degrees; then each of
 * those thinned (every k-th label, smallest k first); abbreviates with an ellipsis to stay within
 * max_extent. Neighbouring labels never overlap. */
void doc_labels_place_below(const char *const *labels, size_t n, double slot, double line_h,
                            double max_extent, doc_measure_fn measure, void *ctx,
                            doc_label_layout *out);
/* Places n labels left of a vertical axis with categories `slot` apart and at most `max_width`
 * for the labels: horizontal (wrapped on two lines when there is room), thinned when
 * slot < line_h, abbreviated to max_width. extent = the width the labels need. */
void doc_labels_place_left(const char *const *labels, size_t n, double slot, double line_h,
                           double max_width, doc_measure_fn measure, void *ctx,
                           doc_label_layout *out);
/* Copies text into buf, cut at a code point boundary and ended with "…" so that it measures at
 * most max_w; the whole text when it fits. Returns buf (at most n bytes including the NUL). */
char *doc_label_fit(const char *text, double max_w, doc_measure_fn measure, void *ctx, char *buf,
                    size_t n);
/* Breaks text at spaces into lines no wider than max_w: line i is text[start[i] .. start[i] +
 * len[i]). Returns the number of lines (1 .. max_lines); when it does not fit in max_lines the
 * last line holds the rest (abbreviate it with doc_label_fit). A single word wider than max_w
 * stays on its own line. */
size_t doc_label_wrap(const char *text, double max_w, doc_measure_fn measure, void *ctx,
                      size_t max_lines, size_t *start, size_t *len);

/* ---- palette ------------------------------------------------------------------------------ */

/* Colours as 0xRRGGBB. Series colours are Okabe-Ito based and ordered so that neighbours also
 * differ in lightness in greyscale; lines add a dash pattern and a marker shape per series. */
typedef enum doc_marker {
  DOC_MARKER_CIRCLE = 0,
  DOC_MARKER_SQUARE,
  DOC_MARKER_TRIANGLE,
  DOC_MARKER_DIAMOND,
  DOC_MARKER_CROSS
} doc_marker;

typedef enum doc_dash { DOC_DASH_SOLID = 0, DOC_DASH_DASH, DOC_DASH_DOT, DOC_DASH_DASH_DOT } doc_dash;

typedef struct doc_series_style {
  uint32_t color;     /* fill of bars, stroke of lines */
  doc_marker marker;
  doc_dash dash;
  const char *name;   /* colour name, for docs */
} doc_series_style;

enum { DOC_CHART_NPALETTE = 6 };
extern const doc_series_style doc_chart_palette[DOC_CHART_NPALETTE];

/* The style of series i of a chart (a status series takes its status colour; indices wrap). */
doc_series_style doc_chart_series_style(const doc_chart *c, size_t i);
/* Status colours for stacked status counts (solid) and for bands (a light tint of the same hue). */
uint32_t doc_chart_status_color(doc_status s);
uint32_t doc_chart_status_tint(doc_status s);
/* DIVERGING: colours for negative and positive bars. */
extern const uint32_t doc_chart_neg_color, doc_chart_pos_color;
/* Neutral inks: text, axis line, grid line, reference line. */
extern const uint32_t doc_chart_ink, doc_chart_axis_color, doc_chart_grid_color,
    doc_chart_ref_color;

#endif
