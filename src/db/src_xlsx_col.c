/* db/src_xlsx_col.c — src_xlsx_col_name (src_xlsx.h), apart from the reader: db_model.c names
 * columns with it too, and db_model.c is in rapp itself, which does not link the import's
 * libzip and libxml2 (the import is the program rapp-import; docs/architecture.md). */
#include "db/src_xlsx.h"

void src_xlsx_col_name(int col, char out[4]) {
  char tmp[4];
  int n = 0;
  for (col++; col > 0 && n < 3; col = (col - 1) / 26) tmp[n++] = (char)('A' + (col - 1) % 26);
  for (int i = 0; i < n; i++) out[i] = tmp[n - 1 - i];
  out[n] = '\0';
}
