-- limit_time_loop
local rapp = require("rapp")
return rapp.report {
  name = "t", title = "Test", formats = { "txt" },
  params = { { name = "period", type = "period" } },
  build = function(r, p)
    while true do end
  end,
}
