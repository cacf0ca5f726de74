/* pdf/pdf_glyphs.c — libharu's glyph-id lookup, remembered per font for the whole process; and
 * its byte copies and fills done by the C library (at the end).
 *
 * HPDF_TTFontDef_GetGlyphid searches a face's cmap segments one by one, and libharu asks it for
 * every one of the 65 536 code points each time a document first draws with a face (the
 * CIDToGIDMap and widths of the UTF-8 encoder, CIDFontType2_New): a quarter of the CPU of a batch
 * item (a one-page unit report) went there, the same answers for every item.
 *
 * This definition of the library's exported function takes its place (the dynamic linker binds
 * the library's own calls, made through its PLT, to the executable's definition) and keeps each
 * face's answers in a table for the life of the process; an answer not yet in the table comes
 * from the library's own function (dlsym RTLD_NEXT). The answer depends only on the font file,
 * which is told apart by its PostScript name, glyph count and cmap table (checksum, length):
 * the tables outlive each document's font definition. A table is filled in one walk over the cmap
 * when its face is first seen (fill), not by 65 536 of the library's searches: a single run gains
 * too, and a batch worker asks no more after its first item. Output bytes are unchanged (the same
 * glyph ids). Should libharu ever bind its calls internally, this is simply not called from it. */
#define _GNU_SOURCE /* RTLD_NEXT */
#include <dlfcn.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include <hpdf_encrypt.h>
#include <hpdf_fontdef.h>
#include <hpdf_streams.h>
#include <hpdf_utils.h>

#include "pdf/pdf_int.h"
#include "util/buf.h"

typedef HPDF_UINT16 (*glyphid_fn)(HPDF_FontDef, HPDF_UINT16);

enum { FACES_MAX = 8 };

typedef struct face_table {
  char name[HPDF_LIMIT_MAX_NAME_LEN + 1];
  uint32_t cmap_sum, cmap_len;
  HPDF_UINT16 nglyphs, segs_x2;
  HPDF_UINT16 *gid; /* 65 536 answers */
  uint8_t *known;   /* a bit per code point: gid[cp] is the library's answer */
} face_table;

static face_table faces[FACES_MAX];
static size_t nfaces;
/* The font def of the previous call and its table (libharu asks 65 536 times in a row for one
 * face): a call with the same def takes them without a check; HPDF_FontDef_Free (below) forgets
 * a def that goes, so a later def at its address is never taken for it. */
static HPDF_FontDef last_def;
static face_table *last;

static int same_face(const face_table *t, HPDF_TTFontDefAttr a) {
  return t->nglyphs == a->num_glyphs && t->segs_x2 == a->cmap.seg_count_x2 &&
         strcmp(t->name, a->base_font) == 0;
}

/* Fills a new table with the answers of libharu's search (HPDF_TTFontDef_GetGlyphid of libharu
 * 2.3, format 4), all 65 536 in one walk: the search takes the first segment whose end code is at
 * or above the code point, and as the code point grows that segment's index never falls, so one
 * index moving forward finds it for every code point; the answer is then libharu's arithmetic, in
 * its types. A code point the search would answer by reading outside the cmap arrays (past the
 * last segment, or the glyph index one past the array) is left unknown: the library's own function
 * answers it when asked. libharu asks for every code point once per document and face (the
 * CIDToGIDMap and widths of the UTF-8 encoder), so this replaces 65 536 linear searches per face,
 * a seventh of the PDF stage's instructions at scale 20. The test pdf_glyphs_same compares every
 * answer with the library's for each font in fonts/. */
static void fill(face_table *t, HPDF_FontDef def) {
  HPDF_TTFontDefAttr a = (HPDF_TTFontDefAttr)def->attr;
  const HPDF_TTF_CmapRange *m = &a->cmap;
  HPDF_UINT seg_count = m->seg_count_x2 / 2, i = 0;
  memset(t->known, 0xFF, 65536 / 8);
  for (uint32_t cp = 0; cp <= 0xFFFF; cp++) {
    HPDF_UINT16 unicode = (HPDF_UINT16)cp;
    while (i < seg_count && unicode > m->end_count[i]) i++;
    if (i == seg_count) { /* past the last segment: the library's function answers */
      for (; cp <= 0xFFFF; cp++) t->known[cp >> 3] &= (uint8_t) ~(1u << (cp & 7));
      break;
    }
    HPDF_UINT16 gid;
    if (m->start_count[i] > unicode) {
      gid = 0;
    } else if (m->id_range_offset[i] == 0) {
      gid = (HPDF_UINT16)(unicode + m->id_delta[i]);
    } else {
      HPDF_UINT idx = m->id_range_offset[i] / 2 + (unicode - m->start_count[i]) - (seg_count - i);
      if (idx == m->glyph_id_array_count) { /* the library reads one past its array */
        t->known[cp >> 3] &= (uint8_t) ~(1u << (cp & 7));
        continue;
      }
      gid = idx > m->glyph_id_array_count ? 0
                                          : (HPDF_UINT16)(m->glyph_id_array[idx] + m->id_delta[i]);
    }
    t->gid[cp] = gid;
  }
}

/* The table of the font def's file, made on first use; NULL when it cannot be told apart (no
 * cmap table) or there are more fonts than tables. */
static face_table *table_of(HPDF_FontDef def) {
  if (!def || def->type != HPDF_FONTDEF_TYPE_TRUETYPE || !def->attr) return NULL;
  HPDF_TTFontDefAttr a = (HPDF_TTFontDefAttr)def->attr;
  if (a->cmap.format != 4 || a->cmap.seg_count_x2 == 0 || !a->offset_tbl.table) return NULL;
  const HPDF_TTFTable *cmap = NULL;
  for (HPDF_UINT16 i = 0; i < a->offset_tbl.num_tables; i++)
    if (memcmp(a->offset_tbl.table[i].tag, "cmap", 4) == 0) cmap = &a->offset_tbl.table[i];
  if (!cmap) return NULL;
  for (size_t i = 0; i < nfaces; i++) {
    face_table *t = &faces[i];
    if (t->cmap_sum == cmap->check_sum && t->cmap_len == cmap->length && same_face(t, a)) {
      last_def = def;
      return last = t;
    }
  }
  if (nfaces == FACES_MAX || strlen(a->base_font) >= sizeof faces[0].name) return NULL;
  face_table *t = &faces[nfaces++];
  memcpy(t->name, a->base_font, strlen(a->base_font) + 1);
  t->cmap_sum = cmap->check_sum;
  t->cmap_len = cmap->length;
  t->nglyphs = a->num_glyphs;
  t->segs_x2 = a->cmap.seg_count_x2;
  t->gid = xcalloc(65536, sizeof *t->gid);
  t->known = xcalloc(65536 / 8, 1);
  fill(t, def);
  last_def = def;
  return last = t;
}

/* libhpdf's own definition of a function this file defines again (the next in the dynamic
 * linker's search order). libhpdf is linked in: its functions are always found. */
static void *library_fn(const char *name) {
  void *fn = dlsym(RTLD_NEXT, name);
  if (!fn) abort();
  return fn;
}

static HPDF_UINT16 library_glyphid(HPDF_FontDef fontdef, HPDF_UINT16 unicode) {
  static glyphid_fn library;
  if (!library) library = (glyphid_fn)library_fn("HPDF_TTFontDef_GetGlyphid");
  return library(fontdef, unicode);
}

HPDF_UINT16 HPDF_TTFontDef_GetGlyphid(HPDF_FontDef fontdef, HPDF_UINT16 unicode) {
  face_table *t = fontdef && fontdef == last_def ? last : table_of(fontdef);
  if (!t) return library_glyphid(fontdef, unicode);
  uint8_t bit = (uint8_t)(1u << (unicode & 7));
  if (!(t->known[unicode >> 3] & bit)) {
    t->gid[unicode] = library_glyphid(fontdef, unicode);
    t->known[unicode >> 3] |= bit;
  }
  return t->gid[unicode];
}

/* libharu frees a font def here (its own calls come through its PLT, as above): the def's address
 * may then be given to another face, so the previous call's def is forgotten. */
void HPDF_FontDef_Free(HPDF_FontDef fontdef) {
  static void (*library)(HPDF_FontDef);
  if (!library) library = (void (*)(HPDF_FontDef))library_fn("HPDF_FontDef_Free");
  if (fontdef == last_def) {
    last_def = NULL;
    last = NULL;
  }
  library(fontdef);
}

/* ---- byte copies and fills ----------------------------------------------------------------------
 * libharu 2.3 copies and clears memory with loops of its own, one byte a step: HPDF_MemCpy for
 * every byte written into a page's content stream and read back from it when the file is saved
 * (the deflate at save reads each stream through it), HPDF_MemSet for the 512-byte buffer of each
 * operator function. At a few megabytes of content that was a tenth of the PDF stage. These take
 * the place of the library's exported functions in the same way (they live in this file because
 * the renderer calls HPDF_TTFontDef_GetGlyphid, which links the file in) and do the same: memmove
 * gives the forward byte loop's result wherever the regions do not overlap, and libharu never
 * copies between overlapping ones. No output byte changes (the test pdf_ops_same compares). */
HPDF_BYTE *HPDF_MemCpy(HPDF_BYTE *out, const HPDF_BYTE *in, HPDF_UINT n) {
  if (n) memmove(out, in, n);
  return out + n;
}

void *HPDF_MemSet(void *s, HPDF_BYTE c, HPDF_UINT n) {
  if (n) memset(s, c, n);
  return (HPDF_BYTE *)s + n;
}

/* ---- the deflate at save ------------------------------------------------------------------------
 * libharu deflates every stream it writes with a filter (each page's content, the font subsets,
 * CIDToGIDMaps, ToUnicode CMaps) in HPDF_Stream_WriteToStreamWithDeflate, which its
 * HPDF_Stream_WriteToStream calls through its PLT: this definition takes its place as the ones
 * above do. It does the same (reads the stream from its start, writes one zlib stream to dst) at
 * PDF_DEFLATE_LEVEL (pdf_int.h) with one zlib stream kept for the process and reset per stream;
 * libharu's opens a new one per stream (its deflateInit clears 256 kB) at level 6. With encryption
 * (Rapp sets none) the library's own function runs. A packed page (pdf_pack.c: deflated at the
 * same level while the layout ran) is not read back: pdf_pack_write writes its bytes as they are,
 * then what was drawn on it after packing, deflated as the end of the same zlib stream.
 *
 * Level and hash size, kvartalsrapport at rapp-samplegen --scale 20, 358 pages (callgrind
 * instructions of pdf_render_doc with --format pdf; file size): libharu's level 6 827 M, 955 kB;
 * level 4 789 M, 996 kB; level 3 698 M, 1032 kB; level 1 693 M, 1073 kB (the content streams
 * alone; the fonts at 6). Levels 1-3 are zlib's fast matcher: 3 costs about what 1 does for a third
 * of its growth. A page's content is some tens of kB, so a smaller hash (memLevel 6: deflateReset
 * clears 16 kB instead of 64) loses nothing. bench/README.md "The deflate at save" has the whole
 * measurement. */

typedef HPDF_STATUS (*deflate_fn)(HPDF_Stream, HPDF_Stream, HPDF_Encrypt);

/* libharu exports it without declaring it in a header (hpdf_streams.c declares it). */
HPDF_STATUS HPDF_Stream_WriteToStreamWithDeflate(HPDF_Stream src, HPDF_Stream dst, HPDF_Encrypt e);

HPDF_STATUS pdf_deflate_into(z_stream *z, int flush, HPDF_Stream dst, HPDF_Error error) {
  unsigned char out[64 << 10];
  int zr;
  do {
    z->next_out = out;
    z->avail_out = sizeof out;
    zr = deflate(z, flush);
    /* with room for output, Z_BUF_ERROR only means no input to take, which Z_FINISH never has */
    if (zr == Z_STREAM_ERROR || (zr == Z_BUF_ERROR && flush == Z_FINISH))
      return HPDF_SetError(error, HPDF_ZLIB_ERROR, zr);
    HPDF_UINT have = (HPDF_UINT)(sizeof out - z->avail_out);
    HPDF_STATUS ret;
    if (have && (ret = HPDF_Stream_Write(dst, out, have)) != HPDF_OK) return ret;
  } while (z->avail_out == 0 || (flush == Z_FINISH && zr != Z_STREAM_END));
  return HPDF_OK;
}

HPDF_STATUS HPDF_Stream_WriteToStreamWithDeflate(HPDF_Stream src, HPDF_Stream dst, HPDF_Encrypt e) {
  static z_stream z;
  static int z_live;
  static unsigned char in[64 << 10];
  if (!e && pdf_packed(src)) return pdf_pack_write(src, dst);
  if (e || (!z_live && deflateInit2(&z, PDF_DEFLATE_LEVEL, Z_DEFLATED, 15, PDF_DEFLATE_MEMLEVEL,
                                    Z_DEFAULT_STRATEGY) != Z_OK)) {
    deflate_fn library = (deflate_fn)library_fn("HPDF_Stream_WriteToStreamWithDeflate");
    return library(src, dst, e);
  }
  if (z_live) deflateReset(&z);
  z_live = 1;
  HPDF_STATUS ret = HPDF_Stream_Seek(src, 0, HPDF_SEEK_SET);
  if (ret != HPDF_OK) return ret;
  int flush = Z_NO_FLUSH;
  do {
    HPDF_UINT n = sizeof in;
    ret = HPDF_Stream_Read(src, in, &n);
    if (ret == HPDF_STREAM_EOF)
      flush = Z_FINISH;
    else if (ret != HPDF_OK)
      return ret;
    z.next_in = in;
    z.avail_in = n;
    if ((ret = pdf_deflate_into(&z, flush, dst, src->error)) != HPDF_OK) return ret;
  } while (flush != Z_FINISH);
  return HPDF_OK;
}
