-- lua/rapp/engine.lua — what the C engine (src/lua/script.c) calls: check the script's result,
-- describe it, check the command-line parameters against the declaration and the snapshot, and
-- run build(). Not reachable from scripts.
local _, core = ...
local reportmod = require("rapp.report")
local periodmod = require("rapp.period")
local docmod = require("rapp.doc")
local dbmod = require("rapp.db")
local fmtmod = require("rapp.fmt")
local composemod = require("rapp.compose")
local labelsmod = require("rapp.labels")
local pairs = pairs
local setmetatable, type, error, tostring, tonumber, ipairs, concat, fmt =
  setmetatable, type, error, tostring, tonumber, ipairs, table.concat, string.format
local E = {}

-- Inside an included report (include_depth > 0) a bad parameter is the including script's
-- error, not the command line's.
local include_depth = 0
local function usage(msg)
  if include_depth > 0 then error(msg, 0) end
  core.usage_error(msg)
end

local is_report = reportmod.is_report -- captured before any script runs

--- The main chunk's result must be rapp.report { ... } (the declaration's read-only view).
function E.check_report(result, file)
  if not is_report(result) then
    error(fmt("the script must end with `return rapp.report { ... }` (it returned %s)",
      result == nil and "nothing" or "a " .. type(result)), 0)
  end
  return result
end

function E.formats(report) return concat(report.formats, ",") end

local function kinds_text(kinds)
  local names = {}
  for i, k in ipairs(kinds) do names[i] = k end
  if #names == 1 then return "a " .. names[1] end
  return "a " .. concat(names, ", ", 1, #names - 1) .. " or " .. names[#names]
end

local examples = { month = "2026-09", quarter = "2026-Q3", tertial = "2026-T2", year = "2026" }

local function param_help(p)
  local what
  if p.type == "period" then
    what = fmt("%s (e.g. %s), or latest (the last complete %s at the snapshot's cut-off)",
      kinds_text(p.kinds), examples[p.kinds[1]], p.kinds[1])
  elseif p.type == "area" then what = "an area code from the snapshot's area table"
  elseif p.type == "unit" then what = "a unit code from the snapshot's unit table"
  elseif p.type == "integer" then
    what = "a whole number"
    if p.min and p.max then what = what .. fmt(" %d-%d", p.min, p.max)
    elseif p.min then what = what .. fmt(" >= %d", p.min)
    elseif p.max then what = what .. fmt(" <= %d", p.max) end
  elseif p.type == "boolean" then what = "ja or nei"
  elseif p.type == "choice" then
    local v = {}
    for i, c in ipairs(p.choices) do v[i] = c.label and (c.value .. " (" .. c.label .. ")") or c.value end
    what = "one of " .. concat(v, ", ")
  else what = "text" end
  return what
end

local function flag(p)
  if p.name == "period" then return "--period P" end
  return fmt("--param %s=%s", p.name, p.type == "period" and "P" or p.type:upper())
end

--- Text for `rapp list` (as_help false) and `rapp run SCRIPT --help` (true).
function E.describe(report, as_help)
  local out = {}
  local function add(s) out[#out + 1] = s end
  if as_help then
    local synopsis = { "Usage: rapp run " .. core.script_file() .. " --db SNAPSHOT" }
    for _, p in ipairs(report.params) do
      synopsis[#synopsis + 1] = p.required and flag(p) or ("[" .. flag(p) .. "]")
    end
    add(concat(synopsis, " ") .. " [--format " .. concat(report.formats, ",") .. "] [--out DIR]")
    add("")
  end
  add(fmt("%s: %s", report.name, report.title))
  if report.description then add("  " .. report.description) end
  add("  formats: " .. concat(report.formats, ", "))
  if #report.params == 0 then
    add("  parameters: none")
  else
    add("  parameters:")
    for _, p in ipairs(report.params) do
      local extra = {}
      if p.required then extra[#extra + 1] = "required" end
      if p.default ~= nil then extra[#extra + 1] = "default " .. tostring(p.default) end
      if p.allow_partial then extra[#extra + 1] = "a period past the cut-off runs as preliminary" end
      -- one language per line: what to give in English, then the script's Norwegian label and text
      add(fmt("    %-22s %s%s", flag(p), param_help(p), #extra > 0 and ("; " .. concat(extra, ", ")) or ""))
      add("    " .. (" "):rep(23) .. p.label .. (p.description and (": " .. p.description) or ""))
    end
  end
  return concat(out, "\n") .. "\n"
end

-- Code list for messages: at most 30 codes.
local function valid_list(codes)
  if #codes <= 30 then return concat(codes, ", ") end
  return concat(codes, ", ", 1, 30) .. fmt(", ... (%d more)", #codes - 30)
end

local Coded = {}
Coded.__index = Coded
Coded.__tostring = function(v) return v.code end

local function lookup_code(db, p, v, table_name, noun)
  local rows = db:rows("SELECT * FROM " .. table_name .. " ORDER BY sort_order, code")
  local codes = {}
  for i, row in ipairs(rows) do
    codes[i] = row.code
    if row.code == v then
      local obj = {}
      for _, c in ipairs(dbmod.columns(row)) do obj[c] = row[c] end
      return setmetatable(obj, Coded)
    end
  end
  return nil, fmt("parameter '%s': '%s' is not %s in the snapshot; valid: %s", p.name, v, noun,
    #codes > 0 and valid_list(codes) or "(the snapshot has none)")
end

local function is_date(s) return type(s) == "string" and s:match("^%d%d%d%d%-%d%d%-%d%d$") ~= nil end

-- The latest period of the given kind that is complete at the cut-off date (an ISO date).
local function latest_complete(kind, cutoff)
  local y, m = tonumber(cutoff:sub(1, 4)), tonumber(cutoff:sub(6, 7))
  local code = kind == "month" and fmt("%04d-%02d", y, m)
    or kind == "quarter" and fmt("%04d-Q%d", y, (m - 1) // 3 + 1)
    or kind == "tertial" and fmt("%04d-T%d", y, (m - 1) // 4 + 1)
    or fmt("%04d", y)
  local per = periodmod.parse(code)
  if per.last_date > cutoff then per = per:previous() end
  return per
end

-- The latest period of the parameter's first kind that is complete at the snapshot's cut-off
-- date: what `--period latest` (or `default = "latest"`) means.
local function latest_period(p, cutoff)
  if not is_date(cutoff) then
    return nil, fmt("parameter '%s': 'latest' needs the snapshot's cut-off date (municipality.cutoff_date)", p.name)
  end
  return latest_complete(p.kinds[1], cutoff)
end

-- A period against the snapshot: refused (nil, message) when it lies wholly before the first
-- data, starts after the cut-off, or ends after the cut-off without allow_partial; otherwise
-- the period with complete = true, or false for an allowed partial period.
local function check_cutoff(p, per, snap, allow_partial)
  if not is_date(snap.cutoff) then -- the snapshot is at fault, not the command line (exit 1)
    error(fmt("parameter '%s': the snapshot's cut-off date (municipality.cutoff_date) is %s, not a date "
      .. "YYYY-MM-DD; a period cannot be checked against it", p.name, tostring(snap.cutoff)), 0)
  end
  local latest = latest_complete(per.kind, snap.cutoff)
  local tail = fmt("the latest complete %s is %s", per.kind, latest.code)
  if snap.first and per.last_date < snap.first then
    return nil, fmt("parameter '%s': %s lies wholly before the snapshot's first data (%s; cut-off %s); %s",
      p.name, per.code, snap.first, snap.cutoff, tail)
  end
  per.complete = per.last_date <= snap.cutoff
  -- the day the period is judged on: its last date, or the cut-off when it ends after it (the
  -- rule of the schema's view period_as_of)
  per.as_of_date = per.complete and per.last_date or snap.cutoff
  if not per.complete and not allow_partial and not p.allow_partial then
    local what = per.first_date > snap.cutoff and fmt("starts %s, after the snapshot's cut-off %s (it has no data yet)",
      per.first_date, snap.cutoff) or fmt("ends %s, after the snapshot's cut-off %s", per.last_date, snap.cutoff)
    return nil, fmt("parameter '%s': %s %s; %s. Give --allow-partial to run it anyway (its outputs are "
      .. "marked Foreløpig)", p.name, per.code, what, tail)
  end
  return per
end

-- Converts the text value of parameter p; returns the value or nil, message.
local function convert(db, p, v, snap, allow_partial)
  v = tostring(v)
  if p.type == "period" and v:lower() == "latest" then
    local per, msg = latest_period(p, snap.cutoff)
    if not per then return nil, msg end
    return check_cutoff(p, per, snap, allow_partial)
  end
  if p.type == "period" then
    local ok, per = pcall(periodmod.parse, v)
    if not ok then return nil, fmt("parameter '%s': %s", p.name, per) end
    if not p.kind_set[per.kind] then
      return nil, fmt("parameter '%s': '%s' is a %s; this report takes %s (e.g. %s)", p.name, v,
        per.kind, kinds_text(p.kinds), examples[p.kinds[1]])
    end
    return check_cutoff(p, per, snap, allow_partial)
  elseif p.type == "area" then return lookup_code(db, p, v, "area", "an area")
  elseif p.type == "unit" then return lookup_code(db, p, v, "unit", "a unit")
  elseif p.type == "integer" then
    local n = v:match("^[+-]?%d+$") and math.tointeger(tonumber(v))
    if not n then return nil, fmt("parameter '%s': '%s' is not a whole number", p.name, v) end
    if p.min and n < p.min then return nil, fmt("parameter '%s': %d is below the minimum %d", p.name, n, p.min) end
    if p.max and n > p.max then return nil, fmt("parameter '%s': %d is above the maximum %d", p.name, n, p.max) end
    return n
  elseif p.type == "boolean" then
    local b = ({ ja = true, nei = false, ["true"] = true, ["false"] = false, ["1"] = true, ["0"] = false })[v:lower()]
    if b == nil then return nil, fmt("parameter '%s': '%s' is not ja or nei (valid: ja, nei, true, false, 1, 0)", p.name, v) end
    return b
  elseif p.type == "choice" then
    local values = {}
    for i, c in ipairs(p.choices) do
      if c.value == v then return v end
      values[i] = c.value
    end
    return nil, fmt("parameter '%s': '%s' is not a valid choice; valid: %s", p.name, v, concat(values, ", "))
  end
  return v
end

local state = setmetatable({}, { __mode = "k" })

--- Checks the command-line parameters (a list of { name, value }); returns the codes the output
--- name is made of, as { { parameter name, code }, ... } (script.c checks and joins them).
local run = {} -- the run's snapshot and --allow-partial, for included reports (E.include)
function E.prepare(report, raw, snapshot_name, snapshot_sha256, allow_partial)
  run = { snapshot = snapshot_name, sha256 = snapshot_sha256, allow_partial = allow_partial }
  local given, declared = {}, {}
  for _, p in ipairs(report.params) do declared[p.name] = p end
  for _, nv in ipairs(raw) do
    local name, value = nv[1], nv[2]
    if not declared[name] then
      local names = {}
      for i, p in ipairs(report.params) do names[i] = p.name end
      usage(fmt("unknown parameter '%s'; %s", name, #names > 0 and ("this report takes: " .. concat(names, ", "))
        or "this report takes no parameters"))
    end
    if given[name] ~= nil then usage(fmt("parameter '%s' is given twice", name)) end
    given[name] = value
  end
  local db = dbmod.new()
  local muni = db:row("SELECT name, cutoff_date, language FROM municipality LIMIT 1")
  -- the language form: --lang, else the municipality's (issue 17); set before any period label
  local lang = core.lang_override() or (muni and labelsmod.forms[muni.language] and muni.language) or "nb"
  core.set_language(lang)
  local snap = { cutoff = muni and muni.cutoff_date,
    first = db:row("SELECT min(first_date) AS d FROM period").d }
  local values, shown = {}, {}
  local as_of, partial = nil, false
  local label = labelsmod.lookup(lang, report.labels)
  for _, p in ipairs(report.params) do
    local v = given[p.name]
    local from_default = false
    if v == nil and p.default ~= nil then v, from_default = p.default, true end
    if v == nil then
      if p.required then
        usage(fmt("parameter '%s' is required: %s; give it with %s", p.name, param_help(p), flag(p)))
      end
    else
      local value, msg = convert(db, p, v, snap, allow_partial)
      if value == nil then
        if from_default then error("the report's default " .. msg, 0) end
        usage(msg)
      end
      values[p.name] = value
      if p.type == "period" then
        as_of = as_of or value.as_of_date
        partial = partial or not value.complete
      end
      shown[#shown + 1] = labelsmod.param_label(p, label) .. "=" .. tostring(p.type == "period" and value.code or v)
    end
  end
  -- the output name: <name>-<period>[-<area or unit>], built in C from these codes
  local parts = {}
  for _, kind in ipairs { "period", "area", "unit" } do
    for _, p in ipairs(report.params) do
      if p.type == kind and values[p.name] ~= nil then parts[#parts + 1] = { p.name, values[p.name].code } end
    end
  end
  state[report] = { values = values, shown = concat(shown, ", "), snapshot = snapshot_name,
    municipality = muni and muni.name, cutoff = muni and muni.cutoff_date,
    sha256 = snapshot_sha256, as_of = as_of, partial = partial, lang = lang }
  return parts
end

-- The k of the personvern rule: the view personvern_rule (docs/schema.md), this rapp's over the
-- snapshot's setting on any snapshot (db_use_engine_views), never a snapshot's own text of it.
-- The view is the one definition of k and of its default; a k that is not a whole number of
-- persons >= 1 (a setting no import accepted) is an error, never a second default.
local function r_min_group()
  local row = dbmod.new():row("SELECT min_group FROM personvern_rule")
  local k = row and math.tointeger(row.min_group)
  if not k or k < 1 then
    local got = not row and "no row" or row.min_group == false and "NULL" or tostring(row.min_group)
    error(fmt("personvern: the view personvern_rule gives k = %s, not a whole number of persons"
      .. " >= 1 (see the snapshot's setting personvern_min_group, docs/schema.md)", got), 0)
  end
  return k
end

--- Runs build(r, p) and finishes the document's tables.
function E.build(report)
  local st = state[report]
  local decl = {}
  for _, p in ipairs(report.params) do decl[p.name] = true end
  local names = {}
  for i, p in ipairs(report.params) do names[i] = p.name end
  local p = setmetatable({}, { __index = function(_, k)
    if decl[k] then return nil end
    error(fmt("parameter '%s' is not declared by this report (declared: %s)", tostring(k),
      #names > 0 and concat(names, ", ") or "none"), 2)
  end })
  for k, v in pairs(st.values) do p[k] = v end
  local doc = docmod.new()
  core.meta("title", report.title)
  core.meta("language", st.lang)
  if st.municipality then core.meta("municipality", st.municipality) end
  if st.cutoff then core.meta("cutoff_date", st.cutoff) end
  core.meta("snapshot_name", st.snapshot)
  core.meta("parameters", st.shown)
  core.meta("report_name", report.name)
  core.meta("snapshot_sha256", st.sha256)
  core.meta("as_of_date", st.as_of)
  core.meta("partial", st.partial)
  -- personvern: the edition (rapp run --edition) and the rule's k from the snapshot's settings
  local edition = core.edition()
  core.meta("min_group", r_min_group())
  for _, q in ipairs(report.params) do
    if q.type == "period" and st.values[q.name] then
      core.meta("period_label", st.values[q.name].label)
      break
    end
  end
  local r = { doc = doc, db = dbmod.new(), params = p, fmt = fmtmod,
    report = { name = report.name, title = report.title, description = report.description },
    municipality = st.municipality, cutoff_date = st.cutoff, lang = st.lang,
    edition = edition }
  r.include = composemod.include
  local label = labelsmod.lookup(st.lang, report.labels)
  --- r:label("key"[, ...]): the report's, the library's or the engine's word in r.lang
  function r.label(_, key, ...) return label(key, ...) end
  report.build(r, p)
  docmod.finish(doc)
  return ""
end

--- An included report (src/lua/include.c): checks the declaration its main chunk returned and
--- the parameters (a list of { name, text }) as the command line's, builds it into the current
--- document, and returns its title.
function E.include(result, raw, file)
  local report = E.check_report(result, file)
  include_depth = include_depth + 1
  local ok, msg = pcall(E.prepare, report, raw, run.snapshot, run.sha256, run.allow_partial)
  include_depth = include_depth - 1
  if not ok then error(msg, 0) end
  E.build(report)
  return report.title
end

return E
