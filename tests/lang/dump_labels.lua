-- tests/lang/dump_labels.lua — every word a standard report prints through the label tables, in the
-- run's language form (--lang), as a one-sheet XLSX (key, text) that check_lang.py reads back: the
-- engine's and the library's (rapp.labels), the status words, and reports/labels/kvartalsrapport.lua
-- (copied beside this script by the test, so require finds it).
local rapp = require("rapp")
local own = require("labels.kvartalsrapport")
return rapp.report {
  name = "labels", title = "Labels", formats = { "xlsx" },
  labels = own,
  build = function(r)
    local rows = {}
    for key, text in pairs(rapp.labels(r.lang)) do rows[#rows + 1] = { key = key, text = text } end
    for key in pairs(own.nb) do rows[#rows + 1] = { key = "report." .. key, text = r:label(key) } end
    for _, code in ipairs { "desired", "acceptable", "unacceptable", "not_measured", "no_target" } do
      rows[#rows + 1] = { key = "status." .. code, text = rapp.status.label(code) }
    end
    table.sort(rows, function(a, b) return a.key < b.key end)
    r.doc:table { sheet = "labels", columns = { { key = "key", title = "key" }, { key = "text", title = "text" } },
      rows = rows }
  end,
}
