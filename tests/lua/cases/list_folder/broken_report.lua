-- a report with a mistake in its declaration: listed as an error (broken.lua, a helper module
-- that never mentions the report API, is skipped)
local rapp = require("rapp")
return rapp.report { name = "broken", title = "Brutt" }
