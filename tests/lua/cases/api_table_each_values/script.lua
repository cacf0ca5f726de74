-- api_table_each_values: rows = r.db:each(sql) reads the common values straight from SQLite (a
-- number into a number column, a text into a text column, NULL) and converts the rest as
-- rows = r.db:rows(sql) does (a number into a text column, an ISO date text or a yyyymmdd
-- integer into a date column); both tables print the same cells. Errors name the same row.
local rapp = require("rapp")
return rapp.report {
  name = "values", title = "Verdier fra spørring", formats = { "txt" },
  params = { { name = "period", type = "period" } },
  build = function(r, p)
    local sql = [[SELECT * FROM (VALUES
        ('Tekst', 'Oslo', 1234567, 12.25, '2026-03-01', 'desired'),
        (42, 3.5, -1234.5, 0, 20261231, NULL),
        (NULL, NULL, NULL, NULL, NULL, 'unacceptable'),
        ('Æøå', 'x' || char(9) || 'y', 1e15, -0.04, '2026-12-31T10:00', 'no_target'),
        (-7, 1.0 / 3, 2.5e-3, 99.95, NULL, NULL))]]
    local cols = {
      { key = "column1", title = "Tekst", status = "column6" },
      { key = "column2", title = "Blandet" },
      { key = "column3", title = "Beløp", type = "amount", sum = true },
      { key = "column4", title = "Andel", type = "percent", decimals = 1 },
      { key = "column5", title = "Dato", type = "date" },
      { key = "column3", title = "Desimal", type = "decimal", decimals = 3 },
      { key = "column4", title = "Heltall", type = "integer" },
    }
    for _, how in ipairs { "rows", "each" } do
      r.doc:table { title = how, columns = cols, rows = r.db[how](r.db, sql), total = "Sum" }
    end
    for _, how in ipairs { "rows", "each" } do
      print(how, pcall(function()
        r.doc:table { columns = { { key = "a", title = "A", type = "decimal" } },
          rows = r.db[how](r.db, "SELECT 1 AS a UNION ALL SELECT 2.5 UNION ALL SELECT 'tre'") }
      end))
      print(how, pcall(function()
        r.doc:table { columns = { { key = "a", title = "A", type = "date" } },
          rows = r.db[how](r.db, "SELECT 20261301 AS a") }
      end))
    end
  end,
}
