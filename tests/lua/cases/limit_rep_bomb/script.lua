-- limit_rep_bomb
local rapp = require("rapp")
return rapp.report {
  name = "t", title = "Test", formats = { "txt" },
  params = { { name = "period", type = "period" } },
  build = function(r, p)
    local s = string.rep("x", 1 << 30)
  end,
}
