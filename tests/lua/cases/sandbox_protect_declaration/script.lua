-- sandbox_protect_declaration: a declaration cannot change once rapp.report has checked it
local rapp = require("rapp")
local rep = rapp.report { name = "ok", title = "OK", formats = { "txt" }, build = function() end }
rep.name = "../escaped"
return rep
