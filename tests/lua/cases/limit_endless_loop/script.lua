-- limit_endless_loop
local rapp = require("rapp")
return rapp.report {
  name = "t", title = "Test", formats = { "txt" },
  params = { { name = "period", type = "period" } },
  build = function(r, p)
    r.doc:paragraph("før løkken")
    while true do end
  end,
}
