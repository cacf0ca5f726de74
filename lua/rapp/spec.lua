-- lua/rapp/spec.lua — checking the tables scripts pass to the API (rapp.report, doc:table,
-- doc:chart, scorecard options): one place for the set of allowed names and the refusal of an
-- unknown field, so every API function words the error the same way.
local pairs, ipairs, tostring, error, sort, concat, fmt =
  pairs, ipairs, tostring, error, table.sort, table.concat, string.format
local M = {}

--- set { "a", "b" } -> { a = true, b = true }
function M.set(list)
  local s = {}
  for _, v in ipairs(list) do s[v] = true end
  return s
end

--- Refuses a field of spec not in the set allowed (a typo would otherwise be silently ignored):
--- "<what>: unknown field 'x' (valid: a, b, c)".
function M.check_fields(what, spec, allowed)
  for k in pairs(spec) do
    if not allowed[k] then
      local names = {}
      for name in pairs(allowed) do names[#names + 1] = name end
      sort(names)
      error(fmt("%s: unknown field '%s' (valid: %s)", what, tostring(k), concat(names, ", ")), 0)
    end
  end
end

return M
