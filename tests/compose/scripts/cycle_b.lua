local rapp = require("rapp")
return rapp.report { name = "cycle_b", title = "B", build = function(r)
  r:include("cycle_a")
end }
