/* pdf/pdf_font.c — the four faces of the shipped family: loading, glyph coverage, text measuring,
 * and the replacement of libharu 2.3.0's broken ToUnicode CMap.
 *
 * Widths come from the TrueType font definition (HPDF_TTFontDef_GetCharWidth, the same source
 * HPDF_Font_TextWidth reads for a Type0 TrueType font) one code point at a time, cached per face.
 * Rationale: HPDF_Font_MeasureText counts bytes and never ends on a word wider than the box, and
 * HPDF_Font_TextWidth needs a font object, which would embed every face even when unused. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>

#include "pdf/pdf_int.h"
#include "util/utf8.h"

#if HPDF_MAJOR_VERSION != 2 || HPDF_MINOR_VERSION != 3
#error "the ToUnicode fix reads libharu 2.3's font internals; check pdf_fonts_fix_tounicode"
#endif

static const char *const face_files[PDF_NFACES] = {
    "LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf", "LiberationSans-Italic.ttf",
    "LiberationSans-BoldItalic.ttf"};

int pdf_fonts_load(pdf_ctx *c, const char *fonts_dir) {
  pdf_fonts *f = &c->fonts;
  for (int i = 0; i < PDF_NFACES; i++) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", fonts_dir ? fonts_dir : "fonts", face_files[i]);
    FILE *fp = fopen(path, "rb");
    if (!fp)
      return pdf_fail(c,
                      "font file '%s' not found: Rapp needs the fonts/ folder of its "
                      "installation (set RAPP_HOME)",
                      path);
    fclose(fp);
    const char *name = HPDF_LoadTTFontFromFile(c->pdf, path, HPDF_TRUE);
    if (!name || pdf_check(c, path) != 0)
      return pdf_fail(c, "font file '%s' could not be loaded (libharu error 0x%04X)", path,
                      (unsigned)c->hpdf_error);
    pdf_face *fc = &f->face[i];
    fc->file = face_files[i];
    fc->hpdf_name = name;
    fc->def = HPDF_GetFontDef(c->pdf, name);
    if (!fc->def) return pdf_fail(c, "font '%s': no font definition", path);
    fc->cache = xcalloc(65536, sizeof *fc->cache);
    fc->used = xcalloc(65536 / 8, 1);
  }
  return 0;
}

void pdf_fonts_free(pdf_fonts *f) {
  for (int i = 0; i < PDF_NFACES; i++) {
    free(f->face[i].cache);
    free(f->face[i].used);
    f->face[i].cache = NULL;
    f->face[i].used = NULL;
  }
}

/* Looks a code point up once: -1 when the face has no glyph, else its width + 1. */
static int32_t lookup(pdf_face *fc, uint32_t cp) {
  int32_t v = fc->cache[cp];
  if (v) return v;
  /* GetGlyphid does not mark the glyph as used; GetCharWidth does (it goes into the subset), so
   * it is only called for glyphs that exist. */
  if (HPDF_TTFontDef_GetGlyphid(fc->def, (HPDF_UINT16)cp) == 0)
    v = -1;
  else
    v = (int32_t)HPDF_TTFontDef_GetCharWidth(fc->def, (HPDF_UINT16)cp) + 1;
  fc->cache[cp] = v;
  return v;
}

uint32_t pdf_font_clean_cp(pdf_fonts *f, int face, uint32_t cp) {
  if (cp == '\t') return ' ';
  if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp > 0xFFFF || (cp >= 0xD800 && cp < 0xE000))
    return '?';
  if (lookup(&f->face[face], cp) < 0) return '?';
  return cp;
}

int32_t pdf_font_cp_width(pdf_fonts *f, int face, uint32_t cp) {
  int32_t v = cp <= 0xFFFF ? lookup(&f->face[face], cp) : -1;
  return v > 0 ? v - 1 : lookup(&f->face[face], '?') - 1;
}

double pdf_text_width(pdf_fonts *f, int face, double size, const char *s, size_t len) {
  int64_t units = 0;
  for (size_t i = 0; i < len;) {
    uint32_t cp;
    i += pdf_next_cp(s, len, i, &cp);
    if (cp == 0xAD) continue; /* soft hyphen: invisible unless a line breaks there */
    units += pdf_font_cp_width(f, face, pdf_font_clean_cp(f, face, cp));
  }
  return (double)units * size / 1000.0;
}

void pdf_text_measure(pdf_fonts *f, int face, double size, const char *s, size_t len, double *total,
                      double *widest_word) {
  int64_t units = 0, word = 0, widest = 0;
  for (size_t i = 0; i < len;) {
    uint32_t cp;
    if ((unsigned char)s[i] < 0x80)
      cp = (unsigned char)s[i++];
    else
      i += pdf_next_cp(s, len, i, &cp);
    if (cp == '\n') cp = ' ';
    if (cp == 0xAD) { /* soft hyphen: the word may break here, with a "-" */
      int64_t hw = pdf_font_cp_width(f, face, '-');
      if (word + hw > widest) widest = word + hw;
      word = 0;
      continue;
    }
    int32_t w = pdf_font_known_width(f, face, cp);
    if (w < 0) {
      cp = pdf_font_clean_cp(f, face, cp);
      w = pdf_font_cp_width(f, face, cp);
    }
    units += w;
    if (cp == ' ') {
      word = 0;
    } else {
      word += w;
      if (word > widest) widest = word;
    }
  }
  *total = (double)units * size / 1000.0;
  *widest_word = (double)widest * size / 1000.0;
}

void pdf_font_clean(pdf_fonts *f, int face, const char *s, size_t len, rapp_buf *out) {
  buf_reset(out);
  buf_reserve(out, 3 * len); /* a kept code point is at most U+FFFF: 3 bytes out per byte in */
  pdf_face *fc = &f->face[face];
  char *o = out->data;
  size_t n = 0;
  for (size_t i = 0; i < len;) {
    uint32_t cp;
    if ((unsigned char)s[i] < 0x80) { /* ASCII (most of a table): no decoder call */
      cp = (unsigned char)s[i++];
    } else {
      i += pdf_next_cp(s, len, i, &cp);
      if (cp == 0xAD) continue; /* soft hyphen: not drawn on a line that does not break there */
    }
    cp = pdf_font_clean_cp(f, face, cp);
    fc->used[cp >> 3] |= (uint8_t)(1u << (cp & 7));
    n += utf8_encode(cp, o + n);
  }
  o[n] = '\0';
  out->len = n;
}

/* One byte of a literal string: the delimiters and the backslash escaped, and CR and LF (a
 * reader reads a bare CR in a string as LF). */
static char *string_byte(char *o, unsigned b) {
  if (b == '(' || b == ')' || b == '\\') {
    *o++ = '\\';
  } else if (b == '\r' || b == '\n') {
    *o++ = '\\';
    b = b == '\r' ? 'r' : 'n';
  }
  *o++ = (char)b;
  return o;
}

int64_t pdf_font_string(pdf_fonts *f, int face, const char *s, size_t len, rapp_buf *out) {
  buf_reserve(out, 4 * len + 3); /* at most one code point per byte in, 4 bytes out each */
  pdf_face *fc = &f->face[face];
  char *o = out->data + out->len;
  char *start = o;
  int64_t units = 0;
  *o++ = '(';
  for (size_t i = 0; i < len;) {
    uint32_t cp;
    if ((unsigned char)s[i] < 0x80) {
      cp = (unsigned char)s[i++];
    } else {
      i += pdf_next_cp(s, len, i, &cp);
      if (cp == 0xAD) continue; /* as pdf_font_clean */
    }
    int32_t w = pdf_font_known_width(f, face, cp);
    if (w < 0) {
      cp = pdf_font_clean_cp(f, face, cp);
      w = pdf_font_cp_width(f, face, cp);
    }
    fc->used[cp >> 3] |= (uint8_t)(1u << (cp & 7));
    units += w;
    o = string_byte(o, cp >> 8);
    o = string_byte(o, cp & 0xFF);
  }
  if (o == start + 1) return 0; /* nothing to draw */
  *o++ = ')';
  out->len += (size_t)(o - start);
  out->data[out->len] = '\0';
  return units;
}

/* ---- ToUnicode ------------------------------------------------------------------------------
 * With the UTF-8 encoder, libharu 2.3.0 draws every character as a two-byte code equal to its BMP
 * code point (Identity-H; the CIDToGIDMap maps code point -> glyph), but writes as /ToUnicode a
 * copy of its *encoding* CMap: a "begincidrange" section, which a ToUnicode CMap may not have.
 * Poppler warns "Invalid 'begincidrange'" and extraction and search break.
 *
 * Fix: after drawing and before saving, empty that stream and write a correct ToUnicode CMap into
 * it: the identity mapping code -> code point as bfrange entries, only for the code points this
 * document drew with the face (so it stays small and depends only on the content: reproducible).
 * Rewriting the stream in place (rather than post-processing the saved bytes, or adding a second
 * stream) keeps the object numbering and leaves no orphan object; it reads libharu 2.3's
 * HPDF_FontAttr, hence the version check at the top of this file. */

static void cmap_write(HPDF_Stream st, const char *s) {
  HPDF_Stream_WriteStr(st, s);
}

int pdf_fonts_fix_tounicode(pdf_ctx *c) {
  for (int i = 0; i < PDF_NFACES; i++) {
    pdf_face *fc = &c->fonts.face[i];
    if (!fc->font) continue;
    HPDF_FontAttr attr = (HPDF_FontAttr)fc->font->attr;
    HPDF_Dict cmap = attr ? attr->cmap_stream : NULL;
    if (!cmap || HPDF_Dict_GetItem(fc->font, "ToUnicode", HPDF_OCLASS_DICT) != cmap ||
        !cmap->stream)
      return pdf_fail(c, "font %s: no ToUnicode CMap to replace (libharu changed?)", fc->file);
    HPDF_MemStream_FreeData(cmap->stream);
    /* A ToUnicode stream needs none of the encoding CMap's dictionary entries. */
    static const char *const keys[] = {"Type", "CMapName", "CIDSystemInfo", "WMode"};
    for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++)
      HPDF_Dict_RemoveElement(cmap, keys[k]); /* a missing key is not an error (no error set) */

    /* Ranges of consecutive used code points that stay within one high byte (a bfrange may only
     * vary the last byte). */
    size_t cap = 64, n = 0;
    uint32_t(*ranges)[2] = xmalloc(cap * sizeof *ranges);
    for (uint32_t cp = 0; cp <= 0xFFFF; cp++) {
      if (!(fc->used[cp >> 3] & (1u << (cp & 7)))) continue;
      if (n && ranges[n - 1][1] + 1 == cp && (cp & 0xFF) != 0) {
        ranges[n - 1][1] = cp;
        continue;
      }
      if (n == cap) ranges = xrealloc(ranges, (cap *= 2) * sizeof *ranges);
      ranges[n][0] = ranges[n][1] = cp;
      n++;
    }
    HPDF_Stream st = cmap->stream;
    cmap_write(st,
               "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
               "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
               "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
               "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
    for (size_t k = 0; k < n; k += 100) {
      size_t m = n - k < 100 ? n - k : 100;
      char line[64];
      snprintf(line, sizeof line, "%zu beginbfrange\n", m);
      cmap_write(st, line);
      for (size_t j = k; j < k + m; j++) {
        snprintf(line, sizeof line, "<%04X> <%04X> <%04X>\n", (unsigned)ranges[j][0],
                 (unsigned)ranges[j][1], (unsigned)ranges[j][0]);
        cmap_write(st, line);
      }
      cmap_write(st, "endbfrange\n");
    }
    cmap_write(st, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    free(ranges);
    if (pdf_check(c, "writing the ToUnicode CMap") != 0) return -1;
  }
  return 0;
}
