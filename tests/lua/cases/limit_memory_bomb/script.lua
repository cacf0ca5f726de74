-- limit_memory_bomb
local rapp = require("rapp")
return rapp.report {
  name = "t", title = "Test", formats = { "txt" },
  params = { { name = "period", type = "period" } },
  build = function(r, p)
    local s = string.rep("x", 1 << 20)
    local t = {}
    for i = 1, 1e6 do t[i] = s .. i end
  end,
}
