/* tests/fuzz/fuzz_linebreak.c — the PDF line breaker (pdf/pdf_int.h: pdf_para_break) on
 * arbitrary markup with the real fonts: byte 0 sets the line width (0.5-256 pt), byte 1 the font
 * size (4-35 pt) and byte 2 the extra style; the rest is inline markup (doc_parse_inline), so
 * invalid UTF-8, controls, soft hyphens and long words all reach the breaker. Checks: segments
 * lie inside the text, lines cover the segments in order, no line is wider than the box unless
 * it holds a single code point (plus its hyphen). The fonts come from RAPP_FONTS_DIR (compiled
 * in; the environment variable of the same name overrides it). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "pdf/pdf_int.h"
#include "util/utf8.h"

static void HPDF_STDCALL on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user_data) {
  (void)detail_no;
  pdf_ctx *c = user_data;
  if (c->hpdf_error == HPDF_OK) c->hpdf_error = error_no;
}

static pdf_ctx ctx;
static rapp_err ctx_err;

static void release(void) {
  pdf_para_free(&ctx.para);
  pdf_fonts_free(&ctx.fonts);
  HPDF_Free(ctx.pdf);
}

static void setup(void) {
  const char *dir = getenv("RAPP_FONTS_DIR");
  if (!dir) dir = RAPP_FONTS_DIR;
  ctx.err = &ctx_err;
  ctx.pdf = HPDF_New(on_error, &ctx);
  FUZZ_ASSERT(ctx.pdf != NULL);
  HPDF_UseUTFEncodings(ctx.pdf);
  if (pdf_fonts_load(&ctx, dir) != 0) {
    fprintf(stderr, "%s\n", ctx_err.msg);
    abort();
  }
  atexit(release);
}

static size_t count_cps(const char *s, size_t n) {
  size_t k = 0;
  for (size_t i = 0; i < n; k++) {
    uint32_t cp;
    size_t l = utf8_decode(s + i, n - i, &cp);
    i += l ? l : 1;
  }
  return k;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (!ctx.pdf) setup();
  if (size < 3) return 0;
  double maxw = 0.5 + data[0];
  double fsize = 4 + data[1] % 32;
  unsigned extra = data[2] & (DOC_BOLD | DOC_ITALIC);
  char *s = malloc(size - 3 + 1);
  if (!s) return 0;
  memcpy(s, data + 3, size - 3);
  s[size - 3] = '\0';
  doc *d = doc_new();
  doc_inline in = doc_parse_inline(d, s);
  pdf_para *p = &ctx.para;
  for (int pass = 0; pass < 2; pass++) {
    if (pass == 0)
      pdf_para_break(&ctx.fonts, p, in.runs, in.nruns, extra, fsize, maxw);
    else
      pdf_para_break_text(&ctx.fonts, p, s, extra, fsize, maxw);
    FUZZ_ASSERT(utf8_invalid_at(p->text.data ? p->text.data : "", p->text.len) == (size_t)-1);
    size_t next = 0;
    for (size_t l = 0; l < p->nlines; l++) {
      const pdf_line *ln = &p->lines[l];
      FUZZ_ASSERT(ln->first == next && ln->first + ln->nsegs <= p->nsegs);
      next = ln->first + ln->nsegs;
      size_t cps = 0;
      for (size_t g = ln->first; g < next; g++) {
        const pdf_seg *sg = &p->segs[g];
        FUZZ_ASSERT(sg->off + sg->len <= p->text.len);
        FUZZ_ASSERT(sg->face >= 0 && sg->face < PDF_NFACES);
        cps += count_cps(p->text.data + sg->off, sg->len);
      }
      if (ln->w > maxw + 1e-6) {
        if (cps > 2) fprintf(stderr, "line %zu: %.3f pt in a %.3f pt box, %zu code points\n", l, ln->w, maxw, cps);
        FUZZ_ASSERT(cps <= 2);
      }
    }
    FUZZ_ASSERT(next == p->nsegs);
  }
  doc_free(d);
  free(s);
  return 0;
}
