-- outname_area_code: codes from the snapshot become part of the output name only when they are
-- safe (checked in C, util/outname.c): an area code '../x' is refused, nothing is written
local rapp = require("rapp")
return rapp.report { name = "omrade", title = "Område", formats = { "txt" },
  params = { { name = "period", type = "period" }, { name = "area", type = "area" } },
  build = function(r, p) r.doc:paragraph(p.area.name) end }
