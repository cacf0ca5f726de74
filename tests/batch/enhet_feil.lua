-- tests/batch/enhet_feil.lua — the unit report of tests/batch/enhet.lua, failing on purpose for two
-- units (ENH1020, ENH2010): the batch must fail exactly those and write the others.
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
    if p.unit.code == "ENH1020" or p.unit.code == "ENH2010" then
      error("ingen data for enheten " .. p.unit.code)
    end
    r.doc:heading(1, "Enhetsark for " .. p.unit.name)
    r.doc:paragraph("Enhetskode: " .. p.unit.code .. ".")
  end,
}
