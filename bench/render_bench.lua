-- bench/render_bench.lua — the rendering benchmark's report (bench/render_bench.sh): one table of
-- N rows × 8 columns (unit, area, four amounts, a percentage, a decimal) from bench/render_bench.sql,
-- header repeated on every page, "Side N av M", the embedded Liberation Sans. The floors
-- (bench/floor_pdf.c, bench/floor_xlsx.c) write the same rows straight through the libraries.
local rapp = require("rapp")

-- The generator: the same SQL the floors run (kept in bench/render_bench.sql; inlined here since a
-- script reads no files).
local SQL = [[
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < :rows)
SELECT 'Enhet ' || (i % 997 + 1) AS unit,
       'Område ' || (i % 13 + 1) AS area,
       (i * 7919) % 9000000 + 100000 AS budget,
       (i * 104729) % 9000000 + 90000 AS actual,
       (i * 1299709) % 900000 - 450000 AS deviation,
       (i * 15485863) % 5000000 AS forecast,
       ((i * 7) % 4001 - 2000) / 10.0 AS pct,
       (i * 31) % 100000 / 100.0 AS ratio
FROM n]]

return rapp.report {
  name = "render_bench",
  title = "Ytelsestest",
  params = { { name = "rows", type = "integer", min = 1, max = 10000000, default = 10000 } },
  build = function(r, p)
    r.doc:table {
      title = "Enheter",
      columns = {
        { key = "unit", title = "Enhet" },
        { key = "area", title = "Område" },
        { key = "budget", title = "Budsjett", type = "amount" },
        { key = "actual", title = "Regnskap", type = "amount" },
        { key = "deviation", title = "Avvik", type = "amount" },
        { key = "forecast", title = "Prognose", type = "amount" },
        { key = "pct", title = "Andel", type = "percent", decimals = 1 },
        { key = "ratio", title = "Nøkkeltall", type = "decimal", decimals = 2 },
      },
      rows = r.db:rows(SQL, { rows = p.rows }),
    }
  end,
}
