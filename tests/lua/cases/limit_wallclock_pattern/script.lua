-- limit_wallclock_pattern
local rapp = require("rapp")
return rapp.report {
  name = "t", title = "Test", formats = { "txt" },
  params = { { name = "period", type = "period" } },
  build = function(r, p)
    r.doc:paragraph("før mønsteret")
    string.find(string.rep("a", 40), string.rep("a*", 40) .. "b")
  end,
}
