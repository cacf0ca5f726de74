/* model/doc.h — the backend-neutral document a report script builds and every renderer reads.
 *
 * A doc is a list of blocks in reading order plus metadata. Lua builds it (src/lua/), the PDF
 * (src/pdf/) and XLSX (src/xlsx/) renderers read it after the script has returned; they never
 * change it.
 *
 * Ownership, once for the whole API: a doc owns everything it holds. Every string passed to a
 * doc_* function is copied into the doc's arena; the caller keeps its own. Pointers into the doc
 * (blocks, tables, rows, strings) stay valid until doc_free. All text is UTF-8; doc_* functions
 * replace invalid UTF-8 with U+FFFD so renderers can trust it.
 *
 * Semantics, not presentation: the model says "status unacceptable", "amount in 1 000 kr",
 * "heading level 2"; each renderer decides colours, fonts and number formats. */
#ifndef RAPP_MODEL_DOC_H
#define RAPP_MODEL_DOC_H

#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

/* Scorecard status of a value (see view result_status in src/db/schema_v1.sql). Every renderer
 * shows colour AND symbol AND word; doc_status_label/_symbol give the Norwegian word and symbol. */
typedef enum doc_status {
  DOC_STATUS_NONE = 0,     /* no status: an ordinary cell */
  DOC_STATUS_DESIRED,      /* green  "Ønsket resultat" */
  DOC_STATUS_ACCEPTABLE,   /* yellow "Akseptabelt resultat" */
  DOC_STATUS_UNACCEPTABLE, /* red    "Uakseptabelt resultat" */
  DOC_STATUS_NOT_MEASURED, /* grey   "Ikke målt" */
  DOC_STATUS_NO_TARGET     /* grey   "Uten resultatkrav" */
} doc_status;

/* "desired" -> DOC_STATUS_DESIRED etc. (the codes of the snapshot's status_label table);
 * returns -1 for an unknown code. */
int doc_status_from_code(const char *code);
const char *doc_status_code(doc_status s);   /* "desired", ..., "" for NONE */
const char *doc_status_label(doc_status s);  /* "Ønsket resultat", ..., "" for NONE */
const char *doc_status_symbol(doc_status s); /* "●", "▲", "■", "○", "–", "" for NONE */

/* ---- inline text ---------------------------------------------------------------------- */

enum { DOC_BOLD = 1, DOC_ITALIC = 2 };

typedef struct doc_run {
  const char *text;
  unsigned style; /* DOC_BOLD | DOC_ITALIC */
  const char *href; /* the run is (part of) a link to this URL (http, https, mailto); or NULL.
                       PDF: a link annotation; XLSX: "text (url)"; text dump: [text](url) */
} doc_run;

typedef struct doc_inline {
  doc_run *runs;
  size_t nruns;
} doc_inline;

/* ---- tables ------------------------------------------------------------------------------ */

typedef enum doc_col_type {
  DOC_COL_TEXT,
  DOC_COL_INTEGER,  /* 1 234 */
  DOC_COL_DECIMAL,  /* 1 234,5 (decimals per column) */
  DOC_COL_AMOUNT,   /* kroner; shown in kr or in 1 000 kr (doc_column.thousands) */
  DOC_COL_PERCENT,  /* the value is the percentage itself: 12.5 -> "12,5 %" */
  DOC_COL_DATE      /* a calendar date (doc_cell.date) */
} doc_col_type;

typedef enum doc_align { DOC_ALIGN_AUTO = 0, DOC_ALIGN_LEFT, DOC_ALIGN_CENTER, DOC_ALIGN_RIGHT } doc_align;

typedef struct doc_column {
  const char *title;   /* header text (lower header row when groups are used) */
  const char *group;   /* upper header over consecutive columns with the same group, or NULL */
  doc_col_type type;
  doc_align align;     /* AUTO: text left, numbers and dates right */
  int decimals;        /* digits after the comma; -1 = the type's default (0, or 1 for percent) */
  int thousands;       /* DOC_COL_AMOUNT: 1 = show in 1 000 kr (the value stays in kroner) */
  int sum;             /* 1 = subtotal and total rows sum this column (XLSX writes formulas) */
  int merge_repeats;   /* 1 = consecutive equal values are one visual cell (scorecard focus area) */
  int mark_negative;   /* 1 = negative values are marked (dark red) besides their minus sign: for
                          deviations, where negative means overspending; 0 = plain (an income
                          budget is negative by convention and is not a warning) */
  double width_mm;     /* preferred width in mm; 0 = from content */
  int personal;        /* 1 = a figure about persons (personvern): in the public edition a cell
                          resting on fewer than doc_meta.min_group persons or cases is suppressed
                          (model/suppress.h); each cell's doc_cell.persons says how many */
  int part_of;         /* personal: 1 + the index of the column whose figure in the same row is the
                          sum of this one's and its other parts' (closed + open = registered), so
                          secondary suppression protects that relation; 0 = none. A table whose
                          personal columns declare no part_of treats each row's personal figures
                          as one relation */
} doc_column;

typedef enum doc_cell_kind { DOC_CELL_EMPTY = 0, DOC_CELL_TEXT, DOC_CELL_NUMBER, DOC_CELL_DATE } doc_cell_kind;

typedef struct doc_cell {
  doc_cell_kind kind;
  const char *text;   /* TEXT: the text. NUMBER/DATE: NULL, or a display text that replaces the
                         formatted value (e.g. "6,4 dager"), while the value stays typed */
  double number;      /* NUMBER: the value (finite; non-finite values are stored as EMPTY) */
  int32_t date;       /* DATE: yyyymmdd, e.g. 20261231 */
  doc_status status;  /* DOC_STATUS_NONE for ordinary cells */
  int own_decimals;   /* 1 = `decimals` below applies to this cell instead of the column's (a
                         scorecard's result column mixes indicators with 0, 1 or 2 decimals);
                         0 (zero-initialised) = the column's */
  int decimals;
  const char *unit;   /* NUMBER: a unit shown after the formatted value ("\u00A0dager"), or NULL;
                         the value stays a number (XLSX puts the unit in the number format) */
  int has_persons;    /* personal column: 1 = `persons` below is known (else the cell is not
                         subject to the rule: the row is not about persons) */
  double persons;     /* personal column: the persons or cases the figure rests on */
  int suppressed;     /* set by doc_suppress (public edition): 1 primary, 2 secondary; the cell
                         is then TEXT ":" and its value is gone from the document */
} doc_cell;

typedef enum doc_row_kind {
  DOC_ROW_DATA = 0,
  DOC_ROW_GROUP,     /* a group heading row: `label` spans the table; cells unused */
  DOC_ROW_SUBTOTAL,  /* sums the DATA rows [sum_first, sum_first + sum_count) for `sum` columns */
  DOC_ROW_TOTAL      /* sums every DATA row of the table for `sum` columns */
} doc_row_kind;

typedef struct doc_row {
  doc_row_kind kind;
  int level;          /* outline level: 0 top, 1 inside a group (XLSX outline level) */
  const char *label;  /* GROUP: the group's label; SUBTOTAL/TOTAL: optional first-cell label */
  size_t sum_first, sum_count; /* SUBTOTAL: the row range it sums (indices into table rows) */
  doc_cell *cells;    /* ncols cells (for GROUP rows too, all EMPTY); NULL for a DATA row whose
                         cells are stored column-wise (doc_table_add_data_row). Readers use
                         doc_table_cell / doc_row_cell, which handle both. */
} doc_row;

/* The column-wise cell storage of a table (private to model/doc.c). */
typedef struct doc_col_store doc_col_store;

typedef struct doc_table {
  const char *title;      /* caption above the table, or NULL */
  const char *unit_note;  /* e.g. "Beløp i 1 000 kr", shown with the caption; or NULL */
  const char *sheet;      /* XLSX: put this table on its own sheet with this name; or NULL */
  const char *note;       /* footnote text under the table, or NULL */
  int no_legend;          /* 1 = no automatic status legend under this table (the table is a
                             legend itself, or the script prints one) */
  doc_column *cols;
  size_t ncols;
  doc_row *rows;
  size_t nrows, cap;
  doc_col_store *store;   /* ncols columns of compact cells (rows with cells == NULL), or NULL */
} doc_table;

/* ---- blocks ------------------------------------------------------------------------------ */

typedef enum doc_block_kind {
  DOC_COVER,
  DOC_TOC,
  DOC_HEADING,
  DOC_PARAGRAPH,
  DOC_BULLETS,
  DOC_KEYFIGURES,
  DOC_TABLE,
  DOC_NOTE,
  DOC_IMAGE,
  DOC_PAGEBREAK,
  DOC_ORIENTATION,
  DOC_CHART, /* u.chart; see model/chart.h (doc_add_chart) */
  DOC_ATTACHMENT /* u.attachment: starts attachment (vedlegg) number `number`; every block after it
                    belongs to it (doc_block.part) up to the next attachment or the end */
} doc_block_kind;

typedef struct doc_chart doc_chart; /* model/chart.h */

typedef struct doc_keyfigure {
  const char *label;       /* "Prognoseavvik" */
  doc_cell value;          /* typed value, formatted as `type` */
  doc_col_type type;
  int decimals;            /* -1 = type default */
  int thousands;
  const char *comparison;  /* "Fjorår: 6,1 %" or "Mål: 6,0 %", or NULL */
} doc_keyfigure;

typedef struct doc_block {
  doc_block_kind kind;
  int quote; /* 1 = a PARAGRAPH or BULLETS block quoted (Markdown "> "): renderers indent it */
  int part;  /* 0 = the document itself; n = attachment n (its DOC_ATTACHMENT block and every block
                after it): renderers restart page numbers, nest the outline and prefix sheet names */
  union {
    struct { const char *title, *subtitle, *period_label, *date_text, *logo_path; } cover;
    struct { int level; const char *text; const char *number; /* "2.1" or NULL */ int id; } heading;
    doc_inline paragraph;
    struct {
      doc_inline *items;
      size_t nitems;
      int ordered; /* 1 = a numbered list: items are numbered start, start + 1, ... */
      int start;
    } bullets;
    struct { doc_keyfigure *items; size_t nitems; } keyfigures;
    doc_table *table;
    struct { const char *marker; doc_inline text; } note; /* marker "1)" or NULL */
    struct { const char *path; double width_mm; const char *alt; } image;
    struct { int landscape; } orientation; /* starts a new page in that orientation */
    struct { int depth; } toc; /* the heading levels listed: 1 .. depth; 0 = every level */
    doc_chart *chart;
    struct {
      int number;        /* 1, 2, ...: "Vedlegg 1" */
      const char *title; /* "Vedlegg 1: Tertialrapport 2. tertial 2026" */
      const char *report_title; /* the attached report's own title */
    } attachment;
  } u;
} doc_block;

typedef struct doc_meta {
  const char *title;         /* report title */
  const char *subtitle;
  const char *municipality;  /* author, shown in running header */
  const char *subject;
  const char *keywords;
  const char *language;      /* "nb" (BCP 47: "nb-NO" is written by renderers) */
  const char *period_label;  /* "2. tertial 2026", running footer */
  const char *snapshot_name; /* snapshot file name (XLSX "Om rapporten") */
  const char *cutoff_date;   /* snapshot cut-off, ISO */
  const char *parameters;    /* "periode=2026-T2, område=OPPV" for "Om rapporten" */
  const char *report_name;   /* the script's name ("kvartalsrapport"), for the provenance lines */
  const char *as_of_date;    /* the period's last date, ISO; NULL for a report without a period */
  const char *snapshot_sha256; /* 64 hex digits of the snapshot file's SHA-256, or NULL */
  int partial;                 /* 1 = the period ends after cutoff_date (--allow-partial): every
                                  output is marked "Foreløpig — data til og med <cutoff>" */
  int internal;              /* 1 = the internal edition (--edition internal): everything shown,
                                every output marked with label "edition.exempt"; 0 = public (the default):
                                small groups suppressed (model/suppress.h) */
  int min_group;             /* k of the personvern rule, >= 1: the view personvern_rule, set by
                                the engine (lua/rapp/engine.lua); 0 = not set, which the public
                                edition refuses (script_build) */
  int64_t created;           /* production time, seconds since the epoch (SOURCE_DATE_EPOCH) */
  int number_headings;       /* 1 = headings numbered 1, 1.1, 1.1.1 */
} doc_meta;

typedef struct doc doc;

/* ---- provenance ("Om rapporten") -------------------------------------------------------- */

/* One line of the provenance every output carries (the PDF's colophon, the XLSX's "Om rapporten"
 * sheet, the text dump): a Norwegian label and its value as text. date is the value as yyyymmdd
 * when it is a date (0 otherwise); created is 1 on the production-time line, whose text is the
 * date in Norwegian local time (present_created), the same in every output. */
typedef struct doc_about_line {
  const char *label;
  char value[512];
  int32_t date;
  int created;
} doc_about_line;

enum { DOC_ABOUT_MAX = 16, DOC_HASH_SHORT = 12 /* hex digits of the hash shown */ };

/* Fills out[] (room for DOC_ABOUT_MAX) with the lines that apply: report and Rapp version,
 * municipality, period, as-of date, complete or preliminary, snapshot file, its cut-off and
 * short hash, every parameter value, the edition (public or internal), production time.
 * Returns how many. */
size_t doc_about_lines(const doc_meta *m, doc_about_line *out);

/* "Foreløpig — data til og med 30.09.2026" when m->partial, else NULL (buf unused). */
const char *doc_preliminary_text(const doc_meta *m, char *buf, size_t n);

/* The internal edition's marking (offentleglova § 13), and the public edition's footnote to the
 * symbol ":" of a suppressed figure (SSB's symbol). */
#define DOC_SUPPRESSED_SYMBOL ":"

/* The marking every page, sheet and the HTML page carry: the preliminary text, the internal
 * edition's marking (label "edition.exempt"), both joined with " · ", or NULL when neither applies. */
const char *doc_marking_text(const doc_meta *m, char *buf, size_t n);

/* 1 when a table cell or key figure of the document has a status (a legend is worth showing). */
int doc_has_status(const doc *d);

/* An ISO date "2026-09-30" as yyyymmdd, or 0 when it is not a valid date. */
int32_t doc_iso_date(const char *iso);

/* ---- building ------------------------------------------------------------------------------ */

doc *doc_new(void);           /* never NULL (aborts on out-of-memory) */
void doc_free(doc *d);        /* NULL is a no-op */

doc_meta *doc_meta_of(doc *d); /* set fields with doc_strdup'ed strings: meta->title = doc_strdup(d, s) */
const doc_meta *doc_meta_get(const doc *d);
char *doc_strdup(doc *d, const char *s); /* copy into the arena (invalid UTF-8 replaced); NULL -> NULL */
void *doc_alloc(doc *d, size_t n);       /* zeroed arena memory, freed with the doc */

size_t doc_nblocks(const doc *d);
const doc_block *doc_block_at(const doc *d, size_t i);

/* Each add returns the new block (owned by the doc), so callers can fill the union. */
doc_block *doc_add(doc *d, doc_block_kind kind);
doc_block *doc_add_heading(doc *d, int level, const char *text); /* level 1-3; numbers it if on */
/* The level of the last heading added (1-3), or 0 when there is none yet. */
int doc_heading_level(const doc *d);
/* Parses simple inline markup: **bold**, *italic*, ***both***; a backslash escapes * and \. */
doc_inline doc_parse_inline(doc *d, const char *markup);
doc_block *doc_add_paragraph(doc *d, const char *markup);

/* Tables: create with columns, then append rows. Cells of a new row start EMPTY. */
doc_table *doc_add_table(doc *d, const doc_column *cols, size_t ncols); /* copies cols and strings */
doc_row *doc_table_add_row(doc *d, doc_table *t, doc_row_kind kind);
/* Row storage (issue 15): a table's DATA rows from a script are held once, compactly, column by
 * column: per cell an 8-byte value (number, date, or a pointer to an interned text) and one byte
 * of kind and status, about 9 bytes where a doc_cell takes 48. A cell that needs more (its own
 * decimals, a unit, a display text over a number) gives its row ordinary cells. */
doc_row *doc_table_add_data_row(doc *d, doc_table *t);            /* cells NULL, all EMPTY */
/* Sets cell c of row r to *v; v's strings must already be the doc's (doc_intern, doc_strdup). */
void doc_table_set_cell(doc *d, doc_table *t, size_t r, size_t c, const doc_cell *v);
/* Every row of t gets ordinary cells, for code that changes cells in place (model/suppress.c). */
void doc_table_expand(doc *d, doc_table *t);
/* The cell at row r, column c, whichever way the row is stored; a copy. */
doc_cell doc_table_cell(const doc_table *t, size_t r, size_t c);
/* Only its status (reads one byte of the compact storage: for scans over every cell). */
doc_status doc_table_cell_status(const doc_table *t, size_t r, size_t c);
/* Same for a row given by its address in t->rows. */
doc_cell doc_row_cell(const doc_table *t, const doc_row *row, size_t c);
/* doc_strdup for texts that repeat (table cells): equal strings share one copy. */
const char *doc_intern(doc *d, const char *s);
void doc_cell_set_text(doc *d, doc_cell *c, const char *text);
void doc_cell_set_number(doc_cell *c, double v);  /* non-finite -> EMPTY */
void doc_cell_set_date(doc_cell *c, int32_t yyyymmdd);
/* Fills SUBTOTAL and TOTAL rows' `sum` columns with the sums of their DATA rows. Renderers call
 * nothing: the Lua layer calls this once when a table is complete. */
void doc_table_compute_sums(doc_table *t);

/* ---- composition (issue 13): a report's document inside another's ---------------------------- */

enum {
  DOC_APPEND_COVER = 1,  /* keep the appended document's cover */
  DOC_APPEND_TOC = 2,    /* keep its table of contents (it lists the headings of its own part) */
  DOC_APPEND_CHAPTER = 4 /* a chapter: its headings are numbered in d's scheme (when d numbers);
                            otherwise they keep their own numbers (an attachment) */
};

/* Starts attachment number doc_attachment_count(d) + 1: adds its DOC_ATTACHMENT block; every block
 * added after it belongs to it. report_title may be NULL. */
doc_block *doc_begin_attachment(doc *d, const char *title, const char *report_title);
int doc_attachment_count(const doc *d);
/* The DOC_ATTACHMENT block of attachment n (1-based), or NULL. */
const doc_block *doc_attachment_at(const doc *d, int n);
/* Appends src's blocks to d (into d's current part) and takes src over: it is freed with d and
 * must not be used after. Its cover and table of contents are dropped unless flags keep them;
 * heading ids continue d's. A preliminary src makes d preliminary. Refused (-1, src freed) when
 * src has attachments of its own. */
int doc_append_doc(doc *d, doc *src, unsigned flags, rapp_err *err);

/* Headings with their assigned ids in order (for TOC and bookmarks): ids are 0, 1, 2 ... */
size_t doc_nheadings(const doc *d);

/* Default decimals of a column type when decimals is -1. */
int doc_default_decimals(doc_col_type type);

/* Formats a cell as text the way a reader sees it in Norwegian (the cell's own display text if it
 * has one): "1 234 567,8", "1 235" (thousands), "12,5 %", "31.12.2026", "–" for EMPTY numbers.
 * Writes at most n bytes including the NUL; returns buf. Used by the PDF and text renderers. */
char *doc_format_cell(const doc_column *col, const doc_cell *c, char *buf, size_t n);
/* Same for a key figure's value. */
char *doc_format_keyfigure(const doc_keyfigure *k, char *buf, size_t n);

#endif
