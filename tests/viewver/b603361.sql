-- tests/viewver/b603361.sql: what rapp at commit b603361 (the start of session 7) wrote into a
-- snapshot besides the tables, as far as it differs from later rapps: its indexes_v1.sql (no
-- economy_month, result_scope or absence_month; the older absence and staffing indexes) and its
-- text of the three decision views (a label column; the intervals by lead() over every change).
-- check_viewver.py drops the later snapshot's indexes and derived tables, runs this, and checks
-- that tables and indexes are b603361's (a digest of what its schema_v1.sql and indexes_v1.sql
-- make). Other views keep this rapp's text.
CREATE INDEX result_indicator_period ON result(indicator_code, period);
CREATE INDEX result_unit_period ON result(unit_code, period);
CREATE INDEX target_indicator_year ON target(indicator_code, year);
CREATE INDEX budget_unit_month ON budget(unit_code, month, amount);
CREATE INDEX actual_unit_month ON actual(unit_code, month, amount);
CREATE INDEX forecast_unit_month ON forecast(unit_code, month);
CREATE INDEX absence_unit_month ON absence(unit_code, month);
CREATE INDEX staffing_unit_month ON staffing(unit_code, month);
CREATE INDEX unit_area ON unit(area_code);
CREATE INDEX goal_focus_area ON goal(focus_area_code);
CREATE INDEX indicator_goal ON indicator(goal_code);
CREATE INDEX decision_area ON decision(area_code);
CREATE INDEX deviation_unit ON deviation(unit_code);
CREATE INDEX risk_area ON risk(area_code);
DROP VIEW decision_period_state;
DROP VIEW decision_state;
DROP VIEW decision_status_label;
CREATE VIEW decision_status_label (status, label, finished, sort_order) AS
VALUES ('ikke påbegynt', 'Ikke påbegynt', 0, 1),
       ('under arbeid',  'Under arbeid',  0, 2),
       ('forsinket',     'Forsinket',     0, 3),
       ('ferdig',        'Ferdig',        1, 4),
       ('utgår',         'Utgår',         1, 5);
CREATE VIEW decision_state AS
WITH change AS (
  SELECT c.body_code, c.case_number, c.status_date, c.status FROM decision_status_change c
  UNION ALL
  SELECT d.body_code, d.case_number, coalesce(d.status_date, d.meeting_date), d.status FROM decision d
  WHERE NOT EXISTS (SELECT 1 FROM decision_status_change c
                    WHERE c.body_code = d.body_code AND c.case_number = d.case_number)
),
every_change AS (
  SELECT body_code, case_number, status_date, status FROM change
  UNION ALL
  SELECT d.body_code, d.case_number, d.meeting_date, 'ikke påbegynt' FROM decision d
  -- the first of its changes: the first recorded one, else the one change above (read through
  -- the primary key: a subquery over `change` made SQLite build an index of it on every use)
  WHERE d.meeting_date < coalesce((SELECT min(c.status_date) FROM decision_status_change c
                                   WHERE c.body_code = d.body_code AND c.case_number = d.case_number),
                                  coalesce(d.status_date, d.meeting_date))
)
SELECT e.body_code, e.case_number, e.status, l.label, l.finished,
       e.status_date AS valid_from,
       lead(e.status_date) OVER (PARTITION BY e.body_code, e.case_number ORDER BY e.status_date) AS valid_to,
       d.meeting_date, d.deadline,
       CASE WHEN l.finished = 0 AND d.deadline IS NOT NULL THEN date(d.deadline, '+1 day') END AS overdue_from
FROM every_change e
JOIN decision d ON d.body_code = e.body_code AND d.case_number = e.case_number
JOIN decision_status_label l ON l.status = e.status;
CREATE VIEW decision_period_state AS
SELECT e.period, e.as_of, s.body_code, s.case_number, s.status, s.label, s.finished,
       s.valid_from AS status_date, s.meeting_date, s.deadline,
       coalesce(s.overdue_from <= e.as_of, 0) AS overdue
FROM period_as_of e
JOIN decision_state s ON s.valid_from <= e.as_of AND (s.valid_to IS NULL OR e.as_of < s.valid_to);
