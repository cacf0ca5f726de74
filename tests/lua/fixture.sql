-- The small snapshot the Lua tests and the docs/scripting.md examples run against. Loaded after
-- src/db/schema_v1.sql by tests/lua/make_fixture.sh. Numbers are chosen to exercise formatting:
-- negatives, zero, NULL, halves to round, large amounts.
PRAGMA user_version = 4;

INSERT INTO municipality VALUES ('4699', 'Fjordvik kommune', 'nb', 12345, '2026-08-31', NULL);

-- every month, quarter, tertial and year of 2025 and 2026 (as rapp import fills it)
WITH RECURSIVE m(y, n) AS (SELECT 2025, 1 UNION ALL SELECT y + (n = 12), n % 12 + 1 FROM m WHERE NOT (y = 2026 AND n = 12))
INSERT INTO period
SELECT printf('%04d-%02d', y, n), 'month', y, n, printf('%04d-%02d', y, n), printf('%04d-%02d', y, n),
       printf('%04d-%02d-01', y, n), date(printf('%04d-%02d-01', y, n), '+1 month', '-1 day') FROM m;
WITH RECURSIVE q(y, n) AS (SELECT 2025, 1 UNION ALL SELECT y + (n = 4), n % 4 + 1 FROM q WHERE NOT (y = 2026 AND n = 4))
INSERT INTO period
SELECT printf('%04d-Q%d', y, n), 'quarter', y, n, printf('%04d-%02d', y, 3 * n - 2), printf('%04d-%02d', y, 3 * n),
       printf('%04d-%02d-01', y, 3 * n - 2), date(printf('%04d-%02d-01', y, 3 * n), '+1 month', '-1 day') FROM q;
WITH RECURSIVE t(y, n) AS (SELECT 2025, 1 UNION ALL SELECT y + (n = 3), n % 3 + 1 FROM t WHERE NOT (y = 2026 AND n = 3))
INSERT INTO period
SELECT printf('%04d-T%d', y, n), 'tertial', y, n, printf('%04d-%02d', y, 4 * n - 3), printf('%04d-%02d', y, 4 * n),
       printf('%04d-%02d-01', y, 4 * n - 3), date(printf('%04d-%02d-01', y, 4 * n), '+1 month', '-1 day') FROM t;
INSERT INTO period VALUES ('2025', 'year', 2025, 1, '2025-01', '2025-12', '2025-01-01', '2025-12-31'),
                          ('2026', 'year', 2026, 1, '2026-01', '2026-12', '2026-01-01', '2026-12-31');

INSERT INTO area VALUES ('SENT', 'Sentrale inntekter og finans', 1), ('HO', 'Helse og omsorg', 3),
  ('KUL', 'Kultur', 4), ('OPPV', 'Oppvekst', 2);

INSERT INTO unit VALUES
  ('ENH1100', 'OPPV', 'Fjordvik skole', 'skole', 'Kari Nordmann', 1),
  ('ENH1200', 'OPPV', 'Solsida barnehage', 'barnehage', 'Ola Hansen', 2),
  ('ENH2100', 'HO', 'Fjordvik sykehjem', 'sykehjem', 'Aslak Somby', 1),
  ('ENH3100', 'KUL', 'Kulturhuset', 'kultur', NULL, 1),
  ('ENH9000', 'SENT', 'Skatt og rammetilskudd', 'stab', NULL, 1);

INSERT INTO budget VALUES
  ('ENH1100', '2026-05', NULL, NULL, 1234567.8), ('ENH1100', '2026-06', NULL, NULL, 1000000),
  ('ENH1200', '2026-05', NULL, NULL, 500000), ('ENH2100', '2026-05', NULL, NULL, 2500000.5),
  ('ENH3100', '2026-05', NULL, NULL, 0), ('ENH9000', '2026-05', NULL, NULL, -9000000);
INSERT INTO actual VALUES
  ('ENH1100', '2026-05', NULL, NULL, 1300000), ('ENH1100', '2026-06', NULL, NULL, 990000),
  ('ENH1200', '2026-05', NULL, NULL, 450000.25), ('ENH2100', '2026-05', NULL, NULL, 2600000),
  ('ENH3100', '2026-05', NULL, NULL, 1500), ('ENH9000', '2026-05', NULL, NULL, -9100000);

INSERT INTO absence VALUES
  ('ENH1100', '2026-05', 20, 40, 1000), ('ENH1100', '2026-06', 10, 30, 1000),
  ('ENH1200', '2026-05', 5, 0, 400), ('ENH2100', '2026-05', 30, 70.5, 1200),
  ('ENH3100', '2026-05', 0, 0, 100);

INSERT INTO political_body VALUES ('KS', 'Kommunestyret', 1), ('FSK', 'Formannskapet', 2), ('HOU', 'Helse- og omsorgsutvalget', 3);
INSERT INTO decision VALUES
  ('KS', '26/12', '2026-02-12', 'Ny skolestruktur', 'Utrede ny skolestruktur', 'OPPV', 'Kommunalsjef oppvekst', '2026-06-30', 'under arbeid', '2026-05-02', NULL),
  ('KS', '26/31', '2026-03-19', 'Kulturplan 2026–2030', 'Kulturplanen vedtas', 'KUL', 'Kultursjef', '2026-04-30', 'ferdig', '2026-04-20', 'Vedtatt og publisert'),
  ('FSK', '26/7', '2026-01-22', 'Gebyrregulativ', NULL, NULL, 'Økonomisjef', NULL, 'ikke påbegynt', NULL, NULL),
  ('HOU', '26/3', '2026-02-05', 'Heldøgns omsorgsplasser', 'Øke antall plasser med 4', 'HO', 'Kommunalsjef helse', '2026-03-31', 'forsinket', '2026-05-15', 'Venter på byggetillatelse');
INSERT INTO decision_status_change VALUES
  ('KS', '26/31', '2026-03-25', 'under arbeid'), ('KS', '26/31', '2026-04-20', 'ferdig'),
  ('HOU', '26/3', '2026-02-20', 'under arbeid'), ('HOU', '26/3', '2026-05-15', 'forsinket');

INSERT INTO focus_area VALUES ('MEDARB', 'Medarbeidere', 'Kompetente og motiverte medarbeidere', 1),
  ('SAMFUNN', 'Samfunn', NULL, 2);
INSERT INTO goal VALUES ('G1', 'MEDARB', NULL, 'Lavt sykefravær', 1);
INSERT INTO indicator VALUES
  ('SYKEFRAVAER', 'G1', 'Sykefravær', 'Lønnssystemet', 'prosent', 1, 'lower', 'month', 'lønnssystem', 1),
  ('MEDSAMT', 'G1', 'Gjennomførte medarbeidersamtaler', 'Spørreundersøkelse', 'prosent', 0, 'higher', 'year', 'manuell', 2),
  ('TURNOVER', 'G1', 'Turnover', 'Lønnssystemet', 'prosent', 1, 'lower', 'year', 'lønnssystem', 3);
INSERT INTO target VALUES ('SYKEFRAVAER', 2026, NULL, NULL, 6.0, 7.5), ('MEDSAMT', 2026, NULL, NULL, 90, 80);
INSERT INTO result VALUES
  ('SYKEFRAVAER', '2026-T2', NULL, NULL, 6.04, NULL),
  ('SYKEFRAVAER', '2026-T2', 'OPPV', NULL, 7.2, 'Høyt korttidsfravær'),
  ('SYKEFRAVAER', '2026-T2', 'HO', NULL, 8.35, NULL),
  ('MEDSAMT', '2026-T2', NULL, NULL, NULL, 'Ikke målt ennå'),
  ('TURNOVER', '2026-T2', NULL, NULL, 4.5, NULL);

-- Text contributions (schema version 3), as `rapp import` stores them from tekster/.
INSERT INTO report_text VALUES
  ('2026-T2', 'OPPV', 'vurdering',
   '# Status' || char(10) || char(10) || 'Oppvekst har et **mindreforbruk** og *god* drift.' || char(10) || char(10) ||
   '- Færre vikarer' || char(10) || '- Lavere strømpris' || char(10),
   'tekster/2026-T2/OPPV/vurdering.md'),
  ('2026-T2', 'kommunedirektor', 'sammendrag', 'Året går som planlagt.' || char(10), 'tekster/2026-T2/kommunedirektor/sammendrag.md'),
  ('2026-T2', 'ENH1100', 'tiltak', 'Se <b>dette</b>.' || char(10), 'tekster/2026-T2/ENH1100/tiltak.md');
