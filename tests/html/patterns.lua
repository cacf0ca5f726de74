-- tests/html/patterns.lua: a column chart of three series (page 1: colours only) and the same
-- chart with a fourth series (page 2: every series but the first patterned, present.c's
-- present_series_pattern), plus a four-series bar chart (page 3), for html_chart_patterns.
local rapp = require("rapp")
local cats = { "A", "B", "C" }
local function series(n)
  local names, s = { "En", "To", "Tre", "Fire" }, {}
  for i = 1, n do s[i] = { name = names[i], values = { i, i + 1, i + 2 } } end
  return s
end
return rapp.report {
  name = "moenster", title = "Mønstre", formats = { "html", "pdf" },
  build = function(r)
    local doc = r.doc
    doc:chart { kind = "column", title = "Tre serier", type = "integer", categories = cats, series = series(3) }
    doc:pagebreak()
    doc:chart { kind = "column", title = "Fire serier", type = "integer", categories = cats, series = series(4) }
    doc:pagebreak()
    doc:chart { kind = "bar", title = "Fire liggende", type = "integer", categories = cats, series = series(4) }
  end,
}
