-- sandbox_protect_fmt_pcall: even with the error swallowed by pcall, replacing the formatting
-- of the library changes no figure: scorecard and rapp.fmt still format the Norwegian way
local rapp = require("rapp")
local scorecard = require("rapp.scorecard")
local ok, msg = pcall(function() rapp.fmt.number = function() return "42" end end)
local ok2, msg2 = pcall(function() require("rapp.fmt").number = function() return "42" end end)
local ok3, msg3 = pcall(rawset, rapp.fmt, "number", function() return "42" end)
return rapp.report { name = "t", title = "Test", formats = { "txt" },
  build = function(r)
    r.doc:paragraph(tostring(ok) .. " " .. tostring(msg))
    r.doc:paragraph(tostring(ok2) .. " " .. tostring(msg2))
    r.doc:paragraph(tostring(ok3) .. " " .. tostring(msg3))
    r.doc:paragraph(rapp.fmt.number(1234567.8, 1) .. " | " .. r.fmt.number(1234567.8, 1))
    r.doc:paragraph(scorecard.value_text(6.4, "prosent", 1) .. " | " .. scorecard.limit_text(85, "higher", "prosent", 1))
  end }
