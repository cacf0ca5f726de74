-- lua/rapp/company.lua — the owned companies for eierstyring (`require("rapp.company")`): the
-- companies with their board and last owner meeting, key figures per year from the view
-- company_key_figure (the schema's egenkapitalandel), and the owner's strategy points. The one
-- place of the rules for a company form's owner meeting and board balance (their words: labels.lua).
local fmt = require("rapp.fmt")
local labels = require("rapp.labels")
local M = {}

-- The owner meeting of each company form (selskapsloven, aksjeloven, kommuneloven, stiftelsesloven):
-- the library's label meeting.<form> (lua/rapp/labels.lua); a stiftelse has none.
local MEETING = { AS = true, IKS = true, KF = true, SA = true, ["interkommunalt samarbeid"] = true }

--- "Generalforsamling" for an AS, "Representantskap" for an IKS, ... in r.lang; nil for a stiftelse (no owners).
function M.meeting_kind(r, form)
  return MEETING[form] and r:label("meeting." .. form) or nil
end

--- The company form in r.lang: "AS", "IKS", ... as they are; "stiftelse" (nn "stifting").
function M.form_text(r, c)
  return labels.code_word(function(...) return r:label(...) end, "company.form", c.form) or c.form
end

--- A company's ownership in words: "Kommunen eier 38,4 %"; a stiftelse has no owners.
function M.ownership_text(r, c)
  if c.form == "stiftelse" then return r:label("company.foundation") end
  return r:label("company.owns", fmt.percent(c.ownership_pct, c.ownership_pct % 1 == 0 and 0 or 1))
end

--- The board's gender balance: "3 kvinner, 2 menn (60 % kvinner)"; "–" when not given.
function M.board_text(r, c)
  if c.board_women == nil or c.board_men == nil then return fmt.dash end
  local n = c.board_women + c.board_men
  local share = n > 0 and r:label("company.board_share", fmt.percent(100 * c.board_women / n, 0)) or ""
  return r:label("company.board", c.board_women, r:label(c.board_women == 1 and "company.woman" or "company.women"),
    c.board_men, r:label(c.board_men == 1 and "company.man" or "company.men")) .. share
end

--- The share of women on the board in % (nil without a board).
function M.women_pct(c)
  if c.board_women == nil or c.board_men == nil or c.board_women + c.board_men == 0 then return nil end
  return 100 * c.board_women / (c.board_women + c.board_men)
end

--- The companies, largest share first: rows of company with form, board and owner meeting.
function M.list(db)
  return db:rows([[
    SELECT org_number, name, form, ownership_pct, purpose, board_women, board_men, owner_meeting_date
    FROM company ORDER BY form = 'stiftelse', ownership_pct DESC, name]])
end

--- Key figures of one company for the years first..last: a row per year (missing years are rows
--- of nil figures), year as text.
function M.figures(db, org_number, first, last)
  local by_year = {}
  for row in db:each([[
      SELECT year, operating_revenue, annual_result, equity, total_assets, equity_ratio
      FROM company_key_figure WHERE org_number = :org AND year BETWEEN :first AND :last]],
      { org = org_number, first = first, last = last }) do
    by_year[row.year] = row
  end
  local out = {}
  for y = first, last do
    local row = by_year[y] or {}
    out[#out + 1] = { year = tostring(y), operating_revenue = row.operating_revenue, annual_result = row.annual_result,
                      equity = row.equity, total_assets = row.total_assets, equity_ratio = row.equity_ratio }
  end
  return out
end

--- The owner's strategy points of a company, in order (a list of texts).
function M.strategy(db, org_number)
  local out = {}
  for row in db:each("SELECT text FROM company_strategy WHERE org_number = :org ORDER BY sort_order",
      { org = org_number }) do
    out[#out + 1] = row.text
  end
  return out
end

return M
