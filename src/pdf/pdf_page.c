/* pdf/pdf_page.c — page geometry, the palette, error bookkeeping and the drawing primitives every
 * block uses. All drawing goes through here, so text is always clean (see pdf_font_clean) and its
 * code points are recorded for the ToUnicode CMap. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf_pages.h>
#include <hpdf_streams.h>

#include "pdf/pdf_actual.h"
#include "pdf/pdf_int.h"
#include "util/utf8.h"

/* ---- palette: dark blue-grey headings, thin grey rules, light header fills ---------------- */
#define RGB(h) \
  { ((h) >> 16 & 0xFF) / 255.0, ((h) >> 8 & 0xFF) / 255.0, ((h)&0xFF) / 255.0 }
const pdf_rgb PDF_INK = RGB(0x1A1A1A);
const pdf_rgb PDF_HEADING = RGB(0x1F3A5F);
const pdf_rgb PDF_ACCENT = RGB(0x2E5C8A);
const pdf_rgb PDF_MUTED = RGB(0x595959); /* 7.0:1 on white */
const pdf_rgb PDF_RULE = RGB(0x4A5566);
const pdf_rgb PDF_HAIRLINE = RGB(0xD0D5DC);
const pdf_rgb PDF_HEADER_FILL = RGB(0xE6ECF2);
const pdf_rgb PDF_GROUP_FILL = RGB(0xF2F4F7);
const pdf_rgb PDF_BOX_FILL = RGB(0xF2F4F7);
const pdf_rgb PDF_NEGATIVE = RGB(0xA31515); /* 7.8:1 on white */
const pdf_rgb PDF_WHITE = RGB(0xFFFFFF);

/* Status colours come from THE status table (model/present.c). */
static pdf_rgb from_hex(uint32_t h) {
  pdf_rgb c = {((h >> 16) & 0xFF) / 255.0, ((h >> 8) & 0xFF) / 255.0, (h & 0xFF) / 255.0};
  return c;
}
pdf_rgb pdf_status_fill(doc_status s) { return from_hex(present_status_of(s)->fill); }
pdf_rgb pdf_status_ink(doc_status s) { return from_hex(present_status_of(s)->ink); }
pdf_rgb pdf_status_strong(doc_status s) { return from_hex(present_status_of(s)->chart); }

/* ---- errors -------------------------------------------------------------------------------- */

int pdf_fail(pdf_ctx *c, const char *fmt, ...) {
  if (!c->failed && c->err) {
    va_list ap;
    va_start(ap, fmt);
    char msg[sizeof c->err->msg];
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    err_set(c->err, "PDF: %s", msg);
  }
  c->failed = 1;
  return -1;
}

int pdf_check(pdf_ctx *c, const char *what) {
  if (c->hpdf_error == HPDF_OK && HPDF_GetError(c->pdf) == HPDF_OK) return 0;
  HPDF_STATUS e = c->hpdf_error ? c->hpdf_error : HPDF_GetError(c->pdf);
  return pdf_fail(c, "%s failed (libharu error 0x%04X, detail %u)", what, (unsigned)e,
                  (unsigned)c->hpdf_detail);
}

/* ---- pages --------------------------------------------------------------------------------- */

#define MARGIN_SIDE (20 * PDF_MM)
#define MARGIN_TOP (22 * PDF_MM)
#define MARGIN_BOTTOM (20 * PDF_MM)

int pdf_new_page(pdf_ctx *c, int cover) {
  if (c->npages) pdf_pack_page(c, c->pages[c->npages - 1].page); /* the flow has left it */
  HPDF_Page pg = HPDF_AddPage(c->pdf);
  if (!pg) return pdf_check(c, "adding a page");
  HPDF_Page_SetSize(pg, HPDF_PAGE_SIZE_A4, c->landscape ? HPDF_PAGE_LANDSCAPE : HPDF_PAGE_PORTRAIT);
  if (c->npages == c->cappages) {
    c->cappages = c->cappages ? c->cappages * 2 : 16;
    c->pages = xrealloc(c->pages, c->cappages * sizeof *c->pages);
  }
  c->pages[c->npages++] = (pdf_page){.page = pg, .landscape = c->landscape, .cover = cover, .part = c->part};
  if (c->part_title) { /* an attachment's first page: its outline entry, its headings under it */
    c->part_outline = HPDF_CreateOutline(c->pdf, NULL, c->part_title, c->utf8);
    if (c->part_outline) {
      HPDF_Destination dst = HPDF_Page_CreateDestination(pg);
      HPDF_Outline_SetDestination(c->part_outline, dst);
      HPDF_Outline_SetOpened(c->part_outline, HPDF_TRUE);
    }
    c->part_title = NULL;
  }
  c->pw = HPDF_Page_GetWidth(pg);
  c->ph = HPDF_Page_GetHeight(pg);
  c->x0 = MARGIN_SIDE;
  c->x1 = c->pw - MARGIN_SIDE;
  c->ytop = c->ph - MARGIN_TOP;
  c->ybot = MARGIN_BOTTOM;
  c->y = c->ytop;
  c->page_empty = 1;
  c->page_closed = 0;
  return pdf_check(c, "adding a page");
}

HPDF_Page pdf_cur_page(pdf_ctx *c) {
  return c->pages[c->npages - 1].page;
}

int pdf_break_page(pdf_ctx *c) {
  if (c->npages && c->page_empty && !c->pages[c->npages - 1].cover) return 0;
  return pdf_new_page(c, 0);
}

int pdf_ensure(pdf_ctx *c, double h) {
  if (c->y - h >= c->ybot - 0.01 || c->page_empty) return 0;
  return pdf_new_page(c, 0);
}

double pdf_frame_height(const pdf_ctx *c) {
  return c->ytop - c->ybot;
}

/* ---- drawing -------------------------------------------------------------------------------- */

HPDF_Font pdf_face_font(pdf_ctx *c, int face) {
  pdf_face *fc = &c->fonts.face[face];
  if (!fc->font) {
    fc->font = HPDF_GetFont(c->pdf, fc->hpdf_name, "UTF-8");
    if (!fc->font) pdf_check(c, fc->file);
  }
  return fc->font;
}

void pdf_text_begin(pdf_ctx *c, HPDF_Page pg) {
  if (c->text_pg == pg) return;
  pdf_text_end(c);
  HPDF_Page_BeginText(pg);
  c->text_pg = pg;
}

void pdf_text_end(pdf_ctx *c) {
  if (!c->text_pg) return;
  HPDF_Page_EndText(c->text_pg);
  c->text_pg = NULL;
}

/* ---- operators written straight into the content stream ---------------------------------------
 * libharu's operator functions clear a 512-byte buffer for every operator, print each number with
 * HPDF_FToA, and for a string measure it again (HPDF_Page_TextWidth), malloc its encoding and
 * write it in hex: most of the PDF stage's cost per table cell, and the hex doubles the bytes the
 * save deflates. The operators the flow writes for every cell and rule (Td Tj, rg, RG, w, m l S,
 * re f) are written here instead, as libharu 2.3 writes them (the same number format) except that
 * a string is a literal string of the same two-byte codes (pdf_font_string), and libharu's page
 * state (graphics mode, colours, line width, text matrix and position, current point) is updated
 * as its functions would. Where the state is not the plain one this assumes (an error pending,
 * another graphics mode, a text matrix other than the identity), libharu's own functions are
 * called, which check and report. The PDF draws the same: RAPP_PDF_OPS=0 writes every operator
 * with libharu's functions, and tests/pdf/check_ops.sh finds the two files the same but for the
 * strings' notation. */

/* A number as HPDF_FToA prints it: at most five decimals, trailing zeros and point dropped, the
 * same float arithmetic (a different rounding would move a glyph by 0.00001 pt in the file). */
static char *put_real(char *s, HPDF_REAL v) {
  static const char pairs[201] = "00010203040506070809101112131415161718192021222324252627282930313233"
                                 "34353637383940414243444546474849505152535455565758596061626364656667"
                                 "6869707172737475767778798081828384858687888990919293949596979899";
  if (v > HPDF_LIMIT_MAX_REAL)
    v = HPDF_LIMIT_MAX_REAL;
  else if (v < HPDF_LIMIT_MIN_REAL)
    v = HPDF_LIMIT_MIN_REAL;
  else if (v != v)
    v = 0; /* NaN (a layout bug): a number all the same, not digits past the buffer */
  if (v < 0) {
    *s++ = '-';
    v = -v;
  }
  int32_t ip = (int32_t)(v + 0.000005);
  int32_t fp = (int32_t)((HPDF_REAL)(v - ip + 0.000005) * 100000);
  /* The digits two at a time (a table look-up instead of a division per digit): ip is at most
   * 32767 (HPDF_LIMIT_MAX_REAL), fp is below 100000 (HPDF_FToA writes its last five digits). */
  uint32_t u = (uint32_t)ip;
  size_t n = u < 10 ? 1 : u < 100 ? 2 : u < 1000 ? 3 : u < 10000 ? 4 : 5;
  char *e = s + n;
  while (u >= 100) {
    e -= 2;
    memcpy(e, pairs + 2 * (u % 100), 2);
    u /= 100;
  }
  if (u >= 10)
    memcpy(e - 2, pairs + 2 * u, 2);
  else
    e[-1] = (char)('0' + u);
  s += n;
  uint32_t f = (uint32_t)fp % 100000;
  if (f) {
    char frac[6];
    frac[0] = (char)('0' + f / 10000);
    memcpy(frac + 1, pairs + 2 * (f / 100 % 100), 2);
    memcpy(frac + 3, pairs + 2 * (f % 100), 2);
    size_t keep = 5;
    while (frac[keep - 1] == '0') keep--;
    *s++ = '.';
    memcpy(s, frac, keep);
    s += keep;
  }
  return s;
}

static char *put_reals(char *s, const HPDF_REAL *v, size_t n, const char *op) {
  for (size_t i = 0; i < n; i++) {
    if (i) *s++ = ' ';
    s = put_real(s, v[i]);
  }
  size_t k = strlen(op);
  memcpy(s, op, k);
  return s + k;
}

/* The page's attributes when nothing is pending (no error: libharu would skip the operator) and
 * the graphics mode is `mode`; else NULL. RAPP_PDF_OPS=0 makes it always NULL: libharu's own
 * functions write every operator (the test pdf_ops_same compares the bytes of both). */
static HPDF_PageAttr plain(HPDF_Page pg, HPDF_UINT16 mode) {
  static int own = -1;
  if (own < 0) {
    const char *e = getenv("RAPP_PDF_OPS");
    own = !(e && strcmp(e, "0") == 0);
  }
  if (!own || pg->error->error_no != HPDF_NOERROR) return NULL;
  HPDF_PageAttr a = (HPDF_PageAttr)pg->attr;
  return a->gmode == mode ? a : NULL;
}

static int unit_rgb(pdf_rgb col) {
  return col.r >= 0 && col.r <= 1 && col.g >= 0 && col.g <= 1 && col.b >= 0 && col.b <= 1;
}

/* "r g b rg" (fill) or "r g b RG" (stroke), recorded in the graphics state. */
static char *put_rgb(char *s, HPDF_PageAttr a, pdf_rgb col, int stroke) {
  HPDF_RGBColor rgb = {(HPDF_REAL)col.r, (HPDF_REAL)col.g, (HPDF_REAL)col.b};
  HPDF_REAL v[3] = {rgb.r, rgb.g, rgb.b};
  if (stroke) {
    a->gstate->rgb_stroke = rgb;
    a->gstate->cs_stroke = HPDF_CS_DEVICE_RGB;
  } else {
    a->gstate->rgb_fill = rgb;
    a->gstate->cs_fill = HPDF_CS_DEVICE_RGB;
  }
  return put_reals(s, v, 3, stroke ? " RG\n" : " rg\n");
}

static int same_rgb(HPDF_ColorSpace cs, HPDF_RGBColor have, pdf_rgb col) {
  return cs == HPDF_CS_DEVICE_RGB && have.r == (HPDF_REAL)col.r && have.g == (HPDF_REAL)col.g &&
         have.b == (HPDF_REAL)col.b;
}

/* Td and Tj of one run in the open text object: TextOut's relative move from the text matrix,
 * then the string unless it is empty or has no width (libharu writes no Tj then). 0 when done,
 * -1 when the state is not plain (the caller uses libharu's functions). */
static int text_out(pdf_ctx *c, HPDF_Page pg, HPDF_Font font, int face, double x, double y,
                    const char *s, size_t len) {
  HPDF_PageAttr a = plain(pg, HPDF_GMODE_TEXT_OBJECT);
  if (!a || len > 16384 || a->gstate->font != font ||
      a->gstate->writing_mode != HPDF_WMODE_HORIZONTAL || a->text_matrix.a != 1 ||
      a->text_matrix.b != 0 || a->text_matrix.c != 0 || a->text_matrix.d != 1)
    return -1;
  rapp_buf *out = &c->scratch;
  buf_reset(out);
  buf_reserve(out, 64);
  HPDF_REAL rel[2] = {(HPDF_REAL)x - a->text_matrix.x, (HPDF_REAL)y - a->text_matrix.y};
  out->len = (size_t)(put_reals(out->data, rel, 2, " Td\n") - out->data);
  a->text_matrix.x += rel[0];
  a->text_matrix.y += rel[1];
  a->text_pos.x = a->text_matrix.x;
  a->text_pos.y = a->text_matrix.y;
  size_t td = out->len;
  int64_t units = pdf_font_string(&c->fonts, face, s, len, out);
  if (out->len == td || units == 0) {
    out->len = td; /* Td only */
  } else {
    buf_append(out, " Tj\n", 4);
    a->text_pos.x += (HPDF_REAL)(HPDF_UINT)units * a->gstate->font_size / 1000;
  }
  HPDF_Stream_Write(a->stream, (const HPDF_BYTE *)out->data, (HPDF_UINT)out->len);
  return 0;
}

void pdf_draw_text(pdf_ctx *c, HPDF_Page pg, int face, double size, pdf_rgb col, double x,
                   double baseline, const char *s, size_t len) {
  if (!len) return;
  HPDF_Font font = pdf_face_font(c, face);
  if (!font) return;
  int own = c->text_pg != pg;
  if (own) {
    pdf_text_end(c);
    HPDF_Page_BeginText(pg);
  }
  /* Font, size and fill are graphics state (they outlive ET), and libharu tracks that state:
   * they are written only when they change. */
  if (HPDF_Page_GetCurrentFont(pg) != font || HPDF_Page_GetCurrentFontSize(pg) != (HPDF_REAL)size)
    HPDF_Page_SetFontAndSize(pg, font, (HPDF_REAL)size);
  HPDF_PageAttr a = plain(pg, HPDF_GMODE_TEXT_OBJECT);
  if (!(a ? same_rgb(a->gstate->cs_fill, a->gstate->rgb_fill, col)
          : same_rgb(HPDF_Page_GetFillingColorSpace(pg), HPDF_Page_GetRGBFill(pg), col))) {
    if (a && unit_rgb(col)) {
      char b[64];
      HPDF_Stream_Write(a->stream, (const HPDF_BYTE *)b, (HPDF_UINT)(put_rgb(b, a, col, 0) - b));
    } else {
      HPDF_Page_SetRGBFill(pg, (HPDF_REAL)col.r, (HPDF_REAL)col.g, (HPDF_REAL)col.b);
    }
  }
  int actual = pdf_actual_begin(pg, s, len); /* "0 %" reads "0 %", not "0%" (pdf_actual.h) */
  if (text_out(c, pg, font, face, x, baseline, s, len) != 0) {
    pdf_font_clean(&c->fonts, face, s, len, &c->scratch);
    HPDF_Page_TextOut(pg, (HPDF_REAL)x, (HPDF_REAL)baseline, buf_str(&c->scratch));
  }
  if (actual) pdf_actual_end(pg);
  if (own) HPDF_Page_EndText(pg);
}

void pdf_draw_line(pdf_ctx *c, HPDF_Page pg, const pdf_para *p, size_t li, pdf_rgb col, double x,
                   double baseline) {
  const pdf_line *ln = &p->lines[li];
  for (size_t i = ln->first; i < ln->first + ln->nsegs; i++) {
    const pdf_seg *sg = &p->segs[i];
    pdf_draw_text(c, pg, sg->face, p->size, sg->href ? PDF_ACCENT : col, x + sg->x, baseline,
                  p->text.data + sg->off, sg->len);
    if (sg->href) { /* a link: underlined, and an annotation over the text that opens it */
      HPDF_Page open = c->text_pg; /* a rule is not allowed inside a text object */
      pdf_text_end(c);
      pdf_hline(pg, PDF_ACCENT, 0.5, x + sg->x, x + sg->x + sg->w, baseline - 1.2);
      HPDF_Rect r = {(HPDF_REAL)(x + sg->x), (HPDF_REAL)(baseline - 0.25 * p->size),
                     (HPDF_REAL)(x + sg->x + sg->w), (HPDF_REAL)(baseline + 0.8 * p->size)};
      HPDF_Annotation a = HPDF_Page_CreateURILinkAnnot(pg, r, sg->href);
      if (a) HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
      if (open) pdf_text_begin(c, open);
    }
  }
}

void pdf_fill_rect(HPDF_Page pg, pdf_rgb col, double x, double y, double w, double h) {
  HPDF_PageAttr a = plain(pg, HPDF_GMODE_PAGE_DESCRIPTION);
  if (!a || !unit_rgb(col)) {
    HPDF_Page_SetRGBFill(pg, (HPDF_REAL)col.r, (HPDF_REAL)col.g, (HPDF_REAL)col.b);
    HPDF_Page_Rectangle(pg, (HPDF_REAL)x, (HPDF_REAL)y, (HPDF_REAL)w, (HPDF_REAL)h);
    HPDF_Page_Fill(pg);
    return;
  }
  char b[160];
  char *p = put_rgb(b, a, col, 0);
  HPDF_REAL v[4] = {(HPDF_REAL)x, (HPDF_REAL)y, (HPDF_REAL)w, (HPDF_REAL)h};
  p = put_reals(p, v, 4, " re\nf\n");
  HPDF_Stream_Write(a->stream, (const HPDF_BYTE *)b, (HPDF_UINT)(p - b));
  a->str_pos = (HPDF_Point){v[0], v[1]}; /* Rectangle's, then Fill's */
  a->cur_pos = (HPDF_Point){0, 0};
}

void pdf_stroke_line(HPDF_Page pg, pdf_rgb col, double width, double x0, double y0, double x1,
                     double y1, int keep_state) {
  HPDF_PageAttr a = plain(pg, HPDF_GMODE_PAGE_DESCRIPTION);
  if (!a || !unit_rgb(col) || width < 0) {
    if (!keep_state || !same_rgb(HPDF_Page_GetStrokingColorSpace(pg), HPDF_Page_GetRGBStroke(pg), col))
      HPDF_Page_SetRGBStroke(pg, (HPDF_REAL)col.r, (HPDF_REAL)col.g, (HPDF_REAL)col.b);
    if (!keep_state || HPDF_Page_GetLineWidth(pg) != (HPDF_REAL)width)
      HPDF_Page_SetLineWidth(pg, (HPDF_REAL)width);
    HPDF_Page_MoveTo(pg, (HPDF_REAL)x0, (HPDF_REAL)y0);
    HPDF_Page_LineTo(pg, (HPDF_REAL)x1, (HPDF_REAL)y1);
    HPDF_Page_Stroke(pg);
    return;
  }
  char b[192];
  char *p = b;
  if (!keep_state || !same_rgb(a->gstate->cs_stroke, a->gstate->rgb_stroke, col))
    p = put_rgb(p, a, col, 1);
  if (!keep_state || a->gstate->line_width != (HPDF_REAL)width) {
    HPDF_REAL lw = (HPDF_REAL)width;
    p = put_reals(p, &lw, 1, " w\n");
    a->gstate->line_width = lw;
  }
  HPDF_REAL m[2] = {(HPDF_REAL)x0, (HPDF_REAL)y0}, l[2] = {(HPDF_REAL)x1, (HPDF_REAL)y1};
  p = put_reals(p, m, 2, " m\n");
  p = put_reals(p, l, 2, " l\nS\n");
  HPDF_Stream_Write(a->stream, (const HPDF_BYTE *)b, (HPDF_UINT)(p - b));
  a->str_pos = (HPDF_Point){m[0], m[1]}; /* MoveTo's, then Stroke's */
  a->cur_pos = (HPDF_Point){0, 0};
}

void pdf_hline(HPDF_Page pg, pdf_rgb col, double width, double x0, double x1, double y) {
  pdf_stroke_line(pg, col, width, x0, y, x1, y, 1); /* stroke state only where it changes */
}

void pdf_fit_text(pdf_ctx *c, int face, double size, const char *s, double maxw, rapp_buf *out) {
  buf_reset(out);
  size_t len = strlen(s);
  if (pdf_text_width(&c->fonts, face, size, s, len) <= maxw) {
    buf_append(out, s, len);
    return;
  }
  static const char ellipsis[] = "\xE2\x80\xA6"; /* U+2026 */
  double ew = pdf_text_width(&c->fonts, face, size, ellipsis, 3), w = 0;
  size_t keep = 0;
  for (size_t i = 0; i < len;) {
    uint32_t cp;
    size_t n = utf8_decode(s + i, len - i, &cp);
    if (n == 0) n = 1;
    double cw = pdf_text_width(&c->fonts, face, size, s + i, n);
    if (w + cw + ew > maxw) break;
    w += cw;
    i += n;
    keep = i;
  }
  while (keep > 0 && s[keep - 1] == ' ') keep--;
  buf_append(out, s, keep);
  buf_puts(out, ellipsis);
}
