local rapp = require("rapp")
return rapp.report { name = "lenke", title = "Lenke", formats = { "txt", "pdf" }, build = function(r)
  r.doc:heading(1, "Lenke")
  r.doc:paragraph("Denne rapporten skal aldri skrives gjennom en lenke.")
end }
