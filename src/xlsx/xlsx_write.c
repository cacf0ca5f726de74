/* xlsx/xlsx_write.c — the XLSX renderer's one error style, its cell-format cache, the checked
 * writes (Excel's limits, the dry run) and text lines. See xlsx_int.h. */
#include "xlsx/xlsx_int.h"

#include <stdarg.h>

/* ---- errors ------------------------------------------------------------------------------ */

/* ", table 'T' (block 3), row 5, column 'C'" / ", block 3" / "" */
static void describe_where(ctx *x, char *out, size_t n) {
  out[0] = '\0';
  if (x->table) {
    const doc_table *t = x->table;
    char cell[160] = "";
    if (x->trow != (size_t)-1 && x->tcol != (size_t)-1 && x->tcol < t->ncols)
      snprintf(cell, sizeof cell, ", row %zu, column '%s'", x->trow + 1, t->cols[x->tcol].title);
    else if (x->trow != (size_t)-1)
      snprintf(cell, sizeof cell, ", row %zu", x->trow + 1);
    if (t->title)
      snprintf(out, n, ", table '%s' (block %zu)%s", t->title, x->block + 1, cell);
    else
      snprintf(out, n, ", table in block %zu%s", x->block + 1, cell);
  } else if (x->block != XL_NO_BLOCK) {
    snprintf(out, n, ", block %zu", x->block + 1);
  }
}

int xl_fail(ctx *x, sheet *s, uint32_t r, uint16_t c, const char *fmt, ...) {
  if (x->failed) return -1;
  x->failed = 1;
  char what[1024], where[512], cell[40] = "", name[160] = "";
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(what, sizeof what, fmt, ap); /* before err_set: fmt's arguments may be x->err's */
  va_end(ap);
  describe_where(x, where, sizeof where);
  if (s) snprintf(name, sizeof name, "sheet '%s'", s->name);
  if (s && r < XL_MAX_ROWS && c < XL_MAX_COLS) {
    char ref[24];
    lxw_rowcol_to_cell(ref, r, c);
    snprintf(cell, sizeof cell, ", cell %s", ref);
  }
  /* without a sheet, where's leading ", " goes */
  return err_set(x->err, "XLSX: %s%s%s%s%s", name, cell, s ? where : where + (where[0] ? 2 : 0),
                 name[0] || where[0] ? ": " : "", what);
}

int xl_fail_lxw(ctx *x, sheet *s, uint32_t r, uint16_t c, lxw_error rc) {
  return xl_fail(x, s, r, c, "libxlsxwriter: %s", lxw_strerror(rc));
}

/* ---- formats ----------------------------------------------------------------------------- */


lxw_format *xl_fmt(ctx *x, const fkey *k) {
  if (x->dry || x->failed) return NULL;
  /* The default format: a cell written with NULL gets style 0, the same thing. libxlsxwriter 1.1.4
   * caches no xf index for a format equal to its default, so such a format would be copied and
   * hashed again at every write. */
  static const fkey plain;
  if (memcmp(k, &plain, sizeof *k) == 0) return NULL;
  for (size_t i = 0; i < x->nfmts; i++)
    if (memcmp(&x->fmts[i].key, k, sizeof *k) == 0) return x->fmts[i].f;
  lxw_format *f = workbook_add_format(x->wb);
  if (!f) {
    xl_fail(x, NULL, 0, 0, "out of memory adding a cell format");
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

lxw_format *xl_text_fmt(ctx *x, unsigned style, int size) {
  fkey k;
  memset(&k, 0, sizeof k);
  k.bold = (style & DOC_BOLD) != 0;
  k.italic = (style & DOC_ITALIC) != 0;
  k.size = (unsigned char)size;
  return xl_fmt(x, &k);
}

/* ---- checked writes ---------------------------------------------------------------------- */

int xl_check_pos(ctx *x, sheet *s, uint32_t r, size_t c) {
  if (r >= XL_MAX_ROWS)
    return xl_fail(x, s, XL_MAX_ROWS, 0,
                "the sheet would need more than 1 048 576 rows (Excel's limit); split the table "
                "or put it on its own sheet");
  if (c >= XL_MAX_COLS)
    return xl_fail(x, s, r, XL_MAX_COLS, "more than 16 384 columns (Excel's limit)");
  return 0;
}

static int check_text(ctx *x, sheet *s, uint32_t r, uint16_t c, const char *text) {
  size_t ascii = 0; /* ASCII is valid UTF-8: the decoder starts at the first byte above it */
  while (text[ascii] && (unsigned char)text[ascii] < 0x80) ascii++;
  size_t len = ascii + strlen(text + ascii);
  if (utf8_invalid_at(text + ascii, len - ascii) != (size_t)-1)
    return xl_fail(x, s, r, c, "invalid UTF-8 in text (the document model should have replaced it)");
  if (len > XL_MAX_CELL) {
    size_t cps = 0;
    for (size_t i = 0; i < len; i++) cps += ((unsigned char)text[i] & 0xC0) != 0x80;
    if (cps > XL_MAX_CELL)
      return xl_fail(x, s, r, c, "text of %zu characters is longer than Excel's 32 767 per cell",
                     cps);
  }
  return 0;
}

void xl_note_width(sheet *s, size_t c, double w) {
  if (c >= s->nwidth) {
    size_t n = s->nwidth ? s->nwidth : 8;
    while (n <= c) n *= 2;
    s->width = xrealloc(s->width, n * sizeof *s->width);
    for (size_t i = s->nwidth; i < n; i++) s->width[i] = 0;
    s->nwidth = n;
  }
  if (w > s->width[c]) s->width[c] = w;
}

int xl_put_str(ctx *x, sheet *s, uint32_t r, size_t c, const char *text, lxw_format *f) {
  if (x->failed) return -1;
  /* The text is checked in the dry run: the real run writes the same texts. */
  if (xl_check_pos(x, s, r, c) || (x->dry && check_text(x, s, r, (uint16_t)c, text))) return -1;
  if (x->dry) return 0;
  lxw_error rc = worksheet_write_string(s->ws, r, (lxw_col_t)c, text, f);
  return rc == LXW_NO_ERROR ? 0 : xl_fail_lxw(x, s, r, (uint16_t)c, rc);
}

int xl_put_num(ctx *x, sheet *s, uint32_t r, size_t c, double v, lxw_format *f) {
  if (x->failed) return -1;
  if (xl_check_pos(x, s, r, c)) return -1;
  if (!isfinite(v)) return xl_fail(x, s, r, (uint16_t)c, "a number is NaN or infinite");
  if (x->dry) return 0;
  lxw_error rc = worksheet_write_number(s->ws, r, (lxw_col_t)c, v, f);
  return rc == LXW_NO_ERROR ? 0 : xl_fail_lxw(x, s, r, (uint16_t)c, rc);
}

int xl_put_blank(ctx *x, sheet *s, uint32_t r, size_t c, lxw_format *f) {
  if (x->failed) return -1;
  if (xl_check_pos(x, s, r, c)) return -1;
  if (x->dry || !f) return 0;
  lxw_error rc = worksheet_write_blank(s->ws, r, (lxw_col_t)c, f);
  return rc == LXW_NO_ERROR ? 0 : xl_fail_lxw(x, s, r, (uint16_t)c, rc);
}

int xl_put_date(ctx *x, sheet *s, uint32_t r, size_t c, int32_t ymd, int hour, int min,
                    lxw_format *f) {
  if (x->failed) return -1;
  if (xl_check_pos(x, s, r, c)) return -1;
  int y = ymd / 10000, m = ymd / 100 % 100, dd = ymd % 100;
  if (!nofmt_valid_date(y, m, dd))
    return xl_fail(x, s, r, (uint16_t)c, "invalid date %ld (expected yyyymmdd, 1900-2999)",
                   (long)ymd);
  if (x->dry) return 0;
  lxw_datetime dt = {y, m, dd, hour, min, 0};
  lxw_error rc = worksheet_write_datetime(s->ws, r, (lxw_col_t)c, &dt, f);
  return rc == LXW_NO_ERROR ? 0 : xl_fail_lxw(x, s, r, (uint16_t)c, rc);
}

int xl_put_formula(ctx *x, sheet *s, uint32_t r, size_t c, const char *formula, double cached,
                       lxw_format *f) {
  if (x->failed) return -1;
  if (xl_check_pos(x, s, r, c)) return -1;
  if (!isfinite(cached)) return xl_fail(x, s, r, (uint16_t)c, "a sum is NaN or infinite");
  if (x->dry) return 0;
  lxw_error rc = worksheet_write_formula_num(s->ws, r, (lxw_col_t)c, formula, f, cached);
  return rc == LXW_NO_ERROR ? 0 : xl_fail_lxw(x, s, r, (uint16_t)c, rc);
}

/* Row options (outline level, height) must be set while the row is current: constant_memory
 * flushes a row as soon as a later one is touched. */
int xl_put_row(ctx *x, sheet *s, uint32_t r, double height, int level) {
  if (x->failed) return -1;
  if (xl_check_pos(x, s, r, 0)) return -1;
  if (x->dry || (level <= 0 && height <= 0)) return 0;
  lxw_row_col_options o = {0, (uint8_t)(level < 0 ? 0 : level > 7 ? 7 : level), 0};
  lxw_error rc =
      worksheet_set_row_opt(s->ws, r, height > 0 ? height : LXW_DEF_ROW_HEIGHT, NULL, &o);
  return rc == LXW_NO_ERROR ? 0 : xl_fail_lxw(x, s, r, 0, rc);
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
    rc = xl_put_str(x, s, r, 0, line, xl_text_fmt(x, st[a] | base, size));
  } else {
    rc = x->failed ? -1 : (xl_check_pos(x, s, r, 0) || check_text(x, s, r, 0, line)) ? -1 : 0;
    if (rc == 0 && !x->dry) {
      lxw_rich_string_tuple *tuples = xcalloc(nfrag, sizeof *tuples);
      lxw_rich_string_tuple **list = xcalloc(nfrag + 1, sizeof *list);
      char *copy = xmalloc((b - a) + nfrag);
      size_t k = 0, o = 0, i = a;
      while (i < b) {
        size_t j = i + 1;
        while (j < b && st[j] == st[i]) j++;
        tuples[k].format = xl_text_fmt(x, st[i] | base, size);
        tuples[k].string = copy + o;
        memcpy(copy + o, t + i, j - i);
        o += j - i;
        copy[o++] = '\0';
        list[k] = &tuples[k];
        k++;
        i = j;
      }
      lxw_error e = worksheet_write_rich_string(s->ws, r, 0, list, NULL);
      if (e != LXW_NO_ERROR) rc = xl_fail_lxw(x, s, r, 0, e);
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

int xl_write_inline(ctx *x, sheet *s, const char *prefix, const doc_inline *in, unsigned base,
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

int xl_write_plain(ctx *x, sheet *s, const char *text, unsigned base, int size) {
  flat fl = {{0}, {0}};
  flat_add(&fl, text, 0);
  int rc = write_lines(x, s, &fl, base, size);
  buf_free(&fl.text);
  buf_free(&fl.style);
  return rc;
}
