/* tests/pdf/test_glyphs.c — the functions src/pdf/pdf_glyphs.c puts in place of libharu's: the
 * glyph-id table gives libharu's own answer (its HPDF_TTFontDef_GetGlyphid, found with dlsym
 * RTLD_NEXT) for every code point of every font in the fonts folder, and maps the letters the
 * reports draw to real glyphs; the deflate at save writes zlib streams that inflate to the bytes
 * of the stream, for streams of several sizes one after another (the zlib stream is reused).
 *   test_glyphs FONTS_DIR */
#define _GNU_SOURCE /* RTLD_NEXT */
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <zlib.h>

#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_fontdef.h>
#include <hpdf_streams.h>

#include "check.h"

typedef HPDF_UINT16 (*glyphid_fn)(HPDF_FontDef, HPDF_UINT16);

static void HPDF_STDCALL on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user_data) {
  (void)detail_no;
  (void)user_data;
  fprintf(stderr, "libharu error 0x%04X\n", (unsigned)error_no);
}

HPDF_STATUS HPDF_Stream_WriteToStreamWithDeflate(HPDF_Stream src, HPDF_Stream dst, HPDF_Encrypt e);

/* n bytes of content-stream-like text through the deflate at save and back. */
static void check_deflate(HPDF_MMgr mmgr, size_t n) {
  HPDF_Stream src = HPDF_MemStream_New(mmgr, 4096), dst = HPDF_MemStream_New(mmgr, 4096);
  CHECK(src && dst);
  if (!src || !dst) return;
  unsigned char *raw = malloc(n + 1), *back = malloc(n + 16), *z = malloc(n + n / 2 + 64);
  uint32_t r = 12345;
  for (size_t i = 0; i < n;) {
    r = r * 1103515245u + 12345u;
    i += (size_t)snprintf((char *)raw + i, n + 1 - i, "%u.%u %u Td\n", (r >> 8) % 800,
                          (r >> 4) % 100, (r >> 12) % 600);
  }
  CHECK_INT(HPDF_Stream_Write(src, raw, (HPDF_UINT)n), HPDF_OK);
  CHECK_INT(HPDF_Stream_WriteToStreamWithDeflate(src, dst, NULL), HPDF_OK);
  HPDF_UINT zlen = (HPDF_UINT)(n + n / 2 + 64);
  CHECK(HPDF_Stream_Seek(dst, 0, HPDF_SEEK_SET) == HPDF_OK);
  HPDF_STATUS rr = HPDF_Stream_Read(dst, z, &zlen);
  CHECK(rr == HPDF_STREAM_EOF);
  CHECK(zlen > 0 && zlen < n / 2); /* deflated */
  uLongf blen = n + 16;
  CHECK_INT(uncompress(back, &blen, z, zlen), Z_OK);
  CHECK_INT(blen, n);
  CHECK(memcmp(back, raw, n) == 0);
  free(raw);
  free(back);
  free(z);
  HPDF_Stream_Free(src);
  HPDF_Stream_Free(dst);
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
  HPDF_Free(pdf);
  return check_summary();
}
