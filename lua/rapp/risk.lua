-- lua/rapp/risk.lua — the ROS risk matrix (5 × 5, sannsynlighet × konsekvens) as a heat map and
-- deviations (avvik) counted per category, budget area or unit over the last four tertials
-- (`require("rapp.risk")`), for reports/ros.lua and reports/enhetsrapport.lua. Risks and
-- deviations as of the day a period is judged on (views risk_state, risk_level and
-- deviation_state: the schema's as-of and level rules; nothing is judged again here). Deviations
-- are counts only, never text. docs/reports.md says where each figure comes from.
local _, core = ...
local fmt = require("rapp.fmt")
local control = require("rapp.control")
local period = require("rapp.period")
local ipairs, sfmt, tostring = ipairs, string.format, tostring
local M = {}

-- The scales of the matrix (the usual Norwegian ROS wording) are the library's labels risk.p1-5
-- (sannsynlighet) and risk.k1-5 (konsekvens), lua/rapp/labels.lua.

-- Risks as last assessed by :as_of (risk_state), counted per cell of the matrix with the cell's
-- level (view risk_level: every risk of a cell has the same level); :area '' = every area.
-- n: every risk (before measures), remaining: those whose measures are not closed on :as_of.
M.MATRIX_SQL = [[
SELECT probability, consequence, level, count(*) AS n, sum(NOT closed) AS remaining
FROM risk_state
WHERE valid_from <= :as_of AND (valid_to IS NULL OR :as_of < valid_to)
  AND (:area = '' OR area_code = :area)
GROUP BY probability, consequence, level]]

-- The areas with risks assessed by :as_of, in the areas' order.
M.AREAS_SQL = [[
SELECT a.code, a.name FROM area a
WHERE EXISTS (SELECT 1 FROM risk_state r WHERE r.area_code = a.code
              AND r.valid_from <= :as_of AND (r.valid_to IS NULL OR :as_of < r.valid_to))
ORDER BY a.sort_order, a.code]]

-- The risks of level 'uakseptabel' (risk_level) as last assessed by :as_of, closed or not, with
-- measures, responsible, deadline and status; overdue by the schema's rule (overdue_from).
M.HIGH_SQL = [[
SELECT r.id, a.name AS area, r.hazard, r.probability, r.consequence, r.score, r.level, r.measures,
       r.responsible, r.deadline, r.status, coalesce(r.overdue_from <= :as_of, 0) AS overdue
FROM risk_state r JOIN area a ON a.code = r.area_code
WHERE r.level = 'uakseptabel' AND r.valid_from <= :as_of AND (r.valid_to IS NULL OR :as_of < r.valid_to)
ORDER BY r.score DESC, r.consequence DESC, a.sort_order, r.id]]

--- The counts and levels of the matrix: { [p] = { [k] = { n =, remaining =, level = } } } and the
--- totals { n =, remaining =, high =, high_remaining = }. area: a code or nil (the whole municipality).
function M.matrix(r, as_of, area)
  local cells, total = {}, { n = 0, remaining = 0, high = 0, high_remaining = 0 }
  for p = 1, 5 do cells[p] = {} end
  for _, c in ipairs(r.db:rows(M.MATRIX_SQL, { as_of = as_of, area = area or "" })) do
    cells[c.probability][c.consequence] = { n = c.n, remaining = c.remaining, level = c.level }
    total.n, total.remaining = total.n + c.n, total.remaining + c.remaining
    if c.level == "uakseptabel" then
      total.high, total.high_remaining = total.high + c.n, total.high_remaining + c.remaining
    end
  end
  return cells, total
end

-- a count with its level's status fill, or nil (a dash) when the cell holds no risk
local function cell(c, field)
  if not c or c[field] == 0 then return nil end
  return { value = c[field], status = control.RISK_STATUS[c.level] }
end

--- The heat map: probability 5 at the top, consequence 1-5 across, before and after measures side
--- by side. opts: title, sheet, note (false: without the note on scales and colours).
function M.matrix_table(r, cells, opts)
  local columns = { { key = "p", title = r:label("risk.probability"), width_mm = 40 } }
  for _, side in ipairs { { "b", r:label("risk.before") }, { "a", r:label("risk.after") } } do
    for k = 1, 5 do
      columns[#columns + 1] = { key = side[1] .. k, title = tostring(k), type = "integer", group = side[2], sum = true,
        width_mm = 12 }
    end
  end
  local rows = {}
  for p = 5, 1, -1 do
    local row = { p = p .. " " .. r:label("risk.p" .. p) }
    for k = 1, 5 do
      row["b" .. k] = cell(cells[p][k], "n")
      row["a" .. k] = cell(cells[p][k], "remaining")
    end
    rows[#rows + 1] = row
  end
  r.doc:table {
    title = opts.title,
    sheet = opts.sheet,
    columns = columns,
    rows = rows,
    total = r:label("sum"),
    legend = false, -- the levels are not scorecard statuses: the note says what the colours mean
    note = opts.note ~= false and r:label("risk.matrix_note", r:label("risk.k1"), r:label("risk.k2"),
      r:label("risk.k3"), r:label("risk.k4"), r:label("risk.k5")) or nil,
  }
end

--- The high risks (uakseptabel) as last assessed by as_of, as rows for a table.
function M.high(r, as_of)
  local list = {}
  for i, k in ipairs(r.db:rows(M.HIGH_SQL, { as_of = as_of })) do
    list[i] = { id = k.id, area = k.area, hazard = k.hazard, probability = k.probability, consequence = k.consequence,
      score = k.score, level_status = control.RISK_STATUS[k.level], measures = k.measures, responsible = k.responsible,
      deadline = k.deadline, status = control.status_text(r, "risk.status", k.status, k.overdue) }
  end
  return list
end

--- The four tertials up to the one holding the period's last month, oldest first (Periods).
function M.tertials(per)
  local m = tonumber(per.last_month:sub(6))
  local t = period.parse(sfmt("%d-T%d", per.year, math.floor((m + 3) / 4)))
  local list = { t }
  for _ = 1, 3 do
    t = t:previous()
    table.insert(list, 1, t)
  end
  return list
end

-- Deviations registered in four tertials (:f1..:l4, each :fN..:lN) up to :as_of, per category
-- (:by = 'category') or per budget area (:by = 'area'), for every unit or one (:unit); open or
-- closed on :as_of (deviation_state). Counts only. personal: 1 when the category is marked as about
-- persons (deviation_category, as rapp.control's query): its counts fall under personvern; an
-- area's row mixes categories and is not.
M.DEVIATION_SQL = [[
SELECT CASE WHEN :by = 'area' THEN a.name ELSE d.category END AS name,
       sum(d.reported_date BETWEEN :f1 AND :l1) AS t1,
       sum(d.reported_date BETWEEN :f2 AND :l2) AS t2,
       sum(d.reported_date BETWEEN :f3 AND :l3) AS t3,
       sum(d.reported_date BETWEEN :f4 AND :l4) AS t4,
       count(*) AS total,
       sum(d.severity = 'høy') AS high,
       sum(NOT d.closed) AS open,
       CASE WHEN :by = 'area' THEN 0 ELSE
         coalesce((SELECT c.personal FROM deviation_category c WHERE c.category = d.category), 0) END AS personal
FROM deviation_state d JOIN unit u ON u.code = d.unit_code JOIN area a ON a.code = u.area_code
WHERE d.reported_date BETWEEN :f1 AND :l4 AND d.reported_date <= :as_of
  AND d.valid_from <= :as_of AND (d.valid_to IS NULL OR :as_of < d.valid_to)
  AND (:unit = '' OR d.unit_code = :unit)
GROUP BY 1
ORDER BY CASE WHEN :by = 'area' THEN min(a.sort_order) END, 1]]

local COUNTS = { "t1", "t2", "t3", "t4", "total", "high", "open" }

--- Rows per category or area (by) over the tertials (M.tertials), counted up to as_of; unit: a code
--- or nil. Each count k has its personvern field k .. "_cases" (rapp.control.mark_cases).
function M.deviations(r, by, tertials, as_of, unit)
  local q = { by = by, as_of = as_of, unit = unit or "" }
  for i, t in ipairs(tertials) do q["f" .. i], q["l" .. i] = t.first_date, t.last_date end
  local list = {}
  for i, d in ipairs(r.db:rows(M.DEVIATION_SQL, q)) do
    local row = { name = by ~= "area" and control.code_word(r, "deviation.category", d.name) or d.name }
    for _, k in ipairs(COUNTS) do row[k] = d[k] end
    list[i] = control.mark_cases(row, d, COUNTS)
  end
  return list
end

--- The table of deviation rows: opts.title, opts.sheet, opts.first_title, opts.as_of. The counts of
--- a personal category are marked personal (model/suppress.c): the four tertials are parts of the
--- total (one row relation), and every column with its total. Returns the table (for
--- M.deviation_chart).
function M.deviation_table(r, rows, tertials, opts)
  local columns = { { key = "name", title = opts.first_title, width_mm = 50 } }
  local registered, as_of = r:label("ctl.registered"), fmt.date(opts.as_of)
  for i, t in ipairs(tertials) do
    columns[#columns + 1] = { key = "t" .. i, title = t.label, type = "integer", sum = true, group = registered,
      personal = "t" .. i .. "_cases", part_of = "total" }
  end
  columns[#columns + 1] = { key = "total", title = r:label("risk.dev_total"), type = "integer", sum = true, group = registered,
    personal = "total_cases" }
  columns[#columns + 1] = { key = "high", title = r:label("ctl.high"), type = "integer", sum = true, personal = "high_cases" }
  columns[#columns + 1] = { key = "open", title = r:label("risk.dev_open", as_of), type = "integer", sum = true,
    personal = "open_cases" }
  return r.doc:table { title = opts.title, sheet = opts.sheet, columns = columns, rows = rows, total = r:label("sum"),
    note = r:label("risk.dev_note", as_of, as_of),
  }
end

--- Columns side by side: the deviations per tertial of each row (category or area) of `t`, the
--- table M.deviation_table made. The chart takes its values from that table (r.doc:chart { table =
--- t }), so the public edition hides in it exactly the cells the table hides, the secondary ones
--- too (model/suppress.h): a personal category's small count cannot show here while the table
--- hides it.
function M.deviation_chart(r, t, tertials, title)
  local columns = {}
  for i in ipairs(tertials) do columns[i] = "t" .. i end
  r.doc:chart {
    kind = "column", title = title, type = "integer", table = t, series_rows = "name", columns = columns,
    value_title = r:label("risk.dev_count"),
  }
end

return M
