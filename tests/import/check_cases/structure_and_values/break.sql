-- a table that lacks a column is not checked, but it hides nothing in the other tables
ALTER TABLE risk DROP COLUMN measures;
UPDATE unit SET area_code = 'XYZ' WHERE code = 'ENH2';
UPDATE decision SET status = 'avsluttet' WHERE case_number = '26/45';
