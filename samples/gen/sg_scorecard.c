/* samples/gen/sg_scorecard.c — the målekort: the six focus areas with their hovedmål exactly as
 * in the governance document, suksessfaktorer (common and unique to an area), måleindikatorer,
 * resultatkrav per year (municipality, area or unit) and results per period. Sick leave, budget
 * deviation and net operating result are computed from the absence and accounts tables, so the
 * scorecard agrees with the rest of the sample; the other results are drawn around their targets. */
#include <stdlib.h>
#include <string.h>

#include "sg.h"

typedef struct focus_spec {
  const char *code, *name, *main_goal;
} focus_spec;
static const focus_spec focus[] = {
    {"SAMFUNN", "Samfunn", NULL},
    {"MEDVIRKNING", "Medvirkning", "Innbyggere som aktivt deltar i utviklingen av lokalsamfunnet"},
    {"MEDARBEIDERE", "Medarbeidere", "Motiverte og kompetente medarbeidere"},
    {"LAERING", "Læring og fornying", "Fremtidsrettet og lærende organisasjon"},
    {"OKONOMI", "Økonomi", "God økonomistyring og godt økonomisk handlingsrom"},
    {"BRUKERE", "Brukere", "Gode tjenester med fokus på kvalitet, tilgjengelighet og brukermedvirkning"},
};

typedef struct goal_spec {
  const char *code, *focus, *area, *name; /* area NULL = gjennomgående */
} goal_spec;
static const goal_spec goals[] = {
    {"MV1", "MEDVIRKNING", NULL, "Innbyggerne involveres tidlig i planer og beslutninger"},
    {"MV2", "MEDVIRKNING", NULL, "Barn og unge har reell innflytelse"},
    {"MA1", "MEDARBEIDERE", NULL, "Godt arbeidsmiljø og høyt nærvær"},
    {"MA2", "MEDARBEIDERE", NULL, "Kompetente og engasjerte medarbeidere"},
    {"MA3", "MEDARBEIDERE", "HELSE", "Heltidskultur i helse og omsorg"},
    {"LF1", "LAERING", NULL, "Systematisk forbedringsarbeid og god internkontroll"},
    {"LF2", "LAERING", NULL, "Digitale tjenester og arbeidsprosesser"},
    {"LF3", "LAERING", "STAB", "Stabile og sikre IKT-tjenester"},
    {"OK1", "OKONOMI", NULL, "Drift innenfor vedtatte rammer"},
    {"OK2", "OKONOMI", NULL, "Bærekraftig økonomisk handlingsrom"},
    {"OK3", "OKONOMI", "TEKN", "Verdibevarende vedlikehold av kommunale bygg"},
    {"BR1", "BRUKERE", NULL, "Fornøyde brukere"},
    {"BR2", "BRUKERE", NULL, "Tilgjengelige tjenester og god saksbehandling"},
    {"BR3", "BRUKERE", "OPPV", "Godt læringsmiljø og gode grunnleggende ferdigheter"},
    {"BR4", "BRUKERE", "OPPV", "Trygge og gode barnehager for alle som har rett på plass"},
    {"BR5", "BRUKERE", "HELSE", "Trygge og verdige helse- og omsorgstjenester"},
    {"BR6", "BRUKERE", "HELSE", "Rett tjeneste til rett tid"},
    {"BR7", "BRUKERE", "KULT", "Et rikt og tilgjengelig kulturtilbud"},
    {"BR8", "BRUKERE", "TEKN", "Sikker vannforsyning og godt vedlikeholdt infrastruktur"},
    {"BR9", "BRUKERE", "PLAN", "Effektiv og forutsigbar plan- og byggesaksbehandling"},
    {"BR10", "BRUKERE", "NAV", "Flere i arbeid og aktivitet"},
    {"BR11", "BRUKERE", "STAB", "God service og åpenhet overfor innbyggerne"},
};
enum { NGOALS = (int)(sizeof goals / sizeof goals[0]) };

enum { LM = 1, LA = 2, LU = 4 };                     /* levels with results */
enum { F_ODD = 1, F_Y26 = 2, F_NEW = 4, F_NOREP = 8 }; /* flags */
enum { X_NONE, X_SICK, X_SHORT, X_BUDGET, X_NDR, X_INBUDGET };

typedef struct ind_spec {
  const char *code, *goal, *name, *method, *uom;
  int decimals;
  char dir; /* 'h' higher is better, 'l' lower is better */
  const char *freq, *source;
  int levels;
  const char *kinds; /* unit kinds with unit results, "|"-separated; NULL = all staffed units */
  double d, a, sd, lo, hi, tight; /* 2025-2026 limits; spread; bounds; looser by `tight` before 2025 */
  int flags, special;
} ind_spec;

#define MF10 "10-FAKTOR medarbeiderundersøkelse"
#define MBK "bedrekommune.no brukerundersøkelse"
#define MFRAV "Fraværsstatistikk fra lønnssystem"
#define MREG "Regnskap (økonomisystem)"
#define MLON "Lønns- og personalsystem"
#define MSAK "Rapport fra sak/arkiv (ePhorte)"
#define MKVAL "Kvalitetssystem (KvalitetsLosen)"
#define MFAG "Uttrekk fra fagsystem"
#define MMAN "Manuell registrering"
static const ind_spec inds[] = {
    /* Medvirkning */
    {"MV01", "MV1", "Innbyggerinitiativ behandlet innen seks måneder", MSAK, "prosent", 0, 'h', "year", "sak/arkiv", LM, NULL, 100, 100, 4, 0, 100, 0, 0, 0},
    {"MV02", "MV1", "Deltakere på folkemøter og åpne medvirkningsmøter", MMAN, "antall", 0, 'h', "year", "manuell", LM, NULL, 600, 400, 120, 0, 5000, 50, 0, 0},
    {"MV03", "MV1", "Høringer med innspill fra innbyggere", MSAK, "prosent", 1, 'h', "year", "sak/arkiv", LM, NULL, 70, 50, 12, 0, 100, 0, 0, 0},
    {"MV04", "MV2", "Saker fra ungdomsrådet behandlet politisk", MSAK, "antall", 0, 'h', "year", "sak/arkiv", LM, NULL, 12, 8, 3, 0, 60, 0, 0, 0},
    {"MV05", "MV1", "Innbyggertilfredshet: mulighet for å påvirke", "bedrekommune.no innbyggerundersøkelse", "skår 1-6", 1, 'h', "year", "bedrekommune.no", LM, NULL, 4.2, 3.8, 0.25, 1, 6, 0, F_ODD, 0},
    {"MV06", "MV1", "Henvendelser fra innbyggere besvart innen 14 dager", MSAK, "prosent", 1, 'h', "tertial", "sak/arkiv", LM | LA, NULL, 90, 80, 6, 0, 100, 0, 0, 0},
    {"MV07", "MV2", "Digitale innbyggerdialoger gjennomført", MMAN, "antall", 0, 'h', "year", "manuell", LM, NULL, 6, 4, 2, 0, 40, 0, F_NEW, 0},
    {"MV08", "MV2", "Elevråd med møte med hovedutvalget", MMAN, "antall", 0, 'h', "year", "manuell", LM, NULL, 8, 6, 2, 0, 20, 0, F_Y26, 0},
    /* Medarbeidere */
    {"MA01", "MA1", "Sykefravær totalt", MFRAV, "prosent", 1, 'l', "month", "lønnssystem", LM | LA | LU, NULL, 6.0, 7.5, 0, 0, 100, 0.5, F_NOREP, X_SICK},
    {"MA02", "MA1", "Korttidsfravær (egenmeldt og legemeldt 1-16 dager)", MFRAV, "prosent", 1, 'l', "month", "lønnssystem", LM | LA, NULL, 1.5, 2.0, 0, 0, 100, 0, F_NOREP, X_SHORT},
    {"MA03", "MA2", "10-FAKTOR: Indre motivasjon", MF10, "skår 1-5", 1, 'h', "year", "10-FAKTOR", LM | LA, NULL, 4.4, 4.1, 0.15, 1, 5, 0, F_ODD, 0},
    {"MA04", "MA2", "10-FAKTOR: Mestringstro", MF10, "skår 1-5", 1, 'h', "year", "10-FAKTOR", LM | LA, NULL, 4.3, 4.0, 0.15, 1, 5, 0, F_ODD, 0},
    {"MA05", "MA2", "10-FAKTOR: Mestringsorientert ledelse", MF10, "skår 1-5", 1, 'h', "year", "10-FAKTOR", LM | LA, NULL, 4.0, 3.7, 0.2, 1, 5, 0, F_ODD, 0},
    {"MA06", "MA2", "10-FAKTOR: Rolleklarhet", MF10, "skår 1-5", 1, 'h', "year", "10-FAKTOR", LM | LA, NULL, 4.2, 3.9, 0.15, 1, 5, 0, F_ODD, 0},
    {"MA07", "MA2", "10-FAKTOR: Relevant kompetanseutvikling", MF10, "skår 1-5", 1, 'h', "year", "10-FAKTOR", LM | LA, NULL, 3.8, 3.5, 0.2, 1, 5, 0, F_ODD, 0},
    {"MA08", "MA2", "10-FAKTOR: Fleksibilitetsvilje", MF10, "skår 1-5", 1, 'h', "year", "10-FAKTOR", LM, NULL, 4.3, 4.0, 0.15, 1, 5, 0, F_ODD, 0},
    {"MA09", "MA2", "Gjennomførte medarbeidersamtaler", MKVAL, "prosent", 0, 'h', "year", "kvalitetssystem", LM | LA, NULL, 95, 85, 6, 0, 100, 0, 0, 0},
    {"MA10", "MA1", "Turnover", MLON, "prosent", 1, 'l', "year", "lønnssystem", LM | LA, NULL, 8, 11, 1.8, 0, 100, 0, 0, 0},
    {"MA11", "MA1", "Registrerte HMS-avvik med personskade", MKVAL, "antall", 0, 'l', "tertial", "kvalitetssystem", LM, NULL, 10, 18, 4, 0, 500, 0, 0, 0},
    {"MA12", "MA3", "Andel heltidsstillinger i helse og omsorg", MLON, "prosent", 1, 'h', "year", "lønnssystem", LA | LU, "sykehjem|hjemmetjeneste|bofellesskap", 50, 40, 6, 0, 100, 5, F_Y26, 0},
    {"MA13", "MA3", "Gjennomsnittlig stillingsstørrelse i helse og omsorg", MLON, "prosent", 1, 'h', "year", "lønnssystem", LA, NULL, 82, 78, 2.5, 0, 100, 2, F_Y26, 0},
    /* Læring og fornying */
    {"LF01", "LF1", "Ledere med gjennomført lederopplæring", MMAN, "prosent", 0, 'h', "year", "manuell", LM, NULL, 90, 75, 8, 0, 100, 10, 0, 0},
    {"LF02", "LF2", "Digitale selvbetjeningsløsninger for innbyggerne", MFAG, "antall", 0, 'h', "year", "fagsystem", LM, NULL, 40, 30, 5, 0, 500, 10, F_Y26, 0},
    {"LF03", "LF1", "Forbedringsforslag gjennomført", MKVAL, "antall", 0, 'h', "tertial", "kvalitetssystem", LM, NULL, 25, 15, 7, 0, 500, 0, 0, 0},
    {"LF04", "LF1", "Avvik lukket innen frist", MKVAL, "prosent", 1, 'h', "tertial", "kvalitetssystem", LM | LA, NULL, 90, 80, 6, 0, 100, 0, 0, 0},
    {"LF05", "LF1", "ROS-analyser gjennomført etter plan", MKVAL, "prosent", 0, 'h', "year", "kvalitetssystem", LM | LA, NULL, 100, 100, 4, 0, 100, 0, 0, 0},
    {"LF06", "LF2", "Ansatte med e-læring i informasjonssikkerhet", MKVAL, "prosent", 1, 'h', "year", "kvalitetssystem", LM | LA, NULL, 90, 80, 6, 0, 100, 0, 0, 0},
    {"LF07", "LF1", "Enheter med oppdaterte internkontrollrutiner", MKVAL, "prosent", 0, 'h', "year", "kvalitetssystem", LM, NULL, 100, 90, 6, 0, 100, 0, 0, 0},
    {"LF08", "LF2", "Saker med digital signatur og arkivering", MSAK, "prosent", 1, 'h', "quarter", "sak/arkiv", LM, NULL, 85, 70, 7, 0, 100, 10, 0, 0},
    {"LF09", "LF3", "Oppetid for sentrale fagsystemer", MFAG, "prosent", 2, 'h', "month", "fagsystem", LA, NULL, 99.5, 99.0, 0.25, 90, 100, 0, 0, 0},
    {"LF10", "LF3", "Brukerstøttesaker løst innen to arbeidsdager", MFAG, "prosent", 1, 'h', "tertial", "fagsystem", LA, NULL, 85, 75, 5, 0, 100, 0, 0, 0},
    /* Økonomi */
    {"OK01", "OK2", "Netto driftsresultat i prosent av driftsinntektene", MREG, "prosent", 2, 'h', "year", "regnskap", LM, NULL, 1.75, 0.5, 0, -20, 20, 0, F_NOREP, X_NDR},
    {"OK02", "OK1", "Merforbruk i prosent av periodisert budsjett, hittil i år", MREG, "prosent", 1, 'l', "month", "regnskap", LM | LA, NULL, 0, 1.0, 0, -100, 100, 0, F_NOREP, X_BUDGET},
    {"OK03", "OK2", "Disposisjonsfond i prosent av driftsinntektene", MREG, "prosent", 1, 'h', "year", "regnskap", LM, NULL, 10, 5, 2.5, 0, 50, 0, 0, 0},
    {"OK04", "OK2", "Netto lånegjeld i prosent av driftsinntektene", MREG, "prosent", 1, 'l', "year", "regnskap", LM, NULL, 90, 110, 9, 0, 300, 0, 0, 0},
    {"OK05", "OK1", "Enheter med regnskap innenfor budsjett", MREG, "prosent", 0, 'h', "year", "regnskap", LM, NULL, 80, 65, 0, 0, 100, 0, F_NOREP, X_INBUDGET},
    {"OK06", "OK1", "Fakturaer betalt innen forfall", MREG, "prosent", 1, 'h', "quarter", "regnskap", LM | LA, NULL, 98, 95, 1.5, 0, 100, 0, 0, 0},
    {"OK07", "OK1", "Sykepengerefusjon krevd innen frist", MLON, "prosent", 1, 'h', "quarter", "lønnssystem", LM, NULL, 98, 95, 1.5, 0, 100, 0, 0, 0},
    {"OK08", "OK3", "Vedlikehold av formålsbygg per kvadratmeter", MREG, "kr", 0, 'h', "year", "regnskap", LA, NULL, 150, 110, 25, 0, 1000, 20, 0, 0},
    {"OK09", "OK3", "Energiforbruk i kommunale bygg", MFAG, "kWh/m²", 0, 'l', "year", "fagsystem", LA, NULL, 150, 170, 12, 50, 400, 10, 0, 0},
    /* Brukere, gjennomgående */
    {"BR01", "BR1", "Brukertilfredshet samlet", MBK, "skår 1-6", 1, 'h', "year", "bedrekommune.no", LM | LA, NULL, 5.0, 4.5, 0.25, 1, 6, 0, F_Y26, 0},
    {"BR02", "BR2", "Klager behandlet innen frist", MSAK, "prosent", 1, 'h', "tertial", "sak/arkiv", LM | LA, NULL, 95, 85, 5, 0, 100, 0, 0, 0},
    {"BR03", "BR2", "Enkeltvedtak fattet innen lovpålagt frist", MSAK, "prosent", 1, 'h', "tertial", "sak/arkiv", LM | LA, NULL, 95, 90, 3, 0, 100, 0, 0, 0},
    {"BR04", "BR2", "Henvendelser besvart i digitale kanaler", MFAG, "prosent", 1, 'h', "year", "fagsystem", LM, NULL, 60, 45, 7, 0, 100, 10, 0, 0},
    /* Brukere, Oppvekst */
    {"OP01", "BR3", "Nasjonale prøver 5. trinn, lesing", "Nasjonale prøver (Udir)", "skalapoeng", 0, 'h', "year", "fagsystem", LA | LU, "skole", 50, 48, 1.5, 20, 80, 0, 0, 0},
    {"OP02", "BR3", "Nasjonale prøver 5. trinn, regning", "Nasjonale prøver (Udir)", "skalapoeng", 0, 'h', "year", "fagsystem", LA | LU, "skole", 50, 48, 1.5, 20, 80, 0, 0, 0},
    {"OP03", "BR3", "Nasjonale prøver 8. trinn, lesing", "Nasjonale prøver (Udir)", "skalapoeng", 0, 'h', "year", "fagsystem", LA, NULL, 50, 48, 1.5, 20, 80, 0, 0, 0},
    {"OP04", "BR3", "Elevundersøkelsen 7. trinn: trivsel", "Elevundersøkelsen (Udir)", "skår 1-5", 1, 'h', "year", "fagsystem", LA | LU, "skole", 4.3, 4.1, 0.12, 1, 5, 0, F_Y26, 0},
    {"OP05", "BR3", "Elever som opplever mobbing (7. og 10. trinn)", "Elevundersøkelsen (Udir)", "prosent", 1, 'l', "year", "fagsystem", LA | LU, "skole", 4, 6, 1.3, 0, 100, 0, F_Y26, 0},
    {"OP06", "BR3", "Grunnskolepoeng", MFAG, "poeng", 1, 'h', "year", "fagsystem", LA, NULL, 42, 40, 1.0, 20, 60, 0, 0, 0},
    {"OP07", "BR4", "Foreldretilfredshet barnehage", MBK, "skår 1-6", 1, 'h', "year", "bedrekommune.no", LA | LU, "barnehage", 5.2, 4.8, 0.2, 1, 6, 0, 0, 0},
    {"OP08", "BR4", "Barn 1-5 år med barnehageplass", MFAG, "prosent", 1, 'h', "year", "fagsystem", LA, NULL, 93, 90, 1.5, 0, 100, 0, 0, 0},
    {"OP09", "BR4", "Pedagogiske ledere med barnehagelærerutdanning", MLON, "prosent", 0, 'h', "year", "lønnssystem", LA | LU, "barnehage", 100, 90, 5, 0, 100, 0, 0, 0},
    {"OP10", "BR3", "Ventetid på utredning i PPT", MFAG, "dager", 0, 'l', "tertial", "fagsystem", LA, NULL, 60, 90, 15, 0, 365, 0, 0, 0},
    {"OP11", "BR3", "Bekymringsmeldinger til barnevernet behandlet innen en uke", MFAG, "prosent", 1, 'h', "tertial", "fagsystem", LA, NULL, 100, 95, 3, 0, 100, 0, 0, 0},
    /* Brukere, Helse og omsorg */
    {"HO01", "BR5", "Pårørendetilfredshet sykehjem", MBK, "skår 1-6", 1, 'h', "year", "bedrekommune.no", LA | LU, "sykehjem", 5.0, 4.6, 0.2, 1, 6, 0, 0, 0},
    {"HO02", "BR5", "Brukertilfredshet hjemmetjenesten", MBK, "skår 1-6", 1, 'h', "year", "bedrekommune.no", LA | LU, "hjemmetjeneste", 5.0, 4.6, 0.2, 1, 6, 0, 0, 0},
    {"HO03", "BR6", "Ventetid på vedtak om helse- og omsorgstjenester", MFAG, "dager", 0, 'l', "tertial", "fagsystem", LA, NULL, 14, 21, 4, 0, 365, 0, 0, 0},
    {"HO04", "BR6", "Ventetid på langtidsplass i sykehjem", MFAG, "dager", 0, 'l', "tertial", "fagsystem", LA, NULL, 30, 45, 10, 0, 365, 0, 0, 0},
    {"HO05", "BR5", "Pasienter med legemiddelgjennomgang siste 12 måneder", MFAG, "prosent", 1, 'h', "tertial", "fagsystem", LA | LU, "sykehjem", 90, 80, 6, 0, 100, 0, 0, 0},
    {"HO06", "BR5", "Avvik i legemiddelhåndtering", MKVAL, "antall", 0, 'l', "tertial", "kvalitetssystem", LA | LU, "sykehjem|hjemmetjeneste", 10, 20, 5, 0, 500, 0, 0, 0},
    {"HO07", "BR6", "Liggedøgn for utskrivningsklare pasienter på sykehus", MFAG, "antall", 0, 'l', "month", "fagsystem", LA, NULL, 10, 25, 9, 0, 500, 0, 0, 0},
    {"HO08", "BR5", "Brukere med oppdatert IPLOS-kartlegging", MFAG, "prosent", 1, 'h', "tertial", "fagsystem", LA, NULL, 95, 85, 5, 0, 100, 0, 0, 0},
    /* Brukere, Kultur */
    {"KU01", "BR7", "Besøk i biblioteket", MFAG, "antall", 0, 'h', "quarter", "fagsystem", LA, NULL, 22000, 18000, 2500, 0, 1000000, 0, 0, 0},
    {"KU02", "BR7", "Elever i kulturskolen i prosent av elever i grunnskolen", MFAG, "prosent", 1, 'h', "year", "fagsystem", LA, NULL, 20, 15, 2.5, 0, 100, 0, F_Y26, 0},
    {"KU03", "BR7", "Søkere på venteliste til kulturskolen", MFAG, "antall", 0, 'l', "year", "fagsystem", LA, NULL, 20, 40, 10, 0, 1000, 0, F_Y26, 0},
    {"KU04", "BR7", "Arrangementer i kulturhuset", MFAG, "antall", 0, 'h', "year", "fagsystem", LA, NULL, 150, 120, 15, 0, 2000, 0, 0, 0},
    /* Brukere, Teknisk drift og eiendom */
    {"TD01", "BR8", "Vanntap i prosent av produsert vann", MFAG, "prosent", 1, 'l', "year", "fagsystem", LA, NULL, 25, 35, 5, 0, 100, 0, 0, 0},
    {"TD02", "BR8", "Brudd på kommunale vannledninger", MFAG, "antall", 0, 'l', "quarter", "fagsystem", LA, NULL, 5, 10, 3, 0, 200, 0, 0, 0},
    {"TD03", "BR8", "Meldte feil på gatelys utbedret innen 14 dager", MFAG, "prosent", 1, 'h', "tertial", "fagsystem", LA, NULL, 90, 80, 6, 0, 100, 0, 0, 0},
    {"TD04", "BR8", "Drikkevannsprøver uten anmerkning", MFAG, "prosent", 1, 'h', "quarter", "fagsystem", LA, NULL, 100, 98, 1.2, 0, 100, 0, 0, 0},
    /* Brukere, Plan og miljø */
    {"PM01", "BR9", "Byggesaker behandlet innen 12 ukers frist", MFAG, "prosent", 1, 'h', "tertial", "fagsystem", LA, NULL, 100, 95, 3, 0, 100, 0, 0, 0},
    {"PM02", "BR9", "Gjennomsnittlig saksbehandlingstid for byggesaker", MFAG, "dager", 0, 'l', "tertial", "fagsystem", LA, NULL, 35, 49, 8, 0, 365, 0, 0, 0},
    {"PM03", "BR9", "Private reguleringsplaner behandlet innen frist", MSAK, "prosent", 0, 'h', "year", "sak/arkiv", LA, NULL, 90, 80, 8, 0, 100, 0, 0, 0},
    {"PM04", "BR9", "Tilsyn i byggesaker", MFAG, "antall", 0, 'h', "year", "fagsystem", LA, NULL, 40, 30, 6, 0, 500, 0, 0, 0},
    /* Brukere, NAV og sosiale tjenester */
    {"NV01", "BR10", "Sosialhjelpsmottakere i aktivitet", MFAG, "prosent", 1, 'h', "tertial", "fagsystem", LA, NULL, 70, 60, 5, 0, 100, 0, 0, 0},
    {"NV02", "BR10", "Gjennomsnittlig stønadslengde, økonomisk sosialhjelp", MFAG, "måneder", 1, 'l', "year", "fagsystem", LA, NULL, 4.0, 5.0, 0.5, 0, 12, 0, 0, 0},
    {"NV03", "BR10", "Mottakere av sosialhjelp under 25 år", MFAG, "antall", 0, 'l', "quarter", "fagsystem", LA, NULL, 40, 55, 8, 0, 1000, 0, 0, 0},
    {"NV04", "BR10", "Saksbehandlingstid for økonomisk sosialhjelp", MFAG, "dager", 0, 'l', "month", "fagsystem", LA, NULL, 10, 14, 2.5, 0, 90, 0, 0, 0},
    {"NV05", "BR10", "Flyktninger i arbeid eller utdanning etter introduksjonsprogrammet", MFAG, "prosent", 0, 'h', "year", "fagsystem", LA, NULL, 70, 60, 6, 0, 100, 0, 0, 0},
    /* Brukere, Stab og støtte */
    {"ST01", "BR11", "Innsynskrav besvart innen tre virkedager", MSAK, "prosent", 1, 'h', "tertial", "sak/arkiv", LA, NULL, 95, 85, 5, 0, 100, 0, 0, 0},
    {"ST02", "BR11", "Henvendelser til servicetorget løst ved første kontakt", MFAG, "prosent", 1, 'h', "quarter", "fagsystem", LA, NULL, 80, 70, 5, 0, 100, 0, 0, 0},
};
enum { NINDS = (int)(sizeof inds / sizeof inds[0]) };

/* Targets that differ from the indicator's own for an area or a kind of unit. */
typedef struct override {
  const char *ind, *area, *kind; /* area: area target; kind: one target per unit of that kind */
  double d, a;
} override;
static const override overrides[] = {
    {"MA01", "HELSE", NULL, 7.0, 8.5},
    {"MA01", NULL, "sykehjem", 7.5, 9.5},
    {"MA01", NULL, "barnehage", 7.0, 8.5},
    {"MA01", NULL, "renhold", 7.0, 9.0},
    {"MA02", "HELSE", NULL, 2.0, 2.5},
    {"MA02", "OPPV", NULL, 2.0, 2.5},
    {"BR01", "OPPV", NULL, 4.8, 4.5},
    {"OK02", "HELSE", NULL, 0.5, 2.0},
};
enum { NOVERRIDES = (int)(sizeof overrides / sizeof overrides[0]) };

static const char *missing_comments[] = {
    "Tall ikke levert fra fagsystemet",
    "For få svar til å rapportere resultat",
    "Registreringen er mangelfull; tallet holdes tilbake",
};
static const char *red_comments[] = {
    "Tiltaksplan er utarbeidet og følges opp i lederavtalen.",
    "Avviket er drøftet i lederdialog; korrigerende tiltak er iverksatt.",
    "Vakanser og høyt langtidsfravær i perioden.",
    "Kapasitetsutfordringer etter omorganisering; forventes bedre neste periode.",
};

/* Why a value is missing: surveys lack answers, registers lack deliveries. */
static const char *missing_comment(const ind_spec *s, sg_rng *r) {
  int survey = !strcmp(s->source, "bedrekommune.no") || !strcmp(s->source, "10-FAKTOR") ||
               strstr(s->method, "undersøkelse") != NULL;
  return survey ? missing_comments[1] : missing_comments[sg_rng_chance(r, 0.5) ? 0 : 2];
}

static int has_kind(const char *kinds, const char *kind) {
  if (!kinds) return 1;
  size_t n = strlen(kind);
  for (const char *p = kinds; *p;) {
    const char *e = strchr(p, '|');
    size_t len = e ? (size_t)(e - p) : strlen(p);
    if (len == n && !strncmp(p, kind, n)) return 1;
    if (!e) break;
    p = e + 1;
  }
  return 0;
}

static const goal_spec *goal_of(const ind_spec *s) {
  for (int i = 0; i < NGOALS; i++)
    if (!strcmp(goals[i].code, s->goal)) return &goals[i];
  return NULL;
}

/* The limits that apply to a result (the unit's, else its area's, else the indicator's). */
static void limits(const ind_spec *s, int year, int area, const sg_unit *u, double *d, double *a) {
  double bad = s->dir == 'l' ? 1 : -1, loosen = year < 2025 ? s->tight : 0;
  *d = s->d + bad * loosen;
  *a = s->a + bad * loosen;
  int best = 0;
  for (int i = 0; i < NOVERRIDES; i++) {
    const override *o = &overrides[i];
    if (strcmp(o->ind, s->code)) continue;
    if (u && o->kind && !strcmp(o->kind, u->kind)) {
      *d = o->d + bad * loosen, *a = o->a + bad * loosen, best = 2;
    } else if (best < 2 && o->area && area >= 0 && !strcmp(o->area, sg_areas[area].code)) {
      *d = o->d + bad * loosen, *a = o->a + bad * loosen, best = 1;
    }
  }
}

/* Periods of a frequency: codes, their year and (for months) the month index from 2024-01. */
typedef struct period_list {
  char code[64][10];
  int year[64], month_index[64], n;
} period_list;

static void periods(const ind_spec *s, period_list *p) {
  p->n = 0;
  if (!strcmp(s->freq, "month")) {
    for (int mi = 0; mi < SG_CUTOFF_MONTHS; mi++) {
      sg_fmt_month(p->code[p->n], sizeof p->code[0], SG_FIRST_YEAR + mi / 12, mi % 12 + 1);
      p->year[p->n] = SG_FIRST_YEAR + mi / 12;
      p->month_index[p->n++] = mi;
    }
  } else if (!strcmp(s->freq, "quarter") || !strcmp(s->freq, "tertial")) {
    int q = s->freq[0] == 'q';
    for (int y = 2023; y <= 2026; y++)
      for (int k = 1; k <= (q ? 4 : 3); k++) {
        if (y == 2026 && k > (q ? 3 : 2)) break; /* only periods ended by the cut-off */
        snprintf(p->code[p->n], sizeof p->code[0], "%d-%c%d", y, q ? 'Q' : 'T', k);
        p->year[p->n] = y;
        p->month_index[p->n++] = -1;
      }
  } else {
    for (int y = 2023; y <= ((s->flags & F_Y26) ? 2026 : 2025); y++) {
      snprintf(p->code[p->n], sizeof p->code[0], "%d", y);
      p->year[p->n] = y;
      p->month_index[p->n++] = -1;
    }
  }
}

static double clampd(double v, double lo, double hi) { return v < lo ? lo : v > hi ? hi : v; }

static void put_result(sg_csv *c, const char *code, const char *period, int area, const sg_unit *u,
                       int has_value, double v, int decimals, const char *comment) {
  sg_csv_str(c, code);
  sg_csv_str(c, period);
  sg_csv_str(c, area >= 0 ? sg_areas[area].code : NULL);
  sg_csv_str(c, u ? u->code : NULL);
  if (has_value) sg_csv_num(c, v, decimals, 0);
  else sg_csv_null(c);
  sg_csv_str(c, comment);
  sg_csv_end(c);
}

/* Is the value outside the acceptable limit? */
static int unacceptable(const ind_spec *s, double v, double a) { return s->dir == 'l' ? v > a : v < a; }

/* Sick leave (short-term only when `only_short`) in % for a unit (i >= 0), an area or all. */
static double sick(const sg_model *m, int mi, int area, int unit, int only_short) {
  double num = 0, den = 0;
  if (unit >= 0) {
    size_t k = (size_t)unit * SG_CUTOFF_MONTHS + (size_t)mi;
    num = m->short_days[k] + (only_short ? 0 : m->long_days[k]);
    den = m->planned_days[k];
    return den > 0 ? num / den * 100 : 0;
  }
  for (int i = 0; i < m->nunits; i++) {
    if (m->units[i].fte <= 0) continue;
    if (unit >= 0 && i != unit) continue;
    if (area >= 0 && m->units[i].area != area) continue;
    size_t k = (size_t)i * SG_CUTOFF_MONTHS + (size_t)mi;
    num += m->short_days[k] + (only_short ? 0 : m->long_days[k]);
    den += m->planned_days[k];
  }
  return den > 0 ? num / den * 100 : 0;
}

/* Overspending so far this year in % of the periodised budget (negative = underspending). */
static double overspend(const sg_model *m, int mi, int area) {
  double b = 0, a = 0;
  int y = mi / 12;
  for (int i = 0; i < m->nunits; i++) {
    int ua = m->units[i].area;
    if (!strcmp(sg_areas[ua].code, "SENT") || (area >= 0 && ua != area)) continue;
    for (int k = y * 12; k <= mi; k++) {
      size_t idx = (size_t)i * SG_MONTHS + (size_t)k;
      b += (double)m->budget[idx];
      a += (double)m->actual[idx] / 100.0;
    }
  }
  return b != 0 ? (a - b) / (b < 0 ? -b : b) * 100 : 0;
}

static double net_result_pct(const sg_model *m, int y) {
  double net = 0, income = 0;
  for (int i = 0; i < m->nunits; i++)
    for (int k = y * 12; k < y * 12 + 12; k++) {
      size_t idx = (size_t)i * SG_MONTHS + (size_t)k;
      net += (double)m->actual[idx] / 100.0;
      income -= (double)m->actual_income[idx] / 100.0;
    }
  return income > 0 ? -net / income * 100 : 0;
}

static double units_in_budget_pct(const sg_model *m, int y) {
  int n = 0, ok = 0;
  for (int i = 0; i < m->nunits; i++) {
    if (m->units[i].fte <= 0) continue;
    double b = 0, a = 0;
    for (int k = y * 12; k < y * 12 + 12; k++) {
      size_t idx = (size_t)i * SG_MONTHS + (size_t)k;
      b += (double)m->budget[idx];
      a += (double)m->actual[idx] / 100.0;
    }
    n++;
    ok += a <= b;
  }
  return n ? 100.0 * ok / n : 0;
}

static int gen_results(const sg_model *m, sg_csv *c) {
  sg_rng r;
  sg_rng_init(&r, m->seed, SG_S_RESULT);
  double *uval = calloc((size_t)m->nunits, sizeof(double));
  int *uhas = calloc((size_t)m->nunits, sizeof(int));
  double *ucenter = calloc((size_t)m->nunits, sizeof(double));
  if (!uval || !uhas || !ucenter) {
    free(uval);
    free(uhas);
    free(ucenter);
    fprintf(stderr, "rapp-samplegen: out of memory\n");
    return -1;
  }
  period_list pl;
  for (int rep = 1; rep <= m->scale; rep++) {
    for (int ii = 0; ii < NINDS; ii++) {
      const ind_spec *s = &inds[ii];
      if (rep > 1 && (s->flags & F_NOREP)) continue;
      char code[32];
      if (rep == 1) snprintf(code, sizeof code, "%s", s->code);
      else snprintf(code, sizeof code, "%s-%d", s->code, rep);
      const goal_spec *g = goal_of(s);
      int own_area = g && g->area ? sg_area_index(g->area) : -1;
      double bad = s->dir == 'l' ? 1 : -1;
      /* each entity's level relative to its limits: <0 better than desired, >1 worse than acceptable */
      double muni_center = -0.8 + 1.5 * sg_rng_unit(&r), acenter[SG_NAREAS];
      for (int a = 0; a < SG_NAREAS; a++) acenter[a] = -0.8 + 1.5 * sg_rng_unit(&r);
      /* the units this copy measures: all for computed indicators, else copy N's units (units
       * are stored replica by replica, so that is one contiguous range) */
      int ulo = 0, uhi = m->nunits;
      if (!(s->flags & F_NOREP)) {
        while (ulo < m->nunits && m->units[ulo].replica < rep) ulo++;
        uhi = ulo;
        while (uhi < m->nunits && m->units[uhi].replica == rep) uhi++;
      }
      for (int i = ulo; i < uhi; i++) ucenter[i] = -0.8 + 1.6 * sg_rng_unit(&r);
      periods(s, &pl);
      for (int p = 0; p < pl.n; p++) {
        int y = pl.year[p], mi = pl.month_index[p], yi = y - SG_FIRST_YEAR;
        int odd_gap = (s->flags & F_ODD) && y == 2024;
        const char *odd_comment = "Undersøkelsen ikke gjennomført i 2024 (gjennomføres annethvert år)";
        /* units */
        double asum[SG_NAREAS] = {0};
        int acnt[SG_NAREAS] = {0};
        if (s->levels & LU) {
          for (int i = ulo; i < uhi; i++) {
            const sg_unit *u = &m->units[i];
            uhas[i] = 0;
            if (u->fte <= 0 || !has_kind(s->kinds, u->kind)) continue;
            if (own_area >= 0 && u->area != own_area) continue;
            if (odd_gap) continue;
            double d, a, v;
            limits(s, y, u->area, u, &d, &a);
            if (s->special == X_SICK) v = sick(m, mi, -1, i, 0);
            else {
              double spread = a != d ? (a - d) * bad : s->sd;
              v = d + bad * spread * ucenter[i] + s->sd * 0.7 * sg_rng_normal(&r);
              v = clampd(v, s->lo, s->hi);
            }
            uval[i] = v;
            uhas[i] = 1;
            asum[u->area] += v;
            acnt[u->area]++;
            if (s->special != X_SICK && sg_rng_chance(&r, 0.03)) {
              put_result(c, code, pl.code[p], u->area, u, 0, 0, s->decimals, missing_comment(s, &r));
              continue;
            }
            put_result(c, code, pl.code[p], u->area, u, 1, v,
                       s->special == X_SICK ? s->decimals + 1 : s->decimals, NULL);
          }
        }
        /* areas */
        double msum = 0;
        int mcnt = 0;
        if (s->levels & LA) {
          for (int a = 0; a < SG_NAREAS; a++) {
            if (!strcmp(sg_areas[a].code, "SENT")) continue;
            if (own_area >= 0 && a != own_area) continue;
            if (odd_gap) {
              put_result(c, code, pl.code[p], a, NULL, 0, 0, s->decimals, odd_comment);
              continue;
            }
            double d, al, v;
            int extra = 0;
            limits(s, y, a, NULL, &d, &al);
            if (s->special == X_SICK) v = sick(m, mi, a, -1, 0), extra = 1;
            else if (s->special == X_SHORT) v = sick(m, mi, a, -1, 1), extra = 1;
            else if (s->special == X_BUDGET) v = overspend(m, mi, a);
            else if (acnt[a]) v = asum[a] / acnt[a];
            else {
              double spread = al != d ? (al - d) * bad : s->sd;
              v = d + bad * spread * acenter[a] - bad * s->sd * 0.15 * yi +
                  s->sd * 0.6 * sg_rng_normal(&r);
              v = clampd(v, s->lo, s->hi);
            }
            msum += v;
            mcnt++;
            if (!s->special && !strcmp(s->source, "bedrekommune.no") && y == 2024 &&
                !strcmp(sg_areas[a].code, "KULT")) {
              put_result(c, code, pl.code[p], a, NULL, 0, 0, s->decimals, missing_comments[1]);
              continue;
            }
            if (!s->special && !acnt[a] && sg_rng_chance(&r, 0.02)) {
              put_result(c, code, pl.code[p], a, NULL, 0, 0, s->decimals, missing_comment(s, &r));
              continue;
            }
            const char *cm = NULL;
            if (unacceptable(s, v, al) && sg_rng_chance(&r, 0.5))
              cm = red_comments[sg_rng_int(&r, 0, 3)];
            put_result(c, code, pl.code[p], a, NULL, 1, v, s->decimals + extra, cm);
          }
        }
        /* the whole municipality */
        if (s->levels & LM) {
          if (odd_gap) {
            put_result(c, code, pl.code[p], -1, NULL, 0, 0, s->decimals, odd_comment);
            continue;
          }
          double d, al, v;
          int extra = 0;
          limits(s, y, -1, NULL, &d, &al);
          if (s->special == X_SICK) v = sick(m, mi, -1, -1, 0), extra = 1;
          else if (s->special == X_SHORT) v = sick(m, mi, -1, -1, 1), extra = 1;
          else if (s->special == X_BUDGET) v = overspend(m, mi, -1);
          else if (s->special == X_NDR) v = y == 2023 ? 2.31 : net_result_pct(m, yi);
          else if (s->special == X_INBUDGET) v = y == 2023 ? 81 : units_in_budget_pct(m, yi);
          else if (mcnt) v = msum / mcnt;
          else {
            double spread = al != d ? (al - d) * bad : s->sd;
            v = d + bad * spread * muni_center - bad * s->sd * 0.15 * yi +
                s->sd * 0.6 * sg_rng_normal(&r);
            v = clampd(v, s->lo, s->hi);
          }
          const char *cm = NULL;
          if (s->special == X_NDR && y == 2025)
            cm = "Merforbruk i helse og omsorg (vikarbruk og ressurskrevende tjenester) svekker resultatet.";
          else if (unacceptable(s, v, al) && sg_rng_chance(&r, 0.6))
            cm = red_comments[sg_rng_int(&r, 0, 3)];
          put_result(c, code, pl.code[p], -1, NULL, 1, v, s->decimals + extra, cm);
        }
      }
    }
  }
  free(uval);
  free(uhas);
  free(ucenter);
  return 0;
}

static void put_target(sg_csv *c, const char *code, int year, int area, const sg_unit *u, double d,
                       double a, int decimals) {
  sg_csv_str(c, code);
  sg_csv_int(c, year);
  sg_csv_str(c, area >= 0 ? sg_areas[area].code : NULL);
  sg_csv_str(c, u ? u->code : NULL);
  sg_csv_num(c, d, decimals, 1);
  sg_csv_num(c, a, decimals, 1);
  sg_csv_end(c);
}

int sg_gen_scorecard(sg_model *m, const char *dir) {
  sg_csv c;
  if (sg_csv_open(&c, dir, "focus_area", "code;name;main_goal;sort_order")) return -1;
  for (int i = 0; i < 6; i++) {
    sg_csv_str(&c, focus[i].code);
    sg_csv_str(&c, focus[i].name);
    sg_csv_str(&c, focus[i].main_goal);
    sg_csv_int(&c, i + 1);
    sg_csv_end(&c);
  }
  if (sg_csv_close(&c)) return -1;

  if (sg_csv_open(&c, dir, "goal", "code;focus_area_code;area_code;name;sort_order")) return -1;
  for (int i = 0; i < NGOALS; i++) {
    sg_csv_str(&c, goals[i].code);
    sg_csv_str(&c, goals[i].focus);
    sg_csv_str(&c, goals[i].area);
    sg_csv_str(&c, goals[i].name);
    sg_csv_int(&c, i + 1);
    sg_csv_end(&c);
  }
  if (sg_csv_close(&c)) return -1;

  if (sg_csv_open(&c, dir, "indicator",
                  "code;goal_code;name;method;unit_of_measure;decimals;direction;frequency;source;sort_order"))
    return -1;
  int sort = 0;
  for (int rep = 1; rep <= m->scale; rep++)
    for (int i = 0; i < NINDS; i++) {
      const ind_spec *s = &inds[i];
      if (rep > 1 && (s->flags & F_NOREP)) continue;
      char code[32], name[160];
      if (rep == 1) {
        snprintf(code, sizeof code, "%s", s->code);
        snprintf(name, sizeof name, "%s", s->name);
      } else {
        snprintf(code, sizeof code, "%s-%d", s->code, rep);
        snprintf(name, sizeof name, "%s (%d)", s->name, rep);
      }
      sg_csv_str(&c, code);
      sg_csv_str(&c, s->goal);
      sg_csv_str(&c, name);
      sg_csv_str(&c, s->method);
      sg_csv_str(&c, s->uom);
      sg_csv_int(&c, s->decimals);
      sg_csv_str(&c, s->dir == 'l' ? "lower" : "higher");
      sg_csv_str(&c, s->freq);
      sg_csv_str(&c, s->source);
      sg_csv_int(&c, ++sort);
      sg_csv_end(&c);
    }
  if (sg_csv_close(&c)) return -1;

  /* Targets: the municipality's (common goals) or the area's (unique goals) per year, and the
   * overrides per area or per unit of a kind. A new indicator has no targets before 2025. */
  if (sg_csv_open(&c, dir, "target", "indicator_code;year;area_code;unit_code;desired;acceptable"))
    return -1;
  for (int rep = 1; rep <= m->scale; rep++)
    for (int i = 0; i < NINDS; i++) {
      const ind_spec *s = &inds[i];
      if (rep > 1 && (s->flags & F_NOREP)) continue;
      char code[32];
      if (rep == 1) snprintf(code, sizeof code, "%s", s->code);
      else snprintf(code, sizeof code, "%s-%d", s->code, rep);
      const goal_spec *g = goal_of(s);
      int own_area = g && g->area ? sg_area_index(g->area) : -1;
      int dec = s->decimals + 1;
      for (int y = 2023; y <= 2026; y++) {
        if ((s->flags & F_NEW) && y < 2025) continue;
        double d, a;
        limits(s, y, -1, NULL, &d, &a);
        put_target(&c, code, y, own_area, NULL, d, a, dec);
        for (int o = 0; o < NOVERRIDES; o++) {
          const override *ov = &overrides[o];
          if (strcmp(ov->ind, s->code)) continue;
          if (ov->area) {
            int ai = sg_area_index(ov->area);
            limits(s, y, ai, NULL, &d, &a);
            put_target(&c, code, y, ai, NULL, d, a, dec);
          } else {
            for (int k = 0; k < m->nunits; k++) {
              const sg_unit *u = &m->units[k];
              if (strcmp(u->kind, ov->kind)) continue;
              limits(s, y, u->area, u, &d, &a);
              put_target(&c, code, y, u->area, u, d, a, dec);
            }
          }
        }
      }
    }
  if (sg_csv_close(&c)) return -1;

  if (sg_csv_open(&c, dir, "result", "indicator_code;period;area_code;unit_code;value;comment"))
    return -1;
  if (gen_results(m, &c)) {
    sg_csv_close(&c);
    return -1;
  }
  return sg_csv_close(&c);
}
