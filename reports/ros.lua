-- reports/ros.lua — risk and internal control (ROS og internkontroll): the 5 × 5 risk matrix
-- (sannsynlighet × konsekvens) as a heat map with the number of risks in each cell, before and
-- after measures, for the whole municipality and per budget area; the high risks with measures,
-- responsible and deadline; deviations (avvik) per category and per area over the last four
-- tertials. Counts only: never a deviation's text. docs/reports.md describes every figure.
local rapp = require("rapp")
local risk = require("rapp.risk")
local fmt = rapp.fmt

return rapp.report {
  name = "ros",
  title = "ROS og internkontroll",
  description = "Risikomatrise (sannsynlighet × konsekvens) før og etter tiltak for kommunen og hvert "
    .. "rammeområde, de høye risikoene med tiltak, ansvarlig og frist, og avvik per kategori og "
    .. "rammeområde de siste fire tertialene.",
  formats = { "pdf", "xlsx", "html" },
  params = {
    { name = "period", type = "period", kinds = { "tertial", "year" }, default = "latest",
      description = "Tertial (2026-T2) eller år; uten --period: siste hele tertial" },
  },
  build = function(r, p)
    local doc, per = r.doc, p.period
    local as_of = per.as_of_date
    doc:meta { title = "ROS og internkontroll " .. per.label, subtitle = r.municipality, number_headings = true }
    doc:cover { title = "ROS og internkontroll", subtitle = r.municipality, period = per, date = as_of }
    doc:toc()

    local cells, total = risk.matrix(r, as_of)
    local high = risk.high(r, as_of)
    local tertials = risk.tertials(per)
    local by_category = risk.deviations(r, "category", tertials, as_of)
    local by_area = risk.deviations(r, "area", tertials, as_of)
    local dev_total, dev_open = 0, 0
    for _, d in ipairs(by_category) do dev_total, dev_open = dev_total + d.total, dev_open + d.open end
    local span = tertials[1].label .. "–" .. tertials[4].label

    -- 1. Sammendrag
    doc:heading(1, "Sammendrag")
    doc:keyfigures {
      { label = "Risikoer i ROS-analysene", value = total.n, type = "integer",
        comparison = "Vurdert senest " .. fmt.date(as_of) },
      { label = "Uakseptable risikoer før tiltak", value = total.high, type = "integer",
        comparison = "Risiko 10–25" },
      { label = "Uakseptable risikoer etter tiltak", value = total.high_remaining, type = "integer",
        comparison = "Tiltakene ikke lukket" },
      { label = "Avvik registrert " .. span, value = dev_total, type = "integer",
        comparison = ("Åpne per %s: %s"):format(fmt.date(as_of), fmt.integer(dev_open)) },
    }
    doc:paragraph(("Per %s har rammeområdenes ROS-analyser %s risikoer. %s av dem er uakseptable (risiko 10–25) "
      .. "før tiltak; %s står igjen som uakseptable der tiltakene ikke er lukket. I kvalitetssystemet er det "
      .. "registrert %s avvik fra %s til og med %s, og %s av dem var åpne per %s.")
      :format(fmt.date_long(as_of), fmt.integer(total.n), fmt.integer(total.high), fmt.integer(total.high_remaining),
        fmt.integer(dev_total), tertials[1].label, fmt.date(as_of), fmt.integer(dev_open), fmt.date(as_of)))

    -- 2. Risikomatrise
    doc:heading(1, "Risikomatrise")
    doc:paragraph(("Risikoene slik de sist ble vurdert innen %s, plassert etter sannsynlighet (1–5) og konsekvens "
      .. "(1–5). Risiko = sannsynlighet × konsekvens: 10–25 uakseptabel, 5–9 vurder tiltak, 1–4 akseptabel. "
      .. "Før tiltak: alle risikoene. Etter tiltak: risikoene som står igjen når de med lukkede tiltak er tatt ut.")
      :format(fmt.date(as_of)))
    risk.matrix_table(r, cells, { title = "Risikomatrise, hele kommunen", sheet = "Matrise hele kommunen" })
    doc:heading(2, "Per rammeområde")
    for _, a in ipairs(r.db:rows(risk.AREAS_SQL, { as_of = as_of })) do
      risk.matrix_table(r, (risk.matrix(r, as_of, a.code)), { title = "Risikomatrise, " .. a.name, note = false })
    end

    -- 3. Høye risikoer
    doc:landscape()
    doc:heading(1, "Høye risikoer")
    if #high == 0 then
      doc:paragraph("Ingen uakseptable risikoer i ROS-analysene per " .. fmt.date_long(as_of) .. ".")
    else
      doc:paragraph(("Risikoene med nivå uakseptabel (risiko 10–25) slik de sist ble vurdert innen %s, med "
        .. "tiltak, ansvarlig, frist og status."):format(fmt.date(as_of)))
      doc:table {
        title = "Uakseptable risikoer",
        sheet = "Uakseptable risikoer",
        columns = {
          { key = "id", title = "ID", width_mm = 16 },
          { key = "area", title = "Rammeområde", width_mm = 28 },
          { key = "hazard", title = "Uønsket hendelse", width_mm = 48 },
          { key = "probability", title = "S", type = "integer" },
          { key = "consequence", title = "K", type = "integer" },
          { key = "score", title = "Risiko (S×K)", type = "integer", status = "level_status" },
          { key = "measures", title = "Tiltak", width_mm = 62 },
          { key = "responsible", title = "Ansvarlig", width_mm = 34 },
          { key = "deadline", title = "Frist", type = "date" },
          { key = "status", title = "Status", width_mm = 28 },
        },
        rows = high,
        legend = false,
        note = "S = sannsynlighet, K = konsekvens (1–5). Rød ■ = uakseptabel. Frist passert: tiltakene var ikke "
          .. "lukket, og fristen var før " .. fmt.date(as_of) .. ".",
      }
    end
    doc:portrait()

    -- 4. Avvik
    doc:heading(1, "Avvik")
    doc:paragraph(("Avvik registrert i kvalitetssystemet de siste fire tertialene (%s), til og med %s. Bare "
      .. "antall rapporteres; innholdet i avvikene er ikke offentlig."):format(span, fmt.date(as_of)))
    doc:heading(2, "Per kategori")
    risk.deviation_table(r, by_category, tertials, { title = "Avvik per kategori og tertial", sheet = "Avvik per kategori",
      first_title = "Kategori", as_of = as_of })
    risk.deviation_chart(r, by_category, tertials, "Avvik per kategori og tertial")
    doc:heading(2, "Per rammeområde")
    risk.deviation_table(r, by_area, tertials, { title = "Avvik per rammeområde og tertial",
      sheet = "Avvik per rammeområde", first_title = "Rammeområde", as_of = as_of })
  end,
}
