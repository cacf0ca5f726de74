-- lua/rapp/doc.lua — the document as scripts build it (r.doc), over model/doc.c. The C doc owns
-- every block and string; Lua holds only handles, so a 100 000-row table costs C memory, not Lua
-- heap. Blocks appear in the order they are added.
local _, core = ...
local specmod = require("rapp.spec")
local fmtmod = require("rapp.fmt")
local dbmod = require("rapp.db")
local chartmod = require("rapp.chart")
local composemod = require("rapp.compose")
local pairs = pairs
local setmetatable, getmetatable, type, error, tostring, ipairs, concat, fmt =
  setmetatable, getmetatable, type, error, tostring, ipairs, table.concat, string.format
local M = {}

local function fail(msg) error(msg, 0) end

local check_fields = specmod.check_fields

local set = specmod.set

local Doc = {}
Doc.__index = Doc
Doc.__name = "rapp.Doc"

local Table = {}
Table.__index = Table
Table.__name = "rapp.Table"

local function self_check(self, fn)
  if getmetatable(self) ~= Doc then fail("call it with a colon: r.doc:" .. fn .. "(...)") end
end

local function text_arg(fn, v, what)
  if type(v) ~= "string" then fail(fmt("r.doc:%s: %s must be text, got %s", fn, what or "the text", type(v))) end
  return v
end

local meta_fields = set { "title", "subtitle", "municipality", "subject", "keywords", "language",
  "period_label", "number_headings" }

--- doc:meta { title = ..., subtitle = ..., number_headings = true, ... }
function Doc:meta(spec)
  self_check(self, "meta")
  if type(spec) ~= "table" then fail("r.doc:meta: give a table { title = ..., ... }") end
  check_fields("r.doc:meta", spec, meta_fields)
  for k, v in pairs(spec) do
    if k ~= "number_headings" then text_arg("meta", v, "field '" .. k .. "'") end
    core.meta(k, v)
  end
end

local function label_of(v)
  if type(v) == "table" and v.label then return v.label end
  return v
end

local cover_fields = set { "title", "subtitle", "period", "date", "logo" }
--- doc:cover { title = ..., subtitle = ..., period = p.period, date = "2026-09-30", logo = "logo.png" }
function Doc:cover(spec)
  self_check(self, "cover")
  if type(spec) ~= "table" then fail("r.doc:cover: give a table { title = ..., ... }") end
  check_fields("r.doc:cover", spec, cover_fields)
  local logo
  if spec.logo then
    local msg
    logo, msg = core.resolve_image(text_arg("cover", spec.logo, "logo"))
    if not logo then fail("r.doc:cover: " .. msg) end
  end
  local date = spec.date
  if date ~= nil and date:match("^%d%d%d%d%-%d%d%-%d%d$") then date = fmtmod.date_long(date) end
  core.cover { title = spec.title, subtitle = spec.subtitle, period_label = label_of(spec.period),
    date_text = date, logo_path = logo }
end

--- doc:toc() — a table of contents (the PDF fills in page numbers); doc:toc { depth = 2 } lists
--- only the headings of levels 1 and 2 (default: every level)
function Doc:toc(opts)
  self_check(self, "toc")
  if opts == nil then return core.toc() end
  if type(opts) ~= "table" then error("doc:toc: the argument is { depth = 1, 2 or 3 }, got " .. type(opts), 2) end
  for k in pairs(opts) do
    if k ~= "depth" then error(("doc:toc: unknown field '%s' (valid: depth)"):format(tostring(k)), 2) end
  end
  local depth = opts.depth
  if depth ~= nil and (math.type(depth) ~= "integer" or depth < 1 or depth > 3) then
    error("doc:toc: depth is the deepest heading level listed: 1, 2 or 3, got " .. tostring(depth), 2)
  end
  core.toc(depth)
end

--- doc:heading(level, text) -> its number ("2.1") when numbering is on
function Doc:heading(level, text)
  self_check(self, "heading")
  if level ~= 1 and level ~= 2 and level ~= 3 then
    fail("r.doc:heading: the level is 1, 2 or 3, got " .. tostring(level))
  end
  return core.heading(level, text_arg("heading", text))
end

--- doc:paragraph("Text with **bold** and *italic*.")
function Doc:paragraph(markup)
  self_check(self, "paragraph")
  core.paragraph(text_arg("paragraph", markup))
end
Doc.text = Doc.paragraph

--- doc:markdown(text) — a Markdown text (a text contribution from r.db:text) as paragraphs,
--- sub-headings, lists, links and quotes; a construct Rapp does not print (raw HTML, images,
--- code blocks, tables, nested lists) is an error naming the text's file and line.
function Doc:markdown(text)
  self_check(self, "markdown")
  core.markdown(text_arg("markdown", text), dbmod.text_source(text))
end

--- doc:bullets { "first", "second" }
function Doc:bullets(items)
  self_check(self, "bullets")
  if type(items) ~= "table" then fail("r.doc:bullets: give a list of texts") end
  core.bullets(items)
end

local types = set { "text", "integer", "decimal", "amount", "percent", "date" }
local type_list = "text, integer, decimal, amount, percent, date"

local kf_fields = set { "label", "value", "type", "decimals", "thousands", "comparison", "text", "status",
  "personal", "persons" }
--- doc:keyfigures { { label = "Sykefravær", value = 6.4, type = "percent", comparison = "Mål: 6,0 %" } }
function Doc:keyfigures(items)
  self_check(self, "keyfigures")
  if type(items) ~= "table" then fail("r.doc:keyfigures: give a list of { label =, value =, type = }") end
  local list = {}
  for i, k in ipairs(items) do
    if type(k) ~= "table" then fail(fmt("r.doc:keyfigures: item %d is not a table", i)) end
    check_fields(fmt("r.doc:keyfigures: item %d", i), k, kf_fields)
    local t = k.type or "decimal"
    if not types[t] then fail(fmt("r.doc:keyfigures: item %d: unknown type '%s' (valid: %s)", i, tostring(t), type_list)) end
    -- personvern: persons = the persons or cases the figure rests on (false: not about persons),
    -- personal = true: the figure is itself such a count (model/suppress.c)
    local persons = k.persons
    if persons ~= nil and persons ~= false and type(persons) ~= "number" then
      fail(fmt("r.doc:keyfigures: item %d (%s): persons = the number of persons or cases the figure rests on, got %s", i, tostring(k.label), type(persons)))
    end
    if k.personal ~= nil and k.personal ~= true and k.personal ~= false then
      fail(fmt("r.doc:keyfigures: item %d (%s): personal = true (the figure is a count of persons or cases); give persons = N when it rests on N persons", i, tostring(k.label)))
    end
    if k.personal and type(k.value) == "number" and persons == nil then persons = k.value end
    list[i] = { label = k.label, type = t, decimals = k.decimals, thousands = k.thousands,
      comparison = k.comparison, value = { value = k.value, text = k.text, status = k.status },
      persons = persons or nil }
  end
  core.keyfigures(list)
end

--- doc:note("Text", "1)")
function Doc:note(markup, marker)
  self_check(self, "note")
  core.note(text_arg("note", markup), marker)
end

local image_fields = set { "path", "width_mm", "alt" }
--- doc:image { path = "kart.png", width_mm = 120, alt = "Kart over kommunen" }
function Doc:image(spec)
  self_check(self, "image")
  if type(spec) ~= "table" then fail("r.doc:image: give a table { path = ..., alt = ... }") end
  check_fields("r.doc:image", spec, image_fields)
  if spec.alt == nil then fail("r.doc:image: give alt = a text that describes the image (universal design)") end
  local path, msg = core.resolve_image(text_arg("image", spec.path, "path"))
  if not path then fail("r.doc:image: " .. msg) end
  core.image(path, spec.width_mm, text_arg("image", spec.alt, "alt"))
end

--- doc:chart { kind = "column", title =, summary =, rows =, category =, series = { ... }, ... }
--- (lua/rapp/chart.lua; docs/scripting.md, "Charts")
function Doc:chart(spec)
  self_check(self, "chart")
  chartmod.add(spec)
end

--- doc:attachment { report = "kvartalsrapport", params = { period = p.period },
---                  title = "Vedlegg 1: Tertialrapport", cover = false, toc = false }
--- (lua/rapp/compose.lua; docs/scripting.md, "Composing reports")
function Doc:attachment(spec)
  self_check(self, "attachment")
  composemod.attachment(spec)
end

function Doc:pagebreak() self_check(self, "pagebreak"); core.pagebreak() end
function Doc:landscape() self_check(self, "landscape"); core.orientation(true) end
function Doc:portrait() self_check(self, "portrait"); core.orientation(false) end

-- ---- tables ------------------------------------------------------------------------------

local column_fields = set { "key", "title", "group", "type", "align", "decimals", "thousands", "sum",
  "merge_repeats", "mark_negative", "width_mm", "status", "personal", "part_of" }
local table_fields = set { "columns", "rows", "title", "unit_note", "sheet", "note", "group_by",
  "group_label", "subtotals", "total", "legend" }

--- doc:table { columns = { { key =, title =, type =, ... }, ... }, rows = rows, group_by = key,
---             total = "Sum", title = ..., unit_note = ..., sheet = ..., note = ... } -> Table
function Doc:table(spec)
  self_check(self, "table")
  if type(spec) ~= "table" then fail("r.doc:table: give a table { columns = {...}, rows = ... }") end
  check_fields("r.doc:table", spec, table_fields)
  if type(spec.columns) ~= "table" or #spec.columns == 0 then
    fail("r.doc:table: columns = { { key = 'name', title = 'Navn' }, ... } is required")
  end
  local cols, keys, status_keys, persons_keys, any_sum = {}, {}, {}, {}, false
  for i, c in ipairs(spec.columns) do
    if type(c) ~= "table" then fail(fmt("r.doc:table: column %d is not a table", i)) end
    local what = fmt("r.doc:table: column %d (%s)", i, tostring(c.key or c.title))
    check_fields(what, c, column_fields)
    if type(c.key) ~= "string" then fail(what .. ": key = the row field it shows is required") end
    local t = c.type or "text"
    if not types[t] then fail(fmt("%s: unknown type '%s' (valid: %s)", what, tostring(t), type_list)) end
    local personal = c.personal
    if personal ~= nil and personal ~= false and personal ~= true and type(personal) ~= "string" then
      fail(what .. ": personal = true (the value is a count of persons or cases) or the key of the row field holding the persons the figure rests on")
    end
    if personal and t == "text" or personal and t == "date" then
      fail(what .. ": personal is for number columns (a " .. t .. " column is no figure)")
    end
    cols[i] = { title = c.title or c.key, group = c.group, type = t, align = c.align,
      decimals = c.decimals, thousands = c.thousands, sum = c.sum, merge_repeats = c.merge_repeats,
      mark_negative = c.mark_negative, width_mm = c.width_mm, personal = not not personal }
    persons_keys[i] = type(personal) == "string" and personal or false
    keys[i] = c.key
    status_keys[i] = c.status or false
    if c.part_of ~= nil and (type(c.part_of) ~= "string" or not personal) then
      fail(what .. ": part_of = the key of the personal column that sums this one and its siblings (for personal columns)")
    end
    any_sum = any_sum or not not c.sum
  end
  for i, c in ipairs(spec.columns) do -- part_of: a key -> 1 + its column's index
    if c.part_of then
      for j, k in ipairs(keys) do if k == c.part_of then cols[i].part_of = j end end
      if not cols[i].part_of then fail(fmt("r.doc:table: column %d: part_of '%s' is not a column key", i, c.part_of)) end
    end
  end
  local unit_note = spec.unit_note -- nil: the default ("Beløp i 1 000 kr") is model/present.c's
  if spec.legend ~= nil and type(spec.legend) ~= "boolean" then
    fail("r.doc:table: legend = false turns the automatic status legend off (it is a boolean)")
  end
  local handle = core.table(cols, { title = spec.title, unit_note = unit_note, sheet = spec.sheet, note = spec.note,
    no_legend = spec.legend == false })
  local t = setmetatable({ handle = handle, keys = keys, status_keys = status_keys, persons_keys = persons_keys, cols = cols,
    group_start = nil, any_sum = any_sum }, Table)
  self.tables[#self.tables + 1] = t
  if spec.rows ~= nil and core.is_cursor(spec.rows) then
    -- rows = r.db:each(sql): the query's rows go straight into the table's compact storage (C),
    -- never as Lua row tables (docs/scripting.md, "Large tables")
    local cursor = spec.rows
    if spec.group_by then
      local gkey, lkey = spec.group_by, spec.group_label or spec.group_by
      local subtotals = spec.subtotals
      if subtotals == nil then subtotals = any_sum end
      while true do
        local more, lval = core.cursor_peek(cursor, lkey, spec.group_label and "group_label" or "group_by")
        if not more then break end
        local label = fmtmod.text(lval)
        t:group(label)
        core.cursor_rows(handle, cursor, keys, status_keys, 1, gkey, persons_keys)
        if subtotals then
          t:subtotal(type(subtotals) == "string" and (subtotals .. " " .. label) or ("Sum " .. label))
        end
      end
    else
      core.cursor_rows(handle, cursor, keys, status_keys, 0, nil, persons_keys)
    end
    if spec.total then t:total(type(spec.total) == "string" and spec.total or "Sum") end
  elseif spec.rows ~= nil then
    if type(spec.rows) ~= "table" then fail("r.doc:table: rows must be a list of rows (from r.db:rows) or r.db:each(sql)") end
    local first = spec.rows[1]
    local columns = first and dbmod.columns(first)
    if columns then -- query rows: every key must be a column of the query
      local have = set(columns)
      for i, k in ipairs(keys) do
        if not have[k] then
          fail(fmt("r.doc:table: column %d: key '%s' is not a column of the query (columns: %s)", i, k, concat(columns, ", ")))
        end
        local pk = persons_keys[i]
        if pk and not have[pk] then
          fail(fmt("r.doc:table: column %d: personal = '%s' is not a column of the query (columns: %s)", i, pk, concat(columns, ", ")))
        end
      end
      if spec.group_by and not have[spec.group_by] then
        fail(fmt("r.doc:table: group_by '%s' is not a column of the query (columns: %s)", spec.group_by, concat(columns, ", ")))
      end
    end
    if spec.group_by then
      local gkey, lkey = spec.group_by, spec.group_label or spec.group_by
      local subtotals = spec.subtotals
      if subtotals == nil then subtotals = any_sum end
      local i, n = 1, #spec.rows
      while i <= n do
        local gval = spec.rows[i][gkey]
        local j = i
        local chunk = {}
        while j <= n and spec.rows[j][gkey] == gval do
          chunk[#chunk + 1] = spec.rows[j]
          j = j + 1
        end
        local label = fmtmod.text(spec.rows[i][lkey])
        t:group(label)
        t:add_rows(chunk)
        if subtotals then
          t:subtotal(type(subtotals) == "string" and (subtotals .. " " .. label) or ("Sum " .. label))
        end
        i = j
      end
    else
      t:add_rows(spec.rows)
    end
    if spec.total then t:total(type(spec.total) == "string" and spec.total or "Sum") end
  elseif spec.group_by or spec.total then
    fail("r.doc:table: group_by and total need rows = ...; without rows, use t:group(), t:subtotal() and t:total()")
  end
  return t
end

local function tself(self, fn)
  if getmetatable(self) ~= Table then fail("call it with a colon: t:" .. fn .. "(...)") end
end

--- t:add_row { key = value, ... } — a value may be { value =, text =, status = }
function Table:add_row(row)
  tself(self, "add_row")
  if type(row) ~= "table" then fail("t:add_row: give a row table { key = value, ... }") end
  core.add_rows(self.handle, { row }, self.keys, self.status_keys, self.group_start and 1 or 0, self.persons_keys)
end

--- t:add_rows(rows)
function Table:add_rows(rows)
  tself(self, "add_rows")
  if type(rows) ~= "table" then fail("t:add_rows: give a list of rows") end
  core.add_rows(self.handle, rows, self.keys, self.status_keys, self.group_start and 1 or 0, self.persons_keys)
end

--- t:group("Oppvekst") — a group heading; the rows after it belong to the group
function Table:group(label)
  tself(self, "group")
  core.add_special(self.handle, "group", fmtmod.text(label), 0)
  self.group_start = core.table_nrows(self.handle)
end

--- t:subtotal("Sum Oppvekst") — sums the rows since the last group heading
function Table:subtotal(label)
  tself(self, "subtotal")
  local first = self.group_start or 0
  local n = core.table_nrows(self.handle)
  core.add_special(self.handle, "subtotal", label, 1, first, n - first)
  self.group_start = nil
end

--- t:total("Sum") — sums every data row of the table
function Table:total(label)
  tself(self, "total")
  core.add_special(self.handle, "total", label or "Sum", 0)
  self.group_start = nil
end

--- Computes subtotals and totals (done for every table when build() returns).
function Table:finish()
  tself(self, "finish")
  core.table_sums(self.handle)
end

-- Every method a C function around the Lua one (core.keep_caller): a script's tail call
-- `return r.doc:paragraph(x)` keeps the script's frame, so an error names the script's line.
for _, class in ipairs { Doc, Table } do
  for name, f in pairs(class) do
    if type(f) == "function" then class[name] = core.keep_caller(f) end
  end
end

function M.new()
  return setmetatable({ tables = {} }, Doc)
end

function M.finish(d)
  for _, t in ipairs(d.tables) do core.table_sums(t.handle) end
end

return M
