-- api_scorecard_table: scorecard.table's texts (limits worked out once per direction, unit,
-- decimals and value; the rows handed to the table in one call), rows = false (no copies: nil
-- and the counts), and that the copies it returns are the caller's (the cache is not changed).
local rapp = require("rapp")
local scorecard = require("rapp.scorecard")
return rapp.report {
  name = "kort", title = "Målekort", formats = { "txt" },
  params = { { name = "period", type = "period" } },
  build = function(r, p)
    local rows, counts = scorecard.table(r, { period = p.period, previous = true, trend = true })
    print("rows", #rows, rows[2].indicator, rows[2].desired, rows[2].status)
    print("counts", counts.total, counts.desired, counts.acceptable, counts.unacceptable, counts.not_measured)
    rows[2].indicator, rows[2].status = "endret", "desired" -- the caller's copy
    counts.total = 99
    local none, c2 = scorecard.table(r, { period = p.period, previous = true, trend = true, rows = false,
      legend = false, notes = false, sheet = false })
    print("rows = false", none, c2.total, c2.desired, c2.acceptable, c2.unacceptable, c2.not_measured)
    local again = scorecard.rows(r, { period = p.period })
    print("cache", again[2].indicator, again[2].status, scorecard.scope_counts(r, { period = p.period }).total)
    print(select(2, pcall(scorecard.table, r, { period = p.period, rows = "nei" })))
  end,
}
