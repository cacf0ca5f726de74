-- deviation replaced by an endless recursive view: check names it and never reads it
PRAGMA legacy_alter_table = ON; -- keep the schema's views naming deviation, as a foreign tool would
ALTER TABLE deviation RENAME TO deviation_data;
CREATE VIEW deviation AS
  WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r)
  SELECT d.* FROM r, deviation_data d;
