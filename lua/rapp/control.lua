-- lua/rapp/control.lua — internal control (internkontroll) for the standard reports
-- (`require("rapp.control")`): deviations per category (counts only, never text) and the highest
-- open ROS risks, both as of the day a period is judged on (views deviation_state and risk_state:
-- the schema's as-of and overdue rules). docs/reports.md says where each figure comes from.
local _, core = ...
local fmt = require("rapp.fmt")
local labelsmod = require("rapp.labels")
local ipairs = ipairs
local M = {}

-- "ikke påbegynt" -> "Ikke påbegynt" (fmt.capital)
M.capital = fmt.capital
local capital = M.capital

--- A code of a list the schema defines (field "risk.status", "deviation.category", ...) in r.lang
--- through the library's labels code.<field>.<code>; a value without a label as typed, capitalised.
function M.code_word(r, field, code)
  return labelsmod.code_word(function(...) return r:label(...) end, field, code) or capital(code)
end
local code_word = M.code_word

--- A status code in words with " – frist passert" when overdue is 1 (the schema's overdue rule):
--- "Lukket", "Under arbeid – frist passert"; field "risk.status" or "decision.status".
function M.status_text(r, field, code, overdue)
  return code_word(r, field, code) .. (overdue == 1 and r:label("frist_passed") or "")
end

--- status_text for many rows: a function (code, overdue) -> the words, each distinct code and
--- overdue mark looked up once (a list of thousands of rows has a handful of them).
function M.status_texts(r, field)
  local words = { [0] = {}, [1] = {} }
  return function(code, overdue)
    local w = words[overdue == 1 and 1 or 0]
    local text = w[code]
    if not text then
      text = M.status_text(r, field, code, overdue)
      w[code] = text
    end
    return text
  end
end

--- The decision lists of a report, one heading (opts.level, the body's name) and table per
--- political body: rows from a query ordered by body, with body_code, body (its name), status and
--- overdue (the schema's rule, 0/1); status becomes the words (status_texts). opts.columns and
--- opts.note are the same for every body; opts.sheet(body_code) names its sheet. The rows are
--- handed to the tables as they are.
function M.decision_tables(r, rows, opts)
  local doc = r.doc
  local status = M.status_texts(r, "decision.status")
  local n = #rows
  for k = 1, n do
    local d = rows[k]
    d.status = status(d.status, d.overdue)
  end
  local i = 1
  while i <= n do
    local body = rows[i].body_code
    local j = i
    while j < n and rows[j + 1].body_code == body do j = j + 1 end
    doc:heading(opts.level, rows[i].body)
    doc:table { sheet = opts.sheet(body), columns = opts.columns, rows = table.move(rows, i, j, 1, {}), note = opts.note }
    i = j + 1
  end
end

-- Deviations (avvik) registered :year_first_date..:last_date, per category: counts only. Open or
-- closed on :as_of (view deviation_state); in_period counts those from :first_date. personal: the
-- category is marked as about persons (deviation_category): its counts fall under personvern.
M.DEVIATION_SQL = [[
SELECT category,
       sum(reported_date BETWEEN :first_date AND :last_date) AS in_period,
       count(*) AS ytd,
       sum(severity = 'høy') AS high,
       sum(closed) AS closed,
       sum(NOT closed) AS open,
       coalesce((SELECT c.personal FROM deviation_category c WHERE c.category = deviation_state.category), 0) AS personal
FROM deviation_state
WHERE reported_date BETWEEN :year_first_date AND :last_date
  AND valid_from <= :as_of AND (valid_to IS NULL OR :as_of < valid_to)
GROUP BY category
ORDER BY CASE category WHEN 'HMS' THEN 1 WHEN 'bruker/pasient' THEN 2
  WHEN 'informasjonssikkerhet/personvern' THEN 3 WHEN 'økonomi' THEN 4 ELSE 5 END, category]]

--- personvern: a deviation count in a category deviation_category marks personal (query field
--- personal = 1) rests on that many cases: row[k .. "_cases"] = d[k] for each count k of keys, else
--- false (not about persons). The one marking for every deviation table (rapp.risk's too); the
--- columns then take personal = k .. "_cases" (model/suppress.c hides small counts). Returns row.
function M.mark_cases(row, d, keys)
  for _, k in ipairs(keys) do row[k .. "_cases"] = d.personal == 1 and d[k] or false end
  return row
end

-- The highest ROS risks not closed on :as_of (view risk_state: a risk is known from its
-- assessment on), overdue measures marked.
M.RISK_SQL = [[
SELECT r.id, a.name AS area, r.hazard, r.probability, r.consequence, r.score, r.level,
       r.measures, r.responsible, r.deadline, r.status, coalesce(r.overdue_from <= :as_of, 0) AS overdue
FROM risk_state r JOIN area a ON a.code = r.area_code
WHERE NOT r.closed AND r.valid_from <= :as_of AND (r.valid_to IS NULL OR :as_of < r.valid_to)
ORDER BY r.score DESC, r.consequence DESC, a.sort_order, r.id
LIMIT 10]]

--- Deviations per category and the ten highest open risks. q: first_date, last_date (the period),
--- year_first_date, as_of.
function M.query(r, q)
  local p = { first_date = q.first_date, last_date = q.last_date, year_first_date = q.year_first_date, as_of = q.as_of }
  return r.db:rows(M.DEVIATION_SQL, p), r.db:rows(M.RISK_SQL, { as_of = q.as_of })
end

-- The ROS matrix's three levels in the status colours: red = uakseptabel, yellow = vurder
-- tiltak, green = akseptabel (DOMAIN.md), so the level reads in colour, symbol and word. The one
-- mapping for every report (rapp.risk's heat map too).
M.RISK_STATUS = { ["uakseptabel"] = "unacceptable", ["vurder tiltak"] = "acceptable", ["akseptabel"] = "desired" }

--- The chapter: heading at level opts.level (default 1), deviations and risks. q as for query plus
--- ytd_label ("januar–august 2026"); opts.in_period_title ("I perioden").
function M.section(r, q, devs, risks, opts)
  opts = opts or {}
  local doc, level = r.doc, opts.level or 1
  local L = function(...) return r:label(...) end
  doc:heading(level, L("ctl.heading"))
  doc:heading(level + 1, L("ctl.deviations"))
  doc:paragraph(L("ctl.intro", q.ytd_label))
  local list = {}
  local counts = { "in_period", "ytd", "high", "closed", "open" }
  for i, d in ipairs(devs) do
    local row = { category = code_word(r, "deviation.category", d.category) }
    for _, k in ipairs(counts) do row[k] = d[k] end
    list[i] = M.mark_cases(row, d, counts)
  end
  local columns = {
    { key = "category", title = L("ctl.category") },
    { key = "in_period", title = opts.in_period_title or L("ctl.in_period"), type = "integer", sum = true, group = L("ctl.registered"),
      personal = "in_period_cases" },
    { key = "ytd", title = L("ctl.ytd"), type = "integer", sum = true, group = L("ctl.registered"), personal = "ytd_cases" },
    { key = "high", title = L("ctl.high"), type = "integer", sum = true, group = L("ctl.registered"), personal = "high_cases" },
    { key = "closed", title = L("ctl.closed"), type = "integer", sum = true, group = L("ctl.status_per", fmt.date(q.as_of)),
      personal = "closed_cases", part_of = "ytd" },
    { key = "open", title = L("ctl.open"), type = "integer", sum = true, group = L("ctl.status_per", fmt.date(q.as_of)),
      personal = "open_cases", part_of = "ytd" },
  }
  if opts.in_period_title == false then table.remove(columns, 2) end
  doc:table {
    title = L("ctl.table_title", q.ytd_label),
    sheet = L("ctl.sheet"),
    columns = columns,
    rows = list,
    total = L("sum"),
    note = L("ctl.note", fmt.date(q.as_of)),
  }
  doc:heading(level + 1, L("ctl.risks"))
  if #risks == 0 then
    doc:paragraph(L("ctl.no_risks", fmt.date_long(q.as_of)))
    return
  end
  doc:paragraph(L("ctl.risk_intro", fmt.date(q.as_of)))
  local rl = {}
  for i, k in ipairs(risks) do
    rl[i] = { id = k.id, area = k.area, hazard = k.hazard, probability = k.probability, consequence = k.consequence,
      score = k.score, level = code_word(r, "risk.level", k.level), level_status = M.RISK_STATUS[k.level], measures = k.measures,
      deadline = k.deadline, status = M.status_text(r, "risk.status", k.status, k.overdue) }
  end
  doc:table {
    title = L("ctl.risk_title"),
    sheet = "ROS",
    columns = {
      { key = "area", title = L("area") },
      { key = "hazard", title = L("ctl.hazard") },
      { key = "probability", title = "S", type = "integer" },
      { key = "consequence", title = "K", type = "integer" },
      { key = "score", title = L("ctl.score"), type = "integer" },
      { key = "level", title = L("ctl.level"), status = "level_status" },
      { key = "measures", title = L("ctl.measures") },
      { key = "deadline", title = L("ctl.deadline"), type = "date" },
      { key = "status", title = L("ctl.status") },
    },
    rows = rl,
    note = L("ctl.risk_note", fmt.date(q.as_of)),
    legend = false, -- the levels are not scorecard statuses: the note explains the colours
  }
end

return M
