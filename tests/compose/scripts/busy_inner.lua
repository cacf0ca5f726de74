-- the included report: it cannot see the including script's globals (secret is nil here)
local rapp = require("rapp")
return rapp.report { name = "busy_inner", title = "Indre",
  params = { { name = "label", type = "string", required = true } },
  build = function(r, p)
    local n = 0
    for i = 1, 100000 do n = n + i % 7 end
    r.doc:heading(1, "Indre kapittel")
    r.doc:paragraph(("indre %d, %s, secret=%s"):format(n, p.label, tostring(secret)))
  end }
