/* Unit tests of util/image: crafted PNG and JPEG files, good and bad, each with the start of the
 * message it must give (or "" when it must pass). The PNGs are built here with zlib, so each
 * case states exactly which byte is wrong. */
#include <stdlib.h>
#include <unistd.h>
#include <zlib.h>

#include "check.h"
#include "util/buf.h"
#include "util/image.h"

static void put32(rapp_buf *b, uint32_t v) {
  unsigned char p[4] = {(unsigned char)(v >> 24), (unsigned char)(v >> 16), (unsigned char)(v >> 8),
                        (unsigned char)v};
  buf_append(b, p, 4);
}

static void chunk(rapp_buf *b, const char *type, const void *data, size_t n) {
  put32(b, (uint32_t)n);
  size_t at = b->len;
  buf_append(b, type, 4);
  if (n) buf_append(b, data, n);
  put32(b, (uint32_t)crc32(0, (const Bytef *)b->data + at, (uInt)(n + 4)));
}

typedef struct png_spec {
  uint32_t w, h;
  int bd, ct, interlace;
  int rows_short;  /* compress this many rows fewer than the header says */
  int filter;      /* filter byte of every row */
  int plte, trns;  /* add a PLTE / tRNS chunk */
  int split;       /* split the IDAT into chunks of this many bytes */
  int extra_chunk; /* 1 an unknown critical chunk 'ABCD', 2 a large ancillary one */
} png_spec;

/* A PNG of the spec with an all-zero image; the caller frees b. */
static void make_png(rapp_buf *b, const png_spec *s) {
  static const int channels[7] = {1, 0, 3, 1, 2, 0, 4};
  buf_append(b, "\x89PNG\r\n\x1a\n", 8);
  unsigned char ihdr[13] = {0};
  for (int i = 0; i < 4; i++) {
    ihdr[i] = (unsigned char)(s->w >> (24 - 8 * i));
    ihdr[4 + i] = (unsigned char)(s->h >> (24 - 8 * i));
  }
  ihdr[8] = (unsigned char)s->bd;
  ihdr[9] = (unsigned char)s->ct;
  ihdr[12] = (unsigned char)s->interlace;
  chunk(b, "IHDR", ihdr, 13);
  if (s->extra_chunk == 1) chunk(b, "ABCD", "x", 1);
  if (s->extra_chunk == 2) {
    char *big = calloc(1, 8000001);
    chunk(b, "teXt", big, 8000001);
    free(big);
  }
  if (s->plte) chunk(b, "PLTE", "\0\0\0\xff\xff\xff", 6);
  if (s->trns) chunk(b, "tRNS", "\0", 1);
  size_t rowbytes = (s->w * (size_t)channels[s->ct] * (size_t)s->bd + 7) / 8;
  size_t rows = s->h - (uint32_t)s->rows_short, raw_n = rows * (rowbytes + 1);
  unsigned char *raw = calloc(raw_n ? raw_n : 1, 1);
  for (size_t y = 0; y < rows; y++) raw[y * (rowbytes + 1)] = (unsigned char)s->filter;
  uLongf zn = compressBound((uLong)raw_n);
  unsigned char *z = malloc(zn);
  compress(z, &zn, raw, (uLong)raw_n);
  size_t step = s->split ? (size_t)s->split : zn;
  for (size_t at = 0; at < zn; at += step)
    chunk(b, "IDAT", z + at, zn - at < step ? zn - at : step);
  chunk(b, "IEND", NULL, 0);
  free(raw);
  free(z);
}

/* A minimal baseline JPEG header: SOI, APP0, SOF0 (w x h, `comp` components, `prec` bits),
 * SOS, two bytes of data, EOI. Enough for the checker and for libharu (which does not decode). */
static void make_jpeg(rapp_buf *b, unsigned w, unsigned h, int comp, int prec) {
  buf_append(b, "\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00", 20);
  unsigned char sof[] = {0xFF,
                         0xC0,
                         0,
                         (unsigned char)(8 + 3 * comp),
                         (unsigned char)prec,
                         (unsigned char)(h >> 8),
                         (unsigned char)h,
                         (unsigned char)(w >> 8),
                         (unsigned char)w,
                         (unsigned char)comp};
  buf_append(b, sof, sizeof sof);
  for (int i = 0; i < comp; i++)
    buf_append(b, (unsigned char[]){(unsigned char)(i + 1), 0x11, 0}, 3);
  buf_append(b, "\xff\xda\x00\x08\x01\x01\x00\x00\x3f\x00\x12\x34\xff\xd9", 14);
}

int main(void) {
  static const struct {
    const char *what;
    png_spec s;
    long cut;           /* keep only this many bytes (0: all; -N: drop the last N) */
    long flip;          /* xor 0x01 into this byte (0: none) */
    const char *expect; /* "" = accepted; else the text after "image 'x.png': " */
  } pngs[] = {
      {"valid RGB", {4, 3, 8, 2, 0, 0, 0, 0, 0, 0, 0}, 0, 0, ""},
      {"valid grey 1-bit", {17, 5, 1, 0, 0, 0, 0, 0, 0, 0, 0}, 0, 0, ""},
      {"valid RGBA", {3, 3, 8, 6, 0, 0, 0, 0, 0, 0, 0}, 0, 0, ""},
      {"valid palette with tRNS", {5, 2, 8, 3, 0, 0, 0, 1, 1, 0, 0}, 0, 0, ""},
      {"valid IDAT in 3-byte chunks", {40, 40, 8, 2, 0, 0, 0, 0, 0, 3, 0}, 0, 0, ""},
      {"valid at the limit", {10000, 5000, 1, 0, 0, 0, 0, 0, 0, 0, 0}, 0, 0, ""},
      {"truncated in IDAT", {4, 3, 8, 2, 0, 0, 0, 0, 0, 0, 0}, 45, 0, "chunk 'IDAT' at byte 33"},
      {"truncated before IEND", {4, 3, 8, 2, 0, 0, 0, 0, 0, 0, 0}, -12, 0, "the file ends at byte"},
      {"only the signature", {4, 3, 8, 2, 0, 0, 0, 0, 0, 0, 0}, 8, 0, "the file ends at byte 8"},
      {"bad signature", {4, 3, 8, 2, 0, 0, 0, 0, 0, 0, 0}, 0, 1, "neither a PNG nor a JPEG"},
      {"CRC error in IHDR",
       {4, 3, 8, 2, 0, 0, 0, 0, 0, 0, 0},
       0,
       20,
       "chunk 'IHDR' at byte 8 has a wrong CRC"},
      {"CRC error in IDAT",
       {4, 3, 8, 2, 0, 0, 0, 0, 0, 0, 0},
       0,
       42,
       "chunk 'IDAT' at byte 33 has a wrong CRC"},
      {"too wide", {20000, 1, 8, 2, 0, 0, 0, 0, 0, 0, 0}, 0, 0, "is 20000 x 1 pixels"},
      {"too many pixels", {10000, 8000, 1, 0, 0, 0, 0, 0, 0, 0, 0}, 0, 0, "is 10000 x 8000 pixels"},
      {"zero height",
       {4, 0, 8, 2, 0, 0, 0, 0, 0, 0, 0},
       0,
       0,
       "the PNG header gives a size of 4 x 0"},
      {"bad bit depth", {4, 3, 3, 2, 0, 0, 0, 0, 0, 0, 0}, 0, 0, "the IHDR chunk is invalid"},
      {"16 bits", {4, 3, 16, 2, 0, 0, 0, 0, 0, 0, 0}, 0, 0, "16 bits per channel"},
      {"interlaced", {4, 3, 8, 2, 1, 0, 0, 0, 0, 0, 0}, 0, 0, "interlaced PNG"},
      {"palette without PLTE", {4, 3, 8, 3, 0, 0, 0, 0, 0, 0, 0}, 0, 0, "a palette image without"},
      {"RGB with a transparent colour",
       {4, 3, 8, 2, 0, 0, 0, 0, 1, 0, 0},
       0,
       0,
       "a colour PNG with a transparent colour"},
      {"valid grey with a transparent colour", {4, 3, 8, 0, 0, 0, 0, 0, 1, 0, 0}, 0, 0, ""},
      {"transparent 4-bit palette",
       {4, 3, 4, 3, 0, 0, 0, 1, 1, 0, 0},
       0,
       0,
       "a transparent palette"},
      {"too few rows",
       {4, 3, 8, 2, 0, 1, 0, 0, 0, 0, 0},
       0,
       0,
       "the image data (IDAT) ends before"},
      {"too many rows",
       {4, 3, 8, 2, 0, -1, 0, 0, 0, 0, 0},
       0,
       0,
       "the image data (IDAT) is longer"},
      {"bad filter",
       {4, 3, 8, 2, 0, 0, 7, 0, 0, 0, 0},
       0,
       0,
       "row 1 of the image data has an unknown filter type 7"},
      {"unknown critical chunk",
       {4, 3, 8, 2, 0, 0, 0, 0, 0, 0, 1},
       0,
       0,
       "unknown critical chunk 'ABCD'"},
      {"huge ancillary chunk",
       {4, 3, 8, 2, 0, 0, 0, 0, 0, 0, 2},
       0,
       0,
       "chunk 'teXt' is 8000001 bytes"},
  };
  for (size_t i = 0; i < sizeof pngs / sizeof *pngs; i++) {
    rapp_buf b = {0};
    make_png(&b, &pngs[i].s);
    size_t n = b.len;
    if (pngs[i].cut > 0) n = (size_t)pngs[i].cut;
    if (pngs[i].cut < 0) n -= (size_t)-pngs[i].cut;
    if (pngs[i].flip) b.data[pngs[i].flip] ^= 0x01;
    rapp_err err = {0};
    image_info info = {0};
    int rc = image_check((const unsigned char *)b.data, n, "x.png", &info, &err);
    if (!pngs[i].expect[0]) {
      if (rc != 0) fprintf(stderr, "%s: %s\n", pngs[i].what, err.msg);
      CHECK_INT(rc, 0);
      CHECK_INT(info.kind, IMAGE_PNG);
      CHECK_INT(info.width, pngs[i].s.w);
      CHECK_INT(info.height, pngs[i].s.h);
    } else {
      CHECK_INT(rc, -1);
      const char *prefix =
          strncmp(pngs[i].expect, "is ", 3) == 0 ? "image 'x.png' " : "image 'x.png': ";
      char want[512];
      snprintf(want, sizeof want, "%s%s", prefix, pngs[i].expect);
      if (strncmp(err.msg, want, strlen(want)) != 0) {
        fprintf(stderr, "%s:\n  expected: %s...\n  actual:   %s\n", pngs[i].what, want, err.msg);
        CHECK(0);
      }
    }
    buf_free(&b);
  }

  /* a damaged zlib stream inside valid chunks (CRC recomputed) */
  {
    rapp_buf b = {0};
    make_png(&b, &(png_spec){8, 8, 8, 2, 0, 0, 0, 0, 0, 0, 0});
    size_t idat = 33,
           len =
               (size_t)((unsigned char)b.data[idat] << 24 | (unsigned char)b.data[idat + 1] << 16 |
                        (unsigned char)b.data[idat + 2] << 8 | (unsigned char)b.data[idat + 3]);
    b.data[idat + 8 + len - 1] ^= 0x55; /* the Adler-32 */
    uint32_t crc = (uint32_t)crc32(0, (const Bytef *)b.data + idat + 4, (uInt)(len + 4));
    for (int k = 0; k < 4; k++) b.data[idat + 8 + len + k] = (char)(crc >> (24 - 8 * k));
    rapp_err err = {0};
    CHECK_INT(image_check((const unsigned char *)b.data, b.len, "z.png", NULL, &err), -1);
    CHECK_STR(err.msg,
              "image 'z.png': the compressed image data is damaged (zlib: incorrect data "
              "check): save it again as an 8-bit PNG without interlacing, or as a "
              "baseline JPEG");
    buf_free(&b);
  }

  static const struct {
    const char *what;
    unsigned w, h;
    int comp, prec;
    long cut;
    const char *expect;
  } jpegs[] = {
      {"valid RGB", 640, 480, 3, 8, 0, ""},
      {"valid grey", 1, 1, 1, 8, 0, ""},
      {"12-bit", 64, 64, 3, 12, 0, "image 'x.jpg': only 8-bit JPEG is supported"},
      {"2 components", 64, 64, 2, 8, 0, "image 'x.jpg': only grey, RGB and CMYK"},
      {"too large", 20000, 20000, 3, 8, 0, "image 'x.jpg' is 20000 x 20000 pixels"},
      {"zero width", 0, 10, 3, 8, 0, "image 'x.jpg': the JPEG header gives a size of 0 x 10"},
      {"no EOI", 64, 64, 3, 8, -2, "image 'x.jpg': the image data ends without an end marker"},
      {"cut in APP0", 64, 64, 3, 8, 10, "image 'x.jpg': the segment at byte 2 runs past the end"},
      {"only SOI", 64, 64, 3, 8, 3, "image 'x.jpg': the file ends before the frame header"},
  };
  for (size_t i = 0; i < sizeof jpegs / sizeof *jpegs; i++) {
    rapp_buf b = {0};
    make_jpeg(&b, jpegs[i].w, jpegs[i].h, jpegs[i].comp, jpegs[i].prec);
    size_t n = b.len;
    if (jpegs[i].cut > 0) n = (size_t)jpegs[i].cut;
    if (jpegs[i].cut < 0) n -= (size_t)-jpegs[i].cut;
    rapp_err err = {0};
    image_info info = {0};
    int rc = image_check((const unsigned char *)b.data, n, "x.jpg", &info, &err);
    if (!jpegs[i].expect[0]) {
      if (rc != 0) fprintf(stderr, "%s: %s\n", jpegs[i].what, err.msg);
      CHECK_INT(rc, 0);
      CHECK_INT(info.kind, IMAGE_JPEG);
      CHECK_INT(info.width, jpegs[i].w);
      CHECK_INT(info.height, jpegs[i].h);
    } else {
      CHECK_INT(rc, -1);
      if (strncmp(err.msg, jpegs[i].expect, strlen(jpegs[i].expect)) != 0) {
        fprintf(stderr, "%s:\n  expected: %s...\n  actual:   %s\n", jpegs[i].what, jpegs[i].expect,
                err.msg);
        CHECK(0);
      }
    }
    buf_free(&b);
  }

  /* files: empty, missing, a directory, and the checked bytes handed back */
  {
    char path[] = "/tmp/rapp_test_image_XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    rapp_err err = {0};
    CHECK_INT(image_check_file(path, NULL, NULL, NULL, &err), -1);
    char want[256];
    snprintf(want, sizeof want, "image '%s': the file is empty: give a PNG or JPEG file", path);
    CHECK_STR(err.msg, want);
    rapp_buf b = {0};
    make_png(&b, &(png_spec){2, 2, 8, 0, 0, 0, 0, 0, 0, 0, 0});
    CHECK_INT(write(fd, b.data, b.len), (long)b.len);
    close(fd);
    unsigned char *data = NULL;
    size_t n = 0;
    CHECK_INT(image_check_file(path, &data, &n, NULL, &err), 0);
    CHECK_INT(n, b.len);
    CHECK(data && memcmp(data, b.data, n) == 0);
    free(data);
    buf_free(&b);
    unlink(path);
    CHECK_INT(image_check_file(path, NULL, NULL, NULL, &err), -1);
    CHECK(strstr(err.msg, "not found or not readable") != NULL);
    CHECK_INT(image_check_file("/tmp", NULL, NULL, NULL, &err), -1);
    CHECK_STR(err.msg, "image '/tmp': not a regular file: give a PNG or JPEG file");
  }
  return check_summary();
}
