-- tests/lang/dump_labels.lua — every word a standard report prints through the label tables, in the
-- run's language form (--lang), as a one-sheet XLSX (key, text) that check_lang.py reads back: the
-- engine's and the library's (rapp.labels), the status words, and the tables reports/labels/<name>.lua
-- of the reports named in the parameter reports (copied beside this script by the test, so require
-- finds them), as report.<name>.<key>: the text in the run's form, else the bokmål one.
local rapp = require("rapp")
return rapp.report {
  name = "labels", title = "Labels", formats = { "xlsx" },
  params = { { name = "reports", type = "string", default = "kvartalsrapport" } },
  build = function(r, p)
    local rows = {}
    for key, text in pairs(rapp.labels(r.lang)) do rows[#rows + 1] = { key = key, text = text } end
    for name in p.reports:gmatch("[^,]+") do
      local own = require("labels." .. name)
      for key, nb in pairs(own.nb) do
        rows[#rows + 1] = { key = "report." .. name .. "." .. key, text = own[r.lang] and own[r.lang][key] or nb }
      end
    end
    for _, code in ipairs { "desired", "acceptable", "unacceptable", "not_measured", "no_target" } do
      rows[#rows + 1] = { key = "status." .. code, text = rapp.status.label(code) }
    end
    table.sort(rows, function(a, b) return a.key < b.key end)
    r.doc:table { sheet = "labels", columns = { { key = "key", title = "key" }, { key = "text", title = "text" } },
      rows = rows }
  end,
}
