-- sql_create_temp_view
local rapp = require("rapp")
return rapp.report {
  name = "t", title = "Test", formats = { "txt" },
  params = { { name = "period", type = "period" } },
  build = function(r, p)
    r.db:rows([[CREATE TEMP VIEW v AS SELECT 1]])
  end,
}
