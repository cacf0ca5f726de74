-- reports/vedtaksoppfolging.lua — Oppfølging av politiske vedtak: every decision to follow up,
-- one chapter per political body, with status, deadline and responsible, as of the period's end.
local rapp = require("rapp")
local fmt = rapp.fmt
local control = require("rapp.control")

-- The decisions made by :as_of, with their status on that day (view decision_state: the
-- schema's as-of rule and its overdue_from; its rows read from the derived table decision_interval),
-- of every body or of area :area: one row per status of decision_status_label, in its order, with
-- how many have it (n) and of them overdue; and the figures of the summary on every row (total,
-- open = not finished, overdue_total).
local STATUS_SQL = [[
WITH s AS (
  SELECT s.status, coalesce(s.overdue_from <= :as_of, 0) AS overdue
  FROM decision_interval s
  JOIN decision d ON d.body_code = s.body_code AND d.case_number = s.case_number
  WHERE s.valid_from <= :as_of AND (s.valid_to IS NULL OR :as_of < s.valid_to)
    AND (:area = '' OR d.area_code = :area)
),
per AS (
  SELECT l.status, l.finished, l.sort_order, count(s.status) AS n, coalesce(sum(s.overdue), 0) AS overdue
  FROM decision_status_label l LEFT JOIN s ON s.status = l.status
  GROUP BY l.status
)
SELECT status, n, overdue, sum(n) OVER () AS total, sum(CASE WHEN finished = 0 THEN n ELSE 0 END) OVER () AS open,
       sum(overdue) OVER () AS overdue_total
FROM per ORDER BY sort_order]]

-- The same decisions, each with its body, in the order of the bodies (political_body.sort_order)
-- and then by meeting date and case number.
local LIST_SQL = [[
SELECT s.body_code, b.name AS body, s.case_number, s.meeting_date, d.title, d.decision_text, d.responsible,
       s.deadline, s.status, coalesce(s.overdue_from <= :as_of, 0) AS overdue, d.comment
FROM decision_interval s
JOIN decision d ON d.body_code = s.body_code AND d.case_number = s.case_number
JOIN political_body b ON b.code = s.body_code
WHERE s.valid_from <= :as_of AND (s.valid_to IS NULL OR :as_of < s.valid_to)
  AND (:area = '' OR d.area_code = :area)
ORDER BY b.sort_order, b.code, s.meeting_date, s.case_number]]

return rapp.report {
  name = "vedtaksoppfolging",
  title = "Oppfølging av politiske vedtak",
  description = "Politiske vedtak per utvalg med status, frist og ansvarlig.",
  formats = { "pdf", "xlsx", "html" },
  labels = require("labels.vedtaksoppfolging"),
  params = {
    { name = "period", type = "period", kinds = { "tertial", "quarter", "month", "year" }, default = "latest" },
    { name = "area", type = "area", description = "Bare vedtak der dette rammeområdet er ansvarlig" },
  },
  build = function(r, p)
    local doc, db = r.doc, r.db
    -- every decision made by the period's end, with its status on that day (view decision_state:
    -- the schema's as-of rule and its overdue_from). The day: the period's last date, or the
    -- cut-off date when the period ends after it (the engine's rule, as view period_as_of).
    local as_of = p.period.as_of_date
    doc:meta { subtitle = r:label("subtitle", fmt.date_long(as_of)) }
    doc:cover {
      title = r:label("title"),
      subtitle = r.municipality,
      period = p.period,
      date = p.period.last_date,
    }
    doc:toc()

    local filter = { as_of = as_of, area = p.area or "" }
    local day = fmt.date(as_of)
    local st = db:rows(STATUS_SQL, filter)
    local c = st[1]
    doc:heading(1, r:label("h.summary"))
    doc:paragraph(r:label("summary", fmt.date_long(as_of), fmt.integer(c.total),
      p.area and r:label("for_area", p.area.name) or "", fmt.integer(c.open), fmt.integer(c.overdue_total)))
    local items = {}
    for _, row in ipairs(st) do
      if row.n > 0 then
        items[#items + 1] = r:label("item", control.code_word(r, "decision.status", row.status), fmt.integer(row.n))
          .. (row.overdue > 0 and r:label("item_overdue", fmt.integer(row.overdue)) or "")
      end
    end
    if #items > 0 then doc:bullets(items) end
    doc:paragraph(r:label("status_note", day, day))

    doc:landscape() -- eight columns of text read better across the page
    -- the same for every body: the columns and the note
    local columns = {
      { key = "case_number", title = r:label("case") },
      { key = "meeting_date", title = r:label("meeting"), type = "date" },
      { key = "title", title = r:label("case_title") },
      { key = "decision_text", title = r:label("decision") },
      { key = "responsible", title = r:label("responsible") },
      { key = "deadline", title = r:label("deadline"), type = "date" },
      { key = "status", title = r:label("status", day) },
      { key = "comment", title = r:label("comment") },
    }
    -- a chapter per body with decisions, its run of the rows
    control.decision_tables(r, db:rows(LIST_SQL, filter), { level = 1, columns = columns, note = r:label("note"),
      sheet = function(body) return body end })
  end,
}
