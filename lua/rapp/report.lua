-- lua/rapp/report.lua — rapp.report { ... }: checks a report's declaration when the script is
-- loaded, so a mistake in it is reported before any parameter or query.
local _, core = ...
local specmod = require("rapp.spec")
local labelsmod = require("rapp.labels")
local pairs, setmetatable, type, error, tostring, ipairs, concat, fmt =
  pairs, setmetatable, type, error, tostring, ipairs, table.concat, string.format
local M = {}

local function fail(msg) error(msg, 0) end

-- Every declaration rapp.report has made, by identity: is_report cannot be fooled by a table
-- that merely looks like one. Private to this module, made before any script runs.
local declared = setmetatable({}, { __mode = "k" })

local set = specmod.set

M.param_types = { "period", "area", "unit", "string", "integer", "boolean", "choice" }
M.period_kinds = { "month", "quarter", "tertial", "year" }
M.formats = {} -- the renderer registry (model/render.c)
for i, f in ipairs(core.formats) do M.formats[i] = f end
local param_type_set, kind_set, format_set = set(M.param_types), set(M.period_kinds), set(M.formats)

local report_fields = set { "name", "title", "description", "params", "formats", "build", "labels" }
local param_fields = set { "name", "type", "label", "label_key", "description", "required", "default", "kinds",
  "choices", "min", "max", "allow_partial" }
M.default_labels = { period = "Periode", area = "Rammeområde", unit = "Enhet" }

local check_fields = specmod.check_fields

-- A copy of the allowed fields of a table the script passed, each read once: what is checked is
-- what is kept, even for a table whose __index answers differently each time.
local function snapshot(t, fields)
  local c = {}
  for k in pairs(fields) do c[k] = t[k] end
  return c
end

local function check_param(i, p, seen)
  if type(p) ~= "table" then fail(fmt("rapp.report: params[%d] is not a table { name =, type = }", i)) end
  local what = fmt("rapp.report: params[%d] (%s)", i, tostring(p.name))
  check_fields(what, p, param_fields)
  p = snapshot(p, param_fields)
  if type(p.name) ~= "string" or not p.name:match("^[a-z][a-z0-9_]*$") then
    fail(what .. ": name must be lower-case letters, digits and _ (e.g. 'period')")
  end
  if seen[p.name] then fail(what .. ": the name is declared twice") end
  seen[p.name] = true
  if not param_type_set[p.type] then
    fail(fmt("%s: unknown type '%s' (valid: %s)", what, tostring(p.type), concat(M.param_types, ", ")))
  end
  local q = { name = p.name, type = p.type,
    label = p.label or (p.label_key == nil and (M.default_labels[p.type] or p.name)) or nil,
    label_key = p.label_key or (p.label == nil and M.default_labels[p.type] and "param." .. p.type) or nil,
    description = p.description, required = not not p.required, default = p.default,
    min = p.min, max = p.max }
  if p.type == "period" then
    local kinds = p.kinds or M.period_kinds
    if type(kinds) ~= "table" or #kinds == 0 then fail(what .. ": kinds must be a list such as { 'quarter', 'tertial' }") end
    q.kinds, q.kind_set = {}, {}
    for j, k in ipairs(kinds) do
      if not kind_set[k] then fail(fmt("%s: unknown period kind '%s' (valid: %s)", what, tostring(k), concat(M.period_kinds, ", "))) end
      q.kinds[j], q.kind_set[k] = k, true
    end
    q.allow_partial = not not p.allow_partial
  elseif p.kinds ~= nil then
    fail(what .. ": kinds is only for parameters of type period")
  elseif p.allow_partial ~= nil then
    fail(what .. ": allow_partial is only for parameters of type period")
  end
  if p.type == "choice" then
    if type(p.choices) ~= "table" or #p.choices == 0 then
      fail(what .. ": a choice needs choices = { 'a', 'b' } or { { value = 'a', label = '...' }, ... }")
    end
    q.choices = {}
    for j, c in ipairs(p.choices) do
      if type(c) == "string" then c = { value = c } end
      if type(c) ~= "table" or type(c.value) ~= "string" then fail(fmt("%s: choices[%d] must be a string or { value =, label = }", what, j)) end
      q.choices[j] = { value = c.value, label = c.label }
    end
  elseif p.choices ~= nil then
    fail(what .. ": choices is only for parameters of type choice")
  end
  if (p.min ~= nil or p.max ~= nil) and p.type ~= "integer" then fail(what .. ": min and max are only for integer parameters") end
  for _, k in ipairs { "min", "max" } do
    if p[k] ~= nil and math.type(p[k]) ~= "integer" then fail(what .. ": " .. k .. " must be a whole number") end
  end
  for _, k in ipairs { "label", "label_key", "description" } do
    if p[k] ~= nil and type(p[k]) ~= "string" then fail(what .. ": " .. k .. " must be text") end
  end
  if p.default ~= nil and type(p.default) ~= "string" and type(p.default) ~= "number" and type(p.default) ~= "boolean" then
    fail(what .. ": default must be a value as written on the command line (text, number or boolean)")
  end
  if q.required and p.default ~= nil then fail(what .. ": a required parameter has no default") end
  return q
end

--- rapp.report { name =, title =, description =, params = { ... }, formats = { ... }, build = function(r, p) end }
function M.declare(spec)
  if type(spec) ~= "table" then fail("rapp.report: give a table { name =, title =, build = }") end
  check_fields("rapp.report", spec, report_fields)
  spec = snapshot(spec, report_fields)
  local name = spec.name
  if type(name) ~= "string" or core.name_problem(name) then
    fail("rapp.report: name must be a short file-name-safe name such as 'kvartalsrapport' (letters, digits, - and _)"
      .. (type(name) == "string" and (": " .. core.name_problem(name)) or ""))
  end
  if type(spec.title) ~= "string" or spec.title == "" then fail("rapp.report: title (the report's Norwegian title) is required") end
  if spec.description ~= nil and type(spec.description) ~= "string" then fail("rapp.report: description must be text") end
  if type(spec.build) ~= "function" then fail("rapp.report: build = function(r, p) ... end is required") end
  local given = spec.formats or { "pdf", "xlsx" }
  if type(given) ~= "table" or #given == 0 then fail("rapp.report: formats must be a list such as { 'pdf', 'xlsx' }") end
  local formats = {}
  for i, f in ipairs(given) do
    if not format_set[f] then fail(fmt("rapp.report: unknown format '%s' (valid: %s)", tostring(f), concat(M.formats, ", "))) end
    formats[i] = f
  end
  local params, seen = {}, {}
  if spec.params ~= nil and type(spec.params) ~= "table" then fail("rapp.report: params must be a list of { name =, type = }") end
  for i, p in ipairs(spec.params or {}) do params[i] = check_param(i, p, seen) end
  -- what the script gets back is a read-only view: the declaration cannot change once checked
  -- the report's own words per language form (lua/rapp/labels.lua; docs/scripting.md)
  local labels = spec.labels ~= nil and labelsmod.check(spec.labels, "rapp.report { " .. name .. " }") or nil
  -- a parameter's label_key names its label per language form; its bokmål text names it in --help
  for i, q in ipairs(params) do
    local nb = q.label_key and labelsmod.nb_text(q.label_key, labels)
    if q.label_key and not nb then
      fail(fmt("rapp.report: params[%d] (%s): label_key '%s' is in neither the report's labels, the library's "
        .. "nor the engine's", i, q.name, q.label_key))
    end
    q.label = q.label or nb
  end
  local view = core.protect({ name = name, title = spec.title, description = spec.description,
    params = params, formats = formats, build = spec.build, labels = labels }, "rapp.report { " .. name .. " }")
  declared[view] = true
  return view
end

function M.is_report(v) return declared[v] == true end

return M
