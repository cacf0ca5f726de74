/* Unit test of THE status table (model/present.c): every status has a code, words, a symbol,
 * and its ink on its fill passes WCAG 2.1 AA (contrast >= 4.5:1); the symbols differ, so a
 * status never depends on colour alone; the chart colours are told apart in greyscale. */
#include <string.h>

#include "check.h"
#include "model/present.h"

int main(void) {
  CHECK(present_contrast(0x000000, 0xFFFFFF) > 20.9);
  CHECK(present_contrast(0x777777, 0xFFFFFF) > 4.47 && present_contrast(0x777777, 0xFFFFFF) < 4.49);
  for (int i = 0; i < PRESENT_NSTATUS; i++) {
    const present_status *p = &present_statuses[i];
    CHECK_INT(p->status, i);
    double c = present_contrast(p->ink, p->fill);
    if (c < 4.5) {
      fprintf(stderr, "status '%s': ink %06X on fill %06X has contrast %.2f:1 < 4.5:1\n", p->code,
              (unsigned)p->ink, (unsigned)p->fill, c);
      CHECK(c >= 4.5);
    }
    if (i == 0) continue;
    CHECK(p->code[0] && p->word_nb[0] && p->word_nn[0] && p->word_se[0] && p->symbol[0]);
    CHECK(present_contrast(0x1A1A1A, p->fill) >= 4.5); /* the default ink on a status fill too */
    for (int j = 1; j < i; j++) {
      CHECK(strcmp(p->symbol, present_statuses[j].symbol) != 0);
      CHECK(strcmp(p->code, present_statuses[j].code) != 0);
    }
  }
  /* red, green and yellow solid colours differ in lightness, not only in hue */
  CHECK(present_contrast(present_statuses[DOC_STATUS_UNACCEPTABLE].chart,
                         present_statuses[DOC_STATUS_ACCEPTABLE].chart) >= 2.0);
  CHECK(present_contrast(present_statuses[DOC_STATUS_DESIRED].chart,
                         present_statuses[DOC_STATUS_ACCEPTABLE].chart) >= 1.5);
  CHECK(present_status_of((doc_status)99) == &present_statuses[0]);
  return check_summary();
}
