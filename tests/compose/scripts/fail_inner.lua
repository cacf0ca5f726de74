local rapp = require("rapp")
return rapp.report { name = "fail_inner", title = "Indre", build = function(r)
  r.doc:paragraph("Indre")
  error("noe gikk galt i det indre")
end }
