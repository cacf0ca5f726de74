-- script_error_module: an error in a module next to the script; the traceback shows the user's
-- frames only, and no output file is left behind
local rapp = require("rapp")
local felles = require("felles")
local function beregn(r)
  r.doc:paragraph("delvis skrevet")
  return felles.andel(1, 0)
end
return rapp.report {
  name = "t", title = "T", formats = { "txt", "pdf" },
  build = function(r, p) beregn(r) end,
}
