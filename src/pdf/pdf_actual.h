/* pdf/pdf_actual.h — the text layer of a short spaced run ("0 %", "5 %") kept as written.
 *
 * Text extraction (poppler's pdftotext, and readers built on it) reads a line made only of
 * one-character words as letter-spaced text and joins it, whatever the gap: a chart tick or a
 * table cell "0 %" (the number, U+00A0, the sign) read "0%", while "10 %" read right. Such a run
 * is wrapped in a marked-content span whose /ActualText is the run with each space as U+0020 (as
 * every other space of the text layer reads), so it reads "0 %". Other runs are written as before.
 */
#ifndef RAPP_PDF_ACTUAL_H
#define RAPP_PDF_ACTUAL_H

#include <stddef.h>

#include <hpdf.h>

/* 1 when s (len bytes of UTF-8) is two or more one-character words split by U+0020/U+00A0. */
int pdf_actual_needed(const char *s, size_t len);
/* Before the run's Tj: opens the span when pdf_actual_needed; returns 1 when it did (then call
 * pdf_actual_end after the Tj). Inside or outside a text object alike. */
int pdf_actual_begin(HPDF_Page pg, const char *s, size_t len);
void pdf_actual_end(HPDF_Page pg);

#endif
