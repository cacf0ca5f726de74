-- lua/rapp/compose.lua — one report's document inside another's (issue 13):
--   r:include(name, params)                      the report as a chapter
--   r.doc:attachment { report =, params =, title =, cover =, toc = }   as a numbered attachment
-- The included report runs in the same sandbox and limits, reads the same snapshot and gets a
-- fresh global table (src/lua/include.c). docs/scripting.md, "Composing reports".
local _, core = ...
local specmod = require("rapp.spec")
local pairs, ipairs, type, error, tostring, sort, fmt =
  pairs, ipairs, type, error, tostring, table.sort, string.format
local M = {}

local function fail(msg) error(msg, 0) end

-- The parameters as the command line gives them: { { name, text }, ... } in name order. A period,
-- area or unit (p.period, p.area) passes its code.
local function raw_params(what, params)
  if params == nil then return {} end
  if type(params) ~= "table" then fail(what .. ": params must be a table { period = p.period, ... }") end
  local names = {}
  for k in pairs(params) do
    if type(k) ~= "string" then fail(what .. ": params are given by name: { period = p.period }") end
    names[#names + 1] = k
  end
  sort(names)
  local raw = {}
  for i, k in ipairs(names) do
    local v = params[k]
    if type(v) == "table" and type(v.code) == "string" then v = v.code
    elseif type(v) ~= "string" and type(v) ~= "number" and type(v) ~= "boolean" then
      fail(fmt("%s: parameter '%s' must be text, a number, a boolean or a period/area/unit, got %s", what, k, type(v)))
    end
    raw[i] = { k, tostring(v) }
  end
  return raw
end

--- r:include("kvartalsrapport", { period = p.period })
function M.include(r, name, params)
  if type(r) ~= "table" or type(r.doc) ~= "table" then fail("call it with a colon: r:include(name, params)") end
  if type(name) ~= "string" then fail("r:include: give the report's name, e.g. r:include(\"kvartalsrapport\", { period = p.period })") end
  core.include(name, raw_params("r:include", params), { what = "r:include", mode = "chapter" })
end

local attachment_fields = specmod.set { "report", "params", "title", "cover", "toc" }
--- r.doc:attachment { report = "kvartalsrapport", params = { period = p.period },
---                    title = "Vedlegg 1: Tertialrapport", cover = false, toc = false }
function M.attachment(spec)
  if type(spec) ~= "table" then fail("r.doc:attachment: give a table { report = 'kvartalsrapport', params = { ... } }") end
  specmod.check_fields("r.doc:attachment", spec, attachment_fields)
  if type(spec.report) ~= "string" then fail("r.doc:attachment: report = the report's name is required") end
  if spec.title ~= nil and type(spec.title) ~= "string" then fail("r.doc:attachment: title must be text") end
  for _, k in ipairs { "cover", "toc" } do
    if spec[k] ~= nil and type(spec[k]) ~= "boolean" then fail("r.doc:attachment: " .. k .. " is true or false") end
  end
  core.include(spec.report, raw_params("r.doc:attachment", spec.params),
    { what = "r.doc:attachment", mode = "attachment", title = spec.title, cover = spec.cover, toc = spec.toc })
end

-- a script's tail call `return r:include(...)` keeps the script's frame for the error's line
M.include = core.keep_caller(M.include)

return M
