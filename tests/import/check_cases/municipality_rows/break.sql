INSERT INTO municipality VALUES ('4698', 'Nabovik kommune', 'nn', 4100, '2026-09-30', NULL);
UPDATE municipality SET cutoff_date = '30.09.2026' WHERE number = '4699';
