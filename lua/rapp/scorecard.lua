-- lua/rapp/scorecard.lua — the målekort of "Mål- og resultatstyring" for report scripts:
-- `local scorecard = require("rapp.scorecard")`. One SQL (scorecard.SQL) picks the indicators of
-- a scope (whole municipality, one budget area, one unit), the result each shows for a period
-- (the period rule below) and its status from the view result_status (this rapp's rule on any
-- snapshot: docs/schema.md "The rules are this rapp's"); the functions here only lay that out as
-- the governance document draws it. docs/reports.md is the reference.
--
-- The period rule (which result a report period shows): an indicator shows its result for the
-- latest period of its own frequency that has ended by the end of the report period. For
-- 2026-T2 (May-Aug): monthly indicators August 2026, quarterly Q2 2026, tertial T2 2026, yearly
-- 2025 (the year 2026 is not over). No result row for that period and scope: "Ikke målt".
local _, core = ...
local specmod = require("rapp.spec")
local fmt = require("rapp.fmt")
local pairs, setmetatable, type, error, tostring, tonumber, ipairs, concat, sfmt =
  pairs, setmetatable, type, error, tostring, tonumber, ipairs, table.concat, string.format
local M = {}

local function fail(msg) error(msg, 0) end

-- The order of the statuses (THE status table, model/present.c).
M.statuses = {}
for i, s in ipairs(core.statuses) do M.statuses[i] = s.code end

-- The notes under every scorecard are the library's labels sc.period_note, sc.target_note and
-- sc.trend_note (lua/rapp/labels.lua).

-- THE query. Parameters: :last_month ('YYYY-MM', the report period's last month), :scope
-- ('municipality', 'area', 'unit'), :area (the area, or the unit's area; '' for the
-- municipality), :unit (the unit or ''), :common ('all' or 'measured'). One row per indicator
-- in scorecard order; a focus area without indicators in the scope gives one row with
-- indicator_code NULL. Columns: see docs/reports.md.
M.SQL = [[
WITH ym AS (
  SELECT CAST(substr(:last_month, 1, 4) AS INTEGER) AS y, CAST(substr(:last_month, 6, 2) AS INTEGER) AS m
),
-- per frequency: periods per year n, and the number k of the latest period ended by last_month
f0(frequency, n, y, k) AS (
  SELECT 'month', 12, y, m FROM ym UNION ALL
  SELECT 'quarter', 4, y, m / 3 FROM ym UNION ALL
  SELECT 'tertial', 3, y, m / 4 FROM ym UNION ALL
  SELECT 'year', 1, y, m / 12 FROM ym
),
f1 AS (  -- k = 0: the last period of the year before
  SELECT frequency, n, CASE WHEN k = 0 THEN y - 1 ELSE y END AS y, CASE WHEN k = 0 THEN n ELSE k END AS k FROM f0
),
f2 AS (  -- the previous period of the same frequency, and the same period a year earlier
  SELECT frequency, n, y, k,
         CASE WHEN k = 1 THEN y - 1 ELSE y END AS py, CASE WHEN k = 1 THEN n ELSE k - 1 END AS pk
  FROM f1
),
shown AS (
  SELECT frequency, y AS year,
    CASE frequency WHEN 'month' THEN printf('%04d-%02d', y, k) WHEN 'quarter' THEN printf('%04d-Q%d', y, k)
      WHEN 'tertial' THEN printf('%04d-T%d', y, k) ELSE printf('%04d', y) END AS period,
    CASE frequency WHEN 'month' THEN printf('%04d-%02d', py, pk) WHEN 'quarter' THEN printf('%04d-Q%d', py, pk)
      WHEN 'tertial' THEN printf('%04d-T%d', py, pk) ELSE printf('%04d', py) END AS previous_period,
    CASE frequency WHEN 'month' THEN printf('%04d-%02d', y - 1, k) WHEN 'quarter' THEN printf('%04d-Q%d', y - 1, k)
      WHEN 'tertial' THEN printf('%04d-T%d', y - 1, k) ELSE printf('%04d', y - 1) END AS last_year_period
  FROM f2
),
-- the indicators of the scope: NOT MATERIALIZED, so that card reads them straight from goal and
-- indicator (as the right side of a LEFT JOIN from focus_area, this join was stored and then
-- searched through an automatic index: 11 M of the municipality card's 63 M instructions at
-- scale 20). CROSS JOIN: the goals of the scope first, then only their indicators (SQLite read
-- every indicator and looked up its goal: an area's card read all 1 545 at scale 20). A target of
-- the scope's own is asked in two forms, as the result is in card below, so that each is one seek
-- into target_scope (indicator, unit, area, year) instead of reading every target of the
-- indicator (sick leave: one per unit and year).
ind AS NOT MATERIALIZED (
  SELECT g.focus_area_code, g.rowid AS goal_id, i.rowid AS indicator_id, i.code AS indicator_code,
         i.decimals, i.direction, i.frequency
  FROM goal g CROSS JOIN indicator i ON i.goal_code = g.code
  WHERE (g.area_code IS NULL OR g.area_code = :area)
    AND (:scope = 'municipality' OR :common = 'all'
         OR (:scope = 'area' AND g.area_code IS NOT NULL)
         OR EXISTS (SELECT 1 FROM result r WHERE :scope = 'unit' AND r.indicator_code = i.code AND r.unit_code = :unit)
         OR EXISTS (SELECT 1 FROM result r WHERE :scope <> 'unit' AND r.indicator_code = i.code
              AND r.area_code IS nullif(:area, '') AND +r.unit_code IS NULL)
         OR EXISTS (SELECT 1 FROM target t WHERE :scope = 'unit' AND t.indicator_code = i.code
              AND t.unit_code = :unit)
         OR EXISTS (SELECT 1 FROM target t WHERE :scope <> 'unit' AND t.indicator_code = i.code
              AND t.unit_code IS NULL AND t.area_code = :area))
),
-- One row per indicator of the scope: its period and the rowids of its result (result_id) and of
-- the result it is compared with (previous_id), NULL when there is none. Only keys and numbers: the
-- names and texts are joined once, in the final SELECT (carrying them through every step cost
-- more than looking them up).
-- MATERIALIZED: result_id is computed once per row (a flattened card re-ran its subquery for
-- every use of c.result_id below)
-- The result of a scope is looked up in two forms, one for a unit and one for an area or the
-- municipality (unit_code NULL), so that the index result_scope (indicator_code, area_code,
-- period, unit_code) finds it with one seek; a CASE on :scope could only use the indicator and
-- read every unit's row of the period (sick leave MA01: one per unit and month). `+unit_code`
-- keeps SQLite off result_unit_period (all rows without a unit) in a snapshot without
-- result_scope. The result key (indicator, period, area, unit) is unique (rapp check), so
-- LIMIT 1 is the one row.
card AS MATERIALIZED (
  SELECT f.rowid AS focus_id, ind.goal_id, ind.indicator_id, ind.indicator_code, ind.decimals,
         ind.direction, sh.period, sh.year,
         CASE :compare WHEN 'last_year' THEN sh.last_year_period ELSE sh.previous_period END AS previous_period,
         coalesce(
           (SELECT min(r.rowid) FROM result r WHERE :scope = 'unit' AND r.indicator_code = ind.indicator_code
              AND r.period = sh.period AND r.unit_code = :unit),
           (SELECT r.rowid FROM result r WHERE :scope <> 'unit' AND r.indicator_code = ind.indicator_code
              AND r.area_code IS nullif(:area, '') AND r.period = sh.period AND +r.unit_code IS NULL LIMIT 1)) AS result_id,
         coalesce(
           (SELECT min(r.rowid) FROM result r WHERE :scope = 'unit' AND r.indicator_code = ind.indicator_code
              AND r.period = CASE :compare WHEN 'last_year' THEN sh.last_year_period ELSE sh.previous_period END
              AND r.unit_code = :unit),
           (SELECT r.rowid FROM result r WHERE :scope <> 'unit' AND r.indicator_code = ind.indicator_code
              AND r.area_code IS nullif(:area, '')
              AND r.period = CASE :compare WHEN 'last_year' THEN sh.last_year_period ELSE sh.previous_period END
              AND +r.unit_code IS NULL LIMIT 1)) AS previous_id
  FROM ind
  JOIN focus_area f ON f.code = ind.focus_area_code
  LEFT JOIN shown sh ON sh.frequency = ind.frequency
),
-- Status and the limits it was judged by come from the view result_status, joined on result_id:
-- an inner join SQLite flattens (the view evaluated for that row only, once). The rows without a
-- result are added with UNION ALL (a LEFT JOIN on the view would build all of it), with the
-- target that applies to the scope (the view target_choice, the rule result_status applies too:
-- the scope as that view names it, a unit without its area), and then one row per focus area
-- without an indicator in the scope.
card2 AS (
  SELECT c.*, rs.value, rs.comment, p.value AS previous_value,
         rs.status AS rs_status, rs.desired, rs.acceptable
  FROM card c
  JOIN result_status rs ON rs.result_id = c.result_id
  LEFT JOIN result p ON p.rowid = c.previous_id
  UNION ALL
  SELECT c.*, NULL, NULL, p.value, NULL, tg.desired, tg.acceptable
  FROM card c
  LEFT JOIN result p ON p.rowid = c.previous_id
  LEFT JOIN target tg ON tg.rowid = (
    SELECT tc.target_id FROM target_choice tc
    WHERE tc.indicator_code = c.indicator_code AND tc.year = c.year
      AND tc.unit_code IS nullif(:unit, '') AND tc.area_code IS CASE :scope WHEN 'area' THEN :area END)
  WHERE c.result_id IS NULL
  UNION ALL
  SELECT f.rowid, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
         NULL, NULL, NULL, NULL, NULL, NULL
  FROM focus_area f
  WHERE NOT EXISTS (SELECT 1 FROM ind WHERE ind.focus_area_code = f.code)
)
SELECT f.code AS focus_code, f.name AS focus_area, f.main_goal, g.code AS goal_code, g.name AS goal,
       g.area_code AS goal_area, i.code AS indicator_code, i.name AS indicator, i.method,
       i.unit_of_measure, i.decimals, i.direction, i.frequency, c.period, c.previous_period,
       c.value, c.comment,
       CASE WHEN c.indicator_code IS NULL THEN NULL ELSE COALESCE(c.rs_status, 'not_measured') END AS status,
       c.desired, c.acceptable, c.previous_value,
       CASE WHEN c.value IS NULL OR c.previous_value IS NULL THEN NULL
            WHEN round(c.value, c.decimals) = round(c.previous_value, c.decimals) THEN 'same'
            WHEN (round(c.value, c.decimals) > round(c.previous_value, c.decimals)) = (c.direction = 'higher') THEN 'better'
            ELSE 'worse' END AS trend
FROM card2 c
JOIN focus_area f ON f.rowid = c.focus_id
LEFT JOIN goal g ON g.rowid = c.goal_id
LEFT JOIN indicator i ON i.rowid = c.indicator_id
ORDER BY f.sort_order, f.code, g.area_code IS NOT NULL, g.sort_order, g.code, i.sort_order, i.code
]]

-- ---- options --------------------------------------------------------------------------------

local set = specmod.set

local option_fields = set { "period", "area", "unit", "common", "previous", "compare", "trend",
  "comment", "title", "sheet", "legend", "notes", "period_column", "rows" }

local function code_of(v)
  if v == nil then return nil end
  if type(v) == "string" then return v end
  if type(v) == "table" and type(v.code) == "string" then return v.code end
  return nil
end

-- Checks options and resolves the scope; returns the query parameters and the scope's names.
local function scope_params(db, fn, opts)
  if type(opts) ~= "table" then fail(sfmt("scorecard.%s: give a table { period = p.period, ... }", fn)) end
  for k in pairs(opts) do
    if not option_fields[k] then
      fail(sfmt("scorecard.%s: unknown option '%s' (valid: area, comment, common, compare, legend, notes, "
        .. "period, period_column, previous, rows, sheet, title, trend, unit)", fn, tostring(k)))
    end
  end
  local period = opts.period
  if type(period) == "string" then period = require("rapp.period").parse(period) end
  if type(period) ~= "table" or type(period.last_month) ~= "string" then
    fail(sfmt("scorecard.%s: period = a period (p.period or rapp.period('2026-T2')) is required", fn))
  end
  local area, unit = code_of(opts.area), code_of(opts.unit)
  if opts.area ~= nil and not area then fail(sfmt("scorecard.%s: area must be an area code or p.area", fn)) end
  if opts.unit ~= nil and not unit then fail(sfmt("scorecard.%s: unit must be a unit code or p.unit", fn)) end
  if area and unit then fail(sfmt("scorecard.%s: give area or unit, not both", fn)) end
  local common = opts.common or "measured"
  if common ~= "measured" and common ~= "all" then
    fail(sfmt("scorecard.%s: common must be 'measured' or 'all', got '%s'", fn, tostring(common)))
  end
  local compare = opts.compare or "previous"
  if compare ~= "previous" and compare ~= "last_year" then
    fail(sfmt("scorecard.%s: compare must be 'previous' or 'last_year', got '%s'", fn, tostring(compare)))
  end
  local q = { last_month = period.last_month, scope = "municipality", area = "", unit = "",
    common = common, compare = compare }
  local name
  if area then
    name = db:value("SELECT name FROM area WHERE code = ?", { area })
    if not name then fail(sfmt("scorecard.%s: '%s' is not an area in the snapshot", fn, area)) end
    q.scope, q.area = "area", area
  elseif unit then
    local u = db:row("SELECT name, area_code FROM unit WHERE code = ?", { unit })
    if not u then fail(sfmt("scorecard.%s: '%s' is not a unit in the snapshot", fn, unit)) end
    q.scope, q.area, q.unit, name = "unit", u.area_code, unit, u.name
  end
  return q, period, name
end

-- ---- formatting ------------------------------------------------------------------------------

-- The suffix a value of a unit of measure gets ("6,4 %", "12 dager"); scales and points get none.
local unit_suffix = { prosent = "\u{A0}%", kr = "\u{A0}kr", dager = "\u{A0}dager",
  ["måneder"] = "\u{A0}mnd.", antall = "", poeng = "", skalapoeng = "" }

--- A value in the indicator's unit: value_text(6.4, "prosent", 1) -> "6,4 %".
function M.value_text(v, unit, decimals)
  if v == nil then return fmt.dash end
  return fmt.number(v, decimals or 1) .. M.unit_suffix(unit)
end

--- The text after a value in the indicator's unit: unit_suffix("prosent") -> "\u{A0}%".
function M.unit_suffix(unit)
  local suffix = unit_suffix[unit]
  if suffix == nil then
    if type(unit) == "string" and not unit:match("^skår") then suffix = "\u{A0}" .. unit else suffix = "" end
  end
  return suffix
end

--- The requirement as a limit with its direction: "≥ 85,0 %" or "≤ 6,0 %".
function M.limit_text(v, direction, unit, decimals)
  if v == nil then return nil end
  return (direction == "lower" and "≤\u{A0}" or "≥\u{A0}") .. M.value_text(v, unit, decimals)
end

--- The measurement period as a short label: "aug. 2026", "K2 2026", "T2 2026", "2025".
function M.period_text(code)
  if type(code) ~= "string" then return nil end
  local y, m = code:match("^(%d%d%d%d)%-(%d%d)$")
  if y then return fmt.month_short(tonumber(m)) .. "\u{A0}" .. y end
  local yq, q = code:match("^(%d%d%d%d)%-Q(%d)$")
  if yq then return "K" .. q .. "\u{A0}" .. yq end
  local yt, t = code:match("^(%d%d%d%d)%-T(%d)$")
  if yt then return "T" .. t .. "\u{A0}" .. yt end
  return code
end

-- ---- data --------------------------------------------------------------------------------------

-- The rows of M.SQL for the parameters q, run once per report run and scope: a report asks for
-- the same scorecard several times (its counts, the table, the summary), and the snapshot does
-- not change during a run. The rows are read, never changed (scorecard.rows hands out copies).
-- At most CACHED scopes are kept (then the memo starts afresh), so a report with a scorecard per
-- unit of a large municipality does not hold every unit's rows to the end of the run.
local CACHED = 16
local cache = setmetatable({}, { __mode = "k" })
local function card_rows(r, q)
  local memo = cache[r.db] or { n = 0, rows = {} }
  cache[r.db] = memo
  local key = concat({ q.last_month, q.scope, q.area, q.unit, q.common, q.compare }, "\0")
  local rows = memo.rows[key]
  if not rows then
    if memo.n >= CACHED then
      memo = { n = 0, rows = {} }
      cache[r.db] = memo
    end
    rows = r.db:rows(M.SQL, q)
    memo.rows[key] = rows
    memo.n = memo.n + 1
  end
  return rows
end

--- scorecard.rows(r, opts) -> list of rows (plain tables, columns of scorecard.SQL), scope name.
--- opts: period (required), area or unit (default: the whole municipality), common
--- ('measured' default, or 'all'), compare ('previous' default, or 'last_year').
function M.rows(r, opts)
  local q, _, name = scope_params(r.db, "rows", opts)
  return core.copy_rows(card_rows(r, q)), name -- plain copies (the cache is never changed)
end

--- Counts per status over rows from scorecard.rows: { desired = n, ..., total = n }.
function M.counts(rows)
  local c = { total = 0 }
  for _, s in ipairs(M.statuses) do c[s] = 0 end
  for _, row in ipairs(rows) do
    if row.status then
      c[row.status] = c[row.status] + 1
      c.total = c.total + 1
    end
  end
  return c
end

-- The counts of a scope's cached rows, counted once (scope_counts and table both ask); each
-- caller gets a table of its own.
local counted = setmetatable({}, { __mode = "k" })
local function cached_counts(rows)
  local c = counted[rows]
  if not c then
    c = M.counts(rows)
    counted[rows] = c
  end
  local copy = { total = c.total }
  for _, s in ipairs(M.statuses) do copy[s] = c[s] end
  return copy
end

--- scorecard.scope_counts(r, opts) -> the counts of scorecard.counts for a scope, its name: the
--- same options as scorecard.rows, without copying the rows (a report counting every area).
function M.scope_counts(r, opts)
  local q, _, name = scope_params(r.db, "scope_counts", opts)
  return cached_counts(card_rows(r, q)), name
end

-- ---- blocks ------------------------------------------------------------------------------------

--- scorecard.legend(r) — the "Resultatgrense" legend: one row of status cells, colour, symbol
--- and word, as the governance document prints it above the scorecard.
function M.legend(r, sheet)
  local cols, row = {}, {}
  for i = 1, 4 do -- the four a result can have (no_target is not a result)
    local s = core.statuses[i]
    cols[i] = { key = s.code, title = r:label("sc.limit"), type = "text" }
    row[s.code] = { value = s.words[r.lang] or s.word, status = s.code }
  end
  cols[1].title = r:label("sc.limit") .. ":"
  for i = 2, #cols do cols[i].title = "" end
  local t = r.doc:table { columns = cols, sheet = sheet, legend = false } -- it is the legend
  t:add_row(row)
  return t
end

local function scope_title(r, q, name)
  if q.scope == "area" or q.scope == "unit" then return r:label("sc.title", name) end
  return r:label("sc.title_whole")
end

--- scorecard.table(r, opts) — adds the scorecard of a scope: the legend, the table and its notes.
--- Returns the rows (as scorecard.rows) and the counts. Options beyond scorecard.rows: title,
--- sheet, previous (true: a column with the previous result), trend (true: the trend arrow),
--- comment (true: the result's comment), period_column (default true: the measurement period),
--- legend (default true), notes (default true), rows (default true; false: no copies of the rows
--- are made and the first value returned is nil, for a report that only prints the table).
function M.table(r, opts)
  local q, period, name = scope_params(r.db, "table", opts)
  if opts.rows ~= nil and type(opts.rows) ~= "boolean" then
    fail("scorecard.table: rows = false returns no copies of the rows (only the counts); got " .. type(opts.rows))
  end
  local rows = card_rows(r, q)
  local doc = r.doc
  if opts.legend ~= false then M.legend(r, nil) end
  -- No fixed widths: the renderers size the columns from their content (long words kept whole).
  local cols = {
    { key = "focus_area", title = r:label("sc.focus_area"), merge_repeats = true },
    { key = "main_goal", title = r:label("sc.main_goal"), merge_repeats = true },
    { key = "goal", title = r:label("sc.goal"), merge_repeats = true },
    { key = "indicator", title = r:label("sc.indicator") },
    { key = "method", title = r:label("sc.method") },
    { key = "desired", title = r:label("sc.desired"), group = r:label("sc.target_group"), align = "right" },
    { key = "acceptable", title = r:label("sc.acceptable"), group = r:label("sc.target_group"), align = "right" },
  }
  local maxdec = 0
  for _, row in ipairs(rows) do
    if row.decimals and row.decimals > maxdec then maxdec = row.decimals end
  end
  cols[#cols + 1] = { key = "result", title = r:label("sc.result"), type = "decimal", decimals = maxdec }
  if opts.period_column ~= false then cols[#cols + 1] = { key = "measured", title = r:label("sc.period") } end
  if opts.previous then
    cols[#cols + 1] = { key = "previous", title = r:label(opts.compare == "last_year" and "sc.last_year" or "sc.previous"),
      type = "decimal", decimals = maxdec }
  end
  if opts.trend then cols[#cols + 1] = { key = "trend", title = r:label("sc.trend") } end
  if opts.comment then cols[#cols + 1] = { key = "comment", title = r:label("sc.comment") } end

  local title = opts.title or scope_title(r, q, name)
  local notes = {}
  if opts.notes ~= false then
    notes[#notes + 1] = "1) " .. r:label("sc.target_note")
    notes[#notes + 1] = r:label("sc.period_note")
    if opts.trend then notes[#notes + 1] = r:label("sc.trend_note") end
  end
  local sheet = opts.sheet
  if sheet == nil then sheet = q.scope == "municipality" and r:label("sc.sheet_whole") or r:label("sc.sheet", name) end
  if sheet == false then sheet = nil end
  local t = doc:table { columns = cols, title = title .. ", " .. period.label, sheet = sheet,
    note = #notes > 0 and concat(notes, " ") or nil }
  -- What repeats from row to row is worked out once per table: the labels, each unit's suffix,
  -- each status's word, each period's label and each limit's text (a scope has hundreds of
  -- indicators but a handful of units, periods and target values). The rows go to the table in
  -- one call.
  local no_main_goal, dash = r:label("sc.no_main_goal"), fmt.dash
  local trend_text = {}
  if opts.trend then
    for _, k in ipairs { "better", "same", "worse" } do trend_text[k] = r:label("sc.trend." .. k) end
  end
  local suffixes, status_words, period_texts, limit_memos = {}, {}, {}, {}
  local out_rows = {}
  for i, row in ipairs(rows) do
    local out = { focus_area = row.focus_area, main_goal = row.main_goal or no_main_goal,
      goal = row.goal, indicator = row.indicator, method = row.method }
    if row.indicator_code then
      local u, d, direction = row.unit_of_measure, row.decimals, row.direction
      local ukey = u or ""
      local suffix = suffixes[ukey]
      if not suffix then
        suffix = M.unit_suffix(u)
        suffixes[ukey] = suffix
      end
      -- limit texts of this direction, unit and decimals, by value (M.limit_text once each)
      local by_dir = limit_memos[direction or ""]
      if not by_dir then
        by_dir = {}
        limit_memos[direction or ""] = by_dir
      end
      local by_unit = by_dir[ukey]
      if not by_unit then
        by_unit = {}
        by_dir[ukey] = by_unit
      end
      local limits = by_unit[d or -1]
      if not limits then
        limits = {}
        by_unit[d or -1] = limits
      end
      local desired, acceptable = row.desired, row.acceptable
      local text = desired ~= nil and limits[desired]
      if not text then
        text = M.limit_text(desired, direction, u, d) or dash
        if desired ~= nil then limits[desired] = text end
      end
      out.desired = text
      text = acceptable ~= nil and limits[acceptable]
      if not text then
        text = M.limit_text(acceptable, direction, u, d) or dash
        if acceptable ~= nil then limits[acceptable] = text end
      end
      out.acceptable = text
      local status = row.status
      if row.value ~= nil then
        out.result = { value = row.value, unit = suffix, status = status, decimals = d or 1 }
      else
        local word = status_words[status]
        if not word then
          word = core.status_label(status)
          status_words[status] = word
        end
        out.result = { text = word, status = status }
      end
      local period = row.period
      local measured = period and period_texts[period]
      if period and not measured then
        measured = M.period_text(period)
        period_texts[period] = measured
      end
      out.measured = measured
      if opts.previous then
        out.previous = { value = row.previous_value, unit = suffix, decimals = d or 1 }
      else
        out.previous = { text = "" }
      end
      if opts.trend then out.trend = trend_text[row.trend] or dash end
      if opts.comment then out.comment = row.comment end
    else
      out.result, out.previous = { text = "" }, { text = "" }
    end
    out_rows[i] = out
  end
  t:add_rows(out_rows)
  -- plain copies for the caller (the cache is never changed), unless rows = false; the counts
  -- are the cached rows'
  return opts.rows ~= false and core.copy_rows(rows) or nil, cached_counts(rows)
end

--- scorecard.summary(r, opts) — adds a table per focus area counting the statuses of a scope's
--- scorecard (same options as scorecard.rows, plus title and sheet). Returns the rows of it.
function M.summary(r, opts)
  local o = {}
  for k, v in pairs(opts) do if k ~= "title" and k ~= "sheet" then o[k] = v end end
  local q, _, name = scope_params(r.db, "summary", o)
  local list = card_rows(r, q) -- only read here: no copies
  local by, order = {}, {}
  for _, row in ipairs(list) do
    local f = by[row.focus_code]
    if not f then
      f = { focus_area = row.focus_area, desired = 0, acceptable = 0, unacceptable = 0, not_measured = 0, no_target = 0, total = 0 }
      by[row.focus_code] = f
      order[#order + 1] = f
    end
    if row.status then
      f[row.status] = f[row.status] + 1
      f.total = f.total + 1
    end
  end
  local cols = {
    { key = "focus_area", title = r:label("sc.focus_area") },
  }
  local count = r:label("sc.count")
  for _, code in ipairs { "desired", "acceptable", "unacceptable", "not_measured" } do
    cols[#cols + 1] = { key = code, title = r:label("sc.n_" .. code), type = "integer", sum = true, group = count }
  end
  local any_no_target = false
  for _, f in ipairs(order) do if f.no_target > 0 then any_no_target = true end end
  if any_no_target then
    cols[#cols + 1] = { key = "no_target", title = r:label("sc.n_no_target"), type = "integer", sum = true, group = count }
  end
  cols[#cols + 1] = { key = "total", title = r:label("sum"), type = "integer", sum = true, group = count }
  local title = opts.title or r:label("sc.summary_title", q.scope == "municipality" and r:label("whole_municipality") or name)
  r.doc:table { columns = cols, rows = order, title = title, sheet = opts.sheet, total = r:label("sum") }
  return order
end

--- scorecard.status_chart(r, rows, title) — stacked bars: a scorecard's indicators (the rows of
--- scorecard.rows) per focus area by status, as the rows carry it from result_status.
function M.status_chart(r, rows, title)
  local cats, idx = {}, {}
  local n = { desired = {}, acceptable = {}, unacceptable = {}, other = {} }
  for _, row in ipairs(rows) do
    local i = idx[row.focus_code]
    if not i then
      i = #cats + 1
      idx[row.focus_code], cats[i] = i, row.focus_area
      for _, list in pairs(n) do list[i] = 0 end
    end
    local s = row.status
    if s then
      s = (s == "not_measured" or s == "no_target") and "other" or s
      n[s][i] = n[s][i] + 1
    end
  end
  r.doc:chart {
    kind = "bar_stacked",
    title = title,
    type = "integer", value_title = r:label("sc.count"),
    categories = cats,
    series = {
      { status = "desired", values = n.desired },
      { status = "acceptable", values = n.acceptable },
      { status = "unacceptable", values = n.unacceptable },
      { status = "not_measured", name = r:label("sc.other"), values = n.other },
    },
  }
end

return M
