-- reports/enhetsrapport.lua — one unit for the leader's dialogue (lederdialog): the unit's economy
-- month by month against the periodised budget, sick leave month by month against the goal, its
-- scorecard (its area's own goals and the common ones), deviations (counts only) over the last four
-- tertials and the status of its leader agreements. Parameter unit (required), so that
--   rapp run reports/enhetsrapport.lua --each unit
-- makes one report per unit (docs/batch.md). docs/reports.md describes every figure.
local rapp = require("rapp")
local economy = require("rapp.economy")
local absence = require("rapp.absence")
local scorecard = require("rapp.scorecard")
local risk = require("rapp.risk")
local control = require("rapp.control")
local fmt = rapp.fmt

local NBSP = economy.NBSP

-- The unit's budget and actuals per month of :year up to :last_month (the amounts as entered).
local MONTHS_SQL = [[
SELECT pe.code AS month,
       (SELECT round(sum(b.amount), 2) FROM budget b WHERE b.unit_code = :unit AND b.month = pe.code) AS budget,
       (SELECT round(sum(a.amount), 2) FROM actual a WHERE a.unit_code = :unit AND a.month = pe.code) AS actual
FROM period pe WHERE pe.kind = 'month' AND pe.year = :year AND pe.code <= :last_month
ORDER BY pe.number]]

-- The unit's leader agreements of :year and the two years before, as they stood on :as_of (view
-- leader_agreement_state); the signing date only once signed by then.
local AGREEMENT_SQL = [[
SELECT year, leader, status, CASE WHEN signed = 1 THEN signed_date END AS signed_date
FROM leader_agreement_state
WHERE unit_code = :unit AND year BETWEEN :year - 2 AND :year
  AND valid_from <= :as_of AND (valid_to IS NULL OR :as_of < valid_to)
ORDER BY year DESC]]

local function capital(s) return (s:gsub("^%l", string.upper)) end

return rapp.report {
  name = "enhetsrapport",
  title = "Enhetsrapport",
  description = "Én enhet til lederdialogen: økonomi og sykefravær måned for måned, målekort, avvik og "
    .. "status for lederavtalen.",
  formats = { "pdf", "xlsx", "html" },
  labels = require("labels.enhetsrapport"),
  params = {
    { name = "period", type = "period", kinds = { "tertial", "month", "quarter", "year" }, default = "latest",
      description = "Periode (2026-T2, 2026-09); uten --period: siste hele tertial" },
    { name = "unit", type = "unit", required = true, description = "Enhetens kode (ENH2010)" },
  },
  build = function(r, p)
    local doc, db, per, u = r.doc, r.db, p.period, p.unit
    local as_of = per.as_of_date
    local q, ytd = economy.params(per, as_of)
    local area = db:row("SELECT code, name FROM area WHERE code = :a", { a = u.area_code })
    doc:meta { title = r:label("title") .. " " .. u.name .. " " .. per.label, subtitle = r.municipality, number_headings = true }
    doc:cover { title = r:label("title"), subtitle = u.name .. " (" .. area.name .. ")", period = per, date = as_of }

    -- 1. Enheten
    doc:heading(1, r:label("h.unit"))
    doc:paragraph(r:label("unit.intro", u.name, u.code, area.name, u.head or r:label("not_registered"), per.label,
      fmt.date(as_of)))

    -- 2. Økonomi
    doc:heading(1, r:label("h.economy"))
    local unit_row
    for _, row in ipairs((economy.rows(r, q, area.code))) do
      if row.code == u.code then unit_row = row end
    end
    if not unit_row then
      doc:paragraph(r:label("eco.none", per.year))
    else
      economy.table(r, { unit_row }, { title = r:label("eco.title", u.name, ytd.label, per.year),
        first_title = r:label("eco.first"), sheet = r:label("eco.sheet") })
      local months, bsum, asum = {}, 0, 0
      for i, m in ipairs(db:rows(MONTHS_SQL, { unit = u.code, year = per.year, last_month = q.last_month })) do
        bsum, asum = bsum + (m.budget or 0), asum + (m.actual or 0)
        months[i] = { month = capital(fmt.month_name(tonumber(m.month:sub(6)))), budget = m.budget, actual = m.actual,
          deviation = (m.budget or 0) - (m.actual or 0), budget_ytd = bsum, actual_ytd = asum, deviation_ytd = bsum - asum }
      end
      local mg, yg = r:label("grp.month"), r:label("grp.ytd")
      doc:table {
        title = r:label("month.title", ytd.label),
        sheet = r:label("month.sheet"),
        columns = {
          { key = "month", title = r:label("col.month") },
          { key = "budget", title = r:label("col.budget"), type = "amount", thousands = true, sum = true, group = mg },
          { key = "actual", title = r:label("col.actual"), type = "amount", thousands = true, sum = true, group = mg },
          { key = "deviation", title = r:label("col.deviation"), type = "amount", thousands = true, sum = true,
            mark_negative = true, group = mg },
          { key = "budget_ytd", title = r:label("col.budget"), type = "amount", thousands = true, group = yg },
          { key = "actual_ytd", title = r:label("col.actual"), type = "amount", thousands = true, group = yg },
          { key = "deviation_ytd", title = r:label("col.deviation"), type = "amount", thousands = true,
            mark_negative = true, group = yg },
        },
        rows = months,
        total = r:label("sum"),
        note = r:label("eco.sign_note"),
      }
      doc:chart {
        kind = "column", title = r:label("month.title", ytd.label),
        type = "amount", thousands = true, value_title = r:label("month.amount"),
        rows = months, category = "month",
        series = { { key = "budget", name = r:label("col.budget") }, { key = "actual", name = r:label("col.actual") } },
      }
    end

    -- 3. Sykefravær. The goal is the unit's own: the desired limit of sick leave (MA01) the unit's
    -- scorecard shows (the unit's target, else the area's, else the municipality's; scorecard.SQL),
    -- else the area's goal of rapp.absence when the indicator is not on the unit's card.
    doc:heading(1, r:label("h.absence"))
    local goal
    for _, row in ipairs((scorecard.rows(r, { period = per, unit = u.code }))) do
      if row.indicator_code == "MA01" then goal = row.desired end
    end
    local sick = {}
    for _, m in ipairs(ytd.months) do
      for _, row in ipairs(absence.rows(r, { first_month = m, last_month = m }, area.code)) do
        if row.code == u.code then
          sick[#sick + 1] = { month = capital(fmt.month_name(tonumber(m:sub(6)))), short_pct = row.short_pct,
            long_pct = row.long_pct, total_pct = row.total_pct, goal_pct = goal or row.goal_pct,
            last_year_pct = row.last_year_pct, employees = row.employees, ly_employees = row.ly_employees }
        end
      end
    end
    if #sick == 0 then
      doc:paragraph(r:label("sick.none", ytd.label))
    else
      doc:paragraph(r:label("sick.intro", ytd.label))
      local sick_table = doc:table {
        title = r:label("sick.title", ytd.label),
        sheet = r:label("sick.sheet"),
        columns = {
          { key = "month", title = r:label("col.month") },
          -- personvern: a small unit's sick leave is ':' in the public edition (model/suppress.c)
          { key = "short_pct", title = r:label("col.short"), type = "percent", decimals = 1, personal = "employees" },
          { key = "long_pct", title = r:label("col.long"), type = "percent", decimals = 1, personal = "employees" },
          { key = "total_pct", title = r:label("col.total"), type = "percent", decimals = 1, personal = "employees" },
          { key = "goal_pct", title = r:label("col.goal"), type = "percent", decimals = 1 },
          { key = "last_year_pct", title = r:label("col.last_year"), type = "percent", decimals = 1,
            personal = "ly_employees" },
        },
        rows = sick,
        note = r:label("sick.note", per.year),
      }
      doc:chart {
        kind = "line", title = r:label("sick.title", u.name),
        type = "percent", decimals = 1, value_title = r:label("h.absence"),
        -- the table's cells: the public edition hides in the chart what it hides in the table,
        -- secondary suppression too (model/suppress.h)
        table = sick_table, category = "month",
        series = { { key = "total_pct", name = tostring(per.year) }, { key = "last_year_pct", name = tostring(per.year - 1) } },
        lines = sick[1].goal_pct and { { value = sick[1].goal_pct, label = r:label("sick.goal_line", fmt.percent(sick[1].goal_pct, 1)) } }
          or nil,
      }
    end

    -- 4. Målekort (landscape: the scorecard's eight columns)
    doc:landscape()
    doc:heading(1, r:label("h.scorecard"))
    doc:paragraph(r:label("card.intro"))
    -- only the counts: rows = false (no copies of the card's rows)
    local _, counts = scorecard.table(r, { period = per, unit = u.code, sheet = r:label("card.sheet"), rows = false })
    if counts.total == 0 then
      doc:paragraph(r:label("card.none"))
    end

    -- 5. Avvik
    doc:portrait()
    doc:heading(1, r:label("h.deviations"))
    local tertials = risk.tertials(per)
    local devs = risk.deviations(r, "category", tertials, as_of, u.code)
    if #devs == 0 then
      doc:paragraph(r:label("dev.none", tertials[1].label, fmt.date(as_of)))
    else
      risk.deviation_table(r, devs, tertials, { title = r:label("dev.title", u.name),
        sheet = r:label("dev.sheet"), first_title = r:label("dev.first"), as_of = as_of })
    end

    -- 6. Lederavtale
    doc:heading(1, r:label("h.agreement"))
    local agreements = db:rows(AGREEMENT_SQL, { unit = u.code, year = per.year, as_of = as_of })
    if #agreements == 0 then
      doc:paragraph(r:label("agr.none"))
    else
      local list = {}
      for i, a in ipairs(agreements) do
        list[i] = { year = tostring(a.year), leader = a.leader, status = control.code_word(r, "agreement.status", a.status), signed_date = a.signed_date }
      end
      doc:paragraph(r:label("agr.status", per.year,
        agreements[1].year == per.year and agreements[1].status or r:label("not_registered"), fmt.date(as_of)))
      doc:table {
        title = r:label("agr.title", fmt.date(as_of)),
        sheet = r:label("agr.sheet"),
        columns = {
          { key = "year", title = r:label("col.year") },
          { key = "leader", title = r:label("col.leader") },
          { key = "status", title = r:label("col.status", fmt.date(as_of)) },
          { key = "signed_date", title = r:label("col.signed"), type = "date" },
        },
        rows = list,
      }
    end
  end,
}
