-- tests/e2e/scorecard_unit.lua — the unit variant of rapp.scorecard, for check_kvartalsrapport.py.
local rapp = require("rapp")
local scorecard = require("rapp.scorecard")
return rapp.report {
  name = "scorecard_unit", title = "Målekort for en enhet",
  formats = { "xlsx" },
  params = { { name = "period", type = "period", required = true }, { name = "unit", type = "unit", required = true } },
  build = function(r, p)
    r.doc:heading(1, "Målekort")
    scorecard.table(r, { period = p.period, unit = p.unit, comment = true, sheet = "Enhet" })
    scorecard.summary(r, { period = p.period, unit = p.unit, sheet = "Oppsummering" })
  end,
}
