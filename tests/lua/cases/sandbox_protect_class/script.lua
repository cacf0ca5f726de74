-- sandbox_protect_class: a library class reachable as obj.__index (Period, r.doc, r.db, a table)
-- is read-only; replacing Period.previous would make `--period latest` mean 2019-T1
local rapp = require("rapp")
local P = rapp.period("2026-T1").__index
print(pcall(function() P.previous = function() return rapp.period("2019-T1") end end))
return rapp.report { name = "t", title = "Test", formats = { "txt" },
  params = { { name = "period", type = "period", kinds = { "quarter" } } },
  build = function(r, p)
    local t = r.doc:table { columns = { { key = "a" } } }
    print(pcall(function() r.doc.__index.paragraph = print end))
    print(pcall(function() r.db.__index.rows = function() return {} end end))
    print(pcall(function() t.__index.add_row = print end))
    print(P == p.period.__index, p.period:previous().code, rapp.period("2026-T1"):previous().code)
    r.doc:paragraph(p.period.code)
  end }
