-- sql_cte_insert
local rapp = require("rapp")
return rapp.report {
  name = "t", title = "Test", formats = { "txt" },
  params = { { name = "period", type = "period" } },
  build = function(r, p)
    r.db:rows([[WITH x AS (SELECT 1) INSERT INTO area SELECT 'X', 'X', 1 FROM x]])
  end,
}
