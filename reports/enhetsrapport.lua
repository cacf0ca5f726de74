-- reports/enhetsrapport.lua — one unit for the leader's dialogue (lederdialog): the unit's economy
-- month by month against the periodised budget, sick leave month by month against the goal, its
-- scorecard (its area's own goals and the common ones), deviations (counts only) over the last four
-- tertials and the status of its leader agreements. Parameter unit (required), so that
--   rapp run reports/enhetsrapport.lua --each unit
-- makes one report per unit (docs/batch.md). docs/reports.md describes every figure.
local rapp = require("rapp")
local economy = require("rapp.economy")
local absence = require("rapp.absence")
local scorecard = require("rapp.scorecard")
local risk = require("rapp.risk")
local fmt = rapp.fmt

local NBSP = economy.NBSP

-- The unit's budget and actuals per month of :year up to :last_month (the amounts as entered).
local MONTHS_SQL = [[
SELECT pe.code AS month,
       (SELECT round(sum(b.amount), 2) FROM budget b WHERE b.unit_code = :unit AND b.month = pe.code) AS budget,
       (SELECT round(sum(a.amount), 2) FROM actual a WHERE a.unit_code = :unit AND a.month = pe.code) AS actual
FROM period pe WHERE pe.kind = 'month' AND pe.year = :year AND pe.code <= :last_month
ORDER BY pe.number]]

-- The unit's leader agreements of :year and the two years before, as they stood on :as_of (view
-- leader_agreement_state); the signing date only once signed by then.
local AGREEMENT_SQL = [[
SELECT year, leader, status, CASE WHEN signed = 1 THEN signed_date END AS signed_date
FROM leader_agreement_state
WHERE unit_code = :unit AND year BETWEEN :year - 2 AND :year
  AND valid_from <= :as_of AND (valid_to IS NULL OR :as_of < valid_to)
ORDER BY year DESC]]

local function capital(s) return (s:gsub("^%l", string.upper)) end

return rapp.report {
  name = "enhetsrapport",
  title = "Enhetsrapport",
  description = "Én enhet til lederdialogen: økonomi og sykefravær måned for måned, målekort, avvik og "
    .. "status for lederavtalen.",
  formats = { "pdf", "xlsx", "html" },
  params = {
    { name = "period", type = "period", kinds = { "tertial", "month", "quarter", "year" }, default = "latest",
      description = "Periode (2026-T2, 2026-09); uten --period: siste hele tertial" },
    { name = "unit", type = "unit", required = true, description = "Enhetens kode (ENH2010)" },
  },
  build = function(r, p)
    local doc, db, per, u = r.doc, r.db, p.period, p.unit
    local as_of = per.as_of_date
    local q, ytd = economy.params(per, as_of)
    local area = db:row("SELECT code, name FROM area WHERE code = :a", { a = u.area_code })
    doc:meta { title = "Enhetsrapport " .. u.name .. " " .. per.label, subtitle = r.municipality, number_headings = true }
    doc:cover { title = "Enhetsrapport", subtitle = u.name .. " (" .. area.name .. ")", period = per, date = as_of }

    -- 1. Enheten
    doc:heading(1, "Enheten")
    doc:paragraph(("**%s** (%s), rammeområde %s. Leder: %s. Tallene gjelder %s, per %s.")
      :format(u.name, u.code, area.name, u.head or "ikke registrert", per.label, fmt.date(as_of)))

    -- 2. Økonomi
    doc:heading(1, "Økonomi")
    local unit_row
    for _, row in ipairs((economy.rows(r, q, area.code))) do
      if row.code == u.code then unit_row = row end
    end
    if not unit_row then
      doc:paragraph("Enheten har ikke budsjett, regnskap eller prognose for " .. per.year .. ".")
    else
      economy.table(r, { unit_row }, { title = u.name .. ", " .. ytd.label .. ", og prognose " .. per.year,
        first_title = "Enhet", sheet = "Økonomi i år" })
      local months, bsum, asum = {}, 0, 0
      for i, m in ipairs(db:rows(MONTHS_SQL, { unit = u.code, year = per.year, last_month = q.last_month })) do
        bsum, asum = bsum + (m.budget or 0), asum + (m.actual or 0)
        months[i] = { month = capital(fmt.month_name(tonumber(m.month:sub(6)))), budget = m.budget, actual = m.actual,
          deviation = (m.budget or 0) - (m.actual or 0), budget_ytd = bsum, actual_ytd = asum, deviation_ytd = bsum - asum }
      end
      doc:table {
        title = "Budsjett og regnskap per måned, " .. ytd.label,
        sheet = "Økonomi per måned",
        columns = {
          { key = "month", title = "Måned" },
          { key = "budget", title = "Budsjett", type = "amount", thousands = true, sum = true, group = "Måneden" },
          { key = "actual", title = "Regnskap", type = "amount", thousands = true, sum = true, group = "Måneden" },
          { key = "deviation", title = "Avvik", type = "amount", thousands = true, sum = true, mark_negative = true,
            group = "Måneden" },
          { key = "budget_ytd", title = "Budsjett", type = "amount", thousands = true, group = "Hittil i år" },
          { key = "actual_ytd", title = "Regnskap", type = "amount", thousands = true, group = "Hittil i år" },
          { key = "deviation_ytd", title = "Avvik", type = "amount", thousands = true, mark_negative = true,
            group = "Hittil i år" },
        },
        rows = months,
        total = "Sum",
        note = economy.SIGN_NOTE,
      }
      doc:chart {
        kind = "column", title = "Budsjett og regnskap per måned, " .. ytd.label,
        type = "amount", thousands = true, value_title = "Beløp",
        rows = months, category = "month",
        series = { { key = "budget", name = "Budsjett" }, { key = "actual", name = "Regnskap" } },
      }
    end

    -- 3. Sykefravær. The goal is the unit's own: the desired limit of sick leave (MA01) the unit's
    -- scorecard shows (the unit's target, else the area's, else the municipality's; scorecard.SQL),
    -- else the area's goal of rapp.absence when the indicator is not on the unit's card.
    doc:heading(1, "Sykefravær")
    local goal
    for _, row in ipairs((scorecard.rows(r, { period = per, unit = u.code }))) do
      if row.indicator_code == "MA01" then goal = row.desired end
    end
    local sick = {}
    for _, m in ipairs(ytd.months) do
      for _, row in ipairs(absence.rows(r, { first_month = m, last_month = m }, area.code)) do
        if row.code == u.code then
          sick[#sick + 1] = { month = capital(fmt.month_name(tonumber(m:sub(6)))), short_pct = row.short_pct,
            long_pct = row.long_pct, total_pct = row.total_pct, goal_pct = goal or row.goal_pct,
            last_year_pct = row.last_year_pct }
        end
      end
    end
    if #sick == 0 then
      doc:paragraph("Det foreligger ingen tall for sykefravær for enheten i " .. ytd.label .. ".")
    else
      doc:paragraph(("Sykefravær per måned i %s i prosent av avtalte dagsverk, mot målet og samme måned i fjor.")
        :format(ytd.label))
      doc:table {
        title = "Sykefravær per måned, " .. ytd.label,
        sheet = "Sykefravær per måned",
        columns = {
          { key = "month", title = "Måned" },
          { key = "short_pct", title = "Korttid", type = "percent", decimals = 1 },
          { key = "long_pct", title = "Langtid", type = "percent", decimals = 1 },
          { key = "total_pct", title = "Totalt", type = "percent", decimals = 1 },
          { key = "goal_pct", title = "Mål", type = "percent", decimals = 1 },
          { key = "last_year_pct", title = "Samme måned i fjor", type = "percent", decimals = 1 },
        },
        rows = sick,
        note = "Korttid: egenmeldt og legemeldt fravær 1–16 dager. Langtid: legemeldt fravær over 16 dager. "
          .. "Mål: ønsket resultat for sykefravær totalt i enhetens målekort for " .. per.year
          .. " (enhetens eget mål, ellers rammeområdets eller kommunens).",
      }
      doc:chart {
        kind = "line", title = "Sykefravær per måned, " .. u.name,
        type = "percent", decimals = 1, value_title = "Sykefravær",
        rows = sick, category = "month",
        series = { { key = "total_pct", name = tostring(per.year) }, { key = "last_year_pct", name = tostring(per.year - 1) } },
        lines = sick[1].goal_pct and { { value = sick[1].goal_pct, label = "Mål " .. fmt.percent(sick[1].goal_pct, 1) } }
          or nil,
      }
    end

    -- 4. Målekort (landscape: the scorecard's eight columns)
    doc:landscape()
    doc:heading(1, "Målekort")
    doc:paragraph("Enhetens resultater på rammeområdets egne mål og de felles målene som måles for enheten.")
    local _, counts = scorecard.table(r, { period = per, unit = u.code, sheet = "Målekort for enheten" })
    if counts.total == 0 then
      doc:paragraph("Ingen indikatorer i målekortet måles for enheten.")
    end

    -- 5. Avvik
    doc:portrait()
    doc:heading(1, "Avvik")
    local tertials = risk.tertials(per)
    local devs = risk.deviations(r, "category", tertials, as_of, u.code)
    if #devs == 0 then
      doc:paragraph(("Enheten har ikke registrert avvik fra %s til og med %s."):format(tertials[1].label, fmt.date(as_of)))
    else
      risk.deviation_table(r, devs, tertials, { title = "Avvik per kategori og tertial, " .. u.name,
        sheet = "Avvik per kategori", first_title = "Kategori", as_of = as_of })
    end

    -- 6. Lederavtale
    doc:heading(1, "Lederavtale")
    local agreements = db:rows(AGREEMENT_SQL, { unit = u.code, year = per.year, as_of = as_of })
    if #agreements == 0 then
      doc:paragraph("Det er ikke registrert lederavtaler for enheten.")
    else
      local list = {}
      for i, a in ipairs(agreements) do
        list[i] = { year = tostring(a.year), leader = a.leader, status = capital(a.status), signed_date = a.signed_date }
      end
      doc:paragraph(("Lederavtale %d: %s per %s."):format(per.year,
        agreements[1].year == per.year and agreements[1].status or "ikke registrert", fmt.date(as_of)))
      doc:table {
        title = "Lederavtaler per " .. fmt.date(as_of),
        sheet = "Lederavtaler",
        columns = {
          { key = "year", title = "År" },
          { key = "leader", title = "Leder" },
          { key = "status", title = "Status per " .. fmt.date(as_of) },
          { key = "signed_date", title = "Signert", type = "date" },
        },
        rows = list,
      }
    end
  end,
}
