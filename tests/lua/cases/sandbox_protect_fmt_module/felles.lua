-- a helper module shared between municipalities that "improves" the number format
local rapp = require("rapp")
rapp.fmt.number = function() return "42" end
return {}
