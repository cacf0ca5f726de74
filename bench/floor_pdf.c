/* bench/floor_pdf.c — the PDF floor of bench/render_bench.sh: the rows of bench/render_bench.lua's query
 * written straight through libharu, no layout engine. Same page (A4, Rapp's margins), same font
 * (Liberation Sans from fonts/, embedded, UTF-8), 8.5 pt cells right-aligned for numbers, a header
 * with a fill repeated on every page, a hairline between rows, "Side N av M" in the footer. Column
 * widths are fixed; the rules first, then one BT…ET per page, the font set only where it changes.
 *   floor_pdf SNAPSHOT SCRIPT.lua ROWS FONTS_DIR OUT.pdf */
#include <hpdf.h>
#include <malloc.h>

#include "floor_common.h"

#define MM (72.0 / 25.4)
#define TS 8.5
#define ROW_H 16.5
#define PADX 4.0

static void on_error(HPDF_STATUS e, HPDF_STATUS d, void *u) {
  (void)u;
  fprintf(stderr, "libharu error %04X/%u\n", (unsigned)e, (unsigned)d);
  exit(1);
}

int main(int argc, char **argv) {
  if (argc != 6) {
    fprintf(stderr, "usage: floor_pdf SNAPSHOT SCRIPT.lua ROWS FONTS_DIR OUT.pdf\n");
    return 2;
  }
  /* libharu deflates each page with its own zlib stream; freeing its window makes glibc give the
   * heap top back to the kernel (brk, TLB flush) every page, a third of the run. A floor measures
   * the library, not that: keep the heap. */
  mallopt(M_TRIM_THRESHOLD, 64 << 20);
  long rows = atol(argv[3]);
  sqlite3 *db;
  sqlite3_stmt *st = floor_query(argv[1], argv[2], rows, &db);

  HPDF_Doc pdf = HPDF_New(on_error, NULL);
  HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
  HPDF_UseUTFEncodings(pdf);
  char path[4096];
  snprintf(path, sizeof path, "%s/LiberationSans-Regular.ttf", argv[4]);
  HPDF_Font reg = HPDF_GetFont(pdf, HPDF_LoadTTFontFromFile(pdf, path, HPDF_TRUE), "UTF-8");
  snprintf(path, sizeof path, "%s/LiberationSans-Bold.ttf", argv[4]);
  HPDF_Font bold = HPDF_GetFont(pdf, HPDF_LoadTTFontFromFile(pdf, path, HPDF_TRUE), "UTF-8");

  const double pw = 595.276, ph = 841.89, x0 = 20 * MM, x1 = pw - 20 * MM;
  const double ytop = ph - 22 * MM, ybot = 20 * MM;
  static const double share[FLOOR_NCOLS] = {0.15, 0.14, 0.12, 0.12, 0.12, 0.12, 0.11, 0.12};
  double cx[FLOOR_NCOLS], cw[FLOOR_NCOLS], x = x0;
  for (int j = 0; j < FLOOR_NCOLS; j++) {
    cx[j] = x;
    cw[j] = share[j] * (x1 - x0);
    x += cw[j];
  }
  long per_page = (long)((ytop - ybot - ROW_H) / ROW_H);
  long npages = rows / per_page + (rows % per_page ? 1 : 0);
  if (npages == 0) npages = 1;

  HPDF_Page pg = NULL;
  double y = 0;
  long page = 0, on_page = per_page, done = 0;
  char cell[FLOOR_NCOLS][64];
  for (;;) {
    int rc = sqlite3_step(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
      fprintf(stderr, "query: %s\n", sqlite3_errmsg(db));
      return 1;
    }
    if (rc == SQLITE_DONE || on_page == per_page) {
      if (pg) HPDF_Page_EndText(pg);
      if (rc == SQLITE_DONE) break;
      /* A new page: footer rule, header fill, the hairlines of the rows it will hold, then one
       * text object with the footer, the titles and every cell. */
      pg = HPDF_AddPage(pdf);
      HPDF_Page_SetSize(pg, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
      page++;
      on_page = 0;
      y = ytop;
      long here = rows - done < per_page ? rows - done : per_page;
      HPDF_Page_SetRGBFill(pg, 0.93f, 0.94f, 0.96f);
      HPDF_Page_Rectangle(pg, (HPDF_REAL)x0, (HPDF_REAL)(y - ROW_H), (HPDF_REAL)(x1 - x0), ROW_H);
      HPDF_Page_Fill(pg);
      HPDF_Page_SetRGBStroke(pg, 0.8f, 0.8f, 0.8f);
      HPDF_Page_SetLineWidth(pg, 0.5);
      HPDF_Page_MoveTo(pg, (HPDF_REAL)x0, (HPDF_REAL)(14 * MM));
      HPDF_Page_LineTo(pg, (HPDF_REAL)x1, (HPDF_REAL)(14 * MM));
      HPDF_Page_Stroke(pg);
      HPDF_Page_SetLineWidth(pg, 0.4f);
      for (long i = 1; i < here; i++) {
        double ry = y - ROW_H * (double)(i + 1);
        HPDF_Page_MoveTo(pg, (HPDF_REAL)x0, (HPDF_REAL)ry);
        HPDF_Page_LineTo(pg, (HPDF_REAL)x1, (HPDF_REAL)ry);
        HPDF_Page_Stroke(pg);
      }
      HPDF_Page_BeginText(pg);
      HPDF_Page_SetRGBFill(pg, 0.3f, 0.3f, 0.3f);
      HPDF_Page_SetFontAndSize(pg, reg, 8);
      char num[64];
      snprintf(num, sizeof num, "Side %ld av %ld", page, npages);
      HPDF_Page_TextOut(pg, (HPDF_REAL)(x1 - HPDF_Page_TextWidth(pg, num)), (HPDF_REAL)(9 * MM), num);
      HPDF_Page_TextOut(pg, (HPDF_REAL)x0, (HPDF_REAL)(9 * MM), "Produsert 21.09.2026");
      HPDF_Page_SetRGBFill(pg, 0.1f, 0.2f, 0.35f);
      HPDF_Page_SetFontAndSize(pg, bold, TS);
      for (int j = 0; j < FLOOR_NCOLS; j++) {
        double tx = j < 2 ? cx[j] + PADX
                          : cx[j] + cw[j] - PADX - HPDF_Page_TextWidth(pg, floor_titles[j]);
        HPDF_Page_TextOut(pg, (HPDF_REAL)tx, (HPDF_REAL)(y - 11.5), floor_titles[j]);
      }
      HPDF_Page_SetFontAndSize(pg, reg, TS);
      HPDF_Page_SetRGBFill(pg, 0.1f, 0.1f, 0.1f);
      y -= ROW_H;
    }
    snprintf(cell[0], sizeof cell[0], "%s", (const char *)sqlite3_column_text(st, 0));
    snprintf(cell[1], sizeof cell[1], "%s", (const char *)sqlite3_column_text(st, 1));
    for (int j = 2; j < 6; j++) floor_number(sqlite3_column_double(st, j), 0, "", cell[j], 64);
    floor_number(sqlite3_column_double(st, 6), 1, "\xC2\xA0%", cell[6], 64);
    floor_number(sqlite3_column_double(st, 7), 2, "", cell[7], 64);
    for (int j = 0; j < FLOOR_NCOLS; j++) {
      double tx = j < 2 ? cx[j] + PADX : cx[j] + cw[j] - PADX - HPDF_Page_TextWidth(pg, cell[j]);
      HPDF_Page_TextOut(pg, (HPDF_REAL)tx, (HPDF_REAL)(y - 11.5), cell[j]);
    }
    y -= ROW_H;
    on_page++;
    done++;
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  if (HPDF_SaveToFile(pdf, argv[5]) != HPDF_OK) return 1;
  HPDF_Free(pdf);
  return 0;
}
