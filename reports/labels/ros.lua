-- reports/labels/ros.lua — the words of reports/ros.lua per language form (docs/scripting.md
-- "Languages and labels"); se falls back to nb with a warning. The matrix and deviation tables'
-- own column titles and notes come from lua/rapp/risk.lua (bokmål only so far).
return {
  nb = {
    ["title"] = "ROS og internkontroll",
    ["h.summary"] = "Sammendrag",
    ["kf.risks"] = "Risikoer i ROS-analysene",
    ["kf.risks_cmp"] = "Vurdert senest %s",
    ["kf.high"] = "Uakseptable risikoer før tiltak",
    ["kf.high_cmp"] = "Risiko 10–25",
    ["kf.remaining"] = "Uakseptable risikoer etter tiltak",
    ["kf.remaining_cmp"] = "Tiltakene ikke lukket",
    ["kf.deviations"] = "Avvik registrert %s",
    ["kf.deviations_cmp"] = "Åpne per %s: %s",
    ["summary"] = "Per %s har rammeområdenes ROS-analyser %s risikoer. %s av dem er uakseptable (risiko 10–25) "
      .. "før tiltak; %s står igjen som uakseptable der tiltakene ikke er lukket. I kvalitetssystemet er det "
      .. "registrert %s avvik fra %s til og med %s, og %s av dem var åpne per %s.",
    ["h.matrix"] = "Risikomatrise",
    ["matrix.intro"] = "Risikoene slik de sist ble vurdert innen %s, plassert etter sannsynlighet (1–5) og "
      .. "konsekvens (1–5). Risiko = sannsynlighet × konsekvens: 10–25 uakseptabel, 5–9 vurder tiltak, 1–4 "
      .. "akseptabel. Før tiltak: alle risikoene. Etter tiltak: risikoene som står igjen når de med lukkede "
      .. "tiltak er tatt ut.",
    ["matrix.whole"] = "Risikomatrise, hele kommunen",
    ["matrix.whole_sheet"] = "Matrise hele kommunen",
    ["h.per_area"] = "Per rammeområde",
    ["matrix.area"] = "Risikomatrise, %s",
    ["h.high"] = "Høye risikoer",
    ["high.none"] = "Ingen uakseptable risikoer i ROS-analysene per %s.",
    ["high.intro"] = "Risikoene med nivå uakseptabel (risiko 10–25) slik de sist ble vurdert innen %s, med "
      .. "tiltak, ansvarlig, frist og status.",
    ["high.title"] = "Uakseptable risikoer",
    ["col.id"] = "ID",
    ["col.area"] = "Rammeområde",
    ["col.hazard"] = "Uønsket hendelse",
    ["col.p"] = "S",
    ["col.c"] = "K",
    ["col.score"] = "Risiko (S×K)",
    ["col.measures"] = "Tiltak",
    ["col.responsible"] = "Ansvarlig",
    ["col.deadline"] = "Frist",
    ["col.status"] = "Status",
    ["high.note"] = "S = sannsynlighet, K = konsekvens (1–5). Rød ■ = uakseptabel. Frist passert: tiltakene var "
      .. "ikke lukket, og fristen var før %s.",
    ["h.deviations"] = "Avvik",
    ["dev.intro"] = "Avvik registrert i kvalitetssystemet de siste fire tertialene (%s), til og med %s. Bare "
      .. "antall rapporteres; innholdet i avvikene er ikke offentlig.",
    ["h.per_category"] = "Per kategori",
    ["dev.cat_title"] = "Avvik per kategori og tertial",
    ["dev.cat_sheet"] = "Avvik per kategori",
    ["dev.cat_first"] = "Kategori",
    ["dev.area_title"] = "Avvik per rammeområde og tertial",
    ["dev.area_sheet"] = "Avvik per rammeområde",
  },
  nn = {
    ["title"] = "ROS og internkontroll",
    ["h.summary"] = "Samandrag",
    ["kf.risks"] = "Risikoar i ROS-analysane",
    ["kf.risks_cmp"] = "Vurdert seinast %s",
    ["kf.high"] = "Uakseptable risikoar før tiltak",
    ["kf.high_cmp"] = "Risiko 10–25",
    ["kf.remaining"] = "Uakseptable risikoar etter tiltak",
    ["kf.remaining_cmp"] = "Tiltaka ikkje lukka",
    ["kf.deviations"] = "Avvik registrert %s",
    ["kf.deviations_cmp"] = "Opne per %s: %s",
    ["summary"] = "Per %s har ROS-analysane til rammeområda %s risikoar. %s av dei er uakseptable (risiko 10–25) "
      .. "før tiltak; %s står att som uakseptable der tiltaka ikkje er lukka. I kvalitetssystemet er det "
      .. "registrert %s avvik frå %s til og med %s, og %s av dei var opne per %s.",
    ["h.matrix"] = "Risikomatrise",
    ["matrix.intro"] = "Risikoane slik dei sist vart vurderte innan %s, plasserte etter sannsyn (1–5) og "
      .. "konsekvens (1–5). Risiko = sannsyn × konsekvens: 10–25 uakseptabel, 5–9 vurder tiltak, 1–4 "
      .. "akseptabel. Før tiltak: alle risikoane. Etter tiltak: risikoane som står att når dei med lukka "
      .. "tiltak er tekne ut.",
    ["matrix.whole"] = "Risikomatrise, heile kommunen",
    ["matrix.whole_sheet"] = "Matrise heile kommunen",
    ["h.per_area"] = "Per rammeområde",
    ["matrix.area"] = "Risikomatrise, %s",
    ["h.high"] = "Høge risikoar",
    ["high.none"] = "Ingen uakseptable risikoar i ROS-analysane per %s.",
    ["high.intro"] = "Risikoane med nivå uakseptabel (risiko 10–25) slik dei sist vart vurderte innan %s, med "
      .. "tiltak, ansvarleg, frist og status.",
    ["high.title"] = "Uakseptable risikoar",
    ["col.id"] = "ID",
    ["col.area"] = "Rammeområde",
    ["col.hazard"] = "Uønskt hending",
    ["col.p"] = "S",
    ["col.c"] = "K",
    ["col.score"] = "Risiko (S×K)",
    ["col.measures"] = "Tiltak",
    ["col.responsible"] = "Ansvarleg",
    ["col.deadline"] = "Frist",
    ["col.status"] = "Status",
    ["high.note"] = "S = sannsyn, K = konsekvens (1–5). Raud ■ = uakseptabel. Frist passert: tiltaka var "
      .. "ikkje lukka, og fristen var før %s.",
    ["h.deviations"] = "Avvik",
    ["dev.intro"] = "Avvik registrert i kvalitetssystemet dei siste fire tertiala (%s), til og med %s. Berre "
      .. "talet blir rapportert; innhaldet i avvika er ikkje offentleg.",
    ["h.per_category"] = "Per kategori",
    ["dev.cat_title"] = "Avvik per kategori og tertial",
    ["dev.cat_sheet"] = "Avvik per kategori",
    ["dev.cat_first"] = "Kategori",
    ["dev.area_title"] = "Avvik per rammeområde og tertial",
    ["dev.area_sheet"] = "Avvik per rammeområde",
  },
  se = {},
}
