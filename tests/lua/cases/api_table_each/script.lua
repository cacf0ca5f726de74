-- api_table_each: rows = r.db:each(sql) fills a table straight from the query (compact storage,
-- no Lua rows) and shows exactly what rows = r.db:rows(sql) shows: flat, grouped with subtotals
-- and a total, statuses from a column, a cell that needs its own storage (own decimals, unit)
-- next to compact ones; errors name the column; a for loop over r.db:each still works.
local rapp = require("rapp")
return rapp.report {
  name = "each", title = "Tabell fra spørring", formats = { "txt" },
  params = { { name = "period", type = "period" } },
  build = function(r, p)
    local sql = [[SELECT a.name AS area, u.code, u.name, u.head,
        (SELECT sum(amount) FROM budget b WHERE b.unit_code = u.code) AS budget,
        CASE WHEN u.code > 'ENH2' THEN 'desired' ELSE 'unacceptable' END AS st,
        '2026-0' || (length(u.code) % 9 + 1) || '-15' AS day
      FROM unit u JOIN area a ON a.code = u.area_code ORDER BY a.sort_order, u.sort_order]]
    local cols = {
      { key = "code", title = "Kode", status = "st" },
      { key = "name", title = "Navn" },
      { key = "head", title = "Leder" },
      { key = "budget", title = "Budsjett", type = "amount", thousands = true, sum = true },
      { key = "day", title = "Dato", type = "date" },
    }
    for _, how in ipairs { "rows", "each" } do
      r.doc:table { title = "Flat " .. how, columns = cols, rows = r.db[how](r.db, sql) }
      r.doc:table { title = "Gruppert " .. how, columns = cols, rows = r.db[how](r.db, sql),
        group_by = "area", total = "Sum" }
    end
    -- compact rows and rows with their own cells in one table, then rows added by hand
    local t = r.doc:table { title = "Blandet", columns = { { key = "code", title = "Kode" }, cols[2], cols[4] },
      rows = r.db:each("SELECT code, name, 1234.5 AS budget FROM unit ORDER BY code LIMIT 2") }
    t:add_row { code = { value = "X", status = "acceptable" }, budget = { value = 2500, unit = "\u{A0}kr", decimals = 1 } }
    t:add_row { code = "Y", budget = 100 }
    t:total("Sum")
    local n = 0
    for row in r.db:each("SELECT code FROM unit ORDER BY code") do
      n = n + 1
      if n == 2 then print("for loop", row.code) break end
    end
    print(pcall(function() r.doc:table { columns = { { key = "nope" } }, rows = r.db:each("SELECT code FROM unit") } end))
    print(pcall(function() r.doc:table { columns = { { key = "code" } }, group_by = "area",
      rows = r.db:each("SELECT code FROM unit") } end))
    print(pcall(function() r.doc:table { columns = { { key = "code", type = "amount" } },
      rows = r.db:each("SELECT code FROM unit") } end))
    print(pcall(function() r.doc:table { columns = { { key = "code" } }, rows = function() end } end))
  end,
}
