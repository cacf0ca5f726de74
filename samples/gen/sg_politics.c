/* samples/gen/sg_politics.c — the political side: the bodies (utvalg), the decisions to follow up
 * (vedtaksoppfølging from the case system; saksnr numbered per body and year, meetings on the
 * body's weekday), each decision's status history (decision_status_change) and the annual wheel
 * (årshjul) exactly as the governance document gives it. */
#include <string.h>

#include "sg.h"

typedef struct body_spec {
  const char *code, *name;
  int weekday, nth;  /* meets on the nth weekday (0 = Monday) of the month */
  const char *months; /* 12 characters, 'x' = meets that month */
  int items_lo, items_hi; /* cases per meeting */
  int follow_lo, follow_hi; /* of them, decisions followed up */
} body_spec;
static const body_spec bodies[] = {
    {"BS", "Bystyret", 3, 3, ".xx.xx.x.xxx", 9, 15, 1, 2},
    {"FSK", "Formannskapet", 2, 2, "xxxxxx.xxxxx", 10, 16, 1, 2},
    {"KU", "Kontrollutvalget", 0, 2, ".x.x.x..x.x.", 5, 8, 1, 2},
    {"HOK", "Hovedutvalg for oppvekst og kultur", 1, 1, ".xx.xx..xxx.", 6, 10, 1, 1},
    {"HHO", "Hovedutvalg for helse og omsorg", 1, 2, ".xx.xx..xxx.", 6, 10, 1, 1},
    {"HTM", "Hovedutvalg for teknikk og miljø", 3, 1, ".xx.xx..xxx.", 7, 11, 1, 1},
    {"ADM", "Administrasjonsutvalget", 0, 3, "..x..x..x..x", 3, 5, 1, 1},
};
enum { NBODIES = (int)(sizeof bodies / sizeof bodies[0]) };

/* A case: title and decision with placeholders {Y} (meeting year), {P} (previous year),
 * {Y1} {Y2} {Y3} {Y4} (year + 1 ... + 4). resp NULL = the area's kommunalsjef. */
typedef struct case_spec {
  const char *body, *title, *text, *area, *resp;
  int month; /* 0 = any meeting; else only this month (recurring each year) */
} case_spec;
static const case_spec cases[] = {
    /* recurring */
    {"BS", "Foreløpig årsregnskap {P}", "Bystyret tar foreløpig årsregnskap for {P} til orientering.", "SENT", NULL, 3},
    {"BS", "Kvartalsrapport 1. kvartal {Y}", "Kvartalsrapporten tas til orientering. Budsjettjusteringer vedtas som foreslått i tabell 3.", "SENT", "kommunedirektør", 5},
    {"BS", "Årsregnskap og årsberetning {P}", "Årsregnskapet for {P} godkjennes. Mindreforbruket avsettes til disposisjonsfond.", "SENT", NULL, 6},
    {"BS", "Kvartalsrapport 2. kvartal {Y}", "Kvartalsrapporten tas til orientering. Rammeområdene med merforbruk legger fram tiltak innen neste rapport.", "SENT", "kommunedirektør", 8},
    {"BS", "Eiermelding {Y}", "Eiermeldingen vedtas. Eierstrategi for Fjordvik Havn AS revideres.", "SENT", "kommunedirektør", 10},
    {"BS", "Kvartalsrapport 3. kvartal {Y}", "Kvartalsrapporten tas til orientering. Budsjettjusteringer vedtas som foreslått.", "SENT", "kommunedirektør", 11},
    {"BS", "Rullering av eierportefølje {Y}", "Eierporteføljen videreføres. Eierskapet i Fjordregionen Vekst AS vurderes på nytt i {Y1}.", "SENT", "kommunedirektør", 11},
    {"BS", "Handlingsprogram {Y1}-{Y4} og budsjett {Y1}", "Handlingsprogrammet og budsjett {Y1} vedtas med formannskapets endringer. Verbalvedtakene følges opp i egne saker.", "SENT", "kommunedirektør", 12},
    {"FSK", "Handlingsprogram {Y1}-{Y4} – formannskapets innstilling", "Formannskapets forslag legges ut til offentlig ettersyn i 14 dager.", "SENT", "kommunedirektør", 11},
    {"FSK", "Betalingssatser {Y1}", "Betalingssatsene for {Y1} vedtas som foreslått, med virkning fra 1. januar.", "SENT", NULL, 10},
    {"KU", "Oppfølging av revisjonsberetning {P}", "Kontrollutvalget tar revisjonsberetningen til orientering og ber om oppfølging av nummererte brev.", "SENT", NULL, 4},
    {"HOK", "Tilstandsrapport for grunnskolen {P}", "Tilstandsrapporten tas til orientering. Lesing på mellomtrinnet prioriteres.", "OPPV", NULL, 10},
    {"ADM", "Sykefraværsoppfølging – status {Y}", "Utvalget tar statusen til orientering og ber om egen sak om langtidsfravær i helse og omsorg.", "STAB", "HR-sjef", 9},
    /* Bystyret */
    {"BS", "Reguleringsplan for Sjøgata", "Detaljregulering for Sjøgata, plan-ID 4699-2023-04, vedtas med bestemmelser.", "PLAN", NULL, 0},
    {"BS", "Skolebehovsplan 2025-2035", "Skolebehovsplanen vedtas. Ny barneskole i Nordbygda utredes til handlingsprogrammet.", "OPPV", NULL, 0},
    {"BS", "Kommunal planstrategi 2024-2027", "Planstrategien vedtas. Kommuneplanens samfunnsdel rulleres i perioden.", "PLAN", NULL, 0},
    {"BS", "Kommunesammenslåing – innbyggerhøring", "Det gjennomføres innbyggerhøring før endelig vedtak.", "STAB", "kommunedirektør", 0},
    {"BS", "Valg av meddommere 2025-2028", "Meddommere velges som vist i vedlagt liste.", "STAB", "politisk sekretariat", 0},
    {"BS", "Ny brannstasjon – forprosjekt og kostnadsramme", "Forprosjektet godkjennes med kostnadsramme 148 mill. kr.", "TEKN", NULL, 0},
    {"BS", "Salg av tomt i Nordbygda næringsområde", "Tomt gnr. 41 bnr. 212 selges til høystbydende, minstepris 3,2 mill. kr.", "TEKN", NULL, 0},
    {"BS", "Revidert delegeringsreglement", "Delegeringsreglementet vedtas med endringene som fremgår av saken.", "STAB", "kommunedirektør", 0},
    {"BS", "Boligsosial handlingsplan 2025-2028", "Planen vedtas. Tiltak med økonomiske konsekvenser vurderes i handlingsprogrammet.", "NAV", NULL, 0},
    {"BS", "Kommuneplanens arealdel 2025-2037 – sluttbehandling", "Arealdelen vedtas med innsigelsene fra statsforvalteren innarbeidet.", "PLAN", NULL, 0},
    {"BS", "Klima- og energiplan 2025-2030", "Planen vedtas. Klimabudsjett innføres fra neste handlingsprogram.", "PLAN", NULL, 0},
    {"BS", "Utbygging av omsorgsboliger på Fjordtun", "Prosjektet gjennomføres innenfor en ramme på 96 mill. kr. Husbanken søkes om tilskudd.", "HELSE", NULL, 0},
    {"BS", "Lokal forskrift om eiendomsskatt – ny alminnelig taksering", "Ny alminnelig taksering gjennomføres med virkning fra {Y1}.", "SENT", NULL, 0},
    {"BS", "Rehabilitering av Fjordvik svømmehall", "Alternativ 2, full rehabilitering, velges. Kostnadsramme 62 mill. kr.", "TEKN", NULL, 0},
    {"BS", "Temaplan for psykisk helse og rus 2025-2029", "Temaplanen vedtas.", "HELSE", NULL, 0},
    {"BS", "Hovedplan vann og avløp 2025-2036", "Hovedplanen vedtas. Tiltakene innarbeides i handlingsprogrammet.", "TEKN", NULL, 0},
    {"BS", "Finansreglement – revisjon", "Finansreglementet vedtas med virkning fra 1. januar {Y1}.", "SENT", NULL, 0},
    {"BS", "Interkommunalt samarbeid om barnevernvakt", "Fjordvik kommune inngår avtale om interkommunal barnevernvakt.", "OPPV", NULL, 0},
    /* Formannskapet */
    {"FSK", "Kjøp av ladestasjoner til kommunale biler", "Det inngås rammeavtale om ladestasjoner ved fem tjenestesteder.", "TEKN", NULL, 0},
    {"FSK", "Fordeling av skjønnsmidler {Y}", "Skjønnsmidlene fordeles til prosjektene som foreslått.", "SENT", NULL, 0},
    {"FSK", "Tilskudd til Fjordvik frivilligsentral {Y}", "Det gis driftstilskudd som forutsatt i budsjettet.", "KULT", NULL, 0},
    {"FSK", "Beredskapsplan – revisjon", "Revidert overordnet beredskapsplan vedtas.", "STAB", "kommunedirektør", 0},
    {"FSK", "Helhetlig ROS-analyse for Fjordvik kommune", "Analysen legges til grunn for beredskapsplanen.", "STAB", "kommunedirektør", 0},
    {"FSK", "Innkjøpsstrategi 2025-2028", "Strategien vedtas. Lokale leverandører informeres om kommende konkurranser.", "STAB", "assisterende kommunedirektør", 0},
    {"FSK", "Salg av Nordbygda gamle skole", "Eiendommen legges ut for salg med minstepris 5,5 mill. kr.", "TEKN", NULL, 0},
    {"FSK", "Kommunalt næringsfond {Y} – retningslinjer", "Retningslinjene vedtas.", "PLAN", NULL, 0},
    {"FSK", "Interkommunal IKT-samarbeidsavtale", "Avtalen inngås for fire år med opsjon på forlengelse.", "STAB", "assisterende kommunedirektør", 0},
    {"FSK", "Tomtepriser i kommunale boligfelt {Y1}", "Tomteprisene justeres med 4 prosent.", "TEKN", NULL, 0},
    {"FSK", "Skjenkebevilling – Fjordvik Hotell AS", "Skjenkebevilling gis for perioden ut 2028.", "STAB", "assisterende kommunedirektør", 0},
    {"FSK", "Kommunal garanti for lån – Fjordvik idrettslag", "Kommunen stiller simpel garanti for lån på inntil 6 mill. kr til kunstgressbane.", "KULT", NULL, 0},
    {"FSK", "Salg av kommunal bolig i Lia", "Boligen selges til takst. Salgsinntekten øremerkes nye utleieboliger.", "NAV", NULL, 0},
    {"FSK", "Tilleggsbevilgning til vinterdrift {Y}", "Det bevilges inntil 3 mill. kr til vinterdrift, finansiert av disposisjonsfond.", "TEKN", NULL, 0},
    {"FSK", "Budsjettregulering etter lønnsoppgjøret {Y}", "Lønnsreserven fordeles på rammeområdene som vist i tabell 2.", "SENT", NULL, 0},
    {"FSK", "Prioritering av spillemiddelsøknader {Y}", "Søknadene prioriteres i rekkefølgen som foreslått.", "KULT", NULL, 0},
    {"FSK", "Leie av modulbygg til Fjordtun sykehjem", "Kommunedirektøren inngår leieavtale for modulbygg med 12 plasser i tre år.", "HELSE", NULL, 0},
    {"FSK", "Kommunal medfinansiering av gang- og sykkelvei i Nordbygda", "Kommunen bidrar med inntil 8 mill. kr forutsatt fylkeskommunal finansiering.", "TEKN", NULL, 0},
    {"FSK", "Tilskudd til Fjordvik næringsforening {Y}", "Det gis tilskudd på 350 000 kr til næringsforeningen.", "PLAN", NULL, 0},
    {"FSK", "Tilskudd til lag og foreninger {Y}", "Tilskuddene fordeles som vist i vedlegg 1.", "KULT", NULL, 0},
    {"FSK", "Kjøp av eiendom gnr. 12 bnr. 45 i Sjøgata", "Eiendommen kjøpes for 4,6 mill. kr. Kjøpet finansieres med lån.", "TEKN", NULL, 0},
    {"FSK", "Høring – regional transportplan", "Formannskapet avgir høringsuttalelse som foreslått, med tillegg om fergeavløsning.", "PLAN", NULL, 0},
    {"FSK", "Startlån – rammer for utlån {Y}", "Det tas opp 40 mill. kr i startlån fra Husbanken for videre utlån.", "NAV", NULL, 0},
    {"FSK", "Innkjøp av elbiler til hjemmetjenesten", "Hjemmetjenesten går over til elbiler ved utløp av leasingavtalene.", "HELSE", NULL, 0},
    {"FSK", "Budsjettregulering – økt ramme til barnevern", "Rammen til Oppvekst økes med 4,5 mill. kr, finansiert av disposisjonsfond.", "OPPV", NULL, 0},
    {"FSK", "Næringsfond – tildeling av midler", "Det tildeles tilskudd til tre bedrifter som vist i saken.", "PLAN", NULL, 0},
    {"FSK", "Leieavtale for midlertidige lokaler til Holmen skole", "Kommunedirektøren gis fullmakt til å inngå leieavtale for inntil tre år.", "TEKN", NULL, 0},
    {"FSK", "Strategi for digitalisering {Y}-{Y3}", "Strategien vedtas.", "STAB", "assisterende kommunedirektør", 0},
    {"FSK", "Anskaffelse av elektronisk system for virksomhetsstyring", "Kommunedirektøren gjennomfører anskaffelsen innenfor en ramme på 1,8 mill. kr.", "STAB", "assisterende kommunedirektør", 0},
    {"FSK", "Låneopptak {Y}", "Det tas opp lån på inntil 180 mill. kr til investeringer i henhold til budsjettet.", "SENT", NULL, 0},
    {"FSK", "Sommerjobb for ungdom {Y}", "Det settes av 0,6 mill. kr til sommerjobber for ungdom.", "NAV", NULL, 0},
    /* Kontrollutvalget */
    {"KU", "Forvaltningsrevisjon: Økonomistyring i helse og omsorg", "Kontrollutvalget ber om tiltak for å redusere merforbruket.", "HELSE", NULL, 0},
    {"KU", "Selskapskontroll: Fjordvik Energi AS", "Rapporten oversendes bystyret med anbefaling om oppdatert eierstrategi.", "SENT", "kommunedirektør", 0},
    {"KU", "Forvaltningsrevisjon: Oppfølging av politiske vedtak", "Kontrollutvalget ber om at vedtaksoppfølgingen rapporteres hvert tertial.", "STAB", "kommunedirektør", 0},
    {"KU", "Selskapskontroll: Fjordregionen Renovasjon IKS", "Rapporten tas til orientering og oversendes eierkommunene.", "SENT", "kommunedirektør", 0},
    {"KU", "Forvaltningsrevisjon: Sykefravær og arbeidsmiljø", "Kontrollutvalget ber om en plan for å redusere langtidsfraværet.", "STAB", "HR-sjef", 0},
    {"KU", "Forvaltningsrevisjon: Vedlikehold av kommunale bygg", "Kontrollutvalget ber om vedlikeholdsplan med kostnadsoverslag.", "TEKN", NULL, 0},
    {"KU", "Kontrollutvalgets årsmelding {P}", "Årsmeldingen oversendes bystyret.", "STAB", "kontrollutvalgssekretariatet", 0},
    {"KU", "Budsjett for kontroll og tilsyn {Y1}", "Budsjettet oversendes bystyret sammen med kommunedirektørens budsjettforslag.", "STAB", "kontrollutvalgssekretariatet", 0},
    {"KU", "Forvaltningsrevisjon: Barnevern", "Kontrollutvalget ber om tilbakemelding på oppfølging av anbefalingene.", "OPPV", NULL, 0},
    {"KU", "Forvaltningsrevisjon: Internkontroll i helse og omsorg", "Kontrollutvalget ber kommunedirektøren følge opp anbefalingene og rapportere skriftlig.", "HELSE", NULL, 0},
    {"KU", "Plan for forvaltningsrevisjon 2024-2027", "Planen oversendes bystyret med innstilling om vedtak.", "STAB", "kontrollutvalgssekretariatet", 0},
    {"KU", "Selskapskontroll: Fjordvik Havn AS", "Rapporten oversendes bystyret. Eierskapsutøvelsen styrkes.", "SENT", "kommunedirektør", 0},
    {"KU", "Forvaltningsrevisjon: Spesialundervisning", "Kontrollutvalget ber om tilbakemelding på oppfølgingen innen fristen.", "OPPV", NULL, 0},
    {"KU", "Forvaltningsrevisjon: Offentlige anskaffelser", "Kontrollutvalget ber om at anskaffelsesrutinene revideres.", "STAB", "assisterende kommunedirektør", 0},
    {"KU", "Forvaltningsrevisjon: Byggesaksbehandling", "Kontrollutvalget ber om plan for å overholde lovpålagte frister.", "PLAN", NULL, 0},
    {"KU", "Forvaltningsrevisjon: Informasjonssikkerhet og personvern", "Kontrollutvalget ber om at ROS-analyser for fagsystemene ferdigstilles.", "STAB", "assisterende kommunedirektør", 0},
    /* Hovedutvalg for oppvekst og kultur */
    {"HOK", "Digital skolehverdag – skjermbruk og læremidler", "Retningslinjer for skjermbruk i 1.-4. trinn vedtas.", "OPPV", NULL, 0},
    {"HOK", "Idrettsplan 2025-2028", "Planen anbefales vedtatt.", "KULT", NULL, 0},
    {"HOK", "Ny barnehage i Lia – behovsvurdering", "Kommunedirektøren legger fram behovsvurdering til handlingsprogrammet.", "OPPV", NULL, 0},
    {"HOK", "Leksefri skole – evaluering", "Ordningen videreføres ved Sjøgata skole og evalueres igjen om to år.", "OPPV", NULL, 0},
    {"HOK", "Sommerskole {Y}", "Sommerskolen gjennomføres i uke 26 og 32.", "OPPV", NULL, 0},
    {"HOK", "Vedtekter for skolefritidsordningen", "Nye vedtekter vedtas med virkning fra skoleåret.", "OPPV", NULL, 0},
    {"HOK", "Kulturminneplan 2025-2030", "Kulturminneplanen anbefales vedtatt.", "KULT", NULL, 0},
    {"HOK", "Tilskudd til kulturarrangementer {Y}", "Tilskuddene fordeles som foreslått.", "KULT", NULL, 0},
    {"HOK", "Opptak i barnehage {Y} – status", "Utvalget tar statusen til orientering. Ledig kapasitet i Lia barnehage vurderes.", "OPPV", NULL, 0},
    {"HOK", "Plan for kulturskolen {Y}-{Y3}", "Planen vedtas. Ventelisten skal halveres innen planperioden.", "KULT", NULL, 0},
    {"HOK", "Skolestruktur i Nordbygda – utredning", "Kommunedirektøren utreder tre alternativer med økonomiske konsekvenser.", "OPPV", NULL, 0},
    {"HOK", "Handlingsplan mot mobbing i skole og barnehage", "Handlingsplanen vedtas og evalueres etter to år.", "OPPV", NULL, 0},
    {"HOK", "Kulturprisen {Y}", "Kulturprisen for {Y} tildeles Fjordvik Musikkorps.", "KULT", NULL, 0},
    {"HOK", "Ferietilbud for barn og unge {Y}", "Ferietilbudet videreføres innenfor tilskuddet fra Bufdir.", "KULT", NULL, 0},
    {"HOK", "Kvalitetsplan for barnehagene", "Kvalitetsplanen vedtas.", "OPPV", NULL, 0},
    {"HOK", "Bibliotekplan {Y}-{Y3}", "Planen vedtas. Meråpent bibliotek utvides til lørdager.", "KULT", NULL, 0},
    {"HOK", "Skolerute {Y1}-{Y2}", "Skoleruten vedtas som foreslått.", "OPPV", NULL, 0},
    /* Hovedutvalg for helse og omsorg */
    {"HHO", "Kommunal akutt døgnenhet – ny avtale", "Avtalen med helseforetaket godkjennes.", "HELSE", NULL, 0},
    {"HHO", "Boligbehov for personer med utviklingshemming", "Kommunedirektøren utreder nytt bofellesskap med seks leiligheter.", "HELSE", NULL, 0},
    {"HHO", "Matombringing til hjemmeboende – ny ordning", "Ordningen konkurranseutsettes fra neste år.", "HELSE", NULL, 0},
    {"HHO", "Frisklivssentral – evaluering", "Frisklivssentralen videreføres.", "HELSE", NULL, 0},
    {"HHO", "Fastlegeordningen – status og rekruttering", "Det etableres to nye fastlegehjemler med kommunal ansettelse.", "HELSE", NULL, 0},
    {"HHO", "Hverdagsrehabilitering – evaluering", "Hverdagsrehabilitering gjøres til fast tilbud i begge soner.", "HELSE", NULL, 0},
    {"HHO", "Ernæringsstrategi for sykehjemmene", "Strategien vedtas.", "HELSE", NULL, 0},
    {"HHO", "Pårørendestrategi", "Strategien vedtas og innarbeides i tjenestebeskrivelsene.", "HELSE", NULL, 0},
    {"HHO", "Tilsynsrapport fra statsforvalteren – Fjordtun sykehjem", "Utvalget ber om at avvikene lukkes innen statsforvalterens frist.", "HELSE", NULL, 0},
    {"HHO", "Eldrerådets årsmelding {P}", "Årsmeldingen tas til orientering.", "HELSE", NULL, 0},
    {"HHO", "Lindrende enhet – etablering", "Det etableres fire lindrende senger ved Fjordtun sykehjem.", "HELSE", NULL, 0},
    {"HHO", "Demensplan 2025-2030", "Demensplanen vedtas. Dagtilbud utvides i Nordbygda.", "HELSE", NULL, 0},
    {"HHO", "Heltidskultur i helse og omsorg – handlingsplan", "Handlingsplanen vedtas. Andel heltid rapporteres i årsrapporten.", "HELSE", NULL, 0},
    {"HHO", "Velferdsteknologi – status og videre plan", "Utvalget tar statusen til orientering. Digitalt tilsyn innføres i hjemmetjenesten.", "HELSE", NULL, 0},
    {"HHO", "Rusmiddelpolitisk handlingsplan {Y}-{Y3}", "Planen vedtas.", "HELSE", NULL, 0},
    {"HHO", "Kapasitet i sykehjem – behovsanalyse", "Kommunedirektøren legger fram plan for 20 nye plasser innen 2030.", "HELSE", NULL, 0},
    {"HHO", "Kriterier for tildeling av langtidsplass i sykehjem", "Forskrift om kriterier vedtas.", "HELSE", NULL, 0},
    {"HHO", "Rekruttering av sykepleiere – tiltaksplan", "Tiltaksplanen vedtas innenfor rammen.", "HELSE", NULL, 0},
    {"HHO", "Legevaktsamarbeid – ny avtale", "Avtalen om interkommunal legevakt fornyes for fire år.", "HELSE", NULL, 0},
    /* Hovedutvalg for teknikk og miljø */
    {"HTM", "Veilys – overgang til LED", "Utskifting gjennomføres over tre år innenfor investeringsbudsjettet.", "TEKN", NULL, 0},
    {"HTM", "Reguleringsplan for Lia boligfelt", "Planforslaget legges ut til offentlig ettersyn.", "PLAN", NULL, 0},
    {"HTM", "Overvannsstrategi", "Strategien vedtas.", "TEKN", NULL, 0},
    {"HTM", "Vann- og avløpsgebyrer {Y1}", "Gebyrene for {Y1} vedtas etter selvkostkalkylen.", "TEKN", NULL, 0},
    {"HTM", "Trafikksikkerhetstiltak {Y}", "Tiltakene prioriteres som vist i vedlegg.", "TEKN", NULL, 0},
    {"HTM", "Oppgradering av Nordbygda renseanlegg", "Forprosjekt igangsettes innenfor en ramme på 2 mill. kr.", "TEKN", NULL, 0},
    {"HTM", "Hjorteviltplan 2025-2028", "Planen vedtas.", "PLAN", NULL, 0},
    {"HTM", "Reguleringsplan for Sjøgata – førstegangsbehandling", "Planforslaget legges ut til offentlig ettersyn.", "PLAN", NULL, 0},
    {"HTM", "Trafikksikkerhetsplan 2025-2028", "Planen anbefales vedtatt av bystyret.", "TEKN", NULL, 0},
    {"HTM", "Gebyrregulativ for plan- og byggesak {Y1}", "Gebyrregulativet vedtas med selvkostberegning som vedlagt.", "PLAN", NULL, 0},
    {"HTM", "Detaljregulering for Fjordvik sentrum", "Planprogrammet fastsettes.", "PLAN", NULL, 0},
    {"HTM", "Vintervedlikehold – nye brøyteavtaler", "Kommunedirektøren lyser ut brøyteroder for fem sesonger.", "TEKN", NULL, 0},
    {"HTM", "Energitiltak i kommunale bygg", "Tiltakene med inntjening under ti år gjennomføres.", "TEKN", NULL, 0},
    {"HTM", "Forurenset sjøbunn i Fjordvik havn – tiltaksplan", "Tiltaksplanen sendes Miljødirektoratet.", "PLAN", NULL, 0},
    {"HTM", "Parkeringsstrategi for sentrum", "Strategien vedtas. Avgiftsparkering innføres i Sjøgata.", "TEKN", NULL, 0},
    {"HTM", "Dispensasjon fra kommuneplanens arealdel – hytte i Lia", "Dispensasjon innvilges med vilkår.", "PLAN", NULL, 0},
    /* Administrasjonsutvalget */
    {"ADM", "Rekrutteringsstrategi {Y}-{Y3}", "Strategien vedtas.", "STAB", "HR-sjef", 0},
    {"ADM", "Arbeidstidsordninger i turnus", "Forsøk med langvakter videreføres ved Fjordtun sykehjem.", "STAB", "HR-sjef", 0},
    {"ADM", "Lokale lønnsforhandlinger {Y} – mandat", "Mandatet for forhandlingene vedtas.", "STAB", "HR-sjef", 0},
    {"ADM", "Arbeidsgiverpolitikk – revisjon", "Revidert arbeidsgiverpolitikk vedtas.", "STAB", "HR-sjef", 0},
    {"ADM", "Lønnspolitisk plan {Y}", "Planen vedtas.", "STAB", "HR-sjef", 0},
    {"ADM", "Likestilling og mangfold – aktivitets- og redegjørelsesplikt", "Redegjørelsen tas inn i årsberetningen.", "STAB", "HR-sjef", 0},
    {"ADM", "Retningslinjer for varsling av kritikkverdige forhold", "Retningslinjene vedtas.", "STAB", "HR-sjef", 0},
    {"ADM", "Heltidsstrategi", "Strategien vedtas.", "STAB", "HR-sjef", 0},
};
enum { NCASES = (int)(sizeof cases / sizeof cases[0]) };

static const char *late_comments[] = {
    "Forsinket på grunn av kapasitet; ny frist settes i neste rapport.",
    "Avventer statlige føringer.",
    "Avhenger av budsjettbehandlingen; ny frist foreslås.",
    "Arbeidet er startet, men ikke ferdigstilt innen fristen.",
};
static const char *expired_comments[] = {
    "Bortfalt etter endrede statlige rammer.",
    "Erstattet av nytt vedtak i senere sak.",
};

/* Expands {Y} {P} {Y1} {Y2} {Y3} {Y4} in t for year y. */
static void expand(char *out, size_t cap, const char *t, int y) {
  size_t k = 0;
  while (*t && k + 1 < cap) {
    int add = -1;
    size_t skip = 0;
    if (!strncmp(t, "{Y}", 3)) add = 0, skip = 3;
    else if (!strncmp(t, "{P}", 3)) add = -1, skip = 3;
    else if (!strncmp(t, "{Y1}", 4)) add = 1, skip = 4;
    else if (!strncmp(t, "{Y2}", 4)) add = 2, skip = 4;
    else if (!strncmp(t, "{Y3}", 4)) add = 3, skip = 4;
    else if (!strncmp(t, "{Y4}", 4)) add = 4, skip = 4;
    if (skip) {
      char yb[16];
      sg_fmt_int(yb, sizeof yb, y + add);
      for (const char *p = yb; *p && k + 1 < cap; p++) out[k++] = *p;
      t += skip;
    } else {
      out[k++] = *t++;
    }
  }
  out[k] = '\0';
}

static sg_date nth_weekday(int y, int m, int wd, int n) {
  sg_date first = {y, m, 1};
  int off = (wd - sg_weekday(first) + 7) % 7;
  sg_date r = {y, m, 1 + off + 7 * (n - 1)};
  return r;
}

static const char *responsible(const case_spec *cs) {
  if (cs->resp) return cs->resp;
  return sg_areas[sg_area_index(cs->area)].chief;
}

static void change_row(sg_csv *h, const char *body, const char *num, sg_date when,
                       const char *status) {
  sg_csv_str(h, body);
  sg_csv_str(h, num);
  sg_csv_date(h, when);
  sg_csv_str(h, status);
  sg_csv_end(h);
}

/* The status history of one decision that reached `status` on `sdate`: work starts some days
 * after the meeting ('under arbeid'), a decision finished after its deadline was 'forsinket' in
 * between, and the last change is the decision's status. 'ikke påbegynt' has no change (the
 * schema's rule gives it from the meeting date). Its own random stream, so decision.csv does not
 * depend on it. */
static void gen_history(sg_csv *h, sg_rng *r, const char *body, const char *num, sg_date meet,
                        int has_deadline, sg_date deadline, const char *status, sg_date sdate) {
  if (!strcmp(status, "ikke påbegynt")) return;
  int64_t span = sg_days(sdate) - sg_days(meet);
  int working = !strcmp(status, "under arbeid");
  if (!working && span >= 2 && (strcmp(status, "utgår") || sg_rng_chance(r, 0.5))) {
    sg_date start = sg_add_days(meet, sg_rng_int(r, 1, (int)(span / 2 > 1 ? span / 2 : 1)));
    change_row(h, body, num, start, "under arbeid");
    int64_t late = sg_days(sdate) - sg_days(deadline);
    if (!strcmp(status, "ferdig") && has_deadline && sg_date_cmp(start, deadline) <= 0 &&
        late > 2) {
      sg_date marked =
          sg_add_days(deadline, sg_rng_int(r, 1, (int)(late - 1 < 10 ? late - 1 : 10)));
      change_row(h, body, num, marked, "forsinket");
    }
  }
  change_row(h, body, num, sdate, status);
}

static int gen_decisions(const sg_model *m, const char *dir) {
  sg_csv c, h;
  if (sg_csv_open(&c, dir, "decision",
                  "body_code;case_number;meeting_date;title;decision_text;area_code;responsible;"
                  "deadline;status;status_date;comment"))
    return -1;
  if (sg_csv_open(&h, dir, "decision_status_change", "body_code;case_number;status_date;status")) {
    sg_csv_close(&c);
    return -1;
  }
  sg_rng r, hr;
  sg_rng_init(&r, m->seed, SG_S_DECISION);
  sg_rng_init(&hr, m->seed, SG_S_DECISION_HISTORY);
  const sg_date cutoff = {2026, 9, 30};
  for (int b = 0; b < NBODIES; b++) {
    const body_spec *bs = &bodies[b];
    /* The body's pool, shuffled once: a title is taken up once, except titles with a year in
     * them ({Y}, {P}, ...), which may come back once a year. */
    int pool[NCASES], npool = 0, next = 0, used[NCASES] = {0};
    for (int i = 0; i < NCASES; i++)
      if (!strcmp(cases[i].body, bs->code) && !cases[i].month) pool[npool++] = i;
    for (int i = npool - 1; i > 0; i--) {
      int j = sg_rng_int(&r, 0, i), t = pool[i];
      pool[i] = pool[j];
      pool[j] = t;
    }
    for (int y = SG_FIRST_YEAR; y <= 2026; y++) {
      int case_no = 0;
      for (int mo = 1; mo <= 12; mo++) {
        if (bs->months[mo - 1] != 'x') continue;
        sg_date meet = nth_weekday(y, mo, bs->weekday, mo == 12 ? 2 : bs->nth);
        if (sg_date_cmp(meet, cutoff) > 0) break;
        int items = sg_rng_int(&r, bs->items_lo, bs->items_hi) * m->scale;
        int follow = sg_rng_int(&r, bs->follow_lo, bs->follow_hi) * m->scale;
        /* this meeting's followed-up cases: the recurring ones of the month, then from the pool */
        int chosen[64], nch = 0;
        for (int i = 0; i < NCASES && nch < 64; i++)
          if (!strcmp(cases[i].body, bs->code) && cases[i].month == mo) chosen[nch++] = i;
        while (nch < follow && nch < 64 && npool) {
          int pick = -1;
          for (int t = 0; t < npool && pick < 0; t++) {
            int ci = pool[(next + t) % npool];
            int yearly = strchr(cases[ci].title, '{') != NULL;
            if (yearly ? used[ci] < y : !used[ci]) pick = ci, next = (next + t + 1) % npool;
          }
          if (pick < 0) pick = pool[next], next = (next + 1) % npool; /* pool exhausted: repeat */
          used[pick] = y;
          chosen[nch++] = pick;
        }
        if (items < nch + 2) items = nch + 2;
        /* spread the followed-up cases among the meeting's case numbers */
        int first = case_no + 1;
        case_no += items;
        for (int k = 0; k < nch; k++) {
          const case_spec *cs = &cases[chosen[k]];
          int no = first + (int)((int64_t)k * items / nch) + sg_rng_int(&r, 0, items / nch - 1);
          char num[16], title[200], text[400];
          snprintf(num, sizeof num, "%02d/%d", y % 100, no);
          expand(title, sizeof title, cs->title, y);
          expand(text, sizeof text, cs->text, y);
          int recurring = cs->month != 0;
          int has_deadline = recurring || !sg_rng_chance(&r, 0.12);
          sg_date deadline = sg_add_days(meet, recurring ? sg_rng_int(&r, 20, 60) : sg_rng_int(&r, 30, 330));
          /* deadlines fall on the last day of a month, as the case system suggests */
          deadline.d = sg_days_in_month(deadline.y, deadline.m);
          int64_t age = sg_days(cutoff) - sg_days(meet);
          const char *status, *comment = NULL;
          sg_date sdate = meet;
          double u = sg_rng_unit(&r);
          if (recurring) u *= 0.82; /* orientation and budget cases are nearly always done */
          if (has_deadline && sg_date_cmp(deadline, cutoff) < 0) {
            if (u < 0.78) {
              status = "ferdig";
              int64_t span = sg_days(deadline) - sg_days(meet);
              sdate = sg_add_days(meet, sg_rng_int(&r, 14, (int)(span + 20)));
            } else if (u < 0.9) {
              status = "forsinket";
              sdate = sg_add_days(deadline, sg_rng_int(&r, 1, 20));
              comment = late_comments[sg_rng_int(&r, 0, 3)];
            } else if (u < 0.95) {
              status = "under arbeid";
              sdate = sg_add_days(meet, sg_rng_int(&r, 10, 60));
              comment = "Fristen er utløpt; ny frist avklares med utvalget.";
            } else {
              status = "utgår";
              sdate = sg_add_days(meet, sg_rng_int(&r, 30, 200));
              comment = expired_comments[sg_rng_int(&r, 0, 1)];
            }
          } else if (age < 60) {
            status = u < 0.5 ? "ikke påbegynt" : "under arbeid";
            if (u >= 0.5) sdate = sg_add_days(meet, sg_rng_int(&r, 3, (int)(age > 4 ? age : 4)));
          } else {
            if (u < 0.6) status = "under arbeid";
            else if (u < 0.9) status = "ferdig";
            else status = "ikke påbegynt";
            if (u < 0.9) sdate = sg_add_days(meet, sg_rng_int(&r, 10, (int)(age > 11 ? age : 11)));
          }
          if (sg_date_cmp(sdate, cutoff) > 0) sdate = cutoff;
          sg_csv_str(&c, bs->code);
          sg_csv_str(&c, num);
          sg_csv_date(&c, meet);
          sg_csv_str(&c, title);
          sg_csv_str(&c, text);
          sg_csv_str(&c, cs->area);
          sg_csv_str(&c, responsible(cs));
          if (has_deadline) sg_csv_date(&c, deadline);
          else sg_csv_null(&c);
          sg_csv_str(&c, status);
          sg_csv_date(&c, sdate);
          sg_csv_str(&c, comment);
          sg_csv_end(&c);
          gen_history(&h, &hr, bs->code, num, meet, has_deadline, deadline, status, sdate);
        }
      }
    }
  }
  int rc = sg_csv_close(&c);
  return sg_csv_close(&h) || rc ? -1 : 0;
}

/* The årshjul of the governance document, cell line by cell line, in order, with its lane
 * (planlegging, rapportering, politisk), the body that decides and, for the items of every fourth
 * year, a year they take place (`year`; 0 = every year). month 0 = Hele året. Two lines are
 * normalised: "Kvartalsrapport formannskap og bystyre" (July) is written as in April and October,
 * and "Dialogmøte tillitsvalgte og enheter" (June, December) is its two meetings. The kommunal
 * planstrategi and kommuneplanens samfunnsdel are added (the document's "Rullering plandokument"
 * and "hvert fjerde år etter valg"). */
typedef struct wheel_row {
  int month;
  const char *track, *category, *body, *text;
  int year;
} wheel_row;
static const wheel_row wheel[] = {
    {1, "administrativ", "planlegging", NULL, "Handlingsprogram inneværende periode til Fylkesmannen", 0},
    {1, "administrativ", "planlegging", NULL, "Folkevalgtopplæring hvert 4. år etter valg", 2024},
    {2, "administrativ", "rapportering", NULL, "Ferdigstille årsregnskap", 0},
    {2, "administrativ", "rapportering", NULL, "Rapportere KOSTRA", 0},
    {2, "administrativ", "planlegging", NULL, "Lederavtaler", 0},
    {2, "administrativ", "planlegging", NULL, "Medarbeidersamtaler", 0},
    {2, "administrativ", "rapportering", NULL, "Dialogmøte enheter", 0},
    {3, "administrativ", "rapportering", "BS", "Foreløpig årsregnskap til bystyre", 0},
    {3, "administrativ", "rapportering", NULL, "Ferdigstille årsrapport", 0},
    {3, "administrativ", "rapportering", NULL, "Dialogmøte tillitsvalgte", 0},
    {3, "politisk", "politisk", "BS", "Behandling av foreløpig årsregnskap bystyre", 0},
    {4, "administrativ", "rapportering", NULL, "Kvalitetssikre KOSTRA-tall", 0},
    {4, "administrativ", "rapportering", "BS", "Kvartalsrapport formannskap/bystyre", 0},
    {4, "administrativ", "rapportering", NULL, "Dialogmøte enheter", 0},
    {5, "administrativ", "rapportering", "BS", "Årsregnskap og årsrapport kontrollutvalg, formannskap/bystyre", 0},
    {5, "politisk", "politisk", "BS", "Behandling av kvartalsrapport formannskap/bystyre", 0},
    {6, "administrativ", "rapportering", NULL, "Årsregnskap og årsrapport til Fylkesmannen", 0},
    {6, "administrativ", "planlegging", NULL, "Oppstart handlingsprogram", 0},
    {6, "administrativ", "rapportering", NULL, "Dialogmøte tillitsvalgte", 0},
    {6, "administrativ", "rapportering", NULL, "Dialogmøte enheter", 0},
    {6, "politisk", "politisk", "BS", "Behandling av årsregnskap og årsrapport", 0},
    {6, "politisk", "politisk", "BS", "Behandling av kommunal planstrategi bystyre", 2024},
    {7, "administrativ", "rapportering", "BS", "Kvartalsrapport formannskap/bystyre", 0},
    {8, "administrativ", "planlegging", NULL, "Konsekvensjustert budsjett ledergruppe", 0},
    {8, "administrativ", "rapportering", NULL, "Oppstart eiermelding", 0},
    {8, "administrativ", "rapportering", NULL, "Dialogmøte enheter", 0},
    {8, "politisk", "politisk", "BS", "Behandling av kvartalsrapport formannskap/bystyre", 0},
    {9, "administrativ", "planlegging", NULL, "Enhetene ferdigstiller handlingsprogram og handlingsplaner", 0},
    {9, "administrativ", "planlegging", NULL, "Lønnsforhandlinger", 0},
    {9, "administrativ", "rapportering", NULL, "Dialogmøte tillitsvalgte", 0},
    {10, "administrativ", "rapportering", "BS", "Kvartalsrapport formannskap/bystyre", 0},
    {10, "administrativ", "rapportering", "BS", "Eiermelding bystyret", 0},
    {10, "administrativ", "planlegging", NULL, "Ferdigstille betalingssatser", 0},
    {10, "administrativ", "rapportering", NULL, "Dialogmøte enheter", 0},
    {10, "politisk", "politisk", "FSK", "Budsjettkonferanse formannskap", 0},
    {11, "administrativ", "planlegging", NULL, "Rådmannens utkast til handlingsprogram ferdigstilles", 0},
    {11, "politisk", "politisk", "FSK", "Behandling av handlingsprogram formannskap", 0},
    {11, "politisk", "politisk", "BS", "Bystyrets eiermøte: Rullering av eierportefølje hvert år", 0},
    {11, "politisk", "politisk", "BS", "Rullering av eierpolitikk hvert 4.år etter valg", 2024},
    {11, "politisk", "politisk", "BS", "Behandling av kvartalsrapport formannskap/bystyre", 0},
    {12, "administrativ", "planlegging", "FSK", "Formannskapets forslag til handlingsprogram til offentlig ettersyn", 0},
    {12, "administrativ", "planlegging", NULL, "Utarbeide detaljbudsjett", 0},
    {12, "administrativ", "rapportering", NULL, "Dialogmøte tillitsvalgte", 0},
    {12, "administrativ", "rapportering", NULL, "Dialogmøte enheter", 0},
    {12, "politisk", "politisk", "BS", "Behandling av handlingsprogram bystyre", 0},
    {12, "politisk", "politisk", "BS", "Behandling av kommuneplanens samfunnsdel bystyre", 2026},
    {0, "administrativ", "rapportering", NULL, "Månedsrapportering alle enheter", 0},
    {0, "administrativ", "planlegging", NULL, "Rullering plandokument", 0},
    {0, "administrativ", "planlegging", NULL, "ROS-analyser", 0},
    {0, "administrativ", "rapportering", NULL, "Undersøkelser (bruker, medarbeider, innbygger, folkevalgt) ulikt frekvens", 0},
    {0, "politisk", "politisk", "FSK", "Månedsrapportering formannskap", 0},
    {0, "politisk", "politisk", "BS", "Rapportering kommunens eierrepresentanter formannskap/bystyre", 0},
};
enum { NWHEEL = (int)(sizeof wheel / sizeof wheel[0]) };

int sg_gen_politics(sg_model *m, const char *dir) {
  sg_csv c;
  if (sg_csv_open(&c, dir, "political_body", "code;name;sort_order")) return -1;
  for (int i = 0; i < NBODIES; i++) {
    sg_csv_str(&c, bodies[i].code);
    sg_csv_str(&c, bodies[i].name);
    sg_csv_int(&c, i + 1);
    sg_csv_end(&c);
  }
  if (sg_csv_close(&c)) return -1;
  if (gen_decisions(m, dir)) return -1;

  if (sg_csv_open(&c, dir, "wheel_activity",
                  "month;track;text;every_fourth_year;sort_order;category;body_code;reference_year"))
    return -1;
  for (int i = 0; i < NWHEEL; i++) {
    if (wheel[i].month) sg_csv_int(&c, wheel[i].month);
    else sg_csv_null(&c);
    sg_csv_str(&c, wheel[i].track);
    sg_csv_str(&c, wheel[i].text);
    sg_csv_int(&c, wheel[i].year != 0);
    sg_csv_int(&c, i + 1);
    sg_csv_str(&c, wheel[i].category);
    sg_csv_str(&c, wheel[i].body);
    if (wheel[i].year) sg_csv_int(&c, wheel[i].year);
    else sg_csv_null(&c);
    sg_csv_end(&c);
  }
  return sg_csv_close(&c);
}
