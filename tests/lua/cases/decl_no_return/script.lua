-- decl_no_return: forgot to return the report
local rapp = require("rapp")
rapp.report { name = "x", title = "T", build = function() end }
