-- sandbox_load_binary_mode
local rapp = require("rapp")
return rapp.report {
  name = "t", title = "Test", formats = { "txt" },
  params = { { name = "period", type = "period" } },
  build = function(r, p)
    assert(load("\27LuaT", "x", "b"))
  end,
}
