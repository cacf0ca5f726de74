-- decl_bad_name: a report name that would escape the output folder
local rapp = require("rapp")
return rapp.report { name = "../../etc/x", title = "T", build = function() end }
