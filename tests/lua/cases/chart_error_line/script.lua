-- chart_error_line: an uncaught doc:chart error names the script line and leaves no output
local rapp = require("rapp")
return rapp.report {
  name = "t", title = "Test", formats = { "txt" },
  build = function(r, p)
    r.doc:paragraph("Før diagrammet.")
    r.doc:chart {
      kind = "column", title = "Budsjett",
      rows = r.db:rows("SELECT name, sort_order FROM area"),
      category = "name", series = { { key = "budget", name = "Budsjett" } },
    }
  end,
}
