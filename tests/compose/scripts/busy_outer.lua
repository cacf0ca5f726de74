-- spends about 300 000 instructions itself, then (with_inner) includes busy_inner, which spends
-- as many again: under --instruction-limit 500000 it passes alone and fails with the include
local rapp = require("rapp")
secret = "ytre variabel"
return rapp.report { name = "busy_outer", title = "Ytre",
  params = { { name = "with_inner", type = "boolean", default = false } },
  build = function(r, p)
    local n = 0
    for i = 1, 100000 do n = n + i % 7 end
    r.doc:paragraph("ytre " .. n)
    if p.with_inner then r:include("busy_inner", { label = "fra ytre" }) end
  end }
