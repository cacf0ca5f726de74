-- bench/render_bench.sql — the rendering benchmark's rows (bench/render_bench.sh): N rows x 8
-- columns, generated (no table needed; runs on any snapshot). :rows is N. bench/render_bench.lua
-- holds the same text; bench/floor_pdf.c and bench/floor_xlsx.c read this file.
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < :rows)
SELECT 'Enhet ' || (i % 997 + 1) AS unit,
       'Område ' || (i % 13 + 1) AS area,
       (i * 7919) % 9000000 + 100000 AS budget,
       (i * 104729) % 9000000 + 90000 AS actual,
       (i * 1299709) % 900000 - 450000 AS deviation,
       (i * 15485863) % 5000000 AS forecast,
       ((i * 7) % 4001 - 2000) / 10.0 AS pct,
       (i * 31) % 100000 / 100.0 AS ratio
FROM n
