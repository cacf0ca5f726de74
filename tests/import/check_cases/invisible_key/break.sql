-- keys that differ invisibly from what they look like
UPDATE unit SET code = 'ENH4 ' WHERE code = 'ENH4';
INSERT INTO political_body (code, name, sort_order) VALUES ('K' || char(65279) || 'U', 'Kontrollutvalget', 9);
