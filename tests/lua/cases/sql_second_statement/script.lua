-- sql_second_statement
local rapp = require("rapp")
return rapp.report {
  name = "t", title = "Test", formats = { "txt" },
  params = { { name = "period", type = "period" } },
  build = function(r, p)
    r.db:rows([[SELECT 1; DELETE FROM area]])
  end,
}
