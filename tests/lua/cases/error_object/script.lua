-- error_object: an error value that is not a string
local rapp = require("rapp")
return rapp.report { name = "t", title = "T", formats = { "txt" }, build = function(r, p) error({ code = 1 }) end }
