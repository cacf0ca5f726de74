/* tests/xlsx/xlsx_cases.c — builds test documents through the doc_* API, renders them to
 * <outdir>/NAME.xlsx for check_xlsx.py (openpyxl) and check_libreoffice.py, and checks here what
 * needs no reader: invalid inputs fail with a message naming the table and leave no file, and two
 * renders of the same document are byte-identical.
 *   xlsx_cases <outdir> */
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "model/chart.h"
#include "util/buf.h"
#include "xlsx/xlsx.h"

static const char *outdir;

static char *out_path(const char *name) {
  static char paths[8][512];
  static int k;
  char *p = paths[k++ % 8];
  snprintf(p, 512, "%s/%s", outdir, name);
  return p;
}

static void set_meta(doc *d) {
  doc_meta *m = doc_meta_of(d);
  m->title = doc_strdup(d, "Tertialrapport 2. tertial 2026");
  m->subtitle = doc_strdup(d, "Rapport til kommunestyret");
  m->municipality = doc_strdup(d, "Testvik kommune");
  m->subject = doc_strdup(d, "Økonomi og måloppnåelse per 31.08.2026");
  m->keywords = doc_strdup(d, "tertialrapport, økonomi, målekort");
  m->period_label = doc_strdup(d, "2. tertial 2026");
  m->snapshot_name = doc_strdup(d, "testvik-2026-08-31.sqlite");
  m->cutoff_date = doc_strdup(d, "2026-08-31");
  m->parameters = doc_strdup(d, "periode=2026-T2");
  m->created = 1788000000; /* 2026-08-29T10:40:00Z = 12:40 in Oslo (CEST) */
  m->number_headings = 1;
}

static doc_row *data_row(doc *d, doc_table *t, int level, const char *name, const double *v,
                         size_t nv) {
  doc_row *r = doc_table_add_row(d, t, DOC_ROW_DATA);
  r->level = level;
  doc_cell_set_text(d, &r->cells[0], name);
  for (size_t i = 0; i < nv && i + 1 < t->ncols; i++)
    if (!isnan(v[i])) doc_cell_set_number(&r->cells[i + 1], v[i]);
  return r;
}

/* The economy table: groups with subtotals and a total, amounts in 1 000 kr, percent, integer,
 * decimal and date columns, a two-level header. */
static void economy_table(doc *d) {
  doc_column cols[] = {
      {.title = "Rammeområde", .type = DOC_COL_TEXT, .decimals = -1},
      {.title = "Regulert budsjett", .group = "Budsjett", .type = DOC_COL_AMOUNT, .decimals = -1, .thousands = 1, .sum = 1},
      {.title = "Budsjett hittil", .group = "Budsjett", .type = DOC_COL_AMOUNT, .decimals = -1, .thousands = 1, .sum = 1},
      {.title = "Regnskap hittil", .type = DOC_COL_AMOUNT, .decimals = -1, .thousands = 1, .sum = 1},
      {.title = "Avvik hittil", .type = DOC_COL_AMOUNT, .decimals = -1, .thousands = 1, .sum = 1, .mark_negative = 1},
      {.title = "Avvik i %", .type = DOC_COL_PERCENT, .decimals = 1, .mark_negative = 1},
      {.title = "Årsverk", .type = DOC_COL_DECIMAL, .decimals = 1, .sum = 1},
      {.title = "Enheter", .type = DOC_COL_INTEGER, .decimals = -1, .sum = 1},
      {.title = "Sist oppdatert", .type = DOC_COL_DATE, .decimals = -1},
  };
  doc_table *t = doc_add_table(d, cols, sizeof cols / sizeof cols[0]);
  t->title = doc_strdup(d, "Drift per rammeområde");
  t->unit_note = doc_strdup(d, "Beløp i 1 000 kr. Positivt avvik = mindreforbruk.");
  t->note = doc_strdup(d, "Regnskap hittil er periodisert.");
  static const struct {
    const char *group;
    const char *name[3];
    double v[3][7];
  } groups[] = {
      {"Oppvekst",
       {"Barnehage", "Grunnskole", "PPT"},
       {{98765432, 65843621, 66000000.5, -156379.5, -0.2375, 120.5, 14},
        {187654321.4, 125102880, 123000000, 2102880, 1.68, 260.25, 9},
        {5432100, 3621400, 3700000, -78600, -2.17, 6, 1}}},
      {"Helse og omsorg",
       {"Sykehjem", "Hjemmetjenester", ""},
       {{143210987, 95473991, 99000000, -3526009, -3.69, 180, 3},
        {87654321, 58436214, 57000000, 1436214, 2.46, 95.5, 4},
        {0}}},
  };
  size_t row = 0;
  for (size_t g = 0; g < 2; g++) {
    doc_row *gr = doc_table_add_row(d, t, DOC_ROW_GROUP);
    gr->label = doc_strdup(d, groups[g].group);
    row++;
    size_t first = row, n = 0;
    for (size_t i = 0; i < 3 && groups[g].name[i][0]; i++, n++, row++) {
      doc_row *r = data_row(d, t, 1, groups[g].name[i], groups[g].v[i], 7);
      doc_cell_set_date(&r->cells[8], 20261231 - (int32_t)i);
    }
    doc_row *st = doc_table_add_row(d, t, DOC_ROW_SUBTOTAL);
    char label[64];
    snprintf(label, sizeof label, "Sum %s", groups[g].group);
    st->label = doc_strdup(d, label);
    st->sum_first = first;
    st->sum_count = n;
    doc_cell_set_number(&st->cells[5], g == 0 ? 1.1 : -1.2); /* non-sum value in a subtotal */
    row++;
  }
  doc_row *tot = doc_table_add_row(d, t, DOC_ROW_TOTAL);
  tot->label = doc_strdup(d, "Sum drift");
  doc_cell_set_number(&tot->cells[5], 0.12);
  doc_table_compute_sums(t);
}

/* One row per type with the values the LibreOffice check looks for. */
static void formats_table(doc *d) {
  doc_column cols[] = {
      {.title = "Beløp", .type = DOC_COL_AMOUNT, .decimals = -1},
      {.title = "Desimal", .type = DOC_COL_DECIMAL, .decimals = 1},
      {.title = "Prosent", .type = DOC_COL_PERCENT, .decimals = -1},
      {.title = "Dato", .type = DOC_COL_DATE, .decimals = -1},
      {.title = "Tusen kr", .type = DOC_COL_AMOUNT, .decimals = -1, .thousands = 1},
      {.title = "Negativt", .type = DOC_COL_INTEGER, .decimals = -1},
      {.title = "Avvik", .type = DOC_COL_DECIMAL, .decimals = 1, .mark_negative = 1},
  };
  doc_table *t = doc_add_table(d, cols, 7);
  t->sheet = doc_strdup(d, "Formater");
  t->title = doc_strdup(d, "Tallformater");
  doc_row *r = doc_table_add_row(d, t, DOC_ROW_DATA);
  doc_cell_set_number(&r->cells[0], 1234567.8);
  doc_cell_set_number(&r->cells[1], 12.5);
  doc_cell_set_number(&r->cells[2], 12.5);
  doc_cell_set_date(&r->cells[3], 20261231);
  doc_cell_set_number(&r->cells[4], 1234567.8);
  doc_cell_set_number(&r->cells[5], -1234);
  doc_cell_set_number(&r->cells[6], -56.7);
}

/* The scorecard's own legend ("Resultatgrense"): one row of four status cells, no_legend. */
static void legend_table(doc *d) {
  doc_column cols[4];
  memset(cols, 0, sizeof cols);
  static const doc_status st[] = {DOC_STATUS_DESIRED, DOC_STATUS_ACCEPTABLE, DOC_STATUS_UNACCEPTABLE,
                                  DOC_STATUS_NOT_MEASURED};
  for (size_t i = 0; i < 4; i++) {
    cols[i].title = i ? "" : "Resultatgrense:";
    cols[i].type = DOC_COL_TEXT;
    cols[i].decimals = -1;
  }
  doc_table *t = doc_add_table(d, cols, 4);
  t->no_legend = 1;
  doc_row *r = doc_table_add_row(d, t, DOC_ROW_DATA);
  for (size_t i = 0; i < 4; i++) {
    doc_cell_set_text(d, &r->cells[i], doc_status_label(st[i]));
    r->cells[i].status = st[i];
  }
}

/* The scorecard: a DECIMAL result column with the largest number of decimals (2), cells with
 * their own decimals and display texts with units, "Ikke målt" as an empty value and as a text. */
static void scorecard_tables(doc *d) {
  legend_table(d);
  doc_column cols[] = {
      {.title = "Fokusområde", .type = DOC_COL_TEXT, .decimals = -1, .merge_repeats = 1},
      {.title = "Hovedmål", .type = DOC_COL_TEXT, .decimals = -1, .merge_repeats = 1},
      {.title = "Indikator", .type = DOC_COL_TEXT, .decimals = -1, .width_mm = 45},
      {.title = "Resultat", .type = DOC_COL_DECIMAL, .decimals = 2},
      {.title = "Ønsket", .group = "Resultatkrav", .type = DOC_COL_DECIMAL, .decimals = 1},
      {.title = "Akseptabelt", .group = "Resultatkrav", .type = DOC_COL_DECIMAL, .decimals = 1},
  };
#define U "\xC2\xA0" /* a unit starts with a no-break space */
  doc_table *t = doc_add_table(d, cols, 6);
  t->title = doc_strdup(d, "Målekort");
  static const struct {
    const char *fa, *goal, *ind;
    double res;
    int own, dec;      /* own decimals */
    const char *text;  /* unit (U "...") or display text, or NULL; with NAN: a TEXT cell */
    double want, ok;
    doc_status st;
  } rows[] = {
      {"Medarbeidere", "Godt arbeidsmiljø", "Sykefravær", 6.43, 1, 1, U "%", 6.0, 7.5, DOC_STATUS_ACCEPTABLE},
      {"Medarbeidere", "Godt arbeidsmiljø", "Medarbeidersamtaler (%)", 92, 1, 0, NULL, 90, 80, DOC_STATUS_DESIRED},
      {"Medarbeidere", "Kompetanse", "Lederopplæring (%)", 40, 1, 0, U "%", 80, 60, DOC_STATUS_UNACCEPTABLE},
      {"Økonomi", "Sunn økonomi", "Netto driftsresultat (%)", NAN, 0, 0, NULL, 1.75, 1.0, DOC_STATUS_NOT_MEASURED},
      {"Samfunn", "Ikke utarbeidet", "Innbyggertilfredshet", 4.1, 0, 0, NULL, NAN, NAN, DOC_STATUS_NO_TARGET},
      {"Økonomi", "Sunn økonomi", "Disposisjonsfond i prosent av driftsinntektene, en lang indikatortekst som må brytes",
       0.38, 1, 2, U "%", 10, 5, DOC_STATUS_UNACCEPTABLE},
      {"Brukere", "Gode tjenester", "Ventetid PPT", 92, 1, 0, U "dager", 60, 90, DOC_STATUS_UNACCEPTABLE},
      {"Brukere", "Gode tjenester", "Ventetid sykehjem", NAN, 0, 0, "Ikke målt", 30, 45, DOC_STATUS_NOT_MEASURED},
      {"Brukere", "Gode tjenester", "Brukertilfredshet", 5.1, 1, 1, "5,1 av 6", 5, 4.5, DOC_STATUS_DESIRED},
  };
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
    doc_row *r = doc_table_add_row(d, t, DOC_ROW_DATA);
    doc_cell_set_text(d, &r->cells[0], rows[i].fa);
    doc_cell_set_text(d, &r->cells[1], rows[i].goal);
    doc_cell_set_text(d, &r->cells[2], rows[i].ind);
    doc_cell *c = &r->cells[3];
    if (isnan(rows[i].res) && rows[i].text) {
      doc_cell_set_text(d, c, rows[i].text);
    } else {
      doc_cell_set_number(c, rows[i].res);
      if (rows[i].text && strncmp(rows[i].text, U, 2) == 0) /* doc_cell.unit: value + unit */
        c->unit = doc_strdup(d, rows[i].text);
      else if (rows[i].text)
        c->text = doc_strdup(d, rows[i].text);
    }
    c->own_decimals = rows[i].own;
    c->decimals = rows[i].dec;
    c->status = rows[i].st;
    doc_cell_set_number(&r->cells[4], rows[i].want);
    doc_cell_set_number(&r->cells[5], rows[i].ok);
  }
  /* a second table on the same sheet, with a text status column */
  doc_column c2[] = {
      {.title = "Vedtak", .type = DOC_COL_TEXT, .decimals = -1},
      {.title = "Frist", .type = DOC_COL_DATE, .decimals = -1},
      {.title = "Status", .type = DOC_COL_TEXT, .decimals = -1},
  };
  t = doc_add_table(d, c2, 3);
  t->title = doc_strdup(d, "Oppfølging av vedtak");
  static const doc_status st[] = {DOC_STATUS_DESIRED, DOC_STATUS_UNACCEPTABLE};
  for (int i = 0; i < 2; i++) {
    doc_row *r = doc_table_add_row(d, t, DOC_ROW_DATA);
    doc_cell_set_text(d, &r->cells[0], i ? "PS 26/14 Skolebruksplan" : "PS 26/3 Ny barnehage");
    doc_cell_set_date(&r->cells[1], 20260615 + i);
    doc_cell_set_text(d, &r->cells[2], i ? "Forsinket" : doc_status_label(st[i]));
    r->cells[2].status = st[i];
  }
}

static doc *economy_doc(void) {
  doc *d = doc_new();
  set_meta(d);
  doc_block *cover = doc_add(d, DOC_COVER);
  cover->u.cover.title = doc_strdup(d, "Tertialrapport");
  doc_add(d, DOC_TOC);
  doc_add_heading(d, 1, "Sammendrag");
  doc_add_paragraph(d, "Kommunedirektøren legger med dette fram **2. tertialrapport 2026**. Prognosen "
                       "viser et *mindreforbruk* på 3,2 millioner kroner for året, men sektorene "
                       "helse og omsorg har et merforbruk som må følges opp tett resten av året.");
  doc_block *kf = doc_add(d, DOC_KEYFIGURES);
  kf->u.keyfigures.nitems = 3;
  kf->u.keyfigures.items = doc_alloc(d, 3 * sizeof(doc_keyfigure));
  doc_keyfigure *k = kf->u.keyfigures.items;
  k[0].label = doc_strdup(d, "Prognoseavvik");
  k[0].type = DOC_COL_AMOUNT;
  k[0].thousands = 1;
  k[0].decimals = -1;
  doc_cell_set_number(&k[0].value, 3200000);
  k[1].label = doc_strdup(d, "Sykefravær");
  k[1].type = DOC_COL_PERCENT;
  k[1].decimals = 1;
  doc_cell_set_number(&k[1].value, 6.4);
  k[1].value.status = DOC_STATUS_ACCEPTABLE;
  k[1].comparison = doc_strdup(d, "Mål: 6,0 %");
  k[2].label = doc_strdup(d, "Neste rapport");
  k[2].type = DOC_COL_DATE;
  k[2].decimals = -1;
  doc_cell_set_date(&k[2].value, 20261231);
  static const char *const areas[] = {"Oppvekst", "Helse og omsorg", "Kultur"};
  doc_chart *ch = doc_add_chart(d, DOC_CHART_COLUMN, "Avvik per område", areas, 3);
  ch->value_type = DOC_COL_AMOUNT;
  ch->thousands = 1;
  ch->decimals = -1;
  static const double avvik[] = {-156379.5, 1436214, 250000};
  doc_chart_add_series(d, ch, "Avvik hittil", avvik, 3);
  rapp_err cerr = {0};
  CHECK_INT(doc_chart_finish(d, ch, &cerr), 0);
  doc_add_heading(d, 1, "Økonomisk status drift");
  doc_add_paragraph(d, "Tabellen viser drift per rammeområde.");
  economy_table(d);
  formats_table(d); /* on its own sheet; the chapter continues after it */
  doc_add_heading(d, 2, "Kommentarer");
  doc_block *bl = doc_add(d, DOC_BULLETS);
  bl->u.bullets.nitems = 2;
  bl->u.bullets.items = doc_alloc(d, 2 * sizeof(doc_inline));
  bl->u.bullets.items[0] = doc_parse_inline(d, "Merforbruk i **sykehjem**");
  bl->u.bullets.items[1] = doc_parse_inline(d, "Mindreforbruk i grunnskolen");
  doc_add_heading(d, 1, "Mål og resultat");
  doc_block *o = doc_add(d, DOC_ORIENTATION);
  o->u.orientation.landscape = 1;
  scorecard_tables(d);
  /* sheet names: forbidden characters, duplicates (also by case), "History", empty */
  doc_add_heading(d, 1, "Investeringer: drift/vedlikehold [2026] og en lang tittel");
  doc_add_paragraph(d, "Ingen investeringer i perioden.");
  doc_add_heading(d, 1, "Økonomisk status drift");
  doc_add_paragraph(d, "Samme overskrift en gang til.");
  doc_add_heading(d, 1, "ØKONOMISK STATUS DRIFT");
  doc_add_paragraph(d, "Og en tredje gang med store bokstaver.");
  doc_add_heading(d, 1, "History");
  doc_add_paragraph(d, "Excel reserverer navnet History.");
  doc_add_heading(d, 1, "");
  doc_add_paragraph(d, "Kapittel uten overskrift.");
  return d;
}

/* A document whose table breaks one limit; the render must fail naming the table. */
static void expect_error(const char *name, doc *d, const char *needle) {
  rapp_err err = {0};
  char *path = out_path(name);
  remove(path);
  int rc = xlsx_render(d, path, NULL, &err);
  CHECK_INT(rc, -1);
  if (!strstr(err.msg, needle)) {
    check_failures++;
    fprintf(stderr, "%s: error message lacks \"%s\": %s\n", name, needle, err.msg);
  }
  struct stat st;
  CHECK(stat(path, &st) != 0); /* nothing written: validation runs before the workbook exists */
  doc_free(d);
}

static doc_table *one_col_table(doc *d, const char *title, doc_col_type type) {
  doc_column c = {.title = "Verdi", .type = type, .decimals = -1};
  doc_add_heading(d, 1, "Feil");
  doc_table *t = doc_add_table(d, &c, 1);
  t->title = doc_strdup(d, title);
  return t;
}

static void error_cases(void) {
  doc *d = doc_new();
  doc_table *t = one_col_table(d, "Lang tekst", DOC_COL_TEXT);
  char *big = malloc(40000);
  memset(big, 'x', 39999);
  big[39999] = '\0';
  doc_cell_set_text(d, &doc_table_add_row(d, t, DOC_ROW_DATA)->cells[0], big);
  free(big);
  expect_error("err_long.xlsx", d, "table 'Lang tekst' (block 2), row 1, column 'Verdi'");

  d = doc_new();
  t = one_col_table(d, "Dato", DOC_COL_DATE);
  doc_cell_set_date(&doc_table_add_row(d, t, DOC_ROW_DATA)->cells[0], 20261332);
  expect_error("err_date.xlsx", d, "invalid date 20261332");

  d = doc_new();
  t = one_col_table(d, "Tall", DOC_COL_DECIMAL);
  doc_row *r = doc_table_add_row(d, t, DOC_ROW_DATA);
  r = doc_table_add_row(d, t, DOC_ROW_DATA);
  r->cells[0].kind = DOC_CELL_NUMBER; /* bypasses doc_cell_set_number on purpose */
  r->cells[0].number = NAN;
  expect_error("err_nan.xlsx", d, "table 'Tall' (block 2), row 2, column 'Verdi': a number is NaN");

  d = doc_new();
  t = one_col_table(d, "Koding", DOC_COL_TEXT);
  r = doc_table_add_row(d, t, DOC_ROW_DATA);
  r->cells[0].kind = DOC_CELL_TEXT;
  r->cells[0].text = "ugyldig \xC3\x28 UTF-8"; /* bypasses doc_strdup on purpose */
  expect_error("err_utf8.xlsx", d, "invalid UTF-8");

  d = doc_new();
  doc_add_heading(d, 1, "Bred");
  doc_column *many = calloc(16385, sizeof *many);
  for (size_t i = 0; i < 16385; i++) many[i].title = "K";
  t = doc_add_table(d, many, 16385);
  free(many);
  t->title = doc_strdup(d, "For bred");
  doc_table_add_row(d, t, DOC_ROW_DATA);
  expect_error("err_cols.xlsx", d, "16 384 columns");

  /* one error style (xl_fail): an error raised outside the table code (a missing image file)
   * names the sheet, the cell and the block as a table's does */
  d = doc_new();
  doc_add_heading(d, 1, "Bilder");
  doc_block *img = doc_add(d, DOC_IMAGE);
  img->u.image.path = doc_strdup(d, "/nonexistent-rapp-dir/bilde.png");
  img->u.image.alt = doc_strdup(d, "Et bilde");
  expect_error("err_image.xlsx", d, "XLSX: sheet 'Bilder', cell A3, block 2: image");

  /* LC_NUMERIC must be "C": libxlsxwriter would print "1234,5" into the XML */
  if (setlocale(LC_NUMERIC, "nb_NO.UTF-8")) {
    d = doc_new();
    one_col_table(d, "Lokale", DOC_COL_DECIMAL);
    expect_error("err_locale.xlsx", d, "LC_NUMERIC");
    setlocale(LC_NUMERIC, "C");
  } else {
    printf("xlsx_cases: nb_NO.UTF-8 locale not installed; LC_NUMERIC guard not exercised\n");
  }

  /* an unwritable folder: the close fails and says so */
  d = doc_new();
  one_col_table(d, "Sti", DOC_COL_TEXT);
  rapp_err err = {0};
  CHECK_INT(xlsx_render(d, "/nonexistent-rapp-dir/x.xlsx", NULL, &err), -1);
  CHECK(strstr(err.msg, "/nonexistent-rapp-dir/x.xlsx") != NULL);
  doc_free(d);
}

static int same_file(const char *a, const char *b) {
  FILE *fa = fopen(a, "rb"), *fb = fopen(b, "rb");
  int same = fa && fb;
  while (same) {
    int ca = getc(fa), cb = getc(fb);
    if (ca != cb) same = 0;
    if (ca == EOF || cb == EOF) break;
  }
  if (fa) fclose(fa);
  if (fb) fclose(fb);
  return same;
}

/* The XLSX renderer's shortcut for common cells (issue 15; xlsx_table.c's colfast) against its
 * general way: the same rows on sheet "Snarvei" as a script stores them (column-wise, no row
 * label) and on sheet "Generell" each row with a label, which sends every cell the general way
 * (the first cell is never empty, so the label shows nowhere). check_xlsx.py compares the two
 * sheets cell by cell and checks the formats of values that round to zero. */
static void fastpath_table(doc *d, const char *sheet, int general) {
  doc_column cols[] = {
      {.title = "Navn", .type = DOC_COL_TEXT, .decimals = -1, .merge_repeats = 1},
      {.title = "Desimal", .type = DOC_COL_DECIMAL, .decimals = 1},
      {.title = "Beløp", .type = DOC_COL_AMOUNT, .decimals = -1, .thousands = 1},
      {.title = "Andel", .type = DOC_COL_PERCENT, .decimals = 1},
      {.title = "Dato", .type = DOC_COL_DATE, .decimals = -1},
      {.title = "Merknad", .type = DOC_COL_TEXT, .decimals = -1},
  };
  doc_table *t = doc_add_table(d, cols, 6);
  t->title = doc_strdup(d, "Tall nær null");
  t->sheet = doc_strdup(d, sheet);
  static const struct {
    const char *name;
    double dec, amount, pct;
    int32_t date;
    const char *note;
    doc_status st_dec, st_pct;
    int own;          /* Desimal with 2 own decimals and a unit */
  } rows[] = {
      {"A", 12.34, 1234567, 12.5, 20260101, "første", DOC_STATUS_NONE, DOC_STATUS_DESIRED, 0},
      {"A", 0.04, 400, 0.04, 0, "runder til null", DOC_STATUS_NONE, DOC_STATUS_NONE, 0},
      {"A", -0.04, -499, -0.04, 20261231, NULL, DOC_STATUS_NONE, DOC_STATUS_NONE, 0},
      {"B", -0.05, -500, -0.05, 0, "minste negative", DOC_STATUS_ACCEPTABLE, DOC_STATUS_UNACCEPTABLE, 0},
      {"B", 0.05, 500, 0, 20260615, "minste positive", DOC_STATUS_NONE, DOC_STATUS_NONE, 0},
      {"C", 0, 0, -12.5, 0, "null", DOC_STATUS_NONE, DOC_STATUS_NONE, 0},
      {"C", 1e-12, -1e-12, 200, 0, "nesten null", DOC_STATUS_NONE, DOC_STATUS_NONE, 0},
      {"D", 6.431, 999999999, 99.95, 0, "egne desimaler", DOC_STATUS_DESIRED, DOC_STATUS_NONE, 1},
      {"D", -0.004, -1500, -99.96, 0, "egne desimaler", DOC_STATUS_NONE, DOC_STATUS_NONE, 1},
  };
  size_t n = sizeof rows / sizeof rows[0];
  for (size_t i = 0; i < n; i++) {
    doc_cell v[6];
    memset(v, 0, sizeof v);
    v[0].kind = DOC_CELL_TEXT;
    v[0].text = doc_intern(d, rows[i].name);
    doc_cell_set_number(&v[1], rows[i].dec);
    v[1].status = rows[i].st_dec;
    if (rows[i].own) {
      v[1].own_decimals = 1;
      v[1].decimals = 2;
      v[1].unit = doc_intern(d, "\xC2\xA0" "dager");
    }
    doc_cell_set_number(&v[2], rows[i].amount);
    doc_cell_set_number(&v[3], rows[i].pct);
    v[3].status = rows[i].st_pct;
    if (rows[i].date) doc_cell_set_date(&v[4], rows[i].date);
    if (rows[i].note) {
      v[5].kind = DOC_CELL_TEXT;
      v[5].text = doc_intern(d, rows[i].note);
    }
    if (general) {
      doc_row *r = doc_table_add_row(d, t, DOC_ROW_DATA);
      r->label = doc_strdup(d, "skjult");
      memcpy(r->cells, v, sizeof v);
    } else {
      doc_table_add_data_row(d, t);
      for (size_t c = 0; c < 6; c++) doc_table_set_cell(d, t, t->nrows - 1, c, &v[c]);
    }
  }
}

static doc *fastpath_doc(void) {
  doc *d = doc_new();
  set_meta(d);
  doc_add_heading(d, 1, "Snarvei");
  fastpath_table(d, "Snarvei", 0);
  fastpath_table(d, "Generell", 1);
  return d;
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: xlsx_cases <outdir>\n");
    return 2;
  }
  outdir = argv[1];
  mkdir(outdir, 0777);
  rapp_err err = {0};

  doc *d = economy_doc();
  unsigned long parts = xlsx_zip_parts();
  CHECK_INT(xlsx_render(d, out_path("economy.xlsx"), NULL, &err), 0);
  /* every part deflated at XLSX_ZIP_LEVEL (at least the sheets, styles and workbook parts) */
  CHECK(xlsx_zip_parts() >= parts + 5);
  if (err.msg[0]) fprintf(stderr, "%s\n", err.msg);
  /* the in-memory mode must give the same cells (check_xlsx.py compares them) */
  xlsx_options mem = {0};
  CHECK_INT(xlsx_render(d, out_path("economy_mem.xlsx"), &mem, &err), 0);
  /* reproducible: a second run a second later is byte-identical */
  struct timespec pause = {1, 200000000};
  nanosleep(&pause, NULL);
  CHECK_INT(xlsx_render(d, out_path("economy_again.xlsx"), NULL, &err), 0);
  CHECK(same_file(out_path("economy.xlsx"), out_path("economy_again.xlsx")));
  doc_free(d);

  d = fastpath_doc();
  CHECK_INT(xlsx_render(d, out_path("fastpath.xlsx"), NULL, &err), 0);
  if (err.msg[0]) fprintf(stderr, "%s\n", err.msg);
  doc_free(d);

  error_cases();
  return check_summary();
}
