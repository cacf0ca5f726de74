-- lua/rapp/fmt.lua — Norwegian formatting for report scripts (rapp.fmt), a thin layer over the
-- one C implementation (util/nofmt): "1 234 567,8" with a no-break space, decimal comma, a true
-- minus sign, "12,5 %", dates "31.12.2026" and "31. desember 2026". nil (SQL NULL) is a dash.
local _, core = ...
local type, tostring, tonumber, error = type, tostring, tonumber, error
local M = {}

M.dash = core.dash -- "–" (U+2013): what a missing value looks like

local function fail(msg) error(msg, 0) end

local function check_number(fn, v)
  if v ~= nil and type(v) ~= "number" then
    fail(("rapp.fmt.%s: expected a number, got %s"):format(fn,
      type(v) == "string" and ("the text '" .. v .. "'") or type(v)))
  end
  return v
end

local function check_decimals(fn, d, default)
  if d == nil then return default end
  if math.type(d) ~= "integer" or d < 0 or d > 9 then
    fail(("rapp.fmt.%s: decimals must be a whole number 0-9, got %s"):format(fn, tostring(d)))
  end
  return d
end

--- 1234567.8 -> "1 234 568"; number(v, 1) -> "1 234 567,8"
function M.number(v, decimals)
  return core.number(check_number("number", v), check_decimals("number", decimals, 0))
end

function M.integer(v) return core.number(check_number("integer", v), 0) end

function M.decimal(v, decimals)
  return core.number(check_number("decimal", v), check_decimals("decimal", decimals, 1))
end

--- 12.5 -> "12,5 %" (the value is the percentage itself)
function M.percent(v, decimals)
  return core.percent(check_number("percent", v), check_decimals("percent", decimals, 1))
end

--- 1234567 -> "1 234 567 kr"
function M.kr(v, decimals)
  check_number("kr", v)
  if v == nil then return M.dash end
  return core.number(v, check_decimals("kr", decimals, 0)) .. "\u{A0}kr"
end

--- 1234567 -> "1 235" (in 1 000 kr; say so in the table's unit note)
function M.thousands(v, decimals)
  check_number("thousands", v)
  if v == nil then return M.dash end
  return core.number(v / 1000, check_decimals("thousands", decimals, 0))
end

--- amount(v, { thousands = true, unit = true, decimals = 0 })
function M.amount(v, opts)
  opts = opts or {}
  if opts.thousands then
    local s = M.thousands(v, opts.decimals)
    if opts.unit and v ~= nil then s = s .. "\u{A0}1\u{A0}000\u{A0}kr" end
    return s
  end
  if opts.unit then return M.kr(v, opts.decimals) end
  return M.number(v, opts.decimals)
end

--- Rounds half away from zero on the decimal value: round(2.675, 2) -> 2.68
function M.round(v, decimals)
  check_number("round", v)
  if v == nil then return nil end
  return core.round(v, check_decimals("round", decimals, 0))
end

-- "2026-12-31" or 20261231 -> 20261231; raises on anything else.
local function ymd(fn, d)
  if type(d) == "number" and math.type(d) == "integer" then return d end
  if type(d) == "string" then
    local y, m, dd = d:match("^(%d%d%d%d)%-(%d%d)%-(%d%d)")
    if y and core.valid_date(tonumber(y), tonumber(m), tonumber(dd)) then
      return tonumber(y) * 10000 + tonumber(m) * 100 + tonumber(dd)
    end
  end
  fail(("rapp.fmt.%s: '%s' is not a date (give 'YYYY-MM-DD')"):format(fn, tostring(d)))
end
M.ymd = function(d) return ymd("ymd", d) end

--- "2026-12-31" -> "31.12.2026"
function M.date(d)
  if d == nil then return M.dash end
  return core.date(ymd("date", d))
end

--- "2026-12-31" -> "31. desember 2026"
function M.date_long(d)
  if d == nil then return M.dash end
  return core.date_long(ymd("date_long", d))
end

--- "ikke påbegynt" -> "Ikke påbegynt", "ođđj" -> "Ođđj": the first letter in capitals (nil and "" as they are).
local upper = { ["æ"] = "Æ", ["ø"] = "Ø", ["å"] = "Å", ["á"] = "Á", ["č"] = "Č", ["đ"] = "Đ", ["ŋ"] = "Ŋ",
  ["š"] = "Š", ["ŧ"] = "Ŧ", ["ž"] = "Ž" }
function M.capital(s)
  if s == nil or s == "" then return s end
  local first = s:match("^[%z\1-\127\194-\244][\128-\191]*")
  return (upper[first] or first:upper()) .. s:sub(#first + 1)
end

local function month_number(fn, m)
  if type(m) == "string" then m = tonumber(m:match("^%d%d%d%d%-(%d%d)$")) end
  if math.type(m) ~= "integer" or m < 1 or m > 12 then
    fail(("rapp.fmt.%s: '%s' is not a month (1-12 or 'YYYY-MM')"):format(fn, tostring(m)))
  end
  return m
end

--- 9 -> "september"; "2026-09" -> "september"
function M.month_name(m)
  return core.month_name(month_number("month_name", m))
end

--- The abbreviated month in the run's language form, from the engine's labels month.short.N:
--- 8 -> "aug.", 3 -> "mars" (se "borg", "njuk"); axis = true: a chart's category, month.axis.N
--- ("aug", "mar"). The one place a short month name is made (scorecard, sick-leave chart).
function M.month_short(m, axis)
  return require("rapp.labels").engine_word((axis and "month.axis." or "month.short.") .. month_number("month_short", m))
end

--- "2026-09" -> "september 2026"
function M.month(ym)
  local y = type(ym) == "string" and ym:match("^(%d%d%d%d)%-%d%d$")
  if not y then fail(("rapp.fmt.month: '%s' is not a month (give 'YYYY-MM')"):format(tostring(ym))) end
  return M.month_name(ym) .. " " .. y
end

--- Any value as text: nil -> "–", numbers formatted, text as is.
function M.text(v, decimals)
  if v == nil then return M.dash end
  if type(v) == "number" then
    if decimals == nil and math.type(v) == "integer" then return core.number(v, 0) end
    return core.number(v, check_decimals("text", decimals, 1))
  end
  return tostring(v)
end

return M
