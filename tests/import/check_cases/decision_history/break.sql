-- a status history that contradicts its decision, and a change of no decision
UPDATE decision SET status_date = '2026-02-25' WHERE body_code = 'BS' AND case_number = '26/12';
INSERT INTO decision_status_change VALUES ('BS', '26/99', '2026-03-01', 'ferdig');
