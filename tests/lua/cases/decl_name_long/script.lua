-- decl_name_long: a report name of 300 characters is refused (an output name part has at most 100)
local rapp = require("rapp")
return rapp.report { name = ("a"):rep(300), title = "T", formats = { "txt" }, build = function() end }
