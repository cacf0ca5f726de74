-- sandbox_os_setlocale
local rapp = require("rapp")
return rapp.report {
  name = "t", title = "Test", formats = { "txt" },
  params = { { name = "period", type = "period" } },
  build = function(r, p)
    os.setlocale("nb_NO.UTF-8")
  end,
}
