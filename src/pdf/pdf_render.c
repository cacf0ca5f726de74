/* pdf/pdf_render.c — the PDF renderer's entry point (pdf_renderer): sets up libharu safely, runs
 * the flow, then draws what needs the final page count (running header and footer, the table of
 * contents' page numbers, dot leaders and links), writes document info, /Lang and a reproducible
 * /ID, fixes the ToUnicode CMaps and saves.
 *
 * libharu's error handler only records (never longjmps); errors are sticky in libharu, so every
 * stage checks and stops at the first one. */
#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model/render.h"
#include "pdf/pdf_int.h"
#include "util/hugeheap.h"
#include "util/nofmt.h"
#include "util/trace.h"

static void HPDF_STDCALL on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user_data) {
  pdf_ctx *c = user_data;
  if (c->hpdf_error == HPDF_OK) {
    c->hpdf_error = error_no;
    c->hpdf_detail = detail_no;
  }
}

/* ---- running header and footer --------------------------------------------------------------- */

#define RUN_SIZE 8.0

int pdf_draw_running(pdf_ctx *c) {
  const doc_meta *m = c->meta;
  char date[64], num[64], prelim[256];
  pdf_production_date(c, 0, date, sizeof date);
  const char *mark = doc_marking_text(m, prelim, sizeof prelim); /* preliminary, internal edition */
  rapp_buf left = {0}, fit = {0};
  /* The preliminary marking first, so a long footer never cuts it off. */
  if (mark) buf_printf(&left, "%s   \xC2\xB7   ", mark);
  if (m->period_label && *m->period_label) buf_printf(&left, "%s   \xC2\xB7   ", m->period_label);
  buf_printf(&left, "%s %s", label_get(m->language, "produced"), date);
  /* Page numbers count per part: the document "Side N av M", attachment k "Vedlegg k – side N
   * av M" (docs/pdf-layout.md, "Attachments"). */
  size_t nparts = (size_t)doc_attachment_count(c->d) + 1;
  size_t *part_pages = xcalloc(nparts, sizeof *part_pages), *part_seen = xcalloc(nparts, sizeof *part_seen);
  for (size_t i = 0; i < c->npages; i++) part_pages[c->pages[i].part]++;
  for (size_t i = 0; i < c->npages; i++) {
    size_t part = (size_t)c->pages[i].part, no = ++part_seen[part];
    if (c->pages[i].cover) {
      /* A cover has no running footer, but a preliminary one says so, large and in the footer. */
      if (mark) {
        HPDF_Page pg = c->pages[i].page;
        double x0 = 20 * PDF_MM, w = HPDF_Page_GetWidth(pg) - 40 * PDF_MM;
        pdf_fit_text(c, PDF_BOLD, 14, mark, w, &fit);
        pdf_draw_text(c, pg, PDF_BOLD, 14, PDF_NEGATIVE, x0, 40 * PDF_MM, fit.data, fit.len);
        pdf_fit_text(c, PDF_REGULAR, RUN_SIZE, mark, w, &fit);
        pdf_draw_text(c, pg, PDF_REGULAR, RUN_SIZE, PDF_MUTED, x0, 9 * PDF_MM, fit.data, fit.len);
      }
      continue;
    }
    HPDF_Page pg = c->pages[i].page;
    double pw = HPDF_Page_GetWidth(pg), ph = HPDF_Page_GetHeight(pg);
    double x0 = 20 * PDF_MM, x1 = pw - 20 * PDF_MM, w = x1 - x0;
    double hb = ph - 12 * PDF_MM, fb = 9 * PDF_MM;
    /* Municipality right (up to half the width), title left in what remains. */
    double mw = 0;
    if (m->municipality) {
      mw = pdf_text_width(&c->fonts, PDF_BOLD, RUN_SIZE, m->municipality, strlen(m->municipality));
      if (mw > w * 0.5) mw = w * 0.5;
    }
    const doc_block *att = part ? doc_attachment_at(c->d, (int)part) : NULL;
    const char *title = att && att->u.attachment.title ? att->u.attachment.title : m->title;
    if (title) {
      pdf_fit_text(c, PDF_REGULAR, RUN_SIZE, title, w - mw - 16, &fit);
      pdf_draw_text(c, pg, PDF_REGULAR, RUN_SIZE, PDF_MUTED, x0, hb, fit.data, fit.len);
    }
    if (m->municipality) {
      pdf_fit_text(c, PDF_BOLD, RUN_SIZE, m->municipality, mw, &fit);
      double tw = pdf_text_width(&c->fonts, PDF_BOLD, RUN_SIZE, fit.data, fit.len);
      pdf_draw_text(c, pg, PDF_BOLD, RUN_SIZE, PDF_MUTED, x1 - tw, hb, fit.data, fit.len);
    }
    pdf_hline(pg, PDF_HAIRLINE, 0.5, x0, x1, ph - 14 * PDF_MM);
    pdf_hline(pg, PDF_HAIRLINE, 0.5, x0, x1, 14 * PDF_MM);
    if (part)
      snprintf(num, sizeof num, "%s %zu \xE2\x80\x93 %s %zu %s %zu", label_get(m->language, "attachment"), part,
               label_get(m->language, "page.lower"), no, label_get(m->language, "page.of"), part_pages[part]);
    else
      snprintf(num, sizeof num, "%s %zu %s %zu", label_get(m->language, "page"), no, label_get(m->language, "page.of"),
               part_pages[0]);
    double nw = pdf_text_width(&c->fonts, PDF_REGULAR, RUN_SIZE, num, strlen(num));
    pdf_draw_text(c, pg, PDF_REGULAR, RUN_SIZE, PDF_MUTED, x1 - nw, fb, num, strlen(num));
    pdf_fit_text(c, PDF_REGULAR, RUN_SIZE, buf_str(&left), w - nw - 12, &fit);
    pdf_draw_text(c, pg, PDF_REGULAR, RUN_SIZE, PDF_MUTED, x0, fb, fit.data, fit.len);
  }
  free(part_pages);
  free(part_seen);
  buf_free(&left);
  buf_free(&fit);
  return pdf_check(c, "drawing the running header and footer");
}

/* ---- colophon -------------------------------------------------------------------------------- */

/* The last page, "Om rapporten": what the document was made from (model/doc.h doc_about_lines),
 * so a printed or archived copy can be traced to its snapshot. Only a document made by a report
 * run has a snapshot to name; one built directly (renderer tests) gets none. */
static int place_colophon(pdf_ctx *c) {
  const doc_meta *m = c->meta;
  if (!m->snapshot_name) return 0;
  doc_about_line lines[DOC_ABOUT_MAX];
  size_t n = doc_about_lines(m, lines);
  c->landscape = 0;
  if (pdf_new_page(c, 0) != 0) return -1;
  const char *title = label_get(m->language, "about");
  pdf_draw_text(c, pdf_cur_page(c), PDF_BOLD, 16, PDF_HEADING, c->x0, c->y - PDF_ASCENT * 16, title,
                strlen(title));
  c->y -= 20;
  pdf_hline(pdf_cur_page(c), PDF_HAIRLINE, 0.6, c->x0, c->x1, c->y - 2);
  c->y -= 10;
  c->page_empty = 0;
  doc *t = doc_new();
  doc_column cols[2] = {{.title = label_get(m->language, "about.field"), .decimals = -1, .width_mm = 45},
                        {.title = label_get(m->language, "about.value"), .decimals = -1}};
  doc_table *tb = doc_add_table(t, cols, 2);
  for (size_t i = 0; i < n; i++) {
    doc_row *r = doc_table_add_row(t, tb, DOC_ROW_DATA);
    doc_cell_set_text(t, &r->cells[0], lines[i].label);
    doc_cell_set_text(t, &r->cells[1], lines[i].value);
  }
  int rc = pdf_layout_table(c, tb);
  doc_free(t);
  return rc;
}

/* ---- table of contents
 * --------------------------------------------------------------------------- */

int pdf_draw_toc(pdf_ctx *c) {
  rapp_buf tmp = {0};
  for (size_t i = 0; i < c->ntoc; i++) {
    const pdf_toc_entry *e = &c->toc[i];
    const pdf_heading_pos *hp = &c->headings[e->heading];
    const doc_block *hb = c->heading_blocks[e->heading];
    if (!hp->placed || !hb) continue;
    HPDF_Page pg = c->pages[e->page].page;
    double pw = HPDF_Page_GetWidth(pg);
    double x0 = 20 * PDF_MM, x1 = pw - 20 * PDF_MM;
    pdf_toc_entry_break(c, hb, x1 - x0, &tmp);
    int lv = hb->u.heading.level - 1;
    double indent = lv * 14.0, size = c->para.size, lead = 13.0;
    double top = e->y - (lv == 0 ? 4.0 : 0.0);
    double base = 0, last_w = 0;
    pdf_rgb col = lv == 0 ? PDF_HEADING : PDF_INK;
    for (size_t l = 0; l < c->para.nlines; l++) {
      base = top - (double)l * lead - (lead - size) / 2 - PDF_ASCENT * size;
      pdf_draw_line(c, pg, &c->para, l, col, x0 + indent, base);
      last_w = c->para.lines[l].w;
    }
    char num[32]; /* the page number its footer shows: counted within its part */
    size_t no = 0;
    for (size_t k = 0; k <= hp->page; k++) no += c->pages[k].part == c->pages[hp->page].part;
    snprintf(num, sizeof num, "%zu", no);
    int face = lv == 0 ? PDF_BOLD : PDF_REGULAR;
    double nw = pdf_text_width(&c->fonts, face, size, num, strlen(num));
    pdf_draw_text(c, pg, face, size, col, x1 - nw, base, num, strlen(num));
    /* Dot leader between the text's end and the number. */
    double from = x0 + indent + last_w + 4, to = x1 - nw - 4;
    double dw = pdf_text_width(&c->fonts, PDF_REGULAR, size, ".", 1) * 2;
    if (to - from > dw) {
      buf_reset(&tmp);
      size_t n = (size_t)((to - from) / dw);
      for (size_t k = 0; k < n; k++) buf_puts(&tmp, k ? " ." : ".");
      double lw = pdf_text_width(&c->fonts, PDF_REGULAR, size, tmp.data, tmp.len);
      pdf_draw_text(c, pg, PDF_REGULAR, size, PDF_MUTED, to - lw, base, tmp.data, tmp.len);
    }
    /* The whole entry links to the heading. */
    HPDF_Destination dst = HPDF_Page_CreateDestination(c->pages[hp->page].page);
    HPDF_Destination_SetFitH(dst, (HPDF_REAL)(hp->y + 4));
    HPDF_Rect r = {(HPDF_REAL)(x0 + indent), (HPDF_REAL)(top - (double)c->para.nlines * lead),
                   (HPDF_REAL)x1, (HPDF_REAL)top};
    HPDF_Annotation a = HPDF_Page_CreateLinkAnnot(pg, r, dst);
    if (a) HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
  }
  buf_free(&tmp);
  return pdf_check(c, "drawing the table of contents");
}

/* ---- document information
 * -------------------------------------------------------------------------- */

static uint64_t fnv1a(uint64_t h, const char *s) {
  for (; s && *s; s++) h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
  return h * 0x100000001b3ULL;
}

static int write_info(pdf_ctx *c) {
  const doc_meta *m = c->meta;
  HPDF_SetCurrentEncoder(c->pdf, "UTF-8"); /* info strings are UTF-8 (else mojibake) */
  if (m->title) HPDF_SetInfoAttr(c->pdf, HPDF_INFO_TITLE, m->title);
  if (m->municipality) HPDF_SetInfoAttr(c->pdf, HPDF_INFO_AUTHOR, m->municipality);
  /* Provenance for an archive's index: the subject names report, period and as-of date; the
   * keywords carry every "Om rapporten" line (label: value; ...). */
  rapp_buf subject = {0}, keywords = {0};
  char prelim[256], asof[32];
  buf_puts(&subject, m->subject ? m->subject : m->title ? m->title : "");
  if (m->period_label && !strstr(buf_str(&subject), m->period_label))
    buf_printf(&subject, " \xE2\x80\x93 %s", m->period_label);
  if (doc_iso_date(m->as_of_date))
    buf_printf(&subject, " (per %s)", nofmt_date(asof, sizeof asof, doc_iso_date(m->as_of_date)));
  if (doc_marking_text(m, prelim, sizeof prelim))
    buf_printf(&subject, " \xE2\x80\x93 %s", prelim);
  if (m->keywords) buf_printf(&keywords, "%s; ", m->keywords);
  if (m->snapshot_name) {
    doc_about_line lines[DOC_ABOUT_MAX];
    size_t n = doc_about_lines(m, lines);
    for (size_t i = 0; i < n; i++)
      buf_printf(&keywords, "%s%s: %s", i ? "; " : "", lines[i].label, lines[i].value);
  }
  if (subject.len) HPDF_SetInfoAttr(c->pdf, HPDF_INFO_SUBJECT, buf_str(&subject));
  if (keywords.len) HPDF_SetInfoAttr(c->pdf, HPDF_INFO_KEYWORDS, buf_str(&keywords));
  buf_free(&subject);
  buf_free(&keywords);
  HPDF_SetInfoAttr(c->pdf, HPDF_INFO_CREATOR, "Rapp");
  /* Dates from doc_meta.created (SOURCE_DATE_EPOCH), never from the clock. */
  time_t t = (time_t)m->created;
  struct tm tm;
  if (!gmtime_r(&t, &tm)) memset(&tm, 0, sizeof tm);
  HPDF_Date dt = {.year = tm.tm_year + 1900,
                  .month = tm.tm_mon + 1,
                  .day = tm.tm_mday,
                  .hour = tm.tm_hour,
                  .minutes = tm.tm_min,
                  .seconds = tm.tm_sec,
                  .ind = 'Z'};
  HPDF_SetInfoDateAttr(c->pdf, HPDF_INFO_CREATION_DATE, dt);
  HPDF_SetInfoDateAttr(c->pdf, HPDF_INFO_MOD_DATE, dt);
  if (pdf_check(c, "writing document information") != 0) return -1;

  /* /Lang: libharu has no setter; BCP 47 with region. */
  const char *lang = m->language && *m->language ? m->language : "nb";
  char tag[32];
  if (strchr(lang, '-'))
    snprintf(tag, sizeof tag, "%s", lang);
  else
    snprintf(tag, sizeof tag, "%s-NO", lang);
  HPDF_Dict_Add(c->pdf->catalog, "Lang", HPDF_String_New(c->pdf->mmgr, tag, NULL));

  /* /ID: from the content's identity, so the same input gives the same bytes. */
  char created[32];
  snprintf(created, sizeof created, "%lld/%zu", (long long)m->created, c->npages);
  uint64_t h1 = fnv1a(fnv1a(fnv1a(0xcbf29ce484222325ULL, m->title), m->municipality), created);
  uint64_t h2 =
      fnv1a(fnv1a(fnv1a(h1 ^ 0x9e3779b97f4a7c15ULL, m->period_label), m->subtitle), created);
  unsigned char id[16];
  for (int i = 0; i < 8; i++) {
    id[i] = (unsigned char)(h1 >> (8 * i));
    id[8 + i] = (unsigned char)(h2 >> (8 * i));
  }
  HPDF_Array ids = HPDF_Array_New(c->pdf->mmgr);
  if (ids) {
    HPDF_Array_Add(ids, HPDF_Binary_New(c->pdf->mmgr, id, 16));
    HPDF_Array_Add(ids, HPDF_Binary_New(c->pdf->mmgr, id, 16));
    HPDF_Dict_Add(c->pdf->trailer, "ID", ids);
  }
  if (c->nheadings) HPDF_SetPageMode(c->pdf, HPDF_PAGE_MODE_USE_OUTLINE);
  return pdf_check(c, "writing the catalog");
}

/* ---- entry
 * ------------------------------------------------------------------------------------------- */

static int pdf_render_doc(const doc *d, const char *path, const render_env *env, rapp_err *err) {
  pdf_ctx ctx = {0}, *c = &ctx;
  c->d = d;
  c->meta = doc_meta_get(d);
  c->err = err;
  /* libharu deflates every page with a zlib stream of its own; when its window is freed, glibc
   * gave the heap top back to the kernel and the next page faulted it in again (brk, zeroed
   * pages): a third of a large table's CPU time in system calls and page faults
   * (bench/render_bench.sh; its floor keeps 64 MB of freed heap too). */
  heap_keep_freed();
  c->pdf = HPDF_New(on_error, c);
  if (!c->pdf) return err_set(err, "PDF: out of memory creating the document");
  int rc = -1;
  HPDF_SetCompressionMode(c->pdf, HPDF_COMP_ALL);
  HPDF_UseUTFEncodings(c->pdf);
  c->utf8 = HPDF_GetEncoder(c->pdf, "UTF-8");
  if (!c->utf8 || pdf_check(c, "setting up UTF-8") != 0) goto done;
  double t = trace_now();
  if (pdf_fonts_load(c, env && env->fonts_dir ? env->fonts_dir : "fonts") != 0) goto done;
  trace_stage("pdf_fonts", &t);

  c->nheadings = doc_nheadings(d);
  c->headings = xcalloc(c->nheadings ? c->nheadings : 1, sizeof *c->headings);
  c->heading_blocks = xcalloc(c->nheadings ? c->nheadings : 1, sizeof *c->heading_blocks);
  for (size_t i = 0; i < doc_nblocks(d); i++) {
    const doc_block *b = doc_block_at(d, i);
    if (b->kind == DOC_HEADING && b->u.heading.id >= 0 && (size_t)b->u.heading.id < c->nheadings)
      c->heading_blocks[b->u.heading.id] = b;
  }

  if (pdf_layout_doc(c) != 0) goto done;
  c->part = 0; /* "Om rapporten" closes the document itself, after its attachments */
  if (place_colophon(c) != 0) goto done;
  if (pdf_draw_running(c) != 0) goto done;
  if (pdf_draw_toc(c) != 0) goto done;
  if (write_info(c) != 0) goto done;
  if (pdf_fonts_fix_tounicode(c) != 0) goto done;
  if (HPDF_SaveToFile(c->pdf, path) != HPDF_OK || c->hpdf_error) {
    pdf_fail(c,
             "cannot write '%s' (libharu error 0x%04X): check that the folder exists and is "
             "writable and the disk is not full",
             path, (unsigned)c->hpdf_error);
    remove(path);
    goto done;
  }
  rc = 0;
done:
  if (rc != 0 && !c->failed) pdf_check(c, "rendering");
  if (rc != 0 && !c->failed) pdf_fail(c, "rendering failed");
  HPDF_Free(c->pdf);
  pdf_pack_done(c);
  pdf_fonts_free(&c->fonts);
  pdf_para_free(&c->para);
  free(c->widths);
  free(c->cells.off);
  free(c->cells.flags);
  buf_free(&c->cells.text);
  buf_free(&c->scratch);
  free(c->pages);
  free(c->headings);
  free(c->heading_blocks);
  free(c->toc);
  return rc;
}

const rapp_renderer pdf_renderer = {"pdf", pdf_render_doc};
