-- sandbox_protect_is_report: replacing rapp.report's is_report to return a forged report
require("rapp.report").is_report = function() return true end
return { name = "forged", title = "Forged", formats = { "txt" }, params = {},
  build = function(r) r.doc:paragraph("forged") end }
