-- reports/vedtaksoppfolging.lua — Oppfølging av politiske vedtak: every decision to follow up,
-- one chapter per political body, with status, deadline and responsible, as of the period's end.
local rapp = require("rapp")
local fmt = rapp.fmt

return rapp.report {
  name = "vedtaksoppfolging",
  title = "Oppfølging av politiske vedtak",
  description = "Politiske vedtak per utvalg med status, frist og ansvarlig.",
  formats = { "pdf", "xlsx" },
  params = {
    { name = "period", type = "period", kinds = { "tertial", "quarter", "month", "year" }, default = "latest" },
    { name = "area", type = "area", description = "Bare vedtak der dette rammeområdet er ansvarlig" },
  },
  build = function(r, p)
    local doc, db = r.doc, r.db
    doc:meta { subtitle = "Status per " .. fmt.date_long(p.period.last_date) }
    doc:cover {
      title = "Oppfølging av politiske vedtak",
      subtitle = r.municipality,
      period = p.period,
      date = p.period.last_date,
    }
    doc:toc()

    local filter = { last = p.period.last_date, area = p.area or "" }
    local counts = db:rows([[
      SELECT status, count(*) AS n FROM decision
      WHERE meeting_date <= :last AND (:area = '' OR area_code = :area)
      GROUP BY status ORDER BY status]], filter)
    doc:heading(1, "Sammendrag")
    local total = 0
    for _, c in ipairs(counts) do total = total + c.n end
    doc:paragraph(("Per %s følges **%s vedtak** opp%s."):format(fmt.date_long(p.period.last_date),
      fmt.integer(total), p.area and (" for " .. p.area.name) or ""))
    local items = {}
    for _, c in ipairs(counts) do
      items[#items + 1] = ("%s: %s"):format(c.status:gsub("^%l", string.upper), fmt.integer(c.n))
    end
    if #items > 0 then doc:bullets(items) end

    doc:landscape() -- eight columns of text read better across the page
    for body in db:each([[
        SELECT DISTINCT b.code, b.name, b.sort_order FROM political_body b
        JOIN decision d ON d.body_code = b.code
        WHERE d.meeting_date <= :last AND (:area = '' OR d.area_code = :area)
        ORDER BY b.sort_order]], filter) do
      doc:heading(1, body.name)
      doc:table {
        sheet = body.code,
        columns = {
          { key = "case_number", title = "Saksnr" },
          { key = "meeting_date", title = "Møtedato", type = "date" },
          { key = "title", title = "Tittel" },
          { key = "decision_text", title = "Vedtak (kort)" },
          { key = "responsible", title = "Ansvarlig" },
          { key = "deadline", title = "Frist", type = "date" },
          { key = "status", title = "Status" },
          { key = "comment", title = "Kommentar" },
        },
        rows = db:rows([[
          SELECT case_number, meeting_date, title, decision_text, responsible, deadline, status, comment
          FROM decision
          WHERE body_code = :body AND meeting_date <= :last AND (:area = '' OR area_code = :area)
          ORDER BY meeting_date, case_number]], { body = body.code, last = filter.last, area = filter.area }),
      }
    end
  end,
}
