/* pdf/pdf_pack.c — keeps the content streams of finished pages deflated while the document is
 * laid out (issue 15, the memory of a large table), and writes those bytes into the file as
 * they are.
 *
 * libharu holds every page's content stream uncompressed in memory until HPDF_SaveToFile, where it
 * deflates each one into the file: at 100 000 table rows that is most of the run's peak memory.
 * When the layout moves on to a new page, pdf_pack_page deflates the page it left (at the level of
 * the deflate at save) and puts a stream of its own in place of libharu's memory stream, in the
 * same HPDF_Stream object: every page, so a document's content is held uncompressed one page at a
 * time, and deflated while it is still in the CPU's caches. Writing appends to an uncompressed
 * tail (the running header and footer and the table of contents are drawn on earlier pages after
 * the layout). The packed part is raw
 * deflate behind a zlib header, ended by a sync flush (byte-aligned, no final block), with the
 * Adler-32 of its bytes kept beside it.
 *
 * At the save, the deflate at save (pdf_glyphs.c) hands a packed stream to pdf_pack_write, which
 * makes one zlib stream of it without reading the packed part back: the packed bytes, then the tail
 * deflated as the rest of the same raw deflate (its final block), then the Adler-32 of the whole
 * (adler32_combine). Nothing is inflated or deflated twice. The stream cannot be read (libharu
 * reads a content stream only to deflate it, or to encrypt it: pages are packed only under
 * /FlateDecode and without encryption). The page's content is the same, its bytes are not those
 * of an unpacked page (the tail is deflated without the page before it as its window): the test
 * pdf_pack_same compares every stream's content, inflated by qpdf, of every page packed (the
 * default) against RAPP_PDF_PACK=0 (never) (tests/pdf/check_pack.sh), and pdf_glyphs_same
 * inflates packed pages with zlib, Adler-32 checked (tests/pdf/test_glyphs.c). */
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include <hpdf_list.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>

#include "pdf/pdf_int.h"
#include "util/buf.h"

typedef struct packed {
  unsigned char *z; /* zlib header + the deflated part, sync-flushed: no final block, no trailer */
  size_t zlen;
  uLong adler;         /* Adler-32 of the packed part's uncompressed bytes */
  unsigned char *tail; /* bytes written after packing, uncompressed */
  size_t ntail, captail;
  z_stream *deflate; /* the document's raw deflate (pdf_ctx.pack), for the tail at save */
} packed;

static HPDF_STATUS packed_write(HPDF_Stream s, const HPDF_BYTE *p, HPDF_UINT n) {
  packed *k = s->attr;
  if (n == 0) return HPDF_OK; /* nothing to keep (and no buffer yet to copy into) */
  if (k->ntail + n > k->captail) {
    size_t cap = k->captail ? k->captail : 256;
    while (cap < k->ntail + n) cap *= 2;
    k->tail = xrealloc(k->tail, cap);
    k->captail = cap;
  }
  memcpy(k->tail + k->ntail, p, n);
  k->ntail += n;
  return HPDF_OK;
}

static void packed_free(HPDF_Stream s) {
  packed *k = s->attr;
  if (!k) return;
  free(k->z);
  free(k->tail);
  free(k);
  s->attr = NULL;
}

int pdf_packed(HPDF_Stream s) {
  return s && s->write_fn == packed_write;
}

HPDF_STATUS pdf_pack_write(HPDF_Stream s, HPDF_Stream dst) {
  packed *k = s->attr;
  HPDF_STATUS ret = HPDF_Stream_Write(dst, k->z, (HPDF_UINT)k->zlen);
  if (ret != HPDF_OK) return ret;
  z_stream *z = k->deflate;
  deflateReset(z);
  z->next_in = k->tail;
  z->avail_in = (uInt)k->ntail;
  if ((ret = pdf_deflate_into(z, Z_FINISH, dst, s->error)) != HPDF_OK) return ret;
  uLong tail = adler32(adler32(0L, Z_NULL, 0), k->tail, (uInt)k->ntail);
  uLong a = adler32_combine(k->adler, tail, (z_off_t)k->ntail);
  unsigned char trailer[4] = {(unsigned char)(a >> 24), (unsigned char)(a >> 16),
                              (unsigned char)(a >> 8), (unsigned char)a};
  return HPDF_Stream_Write(dst, trailer, sizeof trailer);
}

/* The zlib header deflateInit writes at this level (RFC 1950: deflate with a 32 kB window, no
 * dictionary, the level's FLEVEL; a multiple of 31). */
static unsigned zlib_header(int level) {
  unsigned flevel = level < 2 ? 0 : level < 6 ? 1 : level == 6 ? 2 : 3;
  unsigned h = 0x7800 | flevel << 6;
  return h + 31 - h % 31;
}

int pdf_pack_page(pdf_ctx *c, HPDF_Page pg) {
  HPDF_PageAttr pa = (HPDF_PageAttr)pg->attr;
  HPDF_Stream s = pa ? pa->stream : NULL;
  if (!s || s->type != HPDF_STREAM_MEMORY || s->size == 0) return 0; /* packed already, or empty */
  /* Only what the save deflates without encryption comes to pdf_pack_write (Rapp sets both). */
  if (!(pa->contents->filter & HPDF_STREAM_FILTER_FLATE_DECODE) || c->pdf->encrypt_on) return 0;
  HPDF_MemStreamAttr ma = s->attr;
  /* Every page, from the first (session 12): until then only past 8 MB of finished content, so
   * that a report of normal size kept one deflate a page (about 40 bytes a page smaller). Packing
   * every page costs no more CPU and holds less memory; the quarterly report at --scale 20 (358
   * pages) ran 6 ms faster in wall time, the sample 1 ms (bench/README.md "Session 12").
   * RAPP_PDF_PACK=0: never (libharu's own streams; tests/pdf/check_pack.sh compares the two). */
  const char *mode = getenv("RAPP_PDF_PACK");
  if (mode && strcmp(mode, "0") == 0) return 0;
  if (!c->pack) {
    z_stream *nz = xcalloc(1, sizeof *nz);
    if (deflateInit2(nz, PDF_DEFLATE_LEVEL, Z_DEFLATED, -15, PDF_DEFLATE_MEMLEVEL,
                     Z_DEFAULT_STRATEGY) != Z_OK) { /* leave the page as it is */
      free(nz);
      return 0;
    }
    c->pack = nz;
  } else {
    deflateReset(c->pack);
  }
  z_stream *z = c->pack;
  /* the sync flush adds at most 5 bytes to deflateBound's room for a final block */
  size_t cap = 2 + deflateBound(z, s->size) + 8;
  unsigned header = zlib_header(PDF_DEFLATE_LEVEL);
  unsigned char *out = xmalloc(cap);
  out[0] = (unsigned char)(header >> 8);
  out[1] = (unsigned char)header;
  z->next_out = out + 2;
  z->avail_out = (uInt)(cap - 2);
  uLong adler = adler32(0L, Z_NULL, 0);
  HPDF_UINT nbuf = ma->buf->count;
  int zr = Z_OK;
  for (HPDF_UINT i = 0; i < nbuf && zr == Z_OK; i++) {
    z->next_in = HPDF_List_ItemAt(ma->buf, i);
    z->avail_in = i + 1 == nbuf ? ma->w_pos : ma->buf_siz;
    adler = adler32(adler, z->next_in, z->avail_in);
    zr = deflate(z, i + 1 == nbuf ? Z_SYNC_FLUSH : Z_NO_FLUSH);
  }
  if (zr != Z_OK || z->avail_in || !z->avail_out) { /* cannot happen with this room */
    free(out);
    return 0;
  }
  packed *k = xcalloc(1, sizeof *k);
  k->zlen = cap - z->avail_out;
  k->z = xrealloc(out, k->zlen);
  k->adler = adler;
  k->deflate = z;
  HPDF_UINT size = s->size;
  s->free_fn(s);  /* libharu's buffers go; the stream object stays */
  s->size = size; /* (freeing zeroed it) libharu skips a stream of size 0 and counts on from it */
  s->type = HPDF_STREAM_UNKNOWN;
  s->attr = k;
  s->write_fn = packed_write; /* also marks the stream as packed (pdf_packed) */
  s->read_fn = NULL;          /* reading, seeking, telling: libharu's "invalid operation" */
  s->seek_fn = NULL;
  s->tell_fn = NULL;
  s->size_fn = NULL; /* HPDF_Stream_Size gives s->size to a stream with a write_fn */
  s->free_fn = packed_free;
  return 0;
}

void pdf_pack_done(pdf_ctx *c) {
  if (c->pack) deflateEnd(c->pack);
  free(c->pack);
  c->pack = NULL;
}
