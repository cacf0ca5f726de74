-- lua/rapp/period.lua — reporting periods for scripts (rapp.period), over util/period.c.
-- A Period has fields code, kind ('month', 'quarter', 'tertial', 'year'), kind_label, year, number,
-- label ('2. tertial 2026'), first_month/last_month ('2026-05'), first_date/last_date
-- ('2026-05-01'), months (list of 'YYYY-MM'), and methods previous(), last_year(), ytd(),
-- contains(). Passed as a query parameter, a period binds its code. A period parameter (p.period)
-- also has complete: false when it ends after the snapshot's cut-off date and was allowed with
-- --allow-partial or allow_partial = true (lua/rapp/engine.lua check_cutoff), true otherwise.
local _, core = ...
local setmetatable, getmetatable, error, type, tonumber, fmt =
  setmetatable, getmetatable, error, type, tonumber, string.format
local M = {}

local Period = {}
Period.__index = Period
Period.__tostring = function(p) return p.code end
Period.__name = "rapp.Period"

local function months_between(y, m1, m2)
  local list = {}
  for m = m1, m2 do list[#list + 1] = fmt("%04d-%02d", y, m) end
  return list
end

--- rapp.period("2026-T2") -> a Period; raises with what would be valid.
function M.parse(code)
  if type(code) ~= "string" then
    error(fmt("rapp.period: expected a period code such as '2026-T2', got %s", type(code)), 0)
  end
  local info, msg = core.period(code)
  if not info then error(msg, 0) end
  info.months = months_between(info.year, tonumber(info.first_month:sub(6)), tonumber(info.last_month:sub(6)))
  -- the C primitive gives the neighbours as codes; the methods of the same name parse them
  info.previous_code, info.last_year_code = info.previous, info.last_year
  info.previous, info.last_year = nil, nil
  return setmetatable(info, Period)
end

--- Same kind of period just before: 2026-Q1 -> 2025-Q4.
function Period:previous() return M.parse(self.previous_code) end
--- Same period a year earlier: 2026-T2 -> 2025-T2.
function Period:last_year() return M.parse(self.last_year_code) end

--- Year to date: January up to the period's last month, as a range with the fields of a period
--- but no code: first_month, last_month, first_date, last_date, months, label.
function Period:ytd()
  local last = tonumber(self.last_month:sub(6))
  local label = last == 1 and fmt("januar %d", self.year)
    or fmt("januar\u{2013}%s %d", core.month_name(last), self.year)
  return {
    kind = "ytd", year = self.year, label = label,
    first_month = fmt("%04d-01", self.year), last_month = self.last_month,
    first_date = fmt("%04d-01-01", self.year), last_date = self.last_date,
    months = months_between(self.year, 1, last),
  }
end

--- Whether a month 'YYYY-MM' or date 'YYYY-MM-DD' lies in the period.
function Period:contains(s)
  if type(s) ~= "string" or not s:match("^%d%d%d%d%-%d%d") then
    error("period:contains: give a month 'YYYY-MM' or a date 'YYYY-MM-DD'", 0)
  end
  local ym = s:sub(1, 7)
  return ym >= self.first_month and ym <= self.last_month
end

function M.is_period(v) return getmetatable(v) == Period end
return M
