local rapp = require("rapp")
-- huge.png beside the snapshot: 20 000 x 20 000 pixels (about 400 MB decoded) in a small file.
return rapp.report { name = "bilde", title = "Bilde", formats = { "pdf" }, build = function(r)
  r.doc:image { path = "huge.png", width_mm = 100, alt = "Et stort bilde" }
end }
