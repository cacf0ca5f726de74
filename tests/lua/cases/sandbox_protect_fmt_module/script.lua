-- sandbox_protect_fmt_module: a shared helper module replacing rapp.fmt.number is stopped at its
-- own line (it would silently change every scorecard's figures)
local rapp = require("rapp")
require("felles")
return rapp.report { name = "t", title = "Test", formats = { "txt" },
  build = function(r) r.doc:paragraph(rapp.fmt.number(1234567.8, 1)) end }
