-- tests/import/xlsx/tables_xlsx.lua: the snapshot's budget and actual tables written through
-- Rapp's own XLSX renderer, one sheet each named like the table, the column names as headers,
-- for import_xlsx_rapp (the round trip: this workbook as budget.xlsx and actual.xlsx imports to
-- the same tables). `sheet` renames budget's sheet; `fault` adds a bad row to budget.
local rapp = require("rapp")

local function table_sheet(r, name, sheet, fault)
  local t = r.doc:table {
    sheet = sheet,
    columns = {
      { key = "unit_code" }, { key = "month" }, { key = "kostra_function" }, { key = "kostra_art" },
      { key = "amount", type = "decimal", decimals = 2 },
    },
    rows = r.db:each("SELECT unit_code, month, kostra_function, kostra_art, amount FROM " .. name ..
                     " ORDER BY rowid"),
  }
  if fault then
    t:add_row { unit_code = "ENH9", month = "2026-13", kostra_function = "202", kostra_art = "10X",
                amount = 100 }
  end
end

return rapp.report {
  name = "tables_xlsx", title = "Budsjett og regnskap", formats = { "xlsx" },
  params = {
    { name = "sheet", type = "string", default = "budget" },
    { name = "fault", type = "boolean", default = false },
  },
  build = function(r, p)
    r.doc:heading(1, "Budsjett og regnskap")
    r.doc:paragraph("Tabellene budget og actual slik øyeblikksbildet har dem.")
    table_sheet(r, "budget", p.sheet, p.fault)
    table_sheet(r, "actual", "actual", false)
  end }
