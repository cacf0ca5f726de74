-- sql_top_level: a query while the script is loading (before the parameters are checked)
local rapp = require("rapp")
local n = require("rapp.db").new():value("SELECT count(*) FROM area")
return rapp.report {
  name = "t", title = "Test", formats = { "txt" },
  build = function(r, p) end,
}
