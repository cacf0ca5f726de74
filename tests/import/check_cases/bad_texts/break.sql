-- texts written into a snapshot by another tool: an unknown owner, section and period, and
-- Markdown a report cannot print; rapp check names each row
INSERT INTO report_text VALUES
  ('2026-T2', 'ENH9', 'okonomi', 'Tekst', 'tekster/2026-T2/ENH9/okonomi.md'),
  ('2026-T2', 'OPPV', 'budsjett', 'Tekst', 'tekster/2026-T2/OPPV/budsjett.md'),
  ('2026-T2', 'HO', 'okonomi', 'Tekst' || char(10) || char(10) || '<div>x</div>', 'tekster/2026-T2/HO/okonomi.md'),
  ('2031', 'HO', 'okonomi', 'Tekst', 'tekster/2031/HO/okonomi.md');
