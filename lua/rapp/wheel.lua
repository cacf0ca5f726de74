-- lua/rapp/wheel.lua — the årshjul (`require("rapp.wheel")`): the governance processes of a year
-- from the snapshot's wheel_activity, one entry per activity with the months it runs, its lane
-- (planlegging, rapportering, politiske vedtak), the body that decides and the every-fourth-year
-- rhythm. The one place of the rule "does an every-fourth-year item take place in year Y".
local fmt = require("rapp.fmt")
local M = {}

--- A month's column title, "Jan" ... "Des" (se "Ođđj" ...): fmt.month_short's chart form, capitalised.
function M.month_title(m)
  return fmt.capital(fmt.month_short(m, true))
end
M.MARK = "●" -- the mark of a month in which an activity runs

-- The lanes in order. An activity without a category falls back on its track.
M.LANES = {
  { code = "planlegging", label = "Planlegging" },
  { code = "rapportering", label = "Rapportering" },
  { code = "politisk", label = "Politiske vedtak" },
  { code = "administrativ", label = "Administrative prosesser" },
}
local LANE_ORDER, LANE_LABEL = {}, {}
for i, lane in ipairs(M.LANES) do
  LANE_ORDER[lane.code], LANE_LABEL[lane.code] = i, lane.label
end

--- Does an activity with (every_fourth_year, reference_year) take place in `year`? true or false;
--- nil for an every-fourth-year item whose reference year is not given (unknown).
function M.occurs(every_fourth_year, reference_year, year)
  if every_fourth_year == nil or every_fourth_year == 0 then return true end
  if reference_year == nil then return nil end
  return (year - reference_year) % 4 == 0
end

--- The first year >= `year` in which an every-fourth-year item takes place (nil when unknown).
function M.next_year(reference_year, year)
  if reference_year == nil then return nil end
  return year + (reference_year - year) % 4
end

--- The activities of the wheel for `year`, by lane, then in the order of their first line: { lane,
--- lane_label, text, months = { [1..12] = true }, whole_year, body (name or nil), fourth (boolean),
--- reference_year, occurs (true/false/nil), next_year (after `year`) }. Every activity is listed,
--- also an every-fourth-year one that does not take place in `year` (occurs false). An activity is
--- its lane and text: the lines of one text in several months are one activity.
function M.activities(db, year)
  local list, by_key = {}, {}
  for row in db:each([[
      SELECT w.month, w.track, coalesce(w.category, w.track) AS lane, w.text, w.every_fourth_year,
             w.reference_year, b.name AS body, w.sort_order
      FROM wheel_activity w LEFT JOIN political_body b ON b.code = w.body_code
      ORDER BY w.sort_order, w.rowid]]) do
    local key = row.lane .. "\0" .. row.text
    local a = by_key[key]
    if not a then
      a = { lane = row.lane, lane_label = LANE_LABEL[row.lane] or row.lane, text = row.text, months = {},
            whole_year = false, fourth = row.every_fourth_year == 1, reference_year = row.reference_year,
            body = row.body, first = row.sort_order, n = #list + 1 }
      a.occurs = M.occurs(row.every_fourth_year, row.reference_year, year)
      a.next_year = a.fourth and M.next_year(row.reference_year, year + 1) or nil
      by_key[key] = a
      list[#list + 1] = a
    end
    if row.month then a.months[row.month] = true else a.whole_year = true end
    if a.body == nil then a.body = row.body end
  end
  for _, a in ipairs(list) do
    if a.whole_year then for m = 1, 12 do a.months[m] = true end end
  end
  table.sort(list, function(x, y)
    local lx, ly = LANE_ORDER[x.lane] or 99, LANE_ORDER[y.lane] or 99
    if lx ~= ly then return lx < ly end
    if x.lane ~= y.lane then return x.lane < y.lane end
    return x.n < y.n
  end)
  return list
end

--- The months an activity runs, as text: "Hele året", or "feb, apr, jun".
function M.months_text(a)
  if a.whole_year then return "Hele året" end
  local out = {}
  for m = 1, 12 do if a.months[m] then out[#out + 1] = fmt.month_short(m, true) end end
  return table.concat(out, ", ")
end

return M
