-- api_query: rows, row, value, each; named and positional parameters; NULL as nil; misuse
local rapp = require("rapp")
return rapp.report {
  name = "t", title = "Test", formats = { "txt" },
  params = { { name = "area", type = "area", default = "OPPV" } },
  build = function(r, p)
    local db = r.db
    local rows, columns = db:rows("SELECT code, name, head FROM unit WHERE area_code = :area ORDER BY code", { area = p.area })
    print("rows", #rows, table.concat(columns, ","))
    for _, u in ipairs(rows) do print("", u.code, u.name, u.head == nil and "NULL" or u.head) end
    print("columns()", table.concat(rapp.columns(rows[1]), ","))
    print("area param", p.area.code, p.area.name, tostring(p.area))
    local one = db:row("SELECT code, head FROM unit WHERE code = ?", { "ENH3100" })
    print("row", one.code, one.head, rawget(one, "head"))
    print("no row", db:row("SELECT * FROM unit WHERE code = ?", { "NONE" }))
    print("value", db:value("SELECT count(*) FROM unit"), math.type(db:value("SELECT count(*) FROM unit")))
    print("real", db:value("SELECT sum(amount) FROM budget"), db:value("SELECT NULL"), db:value("SELECT 'tekst'"))
    print("positional", db:value("SELECT ? || '-' || ? || '-' || ?3", { "a", 2, true }))
    print("numbered", db:value("SELECT ?2 || ?1", { "x", "y" }))
    local n = 0
    for row in db:each("SELECT code FROM area ORDER BY sort_order") do
      n = n + 1
      if row.code == "HO" then break end
    end
    print("each broke after", n)
    local all = {}
    for row in db:each("SELECT code FROM area ORDER BY code") do all[#all + 1] = row.code end
    print("each", table.concat(all, ","))
    print("injection is bound, not pasted:", db:value("SELECT count(*) FROM area WHERE code = :c", { c = "X' OR '1'='1" }))
    print("errors")
    print(pcall(function() return one.hode end))
    print(pcall(db.rows, db, "SELECT * FROM unit WHERE code = :code"))
    print(pcall(db.rows, db, "SELECT ?", { 1, 2 }))
    print(pcall(db.rows, db, "SELECT :x", { x = {} }))
    print(pcall(db.rows, db, "SELECT :x", { x = print }))
    print(pcall(db.rows, "SELECT 1"))
    print(pcall(db.rows, db, 42))
    print(pcall(db.rows, db, "SELECT 1", "x"))
    print(pcall(db.value, db, ""))
  end,
}
