-- reports/ros.lua — risk and internal control (ROS og internkontroll): the 5 × 5 risk matrix
-- (sannsynlighet × konsekvens) as a heat map with the number of risks in each cell, before and
-- after measures, for the whole municipality and per budget area; the high risks with measures,
-- responsible and deadline; deviations (avvik) per category and per area over the last four
-- tertials. Counts only: never a deviation's text. docs/reports.md describes every figure.
local rapp = require("rapp")
local risk = require("rapp.risk")
local fmt = rapp.fmt

return rapp.report {
  name = "ros",
  title = "ROS og internkontroll",
  description = "Risikomatrise (sannsynlighet × konsekvens) før og etter tiltak for kommunen og hvert "
    .. "rammeområde, de høye risikoene med tiltak, ansvarlig og frist, og avvik per kategori og "
    .. "rammeområde de siste fire tertialene.",
  formats = { "pdf", "xlsx", "html" },
  labels = require("labels.ros"),
  params = {
    { name = "period", type = "period", kinds = { "tertial", "year" }, default = "latest",
      description = "Tertial (2026-T2) eller år; uten --period: siste hele tertial" },
  },
  build = function(r, p)
    local doc, per = r.doc, p.period
    local as_of = per.as_of_date
    doc:meta { title = r:label("title") .. " " .. per.label, subtitle = r.municipality, number_headings = true }
    doc:cover { title = r:label("title"), subtitle = r.municipality, period = per, date = as_of }
    doc:toc()

    local cells, total = risk.matrix(r, as_of)
    local high = risk.high(r, as_of)
    local tertials = risk.tertials(per)
    local by_category = risk.deviations(r, "category", tertials, as_of)
    local by_area = risk.deviations(r, "area", tertials, as_of)
    local dev_total, dev_open = 0, 0
    for _, d in ipairs(by_category) do dev_total, dev_open = dev_total + d.total, dev_open + d.open end
    local span = tertials[1].label .. "–" .. tertials[4].label

    -- 1. Sammendrag
    doc:heading(1, r:label("h.summary"))
    doc:keyfigures {
      { label = r:label("kf.risks"), value = total.n, type = "integer",
        comparison = r:label("kf.risks_cmp", fmt.date(as_of)) },
      { label = r:label("kf.high"), value = total.high, type = "integer",
        comparison = r:label("kf.high_cmp") },
      { label = r:label("kf.remaining"), value = total.high_remaining, type = "integer",
        comparison = r:label("kf.remaining_cmp") },
      { label = r:label("kf.deviations", span), value = dev_total, type = "integer",
        comparison = r:label("kf.deviations_cmp", fmt.date(as_of), fmt.integer(dev_open)) },
    }
    doc:paragraph(r:label("summary", fmt.date_long(as_of), fmt.integer(total.n), fmt.integer(total.high), fmt.integer(total.high_remaining),
        fmt.integer(dev_total), tertials[1].label, fmt.date(as_of), fmt.integer(dev_open), fmt.date(as_of)))

    -- 2. Risikomatrise
    doc:heading(1, r:label("h.matrix"))
    doc:paragraph(r:label("matrix.intro", fmt.date(as_of)))
    risk.matrix_table(r, cells, { title = r:label("matrix.whole"), sheet = r:label("matrix.whole_sheet") })
    doc:heading(2, r:label("h.per_area"))
    for _, a in ipairs(r.db:rows(risk.AREAS_SQL, { as_of = as_of })) do
      risk.matrix_table(r, (risk.matrix(r, as_of, a.code)), { title = r:label("matrix.area", a.name), note = false })
    end

    -- 3. Høye risikoer
    doc:landscape()
    doc:heading(1, r:label("h.high"))
    if #high == 0 then
      doc:paragraph(r:label("high.none", fmt.date_long(as_of)))
    else
      doc:paragraph(r:label("high.intro", fmt.date(as_of)))
      doc:table {
        title = r:label("high.title"),
        sheet = r:label("high.title"),
        columns = {
          { key = "id", title = r:label("col.id"), width_mm = 16 },
          { key = "area", title = r:label("col.area"), width_mm = 28 },
          { key = "hazard", title = r:label("col.hazard"), width_mm = 48 },
          { key = "probability", title = r:label("col.p"), type = "integer" },
          { key = "consequence", title = r:label("col.c"), type = "integer" },
          { key = "score", title = r:label("col.score"), type = "integer", status = "level_status" },
          { key = "measures", title = r:label("col.measures"), width_mm = 62 },
          { key = "responsible", title = r:label("col.responsible"), width_mm = 34 },
          { key = "deadline", title = r:label("col.deadline"), type = "date" },
          { key = "status", title = r:label("col.status"), width_mm = 28 },
        },
        rows = high,
        legend = false,
        note = r:label("high.note", fmt.date(as_of)),
      }
    end
    doc:portrait()

    -- 4. Avvik
    doc:heading(1, r:label("h.deviations"))
    doc:paragraph(r:label("dev.intro", span, fmt.date(as_of)))
    doc:heading(2, r:label("h.per_category"))
    local cat_table = risk.deviation_table(r, by_category, tertials, { title = r:label("dev.cat_title"),
      sheet = r:label("dev.cat_sheet"), first_title = r:label("dev.cat_first"), as_of = as_of })
    risk.deviation_chart(r, cat_table, tertials, r:label("dev.cat_title"))
    doc:heading(2, r:label("h.per_area"))
    risk.deviation_table(r, by_area, tertials, { title = r:label("dev.area_title"),
      sheet = r:label("dev.area_sheet"), first_title = r:label("col.area"), as_of = as_of })
  end,
}
