-- one cause in six rows of two tables is one line; a cause in two rows keeps two lines
UPDATE budget SET unit_code = 'ENH9' WHERE rowid < 6;
UPDATE actual SET unit_code = 'ENH9' WHERE rowid < 3;
UPDATE decision SET status = 'avsluttet';
