/* tests/chart/test_chart_render.c — every chart kind, with the edge cases that break naive chart
 * code, drawn into a standalone PDF with pdf_chart_draw and into an XLSX with xlsx_chart_write.
 * The PDF's text layer is checked here through pdftotext; the XLSX is read back by check_xlsx.py
 * against out/charts_expected.txt, which this program writes. Usage: chart_render_test OUTDIR */
#include <hpdf.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <xlsxwriter.h>

#include "check.h"
#include "model/chart.h"
#include "pdf/chart.h"
#include "util/buf.h"
#include "xlsx/chart.h"

#define MM (72.0 / 25.4)

static const char *const areas[] = {"Sentraladministrasjon", "Oppvekst og kultur",
                                    "Helse, omsorg og velferd", "Teknisk drift og eiendom",
                                    "NAV og sosiale tjenester", "Kirkelig fellesråd"};
static const char *const months[] = {"jan.", "feb.", "mars", "april", "mai", "juni",
                                     "juli", "aug.", "sep.", "okt.", "nov.", "des."};
static const char *const focus[] = {"Samfunn", "Medvirkning", "Medarbeidere",
                                    "Læring og fornying", "Økonomi", "Brukere"};

/* One chart of each kind plus edge cases; the order is the order of charts in both outputs. */
static doc *build(void) {
  doc *d = doc_new();
  rapp_err err;

  doc_chart *c = doc_add_chart(d, DOC_CHART_COLUMN, "Budsjett og regnskap hittil i år", areas, 6);
  c->summary = doc_strdup(d, "Regnskapet ligger under budsjettet i fire av seks rammeområder.");
  c->value_type = DOC_COL_AMOUNT;
  c->value_title = doc_strdup(d, "Beløp");
  c->source = doc_strdup(d, "Kilde: økonomisystemet per 31.08.2026");
  double bud[] = {48.2e6, 312.5e6, 286.0e6, 97.4e6, 41.3e6, 12.1e6};
  double act[] = {45.9e6, 305.1e6, 301.7e6, 92.2e6, 44.8e6, 11.8e6};
  doc_chart_add_series(d, c, "Budsjett hittil", bud, 6);
  doc_chart_add_series(d, c, "Regnskap hittil", act, 6);
  c->show_table = 1;
  CHECK(doc_chart_finish(d, c, &err) == 0);

  c = doc_add_chart(d, DOC_CHART_DIVERGING, "Avvik per rammeområde hittil i år", areas, 6);
  c->summary = doc_strdup(d, "Helse, omsorg og velferd har størst merforbruk (15,7 mill. kr).");
  c->value_type = DOC_COL_AMOUNT;
  c->thousands = 1;
  c->value_title = doc_strdup(d, "Avvik");
  c->neg_label = doc_strdup(d, "Merforbruk");
  c->pos_label = doc_strdup(d, "Mindreforbruk");
  double dev[6];
  for (int i = 0; i < 6; i++) dev[i] = bud[i] - act[i];
  doc_chart_add_series(d, c, "Avvik", dev, 6);
  CHECK(doc_chart_finish(d, c, &err) == 0);

  c = doc_add_chart(d, DOC_CHART_LINE, "Sykefravær per måned", months, 12);
  c->summary = doc_strdup(d, "Fraværet i 2026 har ligget over målet på 6,0 % hele året.");
  c->value_type = DOC_COL_PERCENT;
  c->value_title = doc_strdup(d, "Sykefravær");
  double y26[] = {8.1, 7.9, 7.2, 6.8, 6.5, 6.9, 5.9, 6.4, NAN, NAN, NAN, NAN};
  double y25[] = {7.6, 7.8, 7.0, 6.6, 6.1, 6.3, 5.2, 6.0, 6.7, 7.1, 7.4, 7.7};
  doc_chart_add_series(d, c, "2026", y26, 12);
  doc_chart_add_series(d, c, "2025", y25, 12);
  doc_chart_add_line(d, c, 6.0, "Mål 6,0 %");
  CHECK(doc_chart_finish(d, c, &err) == 0);

  c = doc_add_chart(d, DOC_CHART_BAR_STACKED, "Status for måleindikatorer per fokusområde",
                    focus, 6);
  c->summary = doc_strdup(d, "23 av 41 indikatorer har ønsket resultat.");
  c->value_type = DOC_COL_INTEGER;
  c->value_title = doc_strdup(d, "Antall indikatorer");
  double g[] = {0, 3, 5, 2, 6, 7}, yl[] = {0, 2, 2, 1, 1, 3}, rd[] = {0, 1, 2, 1, 0, 2},
         gr[] = {1, 0, 1, 1, 0, 1};
  doc_chart_add_series(d, c, "Ønsket resultat", g, 6)->status = DOC_STATUS_DESIRED;
  doc_chart_add_series(d, c, "Akseptabelt resultat", yl, 6)->status = DOC_STATUS_ACCEPTABLE;
  doc_chart_add_series(d, c, "Uakseptabelt resultat", rd, 6)->status = DOC_STATUS_UNACCEPTABLE;
  doc_chart_add_series(d, c, "Ikke målt", gr, 6)->status = DOC_STATUS_NOT_MEASURED;
  CHECK(doc_chart_finish(d, c, &err) == 0);

  static const char *const years[] = {"2019", "2020", "2021", "2022", "2023", "2024", "2025",
                                      "2026"};
  c = doc_add_chart(d, DOC_CHART_LINE, "Sykefravær mot resultatkrav", years, 8);
  c->summary = doc_strdup(d, "Resultatet har vært akseptabelt de tre siste årene.");
  c->value_type = DOC_COL_PERCENT;
  double sf[] = {7.9, 8.4, 8.0, 7.6, 7.1, 6.9, 7.2, 6.6};
  doc_chart_add_series(d, c, "Sykefravær", sf, 8);
  doc_chart_add_band(d, c, -HUGE_VAL, 6.0, DOC_STATUS_DESIRED, "Ønsket (≤ 6,0 %)");
  doc_chart_add_band(d, c, 6.0, 7.5, DOC_STATUS_ACCEPTABLE, "Akseptabelt (≤ 7,5 %)");
  doc_chart_add_band(d, c, 7.5, HUGE_VAL, DOC_STATUS_UNACCEPTABLE, "Uakseptabelt");
  CHECK(doc_chart_finish(d, c, &err) == 0);

  /* 40 categories: month labels that must rotate or thin out */
  const char *m40[40];
  char m40buf[40][32];
  double v40[40];
  for (int i = 0; i < 40; i++) {
    snprintf(m40buf[i], sizeof m40buf[i], "%s %d", months[i % 12], 2023 + i / 12);
    m40[i] = m40buf[i];
    v40[i] = 1200 + 180 * sin(i / 3.0) + 9 * i;
  }
  c = doc_add_chart(d, DOC_CHART_COLUMN, "Brukere med hjemmetjenester, 40 måneder", m40, 40);
  c->value_type = DOC_COL_INTEGER;
  c->value_title = doc_strdup(d, "Antall brukere");
  doc_chart_add_series(d, c, "Brukere", v40, 40);
  CHECK(doc_chart_finish(d, c, &err) == 0);

  /* long labels with æøå, grouped horizontal bars */
  static const char *const units[] = {"Åsgårdstrand skole og skolefritidsordning",
                                      "Kjærlighetsstien barnehage", "Bø sykehjem, avdeling Øst",
                                      "Hjemmetjenesten sone sør", "Tildelingskontoret",
                                      "Kvalitets- og utviklingsenheten for helse og omsorg"};
  c = doc_add_chart(d, DOC_CHART_BAR, "Årsverk per enhet", units, 6);
  c->value_type = DOC_COL_DECIMAL;
  c->decimals = 1;
  double aw25[] = {42.5, 18.2, 61.7, 88.4, 6.0, 4.5}, aw26[] = {43.1, 17.6, 64.2, 91.0, 6.5, 4.0};
  doc_chart_add_series(d, c, "2025", aw25, 6);
  doc_chart_add_series(d, c, "2026", aw26, 6);
  CHECK(doc_chart_finish(d, c, &err) == 0);

  /* negative values only, stacked columns */
  static const char *const q[] = {"1. kvartal", "2. kvartal", "3. kvartal", "4. kvartal"};
  c = doc_add_chart(d, DOC_CHART_COLUMN_STACKED, "Netto finansutgifter", q, 4);
  c->value_type = DOC_COL_AMOUNT;
  c->thousands = 1;
  double ren[] = {-2.1e6, -2.3e6, -2.4e6, NAN}, avd[] = {-3.0e6, -3.0e6, -3.1e6, NAN};
  doc_chart_add_series(d, c, "Renter", ren, 4);
  doc_chart_add_series(d, c, "Avdrag", avd, 4);
  CHECK(doc_chart_finish(d, c, &err) == 0);

  /* 40 months in a narrow, low box: labels thinned; a gap in the middle of the line */
  c = doc_add_chart(d, DOC_CHART_LINE, "Smal linje med 40 måneder", m40, 40);
  c->width_mm = 85;
  c->height_mm = 60;
  c->value_type = DOC_COL_INTEGER;
  v40[17] = NAN;
  doc_chart_add_series(d, c, "Brukere", v40, 40);
  CHECK(doc_chart_finish(d, c, &err) == 0);

  /* 40 horizontal bars with long labels */
  const char *u40[40];
  char u40buf[40][64];
  for (int i = 0; i < 40; i++) {
    snprintf(u40buf[i], sizeof u40buf[i], "%s %d", units[i % 6], i + 1);
    u40[i] = u40buf[i];
    v40[i] = 3 + (i * 37 % 23);
  }
  c = doc_add_chart(d, DOC_CHART_BAR, "Ventetid per enhet", u40, 40);
  c->height_mm = 150;
  c->value_type = DOC_COL_INTEGER;
  c->value_title = doc_strdup(d, "Dager");
  doc_chart_add_series(d, c, "Ventetid", v40, 40);
  doc_chart_add_line(d, c, 14, "Frist 14 dager");
  CHECK(doc_chart_finish(d, c, &err) == 0);

  /* all zero, one category */
  static const char *const one[] = {"Hele kommunen"};
  c = doc_add_chart(d, DOC_CHART_COLUMN, "Klager behandlet etter fristen", one, 1);
  c->value_type = DOC_COL_INTEGER;
  double z[] = {0};
  doc_chart_add_series(d, c, "Antall", z, 1);
  CHECK(doc_chart_finish(d, c, &err) == 0);
  return d;
}

/* ---- PDF ----------------------------------------------------------------------------------- */

static HPDF_STATUS hpdf_status;
static void on_hpdf_error(HPDF_STATUS e, HPDF_STATUS detail, void *user) {
  (void)user;
  if (!hpdf_status) hpdf_status = e;
  fprintf(stderr, "libharu error 0x%04X (detail %u)\n", (unsigned)e, (unsigned)detail);
}

static const char *font_path(const char *file, char *buf, size_t n) {
  snprintf(buf, n, "fonts/%s", file);
  struct stat st;
  if (stat(buf, &st) == 0) return buf;
  snprintf(buf, n, "/usr/share/fonts/truetype/liberation2/%s", file);
  return buf;
}

static int write_pdf(const doc *d, const char *path) {
  hpdf_status = 0;
  HPDF_Doc pdf = HPDF_New(on_hpdf_error, NULL);
  if (!pdf) return -1;
  HPDF_UseUTFEncodings(pdf);
  HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
  char p1[512], p2[512];
  const char *r = HPDF_LoadTTFontFromFile(pdf, font_path("LiberationSans-Regular.ttf", p1, sizeof p1), HPDF_TRUE);
  const char *b = HPDF_LoadTTFontFromFile(pdf, font_path("LiberationSans-Bold.ttf", p2, sizeof p2), HPDF_TRUE);
  pdf_chart_text text = {{HPDF_GetFont(pdf, r, "UTF-8"), HPDF_GetFont(pdf, b, "UTF-8")}, NULL, NULL,
                         NULL, NULL};
  HPDF_Page page = NULL;
  double y = 0;
  int rc = 0;
  for (size_t i = 0; i < doc_nblocks(d); i++) {
    const doc_block *blk = doc_block_at(d, i);
    if (blk->kind != DOC_CHART) continue;
    const doc_chart *c = blk->u.chart;
    double w = pdf_chart_width(c, 170 * MM), h = pdf_chart_height(c, w);
    if (!page || y - h < 20 * MM) {
      page = HPDF_AddPage(pdf);
      HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
      y = HPDF_Page_GetHeight(page) - 20 * MM;
    }
    rapp_err err = {0};
    if (pdf_chart_draw(page, &text, 20 * MM, y, w, h, c, &err) != 0) {
      fprintf(stderr, "pdf_chart_draw: %s\n", err.msg);
      rc = -1;
    }
    y -= h + 12 * MM;
  }
  if (HPDF_SaveToFile(pdf, path) != HPDF_OK) rc = -1;
  HPDF_Free(pdf);
  return hpdf_status ? -1 : rc;
}

/* The PDF's text with every whitespace run (incl. U+00A0) folded to one space. */
static char *pdf_text(const char *path) {
  char cmd[1200];
  snprintf(cmd, sizeof cmd, "pdftotext -q -raw '%s' -", path);
  FILE *f = popen(cmd, "r");
  if (!f) return NULL;
  rapp_buf b = {0};
  int ch, space = 0;
  while ((ch = fgetc(f)) != EOF) {
    if (ch == 0xC2) { /* U+00A0 is C2 A0 */
      int nx = fgetc(f);
      if (nx == 0xA0) ch = ' ';
      else {
        buf_putc(&b, (char)ch);
        if (nx == EOF) break;
        ch = nx;
      }
    }
    if (ch == ' ' || ch == '\n' || ch == '\t' || ch == '\f') {
      space = 1;
      continue;
    }
    if (space && b.len) buf_putc(&b, ' ');
    space = 0;
    buf_putc(&b, (char)ch);
  }
  pclose(f);
  char *s = xstrdup(buf_str(&b));
  buf_free(&b);
  return s;
}

static void check_pdf_text(const char *path) {
  char *t = pdf_text(path);
  CHECK(t != NULL);
  if (!t) return;
  static const char *const want[] = {
      /* titles and summaries */
      "Budsjett og regnskap hittil i år", "Regnskapet ligger under budsjettet",
      "Avvik per rammeområde hittil i år", "Sykefravær per måned",
      "Status for måleindikatorer per fokusområde", "Sykefravær mot resultatkrav",
      "Brukere med hjemmetjenester, 40 måneder", "Årsverk per enhet", "Netto finansutgifter",
      "Klager behandlet etter fristen", "Smal linje med 40 måneder", "Ventetid per enhet",
      /* legends */
      "Budsjett hittil", "Regnskap hittil", "Merforbruk", "Mindreforbruk", "Mål 6,0 %",
      "Ønsket resultat", "Akseptabelt resultat", "Uakseptabelt resultat", "Ikke målt",
      "Ønsket (≤ 6,0 %)", "Akseptabelt (≤ 7,5 %)",
      /* value axis units and ticks in Norwegian format */
      "Beløp (mill. kr)", "Avvik (1 000 kr)", "1 000", "1 500", "8 %", "6,0 %", "−15 000",
      "−6 000", "300", "0",
      /* data labels at bar ends (diverging), abbreviated and whole category labels */
      "−15 700", "2 300", "Sentraladministrasjon", "Kjærlighetsstien barnehage", "jan. 2023", "Frist 14 dager",
      "Kilde: økonomisystemet per 31.08.2026"};
  for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
    check_count++;
    if (!strstr(t, want[i])) {
      check_failures++;
      fprintf(stderr, "%s: text layer lacks \"%s\"\n", path, want[i]);
    }
  }
  /* Negative ticks use U+2212, never an ASCII hyphen before a digit. */
  CHECK(strstr(t, " -1") == NULL && strstr(t, " -2") == NULL);
  free(t);
}

/* ---- XLSX ---------------------------------------------------------------------------------- */

static const char *lxw_type_name(const doc_chart *c) {
  switch (c->kind) {
    case DOC_CHART_COLUMN: return "bar col clustered";
    case DOC_CHART_COLUMN_STACKED: return "bar col stacked";
    case DOC_CHART_BAR: return "bar bar clustered";
    case DOC_CHART_BAR_STACKED: return "bar bar stacked";
    case DOC_CHART_DIVERGING: return "bar bar clustered";
    case DOC_CHART_LINE: return "line - standard";
  }
  return "?";
}

static void col_name(unsigned col, char *b) {
  if (col < 26) snprintf(b, 4, "%c", 'A' + col);
  else snprintf(b, 4, "%c%c", 'A' + col / 26 - 1, 'A' + col % 26);
}

/* Writes every chart to one sheet and, per chart, a line of expectations for check_xlsx.py:
 * "<type> <dir> <grouping> <nseries> <values range>... | <category range>". */
static int write_xlsx(const doc *d, const char *path, const char *expect_path) {
  lxw_workbook_options wo = {.constant_memory = 0};
  lxw_workbook *wb = workbook_new_opt(path, &wo);
  if (!wb) return -1;
  lxw_worksheet *ws = workbook_add_worksheet(wb, "Diagrammer");
  worksheet_set_landscape(ws); /* one page wide when LibreOffice prints it for a look */
  worksheet_fit_to_pages(ws, 1, 0);
  FILE *ex = fopen(expect_path, "w");
  if (!ex) return -1;
  lxw_row_t row = 0;
  int rc = 0;
  for (size_t i = 0; i < doc_nblocks(d); i++) {
    const doc_block *blk = doc_block_at(d, i);
    if (blk->kind != DOC_CHART) continue;
    const doc_chart *c = blk->u.chart;
    lxw_row_t used = 0;
    rapp_err err = {0};
    if (xlsx_chart_write(wb, ws, row, 1, c, NULL, &used, &err) != 0) {
      fprintf(stderr, "xlsx_chart_write: %s\n", err.msg);
      rc = -1;
    }
    /* rows: title, summary?, header, data from here */
    unsigned first = (unsigned)row + 2 + (c->summary ? 1 : 0) + 1; /* 1-based */
    unsigned last = first + (unsigned)c->ncats - 1;
    size_t nextra = c->kind == DOC_CHART_LINE ? c->nlines + (c->nbands ? 2 : 0) : 0;
    fprintf(ex, "%s %zu", lxw_type_name(c), c->nseries + nextra);
    for (size_t s = 0; s < c->nseries + nextra; s++) {
      char cn[4];
      col_name(2 + (unsigned)s, cn);
      if (first == last) fprintf(ex, " Diagrammer!$%s$%u", cn, first); /* how Excel writes it */
      else fprintf(ex, " Diagrammer!$%s$%u:$%s$%u", cn, first, cn, last);
    }
    if (first == last) fprintf(ex, " | Diagrammer!$B$%u | %s\n", first, c->title);
    else fprintf(ex, " | Diagrammer!$B$%u:$B$%u | %s\n", first, last, c->title);
    row += used + 2;
  }
  fclose(ex);
  if (workbook_close(wb) != LXW_NO_ERROR) rc = -1;
  return rc;
}

int main(int argc, char **argv) {
  const char *out = argc > 1 ? argv[1] : "build-chart-out";
  mkdir(out, 0777);
  char pdf[1024], xlsx[1024], exp[1024];
  snprintf(pdf, sizeof pdf, "%s/charts.pdf", out);
  snprintf(xlsx, sizeof xlsx, "%s/charts.xlsx", out);
  snprintf(exp, sizeof exp, "%s/charts_expected.txt", out);
  doc *d = build();
  CHECK(write_pdf(d, pdf) == 0);
  check_pdf_text(pdf);
  CHECK(write_xlsx(d, xlsx, exp) == 0);

  /* A chart too small for its plot is an error naming the chart, never a broken drawing. */
  {
    HPDF_Doc p = HPDF_New(on_hpdf_error, NULL);
    HPDF_UseUTFEncodings(p);
    char fp[512];
    const char *r = HPDF_LoadTTFontFromFile(p, font_path("LiberationSans-Regular.ttf", fp, sizeof fp), HPDF_TRUE);
    HPDF_Font f = HPDF_GetFont(p, r, "UTF-8");
    pdf_chart_text text = {{f, f}, NULL, NULL, NULL, NULL};
    HPDF_Page pg = HPDF_AddPage(p);
    const doc_chart *c = doc_block_at(d, 0)->u.chart;
    rapp_err err = {0};
    CHECK(pdf_chart_draw(pg, &text, 50, 700, 200, 70, c, &err) == -1);
    CHECK(strstr(err.msg, "Budsjett og regnskap hittil i år") != NULL);
    HPDF_Free(p);
  }
  doc_free(d);
  return check_summary();
}
