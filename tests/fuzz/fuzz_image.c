/* tests/fuzz/fuzz_image.c — PNG and JPEG bytes through the image check (util/image.h) and, when
 * it accepts them, through libharu's loader (libpng for PNG) exactly as the PDF renderer calls
 * it. Checks: the check never crashes and gives a message naming the image when it refuses; an
 * accepted image never makes libpng abort (libharu's handler returns into libpng, which then
 * calls abort(): libFuzzer reports that as a crash) and loads with the size the check read. */
#include <stdio.h>
#include <string.h>

#include <hpdf.h>

#include "fuzz.h"
#include "util/image.h"

static void HPDF_STDCALL on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user_data) {
  (void)detail_no;
  HPDF_STATUS *e = user_data;
  if (*e == HPDF_OK) *e = error_no;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  rapp_err err = {0};
  image_info info;
  if (image_check(data, size, "fuzz.png", &info, &err) != 0) {
    FUZZ_ASSERT(strncmp(err.msg, "image 'fuzz.png'", 16) == 0);
    return 0;
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
  return 0;
}
