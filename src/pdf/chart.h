/* pdf/chart.h — draws a chart block (model/chart.h) with libharu's vector operations: title and
 * summary, legend, value axis with nice ticks and gridlines, category labels that never overlap,
 * bars / lines with markers, reference lines and status bands. All text is drawn as text with
 * the given fonts, so it is in the text layer (pdftotext, copy-paste, screen readers).
 *
 * The chart is a fixed-size block: the layout reserves pdf_chart_height() on one page (title
 * included) and calls pdf_chart_draw there. */
#ifndef RAPP_PDF_CHART_H
#define RAPP_PDF_CHART_H

#include <hpdf.h>

#include "model/chart.h"
#include "util/buf.h"
#include "util/err.h"

/* How the chart measures and draws text. font[0] regular, font[1] bold (UTF-8 encoded fonts).
 * width and prepare are optional hooks for the layout's own font machinery:
 *   width(ctx, bold, size, s): width of s in points (NULL: HPDF_Font_TextWidth);
 *   prepare(ctx, bold, s, out): writes the text to draw into out (NULL: s as is) — the layout
 *   passes its cleaning function here so every code point is recorded for its ToUnicode map. */
typedef struct pdf_chart_text {
  HPDF_Font font[2];
  void *ctx;
  double (*width)(void *ctx, int bold, double size, const char *s);
  void (*prepare)(void *ctx, int bold, const char *s, rapp_buf *out);
  const char *language; /* the document's ("nb", "nn", "se"; NULL: nb) for the fixed words */
} pdf_chart_text;

/* The block's height in points for a given width in points: c->height_mm, or the default 80 mm
 * (never more than 0.8 x width + 60 mm of text room when width is small). */
double pdf_chart_height(const doc_chart *c, double width_pt);
/* The block's width in points when the text frame is frame_w points wide (c->width_mm or the
 * frame, never wider than the frame). */
double pdf_chart_width(const doc_chart *c, double frame_w);

/* Draws chart c into the box whose top-left corner is (x, y_top) and which is w x h points
 * (PDF coordinates, y upwards). Draws nothing outside the box. Returns 0, or -1 with err when the
 * chart is invalid (see doc_chart_finish) or the box is too small for a plot. libharu's own
 * errors go to the document's error handler as everywhere in the renderer. */
int pdf_chart_draw(HPDF_Page page, const pdf_chart_text *text, double x, double y_top, double w,
                   double h, const doc_chart *c, rapp_err *err);

#endif
