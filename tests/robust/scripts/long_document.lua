local rapp = require("rapp")
-- A document that takes seconds to render, so a test's signal lands while the outputs are written.
return rapp.report { name = "langt", title = "Langt dokument", formats = { "pdf", "xlsx" }, build = function(r)
  local rows = {}
  for i = 1, 100000 do rows[i] = { n = i, tekst = "Rad nummer " .. i .. " i en lang tabell" } end
  r.doc:heading(1, "Lang tabell")
  r.doc:table { rows = rows, columns = { { key = "n", title = "Nr", type = "integer" },
                                         { key = "tekst", title = "Tekst" } } }
end }
