local rapp = require("rapp")
return rapp.report { name = "overskrifter", title = "Overskrifter", formats = { "txt" }, build = function(r)
  for i = 1, 40 do r.doc:heading(1, string.rep("x", 10 * 1000 * 1000)) end
end }
