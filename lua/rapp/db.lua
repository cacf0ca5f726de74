-- lua/rapp/db.lua — the read-only snapshot as scripts see it (r.db), over db/query.c.
-- Rows are tables keyed by column name. SQL NULL is nil; reading a name that is not a column of
-- the query raises (so a misspelt column is an error, not a silent dash). Parameters are bound,
-- never pasted into SQL: named (:period) from a table { period = ... }, positional (?) from a
-- list { v1, v2 }; a period, area or unit binds its code.
local _, core = ...
local getmetatable, type, error, ipairs, keep_caller = getmetatable, type, error, ipairs, core.keep_caller
local concat = table.concat
local M = {}

local Db = {}
Db.__index = Db
Db.__name = "rapp.Db"

local function check(self, fn, sql, params)
  if getmetatable(self) ~= Db then
    error("call it with a colon: r.db:" .. fn .. "(sql, params)", 0)
  end
  if type(sql) ~= "string" then error("r.db:" .. fn .. ": the query must be a string of SQL", 0) end
  if params ~= nil and type(params) ~= "table" then
    error("r.db:" .. fn .. ": parameters must be a table ({ name = value } or { v1, v2 })", 0)
  end
end

--- Every row: a list of row tables, and the list of column names.
function Db:rows(sql, params)
  check(self, "rows", sql, params)
  return core.query(sql, params, "all")
end

--- The first row, or nil when there is none.
function Db:row(sql, params)
  check(self, "row", sql, params)
  return core.query(sql, params, "one")
end

--- The first column of the first row, or nil (no row, or NULL).
function Db:value(sql, params)
  check(self, "value", sql, params)
  return core.query(sql, params, "value")
end

--- An iterator over the rows, for results too large to hold: for row in r.db:each(sql) do ... end
function Db:each(sql, params)
  check(self, "each", sql, params)
  return core.iter(sql, params)
end

-- The file each text came from, so doc:markdown names it in an error (strings are values: the
-- same text from two files names the last one read).
local text_sources = {}

--- A text contribution (Markdown) of owner (a unit or area code, or "kommunedirektor"; a unit or
--- area table with .code works too) for section in period (a period or its code), or nil when
--- none was delivered. The second result is the file it came from.
---   r.db:text("OPPV", "vurdering", p.period)   (r.db:text(owner, period, section) works too)
function Db:text(owner, section, period)
  if getmetatable(self) ~= Db then error("call it with a colon: r.db:text(owner, section, period)", 0) end
  if type(owner) == "table" then owner = owner.code end
  if type(period) == "table" then period = period.code end
  if type(section) == "table" then section = section.code end
  -- the issue's order (owner, period, section) is accepted too: a period code starts with a year
  if type(section) == "string" and section:match("^%d%d%d%d") and type(period) == "string"
    and not period:match("^%d%d%d%d") then
    section, period = period, section
  end
  for _, v in ipairs { { owner, "owner" }, { section, "section" }, { period, "period" } } do
    if type(v[1]) ~= "string" then
      error("r.db:text(owner, section, period): the " .. v[2] .. " must be given as text, got " .. type(v[1]), 0)
    end
  end
  local known = core.query("SELECT 1 FROM text_section WHERE code = ?", { section }, "value")
  if not known then
    local codes = {}
    for _, row in ipairs(core.query("SELECT code FROM text_section ORDER BY sort_order", nil, "all")) do
      codes[#codes + 1] = row.code
    end
    error("r.db:text: unknown section '" .. section .. "' (the sections are: " .. concat(codes, ", ") .. ")", 0)
  end
  local row = core.query("SELECT body, source_file FROM report_text WHERE owner = ? AND section = ? AND period = ?",
    { owner, section, period }, "one")
  if not row then return nil end
  text_sources[row.body] = row.source_file
  return row.body, row.source_file
end

function M.text_source(text) return text_sources[text] end

-- The methods are C functions around the above (core.keep_caller), so a helper's tail call
-- `return db:rows(sql)` keeps the helper's frame and an error names the line of the query.
for _, m in ipairs { "rows", "row", "value", "each", "text" } do Db[m] = keep_caller(Db[m]) end

--- The column names of a row from any of the above (in query order).
function M.columns(row)
  local mt = getmetatable(row)
  return mt and mt.__columns
end

function M.new() return setmetatable({}, Db) end
return M
