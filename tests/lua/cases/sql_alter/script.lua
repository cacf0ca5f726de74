-- sql_alter
local rapp = require("rapp")
return rapp.report {
  name = "t", title = "Test", formats = { "txt" },
  params = { { name = "period", type = "period" } },
  build = function(r, p)
    r.db:rows([[ALTER TABLE area ADD COLUMN x]])
  end,
}
