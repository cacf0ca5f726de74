-- usage_wrong_version: never runs; the snapshot's schema version is checked first.
local rapp = require("rapp")
return rapp.report { name = "versjon", title = "Versjon", formats = { "txt" },
  params = { { name = "period", type = "period" } }, build = function(r, p) print("ran") end }
