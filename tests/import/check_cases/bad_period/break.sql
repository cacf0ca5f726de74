UPDATE result SET period = '2026-13' WHERE rowid = 1;
UPDATE result SET period = '2027-Q1' WHERE rowid = 8;
UPDATE budget SET month = '2026-9' WHERE rowid = 2;
UPDATE period SET kind = 'quarter' WHERE code = '2025-03';
UPDATE period SET last_date = '2026-04-31' WHERE code = '2026-T1';
