-- sandbox_package
local rapp = require("rapp")
return rapp.report {
  name = "t", title = "Test", formats = { "txt" },
  params = { { name = "period", type = "period" } },
  build = function(r, p)
    package.loadlib("libc.so.6", "system")
  end,
}
