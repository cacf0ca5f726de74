-- chart_errors: the exact message of each misuse of doc:chart; a refused chart adds no block
local rapp = require("rapp")
return rapp.report {
  name = "t", title = "Test", formats = { "txt" },
  params = { { name = "period", type = "period" } },
  build = function(r, p)
    local doc, db = r.doc, r.db
    local function try(label, fn) print(label, select(2, pcall(fn))) end
    local rows = db:rows("SELECT code, name, sort_order FROM area ORDER BY sort_order")
    local ok = { { key = "sort_order", name = "Rekkefølge" } }
    local cats = { "a", "b" }
    try("no colon", function() doc.chart { kind = "bar" } end)
    try("not a table", function() doc:chart "søyle" end)
    try("unknown field", function() doc:chart { kind = "bar", title = "T", rows = rows, category = "name", series = ok, colour = "red" } end)
    try("no kind", function() doc:chart { title = "T", rows = rows, category = "name", series = ok } end)
    try("unknown kind", function() doc:chart { kind = "pie", title = "T", rows = rows, category = "name", series = ok } end)
    try("no title", function() doc:chart { kind = "bar", rows = rows, category = "name", series = ok } end)
    try("bad type", function() doc:chart { kind = "bar", title = "T", type = "date", rows = rows, category = "name", series = ok } end)
    try("thousands", function() doc:chart { kind = "bar", title = "T", thousands = true, rows = rows, category = "name", series = ok } end)
    try("decimals", function() doc:chart { kind = "bar", title = "T", decimals = 12, rows = rows, category = "name", series = ok } end)
    try("legend", function() doc:chart { kind = "bar", title = "T", legend = "ja", rows = rows, category = "name", series = ok } end)
    try("labels", function() doc:chart { kind = "bar", title = "T", negative_label = "Merforbruk", rows = rows, category = "name", series = ok } end)
    try("no series", function() doc:chart { kind = "bar", title = "T", rows = rows, category = "name" } end)
    try("rows and categories", function() doc:chart { kind = "bar", title = "T", rows = rows, category = "name", categories = cats, series = ok } end)
    try("no category", function() doc:chart { kind = "bar", title = "T", rows = rows, series = ok } end)
    try("category not a column", function() doc:chart { kind = "bar", title = "T", rows = rows, category = "navn", series = ok } end)
    try("key not a column", function()
      doc:chart { kind = "bar", title = "T", rows = rows, category = "name", series = { { key = "budsjett", name = "Budsjett" } } }
    end)
    try("series field", function()
      doc:chart { kind = "bar", title = "T", rows = rows, category = "name", series = { { key = "sort_order", name = "R", colour = "red" } } }
    end)
    try("series name", function() doc:chart { kind = "bar", title = "T", rows = rows, category = "name", series = { { key = "sort_order" } } } end)
    try("series status", function()
      doc:chart { kind = "bar_stacked", title = "T", rows = rows, category = "name", series = { { key = "sort_order", status = "green" } } }
    end)
    try("text values", function()
      doc:chart { kind = "bar", title = "T", rows = rows, category = "code", series = { { key = "name", name = "Navn" } } }
    end)
    try("values with rows", function()
      doc:chart { kind = "bar", title = "T", rows = rows, category = "name", series = { { name = "V", values = { 1 } } } }
    end)
    try("key without rows", function() doc:chart { kind = "bar", title = "T", categories = cats, series = ok } end)
    try("too many values", function()
      doc:chart { kind = "line", title = "T", categories = cats, series = { { name = "V", values = { 1, 2, 3 } } } }
    end)
    try("too few values", function()
      doc:chart { kind = "line", title = "T", categories = cats, series = { { name = "V", values = { 1 } } } }
    end)
    try("bad n", function()
      doc:chart { kind = "line", title = "T", categories = cats, series = { { name = "V", values = { 1, 2, n = 1 } } } }
    end)
    try("boolean value", function()
      doc:chart { kind = "line", title = "T", categories = cats, series = { { name = "V", values = { 1, true } } } }
    end)
    try("text value", function()
      doc:chart { kind = "line", title = "T", categories = cats, series = { { name = "V", values = { "1,5", 2 } } } }
    end)
    try("category type", function() doc:chart { kind = "line", title = "T", categories = { "a", {} }, series = { { name = "V", values = { 1, 2 } } } } end)
    try("diverging two series", function()
      doc:chart { kind = "diverging", title = "T", categories = cats, series = { { name = "A", values = { 1, 2 } }, { name = "B", values = { 1, 2 } } } }
    end)
    local one = { { name = "V", values = { 1, 2 } } }
    try("line field", function() doc:chart { kind = "line", title = "T", categories = cats, series = one, lines = { { value = 6, text = "Mål" } } } end)
    try("line value", function() doc:chart { kind = "line", title = "T", categories = cats, series = one, lines = { { label = "Mål" } } } end)
    try("line not finite", function() doc:chart { kind = "line", title = "T", categories = cats, series = one, lines = { { value = 0/0, label = "Mål" } } } end)
    try("band status", function() doc:chart { kind = "line", title = "T", categories = cats, series = one, bands = { { to = 6 } } } end)
    try("band open", function() doc:chart { kind = "line", title = "T", categories = cats, series = one, bands = { { status = "desired" } } } end)
    try("band order", function()
      doc:chart { kind = "line", title = "T", categories = cats, series = one, bands = { { from = 7.5, to = 6, status = "acceptable" } } }
    end)
    try("size", function() doc:chart { kind = "line", title = "T", categories = cats, series = one, width_mm = 2000 } end)
    try("no categories", function() doc:chart { kind = "line", title = "T", categories = {}, series = { { name = "V", values = {} } } } end)
    -- table = t: the chart repeats a table's cells (the table is the one block above the line)
    local t = doc:table { columns = { { key = "name", title = "Navn" }, { key = "sort_order", title = "Nr", type = "integer" } },
      rows = rows }
    try("table not a table", function() doc:chart { kind = "bar", title = "T", table = rows, category = "name", series = ok } end)
    try("table and rows", function() doc:chart { kind = "bar", title = "T", table = t, rows = rows, category = "name", series = ok } end)
    try("table key", function() doc:chart { kind = "bar", title = "T", table = t, category = "navn", series = ok } end)
    try("table values", function()
      doc:chart { kind = "bar", title = "T", table = t, category = "name", series = { { key = "sort_order", personal = true } } }
    end)
    try("series_rows columns", function() doc:chart { kind = "bar", title = "T", table = t, series_rows = "name" } end)
    try("series_rows series", function()
      doc:chart { kind = "bar", title = "T", table = t, series_rows = "name", columns = { "sort_order" }, series = ok }
    end)
    try("columns without table", function() doc:chart { kind = "bar", title = "T", series_rows = "name", columns = { "nr" }, series = ok } end)
    doc:paragraph("Ingen diagrammer over denne linjen.")
  end,
}
