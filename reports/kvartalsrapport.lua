-- reports/kvartalsrapport.lua — the quarterly or tertial report to formannskapet (kommuneloven
-- § 14-15): summary, economy per budget area, sick leave, the scorecards, follow-up of political
-- decisions and internal control, for one quarter (2026-Q2) or tertial (2026-T2).
-- docs/reports.md describes every figure and where it comes from.
local rapp = require("rapp")
local scorecard = require("rapp.scorecard")
local fmt = rapp.fmt

local NBSP = "\u{A0}"

-- "ikke påbegynt" -> "Ikke påbegynt"
local upper_nb = { ["æ"] = "Æ", ["ø"] = "Ø", ["å"] = "Å" }
local function capital(s)
  if s == nil or s == "" then return s end
  local first = s:match("^[%z\1-\127\194-\244][\128-\191]*")
  return (upper_nb[first] or first:upper()) .. s:sub(#first + 1)
end

-- 12345678 -> "12,3 mill. kr"
local function millions(v)
  return fmt.number(math.abs(v) / 1e6, 1) .. NBSP .. "mill." .. NBSP .. "kr"
end

-- ---- the queries (every figure of the report comes from one of these) ----------------------

-- Economy per budget area: year budget, budget and actuals year to date, the latest forecast
-- made by the period's end (per unit), deviations (budget - actual: positive = mindreforbruk).
local ECONOMY_SQL = [[
WITH b AS (
  SELECT u.area_code,
         round(sum(b.amount), 2) AS year_budget,
         round(sum(CASE WHEN b.month <= :last_month THEN b.amount ELSE 0 END), 2) AS budget_ytd
  FROM budget b JOIN unit u ON u.code = b.unit_code
  WHERE b.month BETWEEN :first_month AND :year_end
  GROUP BY u.area_code
),
a AS (
  SELECT u.area_code, round(sum(a.amount), 2) AS actual_ytd
  FROM actual a JOIN unit u ON u.code = a.unit_code
  WHERE a.month BETWEEN :first_month AND :last_month
  GROUP BY u.area_code
),
f AS (
  SELECT u.area_code, sum(f.year_amount) AS forecast
  FROM forecast f JOIN unit u ON u.code = f.unit_code
  WHERE f.month = (SELECT max(f2.month) FROM forecast f2
                   WHERE f2.unit_code = f.unit_code AND f2.month BETWEEN :first_month AND :last_month)
  GROUP BY u.area_code
)
SELECT ar.code, ar.name,
       b.year_budget, b.budget_ytd, a.actual_ytd,
       round(coalesce(b.budget_ytd, 0) - coalesce(a.actual_ytd, 0), 2) AS deviation_ytd,
       CASE WHEN b.budget_ytd <> 0
            THEN (coalesce(b.budget_ytd, 0) - coalesce(a.actual_ytd, 0)) * 100.0 / abs(b.budget_ytd) END AS deviation_pct,
       f.forecast,
       CASE WHEN f.forecast IS NOT NULL THEN coalesce(b.year_budget, 0) - f.forecast END AS forecast_deviation
FROM area ar
LEFT JOIN b ON b.area_code = ar.code
LEFT JOIN a ON a.area_code = ar.code
LEFT JOIN f ON f.area_code = ar.code
WHERE b.area_code IS NOT NULL OR a.area_code IS NOT NULL OR f.area_code IS NOT NULL
ORDER BY ar.sort_order, ar.code]]

-- Sick leave per budget area over the period's months and the same months a year earlier, in %
-- of agreed days; the goal is the desired limit of indicator MA01 (the area's, else the
-- municipality's) for the year. Area code NULL = the whole municipality.
local ABSENCE_SQL = [[
WITH cur AS (
  SELECT u.area_code, sum(x.short_term_days) AS s, sum(x.long_term_days) AS l, sum(x.planned_days) AS p
  FROM absence x JOIN unit u ON u.code = x.unit_code
  WHERE x.month BETWEEN :first_month AND :last_month GROUP BY u.area_code
),
prev AS (
  SELECT u.area_code, sum(x.short_term_days + x.long_term_days) AS t, sum(x.planned_days) AS p
  FROM absence x JOIN unit u ON u.code = x.unit_code
  WHERE x.month BETWEEN :ly_first_month AND :ly_last_month GROUP BY u.area_code
),
rows AS (
  SELECT area_code, s, l, p FROM cur
  UNION ALL SELECT NULL, sum(s), sum(l), sum(p) FROM cur
),
prows AS (
  SELECT area_code, t, p FROM prev
  UNION ALL SELECT NULL, sum(t), sum(p) FROM prev
)
SELECT r.area_code AS code, coalesce(ar.name, 'Hele kommunen') AS name,
       r.s * 100.0 / r.p AS short_pct, r.l * 100.0 / r.p AS long_pct, (r.s + r.l) * 100.0 / r.p AS total_pct,
       coalesce((SELECT t.desired FROM target t WHERE t.indicator_code = 'MA01' AND t.year = :year
                   AND t.unit_code IS NULL AND t.area_code = r.area_code),
                (SELECT t.desired FROM target t WHERE t.indicator_code = 'MA01' AND t.year = :year
                   AND t.unit_code IS NULL AND t.area_code IS NULL)) AS goal_pct,
       pr.t * 100.0 / pr.p AS last_year_pct
FROM rows r
LEFT JOIN area ar ON ar.code = r.area_code
LEFT JOIN prows pr ON pr.area_code IS r.area_code
WHERE r.p > 0
ORDER BY r.area_code IS NULL, ar.sort_order, ar.code]]

-- Sick leave of the whole municipality month by month: this year up to the period's last month,
-- and all of last year, in % of agreed days.
local ABSENCE_MONTHS_SQL = [[
SELECT substr('janfebmaraprmaijunjulaugsepoktnovdes', 3 * pe.number - 2, 3) AS month,
       (SELECT 100.0 * sum(x.short_term_days + x.long_term_days) / sum(x.planned_days) FROM absence x
         WHERE x.month = pe.code AND x.month <= :last_month) AS this_year,
       (SELECT 100.0 * sum(x.short_term_days + x.long_term_days) / sum(x.planned_days) FROM absence x
         WHERE x.month = printf('%04d-%02d', pe.year - 1, pe.number)) AS last_year
FROM period pe WHERE pe.kind = 'month' AND pe.year = :year ORDER BY pe.number]]

-- Decisions to follow up, with their status on :as_of (view decision_state: the schema's as-of
-- rule and its overdue_from): every open one, and those finished or dropped in the period.
-- Overdue ones first, then open, then finished.
local DECISION_SQL = [[
SELECT s.body_code, b.name AS body, s.case_number, s.meeting_date, d.title, d.responsible, s.deadline,
       s.label || CASE WHEN s.overdue_from <= :as_of THEN ' – frist passert' ELSE '' END AS status,
       NOT s.finished AS open, coalesce(s.overdue_from <= :as_of, 0) AS overdue
FROM decision_state s
JOIN decision d ON d.body_code = s.body_code AND d.case_number = s.case_number
JOIN political_body b ON b.code = s.body_code
WHERE s.valid_from <= :as_of AND (s.valid_to IS NULL OR :as_of < s.valid_to)
  AND (NOT s.finished OR s.valid_from >= :first_date)
ORDER BY b.sort_order, b.code, overdue DESC, open DESC, s.deadline IS NULL, s.deadline, s.meeting_date, s.case_number]]

-- What the decision figures count: decisions made by :as_of, of them open (not ferdig or utgått)
-- and overdue on that day, and those finished or dropped in the period.
local DECISION_COUNT_SQL = [[
SELECT count(*) AS total, coalesce(sum(NOT finished), 0) AS open, coalesce(sum(overdue_from <= :as_of), 0) AS overdue,
       coalesce(sum(finished AND valid_from >= :first_date), 0) AS closed_in_period
FROM decision_state WHERE valid_from <= :as_of AND (valid_to IS NULL OR :as_of < valid_to)]]

-- Deviations (avvik) registered this year up to the period's end, per category: counts only.
-- Open or closed on the day the period is judged on (:as_of, view period_as_of; view deviation_state).
local DEVIATION_SQL = [[
SELECT category,
       sum(reported_date BETWEEN :first_date AND :last_date) AS in_period,
       count(*) AS ytd,
       sum(severity = 'høy') AS high,
       sum(closed) AS closed,
       sum(NOT closed) AS open
FROM deviation_state
WHERE reported_date BETWEEN :year_first_date AND :last_date
  AND valid_from <= :as_of AND (valid_to IS NULL OR :as_of < valid_to)
GROUP BY category
ORDER BY CASE category WHEN 'HMS' THEN 1 WHEN 'bruker/pasient' THEN 2
  WHEN 'informasjonssikkerhet/personvern' THEN 3 WHEN 'økonomi' THEN 4 ELSE 5 END, category]]

-- The highest ROS risks not closed on :as_of (view risk_state: a risk is known from its
-- assessment on), overdue measures marked.
local RISK_SQL = [[
SELECT r.id, a.name AS area, r.hazard, r.probability, r.consequence, r.score, r.level,
       r.measures, r.responsible, r.deadline, r.status, coalesce(r.overdue_from <= :as_of, 0) AS overdue
FROM risk_state r JOIN area a ON a.code = r.area_code
WHERE NOT r.closed AND r.valid_from <= :as_of AND (r.valid_to IS NULL OR :as_of < r.valid_to)
ORDER BY r.score DESC, r.consequence DESC, a.sort_order, r.id
LIMIT 10]]

-- ---- sections ----------------------------------------------------------------------------------

local function economy(r, q)
  local rows = r.db:rows(ECONOMY_SQL, q)
  local total = { year_budget = 0, budget_ytd = 0, actual_ytd = 0, deviation_ytd = 0, forecast = 0,
    forecast_deviation = 0, frame = 0, has_forecast = false }
  for _, row in ipairs(rows) do
    total.year_budget = total.year_budget + (row.year_budget or 0)
    total.budget_ytd = total.budget_ytd + (row.budget_ytd or 0)
    total.actual_ytd = total.actual_ytd + (row.actual_ytd or 0)
    total.deviation_ytd = total.deviation_ytd + row.deviation_ytd
    if row.forecast then
      total.forecast = total.forecast + row.forecast
      total.forecast_deviation = total.forecast_deviation + row.forecast_deviation
      total.has_forecast = true
    end
    if (row.year_budget or 0) > 0 then total.frame = total.frame + row.year_budget end
  end
  return rows, total
end

local function economy_section(r, p, q, rows)
  local doc = r.doc
  doc:heading(1, "Økonomi per rammeområde")
  doc:paragraph(("Tabellen viser regulert budsjett for %d, periodisert budsjett og regnskap hittil i år "
    .. "(%s), avvik og enhetenes siste prognose for året per %s."):format(p.period.year,
    q.ytd.label, fmt.date(q.as_of)))
  doc:table {
    title = "Drift per rammeområde, hittil i år og prognose " .. p.period.year,
    unit_note = "Beløp i 1" .. NBSP .. "000 kr",
    sheet = "Økonomi",
    columns = {
      { key = "name", title = "Rammeområde", width_mm = 38 },
      { key = "year_budget", title = "Regulert budsjett", type = "amount", thousands = true, sum = true },
      { key = "budget_ytd", title = "Budsjett hittil", type = "amount", thousands = true, sum = true },
      { key = "actual_ytd", title = "Regnskap hittil", type = "amount", thousands = true, sum = true },
      { key = "deviation_ytd", title = "Avvik hittil", type = "amount", thousands = true, sum = true, mark_negative = true },
      { key = "deviation_pct", title = "Avvik i %", type = "percent", decimals = 1, mark_negative = true },
      { key = "forecast", title = "Prognose", type = "amount", thousands = true, sum = true },
      { key = "forecast_deviation", title = "Prognoseavvik", type = "amount", thousands = true, sum = true,
        mark_negative = true },
    },
    rows = rows,
    total = "Sum",
    note = "Positivt avvik = mindreforbruk, negativt avvik (rødt, med minus) = merforbruk. Avvik = budsjett "
      .. "− regnskap; prognoseavvik = regulert budsjett − prognose. Avvik i % er avvik hittil i prosent av "
      .. "budsjett hittil (for inntekter av tallverdien); summen har ingen prosent fordi kommunens samlede "
      .. "budsjett går i balanse. Prognose: enhetenes siste prognose for året, laget senest i periodens siste måned.",
  }
  doc:chart {
    kind = "diverging",
    title = "Avvik per rammeområde hittil i år (" .. q.ytd.label .. ")",
    type = "amount", thousands = true,
    negative_label = "Merforbruk", positive_label = "Mindreforbruk",
    rows = rows, category = "name",
    series = { { key = "deviation_ytd", name = "Avvik hittil" } },
  }
end

local function absence_section(r, p, rows)
  local doc = r.doc
  doc:heading(1, "Sykefravær per rammeområde")
  local ly = p.period:last_year()
  doc:paragraph(("Sykefravær i %s (%s–%s), i prosent av avtalte dagsverk, sammenlignet med målet for "
    .. "sykefravær (ønsket resultat i målekortet) og samme periode i fjor.")
    :format(p.period.label, fmt.date(p.period.first_date), fmt.date(p.period.last_date)))
  local shown = {}
  for i, row in ipairs(rows) do
    shown[i] = { name = row.name, short_pct = row.short_pct, long_pct = row.long_pct, total_pct = row.total_pct,
      goal_pct = row.goal_pct, last_year_pct = row.last_year_pct }
  end
  doc:table {
    title = "Sykefravær " .. p.period.label,
    sheet = "Sykefravær",
    columns = {
      { key = "name", title = "Rammeområde", width_mm = 48 },
      { key = "short_pct", title = "Korttid", type = "percent", decimals = 1, group = "Sykefravær " .. p.period.label },
      { key = "long_pct", title = "Langtid", type = "percent", decimals = 1, group = "Sykefravær " .. p.period.label },
      { key = "total_pct", title = "Totalt", type = "percent", decimals = 1, group = "Sykefravær " .. p.period.label },
      { key = "goal_pct", title = "Mål", type = "percent", decimals = 1 },
      { key = "last_year_pct", title = "Samme periode i fjor (" .. ly.label .. ")", type = "percent", decimals = 1 },
    },
    rows = shown,
    note = "Korttid: egenmeldt og legemeldt fravær 1–16 dager. Langtid: legemeldt fravær over 16 dager. "
      .. "Mål: ønsket resultat for sykefravær totalt i målekortet for " .. p.period.year
      .. " (rammeområdets eget mål der det finnes). Siste rad er hele kommunen.",
  }
  local goal
  for _, row in ipairs(rows) do if row.code == nil then goal = row.goal_pct end end
  local year = p.period.year
  doc:chart {
    kind = "line",
    title = ("Sykefravær per måned %d og %d, hele kommunen"):format(year, year - 1),
    type = "percent", decimals = 1, value_title = "Sykefravær",
    rows = r.db:rows(ABSENCE_MONTHS_SQL, { year = year, last_month = p.period.last_month }),
    category = "month",
    series = { { key = "this_year", name = tostring(year) }, { key = "last_year", name = tostring(year - 1) } },
    lines = goal and { { value = goal, label = "Mål " .. fmt.percent(goal, 1) } } or nil,
  }
end

-- Stacked bars: the municipality's indicators per focus area by status (statuses as the
-- scorecard rows carry them, from result_status).
local function status_chart(r, p, muni_rows)
  local cats, idx = {}, {}
  local n = { desired = {}, acceptable = {}, unacceptable = {}, other = {} }
  for _, row in ipairs(muni_rows) do
    local i = idx[row.focus_code]
    if not i then
      i = #cats + 1
      idx[row.focus_code], cats[i] = i, row.focus_area
      for _, list in pairs(n) do list[i] = 0 end
    end
    local s = row.status
    if s then
      s = (s == "not_measured" or s == "no_target") and "other" or s
      n[s][i] = n[s][i] + 1
    end
  end
  r.doc:chart {
    kind = "bar_stacked",
    title = "Status per fokusområde, " .. p.period.label,
    type = "integer", value_title = "Antall indikatorer",
    categories = cats,
    series = {
      { status = "desired", values = n.desired },
      { status = "acceptable", values = n.acceptable },
      { status = "unacceptable", values = n.unacceptable },
      { status = "not_measured", name = "Ikke målt / uten resultatkrav", values = n.other },
    },
  }
end

local function scorecard_section(r, p, muni_rows)
  local doc = r.doc
  doc:landscape()
  doc:heading(1, "Mål og resultat (målekort)")
  doc:paragraph("Målekortene følger kommunens system for mål- og resultatstyring: seks fokusområder med "
    .. "hovedmål, suksessfaktorer (delmål), måleindikatorer og resultatkrav. Kommunens målekort viser de "
    .. "gjennomgående delmålene; rammeområdenes målekort viser i tillegg rammeområdets unike delmål.")
  doc:heading(2, "Hele kommunen")
  scorecard.table(r, { period = p.period, previous = true, trend = true })
  scorecard.summary(r, { period = p.period, sheet = "Måloppnåelse" })
  status_chart(r, p, muni_rows)

  -- one row per area: its counts, for the overview
  local overview, without = {}, {}
  local cards = {}
  for _, area in ipairs(r.db:rows("SELECT code, name FROM area ORDER BY sort_order, code")) do
    local rows = scorecard.rows(r, { period = p.period, area = area.code })
    local c = scorecard.counts(rows)
    if c.total > 0 then
      overview[#overview + 1] = { name = area.name, desired = c.desired, acceptable = c.acceptable,
        unacceptable = c.unacceptable, not_measured = c.not_measured, no_target = c.no_target, total = c.total }
      cards[#cards + 1] = area
    else
      without[#without + 1] = area.name
    end
  end
  doc:heading(2, "Måloppnåelse per rammeområde")
  doc:table {
    title = "Måloppnåelse per rammeområde, " .. p.period.label,
    sheet = "Måloppnåelse rammeområder",
    columns = {
      { key = "name", title = "Rammeområde" },
      { key = "desired", title = "● Ønsket", type = "integer", group = "Antall indikatorer" },
      { key = "acceptable", title = "▲ Akseptabelt", type = "integer", group = "Antall indikatorer" },
      { key = "unacceptable", title = "■ Uakseptabelt", type = "integer", group = "Antall indikatorer" },
      { key = "not_measured", title = "○ Ikke målt", type = "integer", group = "Antall indikatorer" },
      { key = "no_target", title = "– Uten resultatkrav", type = "integer", group = "Antall indikatorer" },
      { key = "total", title = "Sum", type = "integer", group = "Antall indikatorer" },
    },
    rows = overview,
    note = "Indikatorene i rammeområdets målekort: gjennomgående indikatorer som måles for rammeområdet, "
      .. "og rammeområdets unike indikatorer.",
  }
  if #without > 0 then
    doc:paragraph("Uten eget målekort (ingen indikatorer måles for rammeområdet): " .. table.concat(without, ", ") .. ".")
  end
  for _, area in ipairs(cards) do
    doc:pagebreak() -- one scorecard per page, legend and table together
    doc:heading(2, area.name)
    scorecard.table(r, { period = p.period, area = area.code, previous = true, trend = true })
  end
  doc:portrait()
end

local function decision_section(r, q, rows, dc)
  local doc = r.doc
  local day = fmt.date(q.as_of)
  doc:heading(1, "Oppfølging av politiske vedtak")
  doc:paragraph(("Per %s var %s vedtak til oppfølging fattet, av dem %s åpne (ikke ferdige eller utgått); "
    .. "%s har passert fristen. Tabellene viser de åpne vedtakene og de %s som ble ferdige eller utgikk i "
    .. "perioden, med status per %s. Vedtak med passert frist står først, deretter åpne og ferdige vedtak.")
    :format(fmt.date_long(q.as_of), fmt.integer(dc.total), fmt.integer(dc.open), fmt.integer(dc.overdue),
      fmt.integer(dc.closed_in_period), day))
  if #rows == 0 then
    doc:paragraph("Ingen vedtak å følge opp i perioden.")
    return
  end
  local i = 1
  while i <= #rows do
    local body = rows[i].body_code
    local list = {}
    local name = rows[i].body
    while i <= #rows and rows[i].body_code == body do
      local d = rows[i]
      list[#list + 1] = { case_number = d.case_number, meeting_date = d.meeting_date, title = d.title,
        responsible = d.responsible, deadline = d.deadline, status = d.status }
      i = i + 1
    end
    doc:heading(2, name)
    doc:table {
      sheet = "Vedtak " .. body,
      columns = {
        { key = "case_number", title = "Saksnr", width_mm = 16 },
        { key = "meeting_date", title = "Møtedato", type = "date", width_mm = 20 },
        { key = "title", title = "Tittel" },
        { key = "responsible", title = "Ansvarlig", width_mm = 32 },
        { key = "deadline", title = "Frist", type = "date", width_mm = 20 },
        { key = "status", title = "Status per " .. day, width_mm = 34 },
      },
      rows = list,
      note = "Frist passert: vedtaket var ikke ferdig per " .. day .. ", og fristen var før denne datoen.",
    }
  end
end

-- The ROS matrix's three levels in the status colours: red = uakseptabel, yellow = vurder
-- tiltak, green = akseptabel (DOMAIN.md), so the level reads in colour, symbol and word.
local RISK_STATUS = { ["uakseptabel"] = "unacceptable", ["vurder tiltak"] = "acceptable", ["akseptabel"] = "desired" }

local function control_section(r, p, q, devs, risks)
  local doc = r.doc
  doc:heading(1, "Internkontroll")
  doc:heading(2, "Avvik")
  doc:paragraph(("Avvik registrert i kvalitetssystemet hittil i år (%s), per kategori. Bare antall "
    .. "rapporteres; innholdet i avvikene er ikke offentlig."):format(q.ytd.label))
  local list = {}
  for i, d in ipairs(devs) do
    list[i] = { category = capital(d.category), in_period = d.in_period, ytd = d.ytd, high = d.high,
      closed = d.closed, open = d.open }
  end
  doc:table {
    title = "Avvik per kategori og status, " .. q.ytd.label,
    sheet = "Avvik",
    columns = {
      { key = "category", title = "Kategori" },
      { key = "in_period", title = "I perioden", type = "integer", sum = true, group = "Registrert" },
      { key = "ytd", title = "Hittil i år", type = "integer", sum = true, group = "Registrert" },
      { key = "high", title = "Herav høy alvorlighet", type = "integer", sum = true, group = "Registrert" },
      { key = "closed", title = "Lukket", type = "integer", sum = true, group = "Status per " .. fmt.date(q.as_of) },
      { key = "open", title = "Åpne", type = "integer", sum = true, group = "Status per " .. fmt.date(q.as_of) },
    },
    rows = list,
    total = "Sum",
    note = "Status per periodens slutt av avvikene registrert hittil i år: lukket når avviket ble lukket "
      .. "senest " .. fmt.date(q.as_of) .. ", ellers åpent.",
  }
  doc:heading(2, "Risiko (ROS)")
  if #risks == 0 then
    doc:paragraph("Ingen åpne risikoer i ROS-analysene per " .. fmt.date_long(q.as_of) .. ".")
    return
  end
  doc:paragraph(("De høyeste risikoene i rammeområdenes ROS-analyser som ikke var lukket per %s, slik de "
    .. "sist ble vurdert innen denne datoen. Risiko = sannsynlighet × konsekvens (1–5 hver): 10–25 uakseptabel, "
    .. "5–9 vurder tiltak, 1–4 akseptabel."):format(fmt.date(q.as_of)))
  local rl = {}
  for i, k in ipairs(risks) do
    rl[i] = { id = k.id, area = k.area, hazard = k.hazard, probability = k.probability, consequence = k.consequence,
      score = k.score, level = capital(k.level), level_status = RISK_STATUS[k.level], measures = k.measures,
      deadline = k.deadline, status = capital(k.status) .. (k.overdue == 1 and " – frist passert" or "") }
  end
  doc:table {
    title = "Høyeste risikoer",
    sheet = "ROS",
    columns = {
      { key = "area", title = "Rammeområde" },
      { key = "hazard", title = "Uønsket hendelse" },
      { key = "probability", title = "S", type = "integer" },
      { key = "consequence", title = "K", type = "integer" },
      { key = "score", title = "Risiko (S×K)", type = "integer" },
      { key = "level", title = "Nivå", status = "level_status" },
      { key = "measures", title = "Tiltak" },
      { key = "deadline", title = "Frist", type = "date" },
      { key = "status", title = "Status" },
    },
    rows = rl,
    note = "S = sannsynlighet, K = konsekvens. Nivå: rød = uakseptabel, gul = vurder tiltak, grønn = akseptabel. "
      .. "Frist passert: tiltakene var ikke lukket, og fristen var før " .. fmt.date(q.as_of) .. ".",
    legend = false, -- the levels are not scorecard statuses: the note explains the colours
  }
end

-- ---- the report --------------------------------------------------------------------------------

return rapp.report {
  name = "kvartalsrapport",
  title = "Kvartals- og tertialrapport",
  description = "Rapport til formannskapet per kvartal eller tertial: sammendrag, økonomi, sykefravær, "
    .. "målekort, vedtaksoppfølging og internkontroll.",
  formats = { "pdf", "xlsx", "html" },
  params = {
    { name = "period", type = "period", kinds = { "tertial", "quarter" }, default = "latest",
      description = "Tertial (2026-T2) eller kvartal (2026-Q2); uten --period: siste hele tertial" },
  },
  build = function(r, p)
    local doc, db, per = r.doc, r.db, p.period
    local title = per.kind == "tertial" and "Tertialrapport" or "Kvartalsrapport"
    local ly = per:last_year()
    local q = {
      first_month = per.year .. "-01", last_month = per.last_month, year_end = per.year .. "-12",
      period_first_month = per.first_month, year = per.year,
      first_date = per.first_date, last_date = per.last_date, year_first_date = per.year .. "-01-01",
      period = per.code,
      -- the day decisions, deviations and risks are judged on: the period's last date, or the
      -- cut-off date when the period ends after it (the engine's rule, as view period_as_of)
      as_of = per.as_of_date,
      ly_first_month = ly.first_month, ly_last_month = ly.last_month,
    }
    -- a partial period (--allow-partial): budget, accounts and forecast up to the cut-off month,
    -- so a year's budget is never set against nine months of accounts
    q.ytd = rapp.period(q.as_of:sub(1, 7)):ytd()
    q.last_month = q.ytd.last_month
    doc:meta { title = title .. " " .. per.label, subtitle = r.municipality, number_headings = true }
    doc:cover { title = title, subtitle = r.municipality, period = per, date = per.as_of_date }
    doc:toc()

    -- every figure first, so the summary can quote them
    local econ, total = economy(r, q)
    local absence = db:rows(ABSENCE_SQL, { first_month = per.first_month, last_month = per.last_month,
      ly_first_month = ly.first_month, ly_last_month = ly.last_month, year = per.year })
    local muni_rows = scorecard.rows(r, { period = per })
    local counts = scorecard.counts(muni_rows)
    local decisions = db:rows(DECISION_SQL, q)
    local dc = db:rows(DECISION_COUNT_SQL, q)[1]
    local devs = db:rows(DEVIATION_SQL, q)
    local risks = db:rows(RISK_SQL, q)
    local whole
    for _, a in ipairs(absence) do if a.code == nil then whole = a end end

    -- 2. Sammendrag
    doc:heading(1, "Sammendrag")
    local fdev = total.forecast_deviation
    local fpct = total.frame ~= 0 and fdev * 100 / total.frame or nil
    local items = {
      { label = "Prognoseavvik " .. per.year .. " (1" .. NBSP .. "000 kr)", value = total.has_forecast and fdev or nil,
        type = "amount", thousands = true,
        comparison = "Positivt = mindreforbruk" },
      { label = "Prognoseavvik i % av driftsrammene", value = total.has_forecast and fpct or nil, type = "percent", decimals = 1,
        comparison = "Driftsrammer: " .. fmt.thousands(total.frame) .. NBSP .. "(1" .. NBSP .. "000 kr)" },
      { label = "Sykefravær " .. per.label, value = whole and whole.total_pct, type = "percent", decimals = 1,
        comparison = ("Mål: %s · i fjor: %s"):format(whole and fmt.percent(whole.goal_pct, 1) or fmt.dash,
          whole and fmt.percent(whole.last_year_pct, 1) or fmt.dash) },
      { label = "Forfalte politiske vedtak", value = dc.overdue, type = "integer",
        comparison = ("Av %s åpne vedtak per %s: ikke ferdige, frist før denne datoen"):format(
          fmt.integer(dc.open), fmt.date(q.as_of)) },
      { label = "Indikatorer med ønsket resultat", value = counts.desired, type = "integer", status = "desired",
        comparison = "av " .. counts.total .. " i kommunens målekort" },
      { label = "Indikatorer med akseptabelt resultat", value = counts.acceptable, type = "integer", status = "acceptable" },
      { label = "Indikatorer med uakseptabelt resultat", value = counts.unacceptable, type = "integer", status = "unacceptable" },
      { label = "Indikatorer ikke målt", value = counts.not_measured, type = "integer", status = "not_measured" },
    }
    if counts.no_target > 0 then
      items[#items + 1] = { label = "Indikatorer uten resultatkrav", value = counts.no_target, type = "integer", status = "no_target" }
    end
    doc:keyfigures(items)
    local text = {}
    if total.has_forecast then
      text[#text + 1] = ("Per %s viser enhetenes prognose et samlet **%s på %s** for %d%s.")
        :format(fmt.date_long(q.as_of), fdev >= 0 and "mindreforbruk" or "merforbruk", millions(fdev), per.year,
          fpct and (", " .. fmt.percent(math.abs(fpct), 1) .. " av rammeområdenes driftsrammer") or "")
    else
      text[#text + 1] = ("Det foreligger ingen prognose for %d per %s."):format(per.year, fmt.date_long(q.as_of))
    end
    text[#text + 1] = ("Hittil i år er avviket mot periodisert budsjett %s %s."):format(
      total.deviation_ytd >= 0 and "et mindreforbruk på" or "et merforbruk på", millions(total.deviation_ytd))
    if whole then
      text[#text + 1] = ("Sykefraværet i %s var %s, mot et mål på %s og %s i samme periode i fjor.")
        :format(per.label, fmt.percent(whole.total_pct, 1), fmt.percent(whole.goal_pct, 1), fmt.percent(whole.last_year_pct, 1))
    end
    text[#text + 1] = ("Av %d indikatorer i kommunens målekort har %d ønsket resultat, %d akseptabelt og %d "
      .. "uakseptabelt resultat; %d er ikke målt for perioden."):format(counts.total, counts.desired,
      counts.acceptable, counts.unacceptable, counts.not_measured)
    text[#text + 1] = ("Av %s politiske vedtak som var åpne per %s, har %s passert fristen.")
      :format(fmt.integer(dc.open), fmt.date(q.as_of), fmt.integer(dc.overdue))
    doc:paragraph(table.concat(text, " "))

    -- 3-7
    economy_section(r, p, q, econ)
    absence_section(r, p, absence)
    scorecard_section(r, p, muni_rows)
    decision_section(r, q, decisions, dc)
    control_section(r, p, q, devs, risks)
  end,
}
