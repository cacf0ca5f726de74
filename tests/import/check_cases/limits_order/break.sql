-- SYK is lower-is-better, TRIV higher-is-better; equal limits (LIK) stay fine
UPDATE target SET desired = 9.0 WHERE indicator_code = 'SYK' AND area_code IS NULL AND unit_code IS NULL;
UPDATE target SET acceptable = 4.8 WHERE indicator_code = 'TRIV';
UPDATE target SET desired = 81, acceptable = 81 WHERE indicator_code = 'LIK';
