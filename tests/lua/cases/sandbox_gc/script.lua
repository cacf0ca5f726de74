-- sandbox_gc
local rapp = require("rapp")
return rapp.report {
  name = "t", title = "Test", formats = { "txt" },
  params = { { name = "period", type = "period" } },
  build = function(r, p)
    setmetatable({}, { __gc = function() while true do end end })
  end,
}
