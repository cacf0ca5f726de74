-- limit_gc_finalizer_loop
local rapp = require("rapp")
return rapp.report {
  name = "t", title = "Test", formats = { "txt" },
  params = { { name = "period", type = "period" } },
  build = function(r, p)
    local mt = {}
    setmetatable({}, mt)
    mt.__gc = function() while true do end end
    collectgarbage()
    r.doc:paragraph("__gc set after setmetatable does not mark the object: no finalizer runs")
  end,
}
