-- sandbox_protect_forge_metatable: a table given the metatable of a real declaration is not a
-- report (the library's metatables are hidden; is_report checks identity)
local rapp = require("rapp")
local real = rapp.report { name = "real", title = "Real", formats = { "txt" }, build = function() end }
local mt = getmetatable(real)
return setmetatable({ name = "forged", title = "Forged", formats = { "txt" }, params = {},
  build = function(r) r.doc:paragraph("forged: " .. tostring(mt)) end }, type(mt) == "table" and mt or {})
