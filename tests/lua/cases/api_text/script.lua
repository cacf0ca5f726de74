-- api_text: r.db:text(owner, section, period) gives the Markdown and its file, nil when none was
-- delivered; the issue's order (owner, period, section), area/period tables and an unknown
-- section (an error listing the sections) too.
local rapp = require("rapp")
return rapp.report {
  name = "api_text", title = "Tekster",
  params = { { name = "period", type = "period", kinds = { "tertial" } } },
  build = function(r, p)
    local body, src = r.db:text("OPPV", "vurdering", p.period)
    r.doc:paragraph("Fil: " .. src)
    r.doc:paragraph("Lengde: " .. #body)
    r.doc:paragraph("Samme i annen rekkefølge: " .. tostring(r.db:text("OPPV", "2026-T2", "vurdering") == body))
    r.doc:paragraph("Område som tabell: " .. tostring(r.db:text({ code = "OPPV" }, "vurdering", "2026-T2") == body))
    local none = r.db:text("HO", "vurdering", p.period)
    r.doc:paragraph(none or "*Ingen kommentar levert*")
    r.doc:paragraph("Annen periode: " .. tostring(r.db:text("OPPV", "vurdering", "2026-T1")))
    r.doc:markdown(r.db:text("kommunedirektor", "sammendrag", p.period))
    local ok, err = pcall(function() return r.db:text("OPPV", "budsjett", p.period) end)
    r.doc:paragraph("Ukjent del: " .. tostring(ok) .. " " .. err)
  end,
}
