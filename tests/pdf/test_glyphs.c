/* tests/pdf/test_glyphs.c — the functions src/pdf/pdf_glyphs.c puts in place of libharu's: the
 * glyph-id table gives libharu's own answer (its HPDF_TTFontDef_GetGlyphid, found with dlsym
 * RTLD_NEXT) for every code point of every font in the fonts folder, and maps the letters the
 * reports draw to real glyphs; the deflate at save writes zlib streams that inflate to the bytes
 * of the stream, for streams of several sizes one after another (the zlib stream is reused), and
 * packed pages (src/pdf/pdf_pack.c) with what is drawn on them after packing, as one zlib stream.
 *   test_glyphs FONTS_DIR */
#define _GNU_SOURCE /* RTLD_NEXT */
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_fontdef.h>
#include <hpdf_streams.h>

#include "check.h"
#include "pdf/pdf_int.h"

typedef HPDF_UINT16 (*glyphid_fn)(HPDF_FontDef, HPDF_UINT16);

static void HPDF_STDCALL on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user_data) {
  (void)detail_no;
  (void)user_data;
  fprintf(stderr, "libharu error 0x%04X\n", (unsigned)error_no);
}

HPDF_STATUS HPDF_Stream_WriteToStreamWithDeflate(HPDF_Stream src, HPDF_Stream dst, HPDF_Encrypt e);

/* n bytes of content-stream-like text. */
static void fill_ops(unsigned char *raw, size_t n, uint32_t r) {
  char op[64];
  for (size_t i = 0; i < n;) {
    r = r * 1103515245u + 12345u;
    int k =
        snprintf(op, sizeof op, "%u.%u %u Td\n", (r >> 8) % 800, (r >> 4) % 100, (r >> 12) % 600);
    size_t m = (size_t)k < n - i ? (size_t)k : n - i;
    memcpy(raw + i, op, m);
    i += m;
  }
}

/* src through the deflate at save: one zlib stream (uncompress checks its Adler-32 too) that
 * inflates to the n bytes of raw. */
static void check_inflates(HPDF_MMgr mmgr, HPDF_Stream src, const unsigned char *raw, size_t n) {
  HPDF_Stream dst = HPDF_MemStream_New(mmgr, 4096);
  CHECK(dst != NULL);
  if (!dst) return;
  unsigned char *back = malloc(n + 16), *z = malloc(n + n / 2 + 64);
  CHECK_INT(HPDF_Stream_WriteToStreamWithDeflate(src, dst, NULL), HPDF_OK);
  HPDF_UINT zlen = (HPDF_UINT)(n + n / 2 + 64);
  CHECK(HPDF_Stream_Seek(dst, 0, HPDF_SEEK_SET) == HPDF_OK);
  HPDF_STATUS rr = HPDF_Stream_Read(dst, z, &zlen);
  CHECK(rr == HPDF_STREAM_EOF);
  CHECK(zlen > 0 && (n < 1000 || zlen < n / 2)); /* deflated */
  uLongf blen = n + 16;
  CHECK_INT(uncompress(back, &blen, z, zlen), Z_OK);
  CHECK_INT(blen, n);
  CHECK(memcmp(back, raw, n) == 0);
  free(back);
  free(z);
  HPDF_Stream_Free(dst);
}

/* A stream of n bytes through the deflate at save and back. */
static void check_deflate(HPDF_MMgr mmgr, size_t n) {
  HPDF_Stream src = HPDF_MemStream_New(mmgr, 4096);
  CHECK(src != NULL);
  if (!src) return;
  unsigned char *raw = malloc(n);
  fill_ops(raw, n, 12345);
  CHECK_INT(HPDF_Stream_Write(src, raw, (HPDF_UINT)n), HPDF_OK);
  check_inflates(mmgr, src, raw, n);
  free(raw);
  HPDF_Stream_Free(src);
}

/* A page of n content bytes packed (src/pdf/pdf_pack.c), then `tail` bytes drawn on it: the save
 * writes one zlib stream of both. The pages share the document's deflate (reset per page). */
static void check_packed(pdf_ctx *c, size_t n, size_t tail) {
  HPDF_Page pg = HPDF_AddPage(c->pdf);
  CHECK(pg != NULL);
  if (!pg) return;
  HPDF_Stream s = ((HPDF_PageAttr)pg->attr)->stream;
  size_t before = s->size; /* what HPDF_AddPage wrote */
  unsigned char *raw = malloc(before + n + tail);
  CHECK(HPDF_Stream_Seek(s, 0, HPDF_SEEK_SET) == HPDF_OK);
  HPDF_UINT got = (HPDF_UINT)before;
  if (before) HPDF_Stream_Read(s, raw, &got);
  CHECK_INT(got, before);
  fill_ops(raw + before, n + tail, (uint32_t)n);
  CHECK_INT(HPDF_Stream_Write(s, raw + before, (HPDF_UINT)n), HPDF_OK);
  pdf_pack_page(c, pg);
  CHECK(pdf_packed(s));
  CHECK_INT(HPDF_Stream_Write(s, raw + before + n, (HPDF_UINT)tail), HPDF_OK);
  check_inflates(c->pdf->mmgr, s, raw, before + n + tail);
  free(raw);
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: test_glyphs FONTS_DIR\n");
    return 2;
  }
  static const char *const files[] = {"LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf",
                                      "LiberationSans-Italic.ttf", "LiberationSans-BoldItalic.ttf"};
  glyphid_fn library = (glyphid_fn)dlsym(RTLD_NEXT, "HPDF_TTFontDef_GetGlyphid");
  CHECK(library != NULL);
  if (!library) return check_summary();
  HPDF_Doc pdf = HPDF_New(on_error, NULL);
  CHECK(pdf != NULL);
  if (!pdf) return check_summary();
  for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", argv[1], files[f]);
    const char *name = HPDF_LoadTTFontFromFile(pdf, path, HPDF_TRUE);
    CHECK(name != NULL);
    HPDF_FontDef def = name ? HPDF_Doc_FindFontDef(pdf, name) : NULL;
    CHECK(def != NULL);
    if (!def) continue;
    long differ = 0;
    for (unsigned cp = 0; cp <= 0xFFFF; cp++) {
      HPDF_UINT16 ours = HPDF_TTFontDef_GetGlyphid(def, (HPDF_UINT16)cp);
      HPDF_UINT16 theirs = library(def, (HPDF_UINT16)cp);
      if (ours != theirs && differ++ < 5)
        fprintf(stderr, "%s U+%04X: table %u, libharu %u\n", files[f], cp, ours, theirs);
    }
    CHECK_INT(differ, 0);
    /* Letters of the reports have glyphs: the table is not all zeros. */
    for (const char *s = "AZaz09"; *s; s++)
      CHECK(HPDF_TTFontDef_GetGlyphid(def, (HPDF_UINT16)*s) != 0);
    CHECK(HPDF_TTFontDef_GetGlyphid(def, 0x00F8) != 0); /* ø */
    CHECK(HPDF_TTFontDef_GetGlyphid(def, 0x00C5) != 0); /* Å */
  }
  static const size_t sizes[] = {1000, 200000, 65536, 70000, 3000};
  for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) check_deflate(pdf->mmgr, sizes[i]);
  /* Packed pages: no tail, a small one, one longer than the save's output buffer, a page packed
   * with nothing of its own but what HPDF_AddPage wrote. */
  setenv("RAPP_PDF_PACK", "1", 1);
  HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
  pdf_ctx c = {0};
  c.pdf = pdf;
  static const size_t packs[][2] = {{200000, 0}, {1000, 300}, {70000, 100000}, {1, 5}};
  for (size_t i = 0; i < sizeof packs / sizeof packs[0]; i++)
    check_packed(&c, packs[i][0], packs[i][1]);
  pdf_pack_done(&c);
  HPDF_Free(pdf);
  return check_summary();
}
