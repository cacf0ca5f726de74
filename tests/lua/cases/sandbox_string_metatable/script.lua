-- sandbox_string_metatable
local rapp = require("rapp")
return rapp.report {
  name = "t", title = "Test", formats = { "txt" },
  params = { { name = "period", type = "period" } },
  build = function(r, p)
    getmetatable("").__index = {}
  end,
}
