-- Indexes (and, at the end, derived data) of a snapshot, schema version 1. `rapp import` creates
-- them after loading every row (building an index once is far cheaper than updating it per
-- insert). They serve the report queries; `rapp check` does not require them, so a snapshot made
-- by other means may lack them.
CREATE INDEX result_indicator_period ON result(indicator_code, period);
CREATE INDEX result_unit_period ON result(unit_code, period);
-- the scorecard (lua/rapp/scorecard.lua): an area's or the municipality's result of an
-- indicator for a period in one seek, without reading the units' rows of that period
CREATE INDEX result_scope ON result(indicator_code, area_code, period, unit_code);
CREATE INDEX target_indicator_year ON target(indicator_code, year);
-- the view target_choice (schema_v1.sql): a scope's own target, its area's or the municipality's
-- in one seek; the year last, so that "has this scope a target of its own for the indicator" (the
-- scorecard's indicators of a scope) is one seek too, in any year
CREATE INDEX target_scope ON target(indicator_code, unit_code, area_code, year);
-- amount too: the sums per unit and month (view economy_line_sum, economy_month below) come from
-- the index alone, without a table lookup per row
CREATE INDEX budget_unit_month ON budget(unit_code, month, amount);
CREATE INDEX actual_unit_month ON actual(unit_code, month, amount);
-- the latest forecast of a unit (lua/rapp/economy.lua): one seek to the month, its amounts from
-- the index alone
CREATE INDEX forecast_unit_month ON forecast(unit_code, month, year_amount);
-- sick leave and staffing (lua/rapp/absence.lua): covering per unit (the table of areas or units),
-- and absence per month (the latest month; absence_month_total below), on month alone so that it
-- gives a month's rows in the table's order (month, then rowid) without a sort. No index on
-- staffing(month): reports/arsrapport.lua's staffing query would use it and add its årsverk in
-- another order.
CREATE INDEX absence_unit_month ON absence(unit_code, month, short_term_days, long_term_days, planned_days);
CREATE INDEX absence_month ON absence(month);
CREATE INDEX staffing_unit_month ON staffing(unit_code, month, headcount);
CREATE INDEX unit_area ON unit(area_code);
CREATE INDEX goal_focus_area ON goal(focus_area_code);
CREATE INDEX indicator_goal ON indicator(goal_code);
CREATE INDEX decision_area ON decision(area_code);
CREATE INDEX deviation_unit ON deviation(unit_code);
CREATE INDEX risk_area ON risk(area_code);
-- Derived data (issue 15), built here after loading like the indexes and, like them, not required
-- by `rapp check` (a snapshot made by other means may lack it; it is not a schema table): the
-- budget and the actuals summed per unit and month, so the economy query (lua/rapp/economy.lua)
-- reads one row per unit and month instead of every account line. Each derived table's SELECT
-- below is its one definition: on a snapshot not exactly as this rapp imports it, every connection
-- reads a TEMP view of the table's name over that SELECT instead, whether the snapshot has the
-- table or not (shadow_derived_tables, src/db/db_check.c), so a definition must compile on any
-- snapshot with the schema's tables: no INDEXED BY.
CREATE TABLE economy_month (
  unit_code       TEXT NOT NULL,
  month           TEXT NOT NULL,
  budget          REAL,                           -- sum(budget.amount); NULL: no budget line
  actual          REAL,                           -- sum(actual.amount); NULL: no account line
  PRIMARY KEY (unit_code, month)
) WITHOUT ROWID;
-- the sums as the schema's view economy_line_sum defines them (src/db/schema_v1.sql)
INSERT INTO economy_month SELECT unit_code, month, budget, actual FROM economy_line_sum;
-- Derived data (issue 15): the rows of the view decision_state (src/db/schema_v1.sql: every
-- decision's status intervals), so a report judging the decisions on a day reads a table instead
-- of evaluating the view's three branches and their next-change lookups for every decision
-- (reports/kvartalsrapport.lua, vedtaksoppfolging.lua, arsrapport.lua). The rule stays the view's:
-- the table is only its rows, and `rapp check` compares the two. Untyped columns: each value is
-- stored as the view gives it.
CREATE TABLE decision_interval (body_code, case_number, status, finished, valid_from, valid_to,
                                meeting_date, deadline, overdue_from);
INSERT INTO decision_interval
SELECT body_code, case_number, status, finished, valid_from, valid_to, meeting_date, deadline, overdue_from
FROM decision_state;
-- Derived data (issue 15): sick leave and staffing of the whole municipality per month, so the
-- month-by-month line of sick leave (lua/rapp/absence.lua, M.MONTHS_SQL) reads a row per month
-- instead of every unit's row of two years. Each month's absence rows are added in the table's
-- order (rowid), the order the month line has always added them in: a sum of REAL values depends
-- on it in the last bits. The window's ORDER BY states that order (a total order: no tie left to a
-- sort; a GROUP BY alone would leave each month's order to SQLite's sorter when the index is
-- absent): its frame is the whole month, added in that order, so every row of the month carries
-- the month's sums and min() picks that one value. With the index absence_month (month, then
-- rowid) SQLite reads the rows in that order without a sort; on a snapshot without the index it
-- sorts them into the same order: the same sums to the last bit.
CREATE TABLE absence_month_total (
  month           TEXT NOT NULL PRIMARY KEY,
  absent_days     REAL,                           -- sum(short_term_days + long_term_days); NULL: no absence row
  planned_days    REAL,                           -- sum(absence.planned_days)
  headcount       INTEGER                         -- sum(staffing.headcount); NULL: no staffing row
) WITHOUT ROWID;
INSERT INTO absence_month_total
SELECT month, a.absent_days, a.planned_days, h.headcount
FROM (SELECT month, min(absent_days) AS absent_days, min(planned_days) AS planned_days
      FROM (SELECT x.month, sum(x.short_term_days + x.long_term_days) OVER w AS absent_days,
                   sum(x.planned_days) OVER w AS planned_days
            FROM absence x WINDOW w AS (PARTITION BY x.month ORDER BY x.rowid
                                        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING))
      GROUP BY month) a
FULL JOIN (SELECT month, sum(headcount) AS headcount FROM staffing GROUP BY month) h USING (month);
