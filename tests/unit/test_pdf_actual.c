/* Unit tests of pdf/pdf_actual: which text runs get an /ActualText span, so that text extraction
 * reads "0 %" and not "0%" (a run of only one-character words, split by spaces). */
#include "check.h"
#include "pdf/pdf_actual.h"

#define NB "\xC2\xA0"

int main(void) {
  static const struct { const char *s; int want; } runs[] = {
      {"0" NB "%", 1},        /* a 0 share, a 0 % tick */
      {"5" NB "%", 1},        /* any one-digit percentage */
      {"0 %", 1},             /* an ordinary space alike */
      {"a b c", 1},           /* letters spaced out */
      {"10" NB "%", 0},       /* a two-digit word: extraction keeps the space itself */
      {"0,0" NB "%", 0},
      {"Kommunen eier 0" NB "%", 0},
      {"0", 0},               /* no space: nothing to keep */
      {"%", 0},
      {"", 0},
      {NB "%", 0},            /* one word */
      {"\xC3\xB8 %", 1},      /* one code point of two bytes is one character */
  };
  for (size_t i = 0; i < sizeof runs / sizeof *runs; i++) {
    int got = pdf_actual_needed(runs[i].s, strlen(runs[i].s));
    if (got != runs[i].want) fprintf(stderr, "run '%s'\n", runs[i].s);
    CHECK_INT(got, runs[i].want);
  }
  return check_summary();
}
