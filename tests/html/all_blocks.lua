-- tests/html/all_blocks.lua: every block kind of the document model and every chart kind, for
-- the HTML renderer's tests (tests/html/). It runs the builds of two Lua API cases (copied next to
-- it by make_outputs.sh): api_doc (cover with logo, contents, headings on three levels, inline
-- bold and italic, bullets, key figures with status, tables with column groups, merged repeats,
-- groups, subtotals, totals, statuses and a unit note, landscape and portrait, a note, an image,
-- a page break) and chart_kinds (every chart kind, bands, reference lines, status series), then
-- adds a column chart with four series (patterned: tests/html/patterns.lua checks them). Runs on the Lua test fixture.
local rapp = require("rapp")
local api_doc = require("api_doc")
local chart_kinds = require("chart_kinds")
return rapp.report {
  name = "alle", title = "Alle blokker", formats = { "html", "txt", "pdf" },
  params = { { name = "period", type = "period", kinds = { "tertial" }, required = true } },
  build = function(r, p)
    local doc = r.doc
    api_doc.build(r, p)
    doc:heading(1, "Figurer")
    chart_kinds.build(r, p)
    doc:chart { kind = "column", title = "Fire serier", type = "integer", categories = { "A", "B", "C" },
      series = { { name = "En", values = { 1, 2, 3 } }, { name = "To", values = { 2, 3, 4 } },
                 { name = "Tre", values = { 3, 4, 5 } }, { name = "Fire", values = { 4, 5, 6 } } } }
    doc:heading(2, "Slutt")
  end,
}
