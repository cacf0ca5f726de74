/* pdf/pdf_actual.c — see pdf_actual.h. libharu has no marked-content operators (BDC is "not
 * implemented yet" in hpdf.h), so the span is written into the page's content stream, between
 * the operators libharu writes (each ends with a newline). */
#include "pdf/pdf_actual.h"

#include <stdint.h>
#include <stdio.h>

#include <hpdf_pages.h>
#include <hpdf_streams.h>

#include "util/utf8.h"

int pdf_actual_needed(const char *s, size_t len) {
  /* The common case at once: a word of two ASCII characters or more starts the text. */
  if (len >= 2 && (unsigned char)s[0] > 0x20 && (unsigned char)s[0] < 0x80 &&
      (unsigned char)s[1] > 0x20 && (unsigned char)s[1] < 0x80)
    return 0;
  size_t words = 0, chars = 0; /* finished words; code points of the current word */
  int spaced = 0;
  for (size_t i = 0; i < len;) {
    uint32_t cp;
    size_t n = utf8_decode(s + i, len - i, &cp);
    if (n == 0) return 0;
    i += n;
    if (cp == 0x20 || cp == 0xA0) {
      spaced = 1;
      if (chars) words++;
      chars = 0;
    } else if (++chars > 1 || cp > 0xFFFF) {
      return 0;
    }
  }
  if (chars) words++;
  return spaced && words >= 2;
}

int pdf_actual_begin(HPDF_Page pg, const char *s, size_t len) {
  if (len > 64 || !pdf_actual_needed(s, len)) return 0;
  /* "/Span<</ActualText<FEFF" + 4 hex digits per code point (at most len) + ">>>BDC\n" */
  char out[48 + 4 * 64];
  size_t o = (size_t)snprintf(out, sizeof out, "/Span<</ActualText<FEFF");
  for (size_t i = 0; i < len;) {
    uint32_t cp;
    i += utf8_decode(s + i, len - i, &cp);
    o += (size_t)snprintf(out + o, sizeof out - o, "%04X", (unsigned)(cp == 0xA0 ? 0x20 : cp));
  }
  snprintf(out + o, sizeof out - o, ">>>BDC\n");
  HPDF_PageAttr attr = (HPDF_PageAttr)pg->attr;
  HPDF_Stream_WriteStr(attr->stream, out);
  return 1;
}

void pdf_actual_end(HPDF_Page pg) {
  HPDF_PageAttr attr = (HPDF_PageAttr)pg->attr;
  HPDF_Stream_WriteStr(attr->stream, "EMC\n");
}
