-- a small report with its own cover and table of contents, attached by attach_outer
local rapp = require("rapp")
return rapp.report { name = "covered", title = "Med forside", build = function(r)
  r.doc:meta { title = "Liten rapport" }
  r.doc:cover { title = "Liten rapport" }
  r.doc:toc()
  r.doc:heading(1, "Første kapittel")
  r.doc:paragraph("Innhold i første kapittel.")
  r.doc:pagebreak()
  r.doc:heading(1, "Andre kapittel")
  r.doc:paragraph("Innhold i andre kapittel.")
end }
