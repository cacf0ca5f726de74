-- api_fmt: every formatting rule of rapp.fmt (the stderr golden holds what print shows)
local rapp = require("rapp")
local f = rapp.fmt
return rapp.report {
  name = "t", title = "Test", formats = { "txt" },
  build = function(r, p)
    local function show(label, ...) print(label, ...) end
    show("number", f.number(1234567.8), f.number(1234567.8, 1), f.number(-1234.5), f.number(0), f.number(-0.0))
    show("half away", f.number(0.5), f.number(-0.5), f.number(1.5), f.number(2.5), f.number(2.675, 2), f.number(-2.675, 2))
    show("small", f.number(0.04, 1), f.number(-0.04, 1), f.number(0.05, 1), f.number(-0.05, 1))
    show("huge", f.number(1e15), f.number(123456789012345678), f.number(-9.87654321e12, 2))
    show("nil", f.number(nil), f.percent(nil), f.kr(nil), f.thousands(nil), f.date(nil), f.text(nil))
    show("integer", f.integer(1234.5), f.integer(-1234.5), f.integer(999.4999))
    show("decimal", f.decimal(1234.56), f.decimal(1234.56, 2), f.decimal(-0.001, 2))
    show("percent", f.percent(12.5), f.percent(12.45), f.percent(-3), f.percent(100, 0), f.percent(0))
    show("kr", f.kr(1234567), f.kr(-125071), f.kr(0.5), f.kr(1234.5, 2))
    show("thousands", f.thousands(1234567), f.thousands(-125071), f.thousands(499), f.thousands(500), f.thousands(-500))
    show("amount", f.amount(1234567), f.amount(1234567, { unit = true }), f.amount(1234567, { thousands = true }),
      f.amount(1234567, { thousands = true, unit = true, decimals = 1 }))
    show("round", f.round(2.675, 2), f.round(-2.5), f.round(1234.5678, 1), f.round(0.125, 2))
    show("date", f.date("2026-12-31"), f.date(20260105), f.date_long("2026-12-31"), f.date_long("2026-05-01"))
    show("month", f.month_name(1), f.month_name(12), f.month_name("2026-09"), f.month("2026-09"))
    show("text", f.text(1234567), f.text(12.25), f.text(12.25, 2), f.text("tekst"), f.text(true))
    show("dash", f.dash == "\u{2013}")
    show("errors")
    print(pcall(f.number, "12"))
    print(pcall(f.number, 1, 12))
    print(pcall(f.date, "31.12.2026"))
    print(pcall(f.date, "2026-02-30"))
    print(pcall(f.month_name, 13))
    print(pcall(f.percent, {}))
  end,
}
