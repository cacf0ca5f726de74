/* samples/gen/sg_economy.c — budget, actual and forecast per unit and month (KOSTRA function and
 * art), absence and staffing. Each unit's year budget is built from its årsverk and kind, spread
 * over the months by a seasonal pattern (holiday pay in June, low July, winter roads, tax terms);
 * central taxes and rammetilskudd balance the budget with a planned net result of 1,75 %. */
#include <stdlib.h>
#include <string.h>

#include "sg.h"

enum pattern {
  P_FLAT, P_SALARY, P_NO_JULY, P_SCHOOL, P_HEAT, P_WINTER, P_QUARTER, P_HALF, P_TAX, P_DEC,
  P_JUNE, P_PROPERTY, P_FEES, P_TERMS, P_SPRING_AUTUMN, P_COUNT
};
static const double patterns[P_COUNT][12] = {
    [P_FLAT] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1},
    [P_SALARY] = {1, 1, 1, 1, 1, 1.55, 0.5, 0.95, 1, 1, 1, 1}, /* feriepenger in June */
    [P_NO_JULY] = {1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1},        /* parent fees: July is free */
    [P_SCHOOL] = {1.1, 1.1, 1.1, 1, 1, 0.8, 0.3, 1.1, 1.2, 1.1, 1.1, 1.1},
    [P_HEAT] = {1.6, 1.5, 1.3, 1, 0.7, 0.5, 0.5, 0.6, 0.8, 1.1, 1.3, 1.6},
    [P_WINTER] = {2.2, 2, 1.4, 0.8, 0.7, 0.6, 0.5, 0.6, 0.6, 0.7, 0.9, 1.5},
    [P_QUARTER] = {0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1},
    [P_HALF] = {0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1},
    [P_TAX] = {1.3, 0.4, 1.4, 0.5, 1.3, 0.6, 1.2, 0.7, 1.4, 0.8, 1.4, 1},
    [P_DEC] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1},
    [P_JUNE] = {0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0},
    [P_PROPERTY] = {0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0},
    [P_FEES] = {0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0},
    [P_TERMS] = {0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0},
    [P_SPRING_AUTUMN] = {0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0},
};

enum line_kind { K_SALARY, K_TEMP, K_EXPENSE, K_INCOME, K_TAX, K_GRANT, K_RESERVE };
typedef struct line {
  const char *fn, *art;
  double annual; /* 2024, NOK; negative = income */
  int pattern, kind;
} line;

#define MAXLINES 16
typedef struct lines {
  line l[MAXLINES];
  int n;
} lines;

static void add(lines *ls, const char *fn, const char *art, double annual, int pattern, int kind) {
  if (ls->n < MAXLINES) ls->l[ls->n++] = (line){fn, art, annual, pattern, kind};
}

/* Salaries with social costs for `share` of the unit's staff under function fn. */
static void staff(lines *ls, const char *fn, double L, double share, double temp) {
  add(ls, fn, "010", L * share * (1 - temp), P_SALARY, K_SALARY);
  add(ls, fn, "020", L * share * temp, P_SALARY, K_TEMP);
  add(ls, fn, "090", L * share * 0.28, P_FLAT, K_SALARY);
  add(ls, fn, "710", -L * share * 0.025, P_FLAT, K_INCOME); /* sykelønnsrefusjon */
}

/* The budget lines of a unit for 2024. L = salary cost of its årsverk. */
static void unit_lines(const sg_unit *u, lines *ls, double scale) {
  const char *k = u->kind, *code = sg_unit_specs[u->spec].code;
  double L = u->fte * 680000.0;
  ls->n = 0;
  if (!strcmp(k, "stab") || !strcmp(k, "politisk")) {
    const char *fn = !strcmp(k, "politisk") ? "100" : "120";
    staff(ls, fn, L, 1, 0.03);
    add(ls, fn, "120", L * (!strcmp(k, "politisk") ? 0.9 : 0.3), P_FLAT, K_EXPENSE);
    if (!strcmp(code, "ENH1010")) add(ls, "110", "375", 3100000, P_QUARTER, K_EXPENSE);
  } else if (!strcmp(k, "ikt")) {
    staff(ls, "120", L, 1, 0.02);
    add(ls, "120", "120", L * 0.4, P_FLAT, K_EXPENSE);
    add(ls, "120", "270", L * 1.1, P_FLAT, K_EXPENSE);
  } else if (!strcmp(k, "skole")) {
    staff(ls, "202", L, 0.88, 0.05);
    staff(ls, "215", L, 0.12, 0.05);
    add(ls, "202", "120", L * 0.09, P_SCHOOL, K_EXPENSE);
    add(ls, "215", "620", -L * 0.09, P_NO_JULY, K_INCOME);
  } else if (!strcmp(k, "barnehage")) {
    staff(ls, "201", L, 1, 0.07);
    add(ls, "201", "120", L * 0.07, P_FLAT, K_EXPENSE);
    add(ls, "201", "620", -u->fte * 3.1 * 2400 * 11, P_NO_JULY, K_INCOME); /* foreldrebetaling */
  } else if (!strcmp(k, "barnehagemyndighet")) {
    staff(ls, "201", L, 1, 0);
    add(ls, "201", "470", 98000000 * scale, P_FLAT, K_EXPENSE); /* tilskudd private barnehager */
  } else if (!strcmp(k, "ppt")) {
    staff(ls, "202", L, 1, 0.02);
    add(ls, "202", "120", L * 0.08, P_FLAT, K_EXPENSE);
  } else if (!strcmp(k, "barnevern")) {
    staff(ls, "244", L, 1, 0.04);
    add(ls, "244", "120", L * 0.1, P_FLAT, K_EXPENSE);
    add(ls, "252", "270", L * 1.2, P_FLAT, K_EXPENSE); /* fosterhjem og institusjon */
  } else if (!strcmp(k, "voksenopplæring")) {
    staff(ls, "213", L, 1, 0.04);
    add(ls, "213", "120", L * 0.1, P_SCHOOL, K_EXPENSE);
    add(ls, "213", "700", -L * 0.25, P_QUARTER, K_INCOME);
  } else if (!strcmp(k, "sykehjem")) {
    staff(ls, "253", L, 1, 0.09);
    add(ls, "253", "120", L * 0.16, P_FLAT, K_EXPENSE);
    add(ls, "253", "620", -L * 0.22, P_FLAT, K_INCOME); /* vederlag */
  } else if (!strcmp(k, "hjemmetjeneste")) {
    staff(ls, "254", L, 1, 0.08);
    add(ls, "254", "120", L * 0.08, P_FLAT, K_EXPENSE);
    add(ls, "254", "620", -L * 0.03, P_FLAT, K_INCOME);
  } else if (!strcmp(k, "bofellesskap")) {
    staff(ls, "254", L, 1, 0.08);
    add(ls, "254", "120", L * 0.05, P_FLAT, K_EXPENSE);
    add(ls, "254", "700", -L * 0.2, P_JUNE, K_INCOME); /* ressurskrevende tjenester */
  } else if (!strcmp(k, "psykisk helse")) {
    staff(ls, "243", L, 1, 0.05);
    add(ls, "243", "120", L * 0.08, P_FLAT, K_EXPENSE);
  } else if (!strcmp(k, "legetjeneste")) {
    staff(ls, "241", L, 1, 0.06);
    add(ls, "241", "375", L * 0.4, P_FLAT, K_EXPENSE); /* interkommunal legevakt */
    add(ls, "241", "620", -L * 0.12, P_FLAT, K_INCOME);
    add(ls, "241", "700", -L * 0.1, P_QUARTER, K_INCOME);
  } else if (!strcmp(k, "helsestasjon") || !strcmp(k, "forvaltning")) {
    const char *fn = !strcmp(k, "helsestasjon") ? "232" : "254";
    staff(ls, fn, L, 1, 0.03);
    add(ls, fn, "120", L * 0.06, P_FLAT, K_EXPENSE);
  } else if (!strcmp(k, "rehabilitering")) {
    staff(ls, "241", L, 1, 0.03);
    add(ls, "241", "120", L * 0.06, P_FLAT, K_EXPENSE);
    add(ls, "241", "620", -L * 0.04, P_FLAT, K_INCOME);
  } else if (!strcmp(k, "bibliotek")) {
    staff(ls, "370", L, 1, 0.03);
    add(ls, "370", "120", L * 0.3, P_FLAT, K_EXPENSE);
  } else if (!strcmp(k, "kulturskole")) {
    staff(ls, "383", L, 1, 0.03);
    add(ls, "383", "120", L * 0.08, P_SCHOOL, K_EXPENSE);
    add(ls, "383", "620", -L * 0.18, P_TERMS, K_INCOME);
  } else if (!strcmp(k, "kulturhus")) {
    staff(ls, "386", L, 1, 0.05);
    add(ls, "386", "120", L * 0.8, P_SCHOOL, K_EXPENSE);
    add(ls, "386", "620", -L * 0.7, P_SCHOOL, K_INCOME);
  } else if (!strcmp(k, "fritid")) {
    staff(ls, "231", L, 1, 0.05);
    add(ls, "231", "120", L * 0.3, P_FLAT, K_EXPENSE);
    add(ls, "231", "470", 2400000 * scale, P_SPRING_AUTUMN, K_EXPENSE); /* tilskudd lag */
  } else if (!strcmp(k, "eiendom")) {
    staff(ls, "222", L, 1, 0.02);
    add(ls, "221", "120", L * 0.35, P_HEAT, K_EXPENSE);
    add(ls, "222", "120", L * 0.8, P_HEAT, K_EXPENSE);
    add(ls, "261", "120", L * 0.45, P_HEAT, K_EXPENSE);
    add(ls, "222", "230", L * 0.55, P_SCHOOL, K_EXPENSE); /* vedlikehold */
    add(ls, "261", "230", L * 0.25, P_FLAT, K_EXPENSE);
    add(ls, "222", "630", -L * 0.25, P_FLAT, K_INCOME);
  } else if (!strcmp(k, "renhold")) {
    staff(ls, "222", L, 1, 0.06);
    add(ls, "222", "120", L * 0.06, P_FLAT, K_EXPENSE);
  } else if (!strcmp(k, "vann og avløp")) {
    staff(ls, "340", L, 0.45, 0.02);
    staff(ls, "345", L, 0.55, 0.02);
    add(ls, "340", "120", L * 0.45, P_FLAT, K_EXPENSE);
    add(ls, "345", "120", L * 0.55, P_FLAT, K_EXPENSE);
    add(ls, "345", "270", L * 0.5, P_FLAT, K_EXPENSE);
    add(ls, "340", "600", -L * 1.25, P_FEES, K_INCOME); /* vann- og avløpsgebyrer */
    add(ls, "345", "600", -L * 1.55, P_FEES, K_INCOME);
  } else if (!strcmp(k, "vei og park")) {
    staff(ls, "333", L, 0.7, 0.04);
    staff(ls, "335", L, 0.3, 0.08);
    add(ls, "333", "120", L * 1.1, P_WINTER, K_EXPENSE);
    add(ls, "335", "120", L * 0.2, P_SCHOOL, K_EXPENSE);
  } else if (!strcmp(k, "kommunalteknikk")) {
    staff(ls, "333", L, 1, 0.02);
    add(ls, "339", "375", 31000000 * scale, P_FLAT, K_EXPENSE); /* brann og redning IKS */
  } else if (!strcmp(k, "byggesak")) {
    staff(ls, "302", L, 0.75, 0.02);
    staff(ls, "303", L, 0.25, 0.02);
    add(ls, "302", "120", L * 0.1, P_FLAT, K_EXPENSE);
    add(ls, "302", "620", -L * 0.9, P_FLAT, K_INCOME); /* byggesaksgebyrer */
  } else if (!strcmp(k, "plan")) {
    staff(ls, "301", L, 1, 0.02);
    add(ls, "301", "270", L * 0.35, P_FLAT, K_EXPENSE);
    add(ls, "301", "620", -L * 0.15, P_FLAT, K_INCOME);
  } else if (!strcmp(k, "landbruk")) {
    staff(ls, "329", L, 1, 0.02);
    add(ls, "329", "120", L * 0.15, P_FLAT, K_EXPENSE);
  } else if (!strcmp(k, "nav")) {
    staff(ls, "242", L, 1, 0.03);
    add(ls, "242", "120", L * 0.1, P_FLAT, K_EXPENSE);
    add(ls, "281", "470", 36000000 * scale, P_FLAT, K_EXPENSE); /* økonomisk sosialhjelp */
  } else if (!strcmp(k, "flyktning")) {
    staff(ls, "275", L, 1, 0.03);
    add(ls, "275", "120", L * 0.1, P_FLAT, K_EXPENSE);
    add(ls, "275", "470", 17000000 * scale, P_FLAT, K_EXPENSE); /* introduksjonsstønad */
    add(ls, "275", "810", -38000000 * scale, P_QUARTER, K_INCOME); /* integreringstilskudd */
  } else if (!strcmp(k, "bolig")) {
    staff(ls, "283", L, 1, 0.02);
    add(ls, "283", "120", L * 0.05, P_FLAT, K_EXPENSE);
    add(ls, "265", "230", 4000000 * scale, P_FLAT, K_EXPENSE);
    add(ls, "265", "630", -11000000 * scale, P_FLAT, K_INCOME); /* husleie */
  } else if (!strcmp(code, "ENH9010")) {
    add(ls, "800", "870", 0, P_TAX, K_TAX);     /* skatt på inntekt og formue */
    add(ls, "840", "800", 0, P_FLAT, K_GRANT);  /* rammetilskudd */
  } else if (!strcmp(code, "ENH9020")) {
    add(ls, "800", "874", -64000000 * scale, P_PROPERTY, K_INCOME); /* eiendomsskatt */
  } else if (!strcmp(code, "ENH9030")) {
    add(ls, "870", "500", 82000000 * scale, P_QUARTER, K_EXPENSE); /* renteutgifter */
    add(ls, "870", "510", 74000000 * scale, P_HALF, K_EXPENSE);    /* avdrag */
    add(ls, "870", "900", -16000000 * scale, P_QUARTER, K_INCOME); /* renteinntekter */
    add(ls, "870", "905", -25000000 * scale, P_JUNE, K_INCOME);    /* utbytte */
  } else if (!strcmp(code, "ENH9040")) {
    add(ls, "880", "540", 0, P_DEC, K_RESERVE); /* avsetning til disposisjonsfond */
  }
}

/* Yearly growth of a line's budget from 2024 (lønnsoppgjør for salaries, prices otherwise). */
static double growth(int kind, int yi) {
  static const double sal[SG_YEARS] = {1.0, 1.052, 1.052 * 1.047};
  static const double other[SG_YEARS] = {1.0, 1.035, 1.035 * 1.03};
  return (kind == K_SALARY || kind == K_TEMP) ? sal[yi] : other[yi];
}

typedef struct unit_econ {
  lines ls;
  double year_amount[MAXLINES][SG_YEARS]; /* budget per line and year */
  double dev[SG_YEARS];                   /* the unit's spending deviation per year */
} unit_econ;

static void month_str(char *b, size_t cap, int mi) { sg_fmt_month(b, cap, SG_FIRST_YEAR + mi / 12, mi % 12 + 1); }

static int64_t month_budget(const line *l, double year_amount, int mo) {
  const double *w = patterns[l->pattern];
  double sum = 0;
  for (int i = 0; i < 12; i++) sum += w[i];
  return sg_round(year_amount * w[mo] / sum);
}

static int is_health(const sg_unit *u) { return !strcmp(sg_areas[u->area].code, "HELSE"); }

int sg_gen_economy(sg_model *m, const char *dir) {
  int nu = m->nunits;
  unit_econ *ue = calloc((size_t)nu, sizeof *ue);
  size_t nm = (size_t)nu * SG_MONTHS, na = (size_t)nu * SG_CUTOFF_MONTHS;
  m->budget = calloc(nm, sizeof(int64_t));
  m->actual = calloc(nm, sizeof(int64_t));
  m->income = calloc(nm, sizeof(int64_t));
  m->actual_income = calloc(nm, sizeof(int64_t));
  m->reserve = calloc(nm, sizeof(int64_t));
  m->short_days = calloc(na, sizeof(double));
  m->long_days = calloc(na, sizeof(double));
  m->planned_days = calloc(na, sizeof(double));
  double *fte_month = calloc(na, sizeof(double));
  if (!ue || !m->budget || !m->actual || !m->income || !m->actual_income || !m->reserve ||
      !m->short_days || !m->long_days || !m->planned_days || !fte_month) {
    fprintf(stderr, "rapp-samplegen: out of memory\n");
    free(ue);
    free(fte_month);
    return -1;
  }
  sg_rng r;
  sg_rng_init(&r, m->seed, SG_S_BUDGET);

  /* Year budgets and the units' deviations. Health overspends (vikarbruk) more every year. */
  double need[SG_YEARS] = {0}, own_income[SG_YEARS] = {0};
  for (int i = 0; i < nu; i++) {
    const sg_unit *u = &m->units[i];
    unit_lines(u, &ue[i].ls, (double)m->scale);
    for (int y = 0; y < SG_YEARS; y++) {
      double d = sg_rng_normal(&r) * 0.015 - 0.012;
      if (is_health(u)) d += 0.018 + 0.016 * y + (!strcmp(u->kind, "sykehjem") ? 0.015 : 0);
      if (!strcmp(u->kind, "barnevern")) d += 0.04;
      ue[i].dev[y] = d;
      for (int j = 0; j < ue[i].ls.n; j++) {
        const line *l = &ue[i].ls.l[j];
        double a = l->annual * growth(l->kind, y);
        ue[i].year_amount[j][y] = a;
        need[y] += a;
        if (a < 0) own_income[y] -= a;
      }
    }
  }
  /* Central income balances the budget; the planned net result (1,75 % of income) is reserved. */
  for (int y = 0; y < SG_YEARS; y++) {
    double reserve = 0.0175 * (need[y] + own_income[y]) / (1 - 0.0175);
    double total = need[y] + reserve;
    for (int i = 0; i < nu; i++)
      for (int j = 0; j < ue[i].ls.n; j++) {
        int kind = ue[i].ls.l[j].kind;
        if (kind == K_TAX) ue[i].year_amount[j][y] = -0.54 * total;
        if (kind == K_GRANT) ue[i].year_amount[j][y] = -0.46 * total;
        if (kind == K_RESERVE) ue[i].year_amount[j][y] = reserve;
      }
  }

  sg_csv cb, ca;
  if (sg_csv_open(&cb, dir, "budget", "unit_code;month;kostra_function;kostra_art;amount") ||
      sg_csv_open(&ca, dir, "actual", "unit_code;month;kostra_function;kostra_art;amount")) {
    free(ue);
    free(fte_month);
    return -1;
  }
  static const double tax_dev[SG_YEARS] = {0.015, -0.006, 0.008};
  for (int i = 0; i < nu; i++) {
    const sg_unit *u = &m->units[i];
    for (int mi = 0; mi < SG_MONTHS; mi++) {
      int y = mi / 12, mo = mi % 12;
      char ms[8];
      month_str(ms, sizeof ms, mi);
      for (int j = 0; j < ue[i].ls.n; j++) {
        const line *l = &ue[i].ls.l[j];
        int64_t b = month_budget(l, ue[i].year_amount[j][y], mo);
        size_t k = (size_t)i * SG_MONTHS + (size_t)mi;
        if (b != 0) {
          sg_csv_str(&cb, u->code);
          sg_csv_str(&cb, ms);
          sg_csv_str(&cb, l->fn);
          sg_csv_str(&cb, l->art);
          sg_csv_int(&cb, b);
          sg_csv_end(&cb);
        }
        m->budget[k] += b;
        if (b < 0) m->income[k] += b;
        if (mi >= SG_CUTOFF_MONTHS || b == 0) continue;
        double f;
        switch (l->kind) {
          case K_SALARY: f = 1 + ue[i].dev[y] * 0.6 + sg_rng_normal(&r) * 0.015; break;
          case K_TEMP: f = 1 + ue[i].dev[y] * 9 + sg_rng_normal(&r) * 0.12; break;
          case K_EXPENSE: f = 1 + ue[i].dev[y] + sg_rng_normal(&r) * 0.1; break;
          case K_INCOME: f = 1 + sg_rng_normal(&r) * 0.05; break;
          case K_TAX: f = 1 + tax_dev[y] + sg_rng_normal(&r) * 0.01; break;
          case K_GRANT: f = 1; break;
          default: f = 1; break;
        }
        if (f < 0) f = 0;
        int64_t a = sg_round((double)b * f * 100); /* øre */
        if (l->kind == K_GRANT || l->kind == K_RESERVE) a = b * 100;
        char buf[48];
        sg_fmt_num(buf, sizeof buf, (double)a / 100.0, 2, 1);
        sg_csv_str(&ca, u->code);
        sg_csv_str(&ca, ms);
        sg_csv_str(&ca, l->fn);
        sg_csv_str(&ca, l->art);
        sg_csv_str(&ca, buf);
        sg_csv_end(&ca);
        if (l->kind == K_RESERVE) m->reserve[k] += a;
        else m->actual[k] += a;
        if (a < 0) m->actual_income[k] += a;
      }
    }
  }
  if (sg_csv_close(&cb) || sg_csv_close(&ca)) {
    free(ue);
    free(fte_month);
    return -1;
  }

  /* Forecast for the whole year, made each month up to the cut-off: actual so far plus the rest
   * of the budget, corrected by the deviation so far (the final forecast equals the accounts). */
  sg_csv cf;
  if (sg_csv_open(&cf, dir, "forecast", "unit_code;month;year_amount")) {
    free(ue);
    free(fte_month);
    return -1;
  }
  for (int i = 0; i < nu; i++) {
    for (int mi = 0; mi < SG_CUTOFF_MONTHS; mi++) {
      int y = mi / 12, mo = mi % 12;
      double ytd_a = 0, ytd_b = 0, year_b = 0;
      for (int k = 0; k < 12; k++) {
        size_t idx = (size_t)i * SG_MONTHS + (size_t)(y * 12 + k);
        double b = (double)m->budget[idx];
        year_b += b;
        if (k <= mo) {
          ytd_b += b;
          ytd_a += (double)(m->actual[idx] + m->reserve[idx]) / 100.0;
        }
      }
      double ratio = 0;
      if (ytd_b > 100000 || ytd_b < -100000) ratio = (ytd_a - ytd_b) / (ytd_b < 0 ? -ytd_b : ytd_b);
      if (ratio > 0.15) ratio = 0.15;
      if (ratio < -0.15) ratio = -0.15;
      double rest = year_b - ytd_b;
      double fc = ytd_a + rest + (rest < 0 ? -rest : rest) * ratio * 0.8;
      char ms[8];
      month_str(ms, sizeof ms, mi);
      sg_csv_str(&cf, m->units[i].code);
      sg_csv_str(&cf, ms);
      sg_csv_int(&cf, sg_round(fc / 1000.0) * 1000); /* forecasts are made in whole thousands */
      sg_csv_end(&cf);
    }
  }
  if (sg_csv_close(&cf)) {
    free(ue);
    free(fte_month);
    return -1;
  }

  /* Staffing and absence for units with staff. */
  sg_csv cs, cab;
  if (sg_csv_open(&cs, dir, "staffing", "unit_code;month;fte;headcount") ||
      sg_csv_open(&cab, dir, "absence", "unit_code;month;short_term_days;long_term_days;planned_days")) {
    free(ue);
    free(fte_month);
    return -1;
  }
  sg_rng rs, ra;
  sg_rng_init(&rs, m->seed, SG_S_STAFFING);
  sg_rng_init(&ra, m->seed, SG_S_ABSENCE);
  static const double season_short[12] = {1.45, 1.5, 1.3, 1.0, 0.85, 0.75, 0.45, 0.8, 1.0, 1.1, 1.25, 1.35};
  for (int i = 0; i < nu; i++) {
    const sg_unit *u = &m->units[i];
    if (u->fte <= 0) continue;
    double hc_ratio = is_health(u) ? 1.38 : !strcmp(u->kind, "barnehage") ? 1.12 : 1.07;
    double base_short = 1.3, base_long = 3.8;
    if (is_health(u)) base_short = 1.8, base_long = 5.8;
    else if (!strcmp(u->kind, "barnehage")) base_short = 2.2, base_long = 5.5;
    else if (!strcmp(u->kind, "skole")) base_short = 1.5, base_long = 4.3;
    else if (!strcmp(u->kind, "renhold")) base_short = 1.9, base_long = 6.0;
    else if (!strcmp(sg_areas[u->area].code, "STAB")) base_short = 1.1, base_long = 2.8;
    double unit_long = base_long * (0.7 + 0.6 * sg_rng_unit(&ra));
    double wobble = u->fte < 10 ? 0.55 : u->fte < 30 ? 0.3 : 0.15;
    double drift = 0;
    for (int mi = 0; mi < SG_CUTOFF_MONTHS; mi++) {
      int y = SG_FIRST_YEAR + mi / 12, mo = mi % 12 + 1;
      char ms[8];
      month_str(ms, sizeof ms, mi);
      double fte = u->fte * (1 + 0.008 * (mi / 12)) * (1 + sg_rng_normal(&rs) * 0.012);
      fte = (double)sg_round(fte * 10) / 10.0;
      int64_t hc = sg_round(fte * hc_ratio + sg_rng_normal(&rs));
      if (hc < 1) hc = 1;
      /* the smallest unit (Barnehagemyndighet) is three persons working more than full time:
       * its sick leave is personal data, suppressed in published reports (personvern) */
      if (u->fte < 5) hc = 3;
      sg_csv_str(&cs, u->code);
      sg_csv_str(&cs, ms);
      sg_csv_num(&cs, fte, 1, 0);
      sg_csv_int(&cs, hc);
      sg_csv_end(&cs);

      double planned = fte * sg_working_days(y, mo);
      double s = base_short * season_short[mo - 1] * (1 + sg_rng_normal(&ra) * wobble * 0.6);
      drift = drift * 0.8 + sg_rng_normal(&ra) * wobble;
      double l = unit_long * (1 + drift);
      if (s < 0) s = 0;
      if (l < 0) l = 0;
      double sd = (double)sg_round(planned * s) / 100.0, ld = (double)sg_round(planned * l) / 100.0;
      size_t k = (size_t)i * SG_CUTOFF_MONTHS + (size_t)mi;
      planned = (double)sg_round(planned * 10) / 10.0;
      m->short_days[k] = sd;
      m->long_days[k] = ld;
      m->planned_days[k] = planned;
      fte_month[k] = fte;
      sg_csv_str(&cab, u->code);
      sg_csv_str(&cab, ms);
      sg_csv_num(&cab, sd, 2, 1);
      sg_csv_num(&cab, ld, 2, 1);
      sg_csv_num(&cab, planned, 1, 1);
      sg_csv_end(&cab);
    }
  }
  free(ue);
  free(fte_month);
  if (sg_csv_close(&cs) || sg_csv_close(&cab)) return -1;
  return 0;
}
