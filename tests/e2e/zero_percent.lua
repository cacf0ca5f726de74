-- tests/e2e/zero_percent.lua — the test report of e2e_zero_percent: percentages of one digit and
-- 0 (a 0 % share in an owner's table, the 0 % tick of a chart's value axis) beside wider ones, in
-- a table and a bar chart, and in running text. Every format must print "0 %" (the space before
-- % is U+00A0), PDF text layer included.
local rapp = require("rapp")
return rapp.report {
  name = "nullprosent", title = "Null prosent", formats = { "pdf", "xlsx", "txt", "html" },
  build = function(r)
    r.doc:heading(1, "Eierandeler")
    r.doc:paragraph("Kommunen eier " .. rapp.fmt.percent(0, 0) .. " av Selskap C.")
    r.doc:table {
      title = "Eierandeler", sheet = "Eierandeler",
      columns = {
        { key = "name", title = "Selskap" },
        { key = "share", title = "Eierandel", type = "percent", decimals = 0 },
        { key = "share1", title = "Andel med desimal", type = "percent", decimals = 1 },
      },
      rows = {
        { name = "Selskap A", share = 38.4, share1 = 38.4 },
        { name = "Selskap B", share = 5, share1 = 5 },
        { name = "Selskap C", share = 0, share1 = 0 },
        { name = "Selskap D", share = 0.2, share1 = 0.04 },
      },
    }
    r.doc:chart { kind = "bar", title = "Eierandel per selskap", type = "percent",
      categories = { "Selskap A", "Selskap B", "Selskap C" },
      series = { { name = "Eierandel", values = { 38.4, 5, 0 } } } }
  end,
}
