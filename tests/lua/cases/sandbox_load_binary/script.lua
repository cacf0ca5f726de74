-- sandbox_load_binary
local rapp = require("rapp")
return rapp.report {
  name = "t", title = "Test", formats = { "txt" },
  params = { { name = "period", type = "period" } },
  build = function(r, p)
    local bytecode = "\27Lua\84\0\25\147\13\10\26\10"
    assert(load(bytecode))
  end,
}
