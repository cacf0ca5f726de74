-- list_folder: a second report beside params.lua, with an optional area parameter.
local rapp = require("rapp")
return rapp.report {
  name = "vedtaksoppfolging",
  title = "Oppfølging av politiske vedtak",
  description = "Politiske vedtak per utvalg med status, frist og ansvarlig.",
  formats = { "pdf", "xlsx" },
  params = {
    { name = "period", type = "period", kinds = { "month", "quarter", "tertial", "year" }, required = true },
    { name = "area", type = "area", description = "Bare vedtak der dette rammeområdet er ansvarlig" },
  },
  build = function(r, p) end,
}
