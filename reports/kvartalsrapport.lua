-- reports/kvartalsrapport.lua — the quarterly or tertial report to formannskapet (kommuneloven
-- § 14-15): summary, economy per budget area, sick leave, the scorecards, follow-up of political
-- decisions and internal control, for one quarter (2026-Q2) or tertial (2026-T2).
-- docs/reports.md describes every figure and where it comes from.
local rapp = require("rapp")
local scorecard = require("rapp.scorecard")
local economy = require("rapp.economy")
local absence = require("rapp.absence")
local control = require("rapp.control")
local fmt = rapp.fmt

local millions = economy.millions

-- ---- the queries (every figure of the report comes from one of these) ----------------------

-- Decisions to follow up, with their status on :as_of (view decision_state: the schema's as-of
-- rule and its overdue_from): every open one, and those finished or dropped in the period.
-- Overdue ones first, then open, then finished. Every row also carries the decision figures,
-- counted over every decision made by :as_of (s, before the list's filter): n_total, n_open and
-- n_overdue on that day, n_closed_in_period finished or dropped in the period. One query, the view's
-- rows read once from the derived table decision_interval (src/db/indexes_v1.sql; docs/schema.md);
-- when no decision is listed it gives one row with the figures only (body_code NULL).
local DECISION_SQL = [[
WITH s AS MATERIALIZED (
  SELECT body_code, case_number, meeting_date, deadline, status, finished, valid_from,
         coalesce(overdue_from <= :as_of, 0) AS overdue
  FROM decision_interval
  WHERE valid_from <= :as_of AND (valid_to IS NULL OR :as_of < valid_to)
),
n AS (
  SELECT count(*) AS n_total, coalesce(sum(NOT finished), 0) AS n_open, coalesce(sum(overdue), 0) AS n_overdue,
         coalesce(sum(finished AND valid_from >= :first_date), 0) AS n_closed_in_period
  FROM s
)
SELECT n.*, l.* FROM n LEFT JOIN (
  SELECT s.body_code, b.name AS body, s.case_number, s.meeting_date, d.title, d.responsible, s.deadline,
         s.status, NOT s.finished AS open, s.overdue, b.sort_order
  FROM s
  JOIN decision d ON d.body_code = s.body_code AND d.case_number = s.case_number
  JOIN political_body b ON b.code = s.body_code
  WHERE NOT s.finished OR s.valid_from >= :first_date
) l ON 1
ORDER BY l.sort_order, l.body_code, l.overdue DESC, l.open DESC, l.deadline IS NULL, l.deadline, l.meeting_date,
  l.case_number]]

-- The decision figures and the listed decisions (without the figures-only row) of DECISION_SQL.
local function decision_rows(r, q)
  local rows = r.db:rows(DECISION_SQL, q)
  local d = rows[1]
  local dc = { total = d.n_total, open = d.n_open, overdue = d.n_overdue, closed_in_period = d.n_closed_in_period }
  if d.body_code == nil then rows = {} end
  return rows, dc
end

-- ---- sections ----------------------------------------------------------------------------------

local function economy_section(r, p, q, rows)
  local doc = r.doc
  doc:heading(1, r:label("h.economy"))
  doc:paragraph(r:label("eco.intro", p.period.year, q.ytd.label, fmt.date(q.as_of)))
  economy.table(r, rows, {
    title = r:label("eco.title", p.period.year),
    sheet = r:label("eco.sheet"),
    note = r:label("eco.note"),
  })
  economy.chart(r, rows, r:label("eco.chart", q.ytd.label))
end

local function absence_section(r, p, rows)
  r.doc:heading(1, r:label("h.absence"))
  local ly = p.period:last_year()
  r.doc:paragraph(r:label("abs.intro", p.period.label, fmt.date(p.period.first_date), fmt.date(p.period.last_date)))
  absence.table(r, rows, { label = p.period.label, ly_label = ly.label, year = p.period.year, sheet = r:label("abs.sheet") })
  local whole = absence.whole(rows)
  absence.chart(r, p.period.year, p.period.last_month, whole and whole.goal_pct)
end

local function scorecard_section(r, p, muni_rows)
  local doc = r.doc
  doc:landscape()
  doc:heading(1, r:label("h.scorecard"))
  doc:paragraph(r:label("sc.intro"))
  doc:heading(2, r:label("h.whole"))
  scorecard.table(r, { period = p.period, previous = true, trend = true, rows = false })
  scorecard.summary(r, { period = p.period, sheet = r:label("sc.sheet_summary") })
  scorecard.status_chart(r, muni_rows, r:label("sc.status_chart", p.period.label))

  -- one row per area: its counts, for the overview
  local overview, without = {}, {}
  local cards = {}
  for _, area in ipairs(r.db:rows("SELECT code, name FROM area ORDER BY sort_order, code")) do
    local c = scorecard.scope_counts(r, { period = p.period, area = area.code })
    if c.total > 0 then
      overview[#overview + 1] = { name = area.name, desired = c.desired, acceptable = c.acceptable,
        unacceptable = c.unacceptable, not_measured = c.not_measured, no_target = c.no_target, total = c.total }
      cards[#cards + 1] = area
    else
      without[#without + 1] = area.name
    end
  end
  doc:heading(2, r:label("h.areas"))
  doc:table {
    title = r:label("areas.title", p.period.label),
    sheet = r:label("areas.sheet"),
    columns = {
      { key = "name", title = r:label("area") },
      { key = "desired", title = r:label("sc.n_desired"), type = "integer", group = r:label("sc.count") },
      { key = "acceptable", title = r:label("sc.n_acceptable"), type = "integer", group = r:label("sc.count") },
      { key = "unacceptable", title = r:label("sc.n_unacceptable"), type = "integer", group = r:label("sc.count") },
      { key = "not_measured", title = r:label("sc.n_not_measured"), type = "integer", group = r:label("sc.count") },
      { key = "no_target", title = r:label("sc.n_no_target"), type = "integer", group = r:label("sc.count") },
      { key = "total", title = r:label("sum"), type = "integer", group = r:label("sc.count") },
    },
    rows = overview,
    note = r:label("areas.note"),
  }
  if #without > 0 then
    doc:paragraph(r:label("areas.without", table.concat(without, ", ")))
  end
  for _, area in ipairs(cards) do
    doc:pagebreak() -- one scorecard per page, legend and table together
    doc:heading(2, area.name)
    scorecard.table(r, { period = p.period, area = area.code, previous = true, trend = true, rows = false })
  end
  doc:portrait()
end

local function decision_section(r, q, rows, dc)
  local doc = r.doc
  local day = fmt.date(q.as_of)
  doc:heading(1, r:label("h.decisions"))
  doc:paragraph(r:label("dec.intro", fmt.date_long(q.as_of), fmt.integer(dc.total), fmt.integer(dc.open),
    fmt.integer(dc.overdue), fmt.integer(dc.closed_in_period), day))
  if #rows == 0 then
    doc:paragraph(r:label("dec.none"))
    return
  end
  -- the same for every body: the columns and the note; per body its run of the rows
  local columns = {
    { key = "case_number", title = r:label("dec.case"), width_mm = 16 },
    { key = "meeting_date", title = r:label("dec.meeting"), type = "date", width_mm = 20 },
    { key = "title", title = r:label("dec.title") },
    { key = "responsible", title = r:label("dec.responsible"), width_mm = 32 },
    { key = "deadline", title = r:label("dec.deadline"), type = "date", width_mm = 20 },
    { key = "status", title = r:label("dec.status", day), width_mm = 34 },
  }
  control.decision_tables(r, rows, { level = 2, columns = columns, note = r:label("dec.note", day),
    sheet = function(body) return r:label("dec.sheet", body) end })
end

-- ---- the report --------------------------------------------------------------------------------

return rapp.report {
  name = "kvartalsrapport",
  title = "Kvartals- og tertialrapport",
  description = "Rapport til formannskapet per kvartal eller tertial: sammendrag, økonomi, sykefravær, "
    .. "målekort, vedtaksoppfølging og internkontroll.",
  formats = { "pdf", "xlsx", "html" },
  labels = require("labels.kvartalsrapport"),
  params = {
    { name = "period", type = "period", kinds = { "tertial", "quarter" }, default = "latest",
      description = "Tertial (2026-T2) eller kvartal (2026-Q2); uten --period: siste hele tertial" },
  },
  build = function(r, p)
    local doc, db, per = r.doc, r.db, p.period
    local title = r:label(per.kind == "tertial" and "title.tertial" or "title.quarter")
    -- the day decisions, deviations and risks are judged on: the period's last date, or the
    -- cut-off date when the period ends after it (the engine's rule, as view period_as_of).
    -- A partial period (--allow-partial): budget, accounts and forecast up to the cut-off month,
    -- so a year's budget is never set against nine months of accounts (economy.params)
    local q, ytd = economy.params(per, per.as_of_date)
    q.ytd, q.ytd_label, q.as_of = ytd, ytd.label, per.as_of_date
    q.first_date, q.last_date, q.year_first_date = per.first_date, per.last_date, per.year .. "-01-01"
    doc:meta { title = title .. " " .. per.label, subtitle = r.municipality, number_headings = true }
    doc:cover { title = title, subtitle = r.municipality, period = per, date = per.as_of_date }
    doc:toc()

    -- every figure first, so the summary can quote them
    local econ, total = economy.rows(r, q)
    local sick = absence.rows(r, per)
    local muni_rows = scorecard.rows(r, { period = per })
    local counts = scorecard.counts(muni_rows)
    local decisions, dc = decision_rows(r, q)
    local devs, risks = control.query(r, q)
    local whole = absence.whole(sick)

    -- 2. Sammendrag
    doc:heading(1, r:label("h.summary"))
    local fdev = total.forecast_deviation
    local fpct = total.frame ~= 0 and fdev * 100 / total.frame or nil
    local items = {
      { label = r:label("kf.forecast_dev", per.year), value = total.has_forecast and fdev or nil,
        type = "amount", thousands = true,
        comparison = r:label("kf.positive") },
      { label = r:label("kf.forecast_pct"), value = total.has_forecast and fpct or nil, type = "percent", decimals = 1,
        comparison = r:label("kf.frames", fmt.thousands(total.frame)) },
      { label = r:label("kf.absence", per.label), value = whole and whole.total_pct, type = "percent", decimals = 1,
        persons = whole and whole.employees, -- personvern: hidden in the public edition if too few
        comparison = r:label("kf.absence_cmp", whole and fmt.percent(whole.goal_pct, 1) or fmt.dash,
          whole and fmt.percent(whole.last_year_pct, 1) or fmt.dash) },
      { label = r:label("kf.overdue"), value = dc.overdue, type = "integer",
        comparison = r:label("kf.overdue_cmp", fmt.integer(dc.open), fmt.date(q.as_of)) },
      { label = r:label("kf.desired"), value = counts.desired, type = "integer", status = "desired",
        comparison = r:label("kf.desired_cmp", counts.total) },
      { label = r:label("kf.acceptable"), value = counts.acceptable, type = "integer", status = "acceptable" },
      { label = r:label("kf.unacceptable"), value = counts.unacceptable, type = "integer", status = "unacceptable" },
      { label = r:label("kf.not_measured"), value = counts.not_measured, type = "integer", status = "not_measured" },
    }
    if counts.no_target > 0 then
      items[#items + 1] = { label = r:label("kf.no_target"), value = counts.no_target, type = "integer", status = "no_target" }
    end
    doc:keyfigures(items)
    local text = {}
    if total.has_forecast then
      text[#text + 1] = r:label("s.forecast", fmt.date_long(q.as_of), r:label(fdev >= 0 and "s.underspend" or "s.overspend"),
        millions(fdev), per.year, fpct and r:label("s.of_frames", fmt.percent(math.abs(fpct), 1)) or "")
    else
      text[#text + 1] = r:label("s.no_forecast", per.year, fmt.date_long(q.as_of))
    end
    text[#text + 1] = r:label("s.ytd", r:label(total.deviation_ytd >= 0 and "s.an_underspend" or "s.an_overspend"),
      millions(total.deviation_ytd))
    if whole then
      text[#text + 1] = r:label("s.absence", per.label, fmt.percent(whole.total_pct, 1), fmt.percent(whole.goal_pct, 1),
        fmt.percent(whole.last_year_pct, 1))
    end
    text[#text + 1] = r:label("s.scorecard", counts.total, counts.desired, counts.acceptable, counts.unacceptable,
      counts.not_measured)
    text[#text + 1] = r:label("s.decisions", fmt.integer(dc.open), fmt.date(q.as_of), fmt.integer(dc.overdue))
    doc:paragraph(table.concat(text, " "))

    -- 3-7
    economy_section(r, p, q, econ)
    absence_section(r, p, sick)
    scorecard_section(r, p, muni_rows)
    decision_section(r, q, decisions, dc)
    control.section(r, q, devs, risks)
  end,
}
