-- reports/arshjul.lua — Årshjul: the governance processes of a year as a calendar (months across,
-- one row per activity grouped by lane, a mark in each month it runs, the body that decides), the
-- same activities month by month as a full-year table, and the items of every fourth year (shown
-- in the calendar only in a year they take place). From wheel_activity through rapp.wheel.
-- docs/reports.md describes it.
local rapp = require("rapp")
local wheel = require("rapp.wheel")

-- "Folkevalgtopplæring (hvert 4. år)" in the calendar.
local function label(r, a)
  if not a.fourth then return a.text end
  return r:label(a.occurs == nil and "fourth.label_unknown" or "fourth.label", a.text)
end

-- The lanes rapp.wheel knows get their word from the label table; others show their own code.
local LANES = {}
for _, lane in ipairs(wheel.LANES) do LANES[lane.code] = true end
local function lane(r, a) return LANES[a.lane] and r:label("lane." .. a.lane) or a.lane_label end

return rapp.report {
  name = "arshjul",
  title = "Årshjul",
  description = "Årshjulet for styringsprosessene: når planlegging, rapportering og politiske vedtak "
    .. "skjer gjennom året, og hvem som vedtar.",
  formats = { "pdf", "xlsx", "html" },
  labels = require("labels.arshjul"),
  params = {
    { name = "period", type = "period", kinds = { "year" }, default = "latest", allow_partial = true,
      description = "År (2026); uten --period: siste hele år" },
  },
  build = function(r, p)
    local doc, db = r.doc, r.db
    local year = p.period.year
    local title = r:label("title.year", year)
    doc:meta { title = title, subtitle = r.municipality, number_headings = true }
    doc:cover { title = title, subtitle = r.municipality, period = p.period }
    doc:landscape()
    doc:heading(1, title)

    local all = wheel.activities(db, year)
    local shown, absent = {}, {}
    for _, a in ipairs(all) do
      if a.occurs == false then absent[#absent + 1] = a else shown[#shown + 1] = a end
    end

    doc:paragraph(r:label("intro", r.municipality, year))
    local nfourth = 0
    for _, a in ipairs(shown) do if a.fourth then nfourth = nfourth + 1 end end
    doc:paragraph(r:label("count", rapp.fmt.integer(#shown), year, rapp.fmt.integer(nfourth)))

    local columns = { { key = "text", title = r:label("col.activity"), width_mm = 100 } }
    for m = 1, 12 do
      columns[#columns + 1] = { key = "m" .. m, title = wheel.month_title(m), align = "center", width_mm = 9.5 }
    end
    columns[#columns + 1] = { key = "body", title = r:label("col.body"), width_mm = 30 }
    local rows = {}
    for _, a in ipairs(shown) do
      local row = { lane = lane(r, a), text = label(r, a), body = a.body }
      for m = 1, 12 do row["m" .. m] = a.months[m] and wheel.MARK or nil end
      rows[#rows + 1] = row
    end
    doc:table {
      title = title,
      sheet = r:label("sheet"),
      columns = columns,
      rows = rows,
      group_by = "lane",
      note = r:label("note", wheel.MARK),
    }

    doc:portrait()
    doc:heading(1, r:label("h.months"))
    doc:paragraph(r:label("months.intro", year))
    local by_month = {}
    for m = 1, 13 do
      for _, a in ipairs(shown) do
        if (m <= 12 and not a.whole_year and a.months[m]) or (m == 13 and a.whole_year) then
          by_month[#by_month + 1] = {
            month = m <= 12 and rapp.fmt.month_name(m):gsub("^%l", string.upper) or r:label("whole_year"),
            text = label(r, a), lane = lane(r, a), body = a.body,
          }
        end
      end
    end
    doc:table {
      title = r:label("months.title", year),
      columns = {
        { key = "month", title = r:label("col.month") },
        { key = "text", title = r:label("col.activity") },
        { key = "lane", title = r:label("col.lane") },
        { key = "body", title = r:label("col.body") },
      },
      rows = by_month,
      group_by = "month",
    }

    doc:heading(1, r:label("h.fourth"))
    local fourth = {}
    for _, a in ipairs(all) do
      if a.fourth then
        fourth[#fourth + 1] = {
          text = a.text, months = a.whole_year and r:label("whole_year") or wheel.months_text(a), body = a.body,
          this_year = r:label(a.occurs == nil and "not_given" or (a.occurs and "yes" or "no")),
          next_year = a.next_year and tostring(a.next_year) or "–",
        }
      end
    end
    if #fourth == 0 then
      doc:paragraph(r:label("fourth.none"))
    else
      doc:paragraph(r:label("fourth.intro", year))
      doc:table {
        title = r:label("fourth.title"),
        columns = {
          { key = "text", title = r:label("col.activity") },
          { key = "months", title = r:label("col.month") },
          { key = "body", title = r:label("col.body") },
          { key = "this_year", title = r:label("col.in_year", year) },
          { key = "next_year", title = r:label("col.next", year) },
        },
        rows = fourth,
      }
      if #absent > 0 then
        local names = {}
        for _, a in ipairs(absent) do names[#names + 1] = a.text end
        doc:paragraph(r:label("absent", year, table.concat(names, "; ")))
      end
    end
  end,
}
