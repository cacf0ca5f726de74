/* samples/gen/sg_org.c — the organisation of Fjordvik kommune: the municipality row, the eight
 * budget areas (rammeområder) and the units (enheter) with their kind, head and staffing base.
 * --scale N adds copies 2..N of every staffed unit ("ENH2010-2", "Fjordvik skole 2"). */
#include <stdlib.h>
#include <string.h>

#include "sg.h"

const sg_area sg_areas[SG_NAREAS] = {
    {"STAB", "Stab og støtte", "assisterende kommunedirektør"},
    {"OPPV", "Oppvekst", "kommunalsjef oppvekst"},
    {"HELSE", "Helse og omsorg", "kommunalsjef helse og omsorg"},
    {"KULT", "Kultur", "kultursjef"},
    {"TEKN", "Teknisk drift og eiendom", "kommunalsjef teknisk drift og eiendom"},
    {"PLAN", "Plan og miljø", "plan- og miljøsjef"},
    {"NAV", "NAV og sosiale tjenester", "NAV-leder"},
    {"SENT", "Sentrale inntekter og finans", "økonomisjef"},
};

int sg_area_index(const char *code) {
  for (int i = 0; i < SG_NAREAS; i++)
    if (strcmp(sg_areas[i].code, code) == 0) return i;
  return -1;
}

/* About 1 800 årsverk in total, as in a Norwegian municipality of 25 000 inhabitants. */
const sg_unit_spec sg_unit_specs[] = {
    {"ENH1010", "STAB", "Kommunedirektørens stab", "stab", 18},
    {"ENH1020", "STAB", "Økonomiavdelingen", "stab", 25},
    {"ENH1030", "STAB", "HR og organisasjon", "stab", 21},
    {"ENH1040", "STAB", "IKT og digitalisering", "ikt", 23},
    {"ENH1050", "STAB", "Servicetorget og dokumentsenter", "stab", 17},
    {"ENH1060", "STAB", "Politisk sekretariat", "politisk", 6},
    {"ENH2010", "OPPV", "Fjordvik skole", "skole", 94},
    {"ENH2020", "OPPV", "Nordbygda skole", "skole", 60},
    {"ENH2030", "OPPV", "Sjøgata skole", "skole", 72},
    {"ENH2040", "OPPV", "Holmen skole", "skole", 40},
    {"ENH2050", "OPPV", "Fjordvik ungdomsskole", "skole", 83},
    {"ENH2060", "OPPV", "Sentrum barnehage", "barnehage", 40},
    {"ENH2070", "OPPV", "Solbakken barnehage", "barnehage", 34},
    {"ENH2080", "OPPV", "Nordbygda barnehage", "barnehage", 25},
    {"ENH2090", "OPPV", "Lia barnehage", "barnehage", 30},
    {"ENH2100", "OPPV", "PPT", "ppt", 13},
    {"ENH2110", "OPPV", "Barneverntjenesten", "barnevern", 31},
    {"ENH2120", "OPPV", "Fjordvik voksenopplæring", "voksenopplæring", 17},
    {"ENH2130", "OPPV", "Barnehagemyndighet", "barnehagemyndighet", 4},
    {"ENH3010", "HELSE", "Fjordtun sykehjem", "sykehjem", 166},
    {"ENH3020", "HELSE", "Nordbygda bo- og omsorgssenter", "sykehjem", 96},
    {"ENH3030", "HELSE", "Hjemmetjenesten sone nord", "hjemmetjeneste", 101},
    {"ENH3040", "HELSE", "Hjemmetjenesten sone sør", "hjemmetjeneste", 114},
    {"ENH3050", "HELSE", "Tjenester for funksjonshemmede", "bofellesskap", 153},
    {"ENH3060", "HELSE", "Psykisk helse og rus", "psykisk helse", 44},
    {"ENH3070", "HELSE", "Legetjenesten og legevakt", "legetjeneste", 30},
    {"ENH3080", "HELSE", "Helsestasjon og skolehelsetjeneste", "helsestasjon", 23},
    {"ENH3090", "HELSE", "Tildelingskontoret", "forvaltning", 13},
    {"ENH3100", "HELSE", "Fysio- og ergoterapi", "rehabilitering", 20},
    {"ENH4010", "KULT", "Fjordvik bibliotek", "bibliotek", 10},
    {"ENH4020", "KULT", "Kulturskolen", "kulturskole", 21},
    {"ENH4030", "KULT", "Fjordvik kulturhus", "kulturhus", 13},
    {"ENH4040", "KULT", "Fritid og frivillighet", "fritid", 9},
    {"ENH5010", "TEKN", "Eiendomsforvaltning", "eiendom", 34},
    {"ENH5020", "TEKN", "Renhold", "renhold", 57},
    {"ENH5030", "TEKN", "Vann og avløp", "vann og avløp", 26},
    {"ENH5040", "TEKN", "Vei og park", "vei og park", 22},
    {"ENH5050", "TEKN", "Kommunalteknikk og beredskap", "kommunalteknikk", 9},
    {"ENH6010", "PLAN", "Byggesak og oppmåling", "byggesak", 17},
    {"ENH6020", "PLAN", "Arealplan", "plan", 10},
    {"ENH6030", "PLAN", "Landbruk og miljø", "landbruk", 6},
    {"ENH7010", "NAV", "NAV Fjordvik (kommunal del)", "nav", 29},
    {"ENH7020", "NAV", "Flyktningtjenesten", "flyktning", 12},
    {"ENH7030", "NAV", "Boligkontoret", "bolig", 6},
    {"ENH9010", "SENT", "Skatt og rammetilskudd", "sentrale inntekter", 0},
    {"ENH9020", "SENT", "Eiendomsskatt", "sentrale inntekter", 0},
    {"ENH9030", "SENT", "Finans", "finans", 0},
    {"ENH9040", "SENT", "Avsetninger og overføringer", "finans", 0},
};
const int sg_nunit_specs = (int)(sizeof sg_unit_specs / sizeof sg_unit_specs[0]);

static const char *first_names[] = {
    "Kari", "Ola", "Ingrid", "Lars", "Marit", "Per", "Anne", "Knut", "Silje", "Erik",
    "Hilde", "Jon", "Ragnhild", "Tor", "Sigrid", "Bjørn", "Tone", "Geir", "Line", "Espen",
    "Camilla", "Håkon", "Nina", "Øystein", "Randi", "Trond", "Marte", "Vegard", "Siri", "Arne",
    "Heidi", "Kjetil", "Astrid", "Morten", "Ida", "Stian", "Gunn", "Rune", "Åse", "Jørgen"};
static const char *last_names[] = {
    "Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen",
    "Jensen", "Karlsen", "Pettersen", "Eriksen", "Berg", "Haugen", "Hagen", "Andreassen",
    "Jacobsen", "Dahl", "Halvorsen", "Henriksen", "Lund", "Strand", "Solberg", "Moen",
    "Bakken", "Lie", "Nygård", "Aas", "Fjeld", "Vik", "Myklebust", "Sæther", "Brekke",
    "Rønning", "Tangen", "Aune", "Øverland", "Sandvik", "Hovland", "Lien"};

void sg_person_name(sg_rng *r, char *out, size_t cap) {
  int nf = (int)(sizeof first_names / sizeof *first_names);
  int nl = (int)(sizeof last_names / sizeof *last_names);
  snprintf(out, cap, "%s %s", first_names[sg_rng_int(r, 0, nf - 1)],
           last_names[sg_rng_int(r, 0, nl - 1)]);
}

int sg_build_units(sg_model *m) {
  int n = 0;
  for (int i = 0; i < sg_nunit_specs; i++) n += sg_unit_specs[i].fte > 0 ? m->scale : 1;
  m->units = calloc((size_t)n, sizeof *m->units);
  if (!m->units) {
    fprintf(stderr, "rapp-samplegen: out of memory\n");
    return -1;
  }
  sg_rng r;
  sg_rng_init(&r, m->seed, SG_S_UNITS);
  int k = 0;
  /* Originals first in the order above, then replica 2 of every staffed unit, and so on, so a
   * larger scale only appends and unit k of scale 1 is unit k of every scale. */
  for (int rep = 1; rep <= m->scale; rep++) {
    for (int i = 0; i < sg_nunit_specs; i++) {
      const sg_unit_spec *s = &sg_unit_specs[i];
      if (rep > 1 && s->fte <= 0) continue;
      sg_unit *u = &m->units[k++];
      u->spec = i;
      u->replica = rep;
      u->area = sg_area_index(s->area);
      u->kind = s->kind;
      u->fte = s->fte;
      if (rep == 1) {
        snprintf(u->code, sizeof u->code, "%s", s->code);
        snprintf(u->name, sizeof u->name, "%s", s->name);
      } else {
        snprintf(u->code, sizeof u->code, "%s-%d", s->code, rep);
        snprintf(u->name, sizeof u->name, "%s %d", s->name, rep);
        u->fte = s->fte * (0.8 + 0.4 * sg_rng_unit(&r));
      }
      /* central income and finance lines have no head; the sample's own heads are all different */
      if (s->fte > 0) {
        int dup;
        do {
          sg_person_name(&r, u->head, sizeof u->head);
          dup = 0;
          for (int j = 0; rep == 1 && j < k - 1; j++) dup |= !strcmp(m->units[j].head, u->head);
        } while (dup);
      }
    }
  }
  m->nunits = k;
  return 0;
}

int sg_gen_org(sg_model *m, const char *dir) {
  sg_csv c;
  if (sg_csv_open(&c, dir, "municipality", "number;name;language;inhabitants;cutoff_date;logo"))
    return -1;
  sg_csv_str(&c, "4699");
  sg_csv_str(&c, "Fjordvik kommune");
  sg_csv_str(&c, "nb");
  sg_csv_int(&c, 25184 * (int64_t)m->scale);
  sg_csv_str(&c, "2026-09-30");
  sg_csv_null(&c);
  sg_csv_end(&c);
  if (sg_csv_close(&c)) return -1;

  if (sg_csv_open(&c, dir, "area", "code;name;sort_order")) return -1;
  for (int i = 0; i < SG_NAREAS; i++) {
    sg_csv_str(&c, sg_areas[i].code);
    sg_csv_str(&c, sg_areas[i].name);
    sg_csv_int(&c, (i + 1) * 10);
    sg_csv_end(&c);
  }
  if (sg_csv_close(&c)) return -1;

  if (sg_csv_open(&c, dir, "unit", "code;area_code;name;kind;head;sort_order")) return -1;
  for (int i = 0; i < m->nunits; i++) {
    const sg_unit *u = &m->units[i];
    sg_csv_str(&c, u->code);
    sg_csv_str(&c, sg_areas[u->area].code);
    sg_csv_str(&c, u->name);
    sg_csv_str(&c, u->kind);
    sg_csv_str(&c, u->head);
    /* sort by area (the specification table is grouped by area), then spec, then replica */
    int rank = 0;
    for (int s = 0; s < u->spec; s++) rank += sg_unit_specs[s].fte > 0 ? m->scale : 1;
    sg_csv_int(&c, rank + u->replica);
    sg_csv_end(&c);
  }
  return sg_csv_close(&c);
}
