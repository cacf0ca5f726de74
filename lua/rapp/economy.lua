-- lua/rapp/economy.lua — economy per budget area for the standard reports (`require("rapp.economy")`):
-- year budget, periodised budget and actuals year to date, the units' latest forecast and the
-- deviations, with the table and chart every report draws of them. docs/reports.md says where
-- each figure comes from. One query (economy.SQL) per area or per unit; nothing is computed twice.
local _, core = ...
local fmt = require("rapp.fmt")
local ipairs, abs = ipairs, math.abs
local M = {}

local NBSP = "\u{A0}"
M.NBSP = NBSP

--- 12345678 -> "12,3 mill. kr" (the amount's size; the sentence says which way it goes)
function M.millions(v)
  return fmt.number(abs(v) / 1e6, 1) .. NBSP .. "mill." .. NBSP .. "kr"
end

-- THE economy query. Per budget area (:by = 'area') or per unit of one area (:by = 'unit',
-- :area): year budget (:first_month..:year_end), budget and actuals year to date
-- (:first_month..:last_month), the latest forecast per unit made by :last_month, deviations
-- (budget - actual: positive = mindreforbruk) and the deviation in % of |budget year to date|.
M.SQL = [[
WITH
-- per unit of the scope first, in the order of unit's primary key (each unit one index range of
-- economy_month, the months' budget and actual sums: :first_month..:year_end), then per key: no sort of
-- every budget and account row. The sums are rounded to øre, so the order of addition does not show.
-- economy_month is the derived table of src/db/indexes_v1.sql; a snapshot without it (made by other
-- means) has this rapp's TEMP view of that name over the same definition (docs/schema.md).
bu0 AS (
  SELECT u.code AS unit_code, CASE WHEN :by = 'unit' THEN u.code ELSE u.area_code END AS key,
         sum(e.budget) AS year_budget,
         sum(CASE WHEN e.month <= :last_month THEN e.budget END) AS budget_ytd,
         sum(CASE WHEN e.month <= :last_month THEN e.actual END) AS actual_ytd
  FROM unit u LEFT JOIN economy_month e ON e.unit_code = u.code AND e.month BETWEEN :first_month AND :year_end
  WHERE :by = 'area' OR u.area_code = :area
  GROUP BY u.code
),
bu AS MATERIALIZED ( -- each unit's forecast looked up once (k, flattening bu, wrote it twice)
  SELECT key, year_budget, budget_ytd, actual_ytd,
         (SELECT sum(f.year_amount) FROM forecast f
          WHERE f.unit_code = bu0.unit_code AND f.month = (SELECT f2.month FROM forecast f2
                   WHERE f2.unit_code = bu0.unit_code AND f2.month BETWEEN :first_month AND :last_month
                   ORDER BY f2.month DESC LIMIT 1)) AS forecast
  FROM bu0
),
-- per key in one pass over bu (one sort, not three): sum() skips NULL, so each sum is over the
-- units that have the figure, and a key none of whose units has it gets NULL
k AS (
  SELECT key, round(sum(year_budget), 2) AS year_budget,
         round(sum(coalesce(budget_ytd, 0)) FILTER (WHERE year_budget IS NOT NULL), 2) AS budget_ytd,
         round(sum(actual_ytd), 2) AS actual_ytd, sum(forecast) AS forecast
  FROM bu GROUP BY key
),
names AS (
  SELECT code, name, sort_order FROM area WHERE :by = 'area'
  UNION ALL SELECT code, name, sort_order FROM unit WHERE :by = 'unit' AND area_code = :area
)
SELECT ar.code, ar.name,
       k.year_budget, k.budget_ytd, k.actual_ytd,
       round(coalesce(k.budget_ytd, 0) - coalesce(k.actual_ytd, 0), 2) AS deviation_ytd,
       CASE WHEN k.budget_ytd <> 0
            THEN (coalesce(k.budget_ytd, 0) - coalesce(k.actual_ytd, 0)) * 100.0 / abs(k.budget_ytd) END AS deviation_pct,
       k.forecast,
       CASE WHEN k.forecast IS NOT NULL THEN coalesce(k.year_budget, 0) - k.forecast END AS forecast_deviation
FROM names ar
JOIN k ON k.key = ar.code
WHERE k.year_budget IS NOT NULL OR k.actual_ytd IS NOT NULL OR k.forecast IS NOT NULL
ORDER BY ar.sort_order, ar.code]]

--- The query's parameters for a period judged on as_of ('YYYY-MM-DD'): the year from January,
--- up to the period's last month or the as-of month when that is earlier (a partial period:
--- a year's budget is never set against fewer months of accounts). Returns the parameters and
--- the year-to-date range (rapp.period ytd(): label, first_month, last_month, ...).
function M.params(period, as_of)
  local last = period.last_month
  if as_of:sub(1, 7) < last then last = as_of:sub(1, 7) end
  local ytd = require("rapp.period").parse(last):ytd()
  return { first_month = period.year .. "-01", last_month = ytd.last_month, year_end = period.year .. "-12" }, ytd
end

--- Rows per area (opts.area nil) or per unit of opts.area, and the totals: year_budget,
--- budget_ytd, actual_ytd, deviation_ytd, forecast, forecast_deviation, frame (the sum of the
--- positive year budgets: the driftsrammer), has_forecast.
function M.rows(r, q, area)
  local rows = r.db:rows(M.SQL, { first_month = q.first_month, last_month = q.last_month, year_end = q.year_end,
    by = area and "unit" or "area", area = area or "" })
  local total = { year_budget = 0, budget_ytd = 0, actual_ytd = 0, deviation_ytd = 0, forecast = 0,
    forecast_deviation = 0, frame = 0, has_forecast = false }
  for _, row in ipairs(rows) do
    total.year_budget = total.year_budget + (row.year_budget or 0)
    total.budget_ytd = total.budget_ytd + (row.budget_ytd or 0)
    total.actual_ytd = total.actual_ytd + (row.actual_ytd or 0)
    total.deviation_ytd = total.deviation_ytd + row.deviation_ytd
    if row.forecast then
      total.forecast = total.forecast + row.forecast
      total.forecast_deviation = total.forecast_deviation + row.forecast_deviation
      total.has_forecast = true
    end
    if (row.year_budget or 0) > 0 then total.frame = total.frame + row.year_budget end
  end
  return rows, total
end

--- The economy table: opts.title, opts.sheet, opts.first_title (the name column), opts.note
--- (added after the sign convention), opts.closed (a closed year: regulert budsjett, regnskap,
--- avvik and avvik i %, without the year-to-date budget and the forecast).
function M.table(r, rows, opts)
  local closed = opts.closed
  local columns = {
    { key = "name", title = opts.first_title or r:label("area"), width_mm = 38 },
    { key = "year_budget", title = r:label("eco.year_budget"), type = "amount", thousands = true, sum = true },
  }
  if not closed then
    columns[#columns + 1] = { key = "budget_ytd", title = r:label("eco.budget_ytd"), type = "amount", thousands = true, sum = true }
  end
  columns[#columns + 1] = { key = "actual_ytd", title = r:label(closed and "eco.actual" or "eco.actual_ytd"), type = "amount",
    thousands = true, sum = true }
  columns[#columns + 1] = { key = "deviation_ytd", title = r:label(closed and "eco.deviation" or "eco.deviation_ytd"), type = "amount",
    thousands = true, sum = true, mark_negative = true }
  columns[#columns + 1] = { key = "deviation_pct", title = r:label("eco.deviation_pct"), type = "percent", decimals = 1, mark_negative = true }
  if not closed then
    columns[#columns + 1] = { key = "forecast", title = r:label("eco.forecast"), type = "amount", thousands = true, sum = true }
    columns[#columns + 1] = { key = "forecast_deviation", title = r:label("eco.forecast_deviation"), type = "amount", thousands = true,
      sum = true, mark_negative = true }
  end
  r.doc:table {
    title = opts.title,
    unit_note = r:label("unit.thousands"),
    sheet = opts.sheet,
    columns = columns,
    rows = rows,
    total = r:label("sum"),
    note = r:label(closed and "eco.closed_note" or "eco.sign_note") .. (opts.note and (" " .. opts.note) or ""),
  }
end

--- The diverging bar of the deviations year to date per row (merforbruk left, mindreforbruk right);
--- series_name: the bars' name (default "Avvik hittil").
function M.chart(r, rows, title, series_name)
  r.doc:chart {
    kind = "diverging",
    title = title,
    type = "amount", thousands = true,
    negative_label = r:label("eco.overspend"), positive_label = r:label("eco.underspend"),
    rows = rows, category = "name",
    series = { { key = "deviation_ytd", name = series_name or r:label("eco.deviation_ytd") } },
  }
end

--- "et mindreforbruk på 12,3 mill. kr" / "et merforbruk på ..."; with r, in r.lang
function M.direction(v, r)
  if r then return r:label(v >= 0 and "eco.an_underspend" or "eco.an_overspend", M.millions(v)) end
  return (v >= 0 and "et mindreforbruk på " or "et merforbruk på ") .. M.millions(v)
end

return M
