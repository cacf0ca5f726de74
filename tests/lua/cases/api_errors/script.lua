-- api_errors: the exact message of each kind of misuse
local rapp = require("rapp")
return rapp.report {
  name = "t", title = "Test", formats = { "txt" },
  params = { { name = "period", type = "period" } },
  build = function(r, p)
    local doc, db = r.doc, r.db
    local function try(label, fn) print(label, select(2, pcall(fn))) end
    try("heading level", function() doc:heading(4, "x") end)
    try("heading text", function() doc:heading(1, nil) end)
    try("no colon", function() doc.heading(1, "x") end)
    try("meta field", function() doc:meta { titel = "x" } end)
    try("table field", function() doc:table { colums = {} } end)
    try("no columns", function() doc:table { rows = {} } end)
    try("column type", function() doc:table { columns = { { key = "a", type = "money" } } } end)
    try("column key", function() doc:table { columns = { { title = "A" } } } end)
    try("column field", function() doc:table { columns = { { key = "a", sums = true } } } end)
    try("key not in query", function()
      doc:table { columns = { { key = "budsjett" } }, rows = db:rows("SELECT code, name FROM area") }
    end)
    try("text in number column", function()
      doc:table { columns = { { key = "name", type = "amount" } }, rows = db:rows("SELECT name FROM area") }
    end)
    try("bad date", function()
      doc:table { columns = { { key = "d", type = "date" } }, rows = { { d = "31.12.2026" } } }
    end)
    try("bad status", function()
      doc:table { columns = { { key = "v", type = "decimal", status = "s" } }, rows = { { v = 1, s = "green" } } }
    end)
    try("group without rows", function() doc:table { columns = { { key = "a" } }, group_by = "a" } end)
    try("image missing", function() doc:image { path = "mangler.png", alt = "x" } end)
    try("image escape", function() doc:image { path = "../../etc/passwd", alt = "x" } end)
    try("image alt", function() doc:image { path = "script.lua" } end)
    try("keyfigure type", function() doc:keyfigures { { label = "x", value = 1, type = "kr" } } end)
    try("undeclared param", function() return p.periode end)
    print("period", p.period)
    try("status label", function() return rapp.status.label("green") end)
    print("status", rapp.status.label("desired"), rapp.status.symbol("unacceptable"), rapp.status.label("no_target"))
    print("pairs order")
    local t = { b = 1, a = 2, [3] = "x", [1] = "y", [true] = "z", c = 3 }
    for k, v in pairs(t) do print("", k, v) end
    print("random", math.random(1, 1000000), math.random(1, 1000000))
  end,
}
