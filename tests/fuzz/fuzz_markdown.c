/* tests/fuzz/fuzz_markdown.c — Markdown text contributions (model/markdown.c over libcmark) on
 * arbitrary bytes: the import's check (no document) and doc:markdown's conversion must agree;
 * a refused text names a line within the text and a reason, and adds nothing to the document;
 * an accepted one gives blocks whose strings are valid UTF-8, runs non-empty with bold/italic
 * bits only, links only to http:, https: or mailto:, headings of level 1-3 and list numbers as
 * written. The text dump renders the result. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "model/markdown.h"
#include "model/render.h"
#include "util/utf8.h"

static void check_inline(const doc_inline *in) {
  for (size_t i = 0; i < in->nruns; i++) {
    const doc_run *r = &in->runs[i];
    FUZZ_ASSERT(r->text && r->text[0] && utf8_invalid_at(r->text, strlen(r->text)) == (size_t)-1);
    FUZZ_ASSERT((r->style & ~(unsigned)(DOC_BOLD | DOC_ITALIC)) == 0);
    if (r->href)
      FUZZ_ASSERT(!strncmp(r->href, "https://", 8) || !strncmp(r->href, "http://", 7) ||
                  !strncmp(r->href, "mailto:", 7));
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > 1 << 16) return 0;
  const char *text = (const char *)data;
  long lines = 1;
  for (size_t i = 0; i < size; i++) lines += data[i] == '\n' || data[i] == '\r';
  long line = 0;
  char msg[512];
  int checked = md_convert(NULL, text, size, &line, msg, sizeof msg);
  doc *d = doc_new();
  doc_add_heading(d, 1, "Tekst");
  long line2 = 0;
  char msg2[512];
  int built = md_convert(d, text, size, &line2, msg2, sizeof msg2);
  FUZZ_ASSERT(checked == built);
  if (built < 0) {
    FUZZ_ASSERT(line == line2 && strcmp(msg, msg2) == 0);
    FUZZ_ASSERT(line >= 1 && line <= lines && msg[0] != '\0');
    FUZZ_ASSERT(doc_nblocks(d) == 1);
  } else {
    for (size_t i = 1; i < doc_nblocks(d); i++) {
      const doc_block *b = doc_block_at(d, i);
      switch (b->kind) {
        case DOC_PARAGRAPH: check_inline(&b->u.paragraph); break;
        case DOC_BULLETS:
          FUZZ_ASSERT(b->u.bullets.nitems > 0);
          if (!b->u.bullets.ordered) FUZZ_ASSERT(b->u.bullets.start == 0);
          for (size_t k = 0; k < b->u.bullets.nitems; k++) check_inline(&b->u.bullets.items[k]);
          break;
        case DOC_HEADING:
          FUZZ_ASSERT(b->u.heading.level >= 2 && b->u.heading.level <= 3 && !b->quote);
          FUZZ_ASSERT(utf8_invalid_at(b->u.heading.text, strlen(b->u.heading.text)) == (size_t)-1);
          break;
        default: FUZZ_ASSERT(!"a Markdown text gave a block other than paragraph, list or heading");
      }
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/markdown.txt", fuzz_tmp_dir());
    render_env env = {.fonts_dir = RAPP_FONTS_DIR};
    rapp_err err = {0};
    FUZZ_ASSERT(text_renderer.render(d, path, &env, &err) == 0);
  }
  doc_free(d);
  return 0;
}
