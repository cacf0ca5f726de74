-- reports/eiermelding.lua — Eiermelding: the companies the municipality owns wholly or partly. A
-- summary table of all companies and a key-figure chart, then per company: org.nr., form,
-- ownership share, purpose, board gender balance, the last generalforsamling/representantskap,
-- key figures over four years (driftsinntekter, årsresultat, egenkapital, egenkapitalandel) and
-- the owner's strategy points. From company, company_key_figure and company_strategy through
-- rapp.company. docs/reports.md describes it.
local rapp = require("rapp")
local company = require("rapp.company")
local fmt = rapp.fmt

local FIGURE_COLUMNS = {
  { key = "operating_revenue", title = "Driftsinntekter", type = "amount", thousands = true },
  { key = "annual_result", title = "Årsresultat", type = "amount", thousands = true, mark_negative = true },
  { key = "equity", title = "Egenkapital", type = "amount", thousands = true },
  { key = "equity_ratio", title = "Egenkapitalandel", type = "percent", decimals = 1 },
}

return rapp.report {
  name = "eiermelding",
  title = "Eiermelding",
  description = "Selskapene kommunen eier helt eller delvis: eierandel, formål, styre, eiermøte, "
    .. "nøkkeltall for fire år og eierstrategi.",
  formats = { "pdf", "xlsx", "html" },
  params = {
    { name = "period", type = "period", kinds = { "year" }, default = "latest",
      description = "Regnskapsår (2025); nøkkeltall for dette året og de tre før. Uten --period: siste hele år" },
  },
  build = function(r, p)
    local doc, db = r.doc, r.db
    local year = p.period.year
    local first = year - 3
    doc:meta { title = "Eiermelding " .. year, subtitle = r.municipality, number_headings = true }
    doc:cover { title = "Eiermelding " .. year, subtitle = r.municipality, period = p.period }
    doc:toc()

    local list = company.list(db)
    local figures = {}
    for _, c in ipairs(list) do figures[c.org_number] = company.figures(db, c.org_number, first, year) end

    doc:landscape() -- nine columns read better across the page
    doc:heading(1, "Sammendrag")
    doc:paragraph(("%s eier helt eller delvis **%s selskaper**. Nøkkeltallene er fra selskapenes årsregnskap "
      .. "%d–%d; egenkapitalandelen er egenkapital i prosent av sum eiendeler."):format(r.municipality,
      fmt.integer(#list), first, year))
    local summary = {}
    for _, c in ipairs(list) do
      local f = figures[c.org_number][4]
      summary[#summary + 1] = {
        name = c.name, org_number = c.org_number, form = c.form,
        ownership_pct = c.form ~= "stiftelse" and c.ownership_pct or nil,
        operating_revenue = f.operating_revenue, annual_result = f.annual_result, equity_ratio = f.equity_ratio,
        women_pct = company.women_pct(c), meeting = c.owner_meeting_date,
      }
    end
    doc:table {
      title = "Selskapene " .. year,
      sheet = "Selskaper",
      columns = {
        { key = "name", title = "Selskap" },
        { key = "org_number", title = "Org.nr." },
        { key = "form", title = "Form" },
        { key = "ownership_pct", title = "Eierandel", type = "percent", decimals = 1 },
        { key = "operating_revenue", title = "Driftsinntekter " .. year, type = "amount", thousands = true },
        { key = "annual_result", title = "Årsresultat " .. year, type = "amount", thousands = true, mark_negative = true },
        { key = "equity_ratio", title = "Egenkapitalandel " .. year, type = "percent", decimals = 1 },
        { key = "women_pct", title = "Kvinner i styret", type = "percent", decimals = 0 },
        { key = "meeting", title = "Siste eiermøte", type = "date" },
      },
      rows = summary,
      note = "Eierandel: kommunens andel. En stiftelse er selveiende og har ingen eiere (–). Siste eiermøte: "
        .. "generalforsamling (AS), representantskap (IKS) eller foretaksmøte (KF).",
    }
    local names, series = {}, {}
    for i, c in ipairs(list) do names[i] = c.name end
    for k = 1, 4 do
      local values = { n = #list }
      for i, c in ipairs(list) do values[i] = figures[c.org_number][k].equity_ratio end
      series[k] = { name = tostring(first + k - 1), values = values }
    end
    doc:chart {
      kind = "bar", title = ("Egenkapitalandel %d–%d per selskap"):format(first, year),
      type = "percent", decimals = 1, categories = names, series = series,
      category_title = "Selskap", value_title = "Egenkapitalandel",
      source = "Kilde: selskapenes årsregnskap", height_mm = 150,
    }
    doc:portrait()

    doc:heading(1, "Selskapene")
    for _, c in ipairs(list) do
      doc:heading(2, c.name)
      local kind = company.meeting_kind(c.form)
      doc:table {
        columns = { { key = "label", title = "Opplysning" }, { key = "value", title = c.name } },
        rows = {
          { label = "Organisasjonsnummer", value = c.org_number },
          { label = "Selskapsform", value = c.form },
          { label = "Eierandel", value = company.ownership_text(c) },
          { label = "Formål", value = c.purpose or fmt.dash },
          { label = "Styret", value = company.board_text(c) },
          { label = "Siste " .. (kind and kind:lower() or "eiermøte"),
            value = c.owner_meeting_date and fmt.date(c.owner_meeting_date)
              or (kind and "Ikke oppgitt" or "Ingen (stiftelsen har ingen eiere)") },
        },
      }
      local columns = { { key = "year", title = "År" } }
      for _, col in ipairs(FIGURE_COLUMNS) do columns[#columns + 1] = col end
      doc:table { title = "Nøkkeltall " .. c.name, columns = columns, rows = figures[c.org_number] }
      local points = company.strategy(db, c.org_number)
      if #points > 0 then
        doc:paragraph("**Eierstrategi**")
        doc:bullets(points)
      else
        doc:paragraph("*Ingen eierstrategi registrert.*")
      end
    end
  end,
}
