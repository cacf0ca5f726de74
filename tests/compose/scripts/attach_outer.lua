-- attaches covered twice: without (vedlegg 1) and with (vedlegg 2) its own cover and contents
local rapp = require("rapp")
return rapp.report { name = "attach_outer", title = "Sak", formats = { "pdf", "txt", "xlsx", "html" },
  build = function(r)
    r.doc:heading(1, "Saken")
    r.doc:paragraph("Tekst i saken.")
    r.doc:attachment { report = "covered" }
    r.doc:attachment { report = "covered", title = "Vedlegg 2: Med forside og innhold", cover = true, toc = true }
  end }
