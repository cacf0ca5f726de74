-- reports/vedtaksoppfolging.lua — Oppfølging av politiske vedtak: every decision to follow up,
-- one chapter per political body, with status, deadline and responsible, as of the period's end.
local rapp = require("rapp")
local fmt = rapp.fmt
local control = require("rapp.control")

-- The decisions' rows with the status in words (the schema's status code through the library's
-- labels, control.code_word) and " – frist passert" when overdue.
local function decisions(r, rows)
  for _, row in ipairs(rows) do
    row.status = control.status_text(r, "decision.status", row.status, row.overdue)
    row.overdue = nil
  end
  return rows
end

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
    local c = db:rows([[
      SELECT count(*) AS total, coalesce(sum(NOT s.finished), 0) AS open,
             coalesce(sum(s.overdue_from <= :as_of), 0) AS overdue
      FROM decision_state s
      JOIN decision d ON d.body_code = s.body_code AND d.case_number = s.case_number
      WHERE s.valid_from <= :as_of AND (s.valid_to IS NULL OR :as_of < s.valid_to)
        AND (:area = '' OR d.area_code = :area)]], filter)[1]
    doc:heading(1, r:label("h.summary"))
    doc:paragraph(r:label("summary", fmt.date_long(as_of), fmt.integer(c.total),
      p.area and r:label("for_area", p.area.name) or "", fmt.integer(c.open), fmt.integer(c.overdue)))
    local items = {}
    for row in db:each([[
        SELECT l.status, count(*) AS n, coalesce(sum(s.overdue_from <= :as_of), 0) AS overdue
        FROM decision_status_label l
        JOIN decision_state s ON s.status = l.status
        JOIN decision d ON d.body_code = s.body_code AND d.case_number = s.case_number
        WHERE s.valid_from <= :as_of AND (s.valid_to IS NULL OR :as_of < s.valid_to)
          AND (:area = '' OR d.area_code = :area)
        GROUP BY l.status ORDER BY l.sort_order]], filter) do
      items[#items + 1] = r:label("item", control.code_word(r, "decision.status", row.status), fmt.integer(row.n))
        .. (row.overdue > 0 and r:label("item_overdue", fmt.integer(row.overdue)) or "")
    end
    if #items > 0 then doc:bullets(items) end
    doc:paragraph(r:label("status_note", day, day))

    doc:landscape() -- eight columns of text read better across the page
    for body in db:each([[
        SELECT DISTINCT b.code, b.name, b.sort_order FROM political_body b
        JOIN decision_state s ON s.body_code = b.code
        JOIN decision d ON d.body_code = s.body_code AND d.case_number = s.case_number
        WHERE s.valid_from <= :as_of AND (s.valid_to IS NULL OR :as_of < s.valid_to)
          AND (:area = '' OR d.area_code = :area)
        ORDER BY b.sort_order]], filter) do
      doc:heading(1, body.name)
      doc:table {
        sheet = body.code,
        columns = {
          { key = "case_number", title = r:label("case") },
          { key = "meeting_date", title = r:label("meeting"), type = "date" },
          { key = "title", title = r:label("case_title") },
          { key = "decision_text", title = r:label("decision") },
          { key = "responsible", title = r:label("responsible") },
          { key = "deadline", title = r:label("deadline"), type = "date" },
          { key = "status", title = r:label("status", day) },
          { key = "comment", title = r:label("comment") },
        },
        rows = decisions(r, db:rows([[
          SELECT s.case_number, s.meeting_date, d.title, d.decision_text, d.responsible, s.deadline,
                 s.status, coalesce(s.overdue_from <= :as_of, 0) AS overdue, d.comment
          FROM decision_state s
          JOIN decision d ON d.body_code = s.body_code AND d.case_number = s.case_number
          WHERE s.body_code = :body AND s.valid_from <= :as_of AND (s.valid_to IS NULL OR :as_of < s.valid_to)
            AND (:area = '' OR d.area_code = :area)
          ORDER BY s.meeting_date, s.case_number]], { body = body.code, as_of = as_of, area = filter.area })),
        note = r:label("note"),
      }
    end
  end,
}
