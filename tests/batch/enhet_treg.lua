-- tests/batch/enhet_treg.lua — the unit report of tests/batch/enhet.lua that spins for unit ENH2010
-- (until the instruction limit), so a test can kill the worker running it (case worker).
local rapp = require("rapp")

return rapp.report {
  name = "enhet",
  title = "Enhetsark",
  formats = { "txt" },
  params = {
    { name = "period", type = "period", kinds = { "tertial", "quarter", "month", "year" }, default = "latest" },
    { name = "unit", type = "unit", required = true },
  },
  build = function(r, p)
    if p.unit.code == "ENH2010" then
      local n = 0
      while true do n = n + 1 end
    end
    r.doc:heading(1, "Enhetsark for " .. p.unit.name)
  end,
}
