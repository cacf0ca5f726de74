/* Unit tests of model/present: the resolved cell (rounding to zero, units, own text, status
 * words), THE merge rule (integer columns merge like text), the default unit note, the model's
 * sums, and Oslo local time (util/localtime). */
#include <math.h>
#include <string.h>

#include "check.h"
#include "model/doc.h"
#include "model/present.h"
#include "util/localtime.h"
#include "util/nofmt.h"

#define NB "\xC2\xA0"
#define MINUS "\xE2\x88\x92"

/* The resolved number (present.c's fast path) against nofmt itself, the reference: text, shown
 * value (bit for bit), zero and negative, over ties, near-ties, tiny, huge and random values. */
static void check_fast_numbers(void) {
  static const double edge[] = {0,       0.5,        1.5,       2.5,        -0.5,   2.675,     1.005,
                                0.125,   -0.125,     0.049999,  0.05,       -0.05,  -0.06,     999.5,
                                999999.5, 1234567.891, -199.3,  0.31,       1e11,   123456789012.5,
                                4.5e12,  -4.5e15,    1e-300,    0.1 + 0.2,  1.0 / 3, 2.0 / 3, 1e9 + 0.5,
                                1234500, 1234499,    -1234500,  99999999.995, 0.0049999999999999};
  static const doc_col_type types[] = {DOC_COL_INTEGER, DOC_COL_DECIMAL, DOC_COL_AMOUNT, DOC_COL_PERCENT};
  unsigned long long seed = 12345;
  int bad = 0;
  for (int i = 0; i < 12000 && bad < 5; i++) {
    double v;
    if (i < (int)(sizeof edge / sizeof *edge) * 8) {
      v = edge[i / 8] * ((i & 1) ? -1 : 1);
    } else {
      seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
      long long r = (long long)(seed >> 20) % 200000000000LL - 100000000000LL;
      int scale = (int)((seed >> 8) % 12);
      v = (double)r / pow(10, scale);
      if ((seed >> 4) % 7 == 0) v = (double)(r % 100000) + 0.5 / pow(10, (int)(seed % 6)); /* ties */
    }
    for (int t = 0; t < 4; t++)
      for (int dec = 0; dec <= 9; dec++)
        for (int th = 0; th < 2; th++) {
          doc_column col = {.type = types[t], .decimals = dec, .thousands = th};
          doc_cell cell = {.kind = DOC_CELL_NUMBER, .number = v};
          present_cell pc;
          present_value(&col, &cell, &pc);
          int d2 = types[t] == DOC_COL_INTEGER ? 0 : dec;
          double raw = types[t] == DOC_COL_AMOUNT && th ? v / 1000.0 : v;
          double shown = nofmt_round(raw, d2);
          int zero = shown == 0;
          char want[256];
          if (types[t] == DOC_COL_PERCENT)
            nofmt_percent(want, sizeof want, zero ? 0.0 : shown, d2);
          else
            nofmt_number(want, sizeof want, zero ? 0.0 : shown, d2);
          if (strcmp(pc.text, want) != 0 || pc.zero != zero ||
              memcmp(&pc.shown, &(double){zero ? 0.0 : shown}, sizeof shown) != 0 ||
              pc.negative != (!zero && v < 0)) {
            fprintf(stderr, "value %.17g type %d dec %d thousands %d: '%s' (%.17g), nofmt '%s' (%.17g)\n",
                    v, (int)types[t], dec, th, pc.text, pc.shown, want, shown);
            bad++;
          }
        }
  }
  CHECK_INT(bad, 0);
}

/* A 0 share in a percent column (0 decimals, as the owner tables print it): "0 %" on both
 * paths (the fast one and nofmt's), with the no-break space and no minus. */
static void check_zero_percent(void) {
  static const double zeros[] = {0, -0.0, 0.4, -0.4, 1e-300};
  for (size_t i = 0; i < sizeof zeros / sizeof *zeros; i++) {
    doc_column col = {.type = DOC_COL_PERCENT, .decimals = 0};
    doc_cell cell = {.kind = DOC_CELL_NUMBER, .number = zeros[i]};
    present_cell pc;
    present_value(&col, &cell, &pc);
    CHECK_STR(pc.text, "0" NB "%");
    CHECK_INT(pc.zero, 1);
    CHECK_INT(pc.negative, 0);
  }
  doc_column col = {.type = DOC_COL_PERCENT, .decimals = 1};
  doc_cell cell = {.kind = DOC_CELL_NUMBER, .number = 0};
  present_cell pc;
  present_value(&col, &cell, &pc);
  CHECK_STR(pc.text, "0,0" NB "%");
}

/* present_number (fmt.number, fmt.percent, the text dump) writes nofmt's very bytes, near ties,
 * huge, tiny, negative and non-finite values included. */
static void check_present_number(void) {
  static const double v[] = {0, -0.0, 0.5, -0.5, 2.675, 1.005, -0.04, 0.049999, 999999.5, -1234567.891,
                             1e11, 123456789012.5, -4.5e15, 1e300, 1e-300, 1.0 / 3, 99999999.995,
                             12.25, -199.35, NAN, INFINITY, -INFINITY};
  unsigned long long seed = 777;
  int bad = 0;
  for (int i = 0; i < 4000 && bad < 5; i++) {
    double x;
    if (i < (int)(sizeof v / sizeof *v)) {
      x = v[i];
    } else {
      seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
      x = (double)((long long)(seed >> 24) % 2000000000LL - 1000000000LL) / pow(10, (int)((seed >> 4) % 10));
    }
    for (int dec = 0; dec <= 9; dec++)
      for (int pct = 0; pct < 2; pct++) {
        char got[128], want[128];
        present_number(got, sizeof got, x, dec, pct);
        if (pct)
          nofmt_percent(want, sizeof want, x, dec);
        else
          nofmt_number(want, sizeof want, x, dec);
        if (strcmp(got, want) != 0) {
          fprintf(stderr, "present_number(%.17g, %d, %d) = '%s', nofmt '%s'\n", x, dec, pct, got, want);
          bad++;
        }
      }
  }
  CHECK(bad == 0);
}

int main(void) {
  check_fast_numbers();
  check_present_number();
  check_zero_percent();
  doc *d = doc_new();
  doc_column cols[] = {
      {.title = "Område", .type = DOC_COL_TEXT, .decimals = -1, .merge_repeats = 1},
      {.title = "Antall", .type = DOC_COL_INTEGER, .decimals = -1, .merge_repeats = 1, .sum = 1},
      {.title = "Beløp", .type = DOC_COL_AMOUNT, .decimals = -1, .thousands = 1, .sum = 1},
      {.title = "Andel", .type = DOC_COL_PERCENT, .decimals = 1},
      {.title = "Resultat", .type = DOC_COL_DECIMAL, .decimals = 0},
  };
  doc_table *t = doc_add_table(d, cols, 5);
  CHECK_STR(present_unit_note(t, NULL), "Beløp i 1" NB "000 kr"); /* the default, once */
  static const struct {
    const char *area;
    double n, amount, share;
  } rows[] = {
      {"Oppvekst", 3, -32, -0.04},    /* −32 kr in 1 000 kr and −0,04 % round to zero */
      {"Oppvekst", 3, 1234567, 12.5}, /* the integer 3 repeats: merged like the text */
      {"Helse", 3, -1500, -0.06},     /* a new area: the 3 shows again (the run is per column) */
  };
  for (size_t i = 0; i < 3; i++) {
    doc_row *r = doc_table_add_row(d, t, DOC_ROW_DATA);
    doc_cell_set_text(d, &r->cells[0], rows[i].area);
    doc_cell_set_number(&r->cells[1], rows[i].n);
    doc_cell_set_number(&r->cells[2], rows[i].amount);
    doc_cell_set_number(&r->cells[3], rows[i].share);
  }
  /* value + unit; a text that replaces the value; a status word as text */
  doc_cell_set_number(&t->rows[0].cells[4], 7.63);
  t->rows[0].cells[4].own_decimals = 1;
  t->rows[0].cells[4].decimals = 1;
  t->rows[0].cells[4].unit = NB "%";
  t->rows[0].cells[4].status = DOC_STATUS_ACCEPTABLE;
  doc_cell_set_number(&t->rows[1].cells[4], 5.1);
  t->rows[1].cells[4].text = "5,1 av 6";
  doc_cell_set_text(d, &t->rows[2].cells[4], "Ikke målt");
  t->rows[2].cells[4].status = DOC_STATUS_NOT_MEASURED;
  doc_row *sub = doc_table_add_row(d, t, DOC_ROW_SUBTOTAL);
  sub->label = "Sum Oppvekst";
  sub->sum_first = 0;
  sub->sum_count = 2;
  doc_row *tot = doc_table_add_row(d, t, DOC_ROW_TOTAL);
  tot->label = "Sum";
  doc_table_compute_sums(t);

  present_cell pc;
  /* rounding to zero: "0", never "−0" or "−0,0 %" */
  present_table_cell(t, 0, 2, &pc);
  CHECK_STR(pc.text, "0");
  CHECK_INT(pc.zero, 1);
  CHECK_INT(pc.negative, 0);
  CHECK(pc.value == -32);
  CHECK(pc.shown == 0 && !signbit(pc.shown));
  present_table_cell(t, 0, 3, &pc);
  CHECK_STR(pc.text, "0,0" NB "%");
  CHECK_INT(pc.zero, 1);
  CHECK_INT(pc.decimals, 1);
  present_table_cell(t, 2, 3, &pc); /* −0,06 rounds to −0,1: negative, not zero */
  CHECK_STR(pc.text, MINUS "0,1" NB "%");
  CHECK_INT(pc.zero, 0);
  CHECK_INT(pc.negative, 1);
  present_table_cell(t, 2, 2, &pc);
  CHECK_STR(pc.text, MINUS "2"); /* −1 500 kr = −1,5 -> −2 (half away from zero) */
  CHECK_INT(pc.negative, 1);
  CHECK(pc.shown == -2);
  present_table_cell(t, 1, 2, &pc);
  CHECK_STR(pc.text, "1" NB "235");
  CHECK(pc.value == 1234567);

  /* units, own text, statuses */
  present_table_cell(t, 0, 4, &pc);
  CHECK_STR(pc.text, "7,6" NB "%");
  CHECK_STR(pc.unit, NB "%");
  CHECK_INT(pc.decimals, 1);
  CHECK_INT(pc.own_text, 0);
  CHECK_INT(pc.status, DOC_STATUS_ACCEPTABLE);
  present_table_cell(t, 1, 4, &pc);
  CHECK_STR(pc.text, "5,1 av 6");
  CHECK_INT(pc.own_text, 1);
  CHECK_STR(pc.unit, "");
  present_table_cell(t, 2, 4, &pc);
  CHECK_INT(pc.text_is_status, 1);
  char buf[64];
  CHECK_STR(present_status_text(DOC_STATUS_NOT_MEASURED, "nb", buf, sizeof buf), "○ Ikke målt");
  CHECK_STR(present_status_text(DOC_STATUS_NOT_MEASURED, "nn", buf, sizeof buf), "○ Ikkje målt");
  CHECK_STR(present_status_text(DOC_STATUS_NONE, "nb", buf, sizeof buf), "");
  CHECK_STR(present_status_codes(), "desired, acceptable, unacceptable, not_measured, no_target");
  CHECK_INT(doc_status_from_code("unacceptable"), DOC_STATUS_UNACCEPTABLE);
  CHECK_STR(doc_status_label(DOC_STATUS_DESIRED), "Ønsket resultat");

  /* THE merge rule: text and integer columns alike, DATA rows only */
  CHECK_INT(present_repeats(t, 1, 0), 1);
  CHECK_INT(present_repeats(t, 1, 1), 1); /* the integer column merges too */
  CHECK_INT(present_repeats(t, 2, 0), 0);
  CHECK_INT(present_repeats(t, 2, 1), 1); /* 3 below 3, even in another area: same text */
  CHECK_INT(present_repeats(t, 1, 2), 0); /* a column without merge_repeats */
  CHECK_INT((long)present_run(t, 0, 0), 2);
  CHECK_INT((long)present_run(t, 0, 1), 3);
  CHECK_INT((long)present_run(t, 0, 2), 1);
  present_table_cell(t, 0, 1, &pc);
  CHECK_INT((long)pc.run, 3);
  CHECK_INT(pc.repeat, 0);
  present_table_cell(t, 1, 1, &pc);
  CHECK_INT((long)pc.run, 0);
  CHECK_INT(pc.repeat, 1);
  CHECK_INT(present_repeats(t, 3, 1), 0); /* a subtotal never repeats a data row */

  /* sums computed once in the model; labels */
  present_table_cell(t, 3, 2, &pc);
  CHECK(pc.value == 1234567 - 32);
  CHECK_STR(pc.text, "1" NB "235");
  present_table_cell(t, 4, 1, &pc);
  CHECK(pc.value == 9);
  CHECK_STR(pc.text, "9");
  CHECK(present_range_sum(t, 2, 0, 5) == 1234567 - 32 - 1500);
  present_table_cell(t, 3, 0, &pc);
  CHECK_INT(pc.label, 1);
  CHECK_STR(pc.text, "Sum Oppvekst");

  /* a table with its own note keeps it; without amounts in 1 000 kr there is none */
  doc_column plain[] = {{.title = "A", .type = DOC_COL_AMOUNT, .decimals = -1}};
  doc_table *t2 = doc_add_table(d, plain, 1);
  CHECK(present_unit_note(t2, NULL) == NULL);
  t2->unit_note = "Beløp i kr";
  CHECK_STR(present_unit_note(t2, NULL), "Beløp i kr");

  /* Oslo local time: 23:30 UTC on 31.12.2026 is 00:30 on 01.01.2027 (CET); summer time */
  rapp_localtime lt;
  localtime_oslo(1798759800, &lt); /* 2026-12-31T23:30:00Z */
  CHECK_INT(lt.ymd, 20270101);
  CHECK_INT(lt.hour, 0);
  CHECK_INT(lt.min, 30);
  CHECK_INT(lt.utc_offset_min, 60);
  CHECK_STR(localtime_text(&lt, buf, sizeof buf), "01.01.2027 00:30");
  localtime_oslo(1774746000 - 1, &lt); /* 2026-03-29T00:59:59Z: still CET */
  CHECK_INT(lt.utc_offset_min, 60);
  localtime_oslo(1774746000, &lt); /* 01:00 UTC on the last Sunday of March: CEST */
  CHECK_INT(lt.utc_offset_min, 120);
  CHECK_INT(lt.hour, 3);
  localtime_oslo(1792890000, &lt); /* 2026-10-25T01:00:00Z: back to CET */
  CHECK_INT(lt.utc_offset_min, 60);
  CHECK_INT(lt.hour, 2);
  doc_meta_of(d)->created = 1798759800;
  doc_about_line lines[DOC_ABOUT_MAX];
  size_t n = doc_about_lines(doc_meta_get(d), lines);
  CHECK_STR(lines[n - 1].value, "01.01.2027");
  doc_free(d);
  return check_summary();
}
