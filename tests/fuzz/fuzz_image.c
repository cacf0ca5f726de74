/* tests/fuzz/fuzz_image.c — PNG and JPEG bytes through the image check (util/image.h) and, when
 * it accepts them, through libharu's loader (libpng for PNG) exactly as the PDF renderer calls
 * it. Checks: the check never crashes and gives a message naming the image when it refuses; an
 * accepted image never makes libpng abort (libharu's handler returns into libpng, which then
 * calls abort(): libFuzzer reports that as a crash) and loads with the size the check read.
 * Each PNG input runs twice: as it is, and with every chunk's CRC recomputed, so mutations get
 * past the CRC check into IHDR, the chunk rules, the zlib stream and libpng. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include <hpdf.h>

#include "fuzz.h"
#include "util/image.h"

static void HPDF_STDCALL on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user_data) {
  (void)detail_no;
  HPDF_STATUS *e = user_data;
  if (*e == HPDF_OK) *e = error_no;
}

static uint32_t be32(const uint8_t *p) {
  return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void one(const uint8_t *data, size_t size) {
  rapp_err err = {0};
  image_info info;
  if (image_check(data, size, "fuzz.png", &info, &err) != 0) {
    FUZZ_ASSERT(strncmp(err.msg, "image 'fuzz.png'", 16) == 0);
    return;
  }
  FUZZ_ASSERT(info.width >= 1 && info.width <= IMAGE_MAX_SIDE);
  FUZZ_ASSERT(info.height >= 1 && info.height <= IMAGE_MAX_SIDE);
  FUZZ_ASSERT((uint64_t)info.width * info.height <= IMAGE_MAX_PIXELS);
  HPDF_STATUS e = HPDF_OK;
  HPDF_Doc pdf = HPDF_New(on_error, &e);
  FUZZ_ASSERT(pdf != NULL);
  HPDF_Image img = info.kind == IMAGE_PNG ? HPDF_LoadPngImageFromMem(pdf, data, (HPDF_UINT)size)
                                          : HPDF_LoadJpegImageFromMem(pdf, data, (HPDF_UINT)size);
  if (img && e == HPDF_OK) {
    FUZZ_ASSERT(HPDF_Image_GetWidth(img) == info.width);
    FUZZ_ASSERT(HPDF_Image_GetHeight(img) == info.height);
  }
  HPDF_Free(pdf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  one(data, size);
  if (size < 8 || memcmp(data, "\x89PNG", 4) != 0) return 0;
  uint8_t *fixed = malloc(size);
  memcpy(fixed, data, size);
  int changed = 0;
  for (size_t pos = 8; size - pos >= 12;) {
    uint32_t len = be32(fixed + pos);
    if (len > size - pos - 12) break;
    uint32_t crc = (uint32_t)crc32(0, fixed + pos + 4, len + 4);
    uint8_t *c = fixed + pos + 8 + len;
    if (be32(c) != crc) {
      c[0] = (uint8_t)(crc >> 24), c[1] = (uint8_t)(crc >> 16), c[2] = (uint8_t)(crc >> 8);
      c[3] = (uint8_t)crc;
      changed = 1;
    }
    pos += 12 + (size_t)len;
  }
  if (changed) one(fixed, size);
  free(fixed);
  return 0;
}
