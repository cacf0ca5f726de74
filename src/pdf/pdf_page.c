/* pdf/pdf_page.c — page geometry, the palette, error bookkeeping and the drawing primitives every
 * block uses. All drawing goes through here, so text is always clean (see pdf_font_clean) and its
 * code points are recorded for the ToUnicode CMap. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

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

void pdf_draw_text(pdf_ctx *c, HPDF_Page pg, int face, double size, pdf_rgb col, double x,
                   double baseline, const char *s, size_t len) {
  if (!len) return;
  HPDF_Font font = pdf_face_font(c, face);
  if (!font) return;
  pdf_font_clean(&c->fonts, face, s, len, &c->scratch);
  int own = c->text_pg != pg;
  if (own) {
    pdf_text_end(c);
    HPDF_Page_BeginText(pg);
  }
  /* Font, size and fill are graphics state (they outlive ET), and libharu tracks that state:
   * they are written only when they change. */
  if (HPDF_Page_GetCurrentFont(pg) != font || HPDF_Page_GetCurrentFontSize(pg) != (HPDF_REAL)size)
    HPDF_Page_SetFontAndSize(pg, font, (HPDF_REAL)size);
  HPDF_RGBColor f = HPDF_Page_GetRGBFill(pg);
  if (HPDF_Page_GetFillingColorSpace(pg) != HPDF_CS_DEVICE_RGB || f.r != (HPDF_REAL)col.r ||
      f.g != (HPDF_REAL)col.g || f.b != (HPDF_REAL)col.b)
    HPDF_Page_SetRGBFill(pg, (HPDF_REAL)col.r, (HPDF_REAL)col.g, (HPDF_REAL)col.b);
  int actual = pdf_actual_begin(pg, s, len); /* "0 %" reads "0 %", not "0%" (pdf_actual.h) */
  HPDF_Page_TextOut(pg, (HPDF_REAL)x, (HPDF_REAL)baseline, buf_str(&c->scratch));
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
  HPDF_Page_SetRGBFill(pg, (HPDF_REAL)col.r, (HPDF_REAL)col.g, (HPDF_REAL)col.b);
  HPDF_Page_Rectangle(pg, (HPDF_REAL)x, (HPDF_REAL)y, (HPDF_REAL)w, (HPDF_REAL)h);
  HPDF_Page_Fill(pg);
}

void pdf_hline(HPDF_Page pg, pdf_rgb col, double width, double x0, double x1, double y) {
  HPDF_RGBColor s = HPDF_Page_GetRGBStroke(pg); /* stroke state only where it changes */
  if (HPDF_Page_GetStrokingColorSpace(pg) != HPDF_CS_DEVICE_RGB || s.r != (HPDF_REAL)col.r ||
      s.g != (HPDF_REAL)col.g || s.b != (HPDF_REAL)col.b)
    HPDF_Page_SetRGBStroke(pg, (HPDF_REAL)col.r, (HPDF_REAL)col.g, (HPDF_REAL)col.b);
  if (HPDF_Page_GetLineWidth(pg) != (HPDF_REAL)width) HPDF_Page_SetLineWidth(pg, (HPDF_REAL)width);
  HPDF_Page_MoveTo(pg, (HPDF_REAL)x0, (HPDF_REAL)y);
  HPDF_Page_LineTo(pg, (HPDF_REAL)x1, (HPDF_REAL)y);
  HPDF_Page_Stroke(pg);
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
