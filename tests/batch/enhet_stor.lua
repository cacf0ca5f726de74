-- tests/batch/enhet_stor.lua — the unit report of tests/batch/enhet.lua with a long table for unit
-- ENH2010 (some hundred PDF pages, seconds to write), so a test can kill the worker while it writes
-- that item's PDF into its private temporary folder (case crash).
local rapp = require("rapp")

return rapp.report {
  name = "enhet",
  title = "Enhetsark",
  formats = { "pdf" },
  params = {
    { name = "period", type = "period", kinds = { "tertial", "quarter", "month", "year" }, default = "latest" },
    { name = "unit", type = "unit", required = true },
  },
  build = function(r, p)
    r.doc:heading(1, "Enhetsark for " .. p.unit.name)
    if p.unit.code == "ENH2010" then
      local rows = {}
      for i = 1, 100000 do rows[i] = { n = i, tekst = "Rad nummer " .. i .. " i en lang tabell" } end
      r.doc:table { columns = { { key = "n", title = "Nr", type = "integer" }, { key = "tekst", title = "Tekst" } },
                    rows = rows }
    end
  end,
}
