-- sandbox_io
local rapp = require("rapp")
return rapp.report {
  name = "t", title = "Test", formats = { "txt" },
  params = { { name = "period", type = "period" } },
  build = function(r, p)
    local f = io.open("/etc/passwd")
  end,
}
