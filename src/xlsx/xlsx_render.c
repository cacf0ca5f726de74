/* xlsx/xlsx_render.c — writes a doc as a workbook through libxlsxwriter (the only file that
 * includes xlsxwriter.h). Two passes over the same layout code: a dry run that assigns sheets,
 * fits column widths and validates everything Excel limits (rows, columns, text length, UTF-8,
 * finite numbers, dates), then the real run, which writes every sheet strictly top to bottom so
 * constant_memory mode can stream rows. docs/xlsx.md is the user-facing description. */
#include "model/present.h"
#include "xlsx/xlsx.h"

#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "model/chart.h"
#include "model/render.h"
#include "util/buf.h"
#include "util/image.h"
#include "util/nofmt.h"
#include "util/utf8.h"
#include "xlsx/chart.h"

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
  lxw_workbook *wb;
  sheet *sheets;
  size_t nsheets;
  size_t *block_sheet; /* per block */
  tplan *tplans;       /* per block (tables) */
  fentry *fmts;
  size_t nfmts, capfmts;
  /* where we are, for error messages */
  size_t block;
  const doc_table *table;
  size_t trow, tcol;   /* table row and model column, or (size_t)-1 */
} ctx;

/* ---- errors ------------------------------------------------------------------------------ */

static void describe_where(ctx *x, char *out, size_t n) {
  if (x->table) {
    const doc_table *t = x->table;
    char cell[160] = "";
    if (x->trow != (size_t)-1 && x->tcol != (size_t)-1 && x->tcol < t->ncols)
      snprintf(cell, sizeof cell, ", row %zu, column '%s'", x->trow + 1, t->cols[x->tcol].title);
    else if (x->trow != (size_t)-1)
      snprintf(cell, sizeof cell, ", row %zu", x->trow + 1);
    if (t->title)
      snprintf(out, n, "table '%s' (block %zu)%s", t->title, x->block + 1, cell);
    else
      snprintf(out, n, "table in block %zu%s", x->block + 1, cell);
  } else {
    snprintf(out, n, "block %zu", x->block + 1);
  }
}

static int fail(ctx *x, sheet *s, uint32_t r, uint16_t c, const char *what) {
  if (x->failed) return -1;
  x->failed = 1;
  char where[512], cell[24] = "?";
  describe_where(x, where, sizeof where);
  if (r < XL_MAX_ROWS && c < XL_MAX_COLS) lxw_rowcol_to_cell(cell, r, c);
  return err_set(x->err, "XLSX: sheet '%s', cell %s, %s: %s", s ? s->name : "?", cell, where,
                 what);
}

static int lxw_fail(ctx *x, sheet *s, uint32_t r, uint16_t c, lxw_error rc) {
  char msg[256];
  snprintf(msg, sizeof msg, "libxlsxwriter: %s", lxw_strerror(rc));
  return fail(x, s, r, c, msg);
}

/* ---- formats ----------------------------------------------------------------------------- */


static lxw_format *get_fmt(ctx *x, const fkey *k) {
  if (x->dry || x->failed) return NULL;
  for (size_t i = 0; i < x->nfmts; i++)
    if (memcmp(&x->fmts[i].key, k, sizeof *k) == 0) return x->fmts[i].f;
  lxw_format *f = workbook_add_format(x->wb);
  if (!f) {
    fail(x, NULL, 0, 0, "out of memory adding a cell format");
    return NULL;
  }
  if (k->num[0]) format_set_num_format(f, k->num);
  if (k->bold) format_set_bold(f);
  if (k->italic) format_set_italic(f);
  if (k->size) format_set_font_size(f, k->size);
  if (k->status && k->status < PRESENT_NSTATUS) { /* THE status table (model/present.c) */
    format_set_pattern(f, LXW_PATTERN_SOLID);
    format_set_bg_color(f, present_statuses[k->status].fill);
    format_set_font_color(f, present_statuses[k->status].ink);
  }
  if (k->fill == FILL_HEADER) {
    format_set_pattern(f, LXW_PATTERN_SOLID);
    format_set_bg_color(f, 0xD9E1F2);
  } else if (k->fill == FILL_GROUP) {
    format_set_pattern(f, LXW_PATTERN_SOLID);
    format_set_bg_color(f, 0xEEF3FA);
  }
  switch (k->border) {
    case BORDER_HEADER: format_set_bottom(f, LXW_BORDER_THIN); break;
    case BORDER_SUBTOTAL: format_set_top(f, LXW_BORDER_THIN); break;
    case BORDER_TOTAL:
      format_set_top(f, LXW_BORDER_THIN);
      format_set_bottom(f, LXW_BORDER_DOUBLE);
      break;
    default: break;
  }
  switch (k->align) {
    case AL_LEFT: format_set_align(f, LXW_ALIGN_LEFT); break;
    case AL_CENTER: format_set_align(f, LXW_ALIGN_CENTER); break;
    case AL_RIGHT: format_set_align(f, LXW_ALIGN_RIGHT); break;
    case AL_ACROSS: format_set_align(f, LXW_ALIGN_CENTER_ACROSS); break;
    default: break;
  }
  if (k->wrap) format_set_text_wrap(f);
  if (k->top) format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
  if (k->link) {
    format_set_underline(f, LXW_UNDERLINE_SINGLE);
    format_set_font_color(f, 0x0563C1);
  }
  if (x->nfmts == x->capfmts) {
    x->capfmts = x->capfmts ? x->capfmts * 2 : 64;
    x->fmts = xrealloc(x->fmts, x->capfmts * sizeof *x->fmts);
  }
  x->fmts[x->nfmts].key = *k;
  x->fmts[x->nfmts].f = f;
  x->nfmts++;
  return f;
}

static lxw_format *text_fmt(ctx *x, unsigned style, int size) {
  fkey k;
  memset(&k, 0, sizeof k);
  k.bold = (style & DOC_BOLD) != 0;
  k.italic = (style & DOC_ITALIC) != 0;
  k.size = (unsigned char)size;
  return get_fmt(x, &k);
}

/* ---- checked writes ---------------------------------------------------------------------- */

static int check_pos(ctx *x, sheet *s, uint32_t r, size_t c) {
  if (r >= XL_MAX_ROWS)
    return fail(x, s, XL_MAX_ROWS, 0,
                "the sheet would need more than 1 048 576 rows (Excel's limit); split the table "
                "or put it on its own sheet");
  if (c >= XL_MAX_COLS)
    return fail(x, s, r, XL_MAX_COLS, "more than 16 384 columns (Excel's limit)");
  return 0;
}

static int check_text(ctx *x, sheet *s, uint32_t r, uint16_t c, const char *text) {
  size_t len = strlen(text);
  if (utf8_invalid_at(text, len) != (size_t)-1)
    return fail(x, s, r, c, "invalid UTF-8 in text (the document model should have replaced it)");
  if (len > XL_MAX_CELL) {
    size_t cps = 0;
    for (size_t i = 0; i < len; i++) cps += ((unsigned char)text[i] & 0xC0) != 0x80;
    if (cps > XL_MAX_CELL) {
      char msg[160];
      snprintf(msg, sizeof msg, "text of %zu characters is longer than Excel's 32 767 per cell",
               cps);
      return fail(x, s, r, c, msg);
    }
  }
  return 0;
}

static void note_width(sheet *s, size_t c, double w) {
  if (c >= s->nwidth) {
    size_t n = s->nwidth ? s->nwidth : 8;
    while (n <= c) n *= 2;
    s->width = xrealloc(s->width, n * sizeof *s->width);
    for (size_t i = s->nwidth; i < n; i++) s->width[i] = 0;
    s->nwidth = n;
  }
  if (w > s->width[c]) s->width[c] = w;
}

static int put_str(ctx *x, sheet *s, uint32_t r, size_t c, const char *text, lxw_format *f) {
  if (x->failed) return -1;
  if (check_pos(x, s, r, c) || check_text(x, s, r, (uint16_t)c, text)) return -1;
  if (x->dry) return 0;
  lxw_error rc = worksheet_write_string(s->ws, r, (lxw_col_t)c, text, f);
  return rc == LXW_NO_ERROR ? 0 : lxw_fail(x, s, r, (uint16_t)c, rc);
}

static int put_num(ctx *x, sheet *s, uint32_t r, size_t c, double v, lxw_format *f) {
  if (x->failed) return -1;
  if (check_pos(x, s, r, c)) return -1;
  if (!isfinite(v)) return fail(x, s, r, (uint16_t)c, "a number is NaN or infinite");
  if (x->dry) return 0;
  lxw_error rc = worksheet_write_number(s->ws, r, (lxw_col_t)c, v, f);
  return rc == LXW_NO_ERROR ? 0 : lxw_fail(x, s, r, (uint16_t)c, rc);
}

static int put_blank(ctx *x, sheet *s, uint32_t r, size_t c, lxw_format *f) {
  if (x->failed) return -1;
  if (check_pos(x, s, r, c)) return -1;
  if (x->dry || !f) return 0;
  lxw_error rc = worksheet_write_blank(s->ws, r, (lxw_col_t)c, f);
  return rc == LXW_NO_ERROR ? 0 : lxw_fail(x, s, r, (uint16_t)c, rc);
}

static int put_date(ctx *x, sheet *s, uint32_t r, size_t c, int32_t ymd, int hour, int min,
                    lxw_format *f) {
  if (x->failed) return -1;
  if (check_pos(x, s, r, c)) return -1;
  int y = ymd / 10000, m = ymd / 100 % 100, dd = ymd % 100;
  if (!nofmt_valid_date(y, m, dd)) {
    char msg[96];
    snprintf(msg, sizeof msg, "invalid date %ld (expected yyyymmdd, 1900-2999)", (long)ymd);
    return fail(x, s, r, (uint16_t)c, msg);
  }
  if (x->dry) return 0;
  lxw_datetime dt = {y, m, dd, hour, min, 0};
  lxw_error rc = worksheet_write_datetime(s->ws, r, (lxw_col_t)c, &dt, f);
  return rc == LXW_NO_ERROR ? 0 : lxw_fail(x, s, r, (uint16_t)c, rc);
}

static int put_formula(ctx *x, sheet *s, uint32_t r, size_t c, const char *formula, double cached,
                       lxw_format *f) {
  if (x->failed) return -1;
  if (check_pos(x, s, r, c)) return -1;
  if (!isfinite(cached)) return fail(x, s, r, (uint16_t)c, "a sum is NaN or infinite");
  if (x->dry) return 0;
  lxw_error rc = worksheet_write_formula_num(s->ws, r, (lxw_col_t)c, formula, f, cached);
  return rc == LXW_NO_ERROR ? 0 : lxw_fail(x, s, r, (uint16_t)c, rc);
}

/* Row options (outline level, height) must be set while the row is current: constant_memory
 * flushes a row as soon as a later one is touched. */
static int put_row(ctx *x, sheet *s, uint32_t r, double height, int level) {
  if (x->failed) return -1;
  if (check_pos(x, s, r, 0)) return -1;
  if (x->dry || (level <= 0 && height <= 0)) return 0;
  lxw_row_col_options o = {0, (uint8_t)(level < 0 ? 0 : level > 7 ? 7 : level), 0};
  lxw_error rc =
      worksheet_set_row_opt(s->ws, r, height > 0 ? height : LXW_DEF_ROW_HEIGHT, NULL, &o);
  return rc == LXW_NO_ERROR ? 0 : lxw_fail(x, s, r, 0, rc);
}

/* ---- text lines -------------------------------------------------------------------------- */

/* A paragraph becomes rows of at most s->wrap_chars characters (one cell per line, overflowing
 * to the right): the sheet reads like the report, and the text prints inside the page width.
 * Rationale: a wrapped cell would be as narrow as column A, and one long unwrapped cell runs off
 * the screen and the printed page. Styles survive as rich text. */
typedef struct flat {
  rapp_buf text;
  rapp_buf style; /* one style byte per text byte */
} flat;

static void flat_add(flat *fl, const char *s, unsigned style) {
  size_t n = strlen(s);
  buf_append(&fl->text, s, n);
  for (size_t i = 0; i < n; i++) buf_putc(&fl->style, (char)style);
}

static int write_line(ctx *x, sheet *s, const flat *fl, size_t a, size_t b, unsigned base,
                      int size) {
  uint32_t r = s->row++;
  const char *t = buf_str(&fl->text);
  const unsigned char *st = (const unsigned char *)buf_str(&fl->style);
  if (a >= b) return 0; /* blank line */
  size_t nfrag = 1;
  for (size_t i = a + 1; i < b; i++) nfrag += st[i] != st[i - 1];
  char *line = xmalloc(b - a + 1);
  memcpy(line, t + a, b - a);
  line[b - a] = '\0';
  int rc;
  if (nfrag == 1) {
    rc = put_str(x, s, r, 0, line, text_fmt(x, st[a] | base, size));
  } else {
    rc = x->failed ? -1 : (check_pos(x, s, r, 0) || check_text(x, s, r, 0, line)) ? -1 : 0;
    if (rc == 0 && !x->dry) {
      lxw_rich_string_tuple *tuples = xcalloc(nfrag, sizeof *tuples);
      lxw_rich_string_tuple **list = xcalloc(nfrag + 1, sizeof *list);
      char *copy = xmalloc((b - a) + nfrag);
      size_t k = 0, o = 0, i = a;
      while (i < b) {
        size_t j = i + 1;
        while (j < b && st[j] == st[i]) j++;
        tuples[k].format = text_fmt(x, st[i] | base, size);
        tuples[k].string = copy + o;
        memcpy(copy + o, t + i, j - i);
        o += j - i;
        copy[o++] = '\0';
        list[k] = &tuples[k];
        k++;
        i = j;
      }
      lxw_error e = worksheet_write_rich_string(s->ws, r, 0, list, NULL);
      if (e != LXW_NO_ERROR) rc = lxw_fail(x, s, r, 0, e);
      free(copy);
      free(list);
      free(tuples);
    }
  }
  free(line);
  return rc;
}

/* Writes fl wrapped at s->wrap_chars code points (breaking at spaces, hard-breaking words longer
 * than a line, honouring '\n'). */
static int write_lines(ctx *x, sheet *s, const flat *fl, unsigned base, int size) {
  const char *t = buf_str(&fl->text);
  size_t n = fl->text.len, start = 0;
  size_t width = s->wrap_chars > 20 ? (size_t)s->wrap_chars : 20;
  while (start < n) {
    size_t i = start, cps = 0, last_space = (size_t)-1, end = n, next = n;
    while (i < n) {
      if (t[i] == '\n') {
        end = i;
        next = i + 1;
        break;
      }
      if (cps == width) {
        if (t[i] == ' ') {
          end = i;
          next = i + 1;
        } else if (last_space != (size_t)-1 && last_space > start) {
          end = last_space;
          next = last_space + 1;
        } else {
          end = i;
          next = i;
        }
        break;
      }
      if (t[i] == ' ') last_space = i;
      uint32_t cp;
      size_t k = utf8_decode(t + i, n - i, &cp);
      i += k ? k : 1;
      cps++;
    }
    if (i >= n && end == n) next = n;
    if (write_line(x, s, fl, start, end, base, size)) return -1;
    start = next;
    while (start < n && t[start] == ' ' && next != n) start++;
  }
  return 0;
}

static int write_inline(ctx *x, sheet *s, const char *prefix, const doc_inline *in, unsigned base,
                        int size) {
  flat fl = {{0}, {0}};
  if (prefix) flat_add(&fl, prefix, 0);
  for (size_t i = 0; i < in->nruns; i++) {
    flat_add(&fl, in->runs[i].text ? in->runs[i].text : "", in->runs[i].style);
    const char *href = in->runs[i].href; /* a link: "text (url)" after its last run */
    if (href && (i + 1 == in->nruns || !in->runs[i + 1].href || strcmp(in->runs[i + 1].href, href) != 0)) {
      flat_add(&fl, " (", 0);
      flat_add(&fl, href, 0);
      flat_add(&fl, ")", 0);
    }
  }
  int rc = write_lines(x, s, &fl, base, size);
  buf_free(&fl.text);
  buf_free(&fl.style);
  return rc;
}

static int write_plain(ctx *x, sheet *s, const char *text, unsigned base, int size) {
  flat fl = {{0}, {0}};
  flat_add(&fl, text, 0);
  int rc = write_lines(x, s, &fl, base, size);
  buf_free(&fl.text);
  buf_free(&fl.style);
  return rc;
}

/* ---- planning ---------------------------------------------------------------------------- */

static size_t add_sheet(ctx *x, const char *text, const char *fallback) {
  x->sheets = xrealloc(x->sheets, (x->nsheets + 1) * sizeof *x->sheets);
  const char **taken = xmalloc((x->nsheets + 1) * sizeof *taken);
  for (size_t i = 0; i < x->nsheets; i++) taken[i] = x->sheets[i].name;
  sheet *s = &x->sheets[x->nsheets];
  memset(s, 0, sizeof *s);
  xlsx_sheet_name(text, fallback, taken, x->nsheets, s->name, sizeof s->name);
  s->title_block = NO_SHEET;
  s->main_block = NO_SHEET;
  free(taken);
  return x->nsheets++;
}

static int col_numeric(doc_col_type t) { return t != DOC_COL_TEXT && t != DOC_COL_DATE; }

static void plan_table(ctx *x, size_t bi, const doc_table *t, sheet *s) {
  tplan *p = &x->tplans[bi];
  for (size_t c = 0; c < t->ncols; c++) {
    if (t->cols[c].group && t->cols[c].group[0]) p->two_level = 1;
  }
  /* Where do status words go? In a text column that carries status itself, or else in a
   * "Status" column added right after each non-text column with status cells. */
  int *has_status = xcalloc(t->ncols ? t->ncols : 1, sizeof *has_status);
  for (size_t r = 0; r < t->nrows; r++)
    for (size_t c = 0; c < t->ncols; c++)
      if (t->rows[r].cells[c].status != DOC_STATUS_NONE) has_status[c] = 1;
  for (size_t c = 0; c < t->ncols; c++)
    if (has_status[c] && t->cols[c].type == DOC_COL_TEXT) p->status_text = 1;
  p->x = xcalloc(2 * (t->ncols ? t->ncols : 1), sizeof *p->x);
  for (size_t c = 0; c < t->ncols; c++) {
    p->x[p->nx++] = (xcol){c, 0};
    if (has_status[c] && !p->status_text && t->cols[c].type != DOC_COL_TEXT)
      p->x[p->nx++] = (xcol){c, 1};
  }
  free(has_status);
  p->lines_w = xcalloc(p->nx ? p->nx : 1, sizeof *p->lines_w);

  /* Column widths from the header and the formatted cells (the text a reader sees). */
  for (size_t j = 0; j < p->nx; j++) {
    const doc_column *col = &t->cols[p->x[j].col];
    double w;
    if (p->x[j].status) {
      w = (double)xlsx_text_width("■ Uakseptabelt resultat");
    } else {
      size_t hw = xlsx_text_width(col->title);
      w = (double)(hw < HEADER_WIDTH_MAX ? hw : HEADER_WIDTH_MAX);
      for (size_t r = 0; r < t->nrows; r++) {
        const doc_row *row = &t->rows[r];
        if (r >= SAMPLE_ROWS && row->kind == DOC_ROW_DATA) continue;
        present_cell pc;
        present_table_cell(t, r, p->x[j].col, &pc);
        size_t cw = 0;
        if (row->kind == DOC_ROW_GROUP) {
          if (j == 0 && pc.label) cw = xlsx_text_width(pc.text);
        } else if (pc.kind == DOC_CELL_TEXT) {
          cw = xlsx_text_width(pc.text_is_status ? present_status_word(pc.status, NULL) : pc.text) +
               (pc.status ? 2 : 0);
        } else if (pc.kind != DOC_CELL_EMPTY) {
          cw = xlsx_text_width(pc.text) + 1; /* the workbook shows value and unit (pc.unit) */
        }
        if ((double)cw > w) w = (double)cw;
      }
      /* A preferred width (the PDF's) wins, except that a text column grows by up to half to
       * fit its longest text (the sheet's font is larger than the PDF's); texts longer still
       * wrap at it (they would otherwise run under the next column and be cut there, on screen
       * and in print). */
      double content = w;
      if (col->width_mm > 0) {
        w = col->width_mm / 1.9;
        if (col->type == DOC_COL_TEXT && content > w && content <= w * 1.5) w = content;
      }
      if (col->type == DOC_COL_TEXT && w > WIDTH_MAX) p->lines_w[j] = WIDTH_MAX;
      else if (col->type == DOC_COL_TEXT && content > (w + 2) * TEXT_FIT) p->lines_w[j] = w + 2;
    }
    w += 2;
    if (w < WIDTH_MIN) w = WIDTH_MIN;
    if (w > WIDTH_MAX) w = WIDTH_MAX;
    note_width(s, j, w);
  }
}

static void plan_keyfigures(ctx *x, const doc_block *b, sheet *s) {
  (void)x;
  char buf[256];
  for (size_t i = 0; i < b->u.keyfigures.nitems; i++) {
    const doc_keyfigure *k = &b->u.keyfigures.items[i];
    note_width(s, 0, (double)xlsx_text_width(k->label) + 2);
    doc_keyfigure plain = *k;
    plain.value.text = NULL;
    note_width(s, 1, (double)xlsx_text_width(doc_format_keyfigure(&plain, buf, sizeof buf)) + 3);
    if (k->comparison) note_width(s, 2, (double)xlsx_text_width(k->comparison) + 2);
    if (k->value.status != DOC_STATUS_NONE) note_width(s, 3, 25);
  }
}

/* Column widths of a chart's data table (xlsx/chart.c leaves widths to the renderer, which sets
 * them once per sheet for all its blocks). */
static void plan_chart(const doc_chart *c, sheet *s) {
  char buf[128];
  size_t w = c->cat_title ? xlsx_text_width(c->cat_title) : 0;
  for (size_t i = 0; i < c->ncats; i++)
    if (xlsx_text_width(c->cats[i]) > w) w = xlsx_text_width(c->cats[i]);
  note_width(s, 0, (double)(w > 40 ? 40 : w) + 2);
  for (size_t k = 0; k < c->nseries; k++) {
    size_t sw = xlsx_text_width(c->series[k].name);
    if (sw > HEADER_WIDTH_MAX) sw = HEADER_WIDTH_MAX;
    for (size_t i = 0; i < c->ncats; i++) {
      size_t vw = xlsx_text_width(doc_chart_format_value(c, c->series[k].values[i], buf, sizeof buf)) + 1;
      if (vw > sw) sw = vw;
    }
    note_width(s, 1 + k, (double)sw + 2);
  }
  for (size_t k = 0; k < c->nlines + c->nbands; k++) note_width(s, 1 + c->nseries + k, 14);
}

static void plan(ctx *x) {
  size_t nb = doc_nblocks(x->d);
  x->block_sheet = xmalloc((nb ? nb : 1) * sizeof *x->block_sheet);
  x->tplans = xcalloc(nb ? nb : 1, sizeof *x->tplans);
  add_sheet(x, "Om rapporten", NULL);
  size_t cur = NO_SHEET, pending = NO_SHEET;
  int pending_landscape = 0;
  for (size_t i = 0; i < nb; i++) {
    const doc_block *b = doc_block_at(x->d, i);
    x->block_sheet[i] = NO_SHEET;
    switch (b->kind) {
      case DOC_COVER:
      case DOC_TOC:
      case DOC_PAGEBREAK:
        continue;
      case DOC_ORIENTATION:
        if (cur != NO_SHEET)
          x->sheets[cur].landscape |= b->u.orientation.landscape;
        else
          pending_landscape = b->u.orientation.landscape;
        continue;
      case DOC_HEADING:
        if (b->u.heading.level == 1) {
          cur = NO_SHEET;
          pending = i;
          pending_landscape = 0;
          continue;
        }
        break;
      case DOC_TABLE:
        if (b->u.table->sheet && b->u.table->sheet[0]) {
          size_t si = add_sheet(x, b->u.table->sheet, b->u.table->title ? b->u.table->title : "Tabell");
          x->sheets[si].title = b->u.table->title ? b->u.table->title : b->u.table->sheet;
          x->block_sheet[i] = si;
          continue;
        }
        break;
      case DOC_PARAGRAPH: /* content: goes on the current sheet */
      case DOC_BULLETS:
      case DOC_KEYFIGURES:
      case DOC_NOTE:
      case DOC_IMAGE:
      case DOC_CHART:
        break;
    }
    if (cur == NO_SHEET) {
      const char *name = pending != NO_SHEET ? doc_block_at(x->d, pending)->u.heading.text
                                             : (x->m->title ? x->m->title : "Rapport");
      cur = add_sheet(x, name, "Rapport");
      sheet *s = &x->sheets[cur];
      s->title_block = pending;
      if (pending != NO_SHEET) x->block_sheet[pending] = cur;
      s->landscape = pending_landscape;
    }
    x->block_sheet[i] = cur;
  }
  for (size_t i = 0; i < nb; i++) {
    if (x->block_sheet[i] == NO_SHEET) continue;
    const doc_block *b = doc_block_at(x->d, i);
    sheet *s = &x->sheets[x->block_sheet[i]];
    if (b->kind == DOC_TABLE) {
      plan_table(x, i, b->u.table, s);
      /* The sheet's main table is its first with at least two data rows: a one-row table
       * above it (a status legend, "Resultatgrense") must not take the frozen panes and the
       * sheet's only autofilter. A sheet with one table gives it to that table anyway. */
      size_t ndata = 0;
      for (size_t r = 0; r < b->u.table->nrows && ndata < 2; r++)
        ndata += b->u.table->rows[r].kind == DOC_ROW_DATA;
      if (s->main_block == NO_SHEET && ndata >= 2) s->main_block = i;
      if (s->ntables++ == 0) s->first_table = i;
    }
    if (b->kind == DOC_KEYFIGURES) plan_keyfigures(x, b, s);
    if (b->kind == DOC_CHART) plan_chart(b->u.chart, s);
  }
  for (size_t si = 1; si < x->nsheets; si++) {
    sheet *s = &x->sheets[si];
    if (s->main_block == NO_SHEET && s->ntables == 1) s->main_block = s->first_table;
    double total = 0;
    for (size_t c = 0; c < s->nwidth; c++) total += s->width[c] > 0 ? s->width[c] : 8.43;
    if (total > WIDE_SHEET) s->landscape = 1;
    int w = (int)total;
    s->wrap_chars = w < 70 ? 70 : w > 110 ? 110 : w;
  }
  x->sheets[0].wrap_chars = 100;
}

/* ---- cells ------------------------------------------------------------------------------- */

/* 1 = the plan's column j is followed by the Status column added for it. */
static int status_beside(const tplan *p, size_t j) {
  return j + 1 < p->nx && p->x[j + 1].status && p->x[j + 1].col == p->x[j].col;
}

static const char *status_text(doc_status st, char *buf, size_t n) {
  snprintf(buf, n, "%s %s", doc_status_symbol(st), doc_status_label(st));
  return buf;
}

/* Cell format for a value of column col in a row of kind rk with status st (`merged` = aligned
 * to the top, as merged and wrapped cells are). A resolved NUMBER cell (`pc`, or NULL for the
 * column's plain format) brings its decimals and unit (model/present.c); a value that rounds to
 * zero gets a format without the minus, so it shows "0" like every other output. Formats are
 * cached per combination in get_fmt. */
static lxw_format *cell_fmt(ctx *x, const doc_column *col, const present_cell *pc,
                            doc_cell_kind kind, doc_row_kind rk, doc_status st, int wrap,
                            int merged) {
  if (x->dry) return NULL;
  fkey k;
  memset(&k, 0, sizeof k);
  if (kind == DOC_CELL_DATE) {
    snprintf(k.num, sizeof k.num, "dd.mm.yyyy");
  } else if (kind == DOC_CELL_NUMBER && col->type != DOC_COL_DATE) {
    xlsx_number_format_ex(col->type, pc ? pc->decimals : col->decimals, col->thousands,
                          col->mark_negative, pc ? pc->unit : "", k.num, sizeof k.num);
    char *semi = strchr(k.num, ';');
    if (pc && pc->zero && semi) { /* "#,##0;#,##0": no "−0" */
      size_t head = (size_t)(semi - k.num);
      if (2 * head + 2 <= sizeof k.num) {
        memcpy(semi + 1, k.num, head);
        semi[1 + head] = '\0';
      }
    }
  }
  k.bold = rk != DOC_ROW_DATA;
  k.status = (unsigned char)st;
  k.border = rk == DOC_ROW_SUBTOTAL ? BORDER_SUBTOTAL : rk == DOC_ROW_TOTAL ? BORDER_TOTAL : BORDER_NONE;
  k.fill = rk == DOC_ROW_GROUP ? FILL_GROUP : FILL_NONE;
  k.align = col->align == DOC_ALIGN_LEFT ? AL_LEFT : col->align == DOC_ALIGN_CENTER ? AL_CENTER
            : col->align == DOC_ALIGN_RIGHT ? AL_RIGHT : AL_DEFAULT;
  k.wrap = (unsigned char)wrap;
  k.top = (unsigned char)(wrap || merged);
  return get_fmt(x, &k);
}

static double percent_value(const doc_column *col, double v) {
  return col->type == DOC_COL_PERCENT ? v / 100.0 : v;
}

/* The cached value of SUBTOTAL(9, rows [a, b)) (SUBTOTAL skips nested SUBTOTAL formulas; GROUP
 * rows are empty): the model's sum, as a fraction for percent columns. */
static double range_sum(const doc_table *t, size_t c, size_t a, size_t b) {
  return percent_value(&t->cols[c], present_range_sum(t, c, a, b));
}

/* Declares the merge of a run of repeats (merge_repeats) in sheet column j from row r0 (the run's
 * first, table row `first`) to r1. libxlsxwriter writes a string into the first cell; a number
 * there is written again (in constant_memory mode the first row is already out and keeps the
 * value written then, and the second write is refused as out of range, which is expected). */
static int merge_run_cells(ctx *x, sheet *s, const doc_table *t, size_t j, size_t c, uint32_t r0,
                           uint32_t r1, size_t first) {
  present_cell pc;
  present_table_cell(t, first, c, &pc);
  const doc_column *col = &t->cols[c];
  int number = pc.kind == DOC_CELL_NUMBER;
  lxw_format *f = cell_fmt(x, col, number ? &pc : NULL, number ? DOC_CELL_NUMBER : DOC_CELL_TEXT,
                           DOC_ROW_DATA, pc.status, 1, 1);
  lxw_error e = worksheet_merge_range(s->ws, r0, (lxw_col_t)j, r1, (lxw_col_t)j,
                                      number ? "" : pc.text, f);
  if (e) return lxw_fail(x, s, r1, (uint16_t)j, e);
  if (number) {
    e = worksheet_write_number(s->ws, r0, (lxw_col_t)j, percent_value(col, pc.value), f);
    if (e && e != LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE) return lxw_fail(x, s, r0, (uint16_t)j, e);
  }
  return 0;
}

static int write_table(ctx *x, size_t bi, const doc_table *t, sheet *s) {
  tplan *p = &x->tplans[bi];
  x->table = t;
  x->trow = x->tcol = (size_t)-1;
  char buf[256];
  /* caption and unit */
  if (t->title && !(s->title && s->row == 2 && s->title == t->title)) {
    if (put_str(x, s, s->row, 0, t->title, text_fmt(x, DOC_BOLD, 12))) return -1;
    s->row++;
  }
  const char *unit = present_unit_note(t);
  if (unit) {
    if (put_str(x, s, s->row, 0, unit, text_fmt(x, DOC_ITALIC, 0))) return -1;
    s->row++;
  }
  if (p->nx == 0) return 0;
  /* header */
  uint32_t head0 = s->row;
  fkey hk;
  memset(&hk, 0, sizeof hk);
  hk.bold = 1;
  hk.fill = FILL_HEADER;
  if (p->two_level) {
    /* Groups are centred across their columns without merging, so filter and sort work. */
    if (put_row(x, s, s->row, 0, 0)) return -1;
    hk.align = AL_ACROSS;
    lxw_format *across = get_fmt(x, &hk);
    for (size_t j = 0; j < p->nx; j++) {
      const char *g = t->cols[p->x[j].col].group;
      const char *prev = j ? t->cols[p->x[j - 1].col].group : NULL;
      int starts = g && g[0] && !(prev && strcmp(prev, g) == 0);
      if (starts ? put_str(x, s, s->row, j, g, across) : put_blank(x, s, s->row, j, across))
        return -1;
    }
    s->row++;
  }
  double head_lines = 1;
  for (size_t j = 0; j < p->nx; j++) {
    const char *title = p->x[j].status ? "Status" : t->cols[p->x[j].col].title;
    double w = j < s->nwidth && s->width[j] > 2 ? s->width[j] - 1 : 8;
    double lines = ceil((double)xlsx_text_width(title) / w);
    if (lines > head_lines) head_lines = lines;
  }
  if (head_lines > 4) head_lines = 4;
  if (put_row(x, s, s->row, head_lines > 1 ? head_lines * ROW_HEIGHT : 0, 0)) return -1;
  hk.align = AL_DEFAULT;
  hk.border = BORDER_HEADER;
  hk.wrap = 1;
  for (size_t j = 0; j < p->nx; j++) {
    const doc_column *col = &t->cols[p->x[j].col];
    hk.align = !p->x[j].status && (col_numeric(col->type) || col->type == DOC_COL_DATE) ? AL_RIGHT : AL_DEFAULT;
    if (col->align == DOC_ALIGN_CENTER) hk.align = AL_CENTER;
    const char *title = p->x[j].status ? "Status" : col->title;
    if (put_str(x, s, s->row, j, title, get_fmt(x, &hk))) return -1;
  }
  uint32_t head1 = s->row++;
  uint32_t body0 = s->row;
  if (s->main_block == bi && !x->dry) {
    if (body0 <= FREEZE_MAX_ROW) worksheet_freeze_panes(s->ws, body0, 0);
    lxw_error rc = worksheet_repeat_rows(s->ws, head0, head1);
    if (rc) return lxw_fail(x, s, head0, 0, rc);
    uint32_t last = body0 + (uint32_t)t->nrows;
    while (last > body0 && t->rows[last - body0 - 1].kind == DOC_ROW_TOTAL) last--;
    if (last > body0) {
      rc = worksheet_autofilter(s->ws, head1, 0, last - 1, (lxw_col_t)(p->nx - 1));
      if (rc) return lxw_fail(x, s, head1, 0, rc);
    }
  }
  /* body; when a column wraps, every cell aligns to the top so a row reads on one line */
  int top = 0;
  for (size_t j = 0; j < p->nx; j++) top |= p->lines_w[j] > 0;
  size_t *merge_end = xcalloc(t->ncols ? t->ncols : 1, sizeof *merge_end); /* run end row (excl) */
  size_t *merge_start = xcalloc(t->ncols ? t->ncols : 1, sizeof *merge_start);
  int rc = 0;
  for (size_t r = 0; r < t->nrows && rc == 0; r++) {
    const doc_row *row = &t->rows[r];
    uint32_t sr = body0 + (uint32_t)r;
    x->trow = r;
    x->tcol = (size_t)-1;
    /* runs of merge_repeats columns start here (needed for the row height, used below) */
    for (size_t c = 0; c < t->ncols && row->kind == DOC_ROW_DATA; c++)
      if (t->cols[c].merge_repeats && r >= merge_end[c]) {
        merge_start[c] = r;
        merge_end[c] = r + present_run(t, r, c);
      }
    double lines = 1;
    for (size_t j = 0; j < p->nx; j++) {
      size_t c = p->x[j].col;
      const doc_cell *cell = &row->cells[c];
      if (p->lines_w[j] > 0 && cell->kind == DOC_CELL_TEXT && row->kind == DOC_ROW_DATA) {
        double l = ceil((double)xlsx_text_width(cell->text) / ((p->lines_w[j] - 1) * TEXT_FIT));
        /* a merged text wraps over the rows of its run: each row needs its share */
        if (t->cols[c].merge_repeats && merge_end[c] > merge_start[c])
          l = ceil(l / (double)(merge_end[c] - merge_start[c]));
        if (l > lines) lines = l;
      }
    }
    if (lines > 15) lines = 15;
    if ((rc = put_row(x, s, sr, lines > 1 ? lines * ROW_HEIGHT : 0, row->level))) break;
    if (row->kind == DOC_ROW_GROUP) {
      fkey gk;
      memset(&gk, 0, sizeof gk);
      gk.bold = 1;
      gk.fill = FILL_GROUP;
      lxw_format *gf = get_fmt(x, &gk);
      for (size_t j = 0; j < p->nx && rc == 0; j++) {
        x->tcol = p->x[j].col;
        rc = j == 0 && row->label ? put_str(x, s, sr, 0, row->label, gf) : put_blank(x, s, sr, j, gf);
      }
      continue;
    }
    for (size_t j = 0; j < p->nx && rc == 0; j++) {
      size_t c = p->x[j].col;
      const doc_column *col = &t->cols[c];
      const doc_cell *cell = &row->cells[c];
      present_cell pc;
      present_table_cell(t, r, c, &pc);
      x->tcol = c;
      if (p->x[j].status) {
        if (cell->status != DOC_STATUS_NONE) {
          fkey sk;
          memset(&sk, 0, sizeof sk);
          sk.status = (unsigned char)cell->status;
          sk.bold = row->kind != DOC_ROW_DATA;
          sk.top = (unsigned char)top;
          rc = put_str(x, s, sr, j, status_text(cell->status, buf, sizeof buf), get_fmt(x, &sk));
        }
        continue;
      }
      /* label of a subtotal/total row in its first column */
      if (j == 0 && pc.label) {
        rc = put_str(x, s, sr, 0, pc.text, cell_fmt(x, col, NULL, DOC_CELL_TEXT, row->kind, DOC_STATUS_NONE, 0, 0));
        continue;
      }
      /* a sum over no figures is left as the model has it ("–"), not a formula giving 0 */
      int summed = col->sum && (row->kind == DOC_ROW_SUBTOTAL || row->kind == DOC_ROW_TOTAL) &&
                   col_numeric(col->type) && cell->kind == DOC_CELL_NUMBER;
      if (summed) {
        size_t a, b;
        if (row->kind == DOC_ROW_TOTAL) {
          a = 0;
          b = r;
        } else {
          a = row->sum_first;
          b = row->sum_first + row->sum_count;
          if (b > t->nrows) b = t->nrows;
          if (a <= r && r < b) b = r; /* never include the row itself */
        }
        lxw_format *f = cell_fmt(x, col, &pc, DOC_CELL_NUMBER, row->kind, cell->status, 0, 0);
        if (a >= b) {
          rc = put_num(x, s, sr, j, 0, f);
        } else {
          char c1[16], c2[16], formula[64];
          lxw_rowcol_to_cell(c1, body0 + (uint32_t)a, (lxw_col_t)j);
          lxw_rowcol_to_cell(c2, body0 + (uint32_t)b - 1, (lxw_col_t)j);
          snprintf(formula, sizeof formula, "=SUBTOTAL(9,%s:%s)", c1, c2);
          rc = put_formula(x, s, sr, j, formula, range_sum(t, c, a, b), f);
        }
        continue;
      }
      /* vertical merge of repeated values (merge_repeats): the value goes in the first row;
       * the merge is declared at the run's last row, the only moment constant_memory accepts
       * it (it pads the range with blanks, which must not overtake later rows). */
      int merged = 0;
      if (col->merge_repeats && row->kind == DOC_ROW_DATA) {
        merged = merge_end[c] - merge_start[c] > 1;
        if (merged && pc.repeat) {
          if (r == merge_end[c] - 1 && !x->dry) rc = merge_run_cells(x, s, t, j, c, body0 + (uint32_t)merge_start[c], sr, merge_start[c]);
          continue;
        }
      }
      int wrap = p->lines_w[j] > 0 || merged;
      switch (cell->kind) {
        case DOC_CELL_EMPTY:
          if (cell->status != DOC_STATUS_NONE)
            rc = p->status_text && col->type == DOC_COL_TEXT
                     ? put_str(x, s, sr, j, status_text(cell->status, buf, sizeof buf),
                               cell_fmt(x, col, NULL, DOC_CELL_TEXT, row->kind, cell->status, 0, 0))
                     : put_blank(x, s, sr, j, cell_fmt(x, col, &pc, DOC_CELL_NUMBER, row->kind, cell->status, 0, top));
          else if (row->kind != DOC_ROW_DATA)
            rc = put_blank(x, s, sr, j, cell_fmt(x, col, NULL, DOC_CELL_EMPTY, row->kind, DOC_STATUS_NONE, 0, 0));
          break;
        case DOC_CELL_TEXT: {
          const char *text = pc.text;
          char *withsym = NULL;
          if (cell->status != DOC_STATUS_NONE && status_beside(p, j)) {
            /* A text in a number column ("Ikke målt" where there is no value): the added Status
             * column carries symbol and word, so the value cell is left empty (with the fill),
             * which filters and sums as "no value"; a different text stays, without symbol. */
            if (pc.text_is_status)
              rc = put_blank(x, s, sr, j, cell_fmt(x, col, NULL, DOC_CELL_EMPTY, row->kind, cell->status, 0, top));
            else
              rc = put_str(x, s, sr, j, text, cell_fmt(x, col, NULL, DOC_CELL_TEXT, row->kind, cell->status, wrap, merged || top));
            break;
          }
          if (cell->status != DOC_STATUS_NONE) {
            /* symbol and word travel with the fill: "● Ønsket resultat" */
            const char *shown = pc.text_is_status ? present_status_word(cell->status, NULL) : text;
            size_t need = strlen(shown) + 16;
            withsym = xmalloc(need);
            snprintf(withsym, need, "%s %s", doc_status_symbol(cell->status), shown);
            text = withsym;
          }
          rc = put_str(x, s, sr, j, text, cell_fmt(x, col, NULL, DOC_CELL_TEXT, row->kind, cell->status, wrap, merged || top));
          free(withsym);
          break;
        }
        case DOC_CELL_NUMBER:
          rc = put_num(x, s, sr, j, percent_value(col, cell->number),
                       cell_fmt(x, col, &pc, DOC_CELL_NUMBER, row->kind, cell->status, 0, top));
          break;
        case DOC_CELL_DATE:
          rc = put_date(x, s, sr, j, cell->date, 0, 0,
                        cell_fmt(x, col, NULL, DOC_CELL_DATE, row->kind, cell->status, 0, top));
          break;
      }
    }
  }
  free(merge_end);
  free(merge_start);
  if (rc) return -1;
  s->row = body0 + (uint32_t)t->nrows;
  x->trow = x->tcol = (size_t)-1;
  if (t->note) {
    if (write_plain(x, s, t->note, DOC_ITALIC, 0)) return -1;
  }
  s->row++;
  x->table = NULL;
  return 0;
}

static int write_keyfigures(ctx *x, const doc_block *b, sheet *s) {
  char buf[256];
  for (size_t i = 0; i < b->u.keyfigures.nitems; i++) {
    const doc_keyfigure *k = &b->u.keyfigures.items[i];
    uint32_t r = s->row++;
    if (put_str(x, s, r, 0, k->label ? k->label : "", text_fmt(x, DOC_BOLD, 0))) return -1;
    doc_column col;
    memset(&col, 0, sizeof col);
    col.type = k->type;
    col.decimals = k->decimals;
    col.thousands = k->thousands;
    const doc_cell *v = &k->value;
    present_cell pv;
    present_keyfigure(k, &pv);
    int rc = 0;
    if (v->kind == DOC_CELL_NUMBER)
      rc = put_num(x, s, r, 1, percent_value(&col, v->number),
                   cell_fmt(x, &col, &pv, DOC_CELL_NUMBER, DOC_ROW_DATA, v->status, 0, 0));
    else if (v->kind == DOC_CELL_DATE)
      rc = put_date(x, s, r, 1, v->date, 0, 0, cell_fmt(x, &col, NULL, DOC_CELL_DATE, DOC_ROW_DATA, v->status, 0, 0));
    else if (v->kind == DOC_CELL_TEXT)
      rc = put_str(x, s, r, 1, v->text, cell_fmt(x, &col, NULL, DOC_CELL_TEXT, DOC_ROW_DATA, v->status, 0, 0));
    if (rc) return -1;
    if (k->comparison && put_str(x, s, r, 2, k->comparison, NULL)) return -1;
    if (v->status != DOC_STATUS_NONE) {
      fkey sk;
      memset(&sk, 0, sizeof sk);
      sk.status = (unsigned char)v->status;
      if (put_str(x, s, r, 3, status_text(v->status, buf, sizeof buf), get_fmt(x, &sk))) return -1;
    }
  }
  s->row++;
  return 0;
}

/* ---- Om rapporten ------------------------------------------------------------------------ */

/* A date line of the provenance as a typed date (dd.mm.yyyy). */
static int about_date(ctx *x, sheet *s, const char *label, int32_t ymd) {
  uint32_t r = s->row++;
  fkey dk;
  memset(&dk, 0, sizeof dk);
  dk.align = AL_LEFT;
  snprintf(dk.num, sizeof dk.num, "dd.mm.yyyy");
  if (put_str(x, s, r, 0, label, text_fmt(x, DOC_BOLD, 0))) return -1;
  return put_date(x, s, r, 1, ymd, 0, 0, get_fmt(x, &dk));
}

static int about_row(ctx *x, sheet *s, const char *label, const char *value) {
  if (!value || !value[0]) return 0;
  uint32_t r = s->row++;
  if (put_str(x, s, r, 0, label, text_fmt(x, DOC_BOLD, 0))) return -1;
  note_width(s, 1, (double)xlsx_text_width(value) + 2);
  return put_str(x, s, r, 1, value, NULL);
}

static int write_about(ctx *x) {
  sheet *s = &x->sheets[0];
  const doc_meta *m = x->m;
  const char *title = m->title;
  const char *subtitle = m->subtitle;
  for (size_t i = 0; i < doc_nblocks(x->d); i++) {
    const doc_block *b = doc_block_at(x->d, i);
    if (b->kind != DOC_COVER) continue;
    if (!title) title = b->u.cover.title;
    if (!subtitle) subtitle = b->u.cover.subtitle;
  }
  x->block = 0;
  note_width(s, 0, 24);
  if (put_str(x, s, s->row++, 0, title ? title : "Rapport", text_fmt(x, DOC_BOLD, 14))) return -1;
  if (subtitle && put_str(x, s, s->row++, 0, subtitle, text_fmt(x, 0, 12))) return -1;
  s->row++;
  fkey dk;
  memset(&dk, 0, sizeof dk);
  dk.align = AL_LEFT;
  /* The same provenance lines as the PDF's colophon (model/doc.h doc_about_lines); dates typed. */
  doc_about_line lines[DOC_ABOUT_MAX];
  size_t nlines = doc_about_lines(m, lines);
  for (size_t i = 0; i < nlines; i++) {
    const doc_about_line *l = &lines[i];
    if (l->created) {
      /* 0 would make libxlsxwriter use the current time; the same instant is shown here. */
      rapp_localtime lt; /* Norwegian local time, as every output (present_created) */
      present_created(m, &lt);
      uint32_t r = s->row++;
      if (put_str(x, s, r, 0, l->label, text_fmt(x, DOC_BOLD, 0))) return -1;
      snprintf(dk.num, sizeof dk.num, "dd.mm.yyyy hh:mm");
      if (put_date(x, s, r, 1, lt.ymd, lt.hour, lt.min, get_fmt(x, &dk))) return -1;
      note_width(s, 1, 18);
    } else if (l->date ? about_date(x, s, l->label, l->date)
                       : about_row(x, s, l->label, l->value)) {
      return -1;
    }
  }
  s->row++;
  if (x->nsheets > 1) {
    if (put_str(x, s, s->row++, 0, "Innhold", text_fmt(x, DOC_BOLD, 12))) return -1;
    fkey lk;
    memset(&lk, 0, sizeof lk);
    lk.link = 1;
    for (size_t i = 1; i < x->nsheets; i++) {
      uint32_t r = s->row++;
      char url[300], quoted[260];
      size_t o = 0;
      for (const char *p = x->sheets[i].name; *p && o + 3 < sizeof quoted; p++) {
        if (*p == '\'') quoted[o++] = '\'';
        quoted[o++] = *p;
      }
      quoted[o] = '\0';
      snprintf(url, sizeof url, "internal:'%s'!A1", quoted);
      if (put_str(x, s, r, 0, x->sheets[i].name, NULL)) return -1;
      if (!x->dry) {
        lxw_error rc = worksheet_write_url_opt(s->ws, r, 0, url, get_fmt(x, &lk), x->sheets[i].name, NULL);
        if (rc) return lxw_fail(x, s, r, 0, rc);
      }
    }
    s->row++;
  }
  char buf[128];
  /* The status legend only where a status is shown. */
  if (doc_has_status(x->d) && put_str(x, s, s->row++, 0, "Statusfarger", text_fmt(x, DOC_BOLD, 12)))
    return -1;
  for (int st = DOC_STATUS_DESIRED; doc_has_status(x->d) && st <= DOC_STATUS_NO_TARGET; st++) {
    fkey sk;
    memset(&sk, 0, sizeof sk);
    sk.status = (unsigned char)st;
    if (put_str(x, s, s->row++, 0, status_text((doc_status)st, buf, sizeof buf), get_fmt(x, &sk)))
      return -1;
  }
  static const char *const notes[] = {
      "Status vises med farge, symbol og ord, så betydningen går fram også i svart-hvitt.",
      "Tall er lagret som tall og datoer som datoer; visningen følger språkinnstillingen.",
      "Beløp i 1 000 kr er lagret i hele kroner og vises i tusen kroner, så summer og formler "
      "regner med kroner.",
      "Prosenter er lagret som andeler: 12,5 % er verdien 0,125.",
      "I kolonner med blandede enheter (resultatet i målekortet) står enheten i tallformatet, og "
      "verdien er tallet slik det vises: 7,6 % er verdien 7,6, 16 dager er 16.",
      "Mangler en verdi (Ikke målt), er cellen tom, og statuskolonnen sier hvorfor.",
      "Delsummer og totaler er SUBTOTAL-formler: ved filtrering summerer de bare synlige rader.",
      "Grupperte rader kan foldes sammen med knappene i venstre marg.",
  };
  s->row++;
  if (put_str(x, s, s->row++, 0, "Om tallene", text_fmt(x, DOC_BOLD, 12))) return -1;
  for (size_t i = 0; i < sizeof notes / sizeof notes[0]; i++)
    if (write_plain(x, s, notes[i], 0, 0)) return -1;
  return 0;
}

/* ---- blocks ------------------------------------------------------------------------------ */

static int write_heading_text(ctx *x, sheet *s, const doc_block *b, int size) {
  char text[1024];
  if (b->u.heading.number)
    snprintf(text, sizeof text, "%s%s%s", b->u.heading.number,
             b->u.heading.text && b->u.heading.text[0] ? " " : "",
             b->u.heading.text ? b->u.heading.text : "");
  const char *t = b->u.heading.number ? text : (b->u.heading.text ? b->u.heading.text : "");
  if (put_str(x, s, s->row, 0, t, text_fmt(x, DOC_BOLD, size))) return -1;
  s->row++;
  return 0;
}

static int write_block(ctx *x, size_t i) {
  const doc_block *b = doc_block_at(x->d, i);
  sheet *s = &x->sheets[x->block_sheet[i]];
  x->block = i;
  x->table = NULL;
  if (s->row == s->row0) {
    /* the sheet's own title row */
    if (s->title_block != NO_SHEET) {
      if (write_heading_text(x, s, doc_block_at(x->d, s->title_block), 14)) return -1;
      s->row++;
      if (i == s->title_block) return 0;
    } else if (s->title) {
      if (put_str(x, s, s->row0, 0, s->title, text_fmt(x, DOC_BOLD, 14))) return -1;
      s->row = s->row0 + 2;
    }
  }
  switch (b->kind) {
    case DOC_HEADING:
      if (i == s->title_block) return 0;
      if (s->row > 0) s->row++;
      return write_heading_text(x, s, b, b->u.heading.level == 2 ? 12 : 11);
    case DOC_PARAGRAPH:
      if (write_inline(x, s, b->quote ? "\xC2\xBB " : NULL, &b->u.paragraph, 0, 0)) return -1;
      s->row++;
      return 0;
    case DOC_BULLETS:
      for (size_t k = 0; k < b->u.bullets.nitems; k++) {
        char mark[40]; /* "• " or "3. ", after "» " in a block quote */
        if (b->u.bullets.ordered)
          snprintf(mark, sizeof mark, "%s%lld. ", b->quote ? "\xC2\xBB " : "", (long long)b->u.bullets.start + (long long)k);
        else
          snprintf(mark, sizeof mark, "%s\xE2\x80\xA2 ", b->quote ? "\xC2\xBB " : "");
        if (write_inline(x, s, mark, &b->u.bullets.items[k], 0, 0)) return -1;
      }
      s->row++;
      return 0;
    case DOC_NOTE: {
      char prefix[64] = "";
      if (b->u.note.marker) snprintf(prefix, sizeof prefix, "%s ", b->u.note.marker);
      if (write_inline(x, s, prefix, &b->u.note.text, DOC_ITALIC, 0)) return -1;
      s->row++;
      return 0;
    }
    case DOC_KEYFIGURES:
      return write_keyfigures(x, b, s);
    case DOC_TABLE:
      return write_table(x, i, b->u.table, s);
    case DOC_CHART: {
      /* xlsx/chart.c writes the data table and a native chart over it, top to bottom. In the
       * dry run only the table's rows are counted. */
      const doc_chart *c = b->u.chart;
      if (x->dry) {
        s->row += (uint32_t)(3 + c->ncats + c->nlines + c->nbands) + 1;
        return check_pos(x, s, s->row, 0);
      }
      lxw_row_t used = 0;
      xlsx_chart_formats cf = {text_fmt(x, DOC_BOLD, 12), text_fmt(x, DOC_ITALIC, 0), NULL, 1};
      fkey hk;
      memset(&hk, 0, sizeof hk);
      hk.bold = 1;
      hk.fill = FILL_HEADER;
      hk.border = BORDER_HEADER;
      cf.header = get_fmt(x, &hk);
      if (xlsx_chart_write(x->wb, s->ws, s->row, 0, c, &cf, &used, x->err)) {
        x->failed = 1;
        err_prefix(x->err, "XLSX: sheet '%s'", s->name);
        return -1;
      }
      s->row += used + 1;
      return 0;
    }
    case DOC_IMAGE: {
      /* Images stay in the PDF; the workbook keeps their text alternative. The file is checked
       * all the same (util/image.h), so a bad image fails every format alike. */
      if (b->u.image.path && image_check_file(b->u.image.path, NULL, NULL, NULL, x->err) != 0) {
        x->failed = 1;
        err_prefix(x->err, "XLSX");
        return -1;
      }
      const char *alt = b->u.image.alt && b->u.image.alt[0] ? b->u.image.alt : "(uten beskrivelse)";
      char *text = xmalloc(strlen(alt) + 16);
      snprintf(text, strlen(alt) + 16, "Figur: %s", alt);
      int rc = write_plain(x, s, text, DOC_ITALIC, 0);
      free(text);
      if (rc) return -1;
      s->row++;
      return 0;
    }
    case DOC_COVER: /* the cover is the "Om rapporten" sheet; pages and TOC are the PDF's */
    case DOC_TOC:
    case DOC_PAGEBREAK:
    case DOC_ORIENTATION:
      return 0;
  } /* no default: -Wswitch-enum names a block kind this renderer misses */
  return 0;
}

/* Escapes & for a header/footer and cuts to max code points. */
static void hf_text(const char *in, size_t max, char *out, size_t n) {
  size_t o = 0, cps = 0, len = in ? strlen(in) : 0;
  for (size_t i = 0; i < len && cps < max;) {
    uint32_t cp;
    size_t k = utf8_decode(in + i, len - i, &cp);
    if (!k) break;
    if (o + k + 2 >= n) break;
    if (cp == '&') out[o++] = '&';
    memcpy(out + o, in + i, k);
    o += k;
    i += k;
    cps++;
  }
  out[o] = '\0';
}

static int page_setup(ctx *x, sheet *s) {
  lxw_worksheet *ws = s->ws;
  worksheet_set_paper(ws, 9); /* A4 */
  if (s->landscape) worksheet_set_landscape(ws);
  else worksheet_set_portrait(ws);
  worksheet_fit_to_pages(ws, 1, 0);
  worksheet_outline_settings(ws, 1, 1, 1, 0);
  char title[200], period[120], header[600];
  hf_text(x->m->title, 60, title, sizeof title);
  hf_text(x->m->period_label, 30, period, sizeof period);
  char buf[128], mark[200];
  hf_text(doc_preliminary_text(x->m, buf, sizeof buf), 60, mark, sizeof mark);
  snprintf(header, sizeof header, "&L%s&C%s&R%s", title, mark, period);
  lxw_error rc = worksheet_set_header(ws, header);
  if (!rc) rc = worksheet_set_footer(ws, "&L&A&RSide &P av &N");
  if (rc) return lxw_fail(x, s, 0, 0, rc);
  for (size_t c = 0; c < s->nwidth; c++) {
    if (s->width[c] <= 0) continue;
    rc = worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, s->width[c], NULL);
    if (rc) return lxw_fail(x, s, 0, (uint16_t)c, rc);
  }
  return 0;
}

static int run(ctx *x) {
  /* A preliminary period's marking heads every sheet (row 1), above the sheet's own title. */
  char buf[128];
  const char *mark = doc_preliminary_text(x->m, buf, sizeof buf);
  for (size_t i = 0; i < x->nsheets; i++) {
    sheet *s = &x->sheets[i];
    s->row0 = mark ? 2 : 0;
    s->row = s->row0;
    if (mark && put_str(x, s, 0, 0, mark, text_fmt(x, DOC_BOLD, 12))) return -1;
  }
  if (write_about(x)) return -1;
  for (size_t i = 0; i < doc_nblocks(x->d); i++) {
    if (x->block_sheet[i] == NO_SHEET) continue;
    if (write_block(x, i)) return -1;
  }
  return 0;
}

static void reset_rows(ctx *x) {
  for (size_t i = 0; i < x->nsheets; i++) {
    x->sheets[i].row = x->sheets[i].row0;
  }
}

int xlsx_render(const doc *d, const char *path, const xlsx_options *opt, rapp_err *err) {
  const struct lconv *lc = localeconv();
  if (!lc || strcmp(lc->decimal_point, ".") != 0)
    return err_set(err, "XLSX: LC_NUMERIC is not \"C\" (decimal point '%s'); libxlsxwriter would "
                   "write corrupt numbers", lc ? lc->decimal_point : "?");
  xlsx_options defaults = {1};
  if (!opt) opt = &defaults;
  ctx x;
  memset(&x, 0, sizeof x);
  x.d = d;
  x.m = doc_meta_get(d);
  x.opt = opt;
  x.err = err;
  plan(&x);
  int rc = -1;
  /* pass 1: validate everything, write nothing */
  x.dry = 1;
  if (run(&x)) goto done;
  reset_rows(&x);
  x.dry = 0;

  /* Temporary files of constant_memory go next to the output (the output folder is writable
   * and on the same disk), not to a /tmp that may be RAM-backed. */
  char *dir = xstrdup(path);
  char *slash = strrchr(dir, '/');
  if (slash) slash[slash == dir ? 1 : 0] = '\0';
  else snprintf(dir, strlen(dir) + 1, ".");
  lxw_workbook_options wo = {opt->constant_memory ? LXW_TRUE : LXW_FALSE, dir, LXW_FALSE};
  x.wb = workbook_new_opt(path, &wo);
  free(dir);
  if (!x.wb) {
    err_set(err, "XLSX: cannot create workbook '%s'", path);
    goto done;
  }
  for (size_t i = 0; i < x.nsheets; i++) {
    x.sheets[i].ws = workbook_add_worksheet(x.wb, x.sheets[i].name);
    if (!x.sheets[i].ws) {
      err_set(err, "XLSX: cannot add sheet '%s'", x.sheets[i].name);
      goto close;
    }
  }
  lxw_doc_properties props;
  memset(&props, 0, sizeof props);
  props.title = (char *)x.m->title;
  props.subject = (char *)x.m->subject;
  props.author = (char *)x.m->municipality;
  props.company = (char *)x.m->municipality;
  props.keywords = (char *)x.m->keywords;
  props.comments = (char *)x.m->parameters;
  /* created 0 would mean "now" to libxlsxwriter and make runs differ; 1 s after the epoch keeps
   * SOURCE_DATE_EPOCH=0 reproducible. */
  props.created = x.m->created ? (time_t)x.m->created : 1;
  lxw_error e = workbook_set_properties(x.wb, &props);
  if (e) {
    err_set(err, "XLSX: document properties: %s", lxw_strerror(e));
    goto close;
  }
  if (run(&x)) goto close;
  for (size_t i = 0; i < x.nsheets; i++)
    if (page_setup(&x, &x.sheets[i])) goto close;
  worksheet_activate(x.sheets[0].ws);
  rc = 0;
close:
  e = workbook_close(x.wb);
  if (e && rc == 0) {
    rc = err_set(err, "XLSX: writing '%s' failed: %s", path, lxw_strerror(e));
  }
done:
  for (size_t i = 0; i < x.nsheets; i++) free(x.sheets[i].width);
  free(x.sheets);
  if (x.tplans)
    for (size_t i = 0; i < doc_nblocks(d); i++) {
      free(x.tplans[i].x);
      free(x.tplans[i].lines_w);
    }
  free(x.tplans);
  free(x.block_sheet);
  free(x.fmts);
  return rc;
}

static int xlsx_render_doc(const doc *d, const char *path, const render_env *env, rapp_err *err) {
  (void)env;
  return xlsx_render(d, path, NULL, err);
}

const rapp_renderer xlsx_renderer = {"xlsx", xlsx_render_doc};
