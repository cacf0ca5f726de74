-- reports/saksframlegg.lua — the case document (saksframlegg) that puts a report in front of
-- formannskapet or bystyret: header block, title, the kommunedirektør's recommendation
-- (innstilling) with its numbered decision points and budget changes, saksopplysninger,
-- vurdering, the list of attachments, then the attached report itself (r.doc:attachment).
-- docs/reports.md describes it; ../shared/DOMAIN.md the layout of Norwegian case documents.
local rapp = require("rapp")
local fmt = rapp.fmt

-- The words of this document in bokmål and nynorsk (reports/labels/saksframlegg.lua): the run's
-- language form (r.lang), or the parameter lang for the case part.
local LABELS = require("labels.saksframlegg")

-- What each standard report is called when it is attached: the name and its definite form.
local ATTACHED = {
  kvartalsrapport = function(per)
    if per.kind == "tertial" then return "Tertialrapport", "tertialrapporten" end
    return "Kvartalsrapport", "kvartalsrapporten"
  end,
}

local BUDGET_SQL = [[
SELECT account, responsibility, function, coalesce(project, '') AS project, text,
       expense_increase, expense_decrease, income_decrease, income_increase
FROM budget_change WHERE case_ref = :case_ref ORDER BY line]]

local DECISION_SQL = [[
SELECT d.title, d.meeting_date, b.name AS body
FROM decision d JOIN political_body b ON b.code = d.body_code
WHERE d.body_code = :body AND d.case_number = :case_number]]

return rapp.report {
  name = "saksframlegg",
  title = "Saksframlegg",
  description = "Saksframlegg til formannskapet eller bystyret med kommunedirektørens innstilling "
    .. "og en rapport som vedlegg (standard: tertial- eller kvartalsrapporten).",
  formats = { "pdf", "xlsx", "html" },
  labels = LABELS,
  params = {
    { name = "period", type = "period", kinds = { "tertial", "quarter" }, default = "latest",
      description = "Perioden saken og vedlegget gjelder (tekstene under tekster/<periode>/kommunedirektor/)" },
    { name = "utvalg", label_key = "utvalg", type = "string", default = "FSK",
      description = "Utvalget saken går til: en kode i political_body (FSK, BS) eller navnet" },
    { name = "motedato", label_key = "motedato", type = "string", description = "Møtedato, ÅÅÅÅ-MM-DD" },
    { name = "saksnummer", label_key = "saksnr", type = "string", description = "Utvalgssaksnummer, f.eks. 45/26" },
    { name = "arkivsak", label_key = "arkivsak", type = "string",
      description = "Arkivsaksnummer, f.eks. 2026/1407; budsjettendringene i budget_change hører til det" },
    { name = "arkiv", label_key = "arkiv", type = "string", description = "Arkivkode (K-kode), f.eks. 151" },
    { name = "saksbehandler", label_key = "saksbehandler", type = "string", description = "Saksbehandlerens navn" },
    { name = "title", label_key = "param.title", type = "string",
      description = "Sakens tittel; uten: vedtakets tittel i decision, ellers vedleggets navn og perioden" },
    { name = "vedlegg", label_key = "vedlegg", type = "string", default = "kvartalsrapport",
      description = "Rapporten som legges ved (navnet i reports/), kjørt for samme periode" },
    { name = "lang", label_key = "param.lang", type = "choice", choices = { { value = "nb", label = "bokmål" }, { value = "nn", label = "nynorsk" } },
      description = "Målform; uten: kommunens (municipality.language)" },
  },
  build = function(r, p)
    local doc, db, per = r.doc, r.db, p.period
    local lang = p.lang or r.lang
    -- a word in lang: the run's labels (with their fallback and warning), or the other form's table
    local function L(key, ...)
      if lang == r.lang then return r:label(key, ...) end
      local text = LABELS[lang][key]
      if select("#", ...) > 0 then return text:format(...) end
      return text
    end

    -- the case: from the decision data when utvalg and saksnummer name one, else the parameters
    local body = db:row("SELECT name FROM political_body WHERE code = ?", { p.utvalg })
    local utvalg = body and body.name or p.utvalg
    local decision = p.saksnummer and db:row(DECISION_SQL, { body = p.utvalg, case_number = p.saksnummer })
    local name, definite = (ATTACHED[p.vedlegg] or function() return p.vedlegg, p.vedlegg end)(per)
    local title = p.title or (decision and decision.title) or (name .. " " .. per.label)
    local meeting = p.motedato or (decision and decision.meeting_date)
    if meeting ~= nil and not meeting:match("^%d%d%d%d%-%d%d%-%d%d$") then
      error(("parameter 'motedato': '%s' is not a date YYYY-MM-DD"):format(meeting), 0)
    end

    doc:meta { title = title, subtitle = L("doc"), language = lang }

    -- the header block: two one-row tables without grid, as case documents print it
    doc:paragraph("**" .. L("doc"):upper() .. "**")
    local dash = "–"
    doc:table { legend = false, columns = {
        { key = "a", title = L("saksbehandler") }, { key = "b", title = L("arkiv") }, { key = "c", title = L("arkivsak") } },
      rows = { { a = p.saksbehandler or dash, b = p.arkiv or dash, c = p.arkivsak or dash } } }
    doc:table { legend = false, columns = {
        { key = "a", title = L("saksnr") }, { key = "b", title = L("utvalg") }, { key = "c", title = L("motedato"), type = "date" } },
      rows = { { a = p.saksnummer or dash, b = utvalg, c = meeting } } }

    doc:heading(1, title)

    local attachment_title = ("%s 1: %s %s"):format(L("vedlegg"), name, per.label)
    local function text(section) return (db:text("kommunedirektor", section, per)) end

    -- Innstilling: the kommunedirektør's text (numbered decision points), else the standard one
    doc:heading(2, L("innstilling"))
    local innstilling = text("innstilling")
    if innstilling then
      doc:markdown(innstilling)
    else
      doc:paragraph(L("orientering", utvalg, definite))
    end
    local changes = p.arkivsak and db:rows(BUDGET_SQL, { case_ref = p.arkivsak }) or {}
    if #changes > 0 then
      doc:table { title = L("budget"), unit_note = L("budget.unit"), legend = false, total = L("total"),
        rows = changes, columns = {
          { key = "account", title = L("col.account") }, { key = "responsibility", title = L("col.responsibility") },
          { key = "function", title = L("col.function") }, { key = "project", title = L("col.project") }, { key = "text", title = L("col.text") },
          { key = "expense_increase", title = L("col.expense_increase"), type = "amount", sum = true },
          { key = "expense_decrease", title = L("col.expense_decrease"), type = "amount", sum = true },
          { key = "income_decrease", title = L("col.income_decrease"), type = "amount", sum = true },
          { key = "income_increase", title = L("col.income_increase"), type = "amount", sum = true } } }
    end

    for _, section in ipairs { "saksopplysninger", "vurdering" } do
      doc:heading(2, L(section))
      local body_text = text(section)
      if body_text then doc:markdown(body_text)
      elseif section == "saksopplysninger" then doc:paragraph(L("attached", name .. " " .. per.label, 1))
      else doc:paragraph("*" .. L("no_text") .. "*") end
    end

    doc:heading(2, L("vedlegg"))
    doc:bullets { attachment_title }

    doc:attachment { report = p.vedlegg, params = { period = per }, title = attachment_title }
  end,
}
