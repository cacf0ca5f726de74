/* tests/pdf/test_linebreak.c — table-driven unit test of the PDF line breaker (pdf_para_break):
 * text and line width in, the lines (as drawn, with hyphens) out. A width is given as a "ruler"
 * text: the line is that text's width plus 0.5 pt, so the cases do not depend on the font's exact
 * metrics. Every case also checks that no line is wider than the box.
 *   test_linebreak FONTS_DIR */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "pdf/pdf_int.h"

static void HPDF_STDCALL on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user_data) {
  (void)detail_no;
  pdf_ctx *c = user_data;
  if (c->hpdf_error == HPDF_OK) c->hpdf_error = error_no;
}

#define SHY "\xC2\xAD" /* U+00AD soft hyphen */

static const struct {
  const char *text;
  const char *ruler; /* line width = width of this text + 0.5 pt (regular face, 10 pt) */
  double width;      /* or this width in points when ruler is NULL */
  const char *lines; /* expected lines joined by '|' */
} cases[] = {
    /* Spaces, Norwegian letters. */
    {"Løpende årsoppgjør for særskolene", "Løpende årsoppgjør", 0,
     "Løpende årsoppgjør|for særskolene"},
    {"Ærlig øl på Åndalsnes", NULL, 500, "Ærlig øl på Åndalsnes"},
    /* A long word broken between two letters gets a hyphen. */
    {"medarbeidersamtale", "medarbeider-", 0, "medarbeider-|samtale"},
    {"kjøkkenbenkeplateøkonomi", "kjøkkenbenke-", 0, "kjøkkenbenke-|plateøkonomi"},
    /* ... longer than two lines: every break between letters has its hyphen (greedy, so not at
     * syllables), and the last line gets two letters rather than one. */
    {"10-FAKTOR medarbeiderundersøkelse", "medarbeider-", 0,
     "10-FAKTOR|medarbeider-|undersøkel-|se"},
    {"Donaudampfschifffahrtsgesellschaftskapitän", "Donaudampf-", 0,
     "Donaudampf-|schifffahrtsg-|esellschaftsk-|apitän"},
    /* A soft hyphen is invisible where the line does not break ... */
    {"med" SHY "arbeider" SHY "undersøkelse", NULL, 500, "medarbeiderundersøkelse"},
    {"a" SHY " b" SHY, NULL, 500, "a b"},
    /* ... and a "-" where it does, also to start a word on a line with content ... */
    {"Rapport fra med" SHY "arbeider" SHY "undersøkelsen", "Rapport fra medarbeider-", 0,
     "Rapport fra medarbeider-|undersøkelsen"},
    /* ... and preferred to a break between letters in a word wider than the line. */
    {"medarbeider" SHY "undersøkelse", "medarbeiderunder-", 0, "medarbeider-|undersøkelse"},
    /* URLs and paths break after / - ? & = _ . without a hyphen. */
    {"https://www.bedrekommune.no/bk/rapporter", "https://www.bedrekommune.no/", 0,
     "https://www.bedrekommune.no/|bk/rapporter"},
    {"/srv/rapp/snapshots/fjordvik_2026.db", "/srv/rapp/snapshots/", 0,
     "/srv/rapp/snapshots/|fjordvik_2026.db"},
    /* Numbers, and a break between a letter and a digit: no hyphen. */
    {"12345678901234567890", "1234567890", 0, "1234567890|1234567890"},
    {"abc123def", "123", 0, "abc|123|def"},
    /* A hard line break; a box narrower than one letter still takes one per line. */
    {"to\nlinjer", NULL, 500, "to|linjer"},
    {"æøå", NULL, 1, "æ|ø|å"},
};

static void lines_of(const pdf_para *p, rapp_buf *out) {
  buf_reset(out);
  for (size_t l = 0; l < p->nlines; l++) {
    if (l) buf_putc(out, '|');
    const pdf_line *ln = &p->lines[l];
    for (size_t s = ln->first; s < ln->first + ln->nsegs; s++)
      buf_append(out, p->text.data + p->segs[s].off, p->segs[s].len);
  }
  buf_putc(out, '\0');
  out->len--;
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: test_linebreak FONTS_DIR\n");
    return 2;
  }
  rapp_err err = {0};
  pdf_ctx c = {0};
  c.err = &err;
  c.pdf = HPDF_New(on_error, &c);
  CHECK(c.pdf != NULL);
  if (!c.pdf) return check_summary();
  HPDF_UseUTFEncodings(c.pdf);
  if (pdf_fonts_load(&c, argv[1]) != 0) {
    fprintf(stderr, "%s\n", err.msg);
    CHECK(0);
    HPDF_Free(c.pdf);
    return check_summary();
  }
  const double size = 10;
  rapp_buf got = {0};
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    double w = cases[i].ruler ? pdf_text_width(&c.fonts, PDF_REGULAR, size, cases[i].ruler,
                                               strlen(cases[i].ruler)) +
                                    0.5
                              : cases[i].width;
    pdf_para_break_text(&c.fonts, &c.para, cases[i].text, 0, size, w);
    lines_of(&c.para, &got);
    if (strcmp(buf_str(&got), cases[i].lines) != 0) fprintf(stderr, "case %zu:\n", i);
    CHECK_STR(buf_str(&got), cases[i].lines);
    for (size_t l = 0; l < c.para.nlines; l++) {
      const pdf_line *ln = &c.para.lines[l];
      int one_cp = ln->nsegs == 1 && c.para.segs[ln->first].len <= 2; /* "æ" in a 1 pt box */
      if (!(ln->w <= w + 1e-9 || one_cp))
        fprintf(stderr, "case %zu line %zu: %.2f pt wider than %.2f\n", i, l, ln->w, w);
      CHECK(ln->w <= w + 1e-9 || one_cp);
    }
  }
  /* Measuring: a soft hyphen has no width, and it ends a "word" for the longest-word width. */
  double plain = pdf_text_width(&c.fonts, PDF_REGULAR, size, "medarbeider", 11);
  CHECK_NUM(pdf_text_width(&c.fonts, PDF_REGULAR, size, "med" SHY "arbeider", 13), plain);
  double total, word;
  pdf_text_measure(&c.fonts, PDF_REGULAR, size, "medarbeider" SHY "undersøkelse", 26, &total,
                   &word);
  double first = pdf_text_width(&c.fonts, PDF_REGULAR, size, "medarbeider-", 12),
         second = pdf_text_width(&c.fonts, PDF_REGULAR, size, "undersøkelse", 13);
  CHECK_NUM(word, first > second ? first : second);
  CHECK_NUM(total, plain + second);
  buf_free(&got);
  pdf_para_free(&c.para);
  pdf_fonts_free(&c.fonts);
  HPDF_Free(c.pdf);
  return check_summary();
}
