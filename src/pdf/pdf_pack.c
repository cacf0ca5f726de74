/* pdf/pdf_pack.c — keeps the content streams of finished pages deflated while the document is
 * laid out (issue 15, the memory of a large table).
 *
 * libharu holds every page's content stream uncompressed in memory until HPDF_SaveToFile, where it
 * deflates each one into the file: at 100 000 table rows that is most of the run's peak memory.
 * When the layout moves on to a new page, pdf_pack_page deflates the page it left (fast level; once
 * the document's finished pages hold more than PDF_PACK_FROM bytes of content) and
 * puts a stream of its own in place of libharu's memory stream, in the same HPDF_Stream object:
 *   - writing appends to an uncompressed tail (the running header and footer and the table of
 *     contents are drawn on earlier pages after the layout);
 *   - reading (only at save: libharu seeks to 0 and reads until EOF, then deflates what it read
 *     with its own settings) inflates the packed part and then gives the tail.
 * libharu therefore sees the same bytes and writes the same file: the PDF is byte-identical to
 * one made without packing: RAPP_PDF_PACK=0 turns packing off (=1 packs every page), and the test
 * pdf_pack_same compares the bytes of both (tests/pdf/check_pack.sh). */
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include <hpdf_list.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>

#include "pdf/pdf_int.h"
#include "util/buf.h"

#define PDF_PACK_FROM ((size_t)8 << 20)

typedef struct packed {
  unsigned char *z; /* the deflated part */
  size_t zlen;
  size_t rawlen;       /* its uncompressed length */
  unsigned char *tail; /* bytes written after packing, uncompressed */
  size_t ntail, captail;
  /* reading */
  z_stream inf;
  int inf_live;
  int inf_done;   /* the packed part is all read */
  size_t tailpos; /* next tail byte to read */
} packed;

static HPDF_STATUS packed_write(HPDF_Stream s, const HPDF_BYTE *p, HPDF_UINT n) {
  packed *k = s->attr;
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

static void packed_end_read(packed *k) {
  if (k->inf_live) inflateEnd(&k->inf);
  k->inf_live = 0;
}

static HPDF_STATUS packed_seek(HPDF_Stream s, HPDF_INT pos, HPDF_WhenceMode mode) {
  packed *k = s->attr;
  if (pos != 0 || mode != HPDF_SEEK_SET) return HPDF_SetError(s->error, HPDF_INVALID_OPERATION, 0);
  packed_end_read(k);
  memset(&k->inf, 0, sizeof k->inf);
  if (inflateInit(&k->inf) != Z_OK) return HPDF_SetError(s->error, HPDF_ZLIB_ERROR, 0);
  k->inf_live = 1;
  k->inf.next_in = k->z;
  k->inf.avail_in = (uInt)k->zlen;
  k->inf_done = k->zlen == 0;
  k->tailpos = 0;
  return HPDF_OK;
}

/* Fills *siz bytes unless the stream ends first; then returns HPDF_STREAM_EOF with *siz the bytes
 * given (as libharu's memory stream does). */
static HPDF_STATUS packed_read(HPDF_Stream s, HPDF_BYTE *p, HPDF_UINT *siz) {
  packed *k = s->attr;
  size_t want = *siz, got = 0;
  if (!k->inf_done) {
    if (!k->inf_live) return HPDF_SetError(s->error, HPDF_INVALID_OPERATION, 0);
    k->inf.next_out = p;
    k->inf.avail_out = (uInt)want;
    int zr = inflate(&k->inf, Z_NO_FLUSH);
    if (zr != Z_OK && zr != Z_STREAM_END && zr != Z_BUF_ERROR)
      return HPDF_SetError(s->error, HPDF_ZLIB_ERROR, zr);
    got = want - k->inf.avail_out;
    if (zr == Z_STREAM_END) {
      k->inf_done = 1;
      packed_end_read(k);
    } else if (got < want) { /* no progress possible: truncated data (cannot happen) */
      return HPDF_SetError(s->error, HPDF_ZLIB_ERROR, zr);
    }
  }
  if (got < want && k->inf_done) {
    size_t n = k->ntail - k->tailpos;
    if (n > want - got) n = want - got;
    if (n) memcpy(p + got, k->tail + k->tailpos, n);
    k->tailpos += n;
    got += n;
  }
  *siz = (HPDF_UINT)got;
  return got < want ? HPDF_STREAM_EOF : HPDF_OK;
}

static HPDF_INT32 packed_tell(HPDF_Stream s) {
  packed *k = s->attr;
  return (HPDF_INT32)(k->inf_done ? k->rawlen + k->tailpos : k->inf.total_out);
}

static HPDF_UINT32 packed_size(HPDF_Stream s) {
  return s->size;
}

static void packed_free(HPDF_Stream s) {
  packed *k = s->attr;
  if (!k) return;
  packed_end_read(k);
  free(k->z);
  free(k->tail);
  free(k);
  s->attr = NULL;
}

int pdf_pack_page(pdf_ctx *c, HPDF_Page pg) {
  HPDF_PageAttr pa = (HPDF_PageAttr)pg->attr;
  HPDF_Stream s = pa ? pa->stream : NULL;
  if (!s || s->type != HPDF_STREAM_MEMORY || s->size == 0) return 0; /* packed already, or empty */
  HPDF_MemStreamAttr ma = s->attr;
  /* The first PDF_PACK_FROM bytes of content stay as they are: packing costs CPU (about 7 % of a
   * 100 000-row table's run when every page is packed), and a report of normal size needs none. */
  size_t from = PDF_PACK_FROM;
  const char *mode = getenv("RAPP_PDF_PACK"); /* "0": never (tests compare), "1": every page */
  if (mode && strcmp(mode, "0") == 0) return 0;
  if (mode && strcmp(mode, "1") == 0) from = 0;
  c->pack_seen += s->size;
  if (c->pack_seen <= from) return 0;
  if (!c->pack) {
    z_stream *nz = xcalloc(1, sizeof *nz);
    if (deflateInit(nz, Z_BEST_SPEED) != Z_OK) { /* leave the page as it is */
      free(nz);
      return 0;
    }
    c->pack = nz;
  } else {
    deflateReset(c->pack);
  }
  z_stream *z = c->pack;
  size_t cap = deflateBound(z, s->size);
  unsigned char *out = xmalloc(cap);
  z->next_out = out;
  z->avail_out = (uInt)cap;
  HPDF_UINT nbuf = ma->buf->count;
  int zr = Z_OK;
  for (HPDF_UINT i = 0; i < nbuf && zr == Z_OK; i++) {
    z->next_in = HPDF_List_ItemAt(ma->buf, i);
    z->avail_in = i + 1 == nbuf ? ma->w_pos : ma->buf_siz;
    zr = deflate(z, i + 1 == nbuf ? Z_FINISH : Z_NO_FLUSH);
  }
  if (zr != Z_STREAM_END) { /* cannot happen with deflateBound's room; keep libharu's stream */
    free(out);
    return 0;
  }
  packed *k = xcalloc(1, sizeof *k);
  k->zlen = cap - z->avail_out;
  k->z = xrealloc(out, k->zlen ? k->zlen : 1);
  k->rawlen = s->size;
  HPDF_UINT size = s->size;
  s->free_fn(s);  /* libharu's buffers go; the stream object stays */
  s->size = size; /* (freeing zeroed it) libharu skips a stream of size 0 and counts on from it */
  s->type = HPDF_STREAM_UNKNOWN;
  s->attr = k;
  s->write_fn = packed_write;
  s->read_fn = packed_read;
  s->seek_fn = packed_seek;
  s->tell_fn = packed_tell;
  s->size_fn = packed_size;
  s->free_fn = packed_free;
  return 0;
}

void pdf_pack_done(pdf_ctx *c) {
  if (c->pack) deflateEnd(c->pack);
  free(c->pack);
  c->pack = NULL;
}
