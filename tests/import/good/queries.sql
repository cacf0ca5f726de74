-- What the good base set must give: the scorecard status of every result (both directions,
-- equal limits, unit/area/municipality targets, not measured), some periods, converted values.
.mode list
.separator |
.nullvalue NULL
SELECT result_id, indicator_code, period, area_code, unit_code, value, direction, desired, acceptable, status
  FROM result_status ORDER BY result_id;
SELECT * FROM period WHERE code IN ('2025', '2025-T1', '2026-Q3', '2026-09', '2026-T3') ORDER BY code;
SELECT count(*), min(code), max(code) FROM period;
SELECT number, name, language, inhabitants, cutoff_date FROM municipality;
SELECT unit_code, month, kostra_function, amount FROM budget ORDER BY rowid;
SELECT body_code, case_number, meeting_date, deadline, replace(decision_text, char(10), '\n') FROM decision;
SELECT month, track, every_fourth_year FROM wheel_activity ORDER BY sort_order;
SELECT code, decimals FROM indicator ORDER BY sort_order;
SELECT name FROM unit WHERE code IN ('ENH2', 'ENH3') ORDER BY code;
SELECT name FROM sqlite_schema WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY name;
PRAGMA user_version;
PRAGMA journal_mode;
-- the as-of views: a decision with recorded changes (BS 26/12), one without (FSK 26/45: its
-- current status from the meeting date); periods ending after the cut-off are judged at it
SELECT body_code, case_number, status, finished, valid_from, valid_to, overdue_from FROM decision_state
  ORDER BY body_code, case_number, valid_from;
SELECT period, as_of, body_code, case_number, status, status_date, overdue FROM decision_period_state
  WHERE period IN ('2026-01', '2026-02', '2026-T1', '2026-T3') ORDER BY period, body_code, case_number;
SELECT id, status, closed, valid_from, valid_to FROM deviation_state ORDER BY id, valid_from;
SELECT * FROM decision_status_label ORDER BY sort_order;
-- the texts under tekster/: period, owner, section from the path, the Markdown as it is
SELECT period, owner, section, source_file, replace(body, char(10), '\n') FROM report_text ORDER BY period, owner, section;
-- version 3: investments month by month (accumulated from cost_before, the latest forecast),
-- the financial key figures, a KOSTRA figure with an empty country value
SELECT month, actual_month, actual_year, accumulated, year_budget, forecast_month, forecast_final_cost,
       forecast_completion_date, forecast_deviation FROM investment_month
  WHERE month IN ('2025-12', '2026-01', '2026-02', '2026-03', '2026-04') ORDER BY month;
SELECT * FROM annual_key_figure;
SELECT * FROM kostra_figure;
