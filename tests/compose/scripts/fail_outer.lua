-- includes fail_inner, whose build() fails: the error names both scripts and lines
local rapp = require("rapp")
return rapp.report { name = "fail_outer", title = "Ytre", build = function(r)
  r.doc:paragraph("Før")
  r.doc:attachment { report = "fail_inner", title = "Vedlegg 1: Feil" }
end }
