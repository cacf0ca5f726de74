-- reports/arshjul.lua — Årshjul: the governance processes of a year as a calendar (months across,
-- one row per activity grouped by lane, a mark in each month it runs, the body that decides), the
-- same activities month by month as a full-year table, and the items of every fourth year (shown
-- in the calendar only in a year they take place). From wheel_activity through rapp.wheel.
-- docs/reports.md describes it.
local rapp = require("rapp")
local wheel = require("rapp.wheel")

-- "Folkevalgtopplæring (hvert 4. år)" in the calendar.
local function label(a)
  if not a.fourth then return a.text end
  if a.occurs == nil then return a.text .. " (hvert 4. år; året er ikke oppgitt)" end
  return a.text .. " (hvert 4. år)"
end

return rapp.report {
  name = "arshjul",
  title = "Årshjul",
  description = "Årshjulet for styringsprosessene: når planlegging, rapportering og politiske vedtak "
    .. "skjer gjennom året, og hvem som vedtar.",
  formats = { "pdf", "xlsx", "html" },
  params = {
    { name = "period", type = "period", kinds = { "year" }, default = "latest", allow_partial = true,
      description = "År (2026); uten --period: siste hele år" },
  },
  build = function(r, p)
    local doc, db = r.doc, r.db
    local year = p.period.year
    doc:meta { title = "Årshjul " .. year, subtitle = r.municipality, number_headings = true }
    doc:cover { title = "Årshjul " .. year, subtitle = r.municipality, period = p.period }
    doc:landscape()
    doc:heading(1, "Årshjul " .. year)

    local all = wheel.activities(db, year)
    local shown, absent = {}, {}
    for _, a in ipairs(all) do
      if a.occurs == false then absent[#absent + 1] = a else shown[#shown + 1] = a end
    end

    doc:paragraph(("Årshjulet viser når styringsprosessene i %s skjer i %d: planlegging, rapportering og "
      .. "politiske vedtak, måned for måned, og hvilket organ som vedtar. Aktiviteter som skjer hvert "
      .. "fjerde år etter valget, er bare med i de årene de skjer."):format(r.municipality, year))
    local nfourth = 0
    for _, a in ipairs(shown) do if a.fourth then nfourth = nfourth + 1 end end
    doc:paragraph(("**%s aktiviteter** i %d, av dem **%s** som bare skjer hvert fjerde år.")
      :format(rapp.fmt.integer(#shown), year, rapp.fmt.integer(nfourth)))

    local columns = { { key = "text", title = "Aktivitet", width_mm = 100 } }
    for m, name in ipairs(wheel.MONTHS) do
      columns[#columns + 1] = { key = "m" .. m, title = name, align = "center", width_mm = 9.5 }
    end
    columns[#columns + 1] = { key = "body", title = "Vedtas av", width_mm = 30 }
    local rows = {}
    for _, a in ipairs(shown) do
      local row = { lane = a.lane_label, text = label(a), body = a.body }
      for m = 1, 12 do row["m" .. m] = a.months[m] and wheel.MARK or nil end
      rows[#rows + 1] = row
    end
    doc:table {
      title = "Årshjul " .. year,
      sheet = "Årshjul",
      columns = columns,
      rows = rows,
      group_by = "lane",
      note = wheel.MARK .. " = aktiviteten skjer i måneden. Aktiviteter som går hele året, er merket i alle måneder. "
        .. "«Vedtas av» er organet som vedtar saken.",
    }

    doc:portrait()
    doc:heading(1, "Måned for måned")
    doc:paragraph(("Alle aktiviteter i %d etter måned; aktiviteter som går hele året, står til slutt."):format(year))
    local by_month = {}
    for m = 1, 13 do
      for _, a in ipairs(shown) do
        if (m <= 12 and not a.whole_year and a.months[m]) or (m == 13 and a.whole_year) then
          by_month[#by_month + 1] = {
            month = m <= 12 and rapp.fmt.month_name(m):gsub("^%l", string.upper) or "Hele året",
            text = label(a), lane = a.lane_label, body = a.body,
          }
        end
      end
    end
    doc:table {
      title = "Aktiviteter " .. year .. " måned for måned",
      columns = {
        { key = "month", title = "Måned" },
        { key = "text", title = "Aktivitet" },
        { key = "lane", title = "Spor" },
        { key = "body", title = "Vedtas av" },
      },
      rows = by_month,
      group_by = "month",
    }

    doc:heading(1, "Hvert fjerde år")
    local fourth = {}
    for _, a in ipairs(all) do
      if a.fourth then
        fourth[#fourth + 1] = {
          text = a.text, months = wheel.months_text(a), body = a.body,
          this_year = a.occurs == nil and "Ikke oppgitt" or (a.occurs and "Ja" or "Nei"),
          next_year = a.next_year and tostring(a.next_year) or "–",
        }
      end
    end
    if #fourth == 0 then
      doc:paragraph("Årshjulet har ingen aktiviteter som bare skjer hvert fjerde år.")
    else
      doc:paragraph(("Aktiviteter som skjer hvert fjerde år etter valget, og om de skjer i %d."):format(year))
      doc:table {
        title = "Aktiviteter hvert fjerde år",
        columns = {
          { key = "text", title = "Aktivitet" },
          { key = "months", title = "Måned" },
          { key = "body", title = "Vedtas av" },
          { key = "this_year", title = "I " .. year },
          { key = "next_year", title = "Neste gang etter " .. year },
        },
        rows = fourth,
      }
      if #absent > 0 then
        local names = {}
        for _, a in ipairs(absent) do names[#names + 1] = a.text end
        doc:paragraph(("Ikke med i årshjulet for %d: %s."):format(year, table.concat(names, "; ")))
      end
    end
  end,
}
