/* util/image.h — checks a PNG or JPEG image before any decoder sees it.
 *
 * libharu hands PNG files to libpng without a recovery point, so any libpng error (a truncated
 * file, a CRC error, a corrupt zlib stream) aborts the process; and a small file can declare a
 * huge image. image_check reads the header and walks the file itself: PNG signature, IHDR, every
 * chunk with its length bound and CRC-32 up to IEND, and the IDAT stream inflated exactly as
 * libpng will read it (row by row), so a file it accepts cannot make libpng fail hard. For JPEG
 * it walks the markers to the frame header (SOF) as libharu does. It refuses what libharu
 * cannot draw correctly (16 bits per channel, interlacing, a transparent palette under 8 bits)
 * and images larger than the bounds below. Both renderers call it, so a bad image fails the same
 * way whatever the output format. Uses zlib (linked already for libharu and libxlsxwriter). */
#ifndef RAPP_UTIL_IMAGE_H
#define RAPP_UTIL_IMAGE_H

#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

/* The bounds (docs/scripting.md, "Images"): at most IMAGE_MAX_SIDE pixels wide or high and
 * IMAGE_MAX_PIXELS pixels in all (decoding takes up to 8 bytes a pixel), files of at most
 * IMAGE_MAX_BYTES. */
#define IMAGE_MAX_SIDE 10000u
#define IMAGE_MAX_PIXELS 50000000u
#define IMAGE_MAX_BYTES (64u * 1024u * 1024u)

typedef enum image_kind { IMAGE_PNG = 1, IMAGE_JPEG = 2 } image_kind;

typedef struct image_info {
  image_kind kind;
  uint32_t width, height;
  int bit_depth;  /* PNG: bits per channel; JPEG: sample precision */
  int color_type; /* PNG: 0 grey, 2 RGB, 3 palette, 4 grey+alpha, 6 RGBA; JPEG: components */
} image_info;

/* Checks `n` bytes of an image; `name` names it in the message ("image 'kart.png': ..."),
 * which says what is wrong and how to fix it. Returns 0 and fills *info (may be NULL), or -1. */
int image_check(const unsigned char *data, size_t n, const char *name, image_info *info,
                rapp_err *err);

/* Reads the file at `path` (a regular file of at most IMAGE_MAX_BYTES) and checks it. On
 * success returns 0 and, when `data` is not NULL, the bytes in *data (caller frees) and their
 * count in *n, so a renderer decodes exactly the bytes that were checked. */
int image_check_file(const char *path, unsigned char **data, size_t *n, image_info *info,
                     rapp_err *err);

#endif
