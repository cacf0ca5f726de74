/* util/labels.c — THE label table (see labels.h). Write nynorsk after the 2012 norm and the
 * vocabulary of ../shared/DOMAIN.md; a se text is written only where the word is known (the rest
 * falls back to bokmål and is listed in the run's warning: docs/scripting.md). */
#include "util/labels.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#define NBSP "\xC2\xA0"

/* Keys: dotted, lower case English; the nb text is the source the others translate. */
const label_entry label_table[] = {
    /* pages, contents, colophon (pdf/, html/, xlsx/) */
    {"page", {"Side", "Side", "Siidu"}},
    {"page.of", {"av", "av", "/"}},
    {"page.lower", {"side", "side", "siidu"}},
    {"attachment", {"Vedlegg", "Vedlegg", NULL}},
    /* personvern (model/suppress.c, doc_marking_text): the public edition's footnote to ':', the
     * internal edition's marking */
    {"suppressed.note", {"Vises ikke av personvernhensyn", "Blir ikkje vist av omsyn til personvernet", NULL}},
    {"edition.exempt", {"Unntatt offentlighet, offl. \u00A7 13", "Unnateke offentlegheit, offl. \u00A7 13", NULL}},
    /* the edition line of "Om rapporten" (model/doc.c doc_about_lines) */
    {"about.edition", {"Utgave", "Utg\u00E5ve", NULL}},
    {"edition.public", {"Offentlig", "Offentleg", "Almmola\u0161"}},
    {"edition.internal", {"Intern", "Intern", "Siskk\u00E1ldas"}},
    {"produced", {"Produsert", "Produsert", "Ráhkaduvvon"}},
    {"contents", {"Innhold", "Innhald", "Sisdoallu"}},
    {"skip_to_content", {"Hopp til innholdet", "Hopp til innhaldet", "Njuike sisdollui"}},
    {"report", {"Rapport", "Rapport", "Raporta"}},
    {"table", {"Tabell", "Tabell", "Tabealla"}},
    {"figure", {"Figur", "Figur", "Govus"}},
    {"legend", {"Forklaring", "Forklaring", "Čilgehus"}},
    {"no_description", {"(uten beskrivelse)", "(utan skildring)", NULL}},
    {"no_title", {"(uten tittel)", "(utan tittel)", NULL}},
    {"preliminary", {"Foreløpig", "Førebels", NULL}},
    {"preliminary.until", {"data til og med", "data til og med", NULL}},
    /* units */
    {"unit.thousands", {"Beløp i 1" NBSP "000 kr", "Alle tal i heile 1" NBSP "000 kroner", NULL}},
    /* "Om rapporten" (model/doc.c doc_about_lines; the PDF's last page, the XLSX's first sheet,
     * the HTML footer) */
    {"about", {"Om rapporten", "Om rapporten", "Raportta birra"}},
    {"about.field", {"Opplysning", "Opplysning", "Diehtu"}},
    {"about.value", {"Verdi", "Verdi", "Árvu"}},
    {"about.made_with", {"Laget med", "Laga med", NULL}},
    {"about.municipality", {"Kommune", "Kommune", "Gielda"}},
    {"about.period", {"Periode", "Periode", "Áigodat"}},
    {"about.as_of", {"Per dato", "Per dato", NULL}},
    {"about.status", {"Status", "Status", "Stáhtus"}},
    {"about.complete",
     {"Komplett periode (hele perioden er med i datagrunnlaget)",
      "Komplett periode (heile perioden er med i datagrunnlaget)", NULL}},
    {"about.snapshot", {"Datagrunnlag", "Datagrunnlag", NULL}},
    {"about.snapshot_date", {"Datagrunnlag per", "Datagrunnlag per", NULL}},
    {"about.checksum", {"Kontrollsum (SHA-256)", "Kontrollsum (SHA-256)", NULL}},
    {"about.parameters", {"Parametere", "Parametrar", NULL}},
    {"about.none", {"ingen", "ingen", NULL}},
    /* the XLSX "Om rapporten" sheet's notes on the numbers (xlsx/xlsx_about.c) */
    {"xlsx.status_colours", {"Statusfarger", "Statusfargar", NULL}},
    {"xlsx.numbers", {"Om tallene", "Om tala", NULL}},
    {"xlsx.note.status",
     {"Status vises med farge, symbol og ord, så betydningen går fram også i svart-hvitt.",
      "Status blir vist med farge, symbol og ord, så tydinga går fram også i svart-kvitt.", NULL}},
    {"xlsx.note.types",
     {"Tall er lagret som tall og datoer som datoer; visningen følger språkinnstillingen.",
      "Tal er lagra som tal og datoar som datoar; visinga følgjer språkinnstillinga.", NULL}},
    {"xlsx.note.thousands",
     {"Beløp i 1 000 kr er lagret i hele kroner og vises i tusen kroner, så summer og formler "
      "regner med kroner.",
      "Beløp som er viste i tusen kroner, er lagra i heile kroner, så summar og formlar reknar med "
      "kroner.",
      NULL}},
    {"xlsx.note.percent",
     {"Prosenter er lagret som andeler: 12,5 % er verdien 0,125.",
      "Prosentar er lagra som delar: 12,5 % er verdien 0,125.", NULL}},
    {"xlsx.note.mixed",
     {"I kolonner med blandede enheter (resultatet i målekortet) står enheten i tallformatet, og "
      "verdien er tallet slik det vises: 7,6 % er verdien 7,6, 16 dager er 16.",
      "I kolonnar med blanda einingar (resultatet i målekortet) står eininga i talformatet, og "
      "verdien er talet slik det blir vist: 7,6 % er verdien 7,6, 16 dagar er 16.",
      NULL}},
    {"xlsx.note.empty",
     {"Mangler en verdi (Ikke målt), er cellen tom, og statuskolonnen sier hvorfor.",
      "Manglar ein verdi (Ikkje målt), er cella tom, og statuskolonnen seier kvifor.", NULL}},
    {"xlsx.note.subtotal",
     {"Delsummer og totaler er SUBTOTAL-formler: ved filtrering summerer de bare synlige rader.",
      "Delsummar og totalar er SUBTOTAL-formlar: ved filtrering summerer dei berre synlege rader.",
      NULL}},
    {"xlsx.note.outline",
     {"Grupperte rader kan foldes sammen med knappene i venstre marg.",
      "Grupperte rader kan faldast saman med knappane i venstre marg.", NULL}},
    /* charts (pdf/chart.c, xlsx/chart.c, html/html_chart.c) */
    {"chart.in_table",
     {"Tallene står i tabellen under figuren.", "Tala står i tabellen under figuren.", NULL}},
    {"chart.numbers", {"Tallene i figuren", "Tala i figuren", "Govvosa logut"}},
    {"chart.negative", {"Negativ", "Negativ", NULL}},
    {"chart.positive", {"Positiv", "Positiv", NULL}},
    {"chart.negative_values", {"Negative verdier (oransje)", "Negative verdiar (oransje)", NULL}},
    {"chart.positive_values", {"Positive verdier (blå)", "Positive verdiar (blå)", NULL}},
    {"chart.solid", {"hel linje", "heil linje", NULL}},
    {"chart.dashed", {"stiplet linje", "stipla linje", NULL}},
    {"chart.dotted", {"prikket linje", "prikka linje", NULL}},
    {"chart.dash_dot", {"strek-prikk-linje", "strek-prikk-linje", NULL}},
    {"chart.all_zero", {"Alle verdiene er 0", "Alle verdiane er 0", NULL}},
    {"pattern.diagonal", {"skravert", "skravert", NULL}},
    {"pattern.cross", {"rutet", "ruta", NULL}},
    {"pattern.dots", {"prikket", "prikka", NULL}},
    {"pattern.backdiag", {"motsatt skravert", "motsett skravert", NULL}},
    {"chart.reference", {"Referanselinje", "Referanselinje", NULL}},
    /* periods (util/period.c labels; month names are the same in nb and nn) */
    {"period.month", {"måned", "månad", "mánnu"}},
    /* se quarter: CLDR's North Sámi name of the field "quarter" (locale se_FI, fields/quarter/
     * displayName "njealjádasjahki"; ICU 72.1: udatpg_getFieldDisplayName(UDATPG_QUARTER_FIELD)).
     * No source found for a North Sámi "tertial": it falls back to bokmål with the warning. */
    {"period.quarter", {"kvartal", "kvartal", "njealjádasjahki"}},
    {"period.tertial", {"tertial", "tertial", NULL}},
    {"period.year", {"år", "år", "jahki"}},
    {"month.1", {"januar", "januar", "ođđajagemánnu"}},
    {"month.2", {"februar", "februar", "guovvamánnu"}},
    {"month.3", {"mars", "mars", "njukčamánnu"}},
    {"month.4", {"april", "april", "cuoŋománnu"}},
    {"month.5", {"mai", "mai", "miessemánnu"}},
    {"month.6", {"juni", "juni", "geassemánnu"}},
    {"month.7", {"juli", "juli", "suoidnemánnu"}},
    {"month.8", {"august", "august", "borgemánnu"}},
    {"month.9", {"september", "september", "čakčamánnu"}},
    {"month.10", {"oktober", "oktober", "golggotmánnu"}},
    {"month.11", {"november", "november", "skábmamánnu"}},
    {"month.12", {"desember", "desember", "juovlamánnu"}},
    /* ---- nnwords (issue 17, session 6): abbreviated months, parameter names, chart words ---- */
    /* Abbreviated months (fmt.month_short): Språkrådet's forms in nb and nn (as glibc's nb_NO and
     * nn_NO abmon); se from glibc's se_NO locale (abmon, Børre Gaup, UiT: hum.uit.no/a/trond/loc.html). */
    {"month.short.1", {"jan.", "jan.", "ođđj"}},
    {"month.short.2", {"feb.", "feb.", "guov"}},
    {"month.short.3", {"mars", "mars", "njuk"}},
    {"month.short.4", {"april", "april", "cuoŋ"}},
    {"month.short.5", {"mai", "mai", "mies"}},
    {"month.short.6", {"juni", "juni", "geas"}},
    {"month.short.7", {"juli", "juli", "suoi"}},
    {"month.short.8", {"aug.", "aug.", "borg"}},
    {"month.short.9", {"sep.", "sep.", "čakč"}},
    {"month.short.10", {"okt.", "okt.", "golg"}},
    {"month.short.11", {"nov.", "nov.", "skáb"}},
    {"month.short.12", {"des.", "des.", "juov"}},
    /* a chart's month categories: three letters without a dot (se: the same four as above) */
    {"month.axis.1", {"jan", "jan", "ođđj"}},
    {"month.axis.2", {"feb", "feb", "guov"}},
    {"month.axis.3", {"mar", "mar", "njuk"}},
    {"month.axis.4", {"apr", "apr", "cuoŋ"}},
    {"month.axis.5", {"mai", "mai", "mies"}},
    {"month.axis.6", {"jun", "jun", "geas"}},
    {"month.axis.7", {"jul", "jul", "suoi"}},
    {"month.axis.8", {"aug", "aug", "borg"}},
    {"month.axis.9", {"sep", "sep", "čakč"}},
    {"month.axis.10", {"okt", "okt", "golg"}},
    {"month.axis.11", {"nov", "nov", "skáb"}},
    {"month.axis.12", {"des", "des", "juov"}},
    /* a parameter's name in "Om rapporten" when the script gives no label (lua/rapp/engine.lua) */
    {"param.period", {"Periode", "Periode", "Áigodat"}},
    {"param.area", {"Rammeområde", "Rammeområde", NULL}},
    {"param.unit", {"Enhet", "Eining", NULL}},
    /* chart notes (xlsx/chart.c) and the HTML legend's marker names (html/html_chart.c) */
    {"chart.limit", {"grense", "grense", NULL}},
    {"chart.no_data", {"ingen data å vise", "ingen data å vise", NULL}},
    {"chart.reference_short", {"Referanse", "Referanse", NULL}},
    {"marker.circle", {"sirkel", "sirkel", NULL}},
    {"marker.square", {"firkant", "firkant", NULL}},
    {"marker.triangle", {"trekant", "trekant", NULL}},
    {"marker.diamond", {"rombe", "rombe", NULL}},
    {"marker.cross", {"kryss", "kryss", NULL}},
    /* ---- end nnwords ---- */
};
const size_t label_count = sizeof label_table / sizeof label_table[0];

static const char *const lang_codes[LABEL_NLANG] = {"nb", "nn", "se"};

label_lang label_lang_of(const char *language) {
  if (language && strncmp(language, "nn", 2) == 0) return LABEL_NN;
  if (language && strncmp(language, "se", 2) == 0) return LABEL_SE;
  return LABEL_NB;
}

int label_lang_valid(const char *language) {
  for (int i = 0; language && i < LABEL_NLANG; i++)
    if (strcmp(language, lang_codes[i]) == 0) return 1;
  return 0;
}

const char *label_lang_code(label_lang l) { return lang_codes[l < LABEL_NLANG ? l : LABEL_NB]; }

const label_entry *label_find(const char *key) {
  for (size_t i = 0; i < label_count; i++)
    if (strcmp(label_table[i].key, key) == 0) return &label_table[i];
  return NULL;
}

/* The keys missing in the run's language form (one report per process), kept in alphabetical
 * order: the script and then two renderers at once note them, and the warning must not depend on
 * which came first. */
enum { MISSING_MAX = 256 };
static char missing_keys[MISSING_MAX][64];
static size_t nmissing;

static pthread_mutex_t missing_lock = PTHREAD_MUTEX_INITIALIZER; /* two renderers may note at once */

void label_note_missing(const char *key) {
  pthread_mutex_lock(&missing_lock);
  size_t i = 0;
  int cmp = 1;
  while (i < nmissing && (cmp = strcmp(missing_keys[i], key)) < 0) i++;
  if (cmp != 0 && nmissing < MISSING_MAX) {
    memmove(missing_keys[i + 1], missing_keys[i], (nmissing - i) * sizeof missing_keys[0]);
    snprintf(missing_keys[i], sizeof missing_keys[0], "%s", key);
    nmissing++;
  }
  pthread_mutex_unlock(&missing_lock);
}

void label_missing_clear(void) {
  nmissing = 0;
}

size_t label_missing_text(char *buf, size_t n) {
  size_t used = 0;
  if (n) buf[0] = '\0';
  for (size_t i = 0; i < nmissing && used < n; i++)
    used += (size_t)snprintf(buf + used, n - used, "%s%s", i ? ", " : "", missing_keys[i]);
  return nmissing;
}

const char *label_get(const char *language, const char *key) {
  const label_entry *e = label_find(key);
  if (!e) return key;
  label_lang l = label_lang_of(language);
  if (e->text[l]) return e->text[l];
  label_note_missing(key);
  return e->text[LABEL_NB];
}

const char *label_month(const char *language, int month) {
  static const char *const keys[12] = {"month.1", "month.2", "month.3",  "month.4",
                                       "month.5", "month.6", "month.7",  "month.8",
                                       "month.9", "month.10", "month.11", "month.12"};
  return month >= 1 && month <= 12 ? label_get(language, keys[month - 1]) : NULL;
}
