-- sandbox_globals_ok: what stays free — globals of the script's own, its own tables and
-- metatables, string methods, reading (and iterating) the library, load() of text
local rapp = require("rapp")
antall = 0
function legg_til(n) antall = antall + n end
legg_til(2)
_G.fra_g = "via _G"
rawset(_G, "med_rawset", "via rawset")
load("fra_load = 'via load'")()
local mine = setmetatable({}, { __index = function(_, k) return "standard " .. k end })
mine.navn = "egen"
local mt = getmetatable(mine)
mt.__tostring = function() return "min tabell" end
local t = { 3, 1, 2 }
table.sort(t)
table.insert(t, 4)
local n = 0
for _ in pairs(string) do n = n + 1 end
local kinds = {}
for i, k in ipairs(require("rapp.report").period_kinds) do kinds[i] = k end
local string_keys = {}
for k in pairs(rapp.status) do string_keys[#string_keys + 1] = k end
return rapp.report { name = "t", title = "Test", formats = { "txt" },
  params = { { name = "period", type = "period" } },
  build = function(r, p)
    r.doc:bullets {
      "antall " .. antall, fra_g, med_rawset, fra_load, mine.navn, mine.annet, tostring(mine),
      table.concat(t, ","), ("x"):upper(), ("%d%%"):format(12), ("a,b"):gsub(",", ";"),
      "string har " .. (n > 10 and "mange" or "få") .. " funksjoner",
      "#period_kinds " .. #require("rapp.report").period_kinds .. ": " .. table.concat(kinds, ","),
      "rapp.status: " .. table.concat(string_keys, ","),
      "math.pi " .. string.format("%.2f", math.pi), utf8.char(248), tostring(rawget(_G, "antall")),
      tostring(getmetatable("")), p.period.label,
    }
  end }
