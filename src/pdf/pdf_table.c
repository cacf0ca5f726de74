/* pdf/pdf_table.c — tables: column widths from content, one- or two-level header repeated on every
 * page, rows split only between rows (a row taller than a page is split between its lines), group
 * rows kept with their first row, bold subtotal and total rows under a rule, status cells filled
 * with colour plus symbol, merged repeats, negative numbers marked in the columns that ask for it.
 *
 * Cost is linear in the number of cells: one pass measures every cell for the column widths, one
 * pass breaks and draws; the per-row buffers are reused. Each cell's display text is resolved
 * once (model/present.c) and kept for the second pass in a cache of bounded size (pdf_ctx.cells):
 * the first rows of the table; rows past it are resolved again in the second pass. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pdf/pdf_int.h"
#include "util/nofmt.h"

#define TS 8.5  /* table font size */
#define TL 10.5 /* line height */
#define PADX 4.0
#define PADY 3.0
#define CAPTION_SIZE 10.0
#define CAPTION_LEAD 13.0
#define TABLE_BEFORE 6.0 /* gap above a table that does not start a page */

typedef struct tbl {
  pdf_ctx *c;
  const doc_table *t;
  size_t nc;
  double *w, *x;      /* column widths and left edges */
  double left, width; /* table box */
  pdf_para *cell;     /* per column: the current row's lines */
  pdf_para *head;     /* per column: header title lines */
  pdf_para *grp;      /* per column: group title lines (at the group's first column) */
  size_t *grp_span;   /* per column: columns the group starting here spans (0: not a start) */
  int has_groups, has_status;
  double grp_h, low_h, head_h;
  int *prev_ok; /* merge_repeats: the row above is a DATA row drawn on this page */
  int *repeat; /* per column: this row repeats the previous value (not drawn) */
  int *negative; /* per column: the row's value is negative (row_break) */
  double status_room[PRESENT_NSTATUS]; /* status_w per status; 0 = not measured yet */
  rapp_buf txt, tmp;
} tbl;

static int is_numeric(doc_col_type t) {
  return t != DOC_COL_TEXT;
}

static doc_align col_align(const doc_column *col) {
  if (col->align != DOC_ALIGN_AUTO) return col->align;
  return is_numeric(col->type) ? DOC_ALIGN_RIGHT : DOC_ALIGN_LEFT;
}

enum { PDF_CELL_NEGATIVE = 1, PDF_CELL_REPEAT = 2, PDF_CELL_NONE = 4 /* not cached */ };
#define CELL_CACHE_CELLS ((size_t)1 << 17) /* 640 kB of offsets and flags */
#define CELL_CACHE_BYTES ((size_t)1 << 20) /* of text */

/* The value a cell shows (model/present.c; without its status symbol, which is drawn at the
 * cell's left edge so a "–" symbol is never read as a minus), appended to b, NUL-terminated;
 * returns its offset in b. */
static size_t resolve_text(tbl *tb, size_t r, size_t j, rapp_buf *b, int *negative, int *repeat) {
  present_cell pc;
  present_table_cell(tb->t, r, j, &pc);
  *negative = pc.negative;
  *repeat = pc.repeat; /* present_repeats of the cell */
  size_t at = b->len;
  buf_puts(b, pc.text_is_status ? present_status_word(pc.status, tb->c->meta->language) : pc.text);
  buf_putc(b, '\0');
  return at;
}

/* Fills the cell cache (pdf_ctx.cells) of tb's table up to row r, as far as its budget allows;
 * 1 when row r is in it. Group rows are left out (their cells are not shown). */
static int cache_row(tbl *tb, size_t r) {
  pdf_ctx *c = tb->c;
  const doc_table *t = tb->t;
  if (c->cells.of != t) {
    c->cells.of = t;
    c->cells.rows = 0;
    c->cells.cap = t->nrows < CELL_CACHE_CELLS / tb->nc ? t->nrows : CELL_CACHE_CELLS / tb->nc;
    c->cells.off = xrealloc(c->cells.off, (c->cells.cap ? c->cells.cap : 1) * tb->nc *
                                              sizeof *c->cells.off);
    c->cells.flags = xrealloc(c->cells.flags, (c->cells.cap ? c->cells.cap : 1) * tb->nc);
    buf_reset(&c->cells.text);
  }
  while (c->cells.rows <= r && c->cells.rows < c->cells.cap &&
         c->cells.text.len < CELL_CACHE_BYTES) {
    size_t at = c->cells.rows * tb->nc;
    for (size_t j = 0; j < tb->nc; j++) {
      int negative = 0, repeat = 0;
      if (t->rows[c->cells.rows].kind == DOC_ROW_GROUP) {
        c->cells.off[at + j] = 0;
        c->cells.flags[at + j] = PDF_CELL_NONE;
        continue;
      }
      c->cells.off[at + j] =
          (uint32_t)resolve_text(tb, c->cells.rows, j, &c->cells.text, &negative, &repeat);
      c->cells.flags[at + j] =
          (unsigned char)((negative ? PDF_CELL_NEGATIVE : 0) | (repeat ? PDF_CELL_REPEAT : 0));
    }
    c->cells.rows++;
  }
  return r < c->cells.rows;
}

/* The value a cell shows (resolve_text), from the cell cache where it holds the cell; valid
 * until the next call. */
static const char *cell_text(tbl *tb, const doc_row *row, size_t j, int *negative, int *repeat) {
  size_t r = (size_t)(row - tb->t->rows);
  int neg, rep;
  if (cache_row(tb, r)) {
    pdf_ctx *c = tb->c;
    unsigned char f = c->cells.flags[r * tb->nc + j];
    if (!(f & PDF_CELL_NONE)) {
      if (negative) *negative = (f & PDF_CELL_NEGATIVE) != 0;
      if (repeat) *repeat = (f & PDF_CELL_REPEAT) != 0;
      return c->cells.text.data + c->cells.off[r * tb->nc + j];
    }
  }
  buf_reset(&tb->txt);
  resolve_text(tb, r, j, &tb->txt, &neg, &rep);
  if (negative) *negative = neg;
  if (repeat) *repeat = rep;
  return buf_str(&tb->txt);
}

/* The status of the row's cell j (one byte read; no cell copy). */
static doc_status row_status(const tbl *tb, const doc_row *row, size_t j) {
  return doc_table_cell_status(tb->t, (size_t)(row - tb->t->rows), j);
}

/* Room the status symbol takes at the left of a cell (0 without status). */
static double status_w(tbl *tb, doc_status st) {
  if (st == DOC_STATUS_NONE || (unsigned)st >= PRESENT_NSTATUS) return 0;
  if (tb->status_room[st] == 0) { /* measured once per table (it is > 0: the + 4) */
    const char *sym = doc_status_symbol(st);
    tb->status_room[st] = pdf_text_width(&tb->c->fonts, PDF_REGULAR, TS, sym, strlen(sym)) + 4;
  }
  return tb->status_room[st];
}

static unsigned row_style(const doc_row *row) {
  return (row->kind == DOC_ROW_SUBTOTAL || row->kind == DOC_ROW_TOTAL) ? DOC_BOLD : 0;
}

/* ---- column widths ------------------------------------------------------------------------ */

/* Distributes `rem` points over columns towards target[j] from w[j], in proportion to what each
 * still wants; returns what is left. */
static double fill_towards(double *w, const double *target, size_t n, double rem) {
  double want = 0;
  for (size_t j = 0; j < n; j++) want += target[j] > w[j] ? target[j] - w[j] : 0;
  if (want <= 0) return rem;
  double k = want <= rem ? 1.0 : rem / want;
  for (size_t j = 0; j < n; j++)
    if (target[j] > w[j]) w[j] += (target[j] - w[j]) * k;
  return want <= rem ? rem - want : 0;
}

#define SHORT_TEXT (28 * PDF_MM)  /* a text column this wide on one line holds short labels */
#define RUNNING_MIN (22 * PDF_MM) /* running text is not squeezed below this for long words */

/* A text column without a fixed width: its words may wrap and, if need be, break. */
static int flexible(const doc_table *t, size_t j) {
  return t->cols[j].type == DOC_COL_TEXT && !(t->cols[j].width_mm > 0);
}

/* A column of running text (several words a cell, wraps well at spaces) rather than short labels:
 * from its longest word mn and its natural one-line width mb. */
static int running_text(double mn, double mb) {
  return mb > SHORT_TEXT && mb > 1.6 * mn;
}

/* Sets the flexible columns' widths to clamp(level, lo[j], hi[j]) with the one level at which they
 * sum to `room` (water filling: the narrowest wishes are met in full, the widest share what is
 * left equally). Needs sum(lo) <= room <= sum(hi). */
static void water_fill(double *w, const double *lo, const double *hi, size_t n, const doc_table *t,
                       double room) {
  double a = 0, b = 0;
  for (size_t j = 0; j < n; j++)
    if (flexible(t, j) && hi[j] > b) b = hi[j];
  for (int it = 0; it < 60; it++) { /* bisection on the level: 60 halvings reach 1e-15 */
    double mid = (a + b) / 2, sum = 0;
    for (size_t j = 0; j < n; j++)
      if (flexible(t, j)) sum += mid < lo[j] ? lo[j] : mid > hi[j] ? hi[j] : mid;
    if (sum > room)
      b = mid;
    else
      a = mid;
  }
  for (size_t j = 0; j < n; j++)
    if (flexible(t, j)) w[j] = a < lo[j] ? lo[j] : a > hi[j] ? hi[j] : a;
}

/* Left edges and the table box from the widths. */
static void place_columns(tbl *tb) {
  tb->left = tb->c->x0;
  tb->width = 0;
  for (size_t j = 0; j < tb->nc; j++) {
    tb->x[j] = tb->left + tb->width;
    tb->width += tb->w[j];
  }
}

/* Column widths from content, like an HTML auto table layout: every column first gets its
 * longest word (mn), then text columns of short labels their natural one-line width, then every
 * column the body's natural width (mb), then the header's (mh); room left goes to the text
 * columns. Columns with width_mm keep it. */
static void column_widths(tbl *tb) {
  pdf_ctx *c = tb->c;
  const doc_table *t = tb->t;
  size_t nc = tb->nc;
  double avail = c->x1 - c->x0;
  double *mn = xcalloc(nc, sizeof *mn), *mb = xcalloc(nc, sizeof *mb),
         *mh = xcalloc(nc, sizeof *mh);
  for (size_t j = 0; j < nc; j++) {
    double total, word;
    const char *title = t->cols[j].title ? t->cols[j].title : "";
    pdf_text_measure(&c->fonts, PDF_BOLD, TS, title, strlen(title), &total, &word);
    mn[j] = word;
    mh[j] = total;
  }
  for (size_t r = 0; r < t->nrows; r++) {
    const doc_row *row = &t->rows[r];
    if (row->kind == DOC_ROW_GROUP) continue;
    int face = row_style(row) ? PDF_BOLD : PDF_REGULAR;
    for (size_t j = 0; j < nc; j++) {
      if (t->cols[j].width_mm > 0 && !is_numeric(t->cols[j].type)) {
        /* A text column of fixed width keeps it whatever its cells hold (below): only whether
         * it has a status matters. */
        if (row_status(tb, row, j) != DOC_STATUS_NONE) tb->has_status = 1;
        continue;
      }
      const char *s = cell_text(tb, row, j, NULL, NULL);
      double total, word;
      pdf_text_measure(&c->fonts, face, TS, s, strlen(s), &total, &word);
      if (row_status(tb, row, j) != DOC_STATUS_NONE) {
        tb->has_status = 1;
        total += status_w(tb, row_status(tb, row, j));
        word += status_w(tb, row_status(tb, row, j));
      }
      /* A short text in a number column ("○ Ikke målt") stays on one line like the numbers. */
      if (is_numeric(t->cols[j].type) && total <= SHORT_TEXT) word = total;
      if (word > mn[j]) mn[j] = word;
      if (total > mb[j]) mb[j] = total;
    }
  }
  double summin = 0, fixed = 0;
  for (size_t j = 0; j < nc; j++) {
    if (mn[j] > avail * 0.3) mn[j] = avail * 0.3; /* longer words are broken */
    mn[j] += 2 * PADX + 1;
    mb[j] += 2 * PADX + 1;
    mh[j] += 2 * PADX + 1;
    if (mn[j] < 18) mn[j] = 18;
    if (mb[j] < mn[j]) mb[j] = mn[j];
    if (mh[j] < mb[j]) mh[j] = mb[j];
    if (t->cols[j].width_mm > 0) {
      /* A script's width is kept, except that a number never breaks: a number column is at
       * least as wide as its widest number (a total in bold included). */
      double fixed_w = t->cols[j].width_mm * PDF_MM;
      if (is_numeric(t->cols[j].type) && mn[j] > fixed_w) fixed_w = mn[j];
      mn[j] = mb[j] = mh[j] = fixed_w;
      fixed += mn[j];
    }
    summin += mn[j];
  }
  double protect = 0, sumtextmin = 0;
  for (size_t j = 0; j < nc; j++) {
    if (flexible(t, j))
      sumtextmin += mn[j];
    else
      protect += mn[j];
  }
  if (summin > avail && protect < avail * 0.7 && sumtextmin > 0) {
    /* The longest words do not all fit: numbers, dates and fixed columns keep their width (a
     * number must never break); text columns share the rest. Columns of short labels keep their
     * longest word whole where possible, and columns of running text, which wrap well at
     * spaces anyway, give up width first (down to RUNNING_MIN). */
    double rest = avail - protect, *lo = xcalloc(nc, sizeof *lo), sumlo = 0;
    for (size_t j = 0; j < nc; j++) {
      if (!flexible(t, j)) {
        tb->w[j] = mn[j];
        continue;
      }
      lo[j] = running_text(mn[j], mb[j]) && mn[j] > RUNNING_MIN ? RUNNING_MIN : mn[j];
      sumlo += lo[j];
    }
    if (sumlo > rest)
      for (size_t j = 0; j < nc; j++) lo[j] = 0; /* not even that: all text columns alike */
    water_fill(tb->w, lo, mn, nc, t, rest);
    free(lo);
  } else if (summin > avail) {
    /* Hopeless (far too many columns for the page): scale everything down. */
    for (size_t j = 0; j < nc; j++) tb->w[j] = mn[j] * avail / summin;
  } else {
    for (size_t j = 0; j < nc; j++) tb->w[j] = mn[j];
    double rem = avail - summin;
    /* Short labels ("under arbeid", "kommunedirektør") on one line first: wrapping them gains
     * little room and costs a line per row. */
    double *label = xcalloc(nc, sizeof *label);
    for (size_t j = 0; j < nc; j++)
      label[j] = flexible(t, j) && mb[j] <= SHORT_TEXT ? mb[j] : tb->w[j];
    rem = fill_towards(tb->w, label, nc, rem);
    free(label);
    rem = fill_towards(tb->w, mb, nc, rem);
    rem = fill_towards(tb->w, mh, nc, rem);
    /* A small table (a few short columns) is not stretched over the page: its numbers would end
     * up far from their labels. It gets half the text width, or a fifth more than it needs. */
    double natural = avail - rem;
    if (natural < 0.55 * avail && fixed == 0) {
      double target = natural * 1.2 > 0.5 * avail ? natural * 1.2 : 0.5 * avail;
      for (size_t j = 0; j < nc; j++) tb->w[j] += (target - natural) * tb->w[j] / natural;
      rem = 0;
    }
    double sumtext = 0, sumall = 0;
    for (size_t j = 0; j < nc; j++) {
      if (t->cols[j].width_mm > 0) continue;
      sumall += tb->w[j];
      if (t->cols[j].type == DOC_COL_TEXT) sumtext += tb->w[j];
    }
    for (size_t j = 0; j < nc && rem > 0; j++) {
      if (t->cols[j].width_mm > 0) continue;
      if (sumtext > 0)
        tb->w[j] += t->cols[j].type == DOC_COL_TEXT ? rem * tb->w[j] / sumtext : 0;
      else if (sumall > 0)
        tb->w[j] += rem * tb->w[j] / sumall;
    }
  }
  place_columns(tb);
  free(mn);
  free(mb);
  free(mh);
}

/* ---- header -------------------------------------------------------------------------------- */

static double lines_h(const pdf_para *p) {
  return (double)p->nlines * TL + 2 * PADY;
}

static void header_layout(tbl *tb) {
  pdf_ctx *c = tb->c;
  const doc_table *t = tb->t;
  for (size_t j = 0; j < tb->nc; j++) {
    pdf_para_break_text(&c->fonts, &tb->head[j], t->cols[j].title, DOC_BOLD, TS,
                        tb->w[j] - 2 * PADX);
    if (t->cols[j].group &&
        (j == 0 || !t->cols[j - 1].group || strcmp(t->cols[j - 1].group, t->cols[j].group) != 0)) {
      size_t k = j + 1;
      while (k < tb->nc && t->cols[k].group && strcmp(t->cols[k].group, t->cols[j].group) == 0) k++;
      tb->grp_span[j] = k - j;
      double w = tb->x[k - 1] + tb->w[k - 1] - tb->x[j];
      pdf_para_break_text(&c->fonts, &tb->grp[j], t->cols[j].group, DOC_BOLD, TS, w - 2 * PADX);
      tb->has_groups = 1;
    }
  }
  tb->grp_h = tb->low_h = 0;
  for (size_t j = 0; j < tb->nc; j++) {
    if (tb->grp_span[j] && lines_h(&tb->grp[j]) > tb->grp_h) tb->grp_h = lines_h(&tb->grp[j]);
    if ((!tb->has_groups || t->cols[j].group) && lines_h(&tb->head[j]) > tb->low_h)
      tb->low_h = lines_h(&tb->head[j]);
  }
  for (size_t j = 0; j < tb->nc; j++) /* an ungrouped title spans both header rows */
    if (tb->has_groups && !t->cols[j].group && lines_h(&tb->head[j]) > tb->grp_h + tb->low_h)
      tb->low_h = lines_h(&tb->head[j]) - tb->grp_h;
  tb->head_h = tb->grp_h + tb->low_h;
}

/* Draws lines [from, to) of p in column j (or spanning to column j + span - 1) from top y. */
static void draw_cell_lines(tbl *tb, HPDF_Page pg, size_t j, size_t span, const pdf_para *p,
                            size_t from, size_t to, doc_align al, pdf_rgb col, double y) {
  double x = tb->x[j], w = tb->x[j + span - 1] + tb->w[j + span - 1] - tb->x[j];
  for (size_t li = from; li < to && li < p->nlines; li++) {
    double lx = al == DOC_ALIGN_RIGHT    ? x + w - PADX - p->lines[li].w
                : al == DOC_ALIGN_CENTER ? x + (w - p->lines[li].w) / 2
                                         : x + PADX;
    double base = y - PADY - (double)(li - from) * TL - (TL - TS) / 2 - PDF_ASCENT * TS;
    pdf_draw_line(tb->c, pg, p, li, col, lx, base);
  }
}

static void draw_header(tbl *tb) {
  pdf_ctx *c = tb->c;
  HPDF_Page pg = pdf_cur_page(c);
  double y = c->y;
  pdf_fill_rect(pg, PDF_HEADER_FILL, tb->left, y - tb->head_h, tb->width, tb->head_h);
  for (size_t j = 0; j < tb->nc; j++) {
    const doc_column *col = &tb->t->cols[j];
    if (tb->grp_span[j]) {
      draw_cell_lines(tb, pg, j, tb->grp_span[j], &tb->grp[j], 0, SIZE_MAX, DOC_ALIGN_CENTER,
                      PDF_HEADING, y);
      size_t k = j + tb->grp_span[j] - 1;
      pdf_hline(pg, PDF_RULE, 0.4, tb->x[j] + PADX, tb->x[k] + tb->w[k] - PADX, y - tb->grp_h);
    }
    double top = (tb->has_groups && col->group) ? y - tb->grp_h : y;
    /* Titles sit at the bottom of the header, next to the values they name. */
    double bottom_top = y - tb->head_h + lines_h(&tb->head[j]);
    if (bottom_top < top) top = bottom_top;
    draw_cell_lines(tb, pg, j, 1, &tb->head[j], 0, SIZE_MAX, col_align(col), PDF_HEADING, top);
  }
  pdf_hline(pg, PDF_RULE, 0.8, tb->left, tb->left + tb->width, y - tb->head_h);
  c->y -= tb->head_h;
  c->page_empty = 0;
  for (size_t j = 0; j < tb->nc; j++) tb->prev_ok[j] = 0; /* repeats show again on a new page */
}

/* ---- rows --------------------------------------------------------------------------------------
 */

/* Breaks the row's cells into tb->cell; returns the number of lines of the tallest cell. */
static size_t row_break(tbl *tb, const doc_row *row) {
  pdf_ctx *c = tb->c;
  size_t maxl = 1;
  unsigned style = row_style(row);
  for (size_t j = 0; j < tb->nc; j++) {
    int repeats;
    const char *s = cell_text(tb, row, j, &tb->negative[j], &repeats);
    tb->repeat[j] = tb->prev_ok[j] && repeats;
    pdf_para_break_text(&c->fonts, &tb->cell[j], tb->repeat[j] ? "" : s, style, TS,
                        tb->w[j] - 2 * PADX - status_w(tb, row_status(tb, row, j)));
    if (tb->cell[j].nlines > maxl) maxl = tb->cell[j].nlines;
  }
  return maxl;
}

static void remember_repeats(tbl *tb, const doc_row *row) {
  for (size_t j = 0; j < tb->nc; j++) {
    if (!tb->t->cols[j].merge_repeats) continue;
    tb->prev_ok[j] = row->kind == DOC_ROW_DATA;
  }
}

/* Draws lines [from, to) of the broken row at the cursor. `first` is 1 for the row's first part. */
static void draw_row_part(tbl *tb, const doc_row *row, size_t from, size_t to, int first) {
  pdf_ctx *c = tb->c;
  HPDF_Page pg = pdf_cur_page(c);
  double y = c->y, h = (double)(to - from) * TL + 2 * PADY;
  if (row->kind == DOC_ROW_TOTAL) pdf_fill_rect(pg, PDF_GROUP_FILL, tb->left, y - h, tb->width, h);
  /* A status cell: one fill over the whole cell; the symbol keeps its own slot at the left,
   * set off from the value by a white rule (a "–" symbol right before a number would read as a
   * minus, and the symbols line up down the column). */
  for (size_t j = 0; j < tb->nc; j++)
    if (row_status(tb, row, j) != DOC_STATUS_NONE && !tb->repeat[j]) {
      pdf_fill_rect(pg, pdf_status_fill(row_status(tb, row, j)), tb->x[j] + 0.5, y - h + 0.5,
                    tb->w[j] - 1, h - 1);
      double rx = tb->x[j] + status_w(tb, row_status(tb, row, j)) + PADX - 1;
      pdf_stroke_line(pg, PDF_WHITE, 1.0, rx, y - h + 0.5, rx, y - 0.5, 0);
    }
  /* The rule above: hairline between data rows (not through merged repeats), darker above sums. */
  if (first && !c->page_empty) {
    if (row->kind == DOC_ROW_SUBTOTAL || row->kind == DOC_ROW_TOTAL) {
      pdf_hline(pg, PDF_RULE, row->kind == DOC_ROW_TOTAL ? 1.0 : 0.6, tb->left,
                tb->left + tb->width, y);
    } else {
      size_t j = 0;
      while (j < tb->nc) {
        if (tb->repeat[j]) {
          j++;
          continue;
        }
        size_t k = j;
        while (k < tb->nc && !tb->repeat[k]) k++;
        pdf_hline(pg, PDF_HAIRLINE, 0.4, tb->x[j], tb->x[k - 1] + tb->w[k - 1], y);
        j = k;
      }
    }
  }
  pdf_text_begin(c, pg); /* one text object for the row's cells */
  for (size_t j = 0; j < tb->nc; j++) {
    if (tb->repeat[j]) continue;
    int negative = tb->negative[j];
    const doc_column *col = &tb->t->cols[j];
    /* Dark red only where the script marks negatives as warnings (deviations); an income budget
     * is negative by convention and keeps the text colour. The minus sign is there either way. */
    pdf_rgb ink = row_status(tb, row, j) != DOC_STATUS_NONE ? pdf_status_ink(row_status(tb, row, j))
                  : negative && col->mark_negative ? PDF_NEGATIVE
                                                   : PDF_INK;
    doc_align al = col_align(col);
    if (j == 0 && row->label && row->kind != DOC_ROW_DATA) al = DOC_ALIGN_LEFT;
    doc_status st = row_status(tb, row, j);
    if (st != DOC_STATUS_NONE) {
      double sw = status_w(tb, st);
      if (from == 0) {
        const char *sym = doc_status_symbol(st);
        pdf_draw_text(c, pg, PDF_REGULAR, TS, PDF_INK, tb->x[j] + PADX,
                      y - PADY - (TL - TS) / 2 - PDF_ASCENT * TS, sym, strlen(sym));
      }
      /* The value in the rest of the cell. */
      double x = tb->x[j], w = tb->w[j];
      tb->x[j] += sw;
      tb->w[j] -= sw;
      draw_cell_lines(tb, pg, j, 1, &tb->cell[j], from, to, al, ink, y);
      tb->x[j] = x;
      tb->w[j] = w;
      continue;
    }
    draw_cell_lines(tb, pg, j, 1, &tb->cell[j], from, to, al, ink, y);
  }
  pdf_text_end(c);
  c->y -= h;
  c->page_empty = 0;
}

/* New page for a continuing table: a small "(forts.)" caption and the header again. */
static int continue_page(tbl *tb) {
  pdf_ctx *c = tb->c;
  if (pdf_new_page(c, 0) != 0) return -1;
  if (tb->t->title) {
    rapp_buf s = {0};
    buf_printf(&s, "%s (forts.)", tb->t->title);
    pdf_fit_text(c, PDF_ITALIC, 8.5, buf_str(&s), tb->width, &tb->tmp);
    pdf_draw_text(c, pdf_cur_page(c), PDF_ITALIC, 8.5, PDF_MUTED, tb->left, c->y - PDF_ASCENT * 8.5,
                  tb->tmp.data, tb->tmp.len);
    c->y -= 13;
    buf_free(&s);
  }
  draw_header(tb);
  return pdf_check(c, "drawing a table");
}

/* Table lines that fit above the frame's bottom; 0 when the page is already full (a header
 * taller than the page leaves y below the bottom, and a negative count must not become size_t). */
static size_t lines_that_fit(const pdf_ctx *c) {
  double room = floor((c->y - c->ybot - 2 * PADY) / TL + 1e-9);
  return room > 0 ? (size_t)room : 0;
}

static int place_row(tbl *tb, const doc_row *row) {
  pdf_ctx *c = tb->c;
  size_t nl = row_break(tb, row);
  double h = (double)nl * TL + 2 * PADY;
  if (c->y - h < c->ybot - 0.01) {
    double fresh = pdf_frame_height(c) - tb->head_h - (tb->t->title ? 13 : 0);
    size_t fit = lines_that_fit(c);
    /* A row that fits a fresh page moves there whole; a taller one is split between its lines,
     * starting here if at least two of its lines fit. */
    if (h <= fresh || fit < 2) {
      if (continue_page(tb) != 0) return -1;
      nl = row_break(tb, row); /* repeats are drawn again on the new page */
      h = (double)nl * TL + 2 * PADY;
    }
    size_t from = 0;
    int first = 1;
    while (c->y - ((double)(nl - from) * TL + 2 * PADY) < c->ybot - 0.01) {
      fit = lines_that_fit(c);
      if (fit < 1) fit = 1;
      draw_row_part(tb, row, from, from + fit, first);
      from += fit;
      first = 0;
      if (continue_page(tb) != 0) return -1;
    }
    draw_row_part(tb, row, from, nl, first);
  } else {
    draw_row_part(tb, row, 0, nl, 1);
  }
  remember_repeats(tb, row);
  return 0;
}

static int place_group(tbl *tb, size_t r) {
  pdf_ctx *c = tb->c;
  const doc_row *row = &tb->t->rows[r];
  /* The group label travels with its first row: measure that row first. */
  double next = 0;
  if (r + 1 < tb->t->nrows && tb->t->rows[r + 1].kind != DOC_ROW_GROUP) {
    size_t nl = row_break(tb, &tb->t->rows[r + 1]);
    next = (double)(nl < 2 ? nl : 2) * TL + 2 * PADY;
  }
  pdf_para *p = &tb->cell[0];
  pdf_para_break_text(&c->fonts, p, row->label ? row->label : "", DOC_BOLD, TS,
                      tb->width - 2 * PADX);
  double h = lines_h(p);
  if (c->y - h - next < c->ybot - 0.01 && continue_page(tb) != 0) return -1;
  pdf_para_break_text(&c->fonts, p, row->label ? row->label : "", DOC_BOLD, TS,
                      tb->width - 2 * PADX);
  HPDF_Page pg = pdf_cur_page(c);
  pdf_fill_rect(pg, PDF_GROUP_FILL, tb->left, c->y - h, tb->width, h);
  pdf_hline(pg, PDF_HAIRLINE, 0.4, tb->left, tb->left + tb->width, c->y);
  draw_cell_lines(tb, pg, 0, tb->nc, p, 0, SIZE_MAX, DOC_ALIGN_LEFT, PDF_HEADING, c->y);
  c->y -= h;
  for (size_t j = 0; j < tb->nc; j++) tb->prev_ok[j] = 0;
  return 0;
}

/* ---- the table ----------------------------------------------------------------------------------
 */

static void caption(tbl *tb, int draw) {
  pdf_ctx *c = tb->c;
  const doc_table *t = tb->t;
  HPDF_Page pg = draw ? pdf_cur_page(c) : NULL;
  double unit_w = 0;
  const char *unit = present_unit_note(t, c->meta->language);
  if (unit) unit_w = pdf_text_width(&c->fonts, PDF_ITALIC, 8.5, unit, strlen(unit)) + 12;
  if (t->title) {
    pdf_para_break_text(&c->fonts, &c->para, t->title, DOC_BOLD, CAPTION_SIZE, tb->width - unit_w);
    for (size_t i = 0; i < c->para.nlines; i++) {
      if (draw)
        pdf_draw_line(c, pg, &c->para, i, PDF_HEADING, tb->left, c->y - PDF_ASCENT * CAPTION_SIZE);
      if (i + 1 < c->para.nlines) c->y -= CAPTION_LEAD;
    }
  }
  if (unit) {
    pdf_fit_text(c, PDF_ITALIC, 8.5, unit, tb->width, &tb->tmp);
    double w = pdf_text_width(&c->fonts, PDF_ITALIC, 8.5, tb->tmp.data, tb->tmp.len);
    if (draw)
      pdf_draw_text(c, pg, PDF_ITALIC, 8.5, PDF_MUTED, tb->left + tb->width - w,
                    c->y - PDF_ASCENT * CAPTION_SIZE + 0.5, tb->tmp.data, tb->tmp.len);
  }
  c->y -= CAPTION_LEAD + 4;
}

static void legend(tbl *tb) {
  pdf_ctx *c = tb->c;
  rapp_buf s = {0};
  for (doc_status st = DOC_STATUS_DESIRED; st <= DOC_STATUS_NO_TARGET; st++)
    buf_printf(&s, "%s%s\xC2\xA0%s", st == DOC_STATUS_DESIRED ? "" : " \xE2\x80\x83 ",
               doc_status_symbol(st),
               present_status_word(st, c->meta->language)); /* U+2003 em space between items, no-break inside */
  pdf_para_break_text(&c->fonts, &c->para, buf_str(&s), 0, 8, tb->width);
  for (size_t i = 0; i < c->para.nlines; i++) {
    if (pdf_ensure(c, 10.5) != 0) break;
    pdf_draw_line(c, pdf_cur_page(c), &c->para, i, PDF_MUTED, tb->left,
                  c->y - 1.5 - PDF_ASCENT * 8);
    c->y -= 10.5;
    c->page_empty = 0; /* a legend alone on a new page: the page is no longer blank */
  }
  buf_free(&s);
}

/* Sets up a table for layout: column widths (one pass over all cells, unless the same table was
 * just measured for keep-with-next on a frame as wide) and the header. */
static void tbl_open(tbl *tb, pdf_ctx *c, const doc_table *t) {
  *tb = (tbl){.c = c, .t = t, .nc = t->ncols};
  size_t nc = t->ncols;
  tb->w = xcalloc(nc, sizeof *tb->w);
  tb->x = xcalloc(nc, sizeof *tb->x);
  tb->cell = xcalloc(nc, sizeof *tb->cell);
  tb->head = xcalloc(nc, sizeof *tb->head);
  tb->grp = xcalloc(nc, sizeof *tb->grp);
  tb->grp_span = xcalloc(nc, sizeof *tb->grp_span);
  tb->prev_ok = xcalloc(nc, sizeof *tb->prev_ok);
  tb->repeat = xcalloc(nc, sizeof *tb->repeat);
  tb->negative = xcalloc(nc, sizeof *tb->negative);
  double avail = c->x1 - c->x0;
  if (c->widths_of == t && c->widths_avail == avail) {
    memcpy(tb->w, c->widths, nc * sizeof *tb->w);
    tb->has_status = c->widths_status;
    place_columns(tb);
  } else {
    column_widths(tb);
    c->widths = xrealloc(c->widths, nc * sizeof *c->widths);
    memcpy(c->widths, tb->w, nc * sizeof *tb->w);
    c->widths_of = t;
    c->widths_avail = avail;
    c->widths_status = tb->has_status;
  }
  header_layout(tb);
}

static void tbl_close(tbl *tb) {
  for (size_t j = 0; j < tb->nc; j++) {
    pdf_para_free(&tb->cell[j]);
    pdf_para_free(&tb->head[j]);
    pdf_para_free(&tb->grp[j]);
  }
  free(tb->w);
  free(tb->x);
  free(tb->cell);
  free(tb->head);
  free(tb->grp);
  free(tb->grp_span);
  free(tb->prev_ok);
  free(tb->repeat);
  free(tb->negative);
  buf_free(&tb->txt);
  buf_free(&tb->tmp);
}

/* Height of the caption, the header and the first row (or two lines of it; a group row with its
 * first row): what must fit on the page where the table starts. Leaves the cursor unchanged. */
static double start_height(tbl *tb) {
  pdf_ctx *c = tb->c;
  const doc_table *t = tb->t;
  double first = 0;
  for (size_t r = 0; r < t->nrows && r < 2; r++) {
    size_t nl = row_break(tb, &t->rows[r]);
    first += (double)(nl < 2 ? nl : 2) * TL + 2 * PADY;
    if (t->rows[r].kind != DOC_ROW_GROUP) break;
  }
  double cap_h = 0;
  if (t->title || present_unit_note(t, c->meta->language)) {
    double y0 = c->y;
    caption(tb, 0);
    cap_h = y0 - c->y;
    c->y = y0;
  }
  return cap_h + tb->head_h + first;
}

/* Exact, so that keep-with-next can rely on it: it lays the columns out (one pass over the table's
 * cells, which pdf_layout_table then reuses). Uses c->para. */
double pdf_table_min_height(pdf_ctx *c, const doc_table *t) {
  if (t->ncols == 0) return 0;
  tbl tb;
  tbl_open(&tb, c, t);
  double h = TABLE_BEFORE + start_height(&tb);
  tbl_close(&tb);
  return h;
}

int pdf_layout_table(pdf_ctx *c, const doc_table *t) {
  if (t->ncols == 0) return 0;
  tbl tb;
  tbl_open(&tb, c, t);
  /* The header is drawn again on every page the rows take: one taller than half a page would
   * leave no room for rows and multiply itself (a 100 kB column title took gigabytes). */
  if (tb.head_h > pdf_frame_height(c) / 2) {
    double mm = tb.head_h / PDF_MM;
    tbl_close(&tb);
    return pdf_fail(c,
                    "table '%s': the column headers are %.0f mm tall, more than half a page: "
                    "shorten the column titles",
                    t->title ? t->title : "(no title)", mm);
  }

  if (!c->page_empty) c->y -= TABLE_BEFORE;
  /* Caption, header and the first row (or two lines of it) stay together. */
  int rc = pdf_ensure(c, start_height(&tb));
  if (rc == 0 && (t->title || present_unit_note(t, c->meta->language))) caption(&tb, 1);
  if (rc == 0) draw_header(&tb);
  for (size_t r = 0; r < t->nrows && rc == 0; r++) {
    const doc_row *row = &t->rows[r];
    rc = row->kind == DOC_ROW_GROUP ? place_group(&tb, r) : place_row(&tb, row);
    if (rc == 0 && c->hpdf_error) rc = pdf_check(c, "drawing a table");
  }
  if (rc == 0) {
    pdf_hline(pdf_cur_page(c), PDF_RULE, 0.8, tb.left, tb.left + tb.width, c->y);
    c->y -= 4;
    if (t->note) {
      pdf_para_break_text(&c->fonts, &c->para, t->note, 0, 8, tb.width);
      for (size_t i = 0; i < c->para.nlines && rc == 0; i++) {
        rc = pdf_ensure(c, 10.5);
        pdf_draw_line(c, pdf_cur_page(c), &c->para, i, PDF_MUTED, tb.left,
                      c->y - 1.5 - PDF_ASCENT * 8);
        c->y -= 10.5;
        c->page_empty = 0; /* else a page turn after it would turn this page under the note */
      }
    }
    if (tb.has_status && !t->no_legend) legend(&tb);
    c->y -= 8;
  }
  tbl_close(&tb);
  return rc == 0 && !c->failed ? 0 : -1;
}
