/* tests/fuzz/fuzz_inline.c — the document model's text entry points (model/doc.h) on arbitrary
 * bytes, invalid UTF-8 included: doc_strdup, doc_parse_inline, headings, paragraphs and table
 * cells, plus util/utf8.h's decoder and sanitizer. Checks: every string the doc hands back is
 * valid UTF-8 (the model's promise to renderers), runs are non-empty and styles are bold/italic
 * bits only, an input without '*' or '\' is one plain run equal to doc_strdup's copy. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "model/doc.h"
#include "util/utf8.h"

static void check_utf8(const char *s) {
  FUZZ_ASSERT(s != NULL);
  FUZZ_ASSERT(utf8_invalid_at(s, strlen(s)) == (size_t)-1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  /* utf8 on the raw bytes (NULs included) */
  size_t bad = utf8_invalid_at((const char *)data, size);
  for (size_t i = 0; i < size;) {
    uint32_t cp;
    size_t l = utf8_decode((const char *)data + i, size - i, &cp);
    if (l == 0) {
      FUZZ_ASSERT(bad != (size_t)-1 && bad <= i);
      l = 1;
    } else {
      char enc[4];
      FUZZ_ASSERT(l <= 4 && cp <= 0x10FFFF && utf8_encode(cp, enc) == l &&
                  memcmp(enc, data + i, l) == 0);
    }
    i += l;
  }
  char *clean = utf8_sanitize((const char *)data, size);
  FUZZ_ASSERT(clean != NULL);
  if (size == 0) FUZZ_ASSERT(clean[0] == '\0'); /* was unterminated: header of NULs in import */
  if (bad == (size_t)-1) FUZZ_ASSERT(memcmp(clean, data, size) == 0);
  free(clean);

  char *s = malloc(size + 1);
  if (!s) return 0;
  memcpy(s, data, size);
  s[size] = '\0';
  doc *d = doc_new();
  char *copy = doc_strdup(d, s);
  check_utf8(copy);
  doc_inline in = doc_parse_inline(d, s);
  FUZZ_ASSERT(in.runs != NULL);
  for (size_t i = 0; i < in.nruns; i++) {
    check_utf8(in.runs[i].text);
    FUZZ_ASSERT(in.runs[i].text[0] != '\0');
    FUZZ_ASSERT((in.runs[i].style & ~(unsigned)(DOC_BOLD | DOC_ITALIC)) == 0);
  }
  if (!strpbrk(s, "*\\")) {
    FUZZ_ASSERT(in.nruns == (copy[0] ? 1u : 0u));
    if (in.nruns) FUZZ_ASSERT(strcmp(in.runs[0].text, copy) == 0 && in.runs[0].style == 0);
  }
  doc_block *h = doc_add_heading(d, size ? data[0] % 5 - 1 : 1, s);
  check_utf8(h->u.heading.text);
  doc_add_paragraph(d, s);
  doc_column col = {0};
  col.title = s;
  col.group = s;
  doc_table *t = doc_add_table(d, &col, 1);
  check_utf8(t->cols[0].title);
  doc_row *r = doc_table_add_row(d, t, DOC_ROW_DATA);
  doc_cell_set_text(d, &r->cells[0], s);
  check_utf8(r->cells[0].text);
  doc_meta_of(d)->title = doc_strdup(d, s);
  check_utf8(doc_meta_get(d)->title);
  FUZZ_ASSERT(doc_nblocks(d) == 3);
  doc_free(d);
  free(s);
  return 0;
}
