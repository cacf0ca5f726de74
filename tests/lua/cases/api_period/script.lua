-- api_period: rapp.period and the period parameter's fields and methods
local rapp = require("rapp")
return rapp.report {
  name = "t", title = "Test", formats = { "txt" },
  params = { { name = "period", type = "period", required = true } },
  build = function(r, p)
    local function dump(per)
      print(per.code, per.kind, per.kind_label, per.year, per.number, per.label)
      print("", per.first_month, per.last_month, per.first_date, per.last_date, table.concat(per.months, " "))
    end
    dump(p.period)
    for _, code in ipairs { "2026-09", "2026-Q3", "2026-T2", "2026", "2026-01", "2026-Q1", "2026-T1", "2024-02" } do
      dump(rapp.period(code))
    end
    print("previous", rapp.period("2026-Q1"):previous().code, rapp.period("2026-T1"):previous().code,
      rapp.period("2026-01"):previous().code, rapp.period("2026"):previous().code)
    print("last year", rapp.period("2026-T2"):last_year().label, rapp.period("2026-09"):last_year().code)
    local y = rapp.period("2026-T2"):ytd()
    print("ytd", y.label, y.first_month, y.last_month, y.first_date, y.last_date, #y.months)
    print("ytd jan", rapp.period("2026-01"):ytd().label)
    print("contains", p.period:contains("2026-05"), p.period:contains("2026-09-01"), p.period:contains("2025-06"))
    print("tostring", tostring(p.period), rapp.is_period(p.period), rapp.is_period("2026"))
    print(pcall(rapp.period, "2026-Q5"))
    print(pcall(rapp.period, "2026-13"))
    print(pcall(rapp.period, "26-T1"))
    print(pcall(rapp.period, 2026))
    -- a period binds its code as a query parameter
    print("bound", r.db:value("SELECT label FROM (SELECT :p AS label)", { p = p.period }))
    print("db", r.db:value("SELECT last_date FROM period WHERE code = :p", { p = p.period }))
  end,
}
