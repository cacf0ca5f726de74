-- decl_name_control: a report name with a control character (here an escape sequence) is refused
local rapp = require("rapp")
return rapp.report { name = "rapport\27[2J", title = "T", formats = { "txt" }, build = function() end }
