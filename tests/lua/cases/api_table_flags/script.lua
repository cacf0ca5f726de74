-- api_table_flags: mark_negative on a column, legend = false on a table, per-cell decimals.
local rapp = require("rapp")
return rapp.report {
  name = "flagg", title = "Tabellvalg", formats = { "txt" },
  params = { { name = "period", type = "period" } },
  build = function(r, p)
    r.doc:table {
      legend = false,
      columns = {
        { key = "name", title = "Indikator" },
        { key = "value", title = "Resultat", type = "decimal", decimals = 1 },
        { key = "dev", title = "Avvik", type = "amount", mark_negative = true },
      },
      rows = {
        { name = "Sykefravær", value = { value = 7.64, status = "unacceptable" }, dev = -1500 },
        { name = "Skår", value = { value = 4.256, decimals = 2, status = "desired" }, dev = 200 },
        { name = "Antall", value = { value = 625, decimals = 0 }, dev = 0 },
      },
    }
    local ok, err = pcall(function()
      r.doc:table { columns = { { key = "v", type = "decimal" } }, rows = { { v = { value = 1, decimals = 12 } } } }
    end)
    print(err)
    ok, err = pcall(function() r.doc:table { legend = "nei", columns = { { key = "v" } } } end)
    print(err)
  end,
}
