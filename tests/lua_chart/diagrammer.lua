-- tests/lua_chart/diagrammer.lua — the issue's chart kinds built by a script against the Lua
-- fixture snapshot; run.sh renders it to PDF and XLSX and reads both back.
local rapp = require("rapp")
local fmt = require("rapp.fmt")
return rapp.report {
  name = "diagrammer", title = "Diagrammer", formats = { "pdf", "xlsx" },
  params = { { name = "period", type = "period", required = true } },
  build = function(r, p)
    local doc, db = r.doc, r.db
    local span = { first = p.period.first_month, last = p.period.last_month }
    doc:heading(1, "Økonomi")
    doc:chart { kind = "column", title = "Budsjett og regnskap hittil", type = "amount", thousands = true,
      summary = "Oppvekst har det største budsjettet.", value_title = "Beløp", category_title = "Rammeområde",
      rows = db:rows([[
        SELECT a.name AS area_name,
               (SELECT sum(b.amount) FROM budget b JOIN unit u ON u.code = b.unit_code
                 WHERE u.area_code = a.code AND b.month BETWEEN :first AND :last) AS budget,
               (SELECT sum(x.amount) FROM actual x JOIN unit u ON u.code = x.unit_code
                 WHERE u.area_code = a.code AND x.month BETWEEN :first AND :last) AS actual
        FROM area a WHERE a.code <> 'SENT' ORDER BY a.sort_order]], span),
      category = "area_name",
      series = { { key = "budget", name = "Budsjett" }, { key = "actual", name = "Regnskap" } } }
    doc:chart { kind = "diverging", title = "Avvik per rammeområde", type = "amount", thousands = true,
      negative_label = "Merforbruk", positive_label = "Mindreforbruk",
      rows = db:rows([[
        SELECT a.name AS area_name,
               coalesce((SELECT sum(b.amount) FROM budget b JOIN unit u ON u.code = b.unit_code
                 WHERE u.area_code = a.code AND b.month BETWEEN :first AND :last), 0)
             - coalesce((SELECT sum(x.amount) FROM actual x JOIN unit u ON u.code = x.unit_code
                 WHERE u.area_code = a.code AND x.month BETWEEN :first AND :last), 0) AS deviation
        FROM area a ORDER BY a.sort_order]], span),
      category = "area_name", series = { { key = "deviation", name = "Avvik" } } }
    doc:heading(1, "Personal")
    -- the month's axis label from the engine's labels (month.axis.N), as the standard reports name it
    local months = db:rows([[
        SELECT pe.number AS month,
               100.0 * sum(ab.short_term_days + ab.long_term_days) / sum(ab.planned_days) AS this_year
        FROM period pe LEFT JOIN absence ab ON ab.month = pe.code
        WHERE pe.kind = 'month' AND pe.year = 2026 AND pe.number BETWEEN 4 AND 7
        GROUP BY pe.code ORDER BY pe.code]])
    for _, row in ipairs(months) do row.month = fmt.month_short(row.month, true) end
    doc:chart { kind = "line", title = "Sykefravær per måned", type = "percent",
      rows = months,
      category = "month", series = { { key = "this_year", name = "I år" } },
      lines = { { value = 6, label = "Mål 6,0 %" } } }
    doc:heading(1, "Mål og resultat")
    doc:chart { kind = "bar_stacked", title = "Status per fokusområde", type = "integer",
      rows = db:rows([[
        SELECT f.name,
               sum(rs.status = 'desired') AS desired, sum(rs.status = 'acceptable') AS acceptable,
               sum(rs.status = 'unacceptable') AS unacceptable,
               sum(rs.status IN ('not_measured', 'no_target')) AS other
        FROM focus_area f JOIN goal g ON g.focus_area_code = f.code
        JOIN indicator i ON i.goal_code = g.code
        JOIN result_status rs ON rs.indicator_code = i.code AND rs.period = :p
        GROUP BY f.code ORDER BY f.sort_order]], { p = p.period }),
      category = "name", series = {
        { key = "desired", status = "desired" }, { key = "acceptable", status = "acceptable" },
        { key = "unacceptable", status = "unacceptable" }, { key = "other", name = "Ikke målt", status = "not_measured" } } }
  end,
}
