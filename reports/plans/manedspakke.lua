-- reports/plans/manedspakke.lua — the recurring package for a period (issue 14), run with
--   rapp batch reports/plans/manedspakke.lua --db SNAPSHOT --period 2026-T2 --out out/pakke
-- The report to formannskapet for the whole municipality, the follow-up of political decisions
-- for the whole municipality and for each area, and the unit report (reports/enhetsrapport.lua)
-- for every unit, for the leaders' dialogue. A report path is relative to this folder. A plan is
-- data only: no library is loaded (docs/batch.md).
return {
  name = "manedspakke",
  jobs = {
    { report = "../kvartalsrapport.lua" },
    { report = "../vedtaksoppfolging.lua" },
    { report = "../vedtaksoppfolging.lua", each = "area" },
    { report = "../enhetsrapport.lua", each = "unit" },
  },
}
