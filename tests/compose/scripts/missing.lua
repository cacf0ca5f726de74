-- includes a report that does not exist: the error names this script's line and the name
local rapp = require("rapp")
return rapp.report { name = "missing", title = "Mangler", build = function(r)
  r.doc:paragraph("Før")
  r:include("finnesikke")
end }
