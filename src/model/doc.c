/* model/doc.c — the document model: an arena that owns every string, and growable block and row
 * arrays. See doc.h for the contracts. */
#include "model/doc.h"

#include "model/present.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/buf.h"
#include "util/labels.h"
#include "util/nofmt.h"
#include "util/utf8.h"

/* Arena: a list of chunks; allocations are never freed one by one. */
typedef struct chunk {
  struct chunk *next;
  size_t used, size;
  max_align_t data[];
} chunk;

struct doc {
  doc_meta meta;
  chunk *arena;
  const char **interned; /* open addressing, capinterned a power of two (or 0) */
  size_t ninterned, capinterned;
  doc_block **blocks; /* pointers, so a block's address survives growth */
  size_t nblocks, capblocks;
  size_t nheadings;
  int heading_numbers[3];
  int part;               /* the part blocks are added to: 0, or the last attachment's number */
  struct doc *adopted;    /* documents appended with doc_append_doc (their arenas hold the blocks) */
  struct doc *next_adopted;
};

void *doc_alloc(doc *d, size_t n) {
  n = (n + sizeof(max_align_t) - 1) / sizeof(max_align_t) * sizeof(max_align_t);
  if (n == 0) n = sizeof(max_align_t);
  chunk *c = d->arena;
  if (!c || c->size - c->used < n) {
    size_t size = n > 32768 ? n : 32768;
    c = xmalloc(sizeof(chunk) + size);
    c->size = size;
    c->used = 0;
    c->next = d->arena;
    d->arena = c;
  }
  void *p = (char *)c->data + c->used;
  c->used += n;
  memset(p, 0, n);
  return p;
}

char *doc_strdup(doc *d, const char *s) {
  if (!s) return NULL;
  size_t n = strlen(s);
  char *p;
  if (utf8_invalid_at(s, n) == (size_t)-1) {
    p = doc_alloc(d, n + 1);
    memcpy(p, s, n + 1);
  } else {
    char *clean = utf8_sanitize(s, n);
    size_t m = strlen(clean);
    p = doc_alloc(d, m + 1);
    memcpy(p, clean, m + 1);
    free(clean);
  }
  return p;
}

doc *doc_new(void) {
  doc *d = xcalloc(1, sizeof *d);
  d->meta.language = "nb";
  return d;
}

/* One column of compact cells: flags = kind | status << 3 (0: EMPTY, no status). */
typedef union doc_slot {
  double number;
  int32_t date;
  const char *text;
} doc_slot;

struct doc_col_store {
  uint8_t *flags;
  doc_slot *vals;
};

static void store_free(doc_table *t) {
  if (!t->store) return;
  for (size_t c = 0; c < t->ncols; c++) {
    free(t->store[c].flags);
    free(t->store[c].vals);
  }
  free(t->store);
}

void doc_free(doc *d) {
  if (!d) return;
  for (size_t i = 0; i < d->nblocks; i++)
    if (d->blocks[i]->kind == DOC_TABLE) {
      free(d->blocks[i]->u.table->rows);
      store_free(d->blocks[i]->u.table);
    }
  free(d->blocks);
  for (doc *a = d->adopted, *next; a; a = next) {
    next = a->next_adopted;
    doc_free(a); /* its blocks are d's now (nblocks 0): only its arena and block array go */
  }
  free(d->interned);
  for (chunk *c = d->arena, *next; c; c = next) {
    next = c->next;
    free(c);
  }
  free(d);
}

doc_meta *doc_meta_of(doc *d) { return &d->meta; }
const doc_meta *doc_meta_get(const doc *d) { return &d->meta; }
size_t doc_nblocks(const doc *d) { return d->nblocks; }
const doc_block *doc_block_at(const doc *d, size_t i) { return i < d->nblocks ? d->blocks[i] : NULL; }
size_t doc_nheadings(const doc *d) { return d->nheadings; }

doc_block *doc_add(doc *d, doc_block_kind kind) {
  if (d->nblocks == d->capblocks) {
    d->capblocks = d->capblocks ? d->capblocks * 2 : 32;
    d->blocks = xrealloc(d->blocks, d->capblocks * sizeof *d->blocks);
  }
  doc_block *b = doc_alloc(d, sizeof *b);
  b->kind = kind;
  b->part = d->part;
  d->blocks[d->nblocks++] = b;
  return b;
}

/* Appends an existing block (of d's or of an adopted document's arena). */
static void push_block(doc *d, doc_block *b) {
  if (d->nblocks == d->capblocks) {
    d->capblocks = d->capblocks ? d->capblocks * 2 : 32;
    d->blocks = xrealloc(d->blocks, d->capblocks * sizeof *d->blocks);
  }
  d->blocks[d->nblocks++] = b;
}

int doc_heading_level(const doc *d) {
  for (size_t i = d->nblocks; i > 0; i--)
    if (d->blocks[i - 1]->kind == DOC_HEADING) return d->blocks[i - 1]->u.heading.level;
  return 0;
}

static void number_heading(doc *d, doc_block *b);

doc_block *doc_add_heading(doc *d, int level, const char *text) {
  if (level < 1) level = 1;
  if (level > 3) level = 3;
  doc_block *b = doc_add(d, DOC_HEADING);
  b->u.heading.level = level;
  b->u.heading.text = doc_strdup(d, text);
  number_heading(d, b);
  return b;
}

/* Gives heading b the next id and, when d numbers its headings, the next number. */
static void number_heading(doc *d, doc_block *b) {
  int level = b->u.heading.level;
  b->u.heading.id = (int)d->nheadings++;
  d->heading_numbers[level - 1]++;
  for (int i = level; i < 3; i++) d->heading_numbers[i] = 0;
  if (d->meta.number_headings) {
    char num[48];
    if (level == 1)
      snprintf(num, sizeof num, "%d", d->heading_numbers[0]);
    else if (level == 2)
      snprintf(num, sizeof num, "%d.%d", d->heading_numbers[0], d->heading_numbers[1]);
    else
      snprintf(num, sizeof num, "%d.%d.%d", d->heading_numbers[0], d->heading_numbers[1],
               d->heading_numbers[2]);
    b->u.heading.number = doc_strdup(d, num);
  }
}

doc_block *doc_begin_attachment(doc *d, const char *title, const char *report_title) {
  int n = doc_attachment_count(d) + 1;
  d->part = n;
  doc_block *b = doc_add(d, DOC_ATTACHMENT);
  b->u.attachment.number = n;
  b->u.attachment.title = doc_strdup(d, title);
  b->u.attachment.report_title = doc_strdup(d, report_title);
  return b;
}

int doc_attachment_count(const doc *d) { return d->part; }

const doc_block *doc_attachment_at(const doc *d, int n) {
  for (size_t i = 0; i < d->nblocks; i++)
    if (d->blocks[i]->kind == DOC_ATTACHMENT && d->blocks[i]->u.attachment.number == n)
      return d->blocks[i];
  return NULL;
}

int doc_append_doc(doc *d, doc *src, unsigned flags, rapp_err *err) {
  if (src->part > 0) {
    doc_free(src);
    return err_set(err, "the included report has attachments of its own; an included report "
                        "cannot attach others");
  }
  for (size_t i = 0; i < src->nblocks; i++) {
    doc_block *b = src->blocks[i];
    if ((b->kind == DOC_COVER && !(flags & DOC_APPEND_COVER)) ||
        (b->kind == DOC_TOC && !(flags & DOC_APPEND_TOC)))
      continue; /* nothing of theirs to free: a cover's and a contents' strings are arena's */
    b->part = d->part;
    if (b->kind == DOC_HEADING) {
      if (flags & DOC_APPEND_CHAPTER) {
        b->u.heading.number = NULL;
        number_heading(d, b);
      } else {
        b->u.heading.id = (int)d->nheadings++;
      }
    }
    push_block(d, b);
  }
  src->nblocks = 0; /* the blocks (and their table rows) are d's now */
  d->meta.partial |= src->meta.partial;
  src->next_adopted = d->adopted;
  d->adopted = src;
  return 0;
}

doc_inline doc_parse_inline(doc *d, const char *markup) {
  /* Runs split at every change of style. "**" toggles bold, "*" toggles italic, "\" escapes. */
  doc_inline in = {0};
  if (!markup) return in;
  size_t cap = 4, n = 0;
  doc_run *runs = xmalloc(cap * sizeof *runs);
  rapp_buf text = {0};
  unsigned style = 0;
  const char *p = markup;
  for (;;) {
    int end = *p == '\0';
    unsigned next = style;
    size_t adv = 0;
    if (!end) {
      if (p[0] == '\\' && (p[1] == '*' || p[1] == '\\')) {
        buf_putc(&text, p[1]);
        p += 2;
        continue;
      }
      if (p[0] == '*' && p[1] == '*') {
        next = style ^ DOC_BOLD;
        adv = 2;
      } else if (p[0] == '*') {
        next = style ^ DOC_ITALIC;
        adv = 1;
      } else {
        buf_putc(&text, *p++);
        continue;
      }
    }
    if (text.len) {
      if (n == cap) runs = xrealloc(runs, (cap *= 2) * sizeof *runs);
      runs[n] = (doc_run){.text = doc_strdup(d, buf_str(&text)), .style = style, .href = NULL};
      n++;
      buf_reset(&text);
    }
    if (end) break;
    style = next;
    p += adv;
  }
  buf_free(&text);
  in.runs = doc_alloc(d, (n ? n : 1) * sizeof *in.runs);
  memcpy(in.runs, runs, n * sizeof *runs);
  in.nruns = n;
  free(runs);
  return in;
}

doc_block *doc_add_paragraph(doc *d, const char *markup) {
  doc_block *b = doc_add(d, DOC_PARAGRAPH);
  b->u.paragraph = doc_parse_inline(d, markup);
  return b;
}

doc_table *doc_add_table(doc *d, const doc_column *cols, size_t ncols) {
  doc_block *b = doc_add(d, DOC_TABLE);
  doc_table *t = doc_alloc(d, sizeof *t);
  t->cols = doc_alloc(d, (ncols ? ncols : 1) * sizeof *t->cols);
  for (size_t i = 0; i < ncols; i++) {
    t->cols[i] = cols[i];
    t->cols[i].title = doc_strdup(d, cols[i].title ? cols[i].title : "");
    t->cols[i].group = doc_strdup(d, cols[i].group);
  }
  t->ncols = ncols;
  b->u.table = t;
  return t;
}

static void table_grow(doc_table *t);

doc_row *doc_table_add_row(doc *d, doc_table *t, doc_row_kind kind) {
  table_grow(t);
  doc_row *r = &t->rows[t->nrows++];
  memset(r, 0, sizeof *r);
  r->kind = kind;
  r->cells = doc_alloc(d, (t->ncols ? t->ncols : 1) * sizeof *r->cells);
  return r;
}

static size_t str_hash(const char *s) {
  size_t h = 1469598103934665603u;
  for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211u;
  return h;
}

const char *doc_intern(doc *d, const char *s) {
  if (!s) return NULL;
  if (d->ninterned * 2 >= d->capinterned) {
    size_t cap = d->capinterned ? d->capinterned * 2 : 256;
    const char **slots = xcalloc(cap, sizeof *slots);
    for (size_t i = 0; i < d->capinterned; i++)
      if (d->interned[i]) {
        size_t j = str_hash(d->interned[i]) & (cap - 1);
        while (slots[j]) j = (j + 1) & (cap - 1);
        slots[j] = d->interned[i];
      }
    free(d->interned);
    d->interned = slots;
    d->capinterned = cap;
  }
  size_t j = str_hash(s) & (d->capinterned - 1);
  for (; d->interned[j]; j = (j + 1) & (d->capinterned - 1))
    if (strcmp(d->interned[j], s) == 0) return d->interned[j];
  /* a text with invalid UTF-8 is stored sanitized and so never found again: copied each time */
  d->interned[j] = doc_strdup(d, s);
  d->ninterned++;
  return d->interned[j];
}

/* Grows rows (and the compact columns with them) to hold one more row. */
static void table_grow(doc_table *t) {
  if (t->nrows < t->cap) return;
  t->cap = t->cap ? t->cap * 2 : 16;
  t->rows = xrealloc(t->rows, t->cap * sizeof *t->rows);
  for (size_t c = 0; t->store && c < t->ncols; c++) {
    t->store[c].flags = xrealloc(t->store[c].flags, t->cap * sizeof *t->store[c].flags);
    t->store[c].vals = xrealloc(t->store[c].vals, t->cap * sizeof *t->store[c].vals);
  }
}

doc_row *doc_table_add_data_row(doc *d, doc_table *t) {
  if (!t->store) {
    t->store = xcalloc(t->ncols ? t->ncols : 1, sizeof *t->store);
    for (size_t c = 0; c < t->ncols; c++) {
      t->store[c].flags = xmalloc((t->cap ? t->cap : 1) * sizeof *t->store[c].flags);
      t->store[c].vals = xmalloc((t->cap ? t->cap : 1) * sizeof *t->store[c].vals);
    }
  }
  table_grow(t);
  size_t r = t->nrows++;
  memset(&t->rows[r], 0, sizeof t->rows[r]);
  t->rows[r].kind = DOC_ROW_DATA;
  for (size_t c = 0; c < t->ncols; c++) t->store[c].flags[r] = 0;
  return &t->rows[r];
}

/* 1 when the cell fits a compact slot: no own decimals, unit or display text over a value. */
static int compact_fits(const doc_cell *v) {
  return !v->own_decimals && !v->unit && !v->has_persons &&
         (v->kind == DOC_CELL_TEXT || v->kind == DOC_CELL_EMPTY || !v->text);
}

/* Row r gets ordinary cells (a copy of its compact slots) unless it has them. */
static void row_expand(doc *d, doc_table *t, size_t r) {
  doc_row *row = &t->rows[r];
  if (row->cells) return;
  doc_cell *cells = doc_alloc(d, (t->ncols ? t->ncols : 1) * sizeof *cells);
  for (size_t i = 0; i < t->ncols; i++) cells[i] = doc_table_cell(t, r, i);
  row->cells = cells;
}

void doc_table_set_cell(doc *d, doc_table *t, size_t r, size_t c, const doc_cell *v) {
  doc_row *row = &t->rows[r];
  if (!row->cells && compact_fits(v)) {
    doc_slot *s = &t->store[c].vals[r];
    t->store[c].flags[r] = (uint8_t)(v->kind | (unsigned)v->status << 3);
    switch (v->kind) {
      case DOC_CELL_EMPTY: s->text = NULL; break;
      case DOC_CELL_TEXT: s->text = v->text; break;
      case DOC_CELL_NUMBER: s->number = v->number; break;
      case DOC_CELL_DATE: s->date = v->date; break;
    }
    return;
  }
  row_expand(d, t, r);
  row->cells[c] = *v;
}

void doc_table_expand(doc *d, doc_table *t) {
  for (size_t r = 0; r < t->nrows; r++) row_expand(d, t, r);
}

doc_cell doc_table_cell(const doc_table *t, size_t r, size_t c) {
  const doc_row *row = &t->rows[r];
  if (row->cells) return row->cells[c];
  doc_cell v;
  memset(&v, 0, sizeof v);
  if (!t->store) return v;
  unsigned f = t->store[c].flags[r];
  const doc_slot *s = &t->store[c].vals[r];
  v.kind = (doc_cell_kind)(f & 7);
  v.status = (doc_status)(f >> 3);
  switch (v.kind) {
    case DOC_CELL_EMPTY: break;
    case DOC_CELL_TEXT: v.text = s->text; break;
    case DOC_CELL_NUMBER: v.number = s->number; break;
    case DOC_CELL_DATE: v.date = s->date; break;
  }
  return v;
}

doc_status doc_table_cell_status(const doc_table *t, size_t r, size_t c) {
  const doc_row *row = &t->rows[r];
  if (row->cells) return row->cells[c].status;
  return t->store ? (doc_status)(t->store[c].flags[r] >> 3) : DOC_STATUS_NONE;
}

doc_cell doc_row_cell(const doc_table *t, const doc_row *row, size_t c) {
  if (row->cells) return row->cells[c];
  return doc_table_cell(t, (size_t)(row - t->rows), c);
}

void doc_cell_set_text(doc *d, doc_cell *c, const char *text) {
  c->kind = text ? DOC_CELL_TEXT : DOC_CELL_EMPTY;
  c->text = doc_strdup(d, text);
}

void doc_cell_set_number(doc_cell *c, double v) {
  if (isfinite(v)) {
    c->kind = DOC_CELL_NUMBER;
    c->number = v;
  } else {
    c->kind = DOC_CELL_EMPTY;
  }
}

void doc_cell_set_date(doc_cell *c, int32_t yyyymmdd) {
  c->kind = DOC_CELL_DATE;
  c->date = yyyymmdd;
}

void doc_table_compute_sums(doc_table *t) {
  for (size_t r = 0; r < t->nrows; r++) {
    doc_row *row = &t->rows[r];
    if (row->kind != DOC_ROW_SUBTOTAL && row->kind != DOC_ROW_TOTAL) continue;
    size_t first = row->kind == DOC_ROW_TOTAL ? 0 : row->sum_first;
    size_t end = row->kind == DOC_ROW_TOTAL ? t->nrows : row->sum_first + row->sum_count;
    if (end > t->nrows) end = t->nrows;
    for (size_t c = 0; c < t->ncols; c++) {
      if (!t->cols[c].sum) continue;
      double s = 0;
      size_t n = 0;
      for (size_t i = first; i < end; i++) {
        if (t->rows[i].kind != DOC_ROW_DATA) continue;
        doc_cell v = doc_table_cell(t, i, c);
        if (v.kind == DOC_CELL_NUMBER) {
          s += v.number;
          n++;
        }
      }
      /* The sum of no figures is no figure ("–"), not a 0 that claims one. */
      if (n > 0) doc_cell_set_number(&row->cells[c], s);
    }
  }
}

int doc_default_decimals(doc_col_type type) { return type == DOC_COL_PERCENT ? 1 : 0; }

static char *format_value(doc_col_type type, int decimals, int thousands, const doc_cell *c,
                          char *buf, size_t n) {
  if (c->text && c->kind != DOC_CELL_EMPTY) {
    snprintf(buf, n, "%s", c->text);
    return buf;
  }
  if (decimals < 0) decimals = doc_default_decimals(type);
  switch (c->kind) {
    case DOC_CELL_EMPTY:
      snprintf(buf, n, "%s", type == DOC_COL_TEXT ? "" : NOFMT_DASH);
      return buf;
    case DOC_CELL_TEXT:
      snprintf(buf, n, "%s", c->text ? c->text : "");
      return buf;
    case DOC_CELL_DATE:
      return nofmt_date(buf, n, c->date);
    case DOC_CELL_NUMBER:
      break;
  }
  switch (type) {
    case DOC_COL_PERCENT:
      return present_number(buf, n, c->number, decimals, 1);
    case DOC_COL_AMOUNT:
      if (thousands) return present_number(buf, n, c->number / 1000.0, decimals, 0);
      return present_number(buf, n, c->number, decimals, 0);
    case DOC_COL_INTEGER:
      return present_number(buf, n, c->number, 0, 0);
    case DOC_COL_TEXT:
    case DOC_COL_DECIMAL:
    case DOC_COL_DATE:
      break;
  }
  return present_number(buf, n, c->number, decimals, 0);
}

char *doc_format_cell(const doc_column *col, const doc_cell *c, char *buf, size_t n) {
  return format_value(col->type, c->own_decimals ? c->decimals : col->decimals, col->thousands, c,
                      buf, n);
}

char *doc_format_keyfigure(const doc_keyfigure *k, char *buf, size_t n) {
  return format_value(k->type, k->decimals, k->thousands, &k->value, buf, n);
}

/* The status words and symbols live in THE status table (model/present.c). */
int doc_status_from_code(const char *code) {
  for (int i = 1; i < PRESENT_NSTATUS; i++)
    if (strcmp(code, present_statuses[i].code) == 0) return i;
  return -1;
}

const char *doc_status_code(doc_status s) { return present_status_of(s)->code; }
const char *doc_status_label(doc_status s) { return present_status_word(s, NULL); }
const char *doc_status_symbol(doc_status s) { return present_status_of(s)->symbol; }

/* ---- provenance ------------------------------------------------------------------------------ */

int32_t doc_iso_date(const char *iso) {
  int y, m, d;
  char tail;
  if (!iso || sscanf(iso, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || !nofmt_valid_date(y, m, d))
    return 0;
  return y * 10000 + m * 100 + d;
}

/* The date as 31.12.2026, or the text itself when it is not an ISO date. */
static void date_text(char *buf, size_t n, const char *iso) {
  int32_t ymd = doc_iso_date(iso);
  if (ymd)
    nofmt_date(buf, n, ymd);
  else
    snprintf(buf, n, "%s", iso ? iso : "");
}

const char *doc_preliminary_text(const doc_meta *m, char *buf, size_t n) {
  if (!m->partial) return NULL;
  char date[32];
  date_text(date, sizeof date, m->cutoff_date);
  snprintf(buf, n, "%s \xE2\x80\x94 %s %s", label_get(m->language, "preliminary"),
           label_get(m->language, "preliminary.until"), date);
  return buf;
}

const char *doc_marking_text(const doc_meta *m, char *buf, size_t n) {
  char prelim[128];
  const char *p = doc_preliminary_text(m, prelim, sizeof prelim);
  if (!p && !m->internal) return NULL;
  if (p && m->internal)
    snprintf(buf, n, "%s \xC2\xB7 %s", label_get(m->language, "edition.exempt"), p);
  else
    snprintf(buf, n, "%s", p ? p : label_get(m->language, "edition.exempt"));
  return buf;
}

static doc_about_line *about_add(doc_about_line *out, size_t *n, const char *label) {
  doc_about_line *l = &out[(*n)++];
  memset(l, 0, sizeof *l);
  l->label = label;
  return l;
}

/* A text line, left out when the text is NULL. */
static void about_text(doc_about_line *out, size_t *n, const char *label, const char *text) {
  if (text) snprintf(about_add(out, n, label)->value, sizeof out->value, "%s", text);
}

/* A date line from an ISO date, left out when it is NULL. */
static void about_date(doc_about_line *out, size_t *n, const char *label, const char *iso) {
  if (!iso) return;
  doc_about_line *l = about_add(out, n, label);
  date_text(l->value, sizeof l->value, iso);
  l->date = doc_iso_date(iso);
}

#define L(key) label_get(m->language, key)
size_t doc_about_lines(const doc_meta *m, doc_about_line *out) {
  size_t n = 0;
  char text[512];
  if (m->title && m->report_name)
    snprintf(text, sizeof text, "%s (%s)", m->title, m->report_name);
  else
    snprintf(text, sizeof text, "%s", m->title ? m->title : m->report_name ? m->report_name : "");
  about_text(out, &n, L("report"), text);
  about_text(out, &n, L("about.made_with"), "Rapp " RAPP_VERSION);
  about_text(out, &n, L("about.municipality"), m->municipality);
  about_text(out, &n, L("about.period"), m->period_label);
  if (m->as_of_date) {
    about_date(out, &n, L("about.as_of"), m->as_of_date);
    const char *prelim = doc_preliminary_text(m, text, sizeof text);
    about_text(out, &n, L("about.status"),
               prelim ? prelim : L("about.complete"));
  }
  about_text(out, &n, L("about.snapshot"), m->snapshot_name);
  about_date(out, &n, L("about.snapshot_date"), m->cutoff_date);
  if (m->snapshot_sha256) {
    snprintf(text, sizeof text, "%.*s", (int)DOC_HASH_SHORT, m->snapshot_sha256);
    about_text(out, &n, L("about.checksum"), text);
  }
  about_text(out, &n, L("about.parameters"), m->parameters && *m->parameters ? m->parameters : L("about.none"));
  about_text(out, &n, L("about.edition"), L(m->internal ? "edition.internal" : "edition.public"));
  doc_about_line *l = about_add(out, &n, L("produced"));
  l->created = 1;
  rapp_localtime lt;
  present_created(m, &lt);
  l->date = lt.ymd;
  nofmt_date(l->value, sizeof l->value, l->date);
  return n;
}

#undef L

int doc_has_status(const doc *d) {
  for (size_t i = 0; i < d->nblocks; i++) {
    const doc_block *b = d->blocks[i];
    if (b->kind == DOC_KEYFIGURES) {
      for (size_t k = 0; k < b->u.keyfigures.nitems; k++)
        if (b->u.keyfigures.items[k].value.status != DOC_STATUS_NONE) return 1;
    } else if (b->kind == DOC_TABLE) {
      const doc_table *t = b->u.table;
      for (size_t r = 0; r < t->nrows; r++)
        for (size_t c = 0; c < t->ncols; c++)
          if (doc_table_cell_status(t, r, c) != DOC_STATUS_NONE) return 1;
    }
  }
  return 0;
}
