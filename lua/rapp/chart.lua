-- lua/rapp/chart.lua — doc:chart { ... }: a chart block (model/chart.h) from query rows or from
-- explicit lists. Checks the whole spec here, so every mistake is a Lua error naming the field
-- and the value (the message handler adds the script line); core.chart then builds the block in
-- one go and runs doc_chart_finish before the block is added, so a refused chart leaves nothing
-- half-built in the document. docs/scripting.md ("Charts") is the reference.
local _, core = ...
local specmod = require("rapp.spec")
local fmtmod = require("rapp.fmt")
local dbmod = require("rapp.db")
local pairs, ipairs, type, error, tostring, concat, fmt, mtype =
  pairs, ipairs, type, error, tostring, table.concat, string.format, math.type
local M = {}

local function fail(msg) error(msg, 0) end

local set = specmod.set

local check_fields = specmod.check_fields

local kinds = { "column", "column_stacked", "bar", "bar_stacked", "diverging", "line" }
local kind_set = set(kinds)
local value_types = set { "integer", "decimal", "amount", "percent" }
local statuses = core.statuses -- THE status table (model/present.c), also keyed by code
local status_list = core.status_codes

local chart_fields = set { "kind", "title", "summary", "rows", "category", "categories", "series",
  "category_title", "value_title", "source", "type", "decimals", "thousands", "legend",
  "negative_label", "positive_label", "lines", "bands", "width_mm", "height_mm", "show_table", "table",
  "series_rows", "columns" }
local series_fields = set { "key", "name", "values", "status", "personal" }
local line_fields = set { "value", "label" }
local band_fields = set { "from", "to", "status", "label" }

local W = "r.doc:chart"

local function opt_text(spec, k)
  local v = spec[k]
  if v ~= nil and type(v) ~= "string" then fail(fmt("%s: %s must be text, got %s", W, k, type(v))) end
  return v
end

local function opt_number(what, v)
  if v ~= nil and type(v) ~= "number" then fail(fmt("%s: %s must be a number, got %s", W, what, type(v))) end
  return v
end

local function opt_bool(spec, k)
  local v = spec[k]
  if v ~= nil and type(v) ~= "boolean" then fail(fmt("%s: %s must be true or false, got %s", W, k, type(v))) end
  return v
end

-- One value of a series: a number or nil (missing). `where` names the series and the category.
local function check_value(v, where)
  if v == nil or type(v) == "number" then return v end
  local shown = type(v) == "string" and ("'" .. v .. "' is text") or ("is a " .. type(v))
  fail(fmt("%s: %s: %s, not a number (nil for a missing value)", W, where, shown))
end

-- The number of entries of an explicit list with holes: its `n` (as table.pack sets it) or its
-- largest integer key. Refuses keys that are not 1, 2, 3 ...
local function list_length(list, what)
  local n = 0
  for k in pairs(list) do
    if k ~= "n" then
      if mtype(k) ~= "integer" or k < 1 then fail(fmt("%s: %s must be a list, has the key '%s'", W, what, tostring(k))) end
      if k > n then n = k end
    end
  end
  if list.n ~= nil then
    if mtype(list.n) ~= "integer" or list.n < n then
      fail(fmt("%s: %s: n = %s is not the list's length (at least %d)", W, what, tostring(list.n), n))
    end
    n = list.n
  end
  return n
end

-- A category label: text as it is, an integer (a year, a month number) without a thousands
-- separator, any other number formatted, nil as the dash.
local function label(v)
  if type(v) == "string" then return v end
  if mtype(v) == "integer" then return fmt("%d", v) end
  return fmtmod.text(v)
end

-- table = t (the Table r.doc:table returned): the chart repeats t's cells, and the public edition
-- hides in it exactly what it hides in t (model/suppress.h). Either a category per data row
-- (category = 'key', series = { { key = 'column' } }) or a series per data row (series_rows =
-- 'key' names it, columns = { 'key', ... } are the categories, titled as in t unless categories =
-- gives labels). Each series gets cell_row/cell_col (the cells it repeats) and hidden (the values
-- this edition hides, for the generated summary).
local function data_of_table(spec)
  local t = spec.table
  if type(t) ~= "table" or t.handle == nil or type(t.keys) ~= "table" then
    fail(W .. ": table = the table r.doc:table { ... } returned (the chart repeats its cells)")
  end
  if spec.rows ~= nil then fail(W .. ": give table = t or rows = ..., not both") end
  local index = {}
  for i, k in ipairs(t.keys) do index[k] = i end
  local function col(k, what)
    if type(k) ~= "string" or not index[k] then
      fail(fmt("%s: %s '%s' is not a column key of the table (keys: %s)", W, what, tostring(k), concat(t.keys, ", ")))
    end
    return index[k]
  end
  local rows, hidden = core.table_data(t.handle)
  local ncols = #t.keys
  -- value i of series s: row's cell of column c (1-based), the cell it repeats, hidden or not
  local function take(s, i, row, c, where)
    s.values[i] = check_value(row[c], where)
    s.cell_row[i], s.cell_col[i] = row.row, c - 1
    s.hidden[i] = hidden[row.row * ncols + c - 1] or nil
  end
  local cats, series = {}, {}
  if spec.series_rows ~= nil then
    local name_col = col(spec.series_rows, "series_rows")
    if spec.category ~= nil then fail(W .. ": give category = (a category per row) or series_rows = (a series per row), not both") end
    if spec.series ~= nil then fail(W .. ": with series_rows = ..., each data row of the table is a series; give no series = ...") end
    if type(spec.columns) ~= "table" or spec.columns[1] == nil then
      fail(W .. ": series_rows = ... needs columns = { 'key', ... }, the table columns that are the categories")
    end
    local cs = {}
    for i, k in ipairs(spec.columns) do
      cs[i] = col(k, "columns: column")
      cats[i] = t.cols[cs[i]].title
    end
    if spec.categories ~= nil then
      if type(spec.categories) ~= "table" or #spec.categories ~= #cs then
        fail(fmt("%s: categories = { ... } relabels the %d columns; give one label each", W, #cs))
      end
      for i = 1, #cs do cats[i] = label(spec.categories[i]) end
    end
    for si, row in ipairs(rows) do
      local name = row[name_col]
      local s = { name = name == nil and "" or label(name), values = {}, cell_row = {}, cell_col = {}, hidden = {} }
      for i, c in ipairs(cs) do take(s, i, row, c, fmt("series %d (%s), column '%s'", si, s.name, spec.columns[i])) end
      series[si] = s
    end
    return cats, series
  end
  if spec.columns ~= nil then fail(W .. ": columns = { ... } goes with series_rows = ...") end
  if spec.categories ~= nil then fail(W .. ": with table = t and category = ..., the categories are the table's rows; give no categories") end
  local cat_col = col(spec.category, "category")
  if type(spec.series) ~= "table" or spec.series[1] == nil then
    fail(W .. ": series = { { key = 'column', name = 'Legend text' }, ... } is required")
  end
  for i, row in ipairs(rows) do cats[i] = label(row[cat_col]) end
  for si, sp in ipairs(spec.series) do
    if type(sp) ~= "table" then fail(fmt("%s: series %d is not a table", W, si)) end
    local what = fmt("series %d (%s)", si, tostring(sp.name or sp.key))
    check_fields(W .. ": " .. what, sp, series_fields)
    if sp.values ~= nil or sp.personal ~= nil then
      fail(fmt("%s: %s: with table = t, give key = 'column' only: the values and their personvern are the table's", W, what))
    end
    local c = col(sp.key, what .. ": key")
    if sp.status ~= nil and not statuses[sp.status] then
      fail(fmt("%s: %s: unknown status '%s' (valid: %s)", W, what, tostring(sp.status), status_list))
    end
    local s = { name = sp.name or t.cols[c].title, status = sp.status, values = {}, cell_row = {}, cell_col = {}, hidden = {} }
    for i, row in ipairs(rows) do take(s, i, row, c, fmt("%s, row %d (%s)", what, i, cats[i])) end
    series[si] = s
  end
  return cats, series
end

-- Categories and series (name, values, status) from rows or from explicit lists.
local function data_of(spec)
  if spec.table ~= nil then return data_of_table(spec) end
  if spec.series_rows ~= nil or spec.columns ~= nil then
    fail(W .. ": series_rows = and columns = read a table; give table = t too")
  end
  local cats, series = {}, {}
  if type(spec.series) ~= "table" or spec.series[1] == nil then
    fail(W .. ": series = { { key = 'column', name = 'Legend text' }, ... } is required")
  end
  if spec.rows ~= nil and spec.categories ~= nil then
    fail(W .. ": give rows = ... with category = 'column', or categories = { ... }, not both")
  end
  local rows, columns, have = spec.rows, nil, nil
  if rows ~= nil then
    if type(rows) ~= "table" then fail(W .. ": rows must be a list of rows (from r.db:rows)") end
    if type(spec.category) ~= "string" then
      fail(W .. ": category = the row field with the category labels is required with rows")
    end
    columns = rows[1] and dbmod.columns(rows[1])
    if columns then
      have = set(columns)
      if not have[spec.category] then
        fail(fmt("%s: category '%s' is not a column of the query (columns: %s)", W, spec.category, concat(columns, ", ")))
      end
    end
    for i, row in ipairs(rows) do
      if type(row) ~= "table" then fail(fmt("%s: row %d is not a table", W, i)) end
      local c = row[spec.category]
      cats[i] = label(c)
    end
  else
    if spec.category ~= nil then fail(W .. ": category = '...' names a field of rows = ...; give rows too") end
    if type(spec.categories) ~= "table" then
      fail(W .. ": give rows = r.db:rows(...) with category = 'column', or categories = { 'label', ... }")
    end
    local n = list_length(spec.categories, "categories")
    for i = 1, n do
      local c = spec.categories[i]
      if type(c) ~= "string" and type(c) ~= "number" then
        fail(fmt("%s: category %d must be text or a number, got %s", W, i, type(c)))
      end
      cats[i] = label(c)
    end
  end
  for si, s in ipairs(spec.series) do
    if type(s) ~= "table" then fail(fmt("%s: series %d is not a table", W, si)) end
    local what = fmt("series %d (%s)", si, tostring(s.name or s.key))
    check_fields(W .. ": " .. what, s, series_fields)
    if s.status ~= nil and not statuses[s.status] then
      fail(fmt("%s: %s: unknown status '%s' (valid: %s)", W, what, tostring(s.status), status_list))
    end
    local name = s.name
    if name == nil and s.status then name = core.status_label(s.status) end
    if type(name) ~= "string" then fail(fmt("%s: %s: name = the legend text is required", W, what)) end
    local values, persons = {}, nil
    if rows ~= nil then
      if s.values ~= nil then fail(fmt("%s: %s: with rows = ..., give key = 'column', not values", W, what)) end
      if type(s.key) ~= "string" then fail(fmt("%s: %s: key = the row field with the values is required", W, what)) end
      if have and not have[s.key] then
        fail(fmt("%s: %s: key '%s' is not a column of the query (columns: %s)", W, what, s.key, concat(columns, ", ")))
      end
      for i, row in ipairs(rows) do
        values[i] = check_value(row[s.key], fmt("%s, row %d (%s)", what, i, cats[i]))
      end
      if type(s.personal) == "string" then
        if have and not have[s.personal] then
          fail(fmt("%s: %s: personal = '%s' is not a column of the query (columns: %s)", W, what, s.personal, concat(columns, ", ")))
        end
        persons = {}
        for i, row in ipairs(rows) do
          local n = row[s.personal]
          if n == nil and not have and values[i] ~= nil then
            fail(fmt("%s: %s, row %d (%s): personal = '%s', but the row has no field '%s' (the persons the value rests on; false when the row is not about persons)",
              W, what, i, cats[i], s.personal, s.personal))
          end
          if n ~= nil and n ~= false and type(n) ~= "number" then
            fail(fmt("%s: %s, row %d (%s): the persons field '%s' is not a number", W, what, i, cats[i], s.personal))
          end
          persons[i] = n or nil
        end
      end
    else
      if type(s.personal) == "string" then
        fail(fmt("%s: %s: personal = '%s' names a field of rows = ...; without rows give personal = true or a list of persons per category", W, what, s.personal))
      end
      if s.key ~= nil then fail(fmt("%s: %s: key = '...' reads rows = ...; without rows give values = { ... }", W, what)) end
      if type(s.values) ~= "table" then fail(fmt("%s: %s: values = { ... } (one per category) is required", W, what)) end
      local n = list_length(s.values, what .. ": values")
      if n ~= #cats then
        fail(fmt("%s: %s: %d value%s for %d categor%s; give one value per category (nil for a missing one, and n = %d when the list ends with missing values)",
          W, what, n, n == 1 and "" or "s", #cats, #cats == 1 and "y" or "ies", #cats))
      end
      for i = 1, n do values[i] = check_value(s.values[i], fmt("%s, value %d (%s)", what, i, cats[i])) end
      if type(s.personal) == "table" then
        persons = {}
        for i = 1, #cats do
          local x = s.personal[i]
          if x ~= nil and x ~= false and type(x) ~= "number" then
            fail(fmt("%s: %s: personal: entry %d (%s) is not a number of persons", W, what, i, cats[i]))
          end
          persons[i] = x or nil
        end
      end
    end
    if s.personal ~= nil and s.personal ~= false and s.personal ~= true and type(s.personal) ~= "string"
      and type(s.personal) ~= "table" then
      fail(fmt("%s: %s: personal = true (the values are counts of persons or cases), the row field holding the persons, or a list of them", W, what))
    end
    if s.personal == true then persons = values end
    series[si] = { name = name, values = values, status = s.status, persons = persons }
  end
  return cats, series
end

-- The one-line text alternative when the script gives none: the range of each series (a line:
-- its first and last value; stacked: each series' total; bars: highest and lowest category).
local function generated_summary(spec, cats, series, vt, dec, th)
  local function v(x) return core.format_value(vt, dec, th, x) end
  local parts = {}
  if spec.kind == "column_stacked" or spec.kind == "bar_stacked" then
    for _, s in ipairs(series) do
      local sum = 0
      for i = 1, #cats do sum = sum + (s.values[i] or 0) end
      parts[#parts + 1] = s.name .. " " .. v(sum)
    end
    return "I alt: " .. concat(parts, ", ") .. "."
  end
  for _, s in ipairs(series) do
    local first, last, hi, lo
    for i = 1, #cats do
      local x = s.values[i]
      if x ~= nil and x == x then
        first = first or i
        last = i
        if not hi or x > s.values[hi] then hi = i end
        if not lo or x < s.values[lo] then lo = i end
      end
    end
    local prefix = #series > 1 and (s.name .. ": ") or ""
    if not first then
      parts[#parts + 1] = prefix .. "ingen verdier"
    elseif spec.kind == "line" then
      if first == last then
        parts[#parts + 1] = fmt("%s%s (%s)", prefix, v(s.values[first]), cats[first])
      else
        parts[#parts + 1] = fmt("%sfra %s (%s) til %s (%s)", prefix, v(s.values[first]), cats[first],
          v(s.values[last]), cats[last])
      end
    elseif hi == lo then
      parts[#parts + 1] = fmt("%s%s %s", prefix, cats[hi], v(s.values[hi]))
    else
      parts[#parts + 1] = fmt("%shøyest %s (%s), lavest %s (%s)", prefix, cats[hi], v(s.values[hi]),
        cats[lo], v(s.values[lo]))
    end
  end
  local text = concat(parts, "; ")
  return text:sub(1, 1):upper() .. text:sub(2) .. "."
end

--- doc:chart { kind =, title =, summary =, rows =, category =, series = { { key =, name =, status = } },
---             categories =, category_title =, value_title =, source =, type =, decimals =,
---             thousands =, legend =, negative_label =, positive_label =, lines =, bands =,
---             width_mm =, height_mm =, show_table = }
function M.add(spec)
  if type(spec) ~= "table" then fail(W .. ": give a table { kind = 'column', title = ..., series = ... }") end
  check_fields(W, spec, chart_fields)
  if spec.kind == nil then fail(fmt("%s: kind is required (valid: %s)", W, concat(kinds, ", "))) end
  if not kind_set[spec.kind] then
    fail(fmt("%s: unknown kind '%s' (valid: %s)", W, tostring(spec.kind), concat(kinds, ", ")))
  end
  if type(spec.title) ~= "string" or spec.title == "" then fail(W .. ": title = the chart's title is required") end
  local vt = spec.type or "decimal"
  if not value_types[vt] then
    fail(fmt("%s: unknown type '%s' (valid: integer, decimal, amount, percent)", W, tostring(vt)))
  end
  local dec = spec.decimals
  if dec ~= nil and (mtype(dec) ~= "integer" or dec < 0 or dec > 9) then
    fail(fmt("%s: decimals must be 0-9, got %s", W, tostring(dec)))
  end
  local th = opt_bool(spec, "thousands")
  if th and vt ~= "amount" then fail(W .. ": thousands = true is for type = 'amount'") end
  opt_bool(spec, "legend")
  opt_bool(spec, "show_table")
  for _, k in ipairs { "summary", "category_title", "value_title", "source", "negative_label", "positive_label" } do
    opt_text(spec, k)
  end
  if (spec.negative_label or spec.positive_label) and spec.kind ~= "diverging" then
    fail(W .. ": negative_label and positive_label are for kind = 'diverging'")
  end
  opt_number("width_mm", spec.width_mm)
  opt_number("height_mm", spec.height_mm)

  local lines = {}
  if spec.lines ~= nil then
    if type(spec.lines) ~= "table" then fail(W .. ": lines = { { value = 6.0, label = 'Mål 6,0 %' } }") end
    for i, l in ipairs(spec.lines) do
      if type(l) ~= "table" then fail(fmt("%s: line %d is not a table", W, i)) end
      check_fields(fmt("%s: line %d", W, i), l, line_fields)
      if type(l.value) ~= "number" then fail(fmt("%s: line %d: value = a number is required", W, i)) end
      if type(l.label) ~= "string" then fail(fmt("%s: line %d: label = the text shown with it is required", W, i)) end
      lines[i] = { value = l.value, label = l.label }
    end
  end
  local bands = {}
  if spec.bands ~= nil then
    if type(spec.bands) ~= "table" then fail(W .. ": bands = { { from = 0, to = 6, status = 'desired' } }") end
    for i, b in ipairs(spec.bands) do
      if type(b) ~= "table" then fail(fmt("%s: band %d is not a table", W, i)) end
      check_fields(fmt("%s: band %d", W, i), b, band_fields)
      opt_number(fmt("band %d: from", i), b.from)
      opt_number(fmt("band %d: to", i), b.to)
      if b.from == nil and b.to == nil then fail(fmt("%s: band %d: give from, to or both", W, i)) end
      if not statuses[b.status] then
        fail(fmt("%s: band %d: status = one of %s is required, got %s", W, i, status_list, tostring(b.status)))
      end
      if b.label ~= nil and type(b.label) ~= "string" then fail(fmt("%s: band %d: label must be text", W, i)) end
      bands[i] = { from = b.from or -math.huge, to = b.to or math.huge, status = b.status, label = b.label }
    end
  end

  local cats, series = data_of(spec)
  if (#cats == 0 or #series == 0) and (spec.rows ~= nil or spec.table ~= nil) then
    -- No rows (a unit without data this period) is a fact to report, not a script error.
    core.paragraph(fmt("**%s**: %s.", spec.title, require("rapp.labels").engine_word("chart.no_data")))
    return
  end
  if spec.kind == "diverging" and #series ~= 1 then
    fail(fmt("%s: a diverging chart shows one series, got %d; use kind = 'bar' for several", W, #series))
  end
  local summary = spec.summary
  if summary == nil then
    -- personvern: the summary quotes no value this edition hides (core.suppressed, the rule of
    -- model/suppress.c, which hides it in the chart itself after build)
    -- and no value of a table cell the table hides (data_of_table: the table's own result)
    local shown = {}
    for si, s in ipairs(series) do
      local values = s.values
      if s.persons or s.hidden then
        values, s.unquoted = {}, {}
        for i = 1, #cats do
          local v, n = s.values[i], s.persons and s.persons[i]
          if v ~= nil and (n ~= nil and core.suppressed(n, v) or s.hidden and s.hidden[i]) then
            v, s.unquoted[i] = nil, true
          end
          values[i] = v
        end
      end
      shown[si] = { name = s.name, values = values }
    end
    summary = generated_summary(spec, cats, shown, vt, dec or -1, th or false)
  end
  for _, s in ipairs(series) do s.n, s.hidden = #cats, nil end
  local legend = -1
  if spec.legend ~= nil then legend = spec.legend and 1 or 0 end
  core.chart {
    kind = spec.kind, title = spec.title, summary = summary, cat_title = spec.category_title,
    value_title = spec.value_title, source = spec.source, value_type = vt, decimals = dec or -1,
    thousands = th or false, legend = legend, neg_label = spec.negative_label,
    pos_label = spec.positive_label, cats = cats, series = series, lines = lines, bands = bands,
    width_mm = spec.width_mm or 0, height_mm = spec.height_mm or 0, show_table = spec.show_table or false,
    from = spec.table and spec.table.handle, summary_generated = spec.summary == nil,
  }
end

return M
