/* html/html_render.c — html_renderer ("html"): the document as one self-contained, accessible
 * web page (docs/html.md). Style inline, charts as inline SVG, images as data: URIs; no script,
 * nothing fetched. Landmarks: the cover in <header>, the contents in <nav>, the blocks in <main>,
 * "Om rapporten" in <footer>. Everything written depends on the doc alone (SOURCE_DATE_EPOCH for
 * the date), so the same input gives the same bytes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html/html_int.h"
#include "util/image.h"
#include "util/nofmt.h"

/* ---- escaping ------------------------------------------------------------------------------ */

static void escape(rapp_buf *b, const char *s, int quotes) {
  if (!s) return;
  /* from special character to special character (strcspn: most texts have none) */
  const char *special = quotes ? "&<>\"" : "&<>";
  for (;;) {
    size_t len = strcspn(s, special);
    buf_append(b, s, len);
    s += len;
    if (!*s) break;
    buf_puts(b, *s == '&' ? "&amp;" : *s == '<' ? "&lt;" : *s == '>' ? "&gt;" : "&quot;");
    s++;
  }
}

void html_text(rapp_buf *b, const char *s) {
  escape(b, s, 0);
}

void html_attr(rapp_buf *b, const char *s) {
  escape(b, s, 1);
}

void html_inline(rapp_buf *b, const doc_inline *in) {
  for (size_t i = 0; i < in->nruns; i++) {
    unsigned st = in->runs[i].style;
    if (st & DOC_BOLD) buf_puts(b, "<strong>");
    if (st & DOC_ITALIC) buf_puts(b, "<em>");
    html_text(b, in->runs[i].text);
    if (st & DOC_ITALIC) buf_puts(b, "</em>");
    if (st & DOC_BOLD) buf_puts(b, "</strong>");
  }
}

int html_heading_level(html_ctx *x, int doc_level) {
  int h = doc_level + 1 + (x->in_attachment ? 1 : 0);
  if (h > x->last_level + 1) h = x->last_level + 1;
  if (h < 2) h = 2;
  if (h > 6) h = 6;
  x->last_level = h;
  return h;
}

const char *html_status_word(const html_ctx *x, doc_status s) {
  return present_status_word(s, x->m->language);
}

void html_production_date(const doc_meta *m, int longform, char *buf, size_t n) {
  rapp_localtime lt;
  present_created(m, &lt);
  if (longform)
    nofmt_date_long(buf, n, lt.ymd);
  else
    nofmt_date(buf, n, lt.ymd);
}

/* The status colours, from the one status table: fill and ink of each status class. */
static void status_css(rapp_buf *b) {
  for (doc_status s = DOC_STATUS_DESIRED; s <= DOC_STATUS_NO_TARGET; s++) {
    const present_status *st = present_status_of(s);
    buf_printf(b, ".st-%s{background:#%06X;color:#%06X}\n", st->code, (unsigned)st->fill,
               (unsigned)st->ink);
  }
}

/* ---- images -------------------------------------------------------------------------------- */

static void base64(rapp_buf *b, const unsigned char *p, size_t n) {
  static const char a[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  for (size_t i = 0; i < n; i += 3) {
    uint32_t v = (uint32_t)p[i] << 16 | (i + 1 < n ? (uint32_t)p[i + 1] << 8 : 0) |
                 (i + 2 < n ? p[i + 2] : 0);
    buf_putc(b, a[v >> 18 & 63]);
    buf_putc(b, a[v >> 12 & 63]);
    buf_putc(b, i + 1 < n ? a[v >> 6 & 63] : '=');
    buf_putc(b, i + 2 < n ? a[v & 63] : '=');
  }
}

/* <img> with the file's bytes inline; the same check as the PDF (util/image.h). */
static int image(html_ctx *x, const char *path, const char *alt, double width_mm, const char *cls,
                 rapp_err *err) {
  unsigned char *data = NULL;
  size_t n = 0;
  image_info info;
  if (image_check_file(path, &data, &n, &info, err) != 0) return -1;
  buf_printf(&x->out, "<img class=\"%s\" src=\"data:%s;base64,", cls,
             info.kind == IMAGE_PNG ? "image/png" : "image/jpeg");
  base64(&x->out, data, n);
  free(data);
  buf_printf(&x->out, "\" width=\"%u\" height=\"%u\" alt=\"", (unsigned)info.width,
             (unsigned)info.height);
  html_attr(&x->out, alt ? alt : "");
  buf_puts(&x->out, "\"");
  if (width_mm > 0) buf_printf(&x->out, " style=\"width:%.0fmm\"", width_mm);
  buf_puts(&x->out, ">");
  return 0;
}

/* ---- header, contents, footer -------------------------------------------------------------- */

static void line(rapp_buf *b, const char *cls, const char *text) {
  if (!text || !*text) return;
  buf_printf(b, "<p class=\"%s\">", cls);
  html_text(b, text);
  buf_puts(b, "</p>\n");
}

static int header(html_ctx *x, const doc_block *cover, rapp_err *err) {
  const doc_meta *m = x->m;
  rapp_buf *b = &x->out;
  char date[64], prelim[256];
  buf_puts(b, "<header class=\"cover\">\n");
  if (cover && cover->u.cover.logo_path && *cover->u.cover.logo_path) {
    if (image(x, cover->u.cover.logo_path, "", 0, "logo", err) != 0) return -1;
    buf_putc(b, '\n');
  }
  const char *title = cover && cover->u.cover.title ? cover->u.cover.title : m->title;
  const char *subtitle = cover && cover->u.cover.subtitle ? cover->u.cover.subtitle : m->subtitle;
  if (!subtitle || !m->municipality || strcmp(subtitle, m->municipality) != 0)
    line(b, "muni", m->municipality); /* once, when the subtitle is not the municipality */
  buf_puts(b, "<h1>");
  html_text(b, title && *title ? title : label_get(m->language, "report"));
  buf_puts(b, "</h1>\n");
  line(b, "subtitle", subtitle);
  line(b, "period", cover && cover->u.cover.period_label ? cover->u.cover.period_label : m->period_label);
  html_production_date(m, 1, date, sizeof date);
  line(b, "date", cover && cover->u.cover.date_text ? cover->u.cover.date_text : date);
  const char *mark = doc_marking_text(m, prelim, sizeof prelim); /* preliminary, internal edition */
  if (mark) {
    buf_puts(b, "<p class=\"prelim\"><strong>");
    html_text(b, mark);
    buf_puts(b, "</strong></p>\n");
  }
  buf_puts(b, "</header>\n");
  return 0;
}

/* The table of contents as nested lists, heading levels computed as html_heading_level does. */
static void contents(html_ctx *x, int depth) {
  rapp_buf *b = &x->out;
  html_ctx sim = {.last_level = 1};
  int cur = 2, first = 1;
  buf_puts(b, "<nav aria-labelledby=\"innhold-tittel\">\n<h2 id=\"innhold-tittel\">");
  html_text(b, label_get(x->m->language, "contents"));
  buf_puts(b, "</h2>\n<ol>");
  for (size_t i = 0; i < doc_nblocks(x->d); i++) {
    const doc_block *bl = doc_block_at(x->d, i);
    if (bl->kind != DOC_HEADING) continue;
    int h = html_heading_level(&sim, bl->u.heading.level);
    if (depth > 0 && bl->u.heading.level > depth) continue; /* doc:toc { depth } */
    if (first) {
      first = 0;
    } else if (h > cur) {
      buf_puts(b, "\n<ol>");
      cur = h;
    } else {
      buf_puts(b, "</li>");
      for (; cur > h; cur--) buf_puts(b, "</ol></li>");
    }
    buf_printf(b, "\n<li><a href=\"#kap-%d\">", bl->u.heading.id);
    if (bl->u.heading.number) {
      html_text(b, bl->u.heading.number);
      buf_putc(b, ' ');
    }
    html_text(b, bl->u.heading.text);
    buf_puts(b, "</a>");
  }
  if (!first) buf_puts(b, "</li>");
  for (; cur > 2; cur--) buf_puts(b, "</ol></li>");
  buf_puts(b, "\n</ol>\n</nav>\n");
}

static void footer(html_ctx *x) {
  rapp_buf *b = &x->out;
  const doc_meta *m = x->m;
  buf_puts(b, "<footer>\n<h2>");
  html_text(b, label_get(m->language, "about"));
  buf_puts(b, "</h2>\n");
  if (m->snapshot_name) {
    doc_about_line lines[DOC_ABOUT_MAX];
    size_t n = doc_about_lines(m, lines);
    buf_puts(b, "<dl class=\"about\">\n");
    for (size_t i = 0; i < n; i++) {
      buf_puts(b, "<div><dt>");
      html_text(b, lines[i].label);
      buf_puts(b, "</dt><dd>");
      html_text(b, lines[i].value);
      buf_puts(b, "</dd></div>\n");
    }
    buf_puts(b, "</dl>\n");
  } else {
    char date[64];
    html_production_date(m, 0, date, sizeof date);
    buf_puts(b, "<p>");
    html_text(b, label_get(m->language, "produced"));
    buf_puts(b, " ");
    html_text(b, date);
    buf_puts(b, "</p>\n");
  }
  buf_puts(b, "</footer>\n");
}

/* ---- blocks -------------------------------------------------------------------------------- */

static void keyfigures(html_ctx *x, const doc_block *bl) {
  rapp_buf *b = &x->out;
  present_cell v;
  buf_puts(b, "<ul class=\"keyfigures\">\n");
  for (size_t i = 0; i < bl->u.keyfigures.nitems; i++) {
    const doc_keyfigure *k = &bl->u.keyfigures.items[i];
    present_keyfigure(k, &v);
    buf_puts(b, "<li><span class=\"kf-label\">");
    html_text(b, k->label ? k->label : "");
    buf_puts(b, "</span> <span class=\"kf-value\">");
    if (k->value.suppressed)
      html_suppressed(x);
    else
      html_text(b, v.text_is_status ? "" : v.text);
    buf_puts(b, "</span>");
    if (v.status != DOC_STATUS_NONE) {
      const present_status *st = present_status_of(v.status);
      buf_printf(b, " <span class=\"st st-%s\"><span class=\"sym\" aria-hidden=\"true\">%s</span> ",
                 st->code, st->symbol);
      html_text(b, html_status_word(x, v.status));
      buf_puts(b, "</span>");
    }
    if (k->comparison) {
      buf_puts(b, " <span class=\"kf-cmp\">");
      html_text(b, k->comparison);
      buf_puts(b, "</span>");
    }
    buf_puts(b, "</li>\n");
  }
  buf_puts(b, "</ul>\n");
}

static int block(html_ctx *x, const doc_block *bl, int *landscape, rapp_err *err) {
  rapp_buf *b = &x->out;
  switch (bl->kind) {
    case DOC_COVER:
    case DOC_TOC: break; /* in <header> and <nav> */
    case DOC_HEADING: {
      int h = html_heading_level(x, bl->u.heading.level);
      buf_printf(b, "<h%d id=\"kap-%d\"%s>", h, bl->u.heading.id,
                 bl->u.heading.level == 1 ? " class=\"chapter\"" : "");
      if (bl->u.heading.number) {
        buf_puts(b, "<span class=\"num\">");
        html_text(b, bl->u.heading.number);
        buf_puts(b, "</span> ");
      }
      html_text(b, bl->u.heading.text);
      buf_printf(b, "</h%d>\n", h);
      x->last_heading = bl->u.heading.text;
      break;
    }
    case DOC_PARAGRAPH:
      buf_puts(b, "<p>");
      html_inline(b, &bl->u.paragraph);
      buf_puts(b, "</p>\n");
      break;
    case DOC_BULLETS:
      buf_puts(b, "<ul>\n");
      for (size_t i = 0; i < bl->u.bullets.nitems; i++) {
        buf_puts(b, "<li>");
        html_inline(b, &bl->u.bullets.items[i]);
        buf_puts(b, "</li>\n");
      }
      buf_puts(b, "</ul>\n");
      break;
    case DOC_KEYFIGURES: keyfigures(x, bl); break;
    case DOC_TABLE: html_table(x, bl->u.table); break;
    case DOC_NOTE:
      buf_puts(b, "<p class=\"note\">");
      if (bl->u.note.marker) {
        buf_puts(b, "<span class=\"marker\">");
        html_text(b, bl->u.note.marker);
        buf_puts(b, "</span> ");
      }
      html_inline(b, &bl->u.note.text);
      buf_puts(b, "</p>\n");
      break;
    case DOC_IMAGE:
      buf_puts(b, "<p class=\"image\">");
      if (image(x, bl->u.image.path, bl->u.image.alt, bl->u.image.width_mm, "figure", err) != 0)
        return -1;
      buf_puts(b, "</p>\n");
      break;
    case DOC_PAGEBREAK: buf_puts(b, "<div class=\"pagebreak\"></div>\n"); break;
    case DOC_ORIENTATION:
      /* Printed pages after it turn (CSS named page); the screen ignores orientation. */
      if (*landscape) buf_puts(b, "</div>\n");
      *landscape = bl->u.orientation.landscape;
      if (*landscape) buf_puts(b, "<div class=\"landscape\">\n");
      break;
    case DOC_CHART: html_chart(x, bl->u.chart); break;
    case DOC_ATTACHMENT: /* a section with the attachment's title; its headings below it */
      if (*landscape) buf_puts(b, "</div>\n");
      *landscape = 0;
      if (x->in_attachment) buf_puts(b, "</section>\n");
      buf_printf(b, "<section class=\"attachment\" aria-labelledby=\"vedlegg-%d\">\n<h2 id=\"vedlegg-%d\">",
                 bl->u.attachment.number, bl->u.attachment.number);
      html_text(b, bl->u.attachment.title ? bl->u.attachment.title : "Vedlegg");
      buf_puts(b, "</h2>\n");
      x->in_attachment = 1;
      x->last_level = 2;
      break;
  }
  return 0;
}

/* ---- the page ------------------------------------------------------------------------------ */

static int page(html_ctx *x, rapp_err *err) {
  const doc_meta *m = x->m;
  rapp_buf *b = &x->out;
  const doc_block *cover = NULL;
  int toc = 0, toc_depth = 0;
  for (size_t i = 0; i < doc_nblocks(x->d); i++) {
    const doc_block *bl = doc_block_at(x->d, i);
    if (bl->part) continue; /* an attachment's cover and contents are not the page's */
    if (bl->kind == DOC_COVER && !cover) cover = bl;
    if (bl->kind == DOC_TOC && !toc) toc = 1, toc_depth = bl->u.toc.depth;
  }
  const char *lang = m->language && *m->language ? m->language : "nb";
  buf_puts(b, "<!DOCTYPE html>\n<html lang=\"");
  html_attr(b, lang);
  buf_puts(b, "\">\n<head>\n<meta charset=\"utf-8\">\n"
              "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
              "<meta name=\"generator\" content=\"Rapp\">\n");
  if (m->municipality) {
    buf_puts(b, "<meta name=\"author\" content=\"");
    html_attr(b, m->municipality);
    buf_puts(b, "\">\n");
  }
  if (m->keywords) {
    buf_puts(b, "<meta name=\"keywords\" content=\"");
    html_attr(b, m->keywords);
    buf_puts(b, "\">\n");
  }
  buf_puts(b, "<title>");
  html_text(b, m->title && *m->title ? m->title : label_get(m->language, "report"));
  if (m->period_label && *m->period_label && (!m->title || !strstr(m->title, m->period_label))) {
    buf_puts(b, " \xE2\x80\x93 ");
    html_text(b, m->period_label);
  }
  if (m->municipality && *m->municipality) {
    buf_puts(b, " \xE2\x80\x93 ");
    html_text(b, m->municipality);
  }
  buf_printf(b, "</title>\n<style>\n%s", html_css);
  status_css(b);
  buf_puts(b, "</style>\n</head>\n<body>\n");
  buf_puts(b, "<a class=\"skip\" href=\"#innhold\">");
  html_text(b, label_get(m->language, "skip_to_content"));
  buf_puts(b, "</a>\n");
  if (header(x, cover, err) != 0) return -1;
  if (toc) contents(x, toc_depth);
  buf_puts(b, "<main id=\"innhold\" tabindex=\"-1\">\n");
  int landscape = 0;
  for (size_t i = 0; i < doc_nblocks(x->d); i++)
    if (block(x, doc_block_at(x->d, i), &landscape, err) != 0) return -1;
  if (landscape) buf_puts(b, "</div>\n");
  if (x->in_attachment) buf_puts(b, "</section>\n");
  buf_puts(b, "</main>\n");
  footer(x);
  buf_puts(b, "</body>\n</html>\n");
  return 0;
}

static int html_render(const doc *d, const char *path, const render_env *env, rapp_err *err) {
  (void)env;
  html_ctx x = {.d = d, .m = doc_meta_get(d), .last_level = 1};
  if (page(&x, err) != 0) {
    buf_free(&x.out);
    return -1;
  }
  FILE *f = fopen(path, "wb");
  if (!f) {
    buf_free(&x.out);
    return err_set(err, "cannot write '%s'", path);
  }
  size_t n = fwrite(buf_str(&x.out), 1, x.out.len, f);
  int bad = n != x.out.len;
  if (fclose(f) != 0) bad = 1;
  buf_free(&x.out);
  if (bad) return err_set(err, "cannot write '%s' (disk full?)", path);
  return 0;
}

const rapp_renderer html_renderer = {"html", html_render};
