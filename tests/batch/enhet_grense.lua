-- tests/batch/enhet_grense.lua — the unit report of tests/batch/enhet.lua hitting the limits for two
-- units, so the batch test (case limits) sees a worker that runs item after item in one process
-- stop a stuck C call at the wall-clock limit (ENH1020: a string pattern that backtracks for ever)
-- and fail a report at the memory limit (ENH2010), while the other units are written; each item's
-- "Tellar" shows it got a new Lua state (a counter kept by the script starts again).
local rapp = require("rapp")
local runs = 0

return rapp.report {
  name = "enhet",
  title = "Enhetsark",
  formats = { "txt" },
  params = {
    { name = "period", type = "period", kinds = { "tertial", "quarter", "month", "year" }, default = "latest" },
    { name = "unit", type = "unit", required = true },
  },
  build = function(r, p)
    runs = runs + 1
    if p.unit.code == "ENH1020" then
      string.find(string.rep("a", 200), string.rep("a*", 40) .. "b")
    elseif p.unit.code == "ENH2010" then
      local t = {}
      for i = 1, 100000 do t[i] = string.rep("x", 1048576) .. i end
    end
    r.doc:heading(1, "Enhetsark for " .. p.unit.name)
    r.doc:paragraph("Tellar: " .. runs)
  end,
}
