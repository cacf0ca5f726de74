-- reports/arsrapport.lua — the annual report (årsrapport, kommuneloven § 14-7) for one year:
-- the kommunedirektør's introduction and key figures, the organisation (årsverk, sick leave with a
-- three-year trend, internal control), the economy (accounts per budget area, the annual accounts'
-- netto driftsresultat against the 1,75 % norm, fond, lånegjeld, investments), the scorecards,
-- one chapter per budget area with its own text, the follow-up of political decisions, the KOSTRA
-- comparison and eierstyring. docs/reports.md describes every figure and where it comes from.
local rapp = require("rapp")
local scorecard = require("rapp.scorecard")
local economy = require("rapp.economy")
local absence = require("rapp.absence")
local control = require("rapp.control")
local commentary = require("rapp.commentary")
local fmt = rapp.fmt

-- Årsverk and employees per budget area at the year's last month with figures, and a year earlier.
local STAFF_SQL = [[
WITH m AS (SELECT max(month) AS m FROM staffing WHERE month <= :last_month),
cur AS (
  SELECT u.area_code, sum(s.fte) AS fte, sum(s.headcount) AS headcount
  FROM staffing s JOIN unit u ON u.code = s.unit_code, m WHERE s.month = m.m GROUP BY u.area_code
),
prev AS (
  SELECT u.area_code, sum(s.fte) AS fte
  FROM staffing s JOIN unit u ON u.code = s.unit_code, m
  WHERE s.month = printf('%04d%s', substr(m.m, 1, 4) - 1, substr(m.m, 5)) GROUP BY u.area_code
)
SELECT a.code, a.name, prev.fte AS fte_last_year, cur.fte, cur.fte - prev.fte AS change, cur.headcount,
       (SELECT m FROM m) AS month
FROM area a JOIN cur ON cur.area_code = a.code LEFT JOIN prev ON prev.area_code = a.code
ORDER BY a.sort_order, a.code]]

-- Political decisions per body on :as_of (view decision_state: the schema's as-of and overdue
-- rules; its rows read from the derived table decision_interval): made by then, made in the year, open,
-- overdue, finished or dropped in the year.
local DECISION_SQL = [[
SELECT b.name AS body, count(*) AS total,
       coalesce(sum(s.meeting_date >= :first_date), 0) AS made_in_year,
       coalesce(sum(NOT s.finished), 0) AS open,
       coalesce(sum(s.overdue_from <= :as_of), 0) AS overdue,
       coalesce(sum(s.finished AND s.valid_from >= :first_date), 0) AS closed_in_year
FROM decision_interval s JOIN political_body b ON b.code = s.body_code
WHERE s.valid_from <= :as_of AND (s.valid_to IS NULL OR :as_of < s.valid_to)
GROUP BY b.code ORDER BY b.sort_order, b.code]]

-- Eierstyring: the companies and their key figures for the year.
local COMPANY_SQL = [[
SELECT c.name, c.form, c.ownership_pct, f.operating_revenue, f.annual_result, f.equity
FROM company c LEFT JOIN company_figure f ON f.org_number = c.org_number AND f.year = :year
ORDER BY c.ownership_pct DESC, c.name]]

-- The annual accounts' key figures (view annual_key_figure) for the year and the three before.
local ACCOUNTS_SQL = [[
SELECT CAST(year AS TEXT) AS year, driftsinntekter, netto_driftsresultat, netto_driftsresultat_pct,
       netto_driftsresultat_norm_pct, disposisjonsfond, disposisjonsfond_pct, lanegjeld, lanegjeld_pct,
       regnskapsresultat
FROM annual_key_figure WHERE year BETWEEN :year - 3 AND :year ORDER BY year]]

-- Investment projects with a budget or accounts in the year, as view investment_month gives them at
-- the year's last month (the schema's one place for accumulated cost and the latest forecast):
-- frame, the year's budget and accounts, accumulated cost, forecast final cost, and the deviation
-- turned to the report's sign convention (frame - forecast: negative = overrun).
local INVESTMENT_SQL = [[
SELECT v.project_number, v.name, a.name AS area, v.cost_frame, v.year_budget, v.actual_year, v.accumulated,
       v.forecast_final_cost AS forecast, 0.0 - v.forecast_deviation AS deviation,
       v.forecast_completion_date AS completion_date, v.status
FROM investment_month v JOIN area a ON a.code = v.area_code
WHERE v.month = :last_month
  AND (v.year_budget IS NOT NULL
       OR EXISTS (SELECT 1 FROM investment_actual x WHERE x.project_number = v.project_number
                  AND x.month BETWEEN :first_month AND :last_month))
ORDER BY a.sort_order, v.project_number]]

-- KOSTRA key figures: the municipality for the year and the two before, its kommunegruppe and
-- "Landet uten Oslo" for the year.
local KOSTRA_SQL = [[
SELECT k.code, k.name, coalesce(a.name, :whole) AS area, k.unit_of_measure, k.decimals, k.direction,
       (SELECT f2.value FROM kostra_figure f2 WHERE f2.indicator_code = k.code AND f2.year = :year - 2) AS v2,
       (SELECT f1.value FROM kostra_figure f1 WHERE f1.indicator_code = k.code AND f1.year = :year - 1) AS v1,
       f.value, f.group_value, f.country_value, f.group_name
FROM kostra_indicator k LEFT JOIN area a ON a.code = k.area_code
LEFT JOIN kostra_figure f ON f.indicator_code = k.code AND f.year = :year
ORDER BY a.sort_order IS NOT NULL, a.sort_order, k.sort_order, k.code]]

-- "Bedre" / "Svakere" / "Likt" than the comparison, by the indicator's direction, on the values
-- as shown (rounded to the indicator's decimals); nil without a direction or a value.
local function verdict(r, v, other, direction, decimals)
  if v == nil or other == nil or (direction ~= "higher" and direction ~= "lower") then return nil end
  local a, b = fmt.round(v, decimals), fmt.round(other, decimals)
  if a == b then return r:label("verdict.same") end
  if (a > b) == (direction == "higher") then return r:label("verdict.better") end
  return r:label("verdict.worse")
end

local function sick_leave_trend(r, year, areas)
  local by_year, years = {}, {}
  for row in r.db:each(absence.YEARS_SQL, { first_year = year - 2, last_year = year }) do
    local y = by_year[row.year]
    if not y then
      y = { year = row.year }
      by_year[row.year], years[#years + 1] = y, y
    end
    y[row.code or "whole"] = row.total_pct
  end
  local series = {}
  for _, a in ipairs(areas) do series[#series + 1] = { key = a.code, name = a.name } end
  series[#series + 1] = { key = "whole", name = r:label("whole_municipality_row") }
  r.doc:chart {
    kind = "line",
    title = r:label("trend.title", year - 2, year),
    type = "percent", decimals = 1, value_title = r:label("h.absence"),
    rows = years, category = "year", series = series,
  }
  -- the same figures as a table: one row per area
  local rows = {}
  for _, s in ipairs(series) do
    local row = { name = s.name }
    for i = 0, 2 do
      local y = by_year[tostring(year - 2 + i)]
      row["y" .. i] = y and y[s.key]
    end
    rows[#rows + 1] = row
  end
  r.doc:table {
    title = r:label("trend.title", year - 2, year),
    sheet = r:label("trend.sheet"),
    columns = {
      { key = "name", title = r:label("col.area") },
      { key = "y0", title = tostring(year - 2), type = "percent", decimals = 1 },
      { key = "y1", title = tostring(year - 1), type = "percent", decimals = 1 },
      { key = "y2", title = tostring(year), type = "percent", decimals = 1 },
    },
    rows = rows,
    note = r:label("trend.note"),
  }
end

return rapp.report {
  name = "arsrapport",
  title = "Årsrapport",
  description = "Årsrapport (kommuneloven § 14-7): kommunedirektørens innledning, nøkkeltall, organisasjon, "
    .. "økonomi, målekort, rammeområdene med egne tekster, vedtaksoppfølging, KOSTRA og eierstyring.",
  formats = { "pdf", "xlsx", "html" },
  labels = require("labels.arsrapport"),
  params = {
    { name = "period", type = "period", kinds = { "year" }, default = "latest",
      description = "År (2025); uten --period: siste hele år" },
  },
  build = function(r, p)
    local doc, db, per = r.doc, r.db, p.period
    local year, as_of = per.year, per.as_of_date
    local q, ytd = economy.params(per, as_of)
    q.ytd_label, q.as_of = ytd.label, as_of
    q.first_date, q.last_date, q.year_first_date = per.first_date, per.last_date, per.first_date
    doc:meta { title = r:label("title", per.label), subtitle = r.municipality, number_headings = true }
    doc:cover { title = r:label("title", per.label), subtitle = r.municipality, period = per, date = as_of }
    -- chapters and sections on the contents page (1-2 pages), as an annual report's: not every sub-section
    doc:toc { depth = 2 }

    -- every figure first, so the introduction can quote them
    local econ, total = economy.rows(r, q)
    local sick = absence.rows(r, per)
    local whole = absence.whole(sick)
    local staff = db:rows(STAFF_SQL, { last_month = q.last_month })
    local fte = 0
    for _, s in ipairs(staff) do fte = fte + (s.fte or 0) end
    local muni_rows = scorecard.rows(r, { period = per })
    local counts = scorecard.counts(muni_rows)
    local accounts = db:rows(ACCOUNTS_SQL, { year = year })
    local acc
    for _, a in ipairs(accounts) do if a.year == tostring(year) then acc = a end end
    local areas = db:rows("SELECT code, name FROM area ORDER BY sort_order, code")

    -- 1. Innledning og nøkkeltall
    doc:heading(1, r:label("h.intro"))
    commentary.write(r, commentary.KOMMUNEDIREKTOR, per.code, "sammendrag")
    doc:heading(2, r:label("h.keyfigures", year))
    local items = {}
    if acc then
      items[#items + 1] = { label = r:label("kf.ndr"), value = acc.netto_driftsresultat_pct,
        type = "percent", decimals = 1, comparison = r:label("kf.ndr_cmp", fmt.percent(acc.netto_driftsresultat_norm_pct, 2)) }
      items[#items + 1] = { label = r:label("kf.result"), value = acc.regnskapsresultat,
        type = "amount", thousands = true }
    end
    items[#items + 1] = { label = r:label("kf.deviation"),
      value = total.deviation_ytd, type = "amount", thousands = true, comparison = r:label("kf.positive") }
    items[#items + 1] = { label = r:label("kf.absence", year), value = whole and whole.total_pct, type = "percent", decimals = 1,
      persons = whole and whole.employees, -- personvern: hidden in the public edition if too few
      comparison = r:label("kf.absence_cmp", whole and fmt.percent(whole.goal_pct, 1) or fmt.dash,
        whole and fmt.percent(whole.last_year_pct, 1) or fmt.dash) }
    items[#items + 1] = { label = r:label("kf.fte"), value = fte, type = "decimal", decimals = 1,
      comparison = #staff > 0 and r:label("kf.fte_cmp", fmt.month(staff[1].month)) or nil }
    items[#items + 1] = { label = r:label("kf.desired"), value = counts.desired, type = "integer", status = "desired",
      comparison = r:label("kf.desired_cmp", counts.total) }
    items[#items + 1] = { label = r:label("kf.acceptable"), value = counts.acceptable, type = "integer", status = "acceptable" }
    items[#items + 1] = { label = r:label("kf.unacceptable"), value = counts.unacceptable, type = "integer", status = "unacceptable" }
    items[#items + 1] = { label = r:label("kf.not_measured"), value = counts.not_measured, type = "integer", status = "not_measured" }
    doc:keyfigures(items)
    doc:paragraph(r:label("summary", year,
      economy.direction(total.deviation_ytd, r), counts.total, counts.desired, counts.acceptable, counts.unacceptable,
      counts.not_measured))
    commentary.write(r, commentary.KOMMUNEDIREKTOR, per.code, "vurdering",
      { heading = r:label("h.assessment"), level = 2 })
    if commentary.get(r, commentary.KOMMUNEDIREKTOR, per.code, "utfordringer") then
      commentary.write(r, commentary.KOMMUNEDIREKTOR, per.code, "utfordringer", { heading = r:label("h.challenges"),
        level = 2 })
    end

    -- 2. Organisasjon
    doc:heading(1, r:label("h.organisation"))
    doc:heading(2, r:label("h.fte"))
    if #staff == 0 then
      doc:paragraph(r:label("fte.none"))
    else
      local m = staff[1].month
      doc:table {
        title = r:label("fte.title", fmt.month(m)),
        sheet = r:label("h.fte"),
        columns = {
          { key = "name", title = r:label("col.area") },
          { key = "fte_last_year", title = r:label("col.fte", fmt.month(absence.last_year_month(m))), type = "decimal", decimals = 1, sum = true },
          { key = "fte", title = r:label("col.fte", fmt.month(m)), type = "decimal", decimals = 1, sum = true },
          { key = "change", title = r:label("col.change"), type = "decimal", decimals = 1, sum = true },
          { key = "headcount", title = r:label("col.headcount"), type = "integer", sum = true },
        },
        rows = staff,
        total = r:label("sum"),
        note = r:label("fte.note"),
      }
    end
    doc:heading(2, r:label("h.absence"))
    doc:paragraph(r:label("abs.intro", year))
    absence.table(r, sick, { label = per.label, ly_label = per:last_year().label, year = year, sheet = r:label("h.absence") })
    sick_leave_trend(r, year, (function()
      local list = {}
      for _, s in ipairs(sick) do if s.code then list[#list + 1] = { code = s.code, name = s.name } end end
      return list
    end)())
    local devs, risks = control.query(r, q)
    control.section(r, q, devs, risks, { level = 2, in_period_title = false })

    -- 3. Økonomi
    doc:heading(1, r:label("h.economy"))
    if acc then
      local norm = acc.netto_driftsresultat_norm_pct -- the recommended level, from view annual_key_figure
      doc:heading(2, r:label("h.accounts"))
      doc:paragraph(r:label("acc.text",
        fmt.kr(acc.netto_driftsresultat), year, fmt.percent(acc.netto_driftsresultat_pct, 1), fmt.percent(norm, 2),
        fmt.kr(acc.disposisjonsfond), fmt.kr(acc.lanegjeld), year))
      doc:table {
        title = r:label("acc.title", accounts[1].year, year),
        sheet = r:label("acc.sheet"),
        columns = {
          { key = "year", title = r:label("col.year") },
          { key = "driftsinntekter", title = r:label("col.revenue"), type = "amount", thousands = true },
          { key = "netto_driftsresultat", title = r:label("col.ndr"), type = "amount", thousands = true, mark_negative = true },
          { key = "netto_driftsresultat_pct", title = r:label("col.ndr_pct"), type = "percent", decimals = 1, mark_negative = true },
          { key = "disposisjonsfond", title = r:label("col.fund"), type = "amount", thousands = true },
          { key = "disposisjonsfond_pct", title = r:label("col.fund_pct"), type = "percent", decimals = 1 },
          { key = "lanegjeld", title = r:label("col.debt"), type = "amount", thousands = true },
          { key = "lanegjeld_pct", title = r:label("col.debt_pct"), type = "percent", decimals = 1 },
        },
        rows = accounts,
        note = r:label("acc.note", fmt.percent(norm, 2)),
      }
      doc:chart {
        kind = "line",
        title = r:label("acc.chart", accounts[1].year, year),
        type = "percent", decimals = 2, value_title = r:label("col.ndr"),
        rows = accounts, category = "year",
        series = { { key = "netto_driftsresultat_pct", name = r:label("col.ndr") } },
        lines = { { value = norm, label = r:label("acc.norm_line", fmt.percent(norm, 2)) } },
      }
    else
      doc:heading(2, r:label("h.accounts"))
      doc:paragraph(r:label("acc.none", year))
    end
    doc:heading(2, r:label("h.operations"))
    doc:paragraph(r:label("ops.intro", year))
    economy.table(r, econ, { title = r:label("ops.title", year), sheet = r:label("ops.sheet"), closed = true })
    economy.chart(r, econ, r:label("ops.chart", year), r:label("col.deviation"))
    do
      doc:landscape() -- ten columns: numbers and dates stay whole across the page
      doc:heading(2, r:label("h.investments"))
      local inv = db:rows(INVESTMENT_SQL, { year = year, first_month = q.first_month, last_month = q.last_month })
      for _, i in ipairs(inv) do i.status = control.code_word(r, "investment.status", i.status) end
      if #inv == 0 then
        doc:paragraph(r:label("inv.none", year))
      else
        doc:table {
          title = r:label("inv.title", year),
          sheet = r:label("h.investments"),
          columns = {
            { key = "project_number", title = r:label("col.project_number") },
            { key = "name", title = r:label("col.project") },
            { key = "cost_frame", title = r:label("col.frame"), type = "amount", thousands = true, sum = true },
            { key = "year_budget", title = r:label("col.budget_year", year), type = "amount", thousands = true, sum = true },
            { key = "actual_year", title = r:label("col.actual_year", year), type = "amount", thousands = true, sum = true },
            { key = "accumulated", title = r:label("col.accumulated"), type = "amount", thousands = true, sum = true },
            { key = "forecast", title = r:label("col.forecast"), type = "amount", thousands = true, sum = true },
            { key = "deviation", title = r:label("col.deviation"), type = "amount", thousands = true, sum = true, mark_negative = true },
            { key = "completion_date", title = r:label("col.completion"), type = "date" },
            { key = "status", title = r:label("col.status", fmt.date(r.cutoff_date)) },
          },
          rows = inv,
          total = r:label("sum"),
          note = r:label("inv.note", fmt.date(as_of)),
        }
      end
    end

    -- 4. Mål og resultat
    doc:landscape()
    doc:heading(1, r:label("h.scorecard"))
    doc:paragraph(r:label("card.intro"))
    scorecard.table(r, { period = per, previous = true, compare = "last_year", trend = true, rows = false })
    scorecard.summary(r, { period = per, sheet = r:label("card.sheet") })
    scorecard.status_chart(r, muni_rows, r:label("card.status_chart", per.label))
    doc:portrait()

    -- 5. One chapter per budget area: its own texts next to its figures, then its units' texts
    for _, area in ipairs(areas) do
      local code = area.code
      doc:heading(1, area.name)
      commentary.write(r, code, per.code, "sammendrag", { heading = r:label("h.summary"), level = 2 })
      local units = economy.rows(r, q, code)
      doc:heading(2, r:label("h.economy"))
      commentary.write(r, code, per.code, "okonomi")
      if #units > 0 then
        economy.table(r, units, { title = r:label("area.eco_title", area.name, year), first_title = r:label("col.unit"),
          sheet = r:label("area.eco_sheet", code), closed = true })
      end
      local unit_sick = absence.rows(r, per, code)
      if #unit_sick > 0 then
        doc:heading(2, r:label("h.absence"))
        commentary.write(r, code, per.code, "sykefravaer")
        absence.table(r, unit_sick, { label = per.label, ly_label = per:last_year().label, year = year,
          title = r:label("area.abs_title", area.name, year), first_title = r:label("col.unit"),
          sheet = r:label("area.abs_sheet", code), last_row = area.name })
      end
      if scorecard.counts(scorecard.rows(r, { period = per, area = code })).total > 0 then
        doc:heading(2, r:label("h.goals"))
        commentary.write(r, code, per.code, "maloppnaelse")
        doc:landscape()
        doc:heading(3, r:label("area.scorecard", area.name))
        scorecard.table(r, { period = per, area = code, previous = true, compare = "last_year", trend = true,
          rows = false })
        doc:portrait()
      end
      if commentary.get(r, code, per.code, "utfordringer") then
        commentary.write(r, code, per.code, "utfordringer", { heading = r:label("h.challenges"), level = 2 })
      end
      local list = db:rows("SELECT code, name FROM unit WHERE area_code = ? ORDER BY sort_order, code", { code })
      if #list > 0 then
        doc:heading(2, r:label("h.units"))
        for _, u in ipairs(list) do
          commentary.write(r, u.code, per.code, "vurdering", { heading = u.name, level = 3 })
        end
      end
    end

    -- 6. Vedtaksoppfølging
    doc:heading(1, r:label("h.decisions"))
    doc:paragraph(r:label("dec.intro", fmt.date(as_of), fmt.date(as_of)))
    doc:table {
      title = r:label("dec.title", fmt.date(as_of)),
      sheet = r:label("dec.sheet"),
      columns = {
        { key = "body", title = r:label("col.body") },
        { key = "total", title = r:label("col.total"), type = "integer", sum = true },
        { key = "made_in_year", title = r:label("col.made", year), type = "integer", sum = true },
        { key = "closed_in_year", title = r:label("col.closed", year), type = "integer", sum = true },
        { key = "open", title = r:label("col.open"), type = "integer", sum = true },
        { key = "overdue", title = r:label("col.overdue"), type = "integer", sum = true },
      },
      rows = db:rows(DECISION_SQL, { first_date = per.first_date, as_of = as_of }),
      total = r:label("sum"),
      note = r:label("dec.note", fmt.date(as_of)),
    }

    -- 7. KOSTRA
    doc:heading(1, r:label("h.kostra"))
    if db:value("SELECT count(*) FROM kostra_figure WHERE year = ?", { year }) == 0 then
      doc:paragraph(r:label("kostra.none", year))
    else
      local list, group = {}, nil
      for row in db:each(KOSTRA_SQL, { year = year, whole = r:label("whole_municipality_row") }) do
        group = group or row.group_name
        local d = row.decimals
        local cell = function(v) return { value = v, decimals = d } end
        local suffix = ({ kr = " (kr)", prosent = " (%)" })[row.unit_of_measure] or ""
        list[#list + 1] = { area = row.area, name = row.name .. suffix,
          v2 = cell(row.v2), v1 = cell(row.v1), value = cell(row.value), group_value = cell(row.group_value),
          country_value = cell(row.country_value),
          verdict = verdict(r, row.value, row.group_value, row.direction, d) or fmt.dash }
      end
      doc:paragraph(r:label("kostra.intro", year, group and group:lower() or r:label("kostra.group")))
      doc:table {
        title = r:label("kostra.title", year),
        sheet = r:label("kostra.sheet"),
        group_by = "area",
        columns = {
          { key = "area", title = r:label("col.area") },
          { key = "name", title = r:label("col.indicator") },
          { key = "v2", title = tostring(year - 2), type = "decimal", group = r.municipality },
          { key = "v1", title = tostring(year - 1), type = "decimal", group = r.municipality },
          { key = "value", title = tostring(year), type = "decimal", group = r.municipality },
          { key = "group_value", title = group or r:label("col.group"), type = "decimal" },
          { key = "country_value", title = r:label("col.country"), type = "decimal" },
          { key = "verdict", title = r:label("col.verdict") },
        },
        rows = list,
        note = r:label("kostra.note"),
      }
    end

    -- 8. Eierstyring
    doc:heading(1, r:label("h.ownership"))
    doc:paragraph(r:label("own.intro", year))
    doc:table {
      title = r:label("own.title", year),
      sheet = r:label("own.sheet"),
      columns = {
        { key = "name", title = r:label("col.company") },
        { key = "form", title = r:label("col.form") },
        { key = "ownership_pct", title = r:label("col.ownership"), type = "percent", decimals = 0 },
        { key = "operating_revenue", title = r:label("col.revenue"), type = "amount", thousands = true },
        { key = "annual_result", title = r:label("col.result"), type = "amount", thousands = true },
        { key = "equity", title = r:label("col.equity"), type = "amount", thousands = true },
      },
      rows = db:rows(COMPANY_SQL, { year = year }),
      note = r:label("own.note", year),
    }
  end,
}
