-- params_latest: `--period latest` is the last complete period of the first kind at the cut-off
-- (fixture cut-off 2026-08-31: T2 ends that day, Q3 does not); default = "latest" likewise.
local rapp = require("rapp")
return rapp.report {
  name = "latest", title = "Siste periode", formats = { "txt" },
  params = {
    { name = "period", type = "period", kinds = { "tertial", "quarter" }, required = true },
    { name = "quarter", type = "period", kinds = { "quarter" }, default = "latest" },
    { name = "month", type = "period", kinds = { "month" }, default = "latest" },
  },
  build = function(r, p) print(p.period.code, p.quarter.code, p.month.code) end,
}
