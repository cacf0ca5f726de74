UPDATE unit SET area_code = 'XYZ' WHERE code = 'ENH2';
UPDATE indicator SET goal_code = 'G9' WHERE code = 'LIK';
DELETE FROM political_body WHERE code = 'FSK';
