-- tests/batch/enhet.lua — a small unit report for the batch tests (issue 14): one page per unit
-- with its name, code, area, leader and sick leave in the period.
local rapp = require("rapp")

return rapp.report {
  name = "enhet",
  title = "Enhetsark",
  formats = { "pdf", "txt" },
  params = {
    { name = "period", type = "period", kinds = { "tertial", "quarter", "month", "year" }, default = "latest" },
    { name = "unit", type = "unit", required = true },
  },
  build = function(r, p)
    local u = p.unit
    r.doc:heading(1, "Enhetsark for " .. u.name)
    r.doc:paragraph("Enhetskode: " .. u.code .. ". Leder: " .. (u.head or "ukjent") .. ".")
    local a = r.db:row([[
      SELECT 100.0 * sum(short_term_days + long_term_days) / sum(planned_days) AS pct
      FROM absence WHERE unit_code = :unit AND month BETWEEN :first AND :last]],
      { unit = u.code, first = p.period.first_month, last = p.period.last_month })
    r.doc:paragraph("Sykefravær " .. p.period.label .. ": "
      .. (a.pct and r.fmt.percent(a.pct, 1) or "ikke registrert"))
  end,
}
