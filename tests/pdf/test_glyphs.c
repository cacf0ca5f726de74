/* tests/pdf/test_glyphs.c — the glyph-id table of src/pdf/pdf_glyphs.c gives libharu's own answer
 * (its HPDF_TTFontDef_GetGlyphid, found with dlsym RTLD_NEXT) for every code point of every font
 * in the fonts folder, and maps the letters the reports draw to real glyphs.
 *   test_glyphs FONTS_DIR */
#define _GNU_SOURCE /* RTLD_NEXT */
#include <dlfcn.h>
#include <stdio.h>

#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_fontdef.h>

#include "check.h"

typedef HPDF_UINT16 (*glyphid_fn)(HPDF_FontDef, HPDF_UINT16);

static void HPDF_STDCALL on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user_data) {
  (void)detail_no;
  (void)user_data;
  fprintf(stderr, "libharu error 0x%04X\n", (unsigned)error_no);
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
  HPDF_Free(pdf);
  return check_summary();
}
