/* model/markdown.c — Markdown -> document blocks over libcmark (see markdown.h).
 * Rationale: one walk serves the import's check (d NULL) and the script's rendering, so a text
 * that imports is a text that renders; md_convert checks first and builds only when the whole
 * text is acceptable, so a refused text leaves the document as it was. */
#include "model/markdown.h"

#include <cmark.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

typedef struct md_ctx {
  doc *d; /* NULL: check only */
  long line;
  char *msg;
  size_t n;
  int base; /* heading level the text's "#" is nested under */
  /* inline runs being collected */
  doc_run *runs;
  size_t nruns, cap;
} md_ctx;

static int refuse(md_ctx *c, cmark_node *node, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int refuse(md_ctx *c, cmark_node *node, const char *fmt, ...) {
  int line = cmark_node_get_start_line(node);
  /* inline nodes may not carry a position: take the nearest block's */
  for (cmark_node *p = node; line <= 0 && p; p = cmark_node_parent(p)) line = cmark_node_get_start_line(p);
  c->line = line > 0 ? line : 1;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(c->msg, c->n, fmt, ap);
  va_end(ap);
  return -1;
}

static int link_allowed(const char *url) {
  return strncmp(url, "https://", 8) == 0 || strncmp(url, "http://", 7) == 0 || strncmp(url, "mailto:", 7) == 0;
}

static void add_run(md_ctx *c, const char *text, unsigned style, const char *href) {
  if (!c->d || !*text) return;
  if (c->nruns && c->runs[c->nruns - 1].style == style &&
      (c->runs[c->nruns - 1].href == href ||
       (href && c->runs[c->nruns - 1].href && strcmp(c->runs[c->nruns - 1].href, href) == 0))) {
    rapp_buf b = {0};
    buf_printf(&b, "%s%s", c->runs[c->nruns - 1].text, text);
    c->runs[c->nruns - 1].text = doc_strdup(c->d, buf_str(&b));
    buf_free(&b);
    return;
  }
  if (c->nruns == c->cap) c->runs = xrealloc(c->runs, (c->cap = c->cap ? c->cap * 2 : 8) * sizeof *c->runs);
  c->runs[c->nruns++] =
      (doc_run){.text = doc_strdup(c->d, text), .style = style, .href = href ? doc_strdup(c->d, href) : NULL};
}

/* The inline children of node as runs (appended to c->runs). */
static int inlines(md_ctx *c, cmark_node *node, unsigned style, const char *href) {
  for (cmark_node *k = cmark_node_first_child(node); k; k = cmark_node_next(k)) {
    switch (cmark_node_get_type(k)) {
      case CMARK_NODE_TEXT:
      case CMARK_NODE_CODE: add_run(c, cmark_node_get_literal(k), style, href); break;
      case CMARK_NODE_SOFTBREAK:
      case CMARK_NODE_LINEBREAK: add_run(c, " ", style, href); break;
      case CMARK_NODE_EMPH:
        if (inlines(c, k, style | DOC_ITALIC, href) < 0) return -1;
        break;
      case CMARK_NODE_STRONG:
        if (inlines(c, k, style | DOC_BOLD, href) < 0) return -1;
        break;
      case CMARK_NODE_LINK: {
        const char *url = cmark_node_get_url(k);
        if (!url || !link_allowed(url))
          return refuse(c, k, "a link must go to an http:, https: or mailto: address, not '%.200s'", url ? url : "");
        if (!cmark_node_first_child(k)) return refuse(c, k, "a link needs a text: [tekst](%.200s)", url);
        if (inlines(c, k, style, url) < 0) return -1;
        break;
      }
      case CMARK_NODE_IMAGE: return refuse(c, k, "images are not allowed in a text (put the image in the report script)");
      case CMARK_NODE_HTML_INLINE:
        return refuse(c, k, "raw HTML is not allowed: '%.60s'", cmark_node_get_literal(k));
      default: return refuse(c, k, "unsupported Markdown (%s)", cmark_node_get_type_string(k));
    }
  }
  return 0;
}

/* Takes the collected runs as an inline (arena copy) and starts a new collection. */
static doc_inline take_runs(md_ctx *c) {
  doc_inline in = {0};
  if (!c->d) return in;
  in.runs = doc_alloc(c->d, (c->nruns ? c->nruns : 1) * sizeof *in.runs);
  if (c->nruns) memcpy(in.runs, c->runs, c->nruns * sizeof *c->runs);
  in.nruns = c->nruns;
  c->nruns = 0;
  return in;
}

/* A pipe table is no CommonMark: it arrives as a paragraph whose lines start with '|'. */
static int looks_like_table(cmark_node *para) {
  cmark_node *k = cmark_node_first_child(para);
  if (!k || cmark_node_get_type(k) != CMARK_NODE_TEXT) return 0;
  const char *s = cmark_node_get_literal(k);
  if (!s || s[0] != '|') return 0;
  cmark_node *brk = cmark_node_next(k);
  return brk && (cmark_node_get_type(brk) == CMARK_NODE_SOFTBREAK || cmark_node_get_type(brk) == CMARK_NODE_LINEBREAK);
}

static int blocks(md_ctx *c, cmark_node *parent, int quote);

static int list(md_ctx *c, cmark_node *node, int quote) {
  size_t nitems = 0;
  for (cmark_node *it = cmark_node_first_child(node); it; it = cmark_node_next(it)) nitems++;
  doc_inline *items = c->d ? doc_alloc(c->d, (nitems ? nitems : 1) * sizeof *items) : NULL;
  size_t i = 0;
  for (cmark_node *it = cmark_node_first_child(node); it; it = cmark_node_next(it), i++) {
    int first = 1;
    for (cmark_node *k = cmark_node_first_child(it); k; k = cmark_node_next(k)) {
      cmark_node_type t = cmark_node_get_type(k);
      if (t == CMARK_NODE_LIST) return refuse(c, k, "lists inside lists are not allowed: write one level");
      if (t != CMARK_NODE_PARAGRAPH)
        return refuse(c, k, "a list item holds text only, not a %s", cmark_node_get_type_string(k));
      if (looks_like_table(k)) return refuse(c, k, "tables are not allowed in a text (put the table in the report script)");
      if (!first) add_run(c, " ", 0, NULL);
      if (inlines(c, k, 0, NULL) < 0) return -1;
      first = 0;
    }
    if (c->d) items[i] = take_runs(c);
  }
  if (c->d) {
    doc_block *b = doc_add(c->d, DOC_BULLETS);
    b->quote = quote;
    b->u.bullets.items = items;
    b->u.bullets.nitems = nitems;
    b->u.bullets.ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST;
    b->u.bullets.start = b->u.bullets.ordered ? cmark_node_get_list_start(node) : 0;
  }
  return 0;
}

static int blocks(md_ctx *c, cmark_node *parent, int quote) {
  for (cmark_node *k = cmark_node_first_child(parent); k; k = cmark_node_next(k)) {
    switch (cmark_node_get_type(k)) {
      case CMARK_NODE_PARAGRAPH:
        if (looks_like_table(k)) return refuse(c, k, "tables are not allowed in a text (put the table in the report script)");
        if (inlines(c, k, 0, NULL) < 0) return -1;
        if (c->d) {
          doc_block *b = doc_add(c->d, DOC_PARAGRAPH);
          b->quote = quote;
          b->u.paragraph = take_runs(c);
        }
        break;
      case CMARK_NODE_HEADING: {
        if (quote) return refuse(c, k, "a heading inside a block quote is not allowed");
        if (inlines(c, k, 0, NULL) < 0) return -1;
        if (c->d) {
          rapp_buf b = {0};
          for (size_t i = 0; i < c->nruns; i++) buf_puts(&b, c->runs[i].text);
          c->nruns = 0;
          doc_add_heading(c->d, c->base + cmark_node_get_heading_level(k), buf_str(&b));
          buf_free(&b);
        }
        break;
      }
      case CMARK_NODE_LIST:
        if (list(c, k, quote) < 0) return -1;
        break;
      case CMARK_NODE_BLOCK_QUOTE:
        if (blocks(c, k, 1) < 0) return -1;
        break;
      case CMARK_NODE_HTML_BLOCK: {
        char first[64];
        const char *lit = cmark_node_get_literal(k);
        snprintf(first, sizeof first, "%.*s", (int)strcspn(lit ? lit : "", "\n"), lit ? lit : "");
        return refuse(c, k, "raw HTML is not allowed: '%s'", first);
      }
      case CMARK_NODE_CODE_BLOCK: return refuse(c, k, "code blocks are not allowed in a text");
      case CMARK_NODE_THEMATIC_BREAK: return refuse(c, k, "a thematic break (a line of ---) is not allowed in a text");
      default: return refuse(c, k, "unsupported Markdown (%s)", cmark_node_get_type_string(k));
    }
  }
  return 0;
}

static int walk(doc *d, const char *text, size_t len, long *line, char *msg, size_t n) {
  cmark_node *root = cmark_parse_document(text, len, CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8);
  if (!root) {
    *line = 1;
    snprintf(msg, n, "out of memory while reading the Markdown");
    return -1;
  }
  md_ctx c = {.d = d, .msg = msg, .n = n};
  if (d) c.base = doc_heading_level(d);
  int rc = blocks(&c, root, 0);
  if (rc < 0) *line = c.line;
  free(c.runs);
  cmark_node_free(root);
  return rc;
}

int md_convert(doc *d, const char *text, size_t len, long *line, char *msg, size_t n) {
  if (walk(NULL, text, len, line, msg, n) < 0) return -1;
  return d ? walk(d, text, len, line, msg, n) : 0;
}
