-- chart_pattern_tiny_bar: a fourth series is drawn with the dots pattern; a bar of it lower than
-- half a pattern step has no dot, and once made libharu refuse the page (error 0x1051,
-- HPDF_PAGE_INVALID_GMODE: a fill without a path), so the whole PDF failed.
local rapp = require("rapp")
return rapp.report {
  name = "t", title = "Test", formats = { "pdf" },
  build = function(r, p)
    r.doc:chart { kind = "column", title = "Mønstrede søyler", type = "amount", thousands = true,
      categories = { "Stort selskap", "A", "B", "C", "D" },
      series = { { name = "2022", values = { 42738000, 2000, 2000, 2000, 2000 } },
                 { name = "2023", values = { 25196000, 2000, 2000, 2000, 2000 } },
                 { name = "2024", values = { 27392000, 2000, 2000, 2000, 2000 } },
                 -- bars of about 1 to 3 points: lower than half the 6-point pattern step
                 { name = "2025", values = { 49173000, 400000, 600000, 800000, 950000 } } } }
  end }
