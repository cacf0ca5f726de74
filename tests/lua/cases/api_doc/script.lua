-- api_doc: every document block and table feature, dumped by the txt renderer
local rapp = require("rapp")
return rapp.report {
  name = "t", title = "Test", formats = { "txt" },
  params = { { name = "period", type = "period", kinds = { "tertial" }, required = true } },
  build = function(r, p)
    local doc, db = r.doc, r.db
    doc:meta { title = "Tertialrapport", subtitle = "Kommunedirektørens rapport", number_headings = true, keywords = "tertial" }
    doc:cover { title = "Tertialrapport", subtitle = r.municipality, period = p.period, date = p.period.last_date, logo = "logo.png" }
    doc:toc()
    print("heading number", doc:heading(1, "Økonomi"))
    doc:paragraph("Vanlig, **fet**, *kursiv* og ***begge***; \\*ikke kursiv\\*.")
    doc:text("doc:text er det samme som doc:paragraph.")
    doc:bullets { "første", "andre med **fet**" }
    doc:keyfigures {
      { label = "Prognoseavvik", value = -1234567, type = "amount", thousands = true, comparison = "Fjorår: 1 000" },
      { label = "Sykefravær", value = 6.04, type = "percent", status = "desired", comparison = "Mål: 6,0 %" },
      { label = "Ikke målt", value = nil, type = "percent" },
      { label = "Tekst", value = 3, type = "integer", text = "3 av 4" },
    }
    print("heading number", doc:heading(2, "Drift per rammeområde"))
    doc:table {
      title = "Drift per rammeområde", sheet = "Drift", note = "Positivt avvik = mindreforbruk.",
      columns = {
        { key = "area", title = "Rammeområde", merge_repeats = true },
        { key = "unit", title = "Enhet" },
        { key = "budget", title = "Budsjett", group = "Hittil i år", type = "amount", thousands = true, sum = true },
        { key = "actual", title = "Regnskap", group = "Hittil i år", type = "amount", thousands = true, sum = true },
        { key = "pct", title = "Avvik %", type = "percent" },
      },
      rows = db:rows([[
        SELECT a.name AS area, u.name AS unit, b.budget, ac.actual,
               100.0 * (b.budget - ac.actual) / NULLIF(b.budget, 0) AS pct
        FROM unit u JOIN area a ON a.code = u.area_code
        JOIN (SELECT unit_code, sum(amount) AS budget FROM budget WHERE month BETWEEN :first AND :last GROUP BY unit_code) b ON b.unit_code = u.code
        JOIN (SELECT unit_code, sum(amount) AS actual FROM actual WHERE month BETWEEN :first AND :last GROUP BY unit_code) ac ON ac.unit_code = u.code
        ORDER BY a.sort_order, u.sort_order]], { first = p.period.first_month, last = p.period.last_month }),
      group_by = "area", total = "Sum drift",
    }
    doc:heading(2, "Målekort")
    doc:table {
      columns = {
        { key = "indicator_code", title = "Indikator" },
        { key = "area_code", title = "Område" },
        { key = "value", title = "Resultat", type = "decimal", decimals = 1, status = "status" },
        { key = "desired", title = "Ønsket", type = "decimal" },
      },
      rows = db:rows("SELECT indicator_code, area_code, value, status, desired FROM result_status WHERE period = :p ORDER BY indicator_code, area_code", { p = p.period }),
    }
    doc:landscape()
    local t = doc:table { title = "Manuell tabell", unit_note = "Antall", columns = {
      { key = "name", title = "Navn" }, { key = "n", title = "Antall", type = "integer", sum = true },
      { key = "d", title = "Dato", type = "date" }, { key = "ok", title = "OK" } } }
    t:group("Gruppe A")
    t:add_row { name = "a1", n = 1, d = "2026-01-31", ok = true }
    t:add_row { name = "a2", n = 2, d = 20260229 - 1, ok = false }
    t:subtotal("Sum A")
    t:group("Gruppe B")
    t:add_rows { { name = "b1", n = 10 }, { name = "b2", n = { value = 20, text = "tjue", status = "acceptable" } } }
    t:subtotal("Sum B")
    t:total("Totalt")
    doc:portrait()
    doc:note("Kilde: **økonomisystemet**.", "1)")
    doc:image { path = "logo.png", width_mm = 40, alt = "Kommunevåpen" }
    doc:pagebreak()
    doc:heading(3, "Slutt")
  end,
}
