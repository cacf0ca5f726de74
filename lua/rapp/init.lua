-- lua/rapp/init.lua — `local rapp = require("rapp")`: the report script API.
--   rapp.report { ... }   declare a report (name, title, parameters, build function)
--   rapp.fmt.*            Norwegian formatting of numbers, amounts, percentages and dates
--   rapp.period(code)     a reporting period with its label, dates, months and neighbours
--   rapp.status.*         the scorecard status words and symbols
--   rapp.columns(row)     the column names of a query row, in query order
-- docs/scripting.md is the reference; every example there runs in the test suite.
local _, core = ...
local rapp = {}

rapp.report = require("rapp.report").declare
rapp.fmt = require("rapp.fmt")
rapp.period = require("rapp.period").parse
rapp.is_period = require("rapp.period").is_period
rapp.columns = require("rapp.db").columns
--- rapp.labels("nn") -> { key = text }: the engine's and the library's words in a language form
rapp.labels = require("rapp.labels").all

rapp.status = {}
--- "desired" -> "Ønsket resultat"
function rapp.status.label(code)
  local label = core.status_label(tostring(code))
  if not label then
    error(("rapp.status.label: '%s' is not a status (valid: %s)"):format(tostring(code), core.status_codes), 0)
  end
  return label
end
--- "desired" -> "●"
function rapp.status.symbol(code)
  local label, symbol = core.status_label(tostring(code))
  if not label then
    error(("rapp.status.symbol: '%s' is not a status (valid: %s)"):format(tostring(code), core.status_codes), 0)
  end
  return symbol
end

return rapp
