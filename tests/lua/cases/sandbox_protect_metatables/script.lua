-- sandbox_protect_metatables: the library's metatables (rows, statement handles, periods, the
-- document, the string metatable) cannot be read or replaced by a script
local rapp = require("rapp")
return rapp.report { name = "t", title = "Test", formats = { "txt" },
  params = { { name = "period", type = "period" } },
  build = function(r, p)
    local row = r.db:row("SELECT code FROM area LIMIT 1")
    local _, handle = r.db:each("SELECT code FROM area")
    local out = {
      "row " .. tostring(getmetatable(row)),
      "handle " .. tostring(getmetatable(handle)),
      "period " .. tostring(getmetatable(p.period)),
      "doc " .. tostring(getmetatable(r.doc)),
      "db " .. tostring(getmetatable(r.db)),
      "string " .. tostring(getmetatable("")),
      "rapp " .. tostring(getmetatable(rapp)),
      "globals " .. tostring(getmetatable(_G)),
    }
    for _, t in ipairs { row, p.period, r.doc, _G, rapp } do
      local ok, msg = pcall(setmetatable, t, nil)
      out[#out + 1] = tostring(ok) .. " " .. tostring(msg)
    end
    r.doc:bullets(out)
    r.doc:paragraph(rapp.columns(row)[1] .. " " .. tostring(p.period))
  end }
