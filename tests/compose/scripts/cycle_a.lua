-- cycle_a includes cycle_b, which includes cycle_a: refused
local rapp = require("rapp")
return rapp.report { name = "cycle_a", title = "A", build = function(r)
  r:include("cycle_b")
end }
