/* samples/gen/sg_control.c — internal control and ownership: deviations (avvik, counts by
 * category, severity and status, no free text), ROS risks per area, owned companies with key
 * figures, and the yearly leader agreements (lederavtaler) of the units. */
#include <string.h>

#include "sg.h"

static const sg_date cutoff = {2026, 9, 30};

static const char *pick(sg_rng *r, const char *const *items, const double *weights, int n) {
  double u = sg_rng_unit(r), acc = 0;
  for (int i = 0; i < n; i++) {
    acc += weights[i];
    if (u < acc) return items[i];
  }
  return items[n - 1];
}

static int gen_deviations(const sg_model *m, const char *dir) {
  static const char *const cats[] = {"HMS", "bruker/pasient", "informasjonssikkerhet/personvern",
                                     "økonomi", "annet"};
  static const double w_health[] = {0.25, 0.55, 0.08, 0.04, 0.08};
  static const double w_oppv[] = {0.45, 0.25, 0.12, 0.05, 0.13};
  static const double w_other[] = {0.35, 0.1, 0.2, 0.15, 0.2};
  static const char *const sev[] = {"lav", "middels", "høy"};
  static const double w_sev[] = {0.55, 0.35, 0.10};
  sg_csv c;
  if (sg_csv_open(&c, dir, "deviation", "id;unit_code;category;severity;reported_date;closed_date;status"))
    return -1;
  sg_rng r;
  sg_rng_init(&r, m->seed, SG_S_DEVIATION);
  int seq = 0, seq_year = 0;
  for (int mi = 0; mi < SG_CUTOFF_MONTHS; mi++) {
    int y = SG_FIRST_YEAR + mi / 12, mo = mi % 12 + 1;
    if (y != seq_year) seq_year = y, seq = 0;
    for (int i = 0; i < m->nunits; i++) {
      const sg_unit *u = &m->units[i];
      if (u->fte <= 0) continue;
      const char *ac = sg_areas[u->area].code;
      int health = !strcmp(ac, "HELSE"), oppv = !strcmp(ac, "OPPV");
      double rate = health ? 0.12 : oppv ? 0.06 : 0.05; /* per årsverk and year */
      double lambda = rate * u->fte / 12.0;
      int n = (int)(lambda + sg_rng_unit(&r)); /* randomised rounding keeps the mean */
      for (int k = 0; k < n; k++) {
        const double *w = health ? w_health : oppv ? w_oppv : w_other;
        sg_date rep = {y, mo, sg_rng_int(&r, 1, sg_days_in_month(y, mo))};
        if (rep.y == cutoff.y && rep.m == cutoff.m && rep.d > cutoff.d) rep.d = cutoff.d;
        double uc = sg_rng_unit(&r);
        int days = 2 + (int)(uc * uc * 90);
        if (sg_rng_chance(&r, 0.08)) days = sg_rng_int(&r, 150, 700); /* forgotten ones */
        sg_date closed = sg_add_days(rep, days);
        const char *status;
        int is_closed = sg_date_cmp(closed, cutoff) <= 0;
        if (is_closed) status = "lukket";
        else if (sg_days(cutoff) - sg_days(rep) < 10 || sg_rng_chance(&r, 0.4)) status = "åpen";
        else status = "under behandling";
        char id[32];
        snprintf(id, sizeof id, "AVV-%d-%05d", y, ++seq);
        sg_csv_str(&c, id);
        sg_csv_str(&c, u->code);
        sg_csv_str(&c, pick(&r, cats, w, 5));
        sg_csv_str(&c, pick(&r, sev, w_sev, 3));
        sg_csv_date(&c, rep);
        if (is_closed) sg_csv_date(&c, closed);
        else sg_csv_null(&c);
        sg_csv_str(&c, status);
        sg_csv_end(&c);
      }
    }
  }
  if (sg_csv_close(&c)) return -1;
  /* which categories are about persons (personvern: small counts suppressed in published reports) */
  if (sg_csv_open(&c, dir, "deviation_category", "category;personal")) return -1;
  for (int i = 0; i < 5; i++) {
    sg_csv_str(&c, cats[i]);
    sg_csv_int(&c, i == 1 || i == 2); /* bruker/pasient, informasjonssikkerhet/personvern */
    sg_csv_end(&c);
  }
  return sg_csv_close(&c);
}

typedef struct hazard_spec {
  const char *area, *hazard;
  int p, c;
  const char *measures;
} hazard_spec;
static const hazard_spec hazards[] = {
    {"STAB", "Dataangrep mot fagsystem (løsepengevirus)", 3, 5, "Tofaktorautentisering, segmentert nett, frakoblet sikkerhetskopi og øvelse i gjenoppretting"},
    {"STAB", "Personopplysninger sendt til feil mottaker", 4, 3, "Opplæring, sikker digital post og tilgangsstyring i sak/arkiv"},
    {"STAB", "Langvarig bortfall av strøm og nett i rådhuset", 2, 4, "Nødstrømsaggregat og reserveløsning for kritiske systemer"},
    {"STAB", "Ulovlig direkteanskaffelse", 3, 3, "Innkjøpsrutiner, kontraktsoversikt og kontroll av fakturaer mot avtaler"},
    {"OPPV", "Vold og trusler mot ansatte i skolen", 4, 3, "Handlingsplan, opplæring i konflikthåndtering og avviksmelding"},
    {"OPPV", "Barn blir borte på tur i barnehagen", 2, 4, "Rutiner for telling, refleksvester og ansvarsfordeling på tur"},
    {"OPPV", "Alvorlig ulykke ved skoleskyss", 1, 5, "Trafikksikre holdeplasser og dialog med fylkeskommunen"},
    {"OPPV", "Mangel på kvalifiserte barnehagelærere", 4, 3, "Rekrutteringsplan og stipend for barnehagelærerutdanning"},
    {"OPPV", "Bekymringsmeldinger til barnevernet følges ikke opp innen frist", 2, 5, "Ukentlig fristkontroll og rapportering til kommunalsjef"},
    {"HELSE", "Brann i sykehjem", 2, 5, "Sprinkling, brannøvelser to ganger i året og nattbemanning etter ROS"},
    {"HELSE", "Legemiddelfeil i hjemmetjenesten", 4, 4, "Multidose, dobbeltkontroll og e-læring i legemiddelhåndtering"},
    {"HELSE", "Pandemi med høyt fravær blant ansatte", 2, 5, "Pandemiplan, beredskapslager og vaksinasjonstilbud"},
    {"HELSE", "Svikt i trygghetsalarmer og velferdsteknologi", 3, 4, "Overvåkning av mottakssentral og manuell reserverutine"},
    {"HELSE", "Mangel på sykepleiere", 5, 3, "Heltidskultur, kompetansestige og samarbeid med høyskolen"},
    {"HELSE", "Fall med alvorlig skade hos beboere", 4, 3, "Fallrisikovurdering og fysioterapi for nye beboere"},
    {"HELSE", "Smitteutbrudd i sykehjem", 3, 4, "Smittevernplan, hygienesykepleier og isolatkapasitet"},
    {"KULT", "Brann i kulturhuset under arrangement", 1, 5, "Branninstruks, vakthold og evakueringsøvelse"},
    {"KULT", "Trengsel og ulykke ved store arrangementer", 2, 4, "Sikkerhetsplan for arrangementer over 500 deltakere"},
    {"TEKN", "Svikt i vannforsyning", 2, 5, "Reservevannkilde, nødvannsplan og overvåking av høydebasseng"},
    {"TEKN", "Forurensning av drikkevann", 2, 5, "Barrierer i vannbehandlingen, prøvetaking og varslingsrutiner"},
    {"TEKN", "Flom eller ras stenger kommunal vei", 3, 3, "Beredskapsplan for omkjøring og avtaler med entreprenører"},
    {"TEKN", "Kloakkutslipp ved pumpestasjon", 3, 3, "Nødoverløp med alarm og fornyelse av pumpestasjoner"},
    {"TEKN", "Brann i skolebygg", 2, 4, "Brannalarm koblet til 110-sentral og internkontroll etter forskrift"},
    {"TEKN", "Langvarig strømbrudd i kommunale bygg", 2, 4, "Nødstrøm for sykehjem, vannverk og kriseledelse"},
    {"PLAN", "Feil i byggesaksbehandling gir erstatningskrav", 2, 3, "Sjekklister, kollegakontroll og kompetanseplan"},
    {"PLAN", "Kvikkleireskred i byggefelt", 1, 5, "Geoteknisk vurdering i alle nye reguleringsplaner"},
    {"PLAN", "Stormflo og havnivåstigning i sentrum", 3, 3, "Minste kotehøyde i kommuneplanen og overvann i planer"},
    {"NAV", "Vold mot ansatte ved NAV-kontoret", 3, 4, "Alarm, to ansatte ved risikomøter og samarbeid med politiet"},
    {"NAV", "Feilutbetaling av økonomisk sosialhjelp", 3, 2, "Attestasjon og stikkprøvekontroll av vedtak"},
    {"NAV", "Bosetting av flyktninger uten egnede boliger", 3, 3, "Boligsosial plan og samarbeid med private utleiere"},
    {"SENT", "Renteøkning svekker driftsbalansen", 3, 4, "Rentesikring av minst 1/3 av gjelden etter finansreglementet"},
    {"SENT", "Svikt i skatteinngang", 2, 4, "Buffer i disposisjonsfond og månedlig oppfølging"},
};
enum { NHAZARDS = (int)(sizeof hazards / sizeof hazards[0]) };

static int gen_risks(const sg_model *m, const char *dir) {
  sg_csv c;
  if (sg_csv_open(&c, dir, "risk",
                  "id;area_code;hazard;probability;consequence;measures;responsible;deadline;status;"
                  "assessed_date"))
    return -1;
  sg_rng r;
  sg_rng_init(&r, m->seed, SG_S_RISK);
  for (int rep = 1; rep <= m->scale; rep++) {
    for (int i = 0; i < NHAZARDS; i++) {
      const hazard_spec *h = &hazards[i];
      int ai = sg_area_index(h->area);
      char id[32];
      if (rep == 1) snprintf(id, sizeof id, "ROS-%02d", i + 1);
      else snprintf(id, sizeof id, "ROS-%02d-%d", i + 1, rep);
      int p = h->p + sg_rng_int(&r, -1, 1) * (rep > 1), cq = h->c;
      if (p < 1) p = 1;
      if (p > 5) p = 5;
      sg_date assessed = sg_add_days((sg_date){2024, 1, 15}, sg_rng_int(&r, 0, 960));
      sg_date deadline = sg_add_days(assessed, sg_rng_int(&r, 120, 540));
      deadline.d = sg_days_in_month(deadline.y, deadline.m);
      double u = sg_rng_unit(&r);
      const char *status = u < 0.25 ? "åpen" : u < 0.8 ? "tiltak pågår" : "lukket";
      if (p * cq >= 15 && !strcmp(status, "lukket")) status = "tiltak pågår";
      sg_csv_str(&c, id);
      sg_csv_str(&c, h->area);
      sg_csv_str(&c, h->hazard);
      sg_csv_int(&c, p);
      sg_csv_int(&c, cq);
      sg_csv_str(&c, h->measures);
      sg_csv_str(&c, sg_areas[ai].chief);
      sg_csv_date(&c, deadline);
      sg_csv_str(&c, status);
      sg_csv_date(&c, assessed);
      sg_csv_end(&c);
    }
  }
  return sg_csv_close(&c);
}

typedef struct company_spec {
  const char *name, *form;
  double pct;
  const char *purpose;
  int64_t base; /* first eight digits of the organisation number, before the check digit */
  double revenue, margin, equity_ratio;
  int women, men;           /* the board */
  const char *meeting;      /* the last generalforsamling/representantskap/foretaksmøte; NULL: none */
  const char *strategy[3];  /* the owner's strategy points (eierstrategi), NULL-terminated */
} company_spec;
static const company_spec companies[] = {
    {"Fjordvik Energi AS", "AS", 100, "Produksjon og omsetning av fornybar energi", 91348271, 310e6, 0.11, 0.45,
     3, 2, "2026-05-28",
     {"Selskapet skal gi kommunen et forutsigbart utbytte på minst 20 mill. kr i året",
      "Selskapet skal øke produksjonen av fornybar energi i regionen", NULL}},
    {"Fjordvik Havn AS", "AS", 100, "Drift og utvikling av havneområdene i Fjordvik", 99218460, 42e6, 0.06, 0.55,
     2, 3, "2026-05-20",
     {"Havna skal være selvfinansierende", "Selskapet skal legge til rette for grønn skipsfart", NULL}},
    {"Fjordvik Næringseiendom AS", "AS", 100, "Utvikling og utleie av næringseiendom", 92460573, 28e6, 0.09, 0.35,
     1, 4, "2026-06-04",
     {"Selskapet skal utvikle næringsareal i tråd med kommuneplanens arealdel", NULL, NULL}},
    {"Fjordvik Parkering KF", "KF", 100, "Drift av kommunale parkeringsplasser og håndheving", 97163840, 9e6, 0.04, 0.3,
     2, 1, "2025-12-10",
     {"Foretaket skal drives til selvkost", "Parkeringspolitikken skal støtte sentrumsutviklingen", NULL}},
    {"Fjordregionen Renovasjon IKS", "IKS", 38.4, "Innsamling og behandling av husholdningsavfall", 96410258, 160e6, 0.01, 0.2,
     3, 3, "2026-04-23",
     {"Gebyrene skal ikke overstige selvkost", "Materialgjenvinningen skal være minst 55 % innen 2030", NULL}},
    {"Fjordregionen Revisjon IKS", "IKS", 27.5, "Regnskapsrevisjon og forvaltningsrevisjon for eierkommunene", 98752031, 24e6, 0.0, 0.15,
     2, 2, "2026-04-16",
     {"Selskapet skal levere revisjon av høy faglig kvalitet til eierkommunene", NULL, NULL}},
    {"Fjordregionen Brann og redning IKS", "IKS", 41.2, "Brannvern, feiing og redningstjeneste", 93107694, 95e6, 0.005, 0.1,
     1, 5, "2026-06-11",
     {"Innsatstiden skal ligge innenfor kravene i dimensjoneringsforskriften",
      "Selskapet skal samordne beredskapen med nabokommunene", NULL}},
    {"Fjordregionen Vekst AS", "AS", 55, "Arbeidsrettede tiltak og varig tilrettelagt arbeid", 95823106, 38e6, 0.02, 0.4,
     3, 2, "2026-05-07",
     {"Minst 40 % av deltakerne skal gå over til arbeid eller utdanning", NULL, NULL}},
    {"Stiftelsen Fjordvik Kystkultursenter", "stiftelse", 100, "Formidling av kystkultur og drift av kystkultursenteret",
     91652307, 6e6, 0.01, 0.6, 2, 2, NULL,
     {"Kommunen oppnevner to av fire styremedlemmer og følger stiftelsen gjennom årsmeldingen", NULL, NULL}},
};
enum { NCOMPANIES = (int)(sizeof companies / sizeof companies[0]) };

/* A valid Norwegian organisation number (modulus 11, weights 3 2 7 6 5 4 3 2) from an 8-digit
 * base: the base is increased until the check digit is not 10. */
static void org_number(char *out, size_t cap, int64_t base) {
  static const int w[8] = {3, 2, 7, 6, 5, 4, 3, 2};
  for (;; base++) {
    int sum = 0;
    int64_t b = base;
    for (int i = 7; i >= 0; i--, b /= 10) sum += (int)(b % 10) * w[i];
    int check = 11 - sum % 11;
    if (check == 11) check = 0;
    if (check == 10) continue;
    sg_fmt_int(out, cap, base * 10 + check);
    return;
  }
}

static int gen_companies(const sg_model *m, const char *dir) {
  sg_csv c, cf, cs;
  if (sg_csv_open(&c, dir, "company",
                  "org_number;name;form;ownership_pct;purpose;board_women;board_men;owner_meeting_date") ||
      sg_csv_open(&cf, dir, "company_figure", "org_number;year;operating_revenue;annual_result;equity;total_assets") ||
      sg_csv_open(&cs, dir, "company_strategy", "org_number;sort_order;text"))
    return -1;
  sg_rng r;
  sg_rng_init(&r, m->seed, SG_S_COMPANY);
  for (int i = 0; i < NCOMPANIES; i++) {
    const company_spec *s = &companies[i];
    char org[16];
    org_number(org, sizeof org, s->base);
    sg_csv_str(&c, org);
    sg_csv_str(&c, s->name);
    sg_csv_str(&c, s->form);
    sg_csv_num(&c, s->pct, 1, 1);
    sg_csv_str(&c, s->purpose);
    sg_csv_int(&c, s->women);
    sg_csv_int(&c, s->men);
    sg_csv_str(&c, s->meeting);
    sg_csv_end(&c);
    for (int k = 0; k < 3 && s->strategy[k]; k++) {
      sg_csv_str(&cs, org);
      sg_csv_int(&cs, k + 1);
      sg_csv_str(&cs, s->strategy[k]);
      sg_csv_end(&cs);
    }
    double revenue = s->revenue, equity = s->revenue * s->equity_ratio * 2;
    for (int y = 2022; y <= 2025; y++) {
      revenue *= 1 + 0.04 + sg_rng_normal(&r) * 0.05;
      double result = revenue * (s->margin + sg_rng_normal(&r) * 0.03);
      equity += result * 0.6;
      double ratio = s->equity_ratio * (1 + sg_rng_normal(&r) * 0.05);
      sg_csv_str(&cf, org);
      sg_csv_int(&cf, y);
      sg_csv_int(&cf, sg_round(revenue / 1000) * 1000);
      sg_csv_int(&cf, sg_round(result / 1000) * 1000);
      sg_csv_int(&cf, sg_round(equity / 1000) * 1000);
      sg_csv_int(&cf, sg_round(equity / ratio / 1000) * 1000);
      sg_csv_end(&cf);
    }
  }
  int rc = sg_csv_close(&c);
  rc |= sg_csv_close(&cs);
  rc |= sg_csv_close(&cf);
  return rc ? -1 : 0;
}

static int gen_leader_agreements(const sg_model *m, const char *dir) {
  sg_csv c;
  if (sg_csv_open(&c, dir, "leader_agreement", "unit_code;year;leader;signed_date")) return -1;
  sg_rng r;
  sg_rng_init(&r, m->seed, SG_S_LEADER);
  for (int i = 0; i < m->nunits; i++) {
    const sg_unit *u = &m->units[i];
    if (u->fte <= 0) continue;
    /* about one unit in eight got a new head in 2025 or 2026 */
    char previous[64];
    sg_person_name(&r, previous, sizeof previous);
    int changed = sg_rng_chance(&r, 0.125) ? sg_rng_int(&r, 2025, 2026) : 0;
    for (int y = 2024; y <= 2026; y++) {
      const char *leader = changed && y < changed ? previous : u->head;
      sg_csv_str(&c, u->code);
      sg_csv_int(&c, y);
      sg_csv_str(&c, leader);
      /* signed in February-March, some in April; in 2026 some are still not signed */
      int signed_it = y < 2026 ? 1 : !sg_rng_chance(&r, 0.15);
      if (signed_it) {
        sg_date d = sg_add_days((sg_date){y, 2, 1}, sg_rng_int(&r, 0, sg_rng_chance(&r, 0.2) ? 85 : 58));
        sg_csv_date(&c, d);
      } else {
        sg_csv_null(&c);
      }
      sg_csv_end(&c);
    }
  }
  return sg_csv_close(&c);
}

int sg_gen_control(sg_model *m, const char *dir) {
  if (gen_deviations(m, dir) || gen_risks(m, dir) || gen_companies(m, dir) ||
      gen_leader_agreements(m, dir))
    return -1;
  return 0;
}
