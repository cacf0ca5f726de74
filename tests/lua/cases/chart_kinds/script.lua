-- chart_kinds: every chart kind from query rows, explicit lists, lines, bands, series status,
-- legend, size, show_table, generated and given summaries, and a query without rows
local rapp = require("rapp")
return rapp.report {
  name = "t", title = "Test", formats = { "txt" },
  params = { { name = "period", type = "period" } },
  build = function(r, p)
    local doc, db = r.doc, r.db
    local economy = db:rows([[
      SELECT a.name AS area_name,
             (SELECT sum(b.amount) FROM budget b JOIN unit u ON u.code = b.unit_code
               WHERE u.area_code = a.code AND b.month BETWEEN :first AND :last) AS budget,
             (SELECT sum(x.amount) FROM actual x JOIN unit u ON u.code = x.unit_code
               WHERE u.area_code = a.code AND x.month BETWEEN :first AND :last) AS actual
      FROM area a WHERE a.code <> 'SENT' ORDER BY a.sort_order]],
      { first = p.period.first_month, last = p.period.last_month })
    local series = { { key = "budget", name = "Budsjett" }, { key = "actual", name = "Regnskap" } }
    doc:chart { kind = "column", title = "Budsjett og regnskap", type = "amount", thousands = true,
      rows = economy, category = "area_name", series = series, category_title = "Rammeområde",
      value_title = "Beløp", source = "Kilde: økonomisystemet" }
    doc:chart { kind = "column_stacked", title = "Stablet", type = "amount", rows = economy,
      category = "area_name", series = series, legend = false }
    doc:chart { kind = "bar", title = "Liggende", type = "amount", thousands = true, rows = economy,
      category = "area_name", series = series, width_mm = 120, height_mm = 70, show_table = true,
      summary = "Helse og omsorg har størst budsjett." }
    doc:chart { kind = "diverging", title = "Avvik per rammeområde", type = "amount", thousands = true,
      rows = db:rows([[
        SELECT a.name AS area_name, sum(b.amount) - (SELECT sum(x.amount) FROM actual x JOIN unit v
               ON v.code = x.unit_code WHERE v.area_code = a.code) AS deviation
        FROM area a JOIN unit u ON u.area_code = a.code JOIN budget b ON b.unit_code = u.code
        GROUP BY a.code ORDER BY a.sort_order]]),
      category = "area_name", series = { { key = "deviation", name = "Avvik" } },
      negative_label = "Merforbruk", positive_label = "Mindreforbruk" }
    doc:chart { kind = "line", title = "Sykefravær per måned", type = "percent", decimals = 1,
      rows = db:rows([[
        SELECT pe.code AS month, pe.number,
               100.0 * sum(ab.short_term_days + ab.long_term_days) / sum(ab.planned_days) AS this_year
        FROM period pe LEFT JOIN absence ab ON ab.month = pe.code
        WHERE pe.kind = 'month' AND pe.year = 2026 AND pe.number BETWEEN 4 AND 7
        GROUP BY pe.code ORDER BY pe.code]]),
      category = "month", series = { { key = "this_year", name = "2026" }, { key = "number", name = "Månedsnummer" } },
      lines = { { value = 6, label = "Mål 6,0 %" } },
      bands = { { to = 6, status = "desired" }, { from = 6, to = 7.5, status = "acceptable", label = "Akseptabelt (≤ 7,5 %)" },
                { from = 7.5, status = "unacceptable" } } }
    doc:chart { kind = "bar_stacked", title = "Status per fokusområde", type = "integer",
      rows = db:rows([[
        SELECT f.name,
               sum(rs.status = 'desired') AS desired, sum(rs.status = 'acceptable') AS acceptable,
               sum(rs.status = 'unacceptable') AS unacceptable,
               sum(rs.status IS NULL OR rs.status IN ('not_measured', 'no_target')) AS other
        FROM focus_area f JOIN goal g ON g.focus_area_code = f.code
        JOIN indicator i ON i.goal_code = g.code
        LEFT JOIN result_status rs ON rs.indicator_code = i.code AND rs.period = :p
             AND rs.area_code IS NULL AND rs.unit_code IS NULL
        GROUP BY f.code ORDER BY f.sort_order]], { p = p.period }),
      category = "name", series = {
        { key = "desired", status = "desired" }, { key = "acceptable", status = "acceptable" },
        { key = "unacceptable", status = "unacceptable" }, { key = "other", name = "Ikke målt / uten krav", status = "not_measured" } } }
    doc:chart { kind = "line", title = "Forklart", decimals = 2, categories = { "2024", 2025, "2026" },
      series = { { name = "Resultat", values = { 3.25, nil, 4, n = 3 } } } }
    doc:chart { kind = "column", title = "Én verdi", categories = { "Alt" }, series = { { name = "Sum", values = { 12 } } } }
    doc:chart { kind = "column", title = "Tom", rows = db:rows("SELECT name, sort_order FROM area WHERE code = 'X'"),
      category = "name", series = { { key = "sort_order", name = "Rekkefølge" } } }
  end,
}
