-- api_query_repeat: the same query text run again (its prepared statement is kept and reused):
-- each run sees only its own parameters, from its first row; the same text nested while the
-- first still iterates, or after an r.db:each left mid-iteration; a refused or failing query
-- says the same each time and the next good run is right; more texts than are kept.
local rapp = require("rapp")
return rapp.report {
  name = "t", title = "Test", formats = { "txt" },
  build = function(r, p)
    local db = r.db
    local by_area = "SELECT code FROM unit WHERE area_code = :area ORDER BY code"
    for _, area in ipairs { "OPPV", "HO", "OPPV", "NONE" } do
      local codes = {}
      for _, u in ipairs(db:rows(by_area, { area = area })) do codes[#codes + 1] = u.code end
      print("rows", area, #codes, table.concat(codes, ","))
    end
    local pos = "SELECT ? || '-' || coalesce(?, 'nil')"
    print("value", db:value(pos, { "a", "b" }), db:value(pos, { "c", "d" }))
    print("unbound", pcall(db.value, db, pos, { "e" }))
    print("value again", db:value(pos, { "f", "g" }))
    -- nested: the same text while the outer run iterates, with other parameters
    local each = "SELECT code FROM area WHERE code <> :not ORDER BY sort_order"
    for outer in db:each(each, { ["not"] = "HO" }) do
      local inner = {}
      for row in db:each(each, { ["not"] = outer.code }) do inner[#inner + 1] = row.code end
      print("nested", outer.code, table.concat(inner, ","))
    end
    -- left mid-iteration, then the same text again: from its first row, with the new parameters
    for row in db:each(each, { ["not"] = "x" }) do print("first row, then break", row.code) break end
    local all = {}
    for row in db:each(each, { ["not"] = "x" }) do all[#all + 1] = row.code end
    print("again", table.concat(all, ","))
    print("row", db:row(each, { ["not"] = "OPPV" }).code, db:row(each, { ["not"] = "x" }).code)
    -- a refusal and a failing step say the same each time; a good run after them is right
    for _ = 1, 2 do print(pcall(db.value, db, "DELETE FROM unit")) end
    local json = "SELECT json_extract(:j, '$.a')"
    print("json", db:value(json, { j = '{"a":1}' }))
    for _ = 1, 2 do print(pcall(db.value, db, json, { j = "{bad" })) end
    print("json again", db:value(json, { j = '{"a":2}' }))
    print("count", db:value("SELECT count(*) FROM unit"), db:value("SELECT count(*) FROM unit"))
    -- more texts than are kept (the least recently used make room), each run twice
    local sums = {}
    for round = 1, 2 do
      local sum = 0
      for i = 1, 20 do sum = sum + db:value("SELECT :k * " .. i, { k = round }) end
      sums[#sums + 1] = sum
    end
    print("many texts", table.concat(sums, ","))
  end,
}
