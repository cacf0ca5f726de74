-- sandbox_protect_assign: every write into the protected library fails with the script's line,
-- whichever way it is tried; the last one is not caught and stops the run before any output
local rapp = require("rapp")
local tries = {
  function() string.upper = nil end,
  function() string.trim = function(s) return s end end,
  function() table.concat = nil end,
  function() table.insert(require("rapp.report").formats, "exe") end,
  function() math.floor = nil end,
  function() math.pi = 3 end,
  function() utf8.char = nil end,
  function() rapp.report = nil end,
  function() rapp.status.label = nil end,
  function() require("rapp.doc").new = nil end,
  function() require("rapp.scorecard").SQL = "SELECT 1" end,
  function() string = {} end,
  function() pairs = next end,
  function() _G.print = nil end,
  function() rawset(_G, "tostring", nil) end,
  function() rawset(math, "max", nil) end,
  function() load("string.format = nil")() end,
  function() setmetatable(string, {}) end,
}
for _, f in ipairs(tries) do print(pcall(f)) end -- print writes to stderr
print(("x"):upper(), string.format("%d", 7), table.concat({ "a", "b" }, ","), math.floor(2.5))
string.len = function() return 0 end
return rapp.report { name = "t", title = "Test", formats = { "txt" }, build = function() end }
