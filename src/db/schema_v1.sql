-- Rapp snapshot schema, version 4 (PRAGMA user_version = 4). Version 4 added the blocks at the end
-- (case documents, the årshjul and eiermelding columns, personvern: setting, deviation_category, the
-- views personvern_rule and deviation_personal). Version 2 added decision_status_change
-- and the as-of views (decision_state ... leader_agreement_state); version 3 the two blocks at the
-- end (texts, investments, KOSTRA figures, annual accounts; the KOSTRA accounts file's tables);
-- version 4 the last block (årshjul lanes, bodies and rhythm; company board, meetings, strategy).
-- The file keeps its name.
-- One SQLite file per municipality and cut-off date. docs/schema.md explains every table and
-- column in the municipality's own terms; this file is the truth it is written from.
--
-- Conventions
--   * Identifiers are English; content (names, texts, domain values such as decision statuses) is
--     Norwegian, as the source systems deliver it. Technical codes (direction, frequency, period
--     kind, status codes) are lower-case English.
--   * Dates are ISO text 'YYYY-MM-DD'; months 'YYYY-MM'. Period codes: '2026-09' (month),
--     '2026-Q3' (quarter), '2026-T2' (tertial: T1 Jan-Apr, T2 May-Aug, T3 Sep-Dec), '2026' (year).
--   * Amounts are NOK (kroner) as REAL, net expense positive: an expense is positive, an income
--     negative. Deviation = budget - actual, so a positive deviation is mindreforbruk.
--   * Codes (area, unit, indicator, ...) are short stable keys from the source systems.
--   * Tables are STRICT: SQLite itself refuses a value of the wrong type.

-- Kommunen. Exactly one row.
CREATE TABLE municipality (
  number        TEXT NOT NULL PRIMARY KEY,        -- kommunenummer; four digits ('4699')
  name          TEXT NOT NULL,                    -- 'Fjordvik kommune'
  language      TEXT NOT NULL DEFAULT 'nb',       -- målform: 'nb' bokmål; 'nn' nynorsk; 'se' nordsamisk
  inhabitants   INTEGER,                          -- innbyggertall at the cut-off date
  cutoff_date   TEXT NOT NULL,                    -- cut-off date of the snapshot (dato for uttrekk)
  logo          TEXT                              -- logo file name (PNG/JPEG) beside the snapshot; or NULL
) STRICT;

-- Every period a report can ask for. Filled by `rapp import` itself (all months, quarters,
-- tertials and years from the first year in the data to the cut-off year); not read from CSV.
CREATE TABLE period (
  code          TEXT NOT NULL PRIMARY KEY,        -- '2026-09' | '2026-Q3' | '2026-T2' | '2026'
  kind          TEXT NOT NULL,                    -- 'month' | 'quarter' | 'tertial' | 'year'
  year          INTEGER NOT NULL,
  number        INTEGER NOT NULL,                 -- month 1-12; quarter 1-4; tertial 1-3; year 1
  first_month   TEXT NOT NULL,                    -- 'YYYY-MM'; first month covered
  last_month    TEXT NOT NULL,                    -- 'YYYY-MM'; last month covered
  first_date    TEXT NOT NULL,                    -- 'YYYY-MM-DD'
  last_date     TEXT NOT NULL                     -- 'YYYY-MM-DD'
) STRICT;

-- Rammeområder (budget areas).
CREATE TABLE area (
  code          TEXT NOT NULL PRIMARY KEY,        -- 'OPPV'
  name          TEXT NOT NULL,                    -- 'Oppvekst'
  sort_order    INTEGER NOT NULL
) STRICT;

-- Enheter (units) under a budget area: schools, kindergartens, nursing homes, staff units ...
-- Economy, sick leave and staffing are recorded per unit; an area's figures are its units' sum.
CREATE TABLE unit (
  code          TEXT NOT NULL PRIMARY KEY,        -- 'ENH1210'
  area_code     TEXT NOT NULL REFERENCES area(code),
  name          TEXT NOT NULL,                    -- 'Fjordvik skole'
  kind          TEXT NOT NULL,                    -- 'skole' | 'barnehage' | 'sykehjem' | 'hjemmetjeneste' | 'stab'; ...
  head          TEXT,                             -- enhetsleder
  sort_order    INTEGER NOT NULL
) STRICT;

-- Fokusområder with their hovedmål. main_goal NULL means "Ikke utarbeidet".
CREATE TABLE focus_area (
  code          TEXT NOT NULL PRIMARY KEY,        -- 'SAMFUNN' | 'MEDVIRKNING'; ...
  name          TEXT NOT NULL,                    -- 'Læring og fornying'
  main_goal     TEXT,                             -- hovedmål
  sort_order    INTEGER NOT NULL
) STRICT;

-- Suksessfaktorer / delmål: common to the whole municipality (gjennomgående, area_code NULL)
-- or unique to one budget area.
CREATE TABLE goal (
  code            TEXT NOT NULL PRIMARY KEY,
  focus_area_code TEXT NOT NULL REFERENCES focus_area(code),
  area_code       TEXT REFERENCES area(code),     -- NULL = gjennomgående
  name            TEXT NOT NULL,
  sort_order      INTEGER NOT NULL
) STRICT;

-- Måleindikatorer.
CREATE TABLE indicator (
  code            TEXT NOT NULL PRIMARY KEY,
  goal_code       TEXT NOT NULL REFERENCES goal(code),
  name            TEXT NOT NULL,                  -- 'Sykefravær'
  method          TEXT NOT NULL,                  -- målemetode: '10-FAKTOR medarbeiderundersøkelse'
  unit_of_measure TEXT NOT NULL,                  -- 'prosent' | 'skår 1-6' | 'skår 1-5' | 'dager' | 'antall' | 'kr'
  decimals        INTEGER NOT NULL DEFAULT 1,     -- decimals shown; status is judged on the shown value
  direction       TEXT NOT NULL,                  -- 'higher' (higher is better) or 'lower'
  frequency       TEXT NOT NULL,                  -- 'month' | 'quarter' | 'tertial' | 'year'
  source          TEXT NOT NULL,                  -- 'regnskap' | 'lønnssystem' | 'fagsystem' | 'bedrekommune.no' | '10-FAKTOR' | 'kvalitetssystem' | 'sak/arkiv' | 'manuell'
  sort_order      INTEGER NOT NULL
) STRICT;

-- Resultatkrav: the two limits per indicator and year, for the whole municipality (area_code and
-- unit_code NULL), one area (area_code), or one unit (unit_code; area_code then NULL or its area).
-- For direction 'higher' desired >= acceptable; for 'lower' desired <= acceptable; equal is allowed.
CREATE TABLE target (
  indicator_code  TEXT NOT NULL REFERENCES indicator(code),
  year            INTEGER NOT NULL,
  area_code       TEXT REFERENCES area(code),
  unit_code       TEXT REFERENCES unit(code),
  desired         REAL NOT NULL,                  -- ønsket resultat from this limit
  acceptable      REAL NOT NULL                   -- akseptabelt resultat from this limit
) STRICT;

-- Measured results per indicator and period, for the whole municipality (area_code and unit_code
-- NULL), one area, or one unit (unit_code; area_code then NULL or its area). value NULL = not
-- measured (the comment may say why).
CREATE TABLE result (
  indicator_code  TEXT NOT NULL REFERENCES indicator(code),
  period          TEXT NOT NULL REFERENCES period(code),
  area_code       TEXT REFERENCES area(code),
  unit_code       TEXT REFERENCES unit(code),
  value           REAL,
  comment         TEXT
) STRICT;

-- Periodised revised budget (regulert budsjett) per unit and month, optionally split by KOSTRA
-- function and art. The year budget is the sum of its twelve months.
CREATE TABLE budget (
  unit_code       TEXT NOT NULL REFERENCES unit(code),
  month           TEXT NOT NULL,                  -- 'YYYY-MM'
  kostra_function TEXT,                           -- '202'
  kostra_art      TEXT,                           -- '010'
  amount          REAL NOT NULL                   -- NOK
) STRICT;

-- Regnskap (actuals) per unit and month, same split as the budget.
CREATE TABLE actual (
  unit_code       TEXT NOT NULL REFERENCES unit(code),
  month           TEXT NOT NULL,
  kostra_function TEXT,
  kostra_art      TEXT,
  amount          REAL NOT NULL
) STRICT;

-- Prognose: the unit's forecast for the whole year, as made in a given month.
CREATE TABLE forecast (
  unit_code       TEXT NOT NULL REFERENCES unit(code),
  month           TEXT NOT NULL,                  -- the month the forecast was made
  year_amount     REAL NOT NULL                   -- forecast net expense for the whole year; NOK
) STRICT;

-- Sykefravær per unit and month, in dagsverk.
CREATE TABLE absence (
  unit_code       TEXT NOT NULL REFERENCES unit(code),
  month           TEXT NOT NULL,
  short_term_days REAL NOT NULL,                  -- korttid (egenmeldt; 1-16 days)
  long_term_days  REAL NOT NULL,                  -- langtid (legemeldt)
  planned_days    REAL NOT NULL                   -- avtalte dagsverk; > 0
) STRICT;

-- Bemanning per unit and month.
CREATE TABLE staffing (
  unit_code       TEXT NOT NULL REFERENCES unit(code),
  month           TEXT NOT NULL,
  fte             REAL NOT NULL,                  -- årsverk (avtalte; ekskl. lange fravær)
  headcount       INTEGER NOT NULL                -- ansatte
) STRICT;

-- Politiske organer (utvalg).
CREATE TABLE political_body (
  code            TEXT NOT NULL PRIMARY KEY,      -- 'BS' | 'FSK' | 'KU'; ...
  name            TEXT NOT NULL,                  -- 'Bystyret'
  sort_order      INTEGER NOT NULL
) STRICT;

-- Politiske vedtak to follow up (vedtaksoppfølging, from the case system).
CREATE TABLE decision (
  body_code       TEXT NOT NULL REFERENCES political_body(code),
  case_number     TEXT NOT NULL,                  -- saksnr 'YY/NNN'; e.g. '26/123'
  meeting_date    TEXT NOT NULL,
  title           TEXT NOT NULL,
  decision_text   TEXT,                           -- vedtak (kort)
  area_code       TEXT REFERENCES area(code),     -- responsible budget area; if any
  responsible     TEXT NOT NULL,                  -- ansvarlig (role or name)
  deadline        TEXT,                           -- frist
  status          TEXT NOT NULL,                  -- 'ikke påbegynt' | 'under arbeid' | 'ferdig' | 'forsinket' | 'utgår'
  status_date     TEXT,                           -- when the status was last changed
  comment         TEXT,
  PRIMARY KEY (body_code, case_number)
) STRICT;

-- Statushistorikk: every change of a decision's status, from the case system. The latest change
-- of a decision is its current status (decision.status and status_date). A decision without
-- rows here has one known change: its current status from status_date. Before its first change
-- a decision is 'ikke påbegynt' from the meeting date. The view decision_state reads this.
CREATE TABLE decision_status_change (
  body_code       TEXT NOT NULL REFERENCES political_body(code),
  case_number     TEXT NOT NULL,                  -- with body_code: an existing decision
  status_date     TEXT NOT NULL,                  -- the day the status took effect; not before the meeting
  status          TEXT NOT NULL,                  -- as decision.status
  PRIMARY KEY (body_code, case_number, status_date)
) STRICT;

-- Avvik from the quality system. Counts only ever leave the snapshot: no free text is kept.
CREATE TABLE deviation (
  id              TEXT NOT NULL PRIMARY KEY,
  unit_code       TEXT NOT NULL REFERENCES unit(code),
  category        TEXT NOT NULL,                  -- 'HMS' | 'bruker/pasient' | 'informasjonssikkerhet/personvern' | 'økonomi' | 'annet'
  severity        TEXT NOT NULL,                  -- 'lav' | 'middels' | 'høy'
  reported_date   TEXT NOT NULL,
  closed_date     TEXT,                           -- NULL while open
  status          TEXT NOT NULL                   -- 'åpen' | 'under behandling' | 'lukket'; 'lukket' exactly when closed_date is given
) STRICT;

-- ROS-analyser: risks per budget area.
CREATE TABLE risk (
  id              TEXT NOT NULL PRIMARY KEY,
  area_code       TEXT NOT NULL REFERENCES area(code),
  hazard          TEXT NOT NULL,                  -- uønsket hendelse
  probability     INTEGER NOT NULL,               -- sannsynlighet 1-5
  consequence     INTEGER NOT NULL,               -- konsekvens 1-5
  measures        TEXT,                           -- tiltak
  responsible     TEXT,
  deadline        TEXT,
  status          TEXT NOT NULL,                  -- 'åpen' | 'tiltak pågår' | 'lukket'
  assessed_date   TEXT NOT NULL                   -- latest assessment or status change: the row holds from this day
) STRICT;

-- Årshjul: the governance processes month by month. month NULL = "Hele året".
CREATE TABLE wheel_activity (
  month           INTEGER,                        -- 1-12; NULL for the whole year
  track           TEXT NOT NULL,                  -- 'administrativ' or 'politisk'
  text            TEXT NOT NULL,
  every_fourth_year INTEGER NOT NULL DEFAULT 0,   -- 1: only every fourth year after the election
  sort_order      INTEGER NOT NULL
) STRICT;

-- Eierstyring: companies the municipality owns wholly or partly.
CREATE TABLE company (
  org_number      TEXT NOT NULL PRIMARY KEY,      -- organisasjonsnummer; nine digits
  name            TEXT NOT NULL,
  form            TEXT NOT NULL,                  -- 'AS' | 'IKS' | 'KF' | 'SA' | 'stiftelse' | 'interkommunalt samarbeid'
  ownership_pct   REAL NOT NULL,                  -- share owned by the municipality in percent (0-100)
  purpose         TEXT
) STRICT;

-- Key figures per owned company and year (from the annual accounts).
CREATE TABLE company_figure (
  org_number      TEXT NOT NULL REFERENCES company(org_number),
  year            INTEGER NOT NULL,
  operating_revenue REAL,                         -- driftsinntekter; NOK
  annual_result   REAL,                           -- årsresultat; NOK
  equity          REAL,                           -- egenkapital; NOK
  PRIMARY KEY (org_number, year)
) STRICT;

-- Lederavtaler per unit and year.
CREATE TABLE leader_agreement (
  unit_code       TEXT NOT NULL REFERENCES unit(code),
  year            INTEGER NOT NULL,
  leader          TEXT NOT NULL,
  signed_date     TEXT,                           -- NULL: not signed yet
  PRIMARY KEY (unit_code, year)
) STRICT;

-- The scorecard status codes, their Norwegian labels and symbols. Part of the schema, not data.
CREATE TABLE status_label (
  status          TEXT NOT NULL PRIMARY KEY,
  label           TEXT NOT NULL,
  symbol          TEXT NOT NULL,
  sort_order      INTEGER NOT NULL
) STRICT;
INSERT INTO status_label VALUES
  ('desired',      'Ønsket resultat',       '●', 1),
  ('acceptable',   'Akseptabelt resultat',  '▲', 2),
  ('unacceptable', 'Uakseptabelt resultat', '■', 3),
  ('not_measured', 'Ikke målt',             '○', 4),
  ('no_target',    'Uten resultatkrav',     '–', 5);

-- THE target rule, in one place for result_status below, the scorecard (lua/rapp/scorecard.lua:
-- the indicators of a scope without a result) and ad hoc SQL. The target (resultatkrav) that
-- applies to a scope for an indicator and a year is the most specific one: the unit's own, else
-- its area's, else the municipality's. One row per scope, indicator and year that a target applies
-- to (none: no target):
--   unit_code, area_code  the scope: a unit (area_code NULL: a unit's area is the unit's own), an
--                         area (unit_code NULL) or the municipality (both NULL)
--   target_id             the target's rowid in target; desired, acceptable its limits
-- Of two targets of one unit (area_code empty and the unit's area, both allowed) the one naming
-- the area applies. Ask in a scalar subquery with all four keys, so that SQLite flattens the view
-- into the question (an IS for the scope, which may be NULL):
--   (SELECT tc.target_id FROM target_choice tc WHERE tc.indicator_code = :i AND tc.year = :y
--      AND tc.unit_code IS :unit AND tc.area_code IS :area)
-- Each arm is then a seek or two into target (index target_scope, indexes_v1.sql) instead of
-- reading every target of the indicator and year (sick leave: one per unit), and the subquery
-- stops at the first arm with a row: the municipality's and the areas' own come first, and an arm
-- whose scope column is a NULL constant that differs from the scope asked for is skipped before it
-- reads anything. For the flattening every arm has a FROM and the arms' columns have the same
-- affinity (CAST(NULL AS TEXT)); otherwise SQLite would build the whole view for each question.
CREATE VIEW target_choice AS
-- the municipality's own
SELECT CAST(NULL AS TEXT) AS unit_code, CAST(NULL AS TEXT) AS area_code, t.indicator_code, t.year,
       t.rowid AS target_id, t.desired, t.acceptable
FROM target t
WHERE t.unit_code IS NULL AND t.area_code IS NULL
UNION ALL
-- an area's own
SELECT CAST(NULL AS TEXT), t.area_code, t.indicator_code, t.year, t.rowid, t.desired, t.acceptable
FROM target t
WHERE t.unit_code IS NULL AND t.area_code IS NOT NULL
UNION ALL
-- a unit's own
SELECT t.unit_code, CAST(NULL AS TEXT), t.indicator_code, t.year, t.rowid, t.desired, t.acceptable
FROM target t
WHERE t.unit_code IS NOT NULL
  AND (t.area_code IS NOT NULL OR NOT EXISTS (
        SELECT 1 FROM target o WHERE o.indicator_code = t.indicator_code AND o.year = t.year
          AND o.unit_code = t.unit_code AND o.area_code IS NOT NULL))
UNION ALL
-- the municipality's, for an area without its own
SELECT CAST(NULL AS TEXT), a.code, t.indicator_code, t.year, t.rowid, t.desired, t.acceptable
FROM area a JOIN target t ON t.unit_code IS NULL AND t.area_code IS NULL
WHERE NOT EXISTS (SELECT 1 FROM target o WHERE o.indicator_code = t.indicator_code AND o.year = t.year
                    AND o.unit_code IS NULL AND o.area_code = a.code)
UNION ALL
-- its area's, for a unit without its own
SELECT u.code, CAST(NULL AS TEXT), t.indicator_code, t.year, t.rowid, t.desired, t.acceptable
FROM unit u JOIN target t ON t.unit_code IS NULL AND t.area_code = u.area_code
WHERE NOT EXISTS (SELECT 1 FROM target o WHERE o.indicator_code = t.indicator_code AND o.year = t.year
                    AND o.unit_code = u.code)
UNION ALL
-- the municipality's, for a unit without its own and without its area's
SELECT u.code, CAST(NULL AS TEXT), t.indicator_code, t.year, t.rowid, t.desired, t.acceptable
FROM unit u JOIN target t ON t.unit_code IS NULL AND t.area_code IS NULL
WHERE NOT EXISTS (SELECT 1 FROM target o WHERE o.indicator_code = t.indicator_code AND o.year = t.year
                    AND o.unit_code = u.code)
  AND NOT EXISTS (SELECT 1 FROM target o WHERE o.indicator_code = t.indicator_code AND o.year = t.year
                    AND o.unit_code IS NULL AND o.area_code = u.area_code);

-- THE scorecard status rule, in one place for every report and ad hoc SQL.
-- The target that applies to a result is the one of target_choice (above) for the indicator, the
-- result's year (the period's first four characters) and the result's scope: its unit, else its
-- area, else the municipality (rapp check: a result's area_code is empty or its unit's area).
-- The value is rounded to the indicator's decimals first, so the status matches what is shown.
--   higher is better: value >= desired -> desired; value >= acceptable -> acceptable; else unacceptable
--   lower is better:  value <= desired -> desired; value <= acceptable -> acceptable; else unacceptable
-- value NULL -> not_measured; no target -> no_target. An indicator with no result row at all for
-- a period is not measured too: reports LEFT JOIN and take COALESCE(status, 'not_measured').
CREATE VIEW result_status AS
SELECT r.rowid AS result_id,
       r.indicator_code, r.period, r.area_code, r.unit_code, r.value, r.comment,
       i.direction, i.decimals, t.desired, t.acceptable,
       CASE
         WHEN r.value IS NULL THEN 'not_measured'
         WHEN t.desired IS NULL THEN 'no_target'
         WHEN i.direction = 'higher' THEN
           CASE WHEN round(r.value, i.decimals) >= t.desired THEN 'desired'
                WHEN round(r.value, i.decimals) >= t.acceptable THEN 'acceptable'
                ELSE 'unacceptable' END
         ELSE
           CASE WHEN round(r.value, i.decimals) <= t.desired THEN 'desired'
                WHEN round(r.value, i.decimals) <= t.acceptable THEN 'acceptable'
                ELSE 'unacceptable' END
       END AS status
FROM result r
JOIN indicator i ON i.code = r.indicator_code
LEFT JOIN target t ON t.rowid = (
  SELECT tc.target_id FROM target_choice tc
  WHERE tc.indicator_code = r.indicator_code AND tc.year = CAST(substr(r.period, 1, 4) AS INTEGER)
    AND tc.unit_code IS r.unit_code
    AND tc.area_code IS CASE WHEN r.unit_code IS NULL THEN r.area_code END);

-- Risk score and level of the 5x5 ROS matrix: 1-4 akseptabel, 5-9 vurder tiltak, 10-25 uakseptabel.
CREATE VIEW risk_level AS
SELECT r.*, r.probability * r.consequence AS score,
       CASE WHEN r.probability * r.consequence >= 10 THEN 'uakseptabel'
            WHEN r.probability * r.consequence >= 5 THEN 'vurder tiltak'
            ELSE 'akseptabel' END AS level
FROM risk r;

-- The decision statuses: finished 1 = no longer followed up (ferdig or utgår); the order in
-- reports. The words a report prints for a status come from the label tables
-- (code.decision.status.<status> in r.lang: rapp.control.code_word/status_text), not from here.
-- Part of the schema, not data: a view, so every report reads this rapp's (docs/schema.md, views).
CREATE VIEW decision_status_label (status, finished, sort_order) AS
VALUES ('ikke påbegynt', 0, 1),
       ('under arbeid',  0, 2),
       ('forsinket',     0, 3),
       ('ferdig',        1, 4),
       ('utgår',         1, 5);

-- THE as-of rule, in one place for every report and ad hoc SQL. Each *_state view below gives the
-- intervals of a row's state over time: a state holds from valid_from (inclusive) until valid_to
-- (exclusive; NULL = still at the cut-off). The state ON date D (at the end of that day) is
--   valid_from <= D AND (valid_to IS NULL OR D < valid_to)
-- and a row with no interval covering D did not exist on D (or the snapshot does not know it).
-- THE overdue rule: a row is overdue ON D when it is not finished on D and its deadline is
-- before D (deadline < D: the deadline day itself is still in time). The views give
-- overdue_from = the day after the deadline on every state that is not finished, so
-- "overdue on D" is overdue_from <= D on the interval that holds on D.

-- A decision's status over time: its recorded changes (decision_status_change; without any, its
-- current status from status_date or else the meeting date) and before the first change
-- 'ikke påbegynt' from the meeting date. No interval before the meeting date.
-- Each interval's end is found along the primary key of decision_status_change (the decision's
-- next change), not by a window over every change: a window needs every change sorted and kept
-- before the caller's filter can apply, while each branch below takes the caller's WHERE (the
-- as-of day, a body) as it is. The same intervals as lead() over the changes would give.
CREATE VIEW decision_state AS
WITH change AS (
  -- a recorded change, until the decision's next one
  SELECT c.body_code, c.case_number, c.status_date AS valid_from,
         (SELECT min(n.status_date) FROM decision_status_change n
          WHERE n.body_code = c.body_code AND n.case_number = c.case_number
            AND n.status_date > c.status_date) AS valid_to,
         c.status
  FROM decision_status_change c
  UNION ALL
  -- a decision without recorded changes: its one change, never ended
  SELECT d.body_code, d.case_number, coalesce(d.status_date, d.meeting_date), NULL, d.status FROM decision d
  WHERE NOT EXISTS (SELECT 1 FROM decision_status_change c
                    WHERE c.body_code = d.body_code AND c.case_number = d.case_number)
  UNION ALL
  -- 'ikke påbegynt' from the meeting date until the first of its changes: the first recorded
  -- one (read through the primary key), else the one change above
  SELECT body_code, case_number, meeting_date, first_change, 'ikke påbegynt'
  FROM (SELECT d.body_code, d.case_number, d.meeting_date,
               coalesce((SELECT min(c.status_date) FROM decision_status_change c
                         WHERE c.body_code = d.body_code AND c.case_number = d.case_number),
                        d.status_date, d.meeting_date) AS first_change
        FROM decision d)
  WHERE meeting_date < first_change
)
SELECT e.body_code, e.case_number, e.status, l.finished, e.valid_from, e.valid_to,
       d.meeting_date, d.deadline,
       CASE WHEN l.finished = 0 AND d.deadline IS NOT NULL THEN date(d.deadline, '+1 day') END AS overdue_from
FROM change e
JOIN decision d ON d.body_code = e.body_code AND d.case_number = e.case_number
JOIN decision_status_label l ON l.status = e.status;

-- The day a period's state is judged on: its last date, or the cut-off date when the period ends
-- after it (the snapshot knows nothing later).
CREATE VIEW period_as_of AS
SELECT p.code AS period, min(p.last_date, coalesce((SELECT m.cutoff_date FROM municipality m), p.last_date)) AS as_of
FROM period p;

-- Every decision's status at the end of every period (on period_as_of.as_of), with overdue
-- judged by the rule above. A decision made after as_of has no row. status_date: the day the
-- status in force on as_of took effect.
CREATE VIEW decision_period_state AS
SELECT e.period, e.as_of, s.body_code, s.case_number, s.status, s.finished,
       s.valid_from AS status_date, s.meeting_date, s.deadline,
       coalesce(s.overdue_from <= e.as_of, 0) AS overdue
FROM period_as_of e
JOIN decision_state s ON s.valid_from <= e.as_of AND (s.valid_to IS NULL OR e.as_of < s.valid_to);

-- A deviation over time: 'åpen' from reported_date until closed_date, then 'lukket'. 'åpen'
-- covers 'under behandling' too: the snapshot does not date that step.
CREATE VIEW deviation_state AS
SELECT d.id, d.unit_code, d.category, d.severity, d.reported_date, d.closed_date,
       'åpen' AS status, 0 AS closed, d.reported_date AS valid_from, d.closed_date AS valid_to
FROM deviation d
UNION ALL
SELECT d.id, d.unit_code, d.category, d.severity, d.reported_date, d.closed_date,
       'lukket', 1, d.closed_date, NULL
FROM deviation d WHERE d.closed_date IS NOT NULL;

-- A risk as last assessed: the row (score, level, measures, status) holds from assessed_date on;
-- the snapshot keeps no earlier assessment, so a risk has no state before it. Overdue: measures
-- not closed and the deadline before D.
CREATE VIEW risk_state AS
SELECT r.*, r.status = 'lukket' AS closed, r.assessed_date AS valid_from, NULL AS valid_to,
       CASE WHEN r.status <> 'lukket' AND r.deadline IS NOT NULL THEN date(r.deadline, '+1 day') END AS overdue_from
FROM risk_level r;

-- A leader agreement over time: 'ikke signert' from 1 January of its year until signed_date,
-- then 'signert'.
CREATE VIEW leader_agreement_state AS
SELECT a.unit_code, a.year, a.leader, a.signed_date, 'ikke signert' AS status, 0 AS signed,
       printf('%04d-01-01', a.year) AS valid_from, a.signed_date AS valid_to
FROM leader_agreement a
UNION ALL
SELECT a.unit_code, a.year, a.leader, a.signed_date, 'signert', 1, a.signed_date, NULL
FROM leader_agreement a WHERE a.signed_date IS NOT NULL;

-- ==== Version 3: texts, investments, KOSTRA and the annual accounts (the monthly and annual
-- ==== reports). Appended here in one block; the file keeps its name.

-- The sections a text contribution may fill, with the heading a report gives them and their
-- order. Part of the schema, not data (a view, so every report reads this rapp's rows).
CREATE VIEW text_section (code, label, sort_order) AS
VALUES ('sammendrag',     'Sammendrag',          1),
       ('vurdering',      'Vurdering',           2),
       ('okonomi',        'Økonomi',             3),
       ('maloppnaelse',   'Måloppnåelse',        4),
       ('sykefravaer',    'Sykefravær',          5),
       ('organisasjon',   'Organisasjon',        6),
       ('internkontroll', 'Internkontroll',      7),
       ('investeringer',  'Investeringer',       8),
       ('tiltak',         'Tiltak',              9),
       ('utfordringer',   'Utfordringer framover', 10),
       ('innstilling',    'Innstilling',         11), -- a case's (saksframlegg) recommendation
       ('saksopplysninger', 'Saksopplysninger',  12);

-- Text contributions: the commentary units, budget areas and the kommunedirektør write in
-- Markdown. Not read from CSV: `rapp import` reads DIR/tekster/<period>/<owner>/<section>.md
-- (docs/schema.md, "Texts").
CREATE TABLE report_text (
  period          TEXT NOT NULL REFERENCES period(code), -- '2026-09' | '2026-T2' | '2026'; ...
  owner           TEXT NOT NULL,                  -- a unit code, an area code, or 'kommunedirektor'
  section         TEXT NOT NULL,                  -- a code of the view text_section
  body            TEXT NOT NULL,                  -- the Markdown text (CommonMark subset; UTF-8)
  source_file     TEXT NOT NULL,                  -- 'tekster/2026/OPPV/vurdering.md'
  PRIMARY KEY (period, owner, section)
) STRICT;

-- Investeringsprosjekter. Amounts here are expenses, positive (the general convention).
CREATE TABLE investment (
  project_number  TEXT NOT NULL PRIMARY KEY,      -- prosjektnummer '4012'
  name            TEXT NOT NULL,                  -- 'Ny Fjordvik skole'
  area_code       TEXT NOT NULL REFERENCES area(code),
  cost_frame      REAL NOT NULL,                  -- vedtatt kostnadsramme for the whole project; NOK
  cost_before     REAL NOT NULL DEFAULT 0,        -- påløpt before the first year of investment_actual; NOK
  start_date      TEXT,                           -- oppstart
  completion_date TEXT,                           -- planlagt ferdigstillelse (as adopted)
  status          TEXT NOT NULL                   -- 'planlagt' | 'pågår' | 'ferdigstilt' | 'utsatt' | 'avsluttet'
) STRICT;

-- Årsbudsjett (regulert) per investment project and year.
CREATE TABLE investment_budget (
  project_number  TEXT NOT NULL REFERENCES investment(project_number),
  year            INTEGER NOT NULL,
  amount          REAL NOT NULL,                  -- NOK
  PRIMARY KEY (project_number, year)
) STRICT;

-- Regnskap per investment project and month. Accumulated cost at month M = cost_before + the
-- sum of the months up to M.
CREATE TABLE investment_actual (
  project_number  TEXT NOT NULL REFERENCES investment(project_number),
  month           TEXT NOT NULL,
  amount          REAL NOT NULL                   -- NOK
) STRICT;

-- Prognose per investment project, as made in a given month.
CREATE TABLE investment_forecast (
  project_number  TEXT NOT NULL REFERENCES investment(project_number),
  month           TEXT NOT NULL,                  -- the month the forecast was made
  final_cost      REAL NOT NULL,                  -- forecast sluttkostnad for the whole project; NOK
  completion_date TEXT                            -- forecast ferdigstillelse; NULL = as planned
) STRICT;

-- KOSTRA key figures (nøkkeltall) the annual report compares.
CREATE TABLE kostra_indicator (
  code            TEXT NOT NULL PRIMARY KEY,      -- 'KOSTRA-GSK-01'
  name            TEXT NOT NULL,                  -- 'Netto driftsutgifter grunnskole per innbygger 6-15 år'
  area_code       TEXT REFERENCES area(code),     -- the budget area it belongs to; NULL = the whole municipality
  unit_of_measure TEXT NOT NULL,                  -- 'kr' | 'prosent' | 'antall' | ...
  decimals        INTEGER NOT NULL DEFAULT 1,
  direction       TEXT,                           -- 'higher' (higher is better), 'lower', or NULL: no better or worse
  sort_order      INTEGER NOT NULL
) STRICT;

-- One KOSTRA figure per indicator and year: the municipality, its kommunegruppe, and
-- "Landet uten Oslo". NULL = not published.
CREATE TABLE kostra_figure (
  indicator_code  TEXT NOT NULL REFERENCES kostra_indicator(code),
  year            INTEGER NOT NULL,
  value           REAL,                           -- the municipality
  group_value     REAL,                           -- its kommunegruppe
  country_value   REAL,                           -- Landet uten Oslo
  group_name      TEXT,                           -- 'Kostragruppe 11'
  PRIMARY KEY (indicator_code, year)
) STRICT;

-- Årsregnskap: the summary lines the annual report needs, per year. EXCEPTION to the sign
-- convention above: amounts are as the accounts print them, positive; a result line is
-- positive for a surplus (netto driftsresultat 40 000 000 = overskudd) and negative for a deficit.
CREATE TABLE annual_account (
  year            INTEGER NOT NULL,
  line            TEXT NOT NULL,                  -- a code of the view annual_account_line
  amount          REAL NOT NULL,                  -- NOK; see the exception above
  PRIMARY KEY (year, line)
) STRICT;

-- The lines annual_account may hold. Part of the schema, not data.
CREATE VIEW annual_account_line (code, label, sort_order) AS
VALUES ('driftsinntekter',       'Sum driftsinntekter',            1),
       ('driftsutgifter',        'Sum driftsutgifter',             2),
       ('brutto_driftsresultat', 'Brutto driftsresultat',          3),
       ('netto_finansutgifter',  'Netto finansutgifter',           4),
       ('netto_driftsresultat',  'Netto driftsresultat',           5),
       ('regnskapsresultat',     'Regnskapsmessig mer-/mindreforbruk', 6),
       ('disposisjonsfond',      'Disposisjonsfond 31.12.',        7),
       ('lanegjeld',             'Netto lånegjeld 31.12.',         8);

-- THE financial key figures per year, in one place: netto driftsresultat, disposisjonsfond and
-- lånegjeld in % of driftsinntekter, against the recommended level for netto driftsresultat
-- (1,75 %, the norm for the municipal sector). NULL where a line is missing.
CREATE VIEW annual_key_figure AS
SELECT y.year,
       di.amount AS driftsinntekter,
       nd.amount AS netto_driftsresultat,
       100.0 * nd.amount / nullif(di.amount, 0) AS netto_driftsresultat_pct,
       1.75 AS netto_driftsresultat_norm_pct,
       df.amount AS disposisjonsfond,
       100.0 * df.amount / nullif(di.amount, 0) AS disposisjonsfond_pct,
       lg.amount AS lanegjeld,
       100.0 * lg.amount / nullif(di.amount, 0) AS lanegjeld_pct,
       rr.amount AS regnskapsresultat
FROM (SELECT DISTINCT year FROM annual_account) y
LEFT JOIN annual_account di ON di.year = y.year AND di.line = 'driftsinntekter'
LEFT JOIN annual_account nd ON nd.year = y.year AND nd.line = 'netto_driftsresultat'
LEFT JOIN annual_account df ON df.year = y.year AND df.line = 'disposisjonsfond'
LEFT JOIN annual_account lg ON lg.year = y.year AND lg.line = 'lanegjeld'
LEFT JOIN annual_account rr ON rr.year = y.year AND rr.line = 'regnskapsresultat';

-- THE investment figures per project at the end of every month of the snapshot, in one place for
-- every report: the month's and the year's accounts to date, accumulated cost (cost_before +
-- every month up to this one), the year budget, and the latest forecast made in or before the
-- month (NULL before the first). Months before a project's first account row are included.
CREATE VIEW investment_month AS
SELECT i.project_number, i.name, i.area_code, i.status, i.cost_frame, p.code AS month, p.year,
       coalesce((SELECT sum(a.amount) FROM investment_actual a
                 WHERE a.project_number = i.project_number AND a.month = p.code), 0.0) AS actual_month,
       coalesce((SELECT sum(a.amount) FROM investment_actual a
                 WHERE a.project_number = i.project_number AND a.month BETWEEN printf('%04d-01', p.year) AND p.code), 0.0) AS actual_year,
       i.cost_before + coalesce((SELECT sum(a.amount) FROM investment_actual a
                 WHERE a.project_number = i.project_number AND a.month <= p.code), 0.0) AS accumulated,
       (SELECT b.amount FROM investment_budget b
        WHERE b.project_number = i.project_number AND b.year = p.year) AS year_budget,
       f.month AS forecast_month, f.final_cost AS forecast_final_cost,
       coalesce(f.completion_date, i.completion_date) AS forecast_completion_date,
       f.final_cost - i.cost_frame AS forecast_deviation
FROM investment i
JOIN period p ON p.kind = 'month'
LEFT JOIN investment_forecast f ON f.project_number = i.project_number AND f.month = (
  SELECT max(f2.month) FROM investment_forecast f2
  WHERE f2.project_number = i.project_number AND f2.month <= p.code);

-- ---- Source formats (issue 18): KOSTRA accounts ----------------------------------------------
-- The KOSTRA accounts as delivered to SSB: one row per record of a *.kostra file (SSB's
-- "Filbeskrivelse: Regnskap", docs/schema.md "KOSTRA accounts file"), or kostra_account.csv.
-- Optional: a folder without either gives an empty table. Amounts in kroner: the file's beløp is
-- whole thousands, stored × 1000; expense positive, income negative (SSB's and Rapp's sign).
CREATE TABLE kostra_account (
  form            TEXT NOT NULL,                  -- skjema: '0A' kommunekasse; '0C' fylkeskasse; '0I' '0K' '0M' '0P' '0F'
  year            INTEGER NOT NULL,               -- aargang
  quarter         INTEGER,                        -- kvartal 1-4; NULL = årsregnskap
  region          TEXT NOT NULL,                  -- kommunenummer and '00' ('469900'), or bydel
  account_class   TEXT NOT NULL,                  -- kontoklasse: '1'/'3' drift; '0'/'4' investering
  kostra_function TEXT NOT NULL REFERENCES kostra_function(code),
  kostra_art      TEXT NOT NULL REFERENCES kostra_art(code),
  amount          REAL NOT NULL                   -- NOK
) STRICT;

-- KOSTRA functions and arts with their names, so a report prints '202 Grunnskole'. Reference data
-- filled by this schema (not read from CSV): the functions and arts of the municipal chart of
-- accounts that Rapp's sample and most reports use, names as in KMD's "Regnskapsrapporteringen i
-- KOSTRA" guidance (funksjonskontoplanen, artskontoplanen); a code not listed is reported.
CREATE TABLE kostra_function (
  code            TEXT NOT NULL PRIMARY KEY,      -- '202'
  name            TEXT NOT NULL                   -- 'Grunnskole'
) STRICT;
INSERT INTO kostra_function (code, name) VALUES
  ('100', 'Politisk styring'), ('110', 'Kontroll og revisjon'), ('120', 'Administrasjon'),
  ('121', 'Forvaltningsutgifter i eiendomsforvaltningen'), ('130', 'Administrasjonslokaler'),
  ('170', 'Årets premieavvik'), ('171', 'Amortisering av tidligere års premieavvik'),
  ('172', 'Pensjon'), ('173', 'Premiefond'), ('180', 'Diverse fellesutgifter'),
  ('190', 'Interne serviceenheter'), ('201', 'Barnehage'),
  ('202', 'Grunnskole'), ('211', 'Styrket tilbud til førskolebarn'), ('213', 'Voksenopplæring'),
  ('215', 'Skolefritidstilbud'), ('221', 'Barnehagelokaler og skyss'), ('222', 'Skolelokaler'),
  ('223', 'Skoleskyss'), ('231', 'Aktivitetstilbud barn og unge'),
  ('232', 'Forebygging, helsestasjons- og skolehelsetjeneste'),
  ('233', 'Annet forebyggende helsearbeid'),
  ('234', 'Aktivisering og servicetjenester overfor eldre og personer med funksjonsnedsettelser'),
  ('241', 'Diagnose, behandling, re-/habilitering'),
  ('242', 'Råd, veiledning og sosialt forebyggende arbeid'),
  ('243', 'Tilbud til personer med rusproblemer'), ('244', 'Barneverntjeneste'),
  ('251', 'Barneverntiltak når barnet ikke er plassert av barnevernet'),
  ('252', 'Barneverntiltak når barnet er plassert av barnevernet'),
  ('253', 'Helse- og omsorgstjenester i institusjon'),
  ('254', 'Helse- og omsorgstjenester til hjemmeboende'), ('261', 'Institusjonslokaler'),
  ('265', 'Kommunalt disponerte boliger'), ('273', 'Arbeidsrettede tiltak i kommunal regi'),
  ('275', 'Introduksjonsordningen'), ('276', 'Kvalifiseringsordningen'),
  ('281', 'Økonomisk sosialhjelp'),
  ('283', 'Bistand til etablering og opprettholdelse av egen bolig'),
  ('285', 'Tjenester utenfor ordinært kommunalt ansvarsområde'),
  ('290', 'Interkommunale samarbeid'), ('301', 'Plansaksbehandling'),
  ('302', 'Byggesaksbehandling og eierseksjonering'), ('303', 'Kart og oppmåling'),
  ('315', 'Boligbygging og fysiske bomiljøtiltak'),
  ('325', 'Tilrettelegging og bistand for næringslivet'),
  ('329', 'Landbruksforvaltning og landbruksbasert næringsutvikling'),
  ('332', 'Kommunale veier'), ('333', 'Kommunale veier, miljø- og trafikksikkerhetstiltak'),
  ('335', 'Rekreasjon i tettsted'), ('338', 'Forebygging av branner og andre ulykker'),
  ('339', 'Beredskap mot branner og andre ulykker'), ('340', 'Produksjon av vann'),
  ('345', 'Distribusjon av vann'), ('350', 'Avløpsrensing'),
  ('353', 'Avløpsnett/innsamling av avløpsvann'), ('355', 'Innsamling av husholdningsavfall'),
  ('357', 'Gjenvinning og sluttbehandling av husholdningsavfall'),
  ('360', 'Naturforvaltning og friluftsliv'), ('365', 'Kulturminneforvaltning'),
  ('370', 'Bibliotek'), ('375', 'Museer'), ('380', 'Idrett og tilskudd til andres idrettsanlegg'),
  ('381', 'Kommunale idrettsbygg og idrettsanlegg'), ('383', 'Musikk- og kulturskoler'),
  ('385', 'Andre kulturaktiviteter og tilskudd til andres kulturbygg'),
  ('386', 'Kommunale kulturbygg'), ('390', 'Den norske kirke'), ('393', 'Gravplasser og krematorier'),
  ('800', 'Skatt på inntekt og formue'),
  ('840', 'Statlig rammetilskudd og øvrige generelle statstilskudd'),
  ('850', 'Generelt statstilskudd vedrørende flyktninger m.v.'), ('860', 'Motpost avskrivninger'),
  ('870', 'Renter/utbytte og lån (innlån og utlån)'), ('880', 'Interne finansieringstransaksjoner'),
  ('899', 'Årets regnskapsmessige merforbruk/mindreforbruk');

CREATE TABLE kostra_art (
  code            TEXT NOT NULL PRIMARY KEY,      -- '010'
  name            TEXT NOT NULL                   -- 'Fastlønn'
) STRICT;
INSERT INTO kostra_art (code, name) VALUES
  ('010', 'Fastlønn'), ('020', 'Lønn til vikarer'), ('030', 'Lønn til ekstrahjelp'),
  ('040', 'Overtidslønn'), ('050', 'Annen lønn og trekkpliktige godtgjørelser'),
  ('080', 'Godtgjørelse folkevalgte'),
  ('090', 'Pensjonsinnskudd og trekkpliktige forsikringsordninger'), ('099', 'Arbeidsgiveravgift'),
  ('100', 'Kontormateriell'), ('120', 'Annet forbruksmateriell/råvarer og tjenester'),
  ('130', 'Post, banktjenester, telefon'), ('150', 'Opplæring og kurs'), ('180', 'Energi'),
  ('190', 'Husleie'), ('230', 'Vedlikehold og byggetjenester'), ('270', 'Konsulenttjenester'),
  ('290', 'Internkjøp'), ('300', 'Kjøp fra staten'), ('350', 'Kjøp fra kommuner'),
  ('370', 'Kjøp fra andre'), ('375', 'Kjøp fra IKS der kommunen selv er deltaker'),
  ('400', 'Overføring til staten'), ('450', 'Overføring til kommuner'),
  ('470', 'Overføring til andre'), ('500', 'Renteutgifter og provisjoner'),
  ('510', 'Avdragsutgifter'), ('520', 'Utlån'), ('540', 'Avsetninger til disposisjonsfond'),
  ('550', 'Avsetninger til bundne fond'), ('570', 'Overføring til investeringsregnskapet'),
  ('590', 'Avskrivninger'), ('600', 'Brukerbetaling for kommunale tjenester'),
  ('620', 'Annet salg av varer og tjenester, gebyrer o.l. utenfor merverdiavgiftsområdet'),
  ('630', 'Husleieinntekter, festeavgifter, utleie av lokaler o.l.'),
  ('690', 'Fordelte utgifter'), ('700', 'Refusjon fra staten'), ('710', 'Sykelønnsrefusjon'),
  ('729', 'Kompensasjon for merverdiavgift'), ('750', 'Refusjon fra kommuner'),
  ('770', 'Refusjon fra andre'), ('790', 'Internsalg'), ('800', 'Rammetilskudd'),
  ('810', 'Andre statlige overføringer'), ('850', 'Overføringer fra kommuner'),
  ('870', 'Skatt på inntekt og formue'), ('874', 'Eiendomsskatt'),
  ('880', 'Overføringer fra andre'), ('900', 'Renteinntekter'), ('905', 'Utbytte og eieruttak'),
  ('920', 'Mottatte avdrag på utlån'), ('940', 'Bruk av disposisjonsfond'),
  ('950', 'Bruk av bundne driftsfond'), ('990', 'Motpost avskrivninger');

-- ---- Version 4 (issue 13): case documents (reports/saksframlegg.lua) ------------------------------------
-- Budsjettendringer a case proposes: the table of the innstilling (Konto | Ansvar | Funksjon |
-- Prosj | Tekst | Utgiftsøkning | Utgiftsreduksjon | Inntektsreduksjon | Inntektsøkning), one row
-- per line, from the optional budget_change.csv. Amounts in NOK, positive; each line has one.
CREATE TABLE budget_change (
  case_ref        TEXT NOT NULL,                  -- arkivsaksnr of the case, '2026/1407'
  line            INTEGER NOT NULL,               -- order in the table, 1, 2, ...
  account         TEXT NOT NULL,                  -- konto (art), '11500'
  responsibility  TEXT NOT NULL,                  -- ansvar, '2010'
  function        TEXT NOT NULL,                  -- KOSTRA funksjon, '202'
  project         TEXT,                           -- prosjekt, or NULL
  text            TEXT NOT NULL,                  -- 'Økt ramme spesialundervisning'
  expense_increase REAL,                          -- utgiftsøkning
  expense_decrease REAL,                          -- utgiftsreduksjon
  income_decrease REAL,                           -- inntektsreduksjon
  income_increase REAL,                           -- inntektsøkning
  PRIMARY KEY (case_ref, line)
) STRICT;

-- ---- Version 4 (issue 13): the årshjul as a calendar, and the eiermelding ---------------------
-- Columns added to existing tables with ALTER TABLE (SQLite appends them to the table's
-- definition), so that the tables above keep their place. All new columns are nullable: an
-- extract without them still imports.

-- wheel_activity: the wheel's lanes, the deciding body and the every-fourth-year rhythm.
ALTER TABLE wheel_activity ADD COLUMN category TEXT;    -- 'planlegging' | 'rapportering' | 'politisk'; NULL: by track
ALTER TABLE wheel_activity ADD COLUMN body_code TEXT REFERENCES political_body(code); -- the body that decides
ALTER TABLE wheel_activity ADD COLUMN reference_year INTEGER; -- every_fourth_year: a year it takes place (1900-2100)

-- company: board gender balance and the last owner meeting (generalforsamling, representantskap,
-- foretaksmøte).
ALTER TABLE company ADD COLUMN board_women INTEGER;     -- board members (styremedlemmer), women; >= 0
ALTER TABLE company ADD COLUMN board_men INTEGER;       -- board members, men; >= 0
ALTER TABLE company ADD COLUMN owner_meeting_date TEXT; -- the last generalforsamling/representantskap/foretaksmøte

-- company_figure: total assets, for the equity ratio.
ALTER TABLE company_figure ADD COLUMN total_assets REAL; -- sum eiendeler (totalkapital); NOK; >= 0

-- Eierstrategi: the owner's strategy points per company, in order. Its file may be left out.
CREATE TABLE company_strategy (
  org_number      TEXT NOT NULL REFERENCES company(org_number),
  sort_order      INTEGER NOT NULL,
  text            TEXT NOT NULL,
  PRIMARY KEY (org_number, sort_order)
) STRICT;

-- Key figures with the equity ratio (egenkapitalandel = egenkapital / sum eiendeler, in %;
-- NULL without total assets), the one place that rule lives.
CREATE VIEW company_key_figure AS
SELECT f.org_number, f.year, f.operating_revenue, f.annual_result, f.equity, f.total_assets,
       CASE WHEN f.total_assets > 0 THEN 100.0 * f.equity / f.total_assets END AS equity_ratio
FROM company_figure f;

-- ---- Personvern: suppression of small groups (schema version 4, issue 17) ----------------------
-- Settings of the snapshot, one row per setting (file setting.csv, optional: an empty table means
-- every default). Known keys: 'personvern_min_group' (k below; an integer >= 1, default 5).
CREATE TABLE setting (
  key             TEXT NOT NULL PRIMARY KEY,      -- 'personvern_min_group'
  value           TEXT NOT NULL                   -- '5'
) STRICT;

-- Deviation categories (deviation.category) marked as about persons (file deviation_category.csv,
-- optional): counts in a personal category are suppressed like sick leave of a small unit.
CREATE TABLE deviation_category (
  category        TEXT NOT NULL PRIMARY KEY,      -- 'bruker/pasient'
  personal        INTEGER NOT NULL                -- 1 = about persons (pasient, bruker, ansatt); 0 = not
) STRICT;

-- THE personvern rule (offentleglova § 13, GDPR art. 9): in a published (public) edition, a figure
-- about persons (sick leave, staffing by gender, user-survey answers, deviations in a personal
-- category) is suppressed, shown as SSB's symbol ':', when it rests on fewer than min_group
-- persons or cases (a count of 0 is shown). Secondary suppression (SSB practice: the
-- next-smallest figure of the same row or column) is done on each printed table by the engine
-- (src/model/suppress.c). A script marks such a column `personal` (docs/scripting.md). The one
-- definition of k and its default 5: the engine reads this view on every run (lua/rapp/engine.lua)
-- and has no default of its own; a k below 1 here stops the run.
CREATE VIEW personvern_rule (min_group) AS
SELECT coalesce((SELECT CAST(value AS INTEGER) FROM setting WHERE key = 'personvern_min_group'), 5);

-- ---- Economy: the lines summed per unit and month (issue 15, session 8; dupmend) ---------------
-- The budget and account lines summed per unit and month: every unit and month with a budget or
-- an actual line; budget NULL where it has no budget line, actual NULL where it has no account
-- line. The one definition of the derived table economy_month: `rapp import` fills the table from
-- this view (src/db/indexes_v1.sql) and `rapp check` compares the table with this text as the
-- engine has it (db_check.c), so a snapshot imported before the view existed still checks; the
-- view is therefore not required in a snapshot (db_model.c: optional views).
CREATE VIEW economy_line_sum AS
SELECT unit_code, month, sum(budget) AS budget, sum(actual) AS actual
FROM (SELECT unit_code, month, amount AS budget, NULL AS actual FROM budget
      UNION ALL SELECT unit_code, month, NULL, amount FROM actual)
GROUP BY unit_code, month;
