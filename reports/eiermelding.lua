-- reports/eiermelding.lua — Eiermelding: the companies the municipality owns wholly or partly. A
-- summary table of all companies and a key-figure chart, then per company: org.nr., form,
-- ownership share, purpose, board gender balance, the last generalforsamling/representantskap,
-- key figures over four years (driftsinntekter, årsresultat, egenkapital, egenkapitalandel) and
-- the owner's strategy points. From company, company_key_figure and company_strategy through
-- rapp.company. docs/reports.md describes it.
local rapp = require("rapp")
local company = require("rapp.company")
local fmt = rapp.fmt

-- The key-figure columns of a company's table, after the year.
local function figure_columns(r)
  return {
    { key = "year", title = r:label("col.year") },
    { key = "operating_revenue", title = r:label("col.revenue"), type = "amount", thousands = true },
    { key = "annual_result", title = r:label("col.result"), type = "amount", thousands = true, mark_negative = true },
    { key = "equity", title = r:label("col.equity"), type = "amount", thousands = true },
    { key = "equity_ratio", title = r:label("col.equity_ratio"), type = "percent", decimals = 1 },
  }
end

return rapp.report {
  name = "eiermelding",
  title = "Eiermelding",
  description = "Selskapene kommunen eier helt eller delvis: eierandel, formål, styre, eiermøte, "
    .. "nøkkeltall for fire år og eierstrategi.",
  formats = { "pdf", "xlsx", "html" },
  labels = require("labels.eiermelding"),
  params = {
    { name = "period", type = "period", kinds = { "year" }, default = "latest",
      description = "Regnskapsår (2025); nøkkeltall for dette året og de tre før. Uten --period: siste hele år" },
  },
  build = function(r, p)
    local doc, db = r.doc, r.db
    local year = p.period.year
    local first = year - 3
    doc:meta { title = r:label("title.year", year), subtitle = r.municipality, number_headings = true }
    doc:cover { title = r:label("title.year", year), subtitle = r.municipality, period = p.period }
    doc:toc()

    local list = company.list(db)
    local figures = {}
    for _, c in ipairs(list) do figures[c.org_number] = company.figures(db, c.org_number, first, year) end

    doc:landscape() -- nine columns read better across the page
    doc:heading(1, r:label("h.summary"))
    doc:paragraph(r:label("summary", r.municipality, fmt.integer(#list), first, year))
    local summary = {}
    for _, c in ipairs(list) do
      local f = figures[c.org_number][4]
      summary[#summary + 1] = {
        name = c.name, org_number = c.org_number, form = company.form_text(r, c),
        ownership_pct = c.form ~= "stiftelse" and c.ownership_pct or nil,
        operating_revenue = f.operating_revenue, annual_result = f.annual_result, equity_ratio = f.equity_ratio,
        women_pct = company.women_pct(c), meeting = c.owner_meeting_date,
      }
    end
    doc:table {
      title = r:label("sum.title", year),
      sheet = r:label("sum.sheet"),
      columns = {
        { key = "name", title = r:label("col.company") },
        { key = "org_number", title = r:label("col.org") },
        { key = "form", title = r:label("col.form") },
        { key = "ownership_pct", title = r:label("col.ownership"), type = "percent", decimals = 1 },
        { key = "operating_revenue", title = r:label("col.revenue") .. " " .. year, type = "amount", thousands = true },
        { key = "annual_result", title = r:label("col.result") .. " " .. year, type = "amount", thousands = true,
          mark_negative = true },
        { key = "equity_ratio", title = r:label("col.equity_ratio") .. " " .. year, type = "percent", decimals = 1 },
        { key = "women_pct", title = r:label("col.women"), type = "percent", decimals = 0 },
        { key = "meeting", title = r:label("col.meeting"), type = "date" },
      },
      rows = summary,
      note = r:label("sum.note"),
    }
    local names, series = {}, {}
    for i, c in ipairs(list) do names[i] = c.name end
    for k = 1, 4 do
      local values = { n = #list }
      for i, c in ipairs(list) do values[i] = figures[c.org_number][k].equity_ratio end
      series[k] = { name = tostring(first + k - 1), values = values }
    end
    doc:chart {
      kind = "bar", title = r:label("chart.title", first, year),
      type = "percent", decimals = 1, categories = names, series = series,
      category_title = r:label("col.company"), value_title = r:label("col.equity_ratio"),
      source = r:label("chart.source"), height_mm = 150,
    }
    doc:portrait()

    doc:heading(1, r:label("h.companies"))
    for _, c in ipairs(list) do
      doc:heading(2, c.name)
      local kind = company.meeting_kind(r, c.form)
      doc:table {
        columns = { { key = "label", title = r:label("col.item") }, { key = "value", title = c.name } },
        rows = {
          { label = r:label("row.org"), value = c.org_number },
          { label = r:label("row.form"), value = company.form_text(r, c) },
          { label = r:label("col.ownership"), value = company.ownership_text(r, c) },
          { label = r:label("row.purpose"), value = c.purpose or fmt.dash },
          { label = r:label("row.board"), value = company.board_text(r, c) },
          { label = r:label("row.last", kind and kind:lower() or r:label("meeting")),
            value = c.owner_meeting_date and fmt.date(c.owner_meeting_date)
              or r:label(kind and "not_given" or "no_owners") },
        },
      }
      doc:table { title = r:label("figures.title", c.name), columns = figure_columns(r), rows = figures[c.org_number] }
      local points = company.strategy(db, c.org_number)
      if #points > 0 then
        doc:paragraph("**" .. r:label("strategy") .. "**")
        doc:bullets(points)
      else
        doc:paragraph("*" .. r:label("no_strategy") .. "*")
      end
    end
  end,
}
