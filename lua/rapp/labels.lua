-- lua/rapp/labels.lua — the words a report prints, in the run's language form (issue 17;
-- docs/scripting.md "Languages and labels"). Three tables, each word in exactly one:
--   1. the report's own:   rapp.report { labels = { nb = {...}, nn = {...}, se = {...} } }
--   2. the library's:      M.library below (sentences and column titles of rapp.scorecard, ...)
--   3. the engine's:       src/util/labels.c (pages, contents, colophon, units, months), read
--                          through core.label; status words are core.statuses[code].words.
-- A key is looked up in that order; a key without a text in the run's form falls back to nb and is
-- listed in the run's warning on stderr.
local _, core = ...
local type, error, select, pairs, ipairs, tostring, fmt = type, error, select, pairs, ipairs, tostring, string.format
local M = {}

--- The library's words (lua/rapp/*.lua). nn after DOMAIN.md's vocabulary; se only where known.
M.library = {
  nb = {
    ["commentary.missing"] = "Ingen kommentar levert",
    ["whole_municipality"] = "hele kommunen",
    ["whole_municipality_row"] = "Hele kommunen",
    ["area"] = "Rammeområde",
    ["sum"] = "Sum",
    ["frist_passed"] = " – frist passert",
    -- rapp.scorecard
    ["sc.period_note"] = "Resultatet er fra siste hele måleperiode for indikatoren ved periodens slutt: "
      .. "månedlige indikatorer viser periodens siste måned, kvartalsvise og tertialvise det siste "
      .. "kvartalet eller tertialet som er avsluttet, årlige det siste hele året. Uten resultat for "
      .. "den måleperioden står indikatoren som «Ikke målt». Periode: måleperioden resultatet gjelder "
      .. "(K = kvartal, T = tertial).",
    ["sc.target_note"] = "Resultatkrav: grensen for ønsket og akseptabelt resultat i indikatorens enhet. "
      .. "≥ betyr at høyere er bedre (resultatet må være minst grensen), ≤ at lavere er bedre "
      .. "(resultatet må være høyst grensen). Et resultat som ikke når grensen for akseptabelt "
      .. "resultat, er uakseptabelt. Status beregnes av den avrundede verdien som vises.",
    ["sc.trend_note"] = "Trend: ↑ bedre, → uendret, ↓ svakere enn forrige måling, vurdert etter "
      .. "indikatorens retning (for «lavere er bedre» er en nedgang en forbedring).",
    ["sc.trend.better"] = "↑ Bedre", ["sc.trend.same"] = "→ Uendret", ["sc.trend.worse"] = "↓ Svakere",
    ["sc.limit"] = "Resultatgrense",
    ["sc.title"] = "Målekort for %s",
    ["sc.title_whole"] = "Målekort for hele kommunen",
    ["sc.sheet_whole"] = "Målekort kommunen",
    ["sc.sheet"] = "Målekort %s",
    ["sc.focus_area"] = "Fokusområde", ["sc.main_goal"] = "Hovedmål", ["sc.goal"] = "Suksessfaktor (delmål)",
    ["sc.indicator"] = "Måleindikator", ["sc.method"] = "Målemetode",
    ["sc.desired"] = "Ønsket", ["sc.acceptable"] = "Akseptabelt", ["sc.target_group"] = "Resultatkrav 1)",
    ["sc.result"] = "Resultat", ["sc.period"] = "Periode", ["sc.last_year"] = "I fjor",
    ["sc.previous"] = "Forrige", ["sc.trend"] = "Trend", ["sc.comment"] = "Kommentar",
    ["sc.no_main_goal"] = "Ikke utarbeidet",
    ["sc.n_desired"] = "● Ønsket", ["sc.n_acceptable"] = "▲ Akseptabelt",
    ["sc.n_unacceptable"] = "■ Uakseptabelt", ["sc.n_not_measured"] = "○ Ikke målt",
    ["sc.n_no_target"] = "– Uten resultatkrav",
    ["sc.count"] = "Antall indikatorer",
    ["sc.summary_title"] = "Måloppnåelse per fokusområde, %s",
    ["sc.other"] = "Ikke målt / uten resultatkrav",
    -- rapp.economy
    ["eco.sign_note"] = "Positivt avvik = mindreforbruk, negativt avvik (rødt, med minus) = merforbruk. "
      .. "Avvik = budsjett − regnskap; prognoseavvik = regulert budsjett − prognose. Avvik i % er avvik "
      .. "hittil i prosent av budsjett hittil (for inntekter av tallverdien).",
    ["eco.closed_note"] = "Positivt avvik = mindreforbruk, negativt avvik (rødt, med minus) = merforbruk. "
      .. "Avvik = regulert budsjett − regnskap; avvik i % er avviket i prosent av regulert budsjett (for "
      .. "inntekter av tallverdien).",
    ["eco.year_budget"] = "Regulert budsjett", ["eco.budget_ytd"] = "Budsjett hittil",
    ["eco.actual"] = "Regnskap", ["eco.actual_ytd"] = "Regnskap hittil",
    ["eco.deviation"] = "Avvik", ["eco.deviation_ytd"] = "Avvik hittil", ["eco.deviation_pct"] = "Avvik i %",
    ["eco.forecast"] = "Prognose", ["eco.forecast_deviation"] = "Prognoseavvik",
    ["eco.overspend"] = "Merforbruk", ["eco.underspend"] = "Mindreforbruk",
    ["eco.an_underspend"] = "et mindreforbruk på %s", ["eco.an_overspend"] = "et merforbruk på %s",
    -- rapp.absence
    ["abs.group"] = "Sykefravær %s", ["abs.short"] = "Korttid", ["abs.long"] = "Langtid",
    ["abs.total"] = "Totalt", ["abs.goal"] = "Mål", ["abs.last_year"] = "Samme periode i fjor (%s)",
    ["abs.note"] = "Korttid: egenmeldt og legemeldt fravær 1–16 dager. Langtid: legemeldt fravær over 16 "
      .. "dager. Mål: ønsket resultat for sykefravær totalt i målekortet for %s (rammeområdets eget mål "
      .. "der det finnes). Siste rad er %s.",
    ["abs.chart_title"] = "Sykefravær per måned %d og %d, hele kommunen",
    ["abs.value_title"] = "Sykefravær", ["abs.goal_line"] = "Mål %s",
    -- rapp.control
    ["ctl.heading"] = "Internkontroll", ["ctl.deviations"] = "Avvik",
    ["ctl.intro"] = "Avvik registrert i kvalitetssystemet hittil i år (%s), per kategori. Bare antall "
      .. "rapporteres; innholdet i avvikene er ikke offentlig.",
    ["ctl.category"] = "Kategori", ["ctl.in_period"] = "I perioden", ["ctl.registered"] = "Registrert",
    ["ctl.ytd"] = "Hittil i år", ["ctl.high"] = "Herav høy alvorlighet", ["ctl.closed"] = "Lukket",
    ["ctl.open"] = "Åpne", ["ctl.status_per"] = "Status per %s",
    ["ctl.table_title"] = "Avvik per kategori og status, %s", ["ctl.sheet"] = "Avvik",
    ["ctl.note"] = "Status per periodens slutt av avvikene registrert hittil i år: lukket når avviket ble "
      .. "lukket senest %s, ellers åpent.",
    ["ctl.risks"] = "Risiko (ROS)",
    ["ctl.no_risks"] = "Ingen åpne risikoer i ROS-analysene per %s.",
    ["ctl.risk_intro"] = "De høyeste risikoene i rammeområdenes ROS-analyser som ikke var lukket per %s, "
      .. "slik de sist ble vurdert innen denne datoen. Risiko = sannsynlighet × konsekvens (1–5 hver): "
      .. "10–25 uakseptabel, 5–9 vurder tiltak, 1–4 akseptabel.",
    ["ctl.risk_title"] = "Høyeste risikoer", ["ctl.hazard"] = "Uønsket hendelse",
    ["ctl.score"] = "Risiko (S×K)", ["ctl.level"] = "Nivå", ["ctl.measures"] = "Tiltak",
    ["ctl.deadline"] = "Frist", ["ctl.status"] = "Status",
    ["ctl.risk_note"] = "S = sannsynlighet, K = konsekvens. Nivå: rød = uakseptabel, gul = vurder tiltak, "
      .. "grønn = akseptabel. Frist passert: tiltakene var ikke lukket, og fristen var før %s.",
    -- rapp.risk (the ROS matrix and the deviations per tertial)
    ["risk.p1"] = "Svært lite sannsynlig", ["risk.p2"] = "Lite sannsynlig", ["risk.p3"] = "Moderat sannsynlig",
    ["risk.p4"] = "Sannsynlig", ["risk.p5"] = "Svært sannsynlig",
    ["risk.k1"] = "Ubetydelig", ["risk.k2"] = "Mindre alvorlig", ["risk.k3"] = "Alvorlig",
    ["risk.k4"] = "Svært alvorlig", ["risk.k5"] = "Katastrofal",
    ["risk.probability"] = "Sannsynlighet",
    ["risk.before"] = "Før tiltak: konsekvens", ["risk.after"] = "Etter tiltak: konsekvens",
    ["risk.matrix_note"] = "Antall risikoer i hver rute. Konsekvens: 1 %s, 2 %s, 3 %s, 4 %s, 5 %s. Farge og "
      .. "symbol etter risikonivå (sannsynlighet × konsekvens): rød ■ = uakseptabel (10–25), gul ▲ = vurder "
      .. "tiltak (5–9), grønn ● = akseptabel (1–4). Tomme ruter (–) har ingen risikoer. Etter tiltak: risikoene "
      .. "der tiltakene ikke var lukket.",
    ["risk.dev_total"] = "Sum fire tertialer", ["risk.dev_open"] = "Åpne per %s",
    ["risk.dev_note"] = "Avvik registrert i kvalitetssystemet per tertial, til og med %s. Bare antall "
      .. "rapporteres; innholdet i avvikene er ikke offentlig. Åpne: ikke lukket per %s.",
    ["risk.dev_count"] = "Antall avvik",
    -- rapp.company
    ["company.owns"] = "Kommunen eier %s",
    ["company.foundation"] = "Selveiende (stiftelse)",
    ["company.board"] = "%d %s, %d %s", ["company.board_share"] = " (%s kvinner)",
    ["company.woman"] = "kvinne", ["company.women"] = "kvinner", ["company.man"] = "mann", ["company.men"] = "menn",
    ["meeting.AS"] = "Generalforsamling", ["meeting.IKS"] = "Representantskap", ["meeting.KF"] = "Foretaksmøte",
    ["meeting.SA"] = "Årsmøte", ["meeting.interkommunalt samarbeid"] = "Representantskap",
    -- codes the schema defines (CHECK lists and views), printed by code (control.code_word); free
    -- text typed by the municipality is printed as typed
    ["code.deviation.category.HMS"] = "HMS", ["code.deviation.category.bruker/pasient"] = "Bruker/pasient",
    ["code.deviation.category.informasjonssikkerhet/personvern"] = "Informasjonssikkerhet/personvern",
    ["code.deviation.category.økonomi"] = "Økonomi", ["code.deviation.category.annet"] = "Annet",
    ["code.risk.status.åpen"] = "Åpen", ["code.risk.status.tiltak pågår"] = "Tiltak pågår",
    ["code.risk.status.lukket"] = "Lukket",
    ["code.risk.level.uakseptabel"] = "Uakseptabel", ["code.risk.level.vurder tiltak"] = "Vurder tiltak",
    ["code.risk.level.akseptabel"] = "Akseptabel",
    ["code.investment.status.planlagt"] = "Planlagt", ["code.investment.status.pågår"] = "Pågår",
    ["code.investment.status.ferdigstilt"] = "Ferdigstilt", ["code.investment.status.utsatt"] = "Utsatt",
    ["code.investment.status.avsluttet"] = "Avsluttet",
    ["code.agreement.status.ikke signert"] = "Ikke signert", ["code.agreement.status.signert"] = "Signert",
    ["code.decision.status.ikke påbegynt"] = "Ikke påbegynt", ["code.decision.status.under arbeid"] = "Under arbeid",
    ["code.decision.status.forsinket"] = "Forsinket", ["code.decision.status.ferdig"] = "Ferdig",
    ["code.decision.status.utgår"] = "Utgår",
    ["code.company.form.stiftelse"] = "stiftelse",
    ["code.company.form.interkommunalt samarbeid"] = "interkommunalt samarbeid",
  },
  nn = {
    ["commentary.missing"] = "Ingen kommentar levert",
    ["whole_municipality"] = "heile kommunen",
    ["whole_municipality_row"] = "Heile kommunen",
    ["area"] = "Rammeområde",
    ["sum"] = "Sum",
    ["frist_passed"] = " – frist passert",
    ["sc.period_note"] = "Resultatet er frå siste heile måleperiode for indikatoren ved slutten av perioden: "
      .. "månadlege indikatorar viser den siste månaden i perioden, kvartalsvise og tertialvise det siste "
      .. "kvartalet eller tertialet som er avslutta, årlege det siste heile året. Utan resultat for "
      .. "den måleperioden står indikatoren som «Ikkje målt». Periode: måleperioden resultatet gjeld "
      .. "(K = kvartal, T = tertial).",
    ["sc.target_note"] = "Resultatkrav: grensa for ønskt og akseptabelt resultat i eininga til indikatoren. "
      .. "≥ tyder at høgare er betre (resultatet må vere minst grensa), ≤ at lågare er betre "
      .. "(resultatet må vere høgst grensa). Eit resultat som ikkje når grensa for akseptabelt "
      .. "resultat, er uakseptabelt. Status blir rekna ut frå den avrunda verdien som blir vist.",
    ["sc.trend_note"] = "Trend: ↑ betre, → uendra, ↓ svakare enn førre måling, vurdert etter "
      .. "retninga til indikatoren (for «lågare er betre» er ein nedgang ei forbetring).",
    ["sc.trend.better"] = "↑ Betre", ["sc.trend.same"] = "→ Uendra", ["sc.trend.worse"] = "↓ Svakare",
    ["sc.limit"] = "Resultatgrense",
    ["sc.title"] = "Målekort for %s",
    ["sc.title_whole"] = "Målekort for heile kommunen",
    ["sc.sheet_whole"] = "Målekort kommunen",
    ["sc.sheet"] = "Målekort %s",
    ["sc.focus_area"] = "Fokusområde", ["sc.main_goal"] = "Hovudmål", ["sc.goal"] = "Suksessfaktor (delmål)",
    ["sc.indicator"] = "Måleindikator", ["sc.method"] = "Målemetode",
    ["sc.desired"] = "Ønskt", ["sc.acceptable"] = "Akseptabelt", ["sc.target_group"] = "Resultatkrav 1)",
    ["sc.result"] = "Resultat", ["sc.period"] = "Periode", ["sc.last_year"] = "I fjor",
    ["sc.previous"] = "Førre", ["sc.trend"] = "Trend", ["sc.comment"] = "Kommentar",
    ["sc.no_main_goal"] = "Ikkje utarbeidd",
    ["sc.n_desired"] = "● Ønskt", ["sc.n_acceptable"] = "▲ Akseptabelt",
    ["sc.n_unacceptable"] = "■ Uakseptabelt", ["sc.n_not_measured"] = "○ Ikkje målt",
    ["sc.n_no_target"] = "– Utan resultatkrav",
    ["sc.count"] = "Tal på indikatorar",
    ["sc.summary_title"] = "Måloppnåing per fokusområde, %s",
    ["sc.other"] = "Ikkje målt / utan resultatkrav",
    ["eco.sign_note"] = "Positivt avvik = mindreforbruk, negativt avvik (raudt, med minus) = meirforbruk. "
      .. "Avvik = budsjett − rekneskap; prognoseavvik = regulert budsjett − prognose. Avvik i % er avvik "
      .. "hittil i prosent av budsjett hittil (for inntekter av talverdien).",
    ["eco.closed_note"] = "Positivt avvik = mindreforbruk, negativt avvik (raudt, med minus) = meirforbruk. "
      .. "Avvik = regulert budsjett − rekneskap; avvik i % er avviket i prosent av regulert budsjett (for "
      .. "inntekter av talverdien).",
    ["eco.year_budget"] = "Regulert budsjett", ["eco.budget_ytd"] = "Budsjett hittil",
    ["eco.actual"] = "Rekneskap", ["eco.actual_ytd"] = "Rekneskap hittil",
    ["eco.deviation"] = "Avvik", ["eco.deviation_ytd"] = "Avvik hittil", ["eco.deviation_pct"] = "Avvik i %",
    ["eco.forecast"] = "Prognose", ["eco.forecast_deviation"] = "Prognoseavvik",
    ["eco.overspend"] = "Meirforbruk", ["eco.underspend"] = "Mindreforbruk",
    ["eco.an_underspend"] = "eit mindreforbruk på %s", ["eco.an_overspend"] = "eit meirforbruk på %s",
    ["abs.group"] = "Sjukefråvær %s", ["abs.short"] = "Korttid", ["abs.long"] = "Langtid",
    ["abs.total"] = "Totalt", ["abs.goal"] = "Mål", ["abs.last_year"] = "Same periode i fjor (%s)",
    ["abs.note"] = "Korttid: eigenmeldt og legemeldt fråvær 1–16 dagar. Langtid: legemeldt fråvær over 16 "
      .. "dagar. Mål: ønskt resultat for sjukefråvær totalt i målekortet for %s (rammeområdet sitt eige "
      .. "mål der det finst). Siste rad er %s.",
    ["abs.chart_title"] = "Sjukefråvær per månad %d og %d, heile kommunen",
    ["abs.value_title"] = "Sjukefråvær", ["abs.goal_line"] = "Mål %s",
    ["ctl.heading"] = "Internkontroll", ["ctl.deviations"] = "Avvik",
    ["ctl.intro"] = "Avvik registrerte i kvalitetssystemet hittil i år (%s), per kategori. Berre talet "
      .. "blir rapportert; innhaldet i avvika er ikkje offentleg.",
    ["ctl.category"] = "Kategori", ["ctl.in_period"] = "I perioden", ["ctl.registered"] = "Registrert",
    ["ctl.ytd"] = "Hittil i år", ["ctl.high"] = "Av dei høg alvorsgrad", ["ctl.closed"] = "Lukka",
    ["ctl.open"] = "Opne", ["ctl.status_per"] = "Status per %s",
    ["ctl.table_title"] = "Avvik per kategori og status, %s", ["ctl.sheet"] = "Avvik",
    ["ctl.note"] = "Status ved slutten av perioden for avvika registrerte hittil i år: lukka når avviket "
      .. "vart lukka seinast %s, elles ope.",
    ["ctl.risks"] = "Risiko (ROS)",
    ["ctl.no_risks"] = "Ingen opne risikoar i ROS-analysane per %s.",
    ["ctl.risk_intro"] = "Dei høgaste risikoane i ROS-analysane til rammeområda som ikkje var lukka per %s, "
      .. "slik dei sist vart vurderte innan denne datoen. Risiko = sannsyn × konsekvens (1–5 kvar): "
      .. "10–25 uakseptabel, 5–9 vurder tiltak, 1–4 akseptabel.",
    ["ctl.risk_title"] = "Høgaste risikoar", ["ctl.hazard"] = "Uønskt hending",
    ["ctl.score"] = "Risiko (S×K)", ["ctl.level"] = "Nivå", ["ctl.measures"] = "Tiltak",
    ["ctl.deadline"] = "Frist", ["ctl.status"] = "Status",
    ["ctl.risk_note"] = "S = sannsyn, K = konsekvens. Nivå: raud = uakseptabel, gul = vurder tiltak, "
      .. "grøn = akseptabel. Frist passert: tiltaka var ikkje lukka, og fristen var før %s.",
    ["risk.p1"] = "Svært lite sannsynleg", ["risk.p2"] = "Lite sannsynleg", ["risk.p3"] = "Moderat sannsynleg",
    ["risk.p4"] = "Sannsynleg", ["risk.p5"] = "Svært sannsynleg",
    ["risk.k1"] = "Ubetydeleg", ["risk.k2"] = "Mindre alvorleg", ["risk.k3"] = "Alvorleg",
    ["risk.k4"] = "Svært alvorleg", ["risk.k5"] = "Katastrofal",
    ["risk.probability"] = "Sannsyn",
    ["risk.before"] = "Før tiltak: konsekvens", ["risk.after"] = "Etter tiltak: konsekvens",
    ["risk.matrix_note"] = "Talet på risikoar i kvar rute. Konsekvens: 1 %s, 2 %s, 3 %s, 4 %s, 5 %s. Farge og "
      .. "symbol etter risikonivå (sannsyn × konsekvens): raud ■ = uakseptabel (10–25), gul ▲ = vurder "
      .. "tiltak (5–9), grøn ● = akseptabel (1–4). Tomme ruter (–) har ingen risikoar. Etter tiltak: risikoane "
      .. "der tiltaka ikkje var lukka.",
    ["risk.dev_total"] = "Sum fire tertial", ["risk.dev_open"] = "Opne per %s",
    ["risk.dev_note"] = "Avvik registrerte i kvalitetssystemet per tertial, til og med %s. Berre talet "
      .. "blir rapportert; innhaldet i avvika er ikkje offentleg. Opne: ikkje lukka per %s.",
    ["risk.dev_count"] = "Tal på avvik",
    ["company.owns"] = "Kommunen eig %s",
    ["company.foundation"] = "Sjølveigande (stifting)",
    ["company.board"] = "%d %s, %d %s", ["company.board_share"] = " (%s kvinner)",
    ["company.woman"] = "kvinne", ["company.women"] = "kvinner", ["company.man"] = "mann", ["company.men"] = "menn",
    ["meeting.AS"] = "Generalforsamling", ["meeting.IKS"] = "Representantskap", ["meeting.KF"] = "Føretaksmøte",
    ["meeting.SA"] = "Årsmøte", ["meeting.interkommunalt samarbeid"] = "Representantskap",
    ["code.deviation.category.HMS"] = "HMS", ["code.deviation.category.bruker/pasient"] = "Brukar/pasient",
    ["code.deviation.category.informasjonssikkerhet/personvern"] = "Informasjonstryggleik/personvern",
    ["code.deviation.category.økonomi"] = "Økonomi", ["code.deviation.category.annet"] = "Anna",
    ["code.risk.status.åpen"] = "Open", ["code.risk.status.tiltak pågår"] = "Tiltak pågår",
    ["code.risk.status.lukket"] = "Lukka",
    ["code.risk.level.uakseptabel"] = "Uakseptabel", ["code.risk.level.vurder tiltak"] = "Vurder tiltak",
    ["code.risk.level.akseptabel"] = "Akseptabel",
    ["code.investment.status.planlagt"] = "Planlagd", ["code.investment.status.pågår"] = "Pågår",
    ["code.investment.status.ferdigstilt"] = "Ferdigstilt", ["code.investment.status.utsatt"] = "Utsett",
    ["code.investment.status.avsluttet"] = "Avslutta",
    ["code.agreement.status.ikke signert"] = "Ikkje signert", ["code.agreement.status.signert"] = "Signert",
    ["code.decision.status.ikke påbegynt"] = "Ikkje påbyrja", ["code.decision.status.under arbeid"] = "Under arbeid",
    ["code.decision.status.forsinket"] = "Forseinka", ["code.decision.status.ferdig"] = "Ferdig",
    ["code.decision.status.utgår"] = "Utgår",
    ["code.company.form.stiftelse"] = "stifting",
    ["code.company.form.interkommunalt samarbeid"] = "interkommunalt samarbeid",
  },
  -- North Sámi: only words known to be right; the rest is shown in bokmål with a warning
  se = {
    ["sc.result"] = "Boađus",
    ["sc.period"] = "Áigodat",
  },
}

local forms = { nb = true, nn = true, se = true }
M.forms = forms

--- Checks a report's labels = { nb = {...}, nn = {...}, se = {...} }; returns it or raises.
function M.check(labels, what)
  if type(labels) ~= "table" then error(what .. ": labels must be { nb = { key = 'text' }, nn = {...}, se = {...} }", 0) end
  for form, t in pairs(labels) do
    if not forms[form] then error(fmt("%s: labels.%s: the language forms are nb, nn and se", what, tostring(form)), 0) end
    if type(t) ~= "table" then error(fmt("%s: labels.%s must be a table { key = 'text' }", what, form), 0) end
    for k, v in pairs(t) do
      if type(k) ~= "string" or type(v) ~= "string" then
        error(fmt("%s: labels.%s[%s]: keys and texts are strings", what, form, tostring(k)), 0)
      end
      if form ~= "nb" and (not labels.nb or labels.nb[k] == nil) then
        error(fmt("%s: labels.%s.%s has no bokmål text (labels.nb.%s), which every key needs", what, form, k, k), 0)
      end
    end
  end
  return labels
end

--- A lookup function label(key, ...) for language form lang over the report's table `own` (or nil).
--- With arguments, the text is a string.format pattern ("Sykefravær %s").
function M.lookup(lang, own)
  local lib = M.library
  return function(key, ...)
    if type(key) ~= "string" then error("r:label: the key must be a string", 2) end
    local text = own and own[lang] and own[lang][key]
    local nb = own and own.nb and own.nb[key]
    if text == nil and nb == nil then
      text, nb = lib[lang][key], lib.nb[key]
      if text == nil and nb == nil then text, nb = core.label(key, lang) end
    end
    if nb == nil then error(fmt("r:label: no label '%s' in the report's labels, the library's or the engine's", key), 2) end
    if text == nil then
      core.label_missing(key)
      text = nb
    end
    if select("#", ...) > 0 then return fmt(text, ...) end
    return text
  end
end

--- The engine's word key in the run's language form (nb, noted as missing, where it has none).
function M.engine_word(key)
  local text, nb = core.label(key)
  if text == nil then
    core.label_missing(key)
    return nb
  end
  return text
end

--- The bokmål text of key in the report's table own, the library's or the engine's, or nil.
function M.nb_text(key, own)
  local nb = own and own.nb and own.nb[key]
  if nb == nil then nb = M.library.nb[key] end
  if nb == nil then nb = select(2, core.label(key, "nb")) end
  return nb
end

--- A parameter's name in the run's language form (the Parametere line of "Om rapporten"): the
--- label of its label_key (the script's, or the engine's param.period/area/unit when a parameter
--- of those types has no label), else the script's plain-string label. label: the run's lookup.
function M.param_label(p, label)
  if p.label_key then return label(p.label_key) end
  return p.label
end

--- A code of a list the schema defines (risk.status 'lukket', deviation.category 'bruker/pasient')
--- as printed in the run's form: the library's label code.<field>.<code> ("Lukket"; nn "Lukka");
--- a value without one (free text typed by the municipality) comes back as nil.
function M.code_word(label, field, code)
  if code == nil then return nil end
  local key = "code." .. field .. "." .. code
  if M.library.nb[key] == nil then return nil end
  return label(key)
end

--- Every word of the engine's and the library's tables in language form lang, as { key = text }
--- (nb where lang has none): what rapp.labels(lang) gives a script.
function M.all(lang)
  if not forms[lang] then error(fmt("rapp.labels: '%s' is not a language form (nb, nn, se)", tostring(lang)), 2) end
  local out = {}
  for _, key in ipairs(core.label_keys()) do
    local text, nb = core.label(key, lang)
    out[key] = text or nb
  end
  for key, nb in pairs(M.library.nb) do out[key] = M.library[lang][key] or nb end
  return out
end

--- The status word of a code ("desired") in lang.
function M.status_word(code, lang)
  local s = core.statuses[code]
  return s and s.words[lang] or nil
end

return M
