-- a snapshot made without STRICT tables lets wrong types in; check finds them with typeof
CREATE TABLE result_copy AS SELECT * FROM result;
DROP TABLE result;
CREATE TABLE result (indicator_code TEXT, period TEXT, area_code TEXT, unit_code TEXT, value REAL, comment TEXT);
INSERT INTO result SELECT * FROM result_copy;
DROP TABLE result_copy;
UPDATE result SET value = 'høy' WHERE rowid = 2;
UPDATE result SET comment = X'00FF' WHERE rowid = 3;
UPDATE result SET indicator_code = NULL WHERE rowid = 4;
