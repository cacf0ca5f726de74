/* tests/pdf/pdf_gen.c — builds purpose-made documents through the doc_* API, renders each with
 * pdf_renderer into OUTDIR, and writes beside each PDF an expectation file (NAME.expect) that
 * pdfcheck.py verifies with poppler and qpdf as independent readers. Also checks, in C, that
 * rendering fails with a clear message where it must.
 *   pdf_gen OUTDIR FONTS_DIR FIXTURES_DIR */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "check.h"
#include "model/chart.h"
#include "model/doc.h"
#include "model/render.h"
#include "util/buf.h"

static const char *outdir, *fixtures;
static render_env env;

static doc *new_doc(const char *title) {
  doc *d = doc_new();
  doc_meta *m = doc_meta_of(d);
  m->title = doc_strdup(d, title);
  m->subtitle = doc_strdup(d, "Rapport til formannskapet");
  m->municipality = doc_strdup(d, "Guovdageainnu suohkan – Kautokeino kommune");
  m->subject = doc_strdup(d, "Mål- og resultatstyring");
  m->keywords = doc_strdup(d, "tertialrapport, økonomi, målekort");
  m->period_label = doc_strdup(d, "2. tertial 2026");
  m->created = 1796083200; /* 2026-12-01 00:00:00 UTC */
  m->number_headings = 1;
  return d;
}

static int render(doc *d, const char *name, FILE **expect) {
  char path[1024], epath[1024];
  snprintf(path, sizeof path, "%s/%s.pdf", outdir, name);
  rapp_err err = {0};
  int rc = pdf_renderer.render(d, path, &env, &err);
  if (rc != 0) fprintf(stderr, "%s: %s\n", name, err.msg);
  CHECK(rc == 0);
  if (expect) {
    snprintf(epath, sizeof epath, "%s/%s.expect", outdir, name);
    *expect = fopen(epath, "w");
    CHECK(*expect != NULL);
  }
  return rc;
}

static doc_block *cover(doc *d) {
  doc_block *b = doc_add(d, DOC_COVER);
  char logo[1024];
  snprintf(logo, sizeof logo, "%s/logo.png", fixtures);
  b->u.cover.logo_path = doc_strdup(d, logo);
  b->u.cover.date_text = doc_strdup(d, "Behandlet i formannskapet 15. oktober 2026");
  return b;
}

/* ---- the economy table: long, grouped, two-level header, subtotals, negatives -----------------
 */

static void economy_table(doc *d, int areas, int units_per_area) {
  doc_column cols[] = {
      {.title = "Enhet", .type = DOC_COL_TEXT},
      {.title = "Regulert budsjett",
       .group = "Hele året",
       .type = DOC_COL_AMOUNT,
       .thousands = 1,
       .sum = 1},
      {.title = "Prognose", .group = "Hele året", .type = DOC_COL_AMOUNT, .thousands = 1, .sum = 1},
      {.title = "Budsjett hittil",
       .group = "Hittil i år",
       .type = DOC_COL_AMOUNT,
       .thousands = 1,
       .sum = 1},
      {.title = "Regnskap hittil",
       .group = "Hittil i år",
       .type = DOC_COL_AMOUNT,
       .thousands = 1,
       .sum = 1},
      {.title = "Avvik hittil",
       .group = "Hittil i år",
       .type = DOC_COL_AMOUNT,
       .thousands = 1,
       .sum = 1},
      {.title = "Avvik i %", .type = DOC_COL_PERCENT, .decimals = -1},
  };
  doc_table *t = doc_add_table(d, cols, sizeof cols / sizeof cols[0]);
  t->title = doc_strdup(d, "Økonomisk status per enhet");
  t->unit_note = doc_strdup(d, "Beløp i 1 000 kr");
  t->note = doc_strdup(d, "Positivt avvik = mindreforbruk. Tallene er foreløpige.");
  int row_no = 1;
  static const char *area_names[] = {"Oppvekst og kultur", "Helse og omsorg", "Teknisk drift",
                                     "Sentraladministrasjon", "Næring og samfunn"};
  for (int a = 0; a < areas; a++) {
    doc_row *g = doc_table_add_row(d, t, DOC_ROW_GROUP);
    g->label = doc_strdup(d, area_names[a % 5]);
    size_t first = t->nrows;
    for (int u = 0; u < units_per_area; u++) {
      doc_row *r = doc_table_add_row(d, t, DOC_ROW_DATA);
      r->level = 1;
      char name[64];
      snprintf(name, sizeof name, "R%04d Enhet %s %d", row_no++, area_names[a % 5], u + 1);
      doc_cell_set_text(d, &r->cells[0], name);
      double budget = 1000000.0 * (3 + (a * 7 + u * 13) % 40);
      double actual = budget * (0.55 + ((a + u) % 9) * 0.02);
      doc_cell_set_number(&r->cells[1], budget);
      doc_cell_set_number(&r->cells[2], budget * (0.97 + ((u * 5) % 7) * 0.01));
      doc_cell_set_number(&r->cells[3], budget * 0.667);
      doc_cell_set_number(&r->cells[4], actual);
      doc_cell_set_number(&r->cells[5], budget * 0.667 - actual);
      doc_cell_set_number(&r->cells[6], (budget * 0.667 - actual) / (budget * 0.667) * 100);
    }
    doc_row *s = doc_table_add_row(d, t, DOC_ROW_SUBTOTAL);
    s->label = doc_strdup(d, "Sum område");
    s->sum_first = first;
    s->sum_count = t->nrows - 1 - first;
  }
  doc_row *tot = doc_table_add_row(d, t, DOC_ROW_TOTAL);
  tot->label = doc_strdup(d, "Sum drift");
  doc_table_compute_sums(t);
}

/* ---- the scorecard: merged focus areas, status cells ---------------------------------------- */

static void scorecard(doc *d) {
  doc_column cols[] = {
      {.title = "Fokusområde", .type = DOC_COL_TEXT, .merge_repeats = 1},
      {.title = "Måleindikator", .type = DOC_COL_TEXT},
      {.title = "Resultatkrav 1)", .type = DOC_COL_TEXT},
      {.title = "Resultat", .type = DOC_COL_DECIMAL, .decimals = 1},
  };
  doc_table *t = doc_add_table(d, cols, 4);
  t->title = doc_strdup(d, "Målekort for kommunen");
  static const struct {
    const char *area, *ind, *req;
    double v;
    doc_status st;
  } rows[] = {
      {"Medarbeidere", "Sykefravær (%)", "Ønsket ≤ 6,0 – akseptabelt ≤ 7,5", 6.4,
       DOC_STATUS_ACCEPTABLE},
      {"Medarbeidere", "Gjennomførte medarbeidersamtaler (%)", "Ønsket ≥ 90", 93.0,
       DOC_STATUS_DESIRED},
      {"Medarbeidere", "Turnover (%)", "Ønsket ≤ 8", 11.2, DOC_STATUS_UNACCEPTABLE},
      {"Økonomi", "Netto driftsresultat i % av driftsinntekter", "Ønsket ≥ 1,75", 0.4,
       DOC_STATUS_UNACCEPTABLE},
      {"Økonomi", "Avvik fra budsjett (%)", "Ønsket ≤ 0,5", 0.3, DOC_STATUS_DESIRED},
      {"Brukere", "Brukertilfredshet bedrekommune.no (1–6)", "Ønsket ≥ 5,0", 0,
       DOC_STATUS_NOT_MEASURED},
      {"Brukere", "Ventetid på tjenester (dager)", "Ikke fastsatt", 12, DOC_STATUS_NO_TARGET},
  };
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
    doc_row *r = doc_table_add_row(d, t, DOC_ROW_DATA);
    doc_cell_set_text(d, &r->cells[0], rows[i].area);
    doc_cell_set_text(d, &r->cells[1], rows[i].ind);
    doc_cell_set_text(d, &r->cells[2], rows[i].req);
    if (rows[i].st != DOC_STATUS_NOT_MEASURED) doc_cell_set_number(&r->cells[3], rows[i].v);
    r->cells[3].status = rows[i].st;
  }
  doc_block *n = doc_add(d, DOC_NOTE);
  n->u.note.marker = doc_strdup(d, "1)");
  n->u.note.text =
      doc_parse_inline(d, "Resultatkrav er vedtatt i *handlingsprogrammet 2026–2029*.");
}

static void keyfigures(doc *d) {
  doc_block *b = doc_add(d, DOC_KEYFIGURES);
  b->u.keyfigures.nitems = 4;
  doc_keyfigure *k = doc_alloc(d, 4 * sizeof *k);
  b->u.keyfigures.items = k;
  k[0] = (doc_keyfigure){.label = doc_strdup(d, "Prognoseavvik"),
                         .type = DOC_COL_AMOUNT,
                         .thousands = 1,
                         .decimals = -1,
                         .comparison = doc_strdup(d, "Beløp i 1 000 kr")};
  doc_cell_set_number(&k[0].value, -12500000);
  k[0].value.status = DOC_STATUS_UNACCEPTABLE;
  k[1] = (doc_keyfigure){.label = doc_strdup(d, "Sykefravær"),
                         .type = DOC_COL_PERCENT,
                         .decimals = 1,
                         .comparison = doc_strdup(d, "Mål: 6,0 %")};
  doc_cell_set_number(&k[1].value, 6.4);
  k[1].value.status = DOC_STATUS_ACCEPTABLE;
  k[2] = (doc_keyfigure){.label = doc_strdup(d, "Netto driftsresultat"),
                         .type = DOC_COL_PERCENT,
                         .decimals = 2,
                         .comparison = doc_strdup(d, "Fjorår: 1,20 %")};
  doc_cell_set_number(&k[2].value, 1.9);
  k[2].value.status = DOC_STATUS_DESIRED;
  k[3] = (doc_keyfigure){.label = doc_strdup(d, "Årsverk"),
                         .type = DOC_COL_DECIMAL,
                         .decimals = 1,
                         .comparison = doc_strdup(d, "Fjorår: 1 204,5")};
  doc_cell_set_number(&k[3].value, 1187.3);
}

static void bullets(doc *d, const char **items, size_t n) {
  doc_block *b = doc_add(d, DOC_BULLETS);
  b->u.bullets.items = doc_alloc(d, n * sizeof *b->u.bullets.items);
  b->u.bullets.nitems = n;
  for (size_t i = 0; i < n; i++) b->u.bullets.items[i] = doc_parse_inline(d, items[i]);
}

static doc *build_report(void) {
  doc *d = new_doc("Tertialrapport 2. tertial 2026");
  cover(d);
  doc_add(d, DOC_TOC);
  doc_add_heading(d, 1, "Sammendrag og kommunedirektørens vurdering");
  doc_add_paragraph(d,
                    "Kommunen har per 31.08.2026 et **merforbruk** på 12,5 mill. kr. "
                    "Prognosen for året viser et *mindreforbruk* i sentrale inntekter, men "
                    "***betydelige utfordringer*** innen helse og omsorg.");
  keyfigures(d);
  static const char *items[] = {
      "Kommunestyret tar tertialrapporten til orientering.",
      "Budsjettjusteringer som vist i **tabell 3** vedtas.",
      "Rådmannen bes legge fram en *tiltaksplan* for helse og omsorg innen 1. desember."};
  bullets(d, items, 3);
  doc_add_heading(d, 1, "Økonomisk status drift");
  doc_add_heading(d, 2, "Drift per rammeområde");
  doc_add_paragraph(d, "Tabellen viser regulert budsjett, prognose og avvik per enhet.");
  economy_table(d, 5, 24);
  doc_add_heading(d, 2, "Sentrale inntekter og finans");
  for (int i = 0; i < 4; i++)
    doc_add_paragraph(d,
                      "Skatteinngangen er lavere enn budsjettert. Rammetilskuddet følger "
                      "statsbudsjettet, og finansinntektene er i tråd med forventningene. "
                      "Renteutgiftene er høyere enn lagt til grunn på grunn av renteøkningen.");
  doc_add_heading(d, 2, "Sykefravær");
  static const char *const months[] = {"jan", "feb", "mar", "apr", "mai", "jun", "jul", "aug"};
  doc_chart *chart = doc_add_chart(d, DOC_CHART_COLUMN, "Sykefravær per måned", months, 8);
  static const double v26[] = {7.1, 7.4, 6.8, 6.2, 5.9, 5.1, 4.2, 6.0},
                      v25[] = {6.9, 7.0, 6.5, 6.4, 6.1, 5.5, 4.8, 6.3};
  doc_chart_add_series(d, chart, "2026", v26, 8);
  doc_chart_add_series(d, chart, "2025", v25, 8);
  doc_chart_add_line(d, chart, 6.0, "Mål 6,0 %");
  chart->value_type = DOC_COL_PERCENT;
  chart->decimals = 1;
  chart->show_table = 1;
  rapp_err cerr = {0};
  CHECK(doc_chart_finish(d, chart, &cerr) == 0);
  doc_add_heading(d, 1, "Mål og resultat");
  doc_add_heading(d, 2, "Målekort");
  scorecard(d);
  for (int ch = 0; ch < 6; ch++) {
    char h[128];
    snprintf(h, sizeof h, "Tjenesteområde %d: oppfølging av politiske vedtak og internkontroll",
             ch + 1);
    doc_add_heading(d, 1, h);
    for (int s = 0; s < 3; s++) {
      snprintf(h, sizeof h, "Delmål %d.%d", ch + 1, s + 1);
      doc_add_heading(d, 2, h);
      if (s == 1) doc_add_heading(d, 3, "Tiltak og vurdering");
      doc_add_paragraph(d,
                        "Enheten har gjennomført tiltakene som planlagt. Det er ikke registrert "
                        "avvik av betydning i perioden, og brukertilfredsheten er stabil.");
    }
  }
  doc_block *o = doc_add(d, DOC_ORIENTATION);
  o->u.orientation.landscape = 1;
  doc_add_heading(d, 1, "Vedlegg: investeringer (liggende)");
  doc_column cols[] = {
      {.title = "Prosjektnr", .type = DOC_COL_TEXT},
      {.title = "Prosjekt", .type = DOC_COL_TEXT},
      {.title = "Vedtatt kostnadsramme", .type = DOC_COL_AMOUNT, .thousands = 1},
      {.title = "Budsjett i år", .type = DOC_COL_AMOUNT, .thousands = 1},
      {.title = "Regnskap hittil", .type = DOC_COL_AMOUNT, .thousands = 1},
      {.title = "Akkumulert", .type = DOC_COL_AMOUNT, .thousands = 1},
      {.title = "Prognose sluttkostnad", .type = DOC_COL_AMOUNT, .thousands = 1},
      {.title = "Avvik", .type = DOC_COL_AMOUNT, .thousands = 1},
      {.title = "Planlagt ferdig", .type = DOC_COL_DATE},
      {.title = "Status", .type = DOC_COL_TEXT},
  };
  doc_table *t = doc_add_table(d, cols, 10);
  t->title = doc_strdup(d, "Investeringsprosjekter");
  t->unit_note = doc_strdup(d, "Beløp i 1 000 kr");
  for (int i = 0; i < 12; i++) {
    doc_row *r = doc_table_add_row(d, t, DOC_ROW_DATA);
    char s[64];
    snprintf(s, sizeof s, "P%04d", 1000 + i * 7);
    doc_cell_set_text(d, &r->cells[0], s);
    doc_cell_set_text(d, &r->cells[1],
                      i % 3 ? "Rehabilitering av Kautokeino skole" : "Ny omsorgsbolig Máze");
    for (int j = 2; j < 8; j++)
      doc_cell_set_number(&r->cells[j], (j == 7 ? -1 : 1) * 1e6 * (i + j));
    doc_cell_set_date(&r->cells[8], 20271228 - (i % 12) * 100);
    doc_cell_set_text(d, &r->cells[9], i % 4 ? "Under arbeid" : "Forsinket");
  }
  o = doc_add(d, DOC_ORIENTATION);
  o->u.orientation.landscape = 0;
  doc_add_heading(d, 1, "Bilde");
  doc_block *img = doc_add(d, DOC_IMAGE);
  char logo[1024];
  snprintf(logo, sizeof logo, "%s/logo.png", fixtures);
  img->u.image.path = doc_strdup(d, logo);
  img->u.image.width_mm = 60;
  img->u.image.alt = doc_strdup(d, "Kommunevåpen");
  doc_add_paragraph(d, "*Figur 1: Kommunevåpenet (testbilde).*");
  return d;
}

static void report(void) {
  doc *d = build_report();
  FILE *e;
  if (render(d, "rapport", &e) == 0 && e) {
    fprintf(e, "cover\n");
    fprintf(e, "toc\n");
    fprintf(e, "bookmarks %zu\n", doc_nheadings(d));
    fprintf(e, "sequence R%%04d 1 120\n");
    fprintf(e, "header_with ^R\\d{4} Regulert\n");
    fprintf(e, "header_with ^R\\d{4} Hittil i år\n");
    fprintf(e, "header_with ^P1\\d{3} Prosjektnr\n");
    fprintf(e, "landscape_with Prosjektnr\n");
    fprintf(e, "text Sum drift\n");
    fprintf(e, "text Sykefravær per måned\n");
    fprintf(e,
            "followed_by ^(Oppvekst og kultur|Helse og omsorg|Teknisk "
            "drift|Sentraladministrasjon|Næring og samfunn)$ ^R\\d{4}\n");
    fprintf(e, "bookmarks_top 11\n");
    fprintf(e, "lang nb-NO\n");
    fprintf(e, "count Medarbeidere 1\n"); /* merge_repeats: one focus area, three rows */
    fprintf(e, "count Økonomi 1\n");
    fprintf(e, "text ▲ Akseptabelt resultat\n");
    fprintf(e, "text ■ 0,4\n");
    fprintf(e, "text −12 500\n");
    fprintf(e, "info Title Tertialrapport 2. tertial 2026\n");
    fprintf(e, "info Author Guovdageainnu suohkan – Kautokeino kommune\n");
    fprintf(e, "info Creator Rapp\n");
    fclose(e);
  }
  doc_free(d);
}

/* ---- language: Norwegian and Sámi round trip, replacement of what cannot be drawn -------------
 */

static void language(void) {
  doc *d = new_doc("Språktest – sámegiella");
  static const char *lines[] = {
      "Ærlig øl på Åndalsnes: æøå ÆØÅ é ü «sitat» – tankestrek … 10 000 kr",
      "Davvisámegiella: Á á Č č Đ đ Ŋ ŋ Š š Ŧ ŧ Ž ž",
      "Åarjelsaemien gïele: Ï ï – Åarjel-saepmie",
      "Guovdageainnu suohkan ja Kárášjoga gielda",
      "Minus −1 234,5 og prosent 12,5 %",
  };
  doc_add_heading(d, 1, "Sámegiella ja dárogiella");
  for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) doc_add_paragraph(d, lines[i]);
  doc_add_paragraph(d, "Utenfor BMP: [\xF0\x9F\x98\x80] og uten glyf: [\xE4\xB8\xAD]");
  doc_add_paragraph(d, "Ugyldig UTF-8: [\xC3\x28]");
  FILE *e;
  if (render(d, "sprak", &e) == 0 && e) {
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) fprintf(e, "line %s\n", lines[i]);
    fprintf(e, "line Utenfor BMP: [?] og uten glyf: [?]\n");
    fprintf(e, "line Ugyldig UTF-8: [?(]\n");
    fprintf(e, "pages 1\n");
    fprintf(e, "info Title Språktest – sámegiella\n");
    fclose(e);
  }
  doc_free(d);
}

/* ---- narrow columns, long words and URLs, a cell taller than a page ------------------------- */

static void tall(void) {
  doc *d = new_doc("Lange celler");
  doc_add_heading(d, 1, "Smale kolonner");
  doc_column cols[] = {
      {.title = "Nr", .type = DOC_COL_INTEGER, .width_mm = 12},
      {.title = "Lenke", .type = DOC_COL_TEXT, .width_mm = 30},
      {.title = "Beskrivelse", .type = DOC_COL_TEXT},
      {.title = "Beløp", .type = DOC_COL_AMOUNT},
  };
  doc_table *t = doc_add_table(d, cols, 4);
  t->title = doc_strdup(d, "Tabell med lange ord");
  rapp_buf long_text = {0};
  for (int i = 0; i < 400; i++)
    buf_printf(&long_text, "Linje%03d er en del av en svært lang celle. ", i);
  for (int i = 0; i < 6; i++) {
    doc_row *r = doc_table_add_row(d, t, DOC_ROW_DATA);
    doc_cell_set_number(&r->cells[0], i + 1);
    doc_cell_set_text(d, &r->cells[1],
                      "https://www.bedrekommune.no/bk/rapporter/kautokeino/2026/"
                      "brukerundersokelse-helse-og-omsorg?side=3&visning=alle");
    doc_cell_set_text(d, &r->cells[2],
                      i == 2
                          ? buf_str(&long_text)
                          : "Donaudampfschifffahrtsgesellschaftskapitänsmützenabzeichenhersteller");
    doc_cell_set_number(&r->cells[3], -123456789.0 * (i + 1));
  }
  buf_free(&long_text);
  /* A paragraph that breaks over a page (orphan and widow control, nothing lost). */
  doc_add_heading(d, 1, "Lang tekst");
  rapp_buf para = {0};
  for (int i = 0; i < 300; i++)
    buf_printf(&para, "Setning%03d handler om *budsjett* og **regnskap** i kommunen. ", i);
  doc_add_paragraph(d, buf_str(&para));
  buf_free(&para);
  FILE *e;
  if (render(d, "lange", &e) == 0 && e) {
    fprintf(e, "sequence Setning%%03d 0 299\n");
    fprintf(e, "header_with ^Linje\\d{3} Beskrivelse\n");
    fprintf(e, "sequence Linje%%03d 0 399\n");
    fprintf(e, "min_pages 4\n");
    fclose(e);
  }
  doc_free(d);
}

/* ---- keep with next: a heading, its short introduction and the start of a table ------------
 * Sections that start further and further down the page (one more line of filler each), so that
 * one of them lands where heading and introduction fit but the table's start does not: the
 * heading must then go to the next page with them. Also a key-figure block, a chart, and a
 * longer introduction (then only the heading and two lines of it stay together). */

static void small_table(doc *d, int k) {
  doc_column cols[] = {
      {.title = "Rammeområde", .type = DOC_COL_TEXT},
      {.title = "Budsjett", .type = DOC_COL_AMOUNT, .thousands = 1},
      {.title = "Avvik", .type = DOC_COL_AMOUNT, .thousands = 1, .mark_negative = 1},
  };
  doc_table *t = doc_add_table(d, cols, 3);
  char title[64];
  snprintf(title, sizeof title, "Tabell for seksjon %d", k);
  t->title = doc_strdup(d, title);
  static const char *names[] = {"Oppvekst", "Helse og omsorg", "Sentrale inntekter og finans"};
  for (int i = 0; i < 3; i++) {
    doc_row *r = doc_table_add_row(d, t, DOC_ROW_DATA);
    doc_cell_set_text(d, &r->cells[0], names[i]);
    doc_cell_set_number(&r->cells[1], i == 2 ? -1853963000.0 : 1e6 * (100 + i));
    doc_cell_set_number(&r->cells[2], i == 1 ? -21172000.0 : 1e6 * i);
  }
}

static void keep(void) {
  doc *d = new_doc("Hold sammen");
  doc_add(d, DOC_TOC);
  static const char *const intro =
      "Tabellen viser budsjett og avvik per rammeområde. Positive avvik er mindreforbruk, "
      "negative avvik er merforbruk.";
  for (int k = 1; k <= 14; k++) {
    doc_add(d, DOC_PAGEBREAK);
    char h[64];
    snprintf(h, sizeof h, "Fyll %d", k);
    doc_add_heading(d, 1, h);
    for (int i = 0; i < 24 + k; i++) doc_add_paragraph(d, "Fylltekst på én linje.");
    snprintf(h, sizeof h, "Seksjon %d med tabell", k);
    doc_add_heading(d, 2, h);
    doc_add_paragraph(d, intro);
    if (k % 2) doc_add_paragraph(d, "Tallene er foreløpige.");
    small_table(d, k);
  }
  /* Key figures and a chart after a short introduction, at the same positions. */
  for (int k = 1; k <= 12; k++) {
    doc_add(d, DOC_PAGEBREAK);
    for (int i = 0; i < 26 + k; i++) doc_add_paragraph(d, "Fylltekst på én linje.");
    char h[64];
    snprintf(h, sizeof h, "Nøkkeltall %d", k);
    doc_add_heading(d, 2, h);
    doc_add_paragraph(d, "Nøkkeltallene for perioden.");
    keyfigures(d);
  }
  for (int k = 1; k <= 10; k++) {
    doc_add(d, DOC_PAGEBREAK);
    for (int i = 0; i < 12 + 2 * k; i++) doc_add_paragraph(d, "Fylltekst på én linje.");
    char h[64];
    snprintf(h, sizeof h, "Diagram %d", k);
    doc_add_heading(d, 2, h);
    doc_add_paragraph(d, "Diagrammet viser sykefraværet per måned.");
    static const char *const months[] = {"jan", "feb", "mar", "apr"};
    static const double v[] = {7.1, 7.4, 6.8, 6.2};
    snprintf(h, sizeof h, "Sykefravær %d", k);
    doc_chart *chart = doc_add_chart(d, DOC_CHART_COLUMN, h, months, 4);
    doc_chart_add_series(d, chart, "2026", v, 4);
    rapp_err cerr = {0};
    CHECK(doc_chart_finish(d, chart, &cerr) == 0);
  }
  /* A long introduction is ordinary text: the heading keeps two lines of it only. */
  doc_add(d, DOC_PAGEBREAK);
  for (int i = 0; i < 30; i++) doc_add_paragraph(d, "Fylltekst på én linje.");
  doc_add_heading(d, 2, "Lang innledning");
  rapp_buf para = {0};
  for (int i = 0; i < 12; i++)
    buf_printf(&para, "Innledningen%02d er lang nok til å gå over flere linjer. ", i);
  doc_add_paragraph(d, buf_str(&para));
  buf_free(&para);
  small_table(d, 99);
  FILE *e;
  if (render(d, "hold", &e) == 0 && e) {
    fprintf(e, "toc\n");
    for (int k = 1; k <= 14; k++)
      fprintf(e, "together Seksjon %d med tabell => Tabell for seksjon %d\n", k, k);
    for (int k = 1; k <= 12; k++) fprintf(e, "together Nøkkeltall %d => Prognoseavvik\n", k);
    for (int k = 1; k <= 10; k++) fprintf(e, "together Diagram %d => Sykefravær %d\n", k, k);
    fprintf(e, "together Lang innledning => Innledningen00\n");
    fclose(e);
  }
  doc_free(d);
}

/* ---- column widths when the longest words do not all fit (portrait scorecard) --------------
 * Målemetode and Ansvarlig hold long single words; Hovedmål and Måleindikator running text. The
 * running text gives up width first, so the labels' words stay whole. */
static void narrow(void) {
  doc *d = new_doc("Smale kolonner");
  doc_add_heading(d, 1, "Målekort på stående side");
  doc_column cols[] = {
      {.title = "Hovedmål", .type = DOC_COL_TEXT, .merge_repeats = 1},
      {.title = "Måleindikator", .type = DOC_COL_TEXT},
      {.title = "Målemetode", .type = DOC_COL_TEXT},
      {.title = "Ansvarlig", .type = DOC_COL_TEXT},
      {.title = "Ønsket", .type = DOC_COL_TEXT, .align = DOC_ALIGN_RIGHT},
      {.title = "Resultat", .type = DOC_COL_DECIMAL, .decimals = 1},
      {.title = "Avvik", .type = DOC_COL_DECIMAL, .decimals = 1, .mark_negative = 1},
      {.title = "Trend", .type = DOC_COL_TEXT},
  };
  doc_table *t = doc_add_table(d, cols, 8);
  t->title = doc_strdup(d, "Målekort med lange ord");
  static const struct {
    const char *goal, *ind, *method, *resp;
  } rows[] = {
      {"Innbyggere som aktivt deltar i utviklingen av lokalsamfunnet",
       "Innbyggerinitiativ behandlet innen seks måneder", "Rapport fra sak/arkiv (ePhorte)",
       "kommunedirektør"},
      {"Motiverte og kompetente medarbeidere", "10-FAKTOR: Mestringsorientert ledelse",
       "10-FAKTOR medarbeiderundersøkelse", "personalsjef"},
      {"Motiverte og kompetente medarbeidere", "10-FAKTOR: Relevant kompetanseutvikling",
       "10-FAKTOR medarbeiderundersøkelse", "kommunedirektør"},
      {"Gode og likeverdige tjenester til innbyggerne i hele kommunen",
       "Brukertilfredshet i hjemmetjenesten, samlet score", "Brukerundersøkelse (bedrekommune.no)",
       "kommunalsjef helse og omsorg"},
  };
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
    doc_row *r = doc_table_add_row(d, t, DOC_ROW_DATA);
    doc_cell_set_text(d, &r->cells[0], rows[i].goal);
    doc_cell_set_text(d, &r->cells[1], rows[i].ind);
    doc_cell_set_text(d, &r->cells[2], rows[i].method);
    doc_cell_set_text(d, &r->cells[3], rows[i].resp);
    doc_cell_set_text(d, &r->cells[4], "≥ 4,4");
    doc_cell_set_number(&r->cells[5], 4.25 + (double)i);
    r->cells[5].own_decimals = i == 1;
    r->cells[5].decimals = 2;
    r->cells[5].status = i == 2 ? DOC_STATUS_UNACCEPTABLE : DOC_STATUS_DESIRED;
    doc_cell_set_number(&r->cells[6], -0.4 + (double)i * 0.3);
    doc_cell_set_text(d, &r->cells[7], i % 2 ? "↓ Svakere" : "→ Uendret");
  }
  FILE *e;
  if (render(d, "smale", &e) == 0 && e) {
    fprintf(e, "count medarbeiderundersøkelse 2\n");
    fprintf(e, "count kommunedirektør 2\n");
    fprintf(e, "text ● 5,25\n"); /* own decimals beat the column's */
    fprintf(e, "text ■ 6,3\n");
    fprintf(e, "pages 1\n");
    fclose(e);
  }
  doc_free(d);
}

static void empty(void) {
  doc *d = doc_new();
  FILE *e;
  if (render(d, "tom", &e) == 0 && e) {
    fprintf(e, "pages 1\n");
    fclose(e);
  }
  doc_free(d);
}

static void failures(void) {
  char path[1024];
  snprintf(path, sizeof path, "%s/mangler.pdf", outdir);
  doc *d = new_doc("Feil");
  doc_block *img = doc_add(d, DOC_IMAGE);
  img->u.image.path = doc_strdup(d, "/finnes/ikke/logo.png");
  rapp_err err = {0};
  CHECK_INT(pdf_renderer.render(d, path, &env, &err), -1);
  CHECK(strstr(err.msg, "/finnes/ikke/logo.png") != NULL);
  struct stat st;
  CHECK(stat(path, &st) != 0); /* no output file left behind */
  doc_free(d);

  d = new_doc("Feil");
  doc_add_paragraph(d, "x");
  render_env bad = {.fonts_dir = "/finnes/ikke"};
  CHECK_INT(pdf_renderer.render(d, path, &bad, &err), -1);
  CHECK(strstr(err.msg, "/finnes/ikke/LiberationSans") != NULL);
  doc_free(d);

  d = new_doc("Feil");
  doc_add_paragraph(d, "x");
  CHECK_INT(pdf_renderer.render(d, "/finnes/ikke/ut.pdf", &env, &err), -1);
  CHECK(strstr(err.msg, "/finnes/ikke/ut.pdf") != NULL);
  doc_free(d);
}

int main(int argc, char **argv) {
  if (argc != 4) {
    fprintf(stderr, "usage: pdf_gen OUTDIR FONTS_DIR FIXTURES_DIR\n");
    return 2;
  }
  outdir = argv[1];
  env.fonts_dir = argv[2];
  fixtures = argv[3];
  mkdir(outdir, 0777);
  report();
  language();
  tall();
  keep();
  narrow();
  empty();
  failures();
  /* Reproducibility: the same document built twice renders to the same bytes. */
  doc *a = build_report(), *b = build_report();
  render(a, "repro_a", NULL);
  render(b, "repro_b", NULL);
  doc_free(a);
  doc_free(b);
  return check_summary();
}
