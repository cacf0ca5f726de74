INSERT INTO target SELECT * FROM target WHERE indicator_code = 'SYK' AND area_code IS NULL AND unit_code IS NULL;
INSERT INTO target (indicator_code, year, area_code, unit_code, desired, acceptable) VALUES ('SYK', 2026, 'OPPV', NULL, 5.0, 6.0);
