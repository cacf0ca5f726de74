-- lua/rapp/absence.lua — sick leave (sykefravær) per budget area for the standard reports
-- (`require("rapp.absence")`): short-term, long-term and total in % of agreed days over a range of
-- months, the goal (indicator MA01's desired limit) and the same months a year earlier; the
-- month-by-month line of the whole municipality. docs/reports.md says where each figure comes from.
local _, core = ...
local fmt = require("rapp.fmt")
local ipairs, sfmt, tonumber = ipairs, string.format, tonumber
local M = {}

-- Sick leave per budget area (:by = 'area'; the last row, code NULL, the whole municipality) or per
-- unit of one area (:by = 'unit', :area; the last row the area) over :first_month..:last_month and
-- :ly_first_month..:ly_last_month, in % of agreed days; the goal is the desired limit of indicator
-- MA01 for :year, the area's, else the municipality's. employees and ly_employees: the persons the
-- figures rest on (each unit's fewest employees in the months, from staffing; 0 without staffing
-- rows), for the personvern rule (the columns are `personal`).
M.SQL = [[
WITH
-- per key along the index unit_area (area_code, then rowid; with :by = 'unit', the area's units),
-- each unit an index range of the covering absence_unit_month: no table lookup per row and, per
-- area, no sort of every row (:by picks one branch; the other's WHERE is false before any row).
-- Each key's sum adds its rows in the order it always did (unit by rowid, then month), the order
-- a GROUP BY sort also keeps when the index is absent, so the sums are the same to the last bit.
cur AS (
  SELECT u.area_code AS key, sum(x.short_term_days) AS s, sum(x.long_term_days) AS l, sum(x.planned_days) AS p
  FROM unit u CROSS JOIN absence x ON x.unit_code = u.code
  WHERE :by = 'area' AND x.month BETWEEN :first_month AND :last_month GROUP BY u.area_code
  UNION ALL
  SELECT u.code, sum(x.short_term_days), sum(x.long_term_days), sum(x.planned_days)
  FROM unit u CROSS JOIN absence x ON x.unit_code = u.code
  WHERE :by = 'unit' AND u.area_code = :area AND x.month BETWEEN :first_month AND :last_month GROUP BY u.code
),
prev AS (
  SELECT u.area_code AS key, sum(x.short_term_days + x.long_term_days) AS t, sum(x.planned_days) AS p
  FROM unit u CROSS JOIN absence x ON x.unit_code = u.code
  WHERE :by = 'area' AND x.month BETWEEN :ly_first_month AND :ly_last_month GROUP BY u.area_code
  UNION ALL
  SELECT u.code, sum(x.short_term_days + x.long_term_days), sum(x.planned_days)
  FROM unit u CROSS JOIN absence x ON x.unit_code = u.code
  WHERE :by = 'unit' AND u.area_code = :area AND x.month BETWEEN :ly_first_month AND :ly_last_month GROUP BY u.code
),
-- the persons each figure rests on (personvern): per unit its fewest employees in the months and
-- in the months a year earlier (index ranges of the covering staffing_unit_month; a unit without
-- staffing rows adds nothing), per key along unit_area as cur does (integer sums: the order cannot
-- show)
heads AS (
  SELECT u.area_code AS key,
         sum((SELECT min(h.headcount) FROM staffing h
              WHERE h.unit_code = u.code AND h.month BETWEEN :first_month AND :last_month)) AS n,
         sum((SELECT min(h.headcount) FROM staffing h
              WHERE h.unit_code = u.code AND h.month BETWEEN :ly_first_month AND :ly_last_month)) AS ln
  FROM unit u WHERE :by = 'area' GROUP BY u.area_code
  UNION ALL
  SELECT u.code,
         (SELECT min(h.headcount) FROM staffing h
          WHERE h.unit_code = u.code AND h.month BETWEEN :first_month AND :last_month),
         (SELECT min(h.headcount) FROM staffing h
          WHERE h.unit_code = u.code AND h.month BETWEEN :ly_first_month AND :ly_last_month)
  FROM unit u WHERE :by = 'unit' AND u.area_code = :area
),
-- every figure of a key on one row: each of cur, prev and heads has one row per key, and
-- here a NULL-keyed row of its sums (the whole municipality or the area), so max() picks each
-- figure itself. No join on `key IS r.key` per CTE: SQLite scanned the CTE for every row, quadratic
-- in the units of an area (by unit).
figures AS (
  SELECT key, s, l, p, NULL AS t, NULL AS lp, NULL AS n, NULL AS ln FROM cur
  UNION ALL SELECT NULL, sum(s), sum(l), sum(p), NULL, NULL, NULL, NULL FROM cur
  UNION ALL SELECT key, NULL, NULL, NULL, t, p, NULL, NULL FROM prev
  UNION ALL SELECT NULL, NULL, NULL, NULL, sum(t), sum(p), NULL, NULL FROM prev
  UNION ALL SELECT key, NULL, NULL, NULL, NULL, NULL, n, ln FROM heads
  UNION ALL SELECT NULL, NULL, NULL, NULL, NULL, NULL, sum(n), sum(ln) FROM heads
),
rows AS (
  SELECT key, max(s) AS s, max(l) AS l, max(p) AS p, max(t) AS t, max(lp) AS lp, max(n) AS n, max(ln) AS ln
  FROM figures GROUP BY key
),
names AS (
  SELECT code, name, sort_order FROM area WHERE :by = 'area'
  UNION ALL SELECT code, name, sort_order FROM unit WHERE :by = 'unit' AND area_code = :area
)
SELECT r.key AS code,
       coalesce(n.name, CASE WHEN :by = 'unit' THEN (SELECT name FROM area WHERE code = :area) ELSE :whole END) AS name,
       r.s * 100.0 / r.p AS short_pct, r.l * 100.0 / r.p AS long_pct, (r.s + r.l) * 100.0 / r.p AS total_pct,
       coalesce((SELECT t.desired FROM target t WHERE t.indicator_code = 'MA01' AND t.year = :year
                   AND t.unit_code IS NULL AND t.area_code = CASE WHEN :by = 'unit' THEN :area ELSE r.key END),
                (SELECT t.desired FROM target t WHERE t.indicator_code = 'MA01' AND t.year = :year
                   AND t.unit_code IS NULL AND t.area_code IS NULL)) AS goal_pct,
       r.t * 100.0 / r.lp AS last_year_pct,
       coalesce(r.n, 0) AS employees, coalesce(r.ln, 0) AS ly_employees
FROM rows r
LEFT JOIN names n ON n.code = r.key
WHERE r.p > 0
ORDER BY r.key IS NULL, n.sort_order, n.code]]

-- Sick leave of the whole municipality month by month: :year up to :last_month, and all of the
-- year before, in % of agreed days; month: 1-12 (M.chart names it with fmt.month_short).
-- this_year_n and last_year_n: the employees each month's figure rests on (staffing; 0 without
-- staffing rows), for the personvern rule (the series are `personal`). Read from the derived
-- table absence_month_total (src/db/indexes_v1.sql; docs/schema.md): the municipality's sums per
-- month that `rapp import` makes once, 24 rows instead of every unit's row of two years. A snapshot
-- without it (made by other means) has this rapp's TEMP view of that name over the same definition:
-- the table is joined twice rather than read in four subqueries per month, which over the view
-- costs a fifth (sample: 22.7 M instructions instead of 112 M; bench/README.md).
M.MONTHS_SQL = [[
SELECT pe.number AS month,
       CASE WHEN pe.code <= :last_month THEN 100.0 * t.absent_days / t.planned_days END AS this_year,
       100.0 * l.absent_days / l.planned_days AS last_year,
       coalesce(t.headcount, 0) AS this_year_n, coalesce(l.headcount, 0) AS last_year_n
FROM period pe
LEFT JOIN absence_month_total t ON t.month = pe.code
LEFT JOIN absence_month_total l ON l.month = printf('%04d-%02d', pe.year - 1, pe.number)
WHERE pe.kind = 'month' AND pe.year = :year ORDER BY pe.number]]

-- Whole-year sick leave of the whole municipality and per area, :first_year..:last_year (the
-- annual report's trend). Three years are most of the table: it is read in its own order (+month:
-- not along absence_month), so the years' sums add their rows in the same order as ever.
M.YEARS_SQL = [[
SELECT substr(x.month, 1, 4) AS year, u.area_code AS code,
       100.0 * sum(x.short_term_days + x.long_term_days) / sum(x.planned_days) AS total_pct
FROM absence x JOIN unit u ON u.code = x.unit_code
WHERE +x.month BETWEEN :first_year || '-01' AND :last_year || '-12'
GROUP BY 1, 2
UNION ALL
SELECT substr(x.month, 1, 4), NULL, 100.0 * sum(x.short_term_days + x.long_term_days) / sum(x.planned_days)
FROM absence x WHERE +x.month BETWEEN :first_year || '-01' AND :last_year || '-12'
GROUP BY 1
ORDER BY 1, 2]]

--- The latest month with sick-leave figures at or before last_month ('YYYY-MM'), or nil.
function M.latest_month(r, last_month)
  return r.db:value("SELECT max(month) FROM absence WHERE month <= :m", { m = last_month })
end

--- Rows per area and the whole municipality (code nil) over the months first..last (a period or
--- { first_month, last_month }), against the same months a year earlier; with area (a code): per
--- unit of the area, the last row (code nil) the area.
--- "2026-09" -> "2025-09"
function M.last_year_month(m) return sfmt("%04d%s", tonumber(m:sub(1, 4)) - 1, m:sub(5)) end

function M.rows(r, range, area)
  local y = tonumber(range.first_month:sub(1, 4))
  local ly = M.last_year_month
  return r.db:rows(M.SQL, { first_month = range.first_month, last_month = range.last_month,
    ly_first_month = ly(range.first_month), ly_last_month = ly(range.last_month), year = y,
    by = area and "unit" or "area", area = area or "", whole = r:label("whole_municipality_row") })
end

--- The row of the whole municipality, or nil.
function M.whole(rows)
  for _, a in ipairs(rows) do if a.code == nil then return a end end
end

--- The table: opts.label (the months' name: "2. tertial 2026"), opts.ly_label, opts.year, opts.sheet, opts.title,
--- opts.first_title (the name column: "Rammeområde"), opts.last_row (what the last row is: "hele kommunen").
function M.table(r, rows, opts)
  local shown = {}
  for i, row in ipairs(rows) do
    shown[i] = { name = row.name, short_pct = row.short_pct, long_pct = row.long_pct, total_pct = row.total_pct,
      goal_pct = row.goal_pct, last_year_pct = row.last_year_pct,
      employees = row.employees, ly_employees = row.ly_employees }
  end
  local group = r:label("abs.group", opts.label)
  r.doc:table {
    title = opts.title or group,
    sheet = opts.sheet,
    columns = {
      { key = "name", title = opts.first_title or r:label("area"), width_mm = 48 },
      -- personvern: sick leave is about persons; in the public edition a figure resting on fewer
      -- than k employees is ':' (model/suppress.c)
      { key = "short_pct", title = r:label("abs.short"), type = "percent", decimals = 1, group = group, personal = "employees" },
      { key = "long_pct", title = r:label("abs.long"), type = "percent", decimals = 1, group = group, personal = "employees" },
      { key = "total_pct", title = r:label("abs.total"), type = "percent", decimals = 1, group = group, personal = "employees" },
      { key = "goal_pct", title = r:label("abs.goal"), type = "percent", decimals = 1 },
      { key = "last_year_pct", title = r:label("abs.last_year", opts.ly_label), type = "percent", decimals = 1,
        personal = "ly_employees" },
    },
    rows = shown,
    note = r:label("abs.note", tostring(opts.year), opts.last_row or r:label("whole_municipality")),
  }
end

--- The month-by-month line of year (up to last_month) against the year before, the goal as a line.
function M.chart(r, year, last_month, goal)
  local rows = r.db:rows(M.MONTHS_SQL, { year = year, last_month = last_month })
  for _, row in ipairs(rows) do row.month = fmt.month_short(row.month, true) end
  r.doc:chart {
    kind = "line",
    title = r:label("abs.chart_title", year, year - 1),
    type = "percent", decimals = 1, value_title = r:label("abs.value_title"),
    rows = rows,
    category = "month",
    -- personvern: each month's figure rests on the month's employees (model/suppress.c)
    series = { { key = "this_year", name = tostring(year), personal = "this_year_n" },
      { key = "last_year", name = tostring(year - 1), personal = "last_year_n" } },
    lines = goal and { { value = goal, label = r:label("abs.goal_line", fmt.percent(goal, 1)) } } or nil,
  }
end

return M
