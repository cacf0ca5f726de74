-- a module next to the script
local M = {}
function M.andel(a, b)
  if b == 0 then error("kan ikke dele på null") end
  return a / b
end
return M
