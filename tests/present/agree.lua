-- tests/present/agree.lua — one document for present_renderers_agree: merged repeats (text and
-- integer), an amount column in 1 000 kr with values that round to zero, a percentage that rounds
-- to zero, statuses (as a value's colour and as a status word), units on values, subtotals and a
-- total, a status-only cell, and the production time on the "Om rapporten" lines.
local rapp = require("rapp")
return rapp.report {
  name = "samsvar", title = "Samsvar mellom formatene", formats = { "pdf", "xlsx", "txt" },
  build = function(r)
    r.doc:heading(1, "Tabell")
    r.doc:table {
      title = "Samsvarstabell", sheet = "Samsvar",
      columns = {
        { key = "area", title = "Område", merge_repeats = true },
        { key = "n", title = "Antall", type = "integer", merge_repeats = true, sum = true },
        { key = "amount", title = "Beløp", type = "amount", thousands = true, sum = true },
        { key = "share", title = "Andel", type = "percent", decimals = 1 },
        { key = "result", title = "Resultat", type = "decimal", decimals = 1 },
      },
      group_by = "area", subtotals = "Sum", total = "Totalt",
      rows = {
        { area = "Oppvekst", n = 3, amount = -32, share = -0.04,
          result = { value = 7.63, unit = "\u{A0}%", decimals = 1, status = "unacceptable" } },
        { area = "Oppvekst", n = 3, amount = 1234567, share = 12.5,
          result = { value = 16, unit = "\u{A0}dager", decimals = 0, status = "desired" } },
        { area = "Helse", n = 3, amount = -1500, share = -0.06,
          result = { text = "Ikke målt", status = "not_measured" } },
        { area = "Helse", n = 4, amount = 400, share = 3.25,
          result = { value = 4.1, decimals = 1, status = "acceptable" } },
      },
    }
    r.doc:chart { kind = "column", title = "Nullsøyler", type = "integer",
      categories = { "2025", "2026" }, series = { { name = "Avvik", values = { 0, 0 } } } }
  end,
}
