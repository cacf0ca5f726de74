-- reports/manedsrapport.lua — the monthly report to formannskapet (månedsrapport): the year
-- forecast (mindreforbruk / merforbruk), economy per budget area against the periodised and the
-- year budget, central revenues and finance, sick leave per area (the latest month with figures),
-- the kommunedirektør's and the areas' own comments. A few pages. docs/reports.md describes every
-- figure and where it comes from.
local rapp = require("rapp")
local economy = require("rapp.economy")
local absence = require("rapp.absence")
local commentary = require("rapp.commentary")
local fmt = rapp.fmt

-- The budget area of central revenues and finance: the area whose units are of these kinds.
local CENTRAL_SQL = [[
SELECT a.code, a.name FROM area a
WHERE a.code IN (SELECT area_code FROM unit WHERE kind IN ('sentrale inntekter', 'finans'))
ORDER BY a.sort_order LIMIT 1]]

-- "Helse og omsorg (et merforbruk på 12,3 mill. kr)" for the largest forecast deviations.
local function largest(r, rows, n)
  local list = {}
  for _, row in ipairs(rows) do
    if row.forecast_deviation and math.abs(row.forecast_deviation) >= 0.5 then list[#list + 1] = row end
  end
  table.sort(list, function(a, b)
    local x, y = math.abs(a.forecast_deviation), math.abs(b.forecast_deviation)
    if x ~= y then return x > y end
    return a.code < b.code
  end)
  local out = {}
  for i = 1, math.min(n, #list) do
    local row = list[i]
    out[i] = r:label("largest", row.name,
      economy.direction(row.forecast_deviation, r),
      row.year_budget and row.year_budget ~= 0 and fmt.percent(math.abs(row.forecast_deviation) * 100 / math.abs(row.year_budget), 1)
        or fmt.dash)
  end
  return out
end

return rapp.report {
  name = "manedsrapport",
  title = "Månedsrapport",
  description = "Månedsrapport til formannskapet: prognose for året, økonomi per rammeområde, sentrale "
    .. "inntekter og finans, sykefravær og rammeområdenes kommentarer.",
  formats = { "pdf", "xlsx", "html" },
  labels = require("labels.manedsrapport"),
  params = {
    { name = "period", type = "period", kinds = { "month" }, default = "latest",
      description = "Måned (2026-09); uten --period: siste hele måned" },
  },
  build = function(r, p)
    local doc, db, per = r.doc, r.db, p.period
    local as_of = per.as_of_date
    local q, ytd = economy.params(per, as_of)
    local title = r:label("title.period", per.label)
    doc:meta { title = title, subtitle = r.municipality, number_headings = true }
    doc:cover { title = r:label("title"), subtitle = r.municipality, period = per, date = as_of }
    doc:toc()

    local rows, total = economy.rows(r, q)
    local central = db:row(CENTRAL_SQL)
    local sick_month = absence.latest_month(r, per.last_month)
    local sick = sick_month and absence.rows(r, { first_month = sick_month, last_month = sick_month }) or {}
    local whole = absence.whole(sick)
    local sick_label = sick_month and fmt.month(sick_month)

    -- 1. Sammendrag
    doc:heading(1, r:label("h.summary"))
    local fdev = total.forecast_deviation
    local fpct = total.frame ~= 0 and fdev * 100 / total.frame or nil
    doc:keyfigures {
      { label = r:label("kf.forecast_dev", per.year), value = total.has_forecast and fdev or nil,
        type = "amount", thousands = true, comparison = r:label("kf.positive") },
      { label = r:label("kf.forecast_pct"), value = total.has_forecast and fpct or nil, type = "percent",
        decimals = 1, comparison = r:label("kf.frames", fmt.thousands(total.frame)) },
      { label = r:label("kf.deviation_ytd"), value = total.deviation_ytd, type = "amount", thousands = true,
        comparison = ytd.label },
      { label = r:label("kf.absence", sick_label or per.label), value = whole and whole.total_pct, type = "percent", decimals = 1,
        persons = whole and whole.employees, -- personvern: hidden in the public edition if too few
        comparison = r:label("kf.absence_cmp", whole and fmt.percent(whole.goal_pct, 1) or fmt.dash,
          whole and fmt.percent(whole.last_year_pct, 1) or fmt.dash) },
    }
    local text = {}
    if total.has_forecast then
      text[#text + 1] = r:label("s.forecast", fmt.date_long(as_of),
        economy.direction(fdev, r), per.year,
        fpct and r:label("s.of_frames", fmt.percent(math.abs(fpct), 1)) or "")
    else
      text[#text + 1] = r:label("s.no_forecast", per.year, fmt.date_long(as_of))
    end
    text[#text + 1] = r:label("s.ytd", ytd.label,
      economy.direction(total.deviation_ytd, r))
    if whole then
      text[#text + 1] = r:label("s.absence",
        sick_label, fmt.percent(whole.total_pct, 1), fmt.percent(whole.goal_pct, 1), fmt.percent(whole.last_year_pct, 1))
    end
    doc:paragraph(table.concat(text, " "))
    local big = largest(r, rows, 3)
    if #big > 0 then
      doc:paragraph(r:label("largest.intro"))
      doc:bullets(big)
    end
    commentary.write(r, commentary.KOMMUNEDIREKTOR, per.code, "sammendrag",
      { heading = r:label("h.assessment"), level = 2 })

    -- 2. Økonomi per rammeområde
    doc:heading(1, r:label("h.economy"))
    doc:paragraph(r:label("eco.intro", per.year, ytd.label, fmt.date(as_of)))
    economy.table(r, rows, {
      title = r:label("eco.title", ytd.label, per.year),
      sheet = r:label("eco.sheet"),
      note = r:label("eco.note", fmt.month(ytd.last_month)),
    })
    economy.chart(r, rows, r:label("eco.chart", ytd.label))

    -- 3. Sentrale inntekter og finans
    if central then
      local crow = economy.rows(r, q, central.code)
      doc:heading(1, central.name)
      doc:paragraph(r:label("central.intro"))
      economy.table(r, crow, {
        title = r:label("central.title", central.name, ytd.label),
        first_title = r:label("central.first"),
        sheet = r:label("central.sheet"),
      })
    end

    -- 4. Sykefravær
    doc:heading(1, r:label("h.absence"))
    if not sick_month then
      doc:paragraph(r:label("abs.none"))
    else
      doc:paragraph(r:label("abs.intro", sick_label, sick_month < per.last_month
          and r:label("abs.not_ready", per.label) or ""))
      absence.table(r, sick, { label = sick_label, ly_label = fmt.month(absence.last_year_month(sick_month)),
        year = tonumber(sick_month:sub(1, 4)), sheet = r:label("abs.sheet") })
      -- the areas' comments on sick leave, where they wrote one (the economy comments follow in 5)
      for _, row in ipairs(sick) do
        if row.code and commentary.get(r, row.code, per.code, "sykefravaer") then
          commentary.write(r, row.code, per.code, "sykefravaer", { heading = row.name, level = 2 })
        end
      end
    end

    -- 5. Kommentarer fra rammeområdene
    doc:heading(1, r:label("h.comments"))
    doc:paragraph(r:label("comments.intro", per.label))
    for _, row in ipairs(rows) do
      commentary.write(r, row.code, per.code, "okonomi", { heading = row.name, level = 2 })
    end
  end,
}
