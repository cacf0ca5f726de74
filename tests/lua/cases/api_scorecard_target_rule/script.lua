-- api_scorecard_target_rule: the target rule (view target_choice) gives the same limits to a
-- scope's indicator with a result (through result_status) and without one (scorecard.SQL's rows
-- without a result): VENTETID has targets for the municipality, the area OPPV, the unit ENH1100,
-- and two for ENH1200 (area empty, and its area: that one applies); HO and KUL have none of
-- their own. Each scope's card shows its own limits, the unit's, else the area's, else the
-- municipality's, with or without a result; and result_status judges a result by the same.
local rapp = require("rapp")
local scorecard = require("rapp.scorecard")
return rapp.report {
  name = "regel", title = "Resultatkrav", formats = { "txt" },
  params = { { name = "period", type = "period" } },
  build = function(r, p)
    local function limits(row)
      return string.format("%s/%s", tostring(row.desired), tostring(row.acceptable))
    end
    local scopes = { {}, { area = "OPPV" }, { area = "HO" }, { unit = "ENH1100" }, { unit = "ENH1200" },
      { unit = "ENH2100" }, { unit = "ENH3100" } }
    for _, s in ipairs(scopes) do
      local rows = scorecard.rows(r, { period = p.period, area = s.area, unit = s.unit, common = "all" })
      for _, row in ipairs(rows) do
        if row.indicator_code == "VENTETID" then
          -- the same scope's result of another month, judged by result_status
          local rs = r.db:row([[SELECT desired, acceptable FROM result_status WHERE indicator_code = 'VENTETID'
            AND period = '2026-07' AND (unit_code = :unit OR :unit = '' AND unit_code IS NULL AND area_code IS nullif(:area, ''))]],
            { unit = s.unit or "", area = s.area or "" })
          print(s.unit or s.area or "kommunen", row.period, tostring(row.value), row.status, limits(row),
            "result_status " .. limits(rs), limits(rs) == limits(row) and "same" or "DIFFERENT")
        end
      end
    end
    for row in r.db:each([[SELECT unit_code, area_code, desired, acceptable FROM target_choice
        WHERE indicator_code = 'VENTETID' AND year = 2026 ORDER BY unit_code IS NOT NULL, unit_code, area_code]]) do
      print("target_choice", tostring(row.unit_code), tostring(row.area_code), limits(row))
    end
  end,
}
