/* Unit tests of the XLSX renderer's pure helpers: number format codes, sheet names, widths. */
#include <dlfcn.h>
#include <string.h>
#include <xlsxwriter.h>

#include "check.h"
#include "xlsx/xlsx.h"

#define MINUS "\"\xE2\x88\x92\""
#define NBSP "\"\xC2\xA0\""

/* xlsx_lxw.c's libxlsxwriter functions: cell names as the library's own gives them, and the
 * control-character test that 1.1.4 answers yes to for every string. */
static void lxw_functions(void) {
  typedef void (*rowcol_fn)(char *, lxw_row_t, lxw_col_t);
  /* (a call into the library makes the program load it, so RTLD_NEXT finds its functions) */
  CHECK(strncmp(lxw_version(), "1.", 2) == 0);
  void *sym = dlsym(RTLD_NEXT, "lxw_rowcol_to_cell");
  CHECK(sym != NULL);
  rowcol_fn library;
  memcpy(&library, &sym, sizeof library);
  CHECK(library != lxw_rowcol_to_cell); /* the program's own is the one called */
  static const lxw_row_t rows[] = {0, 8, 9, 98, 99, 999, 65535, 1048575};
  static const lxw_col_t cols[] = {0, 1, 24, 25, 26, 27, 51, 52, 675, 676, 701, 702, 703, 18277, 16383};
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
    for (size_t j = 0; j < sizeof cols / sizeof cols[0]; j++) {
      char ours[LXW_MAX_CELL_NAME_LENGTH], theirs[LXW_MAX_CELL_NAME_LENGTH];
      lxw_rowcol_to_cell(ours, rows[i], cols[j]);
      if (sym) library(theirs, rows[i], cols[j]);
      CHECK_STR(ours, sym ? theirs : "");
    }
  char name[LXW_MAX_CELL_NAME_LENGTH];
  lxw_rowcol_to_cell(name, 9, 26);
  CHECK_STR(name, "AA10");
  lxw_rowcol_to_cell(name, 1048575, 16383);
  CHECK_STR(name, "XFD1048576");
  CHECK_INT(lxw_has_control_characters(""), 0);
  CHECK_INT(lxw_has_control_characters("Fjordvik skole, \xC3\x98nsket resultat"), 0);
  CHECK_INT(lxw_has_control_characters("linje 1\nlinje 2\tkolonne"), 0);
  CHECK_INT(lxw_has_control_characters("a\x01" "b"), 1);
  CHECK_INT(lxw_has_control_characters("slutt\r"), 1);
  CHECK_INT(lxw_has_control_characters("\x1F"), 1);
}

int main(void) {
  lxw_functions();
  static const struct {
    doc_col_type type;
    int decimals, thousands;
    const char *expected;
  } formats[] = {
      {DOC_COL_INTEGER, -1, 0, "#,##0;[Red]" MINUS "#,##0"},
      {DOC_COL_INTEGER, 2, 0, "#,##0;[Red]" MINUS "#,##0"}, /* integers never show decimals */
      {DOC_COL_DECIMAL, 1, 0, "#,##0.0;[Red]" MINUS "#,##0.0"},
      {DOC_COL_DECIMAL, 3, 0, "#,##0.000;[Red]" MINUS "#,##0.000"},
      {DOC_COL_AMOUNT, -1, 0, "#,##0;[Red]" MINUS "#,##0"},
      {DOC_COL_AMOUNT, -1, 1, "#,##0,;[Red]" MINUS "#,##0,"},
      {DOC_COL_AMOUNT, 1, 1, "#,##0.0,;[Red]" MINUS "#,##0.0,"},
      {DOC_COL_PERCENT, -1, 0, "#,##0.0" NBSP "%;[Red]" MINUS "#,##0.0" NBSP "%"},
      {DOC_COL_PERCENT, 0, 0, "#,##0" NBSP "%;[Red]" MINUS "#,##0" NBSP "%"},
      {DOC_COL_DATE, -1, 0, "dd.mm.yyyy"},
      {DOC_COL_TEXT, -1, 0, ""},
  };
  char buf[128];
  for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
    CHECK_STR(xlsx_number_format(formats[i].type, formats[i].decimals, formats[i].thousands, buf,
                                 sizeof buf),
              formats[i].expected);

  /* the choices a table cell makes: plain or red negatives, a unit literal in both sections */
  static const struct {
    doc_col_type type;
    int decimals, thousands, mark_negative;
    const char *unit, *expected;
  } cellfmts[] = {
      {DOC_COL_AMOUNT, -1, 1, 0, NULL, "#,##0,;" MINUS "#,##0,"},
      {DOC_COL_AMOUNT, -1, 1, 1, "", "#,##0,;[Red]" MINUS "#,##0,"},
      {DOC_COL_DECIMAL, 1, 0, 0, "\xC2\xA0%", "#,##0.0\"\xC2\xA0%\";" MINUS "#,##0.0\"\xC2\xA0%\""},
      {DOC_COL_INTEGER, 2, 0, 1, " dager", "#,##0\" dager\";[Red]" MINUS "#,##0\" dager\""},
      {DOC_COL_PERCENT, 1, 0, 1, NULL, "#,##0.0" NBSP "%;[Red]" MINUS "#,##0.0" NBSP "%"},
      {DOC_COL_DATE, -1, 0, 1, " x", "dd.mm.yyyy"},
  };
  for (size_t i = 0; i < sizeof cellfmts / sizeof cellfmts[0]; i++)
    CHECK_STR(xlsx_number_format_ex(cellfmts[i].type, cellfmts[i].decimals, cellfmts[i].thousands,
                                    cellfmts[i].mark_negative, cellfmts[i].unit, buf, sizeof buf),
              cellfmts[i].expected);

  static const char *const taken[] = {"Om rapporten", "Økonomi", "Čoahkkin"};
  static const struct {
    const char *in, *expected;
  } names[] = {
      {"Økonomisk status", "Økonomisk status"},
      {"ØKONOMI", "ØKONOMI (2)"},               /* case-insensitive clash, also for Ø */
      {"čoahkkin", "čoahkkin (2)"},             /* Sámi letters fold too */
      {"Drift/investering: [T2] *?\\", "Drift-investering (T2) -"},
      {"Investeringer: drift", "Investeringer drift"},
      {"'Sitat'", "Sitat"},
      {"History", "History (2)"},
      {"history", "history (2)"},
      {"", "Ark"},
      {"   ", "Ark"},
      {"Linje\nskift", "Linje skift"},
      {"En svært lang overskrift som må kuttes ned", "En svært lang overskrift som må"},
      {"Om rapporten", "Om rapporten (2)"},
      /* 31 characters exactly with Norwegian letters (more than 31 bytes) */
      {"æææææææææææææææææææææææææææææææ", "æææææææææææææææææææææææææææææææ"},
  };
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
    CHECK_STR(xlsx_sheet_name(names[i].in, "Ark", taken, 3, buf, sizeof buf), names[i].expected);
  /* a long clashing name is cut so the suffix fits in 31 characters */
  static const char *const long_taken[] = {"Investeringer i skole og barneh"};
  CHECK_STR(xlsx_sheet_name("Investeringer i skole og barnehage", "Ark", long_taken, 1, buf, sizeof buf),
            "Investeringer i skole og ba (2)");

  CHECK_INT((long)xlsx_text_width("Tromsø"), 6);
  CHECK_INT((long)xlsx_text_width("kort\nen lengre linje"), 15);
  CHECK_INT((long)xlsx_text_width(""), 0);
  return check_summary();
}
