-- lua/rapp/commentary.lua — the texts units, budget areas and the kommunedirektør write for a
-- report period (`require("rapp.commentary")`), placed next to the figures: the Markdown text
-- when it was delivered, otherwise *Ingen kommentar levert*. Over r.db:text and doc:markdown
-- (docs/scripting.md); a snapshot without texts shows every text as not delivered.
local M = {}

M.KOMMUNEDIREKTOR = "kommunedirektor" -- the owner code of the kommunedirektør's texts
M.MISSING = "Ingen kommentar levert" -- bokmål; a report prints r:label("commentary.missing")

--- The Markdown text of (owner, period, section), or nil when none was delivered.
function M.get(r, owner, period, section)
  if r.db.text == nil then return nil end
  return (r.db:text(owner, section, period))
end

--- Writes the text (its headings under opts.heading when given, at level opts.level), or the
--- words *Ingen kommentar levert*; returns true when a text was delivered.
function M.write(r, owner, period, section, opts)
  opts = opts or {}
  local text = M.get(r, owner, period, section)
  if opts.heading then r.doc:heading(opts.level or 2, opts.heading) end
  if text == nil then
    r.doc:paragraph("*" .. r:label("commentary.missing") .. "*")
    return false
  end
  r.doc:markdown(text)
  return true
end

return M
