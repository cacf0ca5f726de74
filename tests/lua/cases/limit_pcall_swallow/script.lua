-- limit_pcall_swallow
local rapp = require("rapp")
return rapp.report {
  name = "t", title = "Test", formats = { "txt" },
  params = { { name = "period", type = "period" } },
  build = function(r, p)
    while true do
      pcall(function() while true do end end)
    end
  end,
}
