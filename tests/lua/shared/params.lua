-- shared/params.lua: one parameter of every type, printed by build; the params_* cases run it
local rapp = require("rapp")
return rapp.report {
  name = "params", title = "Parametere", formats = { "txt" },
  params = {
    { name = "period", type = "period", kinds = { "quarter", "tertial" }, required = true },
    { name = "area", type = "area" },
    { name = "unit", type = "unit" },
    { name = "title", type = "string", default = "Standard", label = "Tittel" },
    { name = "top", type = "integer", min = 1, max = 20, default = 5 },
    { name = "detail", type = "boolean", default = false },
    { name = "lang", type = "choice", choices = { "nb", { value = "nn", label = "nynorsk" } }, default = "nb" },
  },
  build = function(r, p)
    print(p.period.code, p.area and p.area.code, p.unit and (p.unit.code .. " " .. p.unit.name .. " " .. p.unit.area_code),
      p.title, p.top, math.type(p.top), p.detail, p.lang)
  end,
}
