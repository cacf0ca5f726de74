/* samples/gen/sg_reports.c — what the monthly and annual reports need beyond the governance data:
 * investment projects (investment, investment_budget, investment_actual, investment_forecast),
 * KOSTRA key figures (kostra_indicator, kostra_figure), the annual accounts summary
 * (annual_account) and the text contributions under tekster/<period>/<owner>/<section>.md.
 * The texts follow the economy the model generated (an area with merforbruk says so). */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "sg.h"

/* ---- investments -------------------------------------------------------------------------- */

typedef struct inv_spec {
  const char *number, *name, *area;
  double frame;          /* kostnadsramme, mill. kr */
  double before;         /* share of the frame spent before 2024 */
  int start_y, start_m;  /* oppstart */
  int end_y, end_m;      /* planlagt ferdigstillelse */
  const char *status;
  double overrun;        /* forecast final cost / frame - 1 */
  int delay_months;      /* forecast completion later than planned */
} inv_spec;

static const inv_spec invs[] = {
    {"4010", "Ny Fjordvik skole", "OPPV", 420, 0.18, 2023, 3, 2026, 12, "pågår", 0.035, 2},
    {"4011", "Rehabilitering Solbakken barnehage", "OPPV", 38, 0, 2025, 4, 2026, 8, "ferdigstilt", -0.02, 0},
    {"4012", "Uteområder skoler og barnehager", "OPPV", 12, 0, 2024, 3, 2026, 10, "pågår", 0, 0},
    {"4020", "Utvidelse Fjordtun sykehjem, 24 plasser", "HELSE", 310, 0.05, 2023, 9, 2027, 6, "pågår", 0.062, 4},
    {"4021", "Velferdsteknologi i hjemmetjenesten", "HELSE", 14, 0, 2024, 1, 2026, 12, "pågår", -0.04, 0},
    {"4030", "Kunstgressbane Nordbygda", "KULT", 15, 0, 2024, 5, 2025, 9, "ferdigstilt", 0.08, 0},
    {"4031", "Nytt kulturhus, forprosjekt", "KULT", 9, 0, 2026, 3, 2027, 6, "utsatt", 0, 9},
    {"4040", "Hovedvannledning Fjordvik–Nordbygda", "TEKN", 96, 0.1, 2023, 8, 2026, 11, "pågår", 0.021, 0},
    {"4041", "Renseanlegg Sandvika", "TEKN", 165, 0, 2024, 6, 2027, 12, "pågår", 0.118, 6},
    {"4042", "Trafikksikkerhetstiltak skoleveier", "TEKN", 18, 0, 2024, 4, 2026, 10, "pågår", 0, 0},
    {"4043", "Energiøkonomisering kommunale bygg", "TEKN", 45, 0, 2024, 2, 2027, 12, "pågår", -0.03, 0},
    {"4050", "Digital infrastruktur og nettverk", "STAB", 24, 0, 2024, 1, 2026, 6, "ferdigstilt", 0.012, 0},
    {"4060", "Gang- og sykkelvei Strandvegen", "PLAN", 32, 0, 2025, 5, 2027, 9, "pågår", 0.04, 3},
    {"4070", "Kommunale utleieboliger, 12 enheter", "NAV", 41, 0, 2024, 8, 2026, 9, "pågår", 0.015, 1},
    {"4080", "Egenkapitalinnskudd KLP", "SENT", 18, 0, 2024, 1, 2026, 12, "pågår", 0, 0},
    {"4090", "Ny brannstasjon, tomt og regulering", "TEKN", 7, 0, 2026, 9, 2028, 6, "planlagt", 0, 0},
};
enum { NINV = sizeof invs / sizeof invs[0] };

static int month_index(int y, int m) { return (y - SG_FIRST_YEAR) * 12 + (m - 1); }

/* the month's share of a project's spending: nothing outside its running time, more in summer */
static double month_weight(const inv_spec *p, int y, int m) {
  int i = month_index(y, m), a = month_index(p->start_y, p->start_m), b = month_index(p->end_y, p->end_m);
  if (i < a || i > b) return 0;
  return (m >= 5 && m <= 9) ? 1.4 : (m == 12 || m == 1) ? 0.6 : 1.0;
}

static void fmt_ym_date(char *out, size_t cap, int y, int m, int last) {
  sg_date d = {y, m, last ? sg_days_in_month(y, m) : 1};
  sg_fmt_date(out, cap, d);
}

static int gen_investments(sg_model *m, const char *dir) {
  sg_csv ci, cb, ca, cf;
  sg_rng r;
  sg_rng_init(&r, m->seed, SG_S_INVEST);
  if (sg_csv_open(&ci, dir, "investment", "project_number;name;area_code;cost_frame;cost_before;start_date;completion_date;status") ||
      sg_csv_open(&cb, dir, "investment_budget", "project_number;year;amount") ||
      sg_csv_open(&ca, dir, "investment_actual", "project_number;month;amount") ||
      sg_csv_open(&cf, dir, "investment_forecast", "project_number;month;final_cost;completion_date"))
    return -1;
  for (int k = 0; k < NINV; k++) {
    const inv_spec *p = &invs[k];
    double frame = p->frame * 1e6, before = sg_round(frame * p->before / 1000.0) * 1000.0;
    char d[16];
    sg_csv_str(&ci, p->number);
    sg_csv_str(&ci, p->name);
    sg_csv_str(&ci, p->area);
    sg_csv_num(&ci, frame, 0, 1);
    sg_csv_num(&ci, before, 0, 1);
    fmt_ym_date(d, sizeof d, p->start_y, p->start_m, 0);
    sg_csv_str(&ci, d);
    fmt_ym_date(d, sizeof d, p->end_y, p->end_m, 1);
    sg_csv_str(&ci, d);
    sg_csv_str(&ci, p->status);
    sg_csv_end(&ci);
    /* the frame less what was spent before 2024, spread by month weight over the running time
     * (to 2027 at most); the year budgets are the sums of the plan's months */
    double wsum = 0;
    for (int y = SG_FIRST_YEAR; y <= p->end_y; y++)
      for (int mo = 1; mo <= 12; mo++) wsum += month_weight(p, y, mo);
    double plan[SG_MONTHS] = {0};
    for (int i = 0; i < SG_MONTHS; i++)
      plan[i] = wsum > 0 ? (frame - before) * month_weight(p, SG_FIRST_YEAR + i / 12, i % 12 + 1) / wsum : 0;
    for (int y = 0; y < SG_YEARS; y++) {
      double b = 0;
      for (int mo = 0; mo < 12; mo++) b += plan[y * 12 + mo];
      if (b <= 0) continue;
      sg_csv_str(&cb, p->number);
      sg_csv_int(&cb, SG_FIRST_YEAR + y);
      sg_csv_num(&cb, sg_round(b / 1000.0) * 1000.0, 0, 1);
      sg_csv_end(&cb);
    }
    /* accounts: the plan with noise and the project's overrun (a delayed project spends less) */
    double spent = before;
    for (int i = 0; i < SG_CUTOFF_MONTHS; i++) {
      if (plan[i] <= 0) continue;
      double f = (1 + p->overrun) * (p->delay_months > 0 ? 0.85 : 1.0) * (0.75 + 0.5 * sg_rng_unit(&r));
      double a = sg_round(plan[i] * f * 100.0) / 100.0;
      if (p->status[0] == 'u' && i >= month_index(2026, 1)) a = 0; /* utsatt: stopped */
      if (a <= 0) continue;
      char mo[16];
      sg_fmt_month(mo, sizeof mo, SG_FIRST_YEAR + i / 12, i % 12 + 1);
      sg_csv_str(&ca, p->number);
      sg_csv_str(&ca, mo);
      sg_csv_num(&ca, a, 2, 1);
      sg_csv_end(&ca);
      spent += a;
    }
    /* forecasts of the final cost, monthly in 2026 up to the cut-off; the overrun becomes known
     * over the year */
    for (int mo = 1; mo <= 9; mo++) {
      if (month_index(2026, mo) < month_index(p->start_y, p->start_m) && p->status[0] != 'p') continue;
      double known = mo / 9.0;
      double fc = frame * (1 + p->overrun * (0.4 + 0.6 * known));
      if (fc < spent && p->status[0] == 'f') fc = spent;
      char month[16];
      sg_fmt_month(month, sizeof month, 2026, mo);
      sg_csv_str(&cf, p->number);
      sg_csv_str(&cf, month);
      sg_csv_num(&cf, sg_round(fc / 1000.0) * 1000.0, 0, 1);
      if (p->delay_months > 0 && mo >= 4) {
        int em = p->end_m - 1 + p->delay_months;
        fmt_ym_date(d, sizeof d, p->end_y + em / 12, em % 12 + 1, 1);
        sg_csv_str(&cf, d);
      } else {
        sg_csv_null(&cf);
      }
      sg_csv_end(&cf);
    }
  }
  return sg_csv_close(&ci) || sg_csv_close(&cb) || sg_csv_close(&ca) || sg_csv_close(&cf);
}

/* ---- KOSTRA ------------------------------------------------------------------------------- */

typedef struct kostra_spec {
  const char *code, *name, *area, *uom;
  int decimals;
  const char *direction; /* NULL: neither better nor worse */
  double value, group, country; /* 2025; earlier years drift from these */
  double trend;                 /* yearly change of the municipality's value, relative */
} kostra_spec;

static const kostra_spec kostras[] = {
    {"KOS-ØK-01", "Netto driftsresultat i prosent av brutto driftsinntekter", NULL, "prosent", 1, "higher", 1.2, 2.1, 2.6, 0},
    {"KOS-ØK-02", "Disposisjonsfond i prosent av brutto driftsinntekter", NULL, "prosent", 1, "higher", 6.8, 9.4, 12.1, 0.05},
    {"KOS-ØK-03", "Netto lånegjeld i prosent av brutto driftsinntekter", NULL, "prosent", 1, "lower", 96.5, 88.2, 81.7, 0.04},
    {"KOS-STAB-01", "Sykefravær i kommunen, legemeldt og egenmeldt", "STAB", "prosent", 1, "lower", 8.4, 9.1, 9.3, -0.02},
    {"KOS-OPPV-01", "Netto driftsutgifter grunnskole per innbygger 6–15 år", "OPPV", "kr", 0, NULL, 131250, 139800, 128900, 0.045},
    {"KOS-OPPV-02", "Andel barn 1–5 år med barnehageplass", "OPPV", "prosent", 1, "higher", 93.1, 92.4, 93.6, 0.003},
    {"KOS-OPPV-03", "Gjennomsnittlig gruppestørrelse 1.–10. trinn", "OPPV", "antall", 1, NULL, 14.2, 13.1, 15.8, 0.01},
    {"KOS-OPPV-04", "Andel elever som fullfører videregående innen fem år", "OPPV", "prosent", 1, "higher", 79.8, 80.4, 81.2, 0.006},
    {"KOS-HELSE-01", "Netto driftsutgifter pleie og omsorg per innbygger", "HELSE", "kr", 0, NULL, 27950, 31200, 27100, 0.05},
    {"KOS-HELSE-02", "Andel innbyggere 80 år og over som bor i institusjon", "HELSE", "prosent", 1, NULL, 11.2, 10.5, 10.1, -0.02},
    {"KOS-HELSE-03", "Legeårsverk per 10 000 innbyggere", "HELSE", "antall", 1, "higher", 11.6, 12.9, 11.4, 0.01},
    {"KOS-KULT-01", "Netto driftsutgifter kultur per innbygger", "KULT", "kr", 0, NULL, 2640, 2810, 2950, 0.03},
    {"KOS-KULT-02", "Besøk i folkebibliotek per innbygger", "KULT", "antall", 1, "higher", 3.4, 3.1, 3.6, 0.02},
    {"KOS-TEKN-01", "Årsgebyr for vann, avløp, renovasjon og feiing", "TEKN", "kr", 0, "lower", 14980, 15420, 14310, 0.06},
    {"KOS-TEKN-02", "Andel fornyet vannledningsnett, snitt siste tre år", "TEKN", "prosent", 2, "higher", 0.52, 0.61, 0.66, 0.04},
    {"KOS-PLAN-01", "Saksbehandlingstid for byggesaker med 12 ukers frist (dager)", "PLAN", "dager", 0, "lower", 41, 44, 46, -0.03},
    {"KOS-NAV-01", "Andel sosialhjelpsmottakere 18–66 år", "NAV", "prosent", 1, "lower", 3.9, 3.6, 3.7, 0.01},
};
enum { NKOSTRA = sizeof kostras / sizeof kostras[0] };

static int gen_kostra(sg_model *m, const char *dir) {
  sg_csv ci, cf;
  sg_rng r;
  sg_rng_init(&r, m->seed, SG_S_KOSTRA);
  if (sg_csv_open(&ci, dir, "kostra_indicator", "code;name;area_code;unit_of_measure;decimals;direction;sort_order") ||
      sg_csv_open(&cf, dir, "kostra_figure", "indicator_code;year;value;group_value;country_value;group_name"))
    return -1;
  for (int k = 0; k < NKOSTRA; k++) {
    const kostra_spec *s = &kostras[k];
    sg_csv_str(&ci, s->code);
    sg_csv_str(&ci, s->name);
    sg_csv_str(&ci, s->area);
    sg_csv_str(&ci, s->uom);
    sg_csv_int(&ci, s->decimals);
    sg_csv_str(&ci, s->direction);
    sg_csv_int(&ci, k + 1);
    sg_csv_end(&ci);
    for (int y = 2023; y <= 2025; y++) {
      double back = 2025 - y, noise = 1 + 0.015 * sg_rng_normal(&r);
      double v = s->value / (1 + s->trend * back) * (back ? noise : 1);
      double g = s->group / (1 + s->trend * 0.8 * back), c = s->country / (1 + s->trend * 0.8 * back);
      sg_csv_str(&cf, s->code);
      sg_csv_int(&cf, y);
      sg_csv_num(&cf, v, s->decimals, 0);
      sg_csv_num(&cf, g, s->decimals, 0);
      /* one figure the group did not publish: an empty cell the report shows as a dash */
      if (k == 9 && y == 2023) sg_csv_null(&cf);
      else sg_csv_num(&cf, c, s->decimals, 0);
      sg_csv_str(&cf, "Kostragruppe 11");
      sg_csv_end(&cf);
    }
  }
  return sg_csv_close(&ci) || sg_csv_close(&cf);
}

/* ---- the annual accounts -------------------------------------------------------------------- */

static int gen_annual(sg_model *m, const char *dir) {
  (void)m;
  sg_csv c;
  if (sg_csv_open(&c, dir, "annual_account", "year;line;amount")) return -1;
  /* kroner; netto driftsresultat 1,1 %, 2,3 % and 1,2 % of the operating income */
  static const struct {
    int year;
    double income, expense, finance, result, fund, debt;
  } years[] = {
      {2023, 2186400000, 2101250000, 61100000, 4120000, 138600000, 2011000000},
      {2024, 2291800000, 2171900000, 67200000, 11350000, 171300000, 2168000000},
      {2025, 2398700000, 2289600000, 80300000, -6240000, 163100000, 2314700000},
  };
  for (size_t i = 0; i < sizeof years / sizeof years[0]; i++) {
    double brutto = years[i].income - years[i].expense, netto = brutto - years[i].finance;
    const struct {
      const char *line;
      double v;
    } lines[] = {{"driftsinntekter", years[i].income}, {"driftsutgifter", years[i].expense},
                 {"brutto_driftsresultat", brutto},     {"netto_finansutgifter", years[i].finance},
                 {"netto_driftsresultat", netto},       {"regnskapsresultat", years[i].result},
                 {"disposisjonsfond", years[i].fund},   {"lanegjeld", years[i].debt}};
    for (size_t k = 0; k < sizeof lines / sizeof lines[0]; k++) {
      sg_csv_int(&c, years[i].year);
      sg_csv_str(&c, lines[k].line);
      sg_csv_num(&c, lines[k].v, 0, 1);
      sg_csv_end(&c);
    }
  }
  return sg_csv_close(&c);
}

/* ---- texts ---------------------------------------------------------------------------------- */

static int make_dir(const char *path) {
  if (mkdir(path, 0777) != 0 && errno != EEXIST) {
    fprintf(stderr, "rapp-samplegen: cannot create folder %s: %s\n", path, strerror(errno));
    return -1;
  }
  return 0;
}

typedef struct text_out {
  const char *dir;
  char body[4096];
  size_t len;
  int files;
} text_out;

static void put(text_out *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(text_out *t, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(t->body + t->len, sizeof t->body - t->len, fmt, ap);
  va_end(ap);
  if (n > 0) t->len += (size_t)n < sizeof t->body - t->len ? (size_t)n : sizeof t->body - t->len - 1;
}

/* Writes the collected body as tekster/<period>/<owner>/<section>.md and starts a new one. */
static int flush_text(text_out *t, const char *period, const char *owner, const char *section) {
  char path[1024];
  snprintf(path, sizeof path, "%s/tekster", t->dir);
  if (make_dir(path)) return -1;
  snprintf(path, sizeof path, "%s/tekster/%s", t->dir, period);
  if (make_dir(path)) return -1;
  snprintf(path, sizeof path, "%s/tekster/%s/%s", t->dir, period, owner);
  if (make_dir(path)) return -1;
  snprintf(path, sizeof path, "%s/tekster/%s/%s/%s.md", t->dir, period, owner, section);
  FILE *f = fopen(path, "wb");
  int bad = !f || fwrite(t->body, 1, t->len, f) != t->len;
  if (f && fclose(f) != 0) bad = 1;
  if (bad) {
    fprintf(stderr, "rapp-samplegen: cannot write %s: %s\n", path, strerror(errno));
    return -1;
  }
  t->len = 0;
  t->body[0] = '\0';
  t->files++;
  return 0;
}

/* An area's or unit's budget deviation (budget - actual, kroner; positive = mindreforbruk) and
 * year budget for the months 1..last of year y. */
static void deviation(const sg_model *m, int area, int unit, int y, int last, double *dev, double *year_budget) {
  *dev = *year_budget = 0;
  for (int i = 0; i < m->nunits; i++) {
    if (unit >= 0 ? i != unit : m->units[i].area != area) continue;
    for (int mo = 0; mo < 12; mo++) {
      size_t k = (size_t)i * SG_MONTHS + (size_t)((y - SG_FIRST_YEAR) * 12 + mo);
      *year_budget += (double)m->budget[k];
      if (mo < last) *dev += (double)m->budget[k] - (double)(m->actual[k] + m->reserve[k]) / 100.0;
    }
  }
}

static void sick_leave(const sg_model *m, int area, int y, int mo, double *pct) {
  double s = 0, p = 0;
  int i0 = (y - SG_FIRST_YEAR) * 12 + mo - 1;
  for (int i = 0; i < m->nunits; i++) {
    if (m->units[i].area != area || i0 >= SG_CUTOFF_MONTHS) continue;
    size_t k = (size_t)i * SG_CUTOFF_MONTHS + (size_t)i0;
    s += m->short_days[k] + m->long_days[k];
    p += m->planned_days[k];
  }
  *pct = p > 0 ? 100.0 * s / p : 0;
}

static const char *const month_names[] = {"januar", "februar", "mars", "april", "mai", "juni", "juli",
                                          "august", "september", "oktober", "november", "desember"};

static void mill(char *out, size_t cap, double kroner) {
  sg_fmt_num(out, cap, (kroner < 0 ? -kroner : kroner) / 1e6, 1, 0);
}

/* causes by area, for the lists */
static const char *const causes[SG_NAREAS][3] = {
    {"høyere lisenskostnader for fagsystemer", "vakanser i økonomiavdelingen", "lavere porto- og trykkekostnader"},
    {"flere elever med vedtak om spesialundervisning", "økte utgifter til skyss", "bruk av vikarer ved sykefravær"},
    {"økt behov for ressurskrevende tjenester", "innleie av sykepleiere gjennom byrå", "flere liggedøgn for utskrivningsklare pasienter"},
    {"høyere aktivitet i kulturskolen", "lavere billettinntekter i kulturhuset", "utsatt innkjøp av bøker"},
    {"høye strømpriser i kommunale bygg", "økte vedlikeholdskostnader", "mer brøyting enn budsjettert"},
    {"flere byggesøknader og høyere gebyrinntekter", "konsulentbistand til arealplanen", "vakanse i landbruksforvaltningen"},
    {"flere mottakere av økonomisk sosialhjelp", "høyere husleie i kommunale boliger", "forsinket integreringstilskudd"},
    {"lavere skatteinngang enn anslått", "høyere rente på lån", "lavere utbytte enn budsjettert"},
};

static const char *const savings[3] = {"vakante stillinger som ikke er besatt", "høyere refusjon av sykepenger enn budsjettert",
                                       "lavere priser på innkjøpte varer og tjenester"};

static const char *const sent_savings[3] = {"høyere skatteinngang enn anslått", "lavere rente enn budsjettert",
                                            "høyere utbytte fra kommunens selskaper"};

static const char *const measures[3] = {
    "Vi gjennomgår **bemanningsplanene** og holder stillinger ledige der det er forsvarlig.",
    "Innkjøp som kan vente, utsettes til neste år.",
    "Enhetslederne følger opp sykefraværet tett sammen med *bedriftshelsetjenesten*.",
};

/* The area's comment on the economy up to month `last` of year y (period code given). */
static void area_economy(text_out *t, const sg_model *m, sg_rng *r, int a, int y, int last, int year_end) {
  double dev, budget;
  deviation(m, a, -1, y, last, &dev, &budget);
  char amount[32], pct[32];
  mill(amount, sizeof amount, dev);
  sg_fmt_num(pct, sizeof pct, budget != 0 ? 100.0 * (dev < 0 ? -dev : dev) / (budget < 0 ? -budget : budget) : 0, 1, 0);
  const char *way = dev >= 0 ? "mindreforbruk" : "merforbruk";
  if (year_end)
    put(t, "%s fikk i %d et **%s på %s mill. kr**, %s %% av årsbudsjettet.", sg_areas[a].name, y, way, amount, pct);
  else
    put(t, "%s har per %s et %s på %s mill. kr mot periodisert budsjett.", sg_areas[a].name, month_names[last - 1], way,
        amount);
  int c0 = sg_rng_int(r, 0, 2);
  /* a merforbruk has the area's own causes; central income and finance has no staff to save on */
  const char *const *why = dev < 0 ? causes[a] : a == SG_NAREAS - 1 ? sent_savings : savings;
  if (sg_rng_chance(r, 0.5)) {
    put(t, " Avviket skyldes i hovedsak:\n\n- %s\n- %s\n", why[c0], why[(c0 + 1) % 3]);
  } else {
    put(t, " Det skyldes særlig %s.\n", why[c0]);
  }
  if (dev < 0 && !year_end) {
    put(t, "\nTiltak for å komme i balanse:\n\n1. %s\n2. %s\n", measures[sg_rng_int(r, 0, 1)], measures[2]);
  } else if (!year_end && sg_rng_chance(r, 0.3)) {
    put(t, "\nVi forventer å holde *årsbudsjettet*.\n");
  }
}

static int gen_texts(sg_model *m, const char *dir) {
  text_out t = {.dir = dir};
  sg_rng r;
  sg_rng_init(&r, m->seed, SG_S_TEXT);
  char period[16], a1[32], a2[32];
  /* the annual report 2025 */
  put(&t, "2025 ble et år med **høy aktivitet** og stramme rammer. Kommunen leverte gode tjenester "
          "til innbyggerne, men netto driftsresultat ble lavere enn målet på 1,75 %%.\n\n"
          "Årets viktigste hendelser:\n\n"
          "- byggingen av *Ny Fjordvik skole* gikk etter planen\n"
          "- sykehjemsutvidelsen ble forsinket og dyrere enn forutsatt\n"
          "- sykefraværet gikk ned for andre år på rad\n\n"
          "Les hele økonomiplanen på [kommunens nettsider](https://www.fjordvik.kommune.no/okonomiplan).\n");
  if (flush_text(&t, "2025", "kommunedirektor", "sammendrag")) return -1;
  put(&t, "Kommunens økonomi er **presset**. Disposisjonsfondet er lavere enn anbefalt, og lånegjelden "
          "øker med investeringene i skole og sykehjem.\n\n"
          "> Vi må tilpasse driften til lavere inntektsvekst i årene som kommer.\n\n"
          "Kommunedirektøren vil derfor prioritere:\n\n"
          "1. omstilling i helse og omsorg\n"
          "2. færre, men større investeringsprosjekter\n"
          "3. et disposisjonsfond på minst 10 %% av driftsinntektene innen 2029\n");
  if (flush_text(&t, "2025", "kommunedirektor", "vurdering")) return -1;
  put(&t, "Eldrebølgen treffer Fjordvik fra 2027. Behovet for *heldøgns omsorgsplasser* øker, samtidig som "
          "det blir færre i yrkesaktiv alder. Se også [SSBs befolkningsframskrivinger](https://www.ssb.no/befolkning).\n");
  if (flush_text(&t, "2025", "kommunedirektor", "utfordringer")) return -1;
  for (int a = 0; a < SG_NAREAS; a++) {
    double pct;
    if (a == 6) continue; /* NAV og sosiale tjenester has delivered nothing for 2025 */
    put(&t, "%s har levert tjenestene i tråd med vedtatt budsjett og mål, med noen unntak omtalt nedenfor.\n",
        sg_areas[a].name);
    if (flush_text(&t, "2025", sg_areas[a].code, "sammendrag")) return -1;
    area_economy(&t, m, &r, a, 2025, 12, 1);
    if (flush_text(&t, "2025", sg_areas[a].code, "okonomi")) return -1;
    if (a != SG_NAREAS - 1) {
      sick_leave(m, a, 2025, 12, &pct);
      sg_fmt_num(a1, sizeof a1, pct, 1, 0);
      put(&t, "Sykefraværet i desember var %s %%. Arbeidet med *nærværsplaner* fortsetter på alle enheter.\n", a1);
      if (flush_text(&t, "2025", sg_areas[a].code, "sykefravaer")) return -1;
      put(&t, "De fleste resultatkravene er nådd. Brukertilfredsheten er **god**, mens målene for "
              "medarbeidertilfredshet ikke er nådd fullt ut.\n");
      if (flush_text(&t, "2025", sg_areas[a].code, "maloppnaelse")) return -1;
    }
    if (a == 1 || a == 2 || a == 4) {
      put(&t, "Viktige oppgaver framover:\n\n- rekruttere fagfolk\n- ta i bruk ny teknologi\n- samarbeide bedre med frivilligheten\n");
      if (flush_text(&t, "2025", sg_areas[a].code, "utfordringer")) return -1;
    }
  }
  /* the units' own assessment of 2025 (every staffed unit of the original sample; some silent) */
  for (int i = 0; i < m->nunits; i++) {
    const sg_unit *u = &m->units[i];
    if (u->replica != 1 || u->fte <= 0) continue;
    if (sg_rng_chance(&r, 0.12)) continue; /* no text delivered */
    double dev, budget;
    deviation(m, -1, i, 2025, 12, &dev, &budget);
    mill(a1, sizeof a1, dev);
    put(&t, "%s fikk et %s på %s mill. kr i 2025.", u->name, dev >= 0 ? "mindreforbruk" : "merforbruk", a1);
    if (sg_rng_chance(&r, 0.5))
      put(&t, " Vi er *stolte* av innsatsen til de ansatte.\n");
    else
      put(&t, "\n\nDette gikk bra:\n\n- godt samarbeid med brukerne\n- stabil bemanning\n");
    if (flush_text(&t, "2025", u->code, "vurdering")) return -1;
  }
  /* the tertial reports 2026-T1 and 2026-T2 */
  for (int tn = 1; tn <= 2; tn++) {
    snprintf(period, sizeof period, "2026-T%d", tn);
    put(&t, "Prognosen etter %d. tertial viser et samlet **%s** for rammeområdene. Kommunedirektøren følger "
            "utviklingen tett.\n", tn, tn == 1 ? "mindreforbruk" : "merforbruk");
    if (flush_text(&t, period, "kommunedirektor", "sammendrag")) return -1;
    for (int a = 0; a < SG_NAREAS; a++) {
      if (tn == 2 && a == 3) continue; /* Kultur has not delivered for 2. tertial */
      area_economy(&t, m, &r, a, 2026, 4 * tn, 0);
      if (flush_text(&t, period, sg_areas[a].code, "okonomi")) return -1;
      put(&t, "%s\n", measures[sg_rng_int(&r, 0, 2)]);
      if (flush_text(&t, period, sg_areas[a].code, "tiltak")) return -1;
      put(&t, "Av resultatkravene for %d. tertial er de fleste **nådd**. Der målene ikke er nådd, er det "
              "satt inn tiltak; se [målekortet](https://www.fjordvik.kommune.no/malekort).\n", tn);
      if (flush_text(&t, period, sg_areas[a].code, "maloppnaelse")) return -1;
    }
    /* the units' comments on their economy in the tertial report (some have delivered nothing) */
    for (int i = 0; tn == 2 && i < m->nunits; i++) {
      const sg_unit *u = &m->units[i];
      if (u->replica != 1 || u->fte <= 0 || sg_rng_chance(&r, 0.15)) continue;
      double dev, budget;
      deviation(m, -1, i, 2026, 8, &dev, &budget);
      mill(a1, sizeof a1, dev);
      put(&t, "%s har per august et %s på %s mill. kr.%s\n", u->name, dev >= 0 ? "mindreforbruk" : "merforbruk", a1,
          dev < 0 ? " Vi setter inn *tiltak* for å redusere kostnadene." : "");
      if (flush_text(&t, period, u->code, "okonomi")) return -1;
    }
  }
  /* the monthly reports March-September 2026 */
  for (int mo = 3; mo <= 9; mo++) {
    snprintf(period, sizeof period, "2026-%02d", mo);
    double dev = 0;
    for (int a = 0; a < SG_NAREAS - 1; a++) {
      double d, b;
      deviation(m, a, -1, 2026, mo, &d, &b);
      dev += d;
    }
    mill(a1, sizeof a1, dev);
    put(&t, "Per %s har rammeområdene samlet et %s på %s mill. kr.", month_names[mo - 1],
        dev >= 0 ? "mindreforbruk" : "merforbruk", a1);
    if (mo >= 6) put(&t, " Se [månedsrapporten på nett](https://www.fjordvik.kommune.no/rapporter/%d).", mo);
    put(&t, "\n");
    if (flush_text(&t, period, "kommunedirektor", "sammendrag")) return -1;
    for (int a = 0; a < SG_NAREAS; a++) {
      if (sg_rng_chance(&r, 0.1)) continue; /* not delivered this month */
      area_economy(&t, m, &r, a, 2026, mo, 0);
      if (flush_text(&t, period, sg_areas[a].code, "okonomi")) return -1;
      if (a == SG_NAREAS - 1) continue;
      double pct;
      sick_leave(m, a, 2026, mo - 1, &pct); /* the latest month available is often one behind */
      sg_fmt_num(a2, sizeof a2, pct, 1, 0);
      put(&t, "Sykefraværet i %s var %s %%.%s\n", month_names[mo - 2], a2,
          pct > 8 ? " Det er **høyere enn målet**, og enhetene følger opp." : "");
      if (flush_text(&t, period, sg_areas[a].code, "sykefravaer")) return -1;
    }
  }
  return 0;
}

/* The tertial case of 2. tertial 2026 (reports/saksframlegg.lua, arkivsak 2026/1407): the
 * kommunedirektør's innstilling, saksopplysninger and vurdering, and the budget changes the
 * innstilling proposes (budget_change.csv). Fixed texts: no random draws, so nothing else moves. */
static int gen_case(const char *dir) {
  static const struct {
    const char *account, *resp, *function, *text;
    double amounts[4]; /* utgiftsøkning, utgiftsreduksjon, inntektsreduksjon, inntektsøkning */
  } lines[] = {
      {"10100", "3010", "254", "Økt bemanning i hjemmetjenesten", {4500000, 0, 0, 0}},
      {"10200", "3020", "253", "Vikarutgifter ved sykehjemmene", {2000000, 0, 0, 0}},
      {"11950", "4010", "222", "Lavere energiutgifter i skolebyggene", {0, 800000, 0, 0}},
      {"16200", "5010", "283", "Lavere brukerbetaling i kulturskolen", {0, 0, 300000, 0}},
      {"18000", "7010", "840", "Økt rammetilskudd etter revidert nasjonalbudsjett", {0, 0, 0, 2700000}},
      {"19400", "7030", "880", "Bruk av disposisjonsfond", {0, 0, 0, 3300000}},
  };
  sg_csv c;
  if (sg_csv_open(&c, dir, "budget_change", "case_ref;line;account;responsibility;function;project;text;"
                  "expense_increase;expense_decrease;income_decrease;income_increase"))
    return -1;
  for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
    sg_csv_str(&c, "2026/1407");
    sg_csv_int(&c, (int64_t)i + 1);
    sg_csv_str(&c, lines[i].account);
    sg_csv_str(&c, lines[i].resp);
    sg_csv_str(&c, lines[i].function);
    sg_csv_null(&c);
    sg_csv_str(&c, lines[i].text);
    for (int k = 0; k < 4; k++) {
      if (lines[i].amounts[k] != 0)
        sg_csv_num(&c, lines[i].amounts[k], 0, 1);
      else
        sg_csv_null(&c);
    }
    sg_csv_end(&c);
  }
  if (sg_csv_close(&c)) return -1;
  text_out t = {.dir = dir};
  put(&t, "1. Formannskapet tar tertialrapporten for 2. tertial 2026 til orientering.\n"
          "2. Budsjettet for 2026 endres som vist i tabellen *Budsjettendringer* nedenfor.\n"
          "3. Kommunedirektøren legger fram tiltak for helse og omsorg i 3. tertial.\n");
  if (flush_text(&t, "2026-T2", "kommunedirektor", "innstilling")) return -1;
  put(&t, "Kommunedirektøren legger med dette fram tertialrapporten for 2. tertial 2026 "
          "(kommuneloven § 14-5). Rapporten viser økonomi, sykefravær, målekort, oppfølging av "
          "politiske vedtak og internkontroll per 31. august 2026, og følger som vedlegg 1.\n");
  if (flush_text(&t, "2026-T2", "kommunedirektor", "saksopplysninger")) return -1;
  put(&t, "Helse og omsorg har et **merforbruk** som må dekkes i år. Kommunedirektøren foreslår "
          "å øke rammen til hjemmetjenesten og sykehjemmene med 6,5 mill. kr, dekket av lavere "
          "energiutgifter, økt rammetilskudd og bruk av disposisjonsfond.\n");
  return flush_text(&t, "2026-T2", "kommunedirektor", "vurdering");
}

int sg_gen_reports(sg_model *m, const char *dir) {
  return gen_investments(m, dir) || gen_kostra(m, dir) || gen_annual(m, dir) || gen_texts(m, dir) ||
         gen_case(dir);
}
