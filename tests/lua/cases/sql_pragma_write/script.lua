-- sql_pragma_write
local rapp = require("rapp")
return rapp.report {
  name = "t", title = "Test", formats = { "txt" },
  params = { { name = "period", type = "period" } },
  build = function(r, p)
    r.db:rows([[PRAGMA user_version = 5]])
  end,
}
