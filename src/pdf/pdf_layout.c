/* pdf/pdf_layout.c — the flow: places the document's blocks in order on A4 pages (cover, table of
 * contents, headings with keep-with-next and bookmarks, paragraphs, bullets, notes, key-figure
 * boxes, images, page breaks, orientation changes). Tables are in pdf_table.c. The table of
 * contents only reserves its pages here (its length is known from the headings alone); its page
 * numbers are drawn when the flow has ended (pdf_draw_toc). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pdf/chart.h"
#include "pdf/pdf_int.h"
#include "util/image.h"
#include "util/nofmt.h"

#define BODY_SIZE 10.0
#define BODY_LEAD 13.0
#define NOTE_SIZE 8.5
#define NOTE_LEAD 11.0
#define PARA_AFTER 6.0

static const double heading_size[3] = {16.0, 13.0, 11.0};
static const double heading_before[3] = {16.0, 12.0, 9.0};
static const double heading_after[3] = {8.0, 5.0, 4.0};

#define INTRO_LINES                                                                              \
  4                       /* a paragraph this short is an introduction a heading keeps with what \
                             follows it (keep with next) */
#define KEYFIG_BEFORE 2.0 /* gaps above blocks that do not start a page */
#define CHART_BEFORE 6.0
#define KEYFIG_GAP 8.0 /* between key-figure boxes */

static double next_height(pdf_ctx *c, size_t i, int depth);

/* Gap before a block unless it starts a page. */
static void gap(pdf_ctx *c, double h) {
  if (!c->page_empty) c->y -= h;
}

static int need_page(pdf_ctx *c) {
  if (c->npages == 0 || c->page_closed) return pdf_new_page(c, 0);
  return 0;
}

/* Places a broken paragraph from the cursor, moving to new pages as needed: at least `keep`
 * lines stay together at the start (orphans), and a paragraph that breaks never leaves its last
 * line alone at the top of the next page (widows) when it can give one more line along. */
static int place_lines(pdf_ctx *c, const pdf_para *p, double x, double lead, pdf_rgb col,
                       size_t keep) {
  size_t n = p->nlines, i = 0;
  if (keep > n) keep = n;
  if (keep < 1) keep = 1;
  while (i < n) {
    double room = (c->y - c->ybot) / lead + 1e-9;
    size_t fit = room > 0 ? (size_t)room : 0, left = n - i;
    if (fit < left) {
      size_t first = i == 0 ? keep : 1;
      if (fit < first && !c->page_empty) {
        if (pdf_new_page(c, 0) != 0) return -1;
        continue;
      }
      if (left - fit == 1 && fit > first) fit--; /* take a line along for the widow */
      if (fit == 0) fit = 1;                     /* an empty page takes at least one line */
    } else {
      fit = left;
    }
    for (size_t k = 0; k < fit; k++, i++) {
      double base = c->y - (lead - p->size) / 2 - PDF_ASCENT * p->size;
      pdf_draw_line(c, pdf_cur_page(c), p, i, col, x, base);
      c->y -= lead;
      c->page_empty = 0;
    }
    if (i < n && pdf_new_page(c, 0) != 0) return -1;
  }
  return 0;
}

/* ---- headings ---------------------------------------------------------------------------- */

static void heading_text(const doc_block *b, rapp_buf *out) {
  buf_reset(out);
  if (b->u.heading.number) {
    buf_puts(out, b->u.heading.number);
    buf_putc(out, ' ');
  }
  buf_puts(out, b->u.heading.text ? b->u.heading.text : "");
}

static double heading_height(pdf_ctx *c, const doc_block *b, rapp_buf *tmp) {
  int lv = b->u.heading.level - 1;
  heading_text(b, tmp);
  pdf_para_break_text(&c->fonts, &c->para, buf_str(tmp), DOC_BOLD, heading_size[lv], c->x1 - c->x0);
  return (double)c->para.nlines * heading_size[lv] * 1.25 + heading_after[lv];
}

static double keyfigures_row_height(pdf_ctx *c, const doc_block *b, size_t first);
static double chart_block_height(pdf_ctx *c, const doc_block *b);

/* Height the block at index i needs at least on the page where it starts (keep-with-next). */
static double min_height(pdf_ctx *c, size_t i, int depth) {
  const doc_block *b = doc_block_at(c->d, i);
  if (!b) return 0;
  rapp_buf tmp = {0};
  double h = 0;
  switch (b->kind) {
    case DOC_PARAGRAPH:
    case DOC_BULLETS:
      h = 2 * BODY_LEAD;
      break;
    case DOC_NOTE:
      h = 2 * NOTE_LEAD;
      break;
    case DOC_TABLE:
      h = pdf_table_min_height(c, b->u.table);
      break;
    case DOC_KEYFIGURES:
      h = KEYFIG_BEFORE + keyfigures_row_height(c, b, 0);
      break;
    case DOC_CHART:
      h = CHART_BEFORE + chart_block_height(c, b);
      break;
    case DOC_HEADING:
      h = heading_before[b->u.heading.level - 1] + heading_height(c, b, &tmp) +
          (depth < 2 ? next_height(c, i + 1, depth + 1) : 2 * BODY_LEAD);
      break;
    case DOC_COVER: /* blocks that start their own page or take no room: nothing to keep */
    case DOC_ATTACHMENT:
    case DOC_TOC:
    case DOC_IMAGE:
    case DOC_PAGEBREAK:
    case DOC_ORIENTATION:
      break;
  }
  buf_free(&tmp);
  return h;
}

/* What must follow a heading on its page (keep with next), from block i on. A table, key figures
 * or a chart that only short paragraphs (an introduction of up to INTRO_LINES lines each) separate
 * from the heading comes along with them, up to its first rows; so does a heading's introduction
 * when it is followed by the start of such a block. Otherwise it is the start of block i (two
 * lines of text). A chain taller than a page falls back to that. */
static double next_height(pdf_ctx *c, size_t i, int depth) {
  double intro = 0;
  for (size_t k = i; k < doc_nblocks(c->d); k++) {
    const doc_block *b = doc_block_at(c->d, k);
    if (b->kind == DOC_PARAGRAPH) {
      pdf_para_break(&c->fonts, &c->para, b->u.paragraph.runs, b->u.paragraph.nruns, 0, BODY_SIZE,
                     c->x1 - c->x0);
      if (c->para.nlines > INTRO_LINES) break;
      intro += (double)c->para.nlines * BODY_LEAD + PARA_AFTER;
      continue;
    }
    if (k > i && (b->kind == DOC_TABLE || b->kind == DOC_KEYFIGURES || b->kind == DOC_CHART)) {
      double h = intro + min_height(c, k, depth);
      if (h < 0.8 * pdf_frame_height(c)) return h;
    }
    break;
  }
  return min_height(c, i, depth);
}

static int place_heading(pdf_ctx *c, size_t bi, const doc_block *b) {
  if (need_page(c) != 0) return -1;
  int lv = b->u.heading.level - 1;
  rapp_buf title = {0};
  double h = heading_height(c, b, &title);
  double next = next_height(c, bi + 1, 1);
  if (!c->page_empty && c->y - heading_before[lv] - h - next < c->ybot) {
    if (pdf_new_page(c, 0) != 0) return buf_free(&title), -1;
  }
  gap(c, heading_before[lv]);
  /* Re-break: min_height used the shared paragraph buffers. */
  heading_height(c, b, &title);
  double top = c->y;
  double lead = heading_size[lv] * 1.25;
  if (place_lines(c, &c->para, c->x0, lead, lv == 2 ? PDF_INK : PDF_HEADING, c->para.nlines) != 0)
    return buf_free(&title), -1;
  if (lv == 0) pdf_hline(pdf_cur_page(c), PDF_HAIRLINE, 0.6, c->x0, c->x1, c->y - 2);
  c->y -= heading_after[lv];

  /* Bookmark and position for the table of contents. */
  size_t id = (size_t)b->u.heading.id;
  if (id < c->nheadings) {
    c->headings[id] = (pdf_heading_pos){.page = c->npages - 1, .y = top, .placed = 1};
    HPDF_Outline parent = NULL;
    for (int l = lv - 1; l >= 0 && !parent; l--) parent = c->outline[l];
    if (!parent) parent = c->part_outline; /* an attachment's headings nest under its entry */
    HPDF_Outline o = HPDF_CreateOutline(c->pdf, parent, buf_str(&title), c->utf8);
    if (o) {
      HPDF_Destination dst = HPDF_Page_CreateDestination(pdf_cur_page(c));
      HPDF_Destination_SetFitH(dst, (HPDF_REAL)(top + 4));
      HPDF_Outline_SetDestination(o, dst);
      HPDF_Outline_SetOpened(o, lv == 0 ? HPDF_TRUE : HPDF_FALSE);
    }
    c->outline[lv] = o;
    for (int l = lv + 1; l < 3; l++) c->outline[l] = NULL;
  }
  buf_free(&title);
  return pdf_check(c, "creating a bookmark");
}

/* ---- table of contents -------------------------------------------------------------------- */

double pdf_toc_entry_break(pdf_ctx *c, const doc_block *hb, double width, rapp_buf *tmp) {
  int lv = hb->u.heading.level - 1;
  heading_text(hb, tmp);
  double indent = lv * 14.0;
  pdf_para_break_text(&c->fonts, &c->para, buf_str(tmp), lv == 0 ? DOC_BOLD : 0, BODY_SIZE,
                      width - indent - PDF_TOC_NUM_W);
  return (double)c->para.nlines * BODY_LEAD + (lv == 0 ? 5.0 : 1.0);
}

static int place_toc(pdf_ctx *c, const doc_block *b) {
  if (c->toc && c->toc_part == b->part) return 0; /* one table of contents per part */
  c->toc_part = b->part;
  if (c->npages == 0 || !c->page_empty || c->pages[c->npages - 1].cover)
    if (pdf_new_page(c, 0) != 0) return -1;
  c->page_empty = 0;
  pdf_para_break_text(&c->fonts, &c->para, label_get(c->meta->language, "contents"), DOC_BOLD, heading_size[0], c->x1 - c->x0);
  if (place_lines(c, &c->para, c->x0, heading_size[0] * 1.25, PDF_HEADING, 1) != 0) return -1;
  pdf_hline(pdf_cur_page(c), PDF_HAIRLINE, 0.6, c->x0, c->x1, c->y - 2);
  c->y -= 12;
  if (!c->toc) c->toc = xcalloc(c->nheadings ? c->nheadings : 1, sizeof *c->toc);
  rapp_buf tmp = {0};
  for (size_t id = 0; id < c->nheadings; id++) {
    const doc_block *hb = c->heading_blocks[id];
    if (!hb || hb->part != b->part) continue; /* an attachment's contents list its own headings */
    if (b->u.toc.depth > 0 && hb->u.heading.level > b->u.toc.depth) continue; /* toc { depth } */
    double h = pdf_toc_entry_break(c, hb, c->x1 - c->x0, &tmp);
    if (c->y - h < c->ybot) {
      if (pdf_new_page(c, 0) != 0) return buf_free(&tmp), -1;
      c->page_empty = 0;
    }
    c->toc[c->ntoc++] = (pdf_toc_entry){.heading = id, .page = c->npages - 1, .y = c->y, .h = h};
    c->y -= h;
  }
  buf_free(&tmp);
  c->page_empty = 0;
  c->page_closed = 1; /* the report goes on on a fresh page after the contents */
  return 0;
}

/* ---- cover ----------------------------------------------------------------------------------- */

/* Checks the file (util/image.h) and hands libharu exactly the bytes that were checked, so no
 * file that would make libpng abort the process reaches it. */
static HPDF_Image load_image(pdf_ctx *c, const char *path) {
  rapp_err ierr = {0};
  unsigned char *data = NULL;
  size_t n = 0;
  image_info info;
  if (image_check_file(path, &data, &n, &info, &ierr) != 0) {
    pdf_fail(c, "%s", ierr.msg);
    return NULL;
  }
  HPDF_Image img = info.kind == IMAGE_PNG ? HPDF_LoadPngImageFromMem(c->pdf, data, (HPDF_UINT)n)
                                          : HPDF_LoadJpegImageFromMem(c->pdf, data, (HPDF_UINT)n);
  free(data);
  if (!img || c->hpdf_error) {
    pdf_fail(c,
             "image '%s' could not be read (libharu error 0x%04X): save it as a plain "
             "8-bit PNG or baseline JPEG",
             path, (unsigned)(c->hpdf_error ? c->hpdf_error : HPDF_GetError(c->pdf)));
    return NULL;
  }
  return img;
}

static void production_date(const pdf_ctx *c, int longform, char *buf, size_t n) {
  rapp_localtime lt; /* Norwegian local time, the same date every output prints */
  present_created(c->meta, &lt);
  int32_t ymd = lt.ymd;
  if (longform)
    nofmt_date_long(buf, n, ymd);
  else
    nofmt_date(buf, n, ymd);
}

void pdf_production_date(const pdf_ctx *c, int longform, char *buf, size_t n) {
  production_date(c, longform, buf, n);
}

static double cover_text(pdf_ctx *c, const char *s, unsigned style, double size, pdf_rgb col,
                         double y) {
  if (!s || !*s) return y;
  pdf_para_break_text(&c->fonts, &c->para, s, style, size, c->x1 - c->x0);
  double lead = size * 1.25;
  for (size_t i = 0; i < c->para.nlines; i++) {
    pdf_draw_line(c, pdf_cur_page(c), &c->para, i, col, c->x0, y - PDF_ASCENT * size);
    y -= lead;
  }
  return y;
}

static int place_cover(pdf_ctx *c, const doc_block *b) {
  if (pdf_new_page(c, 1) != 0) return -1;
  HPDF_Page pg = pdf_cur_page(c);
  const doc_meta *m = c->meta;
  const char *title = b->u.cover.title ? b->u.cover.title : m->title;
  const char *subtitle = b->u.cover.subtitle ? b->u.cover.subtitle : m->subtitle;
  const char *period = b->u.cover.period_label ? b->u.cover.period_label : m->period_label;
  if (b->u.cover.logo_path && *b->u.cover.logo_path) {
    HPDF_Image img = load_image(c, b->u.cover.logo_path);
    if (!img) return -1;
    double iw = HPDF_Image_GetWidth(img), ih = HPDF_Image_GetHeight(img);
    double h = 22 * PDF_MM, w = iw > 0 && ih > 0 ? h * iw / ih : h;
    if (w > 70 * PDF_MM) {
      h *= 70 * PDF_MM / w;
      w = 70 * PDF_MM;
    }
    HPDF_Page_DrawImage(pg, img, (HPDF_REAL)c->x0, (HPDF_REAL)(c->ph - 20 * PDF_MM - h),
                        (HPDF_REAL)w, (HPDF_REAL)h);
  }
  pdf_fill_rect(pg, PDF_HEADING, 0, c->ph * 0.42, 8 * PDF_MM, 70 * PDF_MM);
  double y = c->ph * 0.42 + 70 * PDF_MM;
  y = cover_text(c, title, DOC_BOLD, 28, PDF_HEADING, y);
  y -= 6;
  y = cover_text(c, subtitle, 0, 16, PDF_INK, y);
  y -= 10;
  pdf_hline(pg, PDF_ACCENT, 1.5, c->x0, c->x0 + 40 * PDF_MM, y);
  y -= 18;
  y = cover_text(c, m->municipality, DOC_BOLD, 14, PDF_INK, y);
  y -= 4;
  y = cover_text(c, period, 0, 12, PDF_INK, y);
  char date[64];
  production_date(c, 1, date, sizeof date);
  cover_text(c, b->u.cover.date_text ? b->u.cover.date_text : date, 0, 12, PDF_MUTED, y - 2);
  c->page_empty = 0;
  c->page_closed = 1;
  return pdf_check(c, "drawing the cover");
}

/* ---- paragraphs, bullets, notes -------------------------------------------------------------- */

static int place_paragraph(pdf_ctx *c, const doc_inline *in) {
  if (need_page(c) != 0) return -1;
  pdf_para_break(&c->fonts, &c->para, in->runs, in->nruns, 0, BODY_SIZE, c->x1 - c->x0);
  if (place_lines(c, &c->para, c->x0, BODY_LEAD, PDF_INK, 2) != 0) return -1;
  c->y -= PARA_AFTER;
  return 0;
}

static int place_bullets(pdf_ctx *c, const doc_block *b) {
  if (need_page(c) != 0) return -1;
  const double indent = b->u.bullets.ordered ? 20 : 14;
  for (size_t i = 0; i < b->u.bullets.nitems; i++) {
    const doc_inline *in = &b->u.bullets.items[i];
    pdf_para_break(&c->fonts, &c->para, in->runs, in->nruns, 0, BODY_SIZE, c->x1 - c->x0 - indent);
    if (pdf_ensure(c, BODY_LEAD) != 0) return -1;
    double base = c->y - (BODY_LEAD - BODY_SIZE) / 2 - PDF_ASCENT * BODY_SIZE;
    char mark[32] = "\xE2\x80\xA2"; /* a bullet, or the item's number in a numbered list */
    if (b->u.bullets.ordered) snprintf(mark, sizeof mark, "%lld.", (long long)b->u.bullets.start + (long long)i);
    pdf_draw_text(c, pdf_cur_page(c), PDF_REGULAR, BODY_SIZE, PDF_ACCENT, c->x0 + (b->u.bullets.ordered ? 0 : 3),
                  base, mark, strlen(mark));
    if (place_lines(c, &c->para, c->x0 + indent, BODY_LEAD, PDF_INK, 1) != 0) return -1;
    c->y -= 2;
  }
  c->y -= PARA_AFTER - 2;
  return 0;
}

static int place_note(pdf_ctx *c, const doc_block *b) {
  if (need_page(c) != 0) return -1;
  const char *marker = b->u.note.marker;
  double mw =
      marker ? pdf_text_width(&c->fonts, PDF_REGULAR, NOTE_SIZE, marker, strlen(marker)) + 4 : 0;
  pdf_para_break(&c->fonts, &c->para, b->u.note.text.runs, b->u.note.text.nruns, 0, NOTE_SIZE,
                 c->x1 - c->x0 - mw);
  if (pdf_ensure(c, NOTE_LEAD) != 0) return -1;
  if (marker) {
    double base = c->y - (NOTE_LEAD - NOTE_SIZE) / 2 - PDF_ASCENT * NOTE_SIZE;
    pdf_draw_text(c, pdf_cur_page(c), PDF_REGULAR, NOTE_SIZE, PDF_MUTED, c->x0, base, marker,
                  strlen(marker));
  }
  if (place_lines(c, &c->para, c->x0 + mw, NOTE_LEAD, PDF_MUTED, 1) != 0) return -1;
  c->y -= PARA_AFTER;
  return 0;
}

/* ---- key figures ------------------------------------------------------------------------------
 */

/* Lays out (draw = 0: measures) one key-figure box of width w with its top at y; returns its
 * height. */
static double keyfigure_box(pdf_ctx *c, const doc_keyfigure *k, double x, double y, double w,
                            double h, int draw) {
  const double pad = 8, strip = 4;
  double tx = x + strip + pad, tw = w - strip - 2 * pad, ty = y - pad;
  HPDF_Page pg = draw ? pdf_cur_page(c) : NULL;
  if (draw) {
    pdf_fill_rect(pg, PDF_BOX_FILL, x, y - h, w, h);
    pdf_fill_rect(pg, pdf_status_strong(k->value.status), x, y - h, strip, h);
  }
  present_cell pv;
  present_keyfigure(k, &pv);
  const char *value = pv.text;
  struct {
    const char *text;
    unsigned style;
    double size;
    pdf_rgb col;
    double after;
  } parts[4] = {
      {k->label, 0, 8.5, PDF_MUTED, 3},
      {value, DOC_BOLD, 20, PDF_INK, 3},
      {k->comparison, 0, 8.5, PDF_INK, 2},
      {NULL, DOC_BOLD, 8.5, PDF_INK, 0},
  };
  rapp_buf st = {0};
  if (k->value.status != DOC_STATUS_NONE) {
    buf_printf(&st, "%s %s", doc_status_symbol(k->value.status), present_status_word(k->value.status, c->meta->language));
    parts[3].text = buf_str(&st);
  }
  for (int i = 0; i < 4; i++) {
    if (!parts[i].text || !*parts[i].text) continue;
    pdf_para_break_text(&c->fonts, &c->para, parts[i].text, parts[i].style, parts[i].size, tw);
    double lead = parts[i].size * 1.2;
    for (size_t l = 0; l < c->para.nlines; l++) {
      if (draw)
        pdf_draw_line(c, pg, &c->para, l, parts[i].col, tx, ty - PDF_ASCENT * parts[i].size);
      ty -= lead;
    }
    ty -= parts[i].after;
  }
  buf_free(&st);
  return y - ty + pad;
}

/* Box width and boxes per row of a key-figure block on the current page. */
static double keyfigure_width(const pdf_ctx *c, const doc_block *b, size_t *per_row) {
  size_t n = b->u.keyfigures.nitems;
  *per_row = c->landscape ? 5 : 4;
  double w = (c->x1 - c->x0 - KEYFIG_GAP * (double)(*per_row - 1)) / (double)*per_row;
  if (n <= *per_row) w = (c->x1 - c->x0 - KEYFIG_GAP * (double)(n - 1)) / (double)n;
  if (w > 60 * PDF_MM) w = 60 * PDF_MM;
  return w;
}

/* Height of the row of boxes starting at item `first` (uses c->para). */
static double keyfigures_row_height(pdf_ctx *c, const doc_block *b, size_t first) {
  size_t per_row, n = b->u.keyfigures.nitems;
  if (first >= n) return 0;
  double w = keyfigure_width(c, b, &per_row), h = 0;
  for (size_t j = first; j < n && j < first + per_row; j++) {
    double bh = keyfigure_box(c, &b->u.keyfigures.items[j], 0, 0, w, 0, 0);
    if (bh > h) h = bh;
  }
  return h;
}

static int place_keyfigures(pdf_ctx *c, const doc_block *b) {
  if (need_page(c) != 0) return -1;
  size_t n = b->u.keyfigures.nitems, per_row;
  double w = keyfigure_width(c, b, &per_row);
  gap(c, KEYFIG_BEFORE);
  for (size_t i = 0; i < n; i += per_row) {
    size_t m = n - i < per_row ? n - i : per_row;
    double h = keyfigures_row_height(c, b, i);
    if (pdf_ensure(c, h) != 0) return -1;
    for (size_t j = 0; j < m; j++)
      keyfigure_box(c, &b->u.keyfigures.items[i + j], c->x0 + (double)j * (w + KEYFIG_GAP), c->y, w,
                    h, 1);
    c->y -= h + KEYFIG_GAP;
    c->page_empty = 0;
  }
  c->y -= PARA_AFTER - KEYFIG_GAP + 4;
  return pdf_check(c, "drawing key figures");
}

/* ---- images ------------------------------------------------------------------------------------
 */

static int place_image(pdf_ctx *c, const doc_block *b) {
  if (need_page(c) != 0) return -1;
  if (!b->u.image.path) return pdf_fail(c, "image block without a file path");
  HPDF_Image img = load_image(c, b->u.image.path);
  if (!img) return -1;
  double iw = HPDF_Image_GetWidth(img), ih = HPDF_Image_GetHeight(img);
  if (iw <= 0 || ih <= 0) return pdf_fail(c, "image '%s' has no size", b->u.image.path);
  double w = b->u.image.width_mm > 0 ? b->u.image.width_mm * PDF_MM : iw * 0.75; /* 96 dpi */
  if (w > c->x1 - c->x0) w = c->x1 - c->x0;
  double h = w * ih / iw;
  if (h > pdf_frame_height(c)) {
    h = pdf_frame_height(c);
    w = h * iw / ih;
  }
  gap(c, 4);
  if (pdf_ensure(c, h) != 0) return -1;
  HPDF_Page_DrawImage(pdf_cur_page(c), img, (HPDF_REAL)c->x0, (HPDF_REAL)(c->y - h), (HPDF_REAL)w,
                      (HPDF_REAL)h);
  c->y -= h + PARA_AFTER + 4;
  c->page_empty = 0;
  return pdf_check(c, "drawing an image");
}

/* ---- charts (drawn by pdf/chart.c with this renderer's fonts) ------------------------------ */

static double chart_width(void *ctx, int bold, double size, const char *s) {
  return pdf_text_width(&((pdf_ctx *)ctx)->fonts, bold ? PDF_BOLD : PDF_REGULAR, size, s,
                        strlen(s));
}

static void chart_prepare(void *ctx, int bold, const char *s, rapp_buf *out) {
  pdf_font_clean(&((pdf_ctx *)ctx)->fonts, bold ? PDF_BOLD : PDF_REGULAR, s, strlen(s), out);
}

/* Height of a chart block (without its data table), at most a page. */
static double chart_block_height(pdf_ctx *c, const doc_block *b) {
  const doc_chart *ch = b->u.chart;
  double h = pdf_chart_height(ch, pdf_chart_width(ch, c->x1 - c->x0));
  return h > pdf_frame_height(c) ? pdf_frame_height(c) : h;
}

static int place_chart(pdf_ctx *c, const doc_block *b) {
  if (need_page(c) != 0) return -1;
  const doc_chart *ch = b->u.chart;
  double w = pdf_chart_width(ch, c->x1 - c->x0);
  double h = chart_block_height(c, b);
  gap(c, CHART_BEFORE);
  if (pdf_ensure(c, h) != 0) return -1;
  pdf_chart_text text = {.font = {pdf_face_font(c, PDF_REGULAR), pdf_face_font(c, PDF_BOLD)},
                         .ctx = c,
                         .width = chart_width,
                         .prepare = chart_prepare,
                         .language = c->meta->language};
  if (!text.font[0] || !text.font[1]) return pdf_check(c, "loading fonts for a chart");
  rapp_err cerr = {0};
  if (pdf_chart_draw(pdf_cur_page(c), &text, c->x0, c->y, w, h, ch, &cerr) != 0)
    return pdf_fail(c, "chart: %s", cerr.msg);
  c->y -= h + PARA_AFTER;
  c->page_empty = 0;
  if (pdf_check(c, "drawing a chart") != 0) return -1;
  /* The chart's data as a table under it, when the script asked for it. */
  if (ch->show_table && ch->table) return pdf_layout_table(c, ch->table);
  return 0;
}

/* ---- the flow
 * -------------------------------------------------------------------------------------- */

static int set_orientation(pdf_ctx *c, int landscape) {
  c->landscape = landscape ? 1 : 0;
  if (c->npages && c->page_empty && !c->pages[c->npages - 1].cover) {
    /* Nothing on the current page yet: turn it instead of leaving it blank. */
    c->npages--;
    HPDF_Page pg = c->pages[c->npages].page;
    HPDF_Page_SetSize(pg, HPDF_PAGE_SIZE_A4,
                      c->landscape ? HPDF_PAGE_LANDSCAPE : HPDF_PAGE_PORTRAIT);
    c->pages[c->npages++].landscape = c->landscape;
    double pw = HPDF_Page_GetWidth(pg), ph = HPDF_Page_GetHeight(pg);
    c->x1 += pw - c->pw;
    c->ytop += ph - c->ph;
    c->pw = pw;
    c->ph = ph;
    c->y = c->ytop;
    return pdf_check(c, "turning a page");
  }
  return pdf_new_page(c, 0);
}

int pdf_layout_doc(pdf_ctx *c) {
  size_t n = doc_nblocks(c->d);
  for (size_t i = 0; i < n && !c->failed; i++) {
    const doc_block *b = doc_block_at(c->d, i);
    int rc = 0;
    switch (b->kind) {
      case DOC_COVER:
        rc = place_cover(c, b);
        break;
      case DOC_TOC:
        rc = place_toc(c, b);
        break;
      case DOC_HEADING:
        rc = place_heading(c, i, b);
        break;
      case DOC_PARAGRAPH:
      case DOC_BULLETS: {
        const double quote_indent = b->quote ? 16 : 0; /* a block quote: indented */
        c->x0 += quote_indent;
        rc = b->kind == DOC_PARAGRAPH ? place_paragraph(c, &b->u.paragraph) : place_bullets(c, b);
        c->x0 -= quote_indent;
        break;
      }
      case DOC_KEYFIGURES:
        rc = place_keyfigures(c, b);
        break;
      case DOC_TABLE:
        rc = need_page(c);
        if (rc == 0) rc = pdf_layout_table(c, b->u.table);
        break;
      case DOC_NOTE:
        rc = place_note(c, b);
        break;
      case DOC_IMAGE:
        rc = place_image(c, b);
        break;
      case DOC_PAGEBREAK:
        rc = pdf_break_page(c);
        break;
      case DOC_ORIENTATION:
        rc = set_orientation(c, b->u.orientation.landscape);
        break;
      case DOC_CHART:
        rc = place_chart(c, b);
        break;
      case DOC_ATTACHMENT: /* its pages start on a new page, portrait, numbered on their own */
        c->part = b->u.attachment.number;
        c->part_title = b->u.attachment.title ? b->u.attachment.title : "Vedlegg";
        c->part_outline = NULL;
        for (int l = 0; l < 3; l++) c->outline[l] = NULL;
        c->landscape = 0;
        c->page_closed = 1;
        break;
    } /* no default: -Wswitch-enum names a block kind this renderer misses */
    if (rc != 0) return -1;
  }
  if (c->npages == 0 && pdf_new_page(c, 0) != 0) return -1;
  return c->failed ? -1 : 0;
}
