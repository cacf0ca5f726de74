-- sql_insert
local rapp = require("rapp")
return rapp.report {
  name = "t", title = "Test", formats = { "txt" },
  params = { { name = "period", type = "period" } },
  build = function(r, p)
    r.db:rows([[INSERT INTO area VALUES ('X', 'X', 9)]])
  end,
}
