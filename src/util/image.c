/* util/image.c — PNG and JPEG checks before decoding (see image.h).
 *
 * Rationale for emulating libpng's reads: libharu gives libpng an error handler that returns, and
 * never sets a jump buffer, so every png_error() ends in abort(). Which zlib streams make libpng
 * fail depends on how it feeds zlib (row by row, at most PNG_IDAT_READ_SIZE input bytes a call,
 * the window size from the stream's header), so the IDAT stream is inflated here the same way:
 * a stream that inflates cleanly here inflates cleanly there. */
#include "util/image.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "util/buf.h"
#include "util/file.h"

#define FIX_PNG "save it again as an 8-bit PNG without interlacing, or as a baseline JPEG"
#define PNG_CHUNK_MAX 8000000u /* libpng's PNG_USER_CHUNK_MALLOC_MAX: longer chunks are errors */
#define PNG_READ_SIZE 8192u    /* libpng's PNG_IDAT_READ_SIZE */

static uint32_t be32(const unsigned char *p) {
  return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static int bad(rapp_err *err, const char *name, const char *what, const char *fix) {
  return err_set(err, "image '%s': %s: %s", name, what, fix);
}

static int check_size(rapp_err *err, const char *name, const char *kind, uint32_t w, uint32_t h) {
  if (w == 0 || h == 0)
    return err_set(err, "image '%s': the %s header gives a size of %u x %u pixels: save it again",
                   name, kind, (unsigned)w, (unsigned)h);
  if (w > IMAGE_MAX_SIDE || h > IMAGE_MAX_SIDE || (uint64_t)w * h > IMAGE_MAX_PIXELS)
    return err_set(err,
                   "image '%s' is %u x %u pixels, more than the limit of %u pixels a side and "
                   "%u million pixels in all: scale it down (a report needs about 2000 pixels "
                   "across)",
                   name, (unsigned)w, (unsigned)h, IMAGE_MAX_SIDE, IMAGE_MAX_PIXELS / 1000000u);
  return 0;
}

/* ---- PNG ------------------------------------------------------------------------------------ */

typedef struct png_hdr {
  uint32_t w, h;
  int bd, ct, channels;
} png_hdr;

static int is_type(const unsigned char *t, const char *s) {
  return memcmp(t, s, 4) == 0;
}

static int png_ihdr(const unsigned char *p, uint32_t len, const char *name, png_hdr *hd,
                    rapp_err *err) {
  if (len != 13) return bad(err, name, "the IHDR chunk has the wrong length", FIX_PNG);
  hd->w = be32(p);
  hd->h = be32(p + 4);
  hd->bd = p[8];
  hd->ct = p[9];
  static const struct {
    int ct, channels;
    unsigned depths; /* bit n set = depth n allowed */
  } kinds[] = {{0, 1, 1u << 1 | 1u << 2 | 1u << 4 | 1u << 8 | 1u << 16},
               {2, 3, 1u << 8 | 1u << 16},
               {3, 1, 1u << 1 | 1u << 2 | 1u << 4 | 1u << 8},
               {4, 2, 1u << 8 | 1u << 16},
               {6, 4, 1u << 8 | 1u << 16}};
  hd->channels = 0;
  for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
    if (kinds[i].ct == hd->ct && hd->bd <= 16 && (kinds[i].depths >> hd->bd & 1))
      hd->channels = kinds[i].channels;
  if (!hd->channels || p[10] != 0 || p[11] != 0 || p[12] > 1)
    return bad(err, name, "the IHDR chunk is invalid (colour type, bit depth or method)", FIX_PNG);
  if (check_size(err, name, "PNG", hd->w, hd->h) != 0) return -1;
  if (hd->bd == 16) return bad(err, name, "16 bits per channel are not supported", FIX_PNG);
  if (p[12] == 1) return bad(err, name, "interlaced PNG is not supported", FIX_PNG);
  return 0;
}

/* Feeds zlib the IDAT data as libpng's png_read_IDAT_data does. */
typedef struct idat_reader {
  const unsigned char *d;
  size_t n, next; /* next: offset of the chunk after the current IDAT */
  const unsigned char *in;
  uint32_t left; /* bytes of the current IDAT not yet given to zlib */
  z_stream z;
  int ended;
} idat_reader;

enum { IDAT_OK = 0, IDAT_SHORT = 1, IDAT_ZLIB = 2 };

/* Inflates into out[0, avail) (out NULL: into a scratch buffer until the stream ends, counting
 * in *extra what it produced). */
static int idat_read(idat_reader *r, unsigned char *out, size_t avail, size_t *extra) {
  unsigned char scratch[1024];
  do {
    if (r->z.avail_in == 0) {
      while (r->left == 0) {
        if (r->n - r->next < 12 || !is_type(r->d + r->next + 4, "IDAT")) return IDAT_SHORT;
        r->left = be32(r->d + r->next);
        r->in = r->d + r->next + 8;
        r->next += 12 + (size_t)r->left;
      }
      uInt take = r->left < PNG_READ_SIZE ? r->left : PNG_READ_SIZE;
      r->z.next_in = (Bytef *)(uintptr_t)r->in;
      r->z.avail_in = take;
      r->in += take;
      r->left -= take;
    }
    if (out) {
      r->z.next_out = out;
      r->z.avail_out = (uInt)avail;
    } else {
      r->z.next_out = scratch;
      r->z.avail_out = sizeof scratch;
    }
    int ret = inflate(&r->z, Z_NO_FLUSH);
    if (out) {
      out += avail - r->z.avail_out;
      avail = r->z.avail_out;
    } else {
      *extra += sizeof scratch - r->z.avail_out;
    }
    if (ret == Z_STREAM_END) {
      r->ended = 1;
      break;
    }
    if (ret != Z_OK) return IDAT_ZLIB;
  } while (!out || avail > 0);
  return out && avail > 0 ? IDAT_SHORT : IDAT_OK;
}

static int png_idat(const unsigned char *d, size_t n, size_t first, const png_hdr *hd,
                    const char *name, rapp_err *err) {
  size_t rowbytes = ((size_t)hd->w * (size_t)hd->channels * (size_t)hd->bd + 7) / 8;
  unsigned char *row = xmalloc(rowbytes + 1);
  idat_reader r;
  memset(&r, 0, sizeof r);
  r.d = d;
  r.n = n;
  r.next = first;
  int rc = -1, zrc = IDAT_OK;
  if (inflateInit2(&r.z, 0) != Z_OK) {
    free(row);
    return err_set(err, "image '%s': cannot start zlib", name);
  }
  for (uint32_t y = 0; y < hd->h; y++) {
    zrc = idat_read(&r, row, rowbytes + 1, NULL);
    if (zrc == IDAT_OK && row[0] > 4) {
      err_set(err,
              "image '%s': row %u of the image data has an unknown filter type %u: the file "
              "is damaged; %s",
              name, (unsigned)y + 1, row[0], FIX_PNG);
      goto done;
    }
    if (zrc != IDAT_OK) break;
  }
  size_t extra = 0;
  if (zrc == IDAT_OK && !r.ended) zrc = idat_read(&r, NULL, 0, &extra);
  if (zrc == IDAT_SHORT)
    err_set(err,
            "image '%s': the image data (IDAT) ends before the last row: the file is damaged "
            "or truncated; %s",
            name, FIX_PNG);
  else if (zrc == IDAT_ZLIB)
    err_set(err, "image '%s': the compressed image data is damaged (zlib: %s): %s", name,
            r.z.msg ? r.z.msg : "error", FIX_PNG);
  else if (extra > 0 || r.z.avail_in > 0 || r.left > 0)
    bad(err, name, "the image data (IDAT) is longer than the size in its header", FIX_PNG);
  else
    rc = 0;
done:
  inflateEnd(&r.z);
  free(row);
  return rc;
}

static int png_check(const unsigned char *d, size_t n, const char *name, image_info *info,
                     rapp_err *err) {
  png_hdr hd = {0};
  int have_ihdr = 0, have_plte = 0, have_trns = 0, idat = 0; /* idat: 0 none yet, 1 in, 2 after */
  size_t first_idat = 0;
  for (size_t pos = 8;;) {
    if (n - pos < 12)
      return err_set(err,
                     "image '%s': the file ends at byte %zu, before the IEND chunk: the file "
                     "is truncated; %s",
                     name, n, FIX_PNG);
    uint32_t len = be32(d + pos);
    const unsigned char *type = d + pos + 4, *p = d + pos + 8;
    char tname[5];
    for (int i = 0; i < 4; i++) {
      unsigned char ch = type[i];
      if (!((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z')))
        return err_set(err, "image '%s': no valid chunk at byte %zu: the file is damaged; %s", name,
                       pos, FIX_PNG);
      tname[i] = (char)ch;
    }
    tname[4] = '\0';
    if (len > 0x7FFFFFFFu || len > n - pos - 12)
      return err_set(err,
                     "image '%s': chunk '%s' at byte %zu is %lu bytes long but the file "
                     "ends after %zu bytes: the file is truncated; %s",
                     name, tname, pos, (unsigned long)len, n, FIX_PNG);
    if ((uint32_t)crc32(crc32(0L, Z_NULL, 0), type, 4 + len) != be32(p + len))
      return err_set(err,
                     "image '%s': chunk '%s' at byte %zu has a wrong CRC: the file is "
                     "damaged; %s",
                     name, tname, pos, FIX_PNG);
    int is_idat = is_type(type, "IDAT");
    if (!have_ihdr) {
      if (!is_type(type, "IHDR"))
        return bad(err, name, "the file does not start with an IHDR chunk", FIX_PNG);
      if (png_ihdr(p, len, name, &hd, err) != 0) return -1;
      have_ihdr = 1;
    } else if (is_type(type, "IHDR")) {
      return bad(err, name, "the file has two IHDR chunks", FIX_PNG);
    } else if (is_type(type, "PLTE")) {
      if (idat || have_plte || hd.ct == 0 || hd.ct == 4 || len == 0 || len % 3 || len > 768)
        return bad(err, name, "the palette (PLTE) is misplaced, repeated or invalid", FIX_PNG);
      have_plte = 1;
    } else if (is_idat) {
      if (idat == 2)
        return bad(err, name, "the image data (IDAT) is split by other chunks", FIX_PNG);
      if (hd.ct == 3 && !have_plte)
        return bad(err, name, "a palette image without a palette (PLTE)", FIX_PNG);
      /* libpng's bound for an IDAT chunk (png_check_chunk_length) */
      uint64_t factor = (uint64_t)hd.w * (uint64_t)hd.channels + 1;
      uint64_t limit = (uint64_t)hd.h * factor;
      limit += 6 + 5 * (limit / (factor > 32566 ? 32566 : factor) + 1);
      if (len > PNG_CHUNK_MAX && len > limit)
        return bad(err, name, "an image data (IDAT) chunk is longer than the image", FIX_PNG);
      if (idat == 0) first_idat = pos;
      idat = 1;
    } else if (is_type(type, "IEND")) {
      if (len != 0) return bad(err, name, "the IEND chunk is not empty", FIX_PNG);
      if (!idat) return bad(err, name, "the file holds no image data (IDAT)", FIX_PNG);
      break;
    } else {
      if (!(type[0] & 0x20))
        return err_set(err, "image '%s': unknown critical chunk '%s': %s", name, tname, FIX_PNG);
      if (len > PNG_CHUNK_MAX)
        return err_set(err,
                       "image '%s': chunk '%s' is %lu bytes long, more than the %u bytes "
                       "libpng reads: %s",
                       name, tname, (unsigned long)len, PNG_CHUNK_MAX, FIX_PNG);
      if (is_type(type, "tRNS") && !idat) have_trns = 1;
    }
    if (idat == 1 && !is_idat) idat = 2;
    pos += 12 + (size_t)len;
  }
  /* libharu 2.3.0 tests `color_type & PNG_COLOR_TYPE_PALETTE`, which is true for RGB too, and
   * then reads an RGB image's tRNS as a palette's alpha table through a NULL pointer. */
  if (have_trns && hd.ct != 0 && hd.ct != 3)
    return bad(err, name, "a colour PNG with a transparent colour (tRNS chunk) is not supported",
               "save it again with an alpha channel or without transparency");
  if (hd.ct == 3 && have_trns && hd.bd < 8)
    return bad(err, name,
               "a transparent palette image with fewer than 8 bits a pixel is not "
               "supported",
               FIX_PNG);
  if (png_idat(d, n, first_idat, &hd, name, err) != 0) return -1;
  if (info) *info = (image_info){IMAGE_PNG, hd.w, hd.h, hd.bd, hd.ct};
  return 0;
}

/* ---- JPEG ----------------------------------------------------------------------------------- */

#define FIX_JPEG "save it again as a baseline JPEG"

/* Walks the markers from SOI to the frame header as libharu's LoadJpegHeader does (every marker
 * with a length), then checks that a scan and the end of the image follow. */
static int jpeg_check(const unsigned char *d, size_t n, const char *name, image_info *info,
                      rapp_err *err) {
  size_t pos = 2;
  for (;;) {
    if (n - pos < 4)
      return bad(err, name, "the file ends before the frame header (SOF): the file is truncated",
                 FIX_JPEG);
    unsigned m = d[pos + 1];
    size_t len = (size_t)d[pos + 2] << 8 | d[pos + 3];
    if (d[pos] != 0xFF || m == 0xFF || m == 0x01 || (m >= 0xD0 && m <= 0xDA))
      return err_set(err,
                     "image '%s': no frame header (SOF) before byte %zu: the file is "
                     "damaged or not a plain JPEG; %s",
                     name, pos, FIX_JPEG);
    if (len < 2 || len > n - pos - 2)
      return err_set(err,
                     "image '%s': the segment at byte %zu runs past the end of the file: "
                     "the file is truncated; %s",
                     name, pos, FIX_JPEG);
    if (m == 0xC0 || m == 0xC1 || m == 0xC2) {
      const unsigned char *p = d + pos + 4;
      if (len < 8) return bad(err, name, "the frame header (SOF) is too short", FIX_JPEG);
      uint32_t h = (uint32_t)p[1] << 8 | p[2], w = (uint32_t)p[3] << 8 | p[4];
      if (check_size(err, name, "JPEG", w, h) != 0) return -1;
      if (p[0] != 8) return bad(err, name, "only 8-bit JPEG is supported", FIX_JPEG);
      if (p[5] != 1 && p[5] != 3 && p[5] != 4)
        return bad(err, name, "only grey, RGB and CMYK JPEG are supported", FIX_JPEG);
      if (info) *info = (image_info){IMAGE_JPEG, w, h, p[0], p[5]};
      pos += 2 + len;
      break;
    }
    if (m >= 0xC3 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC)
      return bad(err, name, "lossless, hierarchical and arithmetic-coded JPEG are not supported",
                 FIX_JPEG);
    pos += 2 + len;
  }
  /* a scan (SOS) and, after it, the end of the image (EOI) */
  int sos = 0;
  for (size_t i = pos; i + 1 < n; i++)
    if (d[i] == 0xFF && d[i + 1] == 0xDA)
      sos = 1;
    else if (sos && d[i] == 0xFF && d[i + 1] == 0xD9)
      return 0;
  return bad(err, name,
             sos ? "the image data ends without an end marker (EOI): the file is "
                   "truncated"
                 : "the file holds no image data (SOS)",
             FIX_JPEG);
}

/* ---- entry points --------------------------------------------------------------------------- */

int image_check(const unsigned char *data, size_t n, const char *name, image_info *info,
                rapp_err *err) {
  if (n == 0) return bad(err, name, "the file is empty", "give a PNG or JPEG file");
  if (n >= 8 && memcmp(data, "\x89PNG\r\n\x1a\n", 8) == 0)
    return png_check(data, n, name, info, err);
  if (n >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF)
    return jpeg_check(data, n, name, info, err);
  return bad(err, name, "neither a PNG nor a JPEG file", "give a PNG or JPEG file");
}

int image_check_file(const char *path, unsigned char **data, size_t *n, image_info *info,
                     rapp_err *err) {
  struct stat st;
  int fd = file_open_input(path, &st);
  if (fd < 0)
    return err_set(err,
                   "image '%s' not found or not readable (%s): give a PNG or JPEG file "
                   "that exists",
                   path, strerror(errno));
  if (!S_ISREG(st.st_mode)) {
    close(fd);
    return bad(err, path, "not a regular file", "give a PNG or JPEG file");
  }
  if ((uintmax_t)st.st_size > IMAGE_MAX_BYTES) {
    close(fd);
    return err_set(err, "image '%s' is %jd bytes, more than the limit of %u MB: scale it down",
                   path, (intmax_t)st.st_size, IMAGE_MAX_BYTES / (1024u * 1024u));
  }
  size_t size = (size_t)st.st_size, got = 0;
  unsigned char *buf = xmalloc(size ? size : 1);
  while (got < size) {
    ssize_t r = read(fd, buf + got, size - got);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) break;
    got += (size_t)r;
  }
  close(fd);
  int rc = image_check(buf, got, path, info, err);
  if (rc == 0 && data) {
    *data = buf;
    *n = got;
  } else {
    free(buf);
  }
  return rc;
}
