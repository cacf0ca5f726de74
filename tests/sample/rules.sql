-- tests/sample/rules.sql — every rule the schema comments state (plus the sample's own promises),
-- as queries that print one line per violation: "rule: detail". No output = the data is clean.
-- Run on a snapshot loaded by load_csv.sh (or made by `rapp import`).

SELECT 'foreign key: ' || "table" || ' row ' || rowid || ' -> ' || parent FROM pragma_foreign_key_check;

-- municipality
SELECT 'municipality: expected exactly one row, got ' || count(*) FROM municipality HAVING count(*) <> 1;
SELECT 'municipality: bad number ' || number FROM municipality WHERE number NOT GLOB '[0-9][0-9][0-9][0-9]';
SELECT 'municipality: bad language ' || language FROM municipality WHERE language NOT IN ('nb', 'nn', 'se');
SELECT 'municipality: bad cutoff_date ' || cutoff_date FROM municipality WHERE date(cutoff_date) IS NOT cutoff_date;

-- scorecard hierarchy
SELECT 'indicator ' || code || ': bad direction ' || direction FROM indicator WHERE direction NOT IN ('higher', 'lower');
SELECT 'indicator ' || code || ': bad frequency ' || frequency FROM indicator WHERE frequency NOT IN ('month', 'quarter', 'tertial', 'year');
SELECT 'indicator ' || code || ': bad source ' || source FROM indicator
 WHERE source NOT IN ('regnskap', 'lønnssystem', 'fagsystem', 'bedrekommune.no', '10-FAKTOR', 'kvalitetssystem', 'sak/arkiv', 'manuell');
SELECT 'indicator ' || code || ': bad decimals ' || decimals FROM indicator WHERE decimals NOT BETWEEN 0 AND 6;

-- targets: limits in the right order, unit consistent with area, one target per scope and year
SELECT 'target ' || t.rowid || ' (' || t.indicator_code || ' ' || t.year || '): limits in the wrong order for ' || i.direction
  FROM target t JOIN indicator i ON i.code = t.indicator_code
 WHERE (i.direction = 'higher' AND t.desired < t.acceptable) OR (i.direction = 'lower' AND t.desired > t.acceptable);
SELECT 'target ' || t.rowid || ': unit ' || t.unit_code || ' is not in area ' || t.area_code
  FROM target t JOIN unit u ON u.code = t.unit_code WHERE t.area_code IS NOT NULL AND t.area_code <> u.area_code;
SELECT 'target: duplicate ' || indicator_code || ' ' || year || ' ' || ifnull(area_code, '-') || ' ' || ifnull(unit_code, '-')
  FROM target GROUP BY indicator_code, year, area_code, unit_code HAVING count(*) > 1;

-- results: unit consistent with area, period of the indicator's frequency and ended by the cut-off
SELECT 'result ' || r.rowid || ': unit ' || r.unit_code || ' is not in area ' || r.area_code
  FROM result r JOIN unit u ON u.code = r.unit_code WHERE r.area_code IS NOT NULL AND r.area_code <> u.area_code;
SELECT 'result ' || r.rowid || ' (' || r.indicator_code || ' ' || r.period || '): period kind ' || p.kind || ' but frequency ' || i.frequency
  FROM result r JOIN indicator i ON i.code = r.indicator_code JOIN period p ON p.code = r.period WHERE p.kind <> i.frequency;
SELECT 'result ' || r.rowid || ' (' || r.indicator_code || ' ' || r.period || '): period not ended by the cut-off'
  FROM result r JOIN period p ON p.code = r.period WHERE p.last_date > (SELECT cutoff_date FROM municipality)
   AND NOT (p.kind = 'year' AND p.year = CAST(substr((SELECT cutoff_date FROM municipality), 1, 4) AS INTEGER));
SELECT 'result: duplicate ' || indicator_code || ' ' || period || ' ' || ifnull(area_code, '-') || ' ' || ifnull(unit_code, '-')
  FROM result GROUP BY indicator_code, period, area_code, unit_code HAVING count(*) > 1;
SELECT 'result ' || rowid || ': implausible percentage ' || value FROM result
 WHERE value NOT BETWEEN -100 AND 300 AND indicator_code IN (SELECT code FROM indicator WHERE unit_of_measure = 'prosent');
SELECT 'result ' || r.rowid || ': score out of range ' || r.value FROM result r JOIN indicator i ON i.code = r.indicator_code
 WHERE (i.unit_of_measure = 'skår 1-5' AND r.value NOT BETWEEN 1 AND 5) OR (i.unit_of_measure = 'skår 1-6' AND r.value NOT BETWEEN 1 AND 6);

-- economy, absence, staffing: valid months, actuals and absence not after the cut-off
SELECT 'budget ' || rowid || ': bad month ' || month FROM budget WHERE date(month || '-01') IS NOT month || '-01' OR length(month) <> 7;
SELECT 'actual ' || rowid || ': bad month ' || month FROM actual WHERE date(month || '-01') IS NOT month || '-01' OR length(month) <> 7
    OR month > substr((SELECT cutoff_date FROM municipality), 1, 7);
SELECT 'forecast ' || rowid || ': bad month ' || month FROM forecast WHERE date(month || '-01') IS NOT month || '-01'
    OR month > substr((SELECT cutoff_date FROM municipality), 1, 7);
SELECT 'absence ' || rowid || ': bad month ' || month FROM absence WHERE date(month || '-01') IS NOT month || '-01'
    OR month > substr((SELECT cutoff_date FROM municipality), 1, 7);
SELECT 'staffing ' || rowid || ': bad month ' || month FROM staffing WHERE date(month || '-01') IS NOT month || '-01';
SELECT 'absence ' || rowid || ': planned_days must be > 0' FROM absence WHERE planned_days <= 0;
SELECT 'absence ' || rowid || ': negative or impossible days' FROM absence
 WHERE short_term_days < 0 OR long_term_days < 0 OR short_term_days + long_term_days > planned_days;
SELECT 'staffing ' || rowid || ': negative fte or headcount' FROM staffing WHERE fte < 0 OR headcount < 0;
SELECT 'budget: duplicate ' || unit_code || ' ' || month || ' ' || ifnull(kostra_function, '-') || ' ' || ifnull(kostra_art, '-')
  FROM budget GROUP BY unit_code, month, kostra_function, kostra_art HAVING count(*) > 1;
SELECT 'forecast: duplicate ' || unit_code || ' ' || month FROM forecast GROUP BY unit_code, month HAVING count(*) > 1;
SELECT 'absence: duplicate ' || unit_code || ' ' || month FROM absence GROUP BY unit_code, month HAVING count(*) > 1;
SELECT 'staffing: duplicate ' || unit_code || ' ' || month FROM staffing GROUP BY unit_code, month HAVING count(*) > 1;

-- decisions
SELECT 'decision ' || body_code || ' ' || case_number || ': bad status ' || status FROM decision
 WHERE status NOT IN ('ikke påbegynt', 'under arbeid', 'ferdig', 'forsinket', 'utgår');
SELECT 'decision ' || body_code || ' ' || case_number || ': case number is not YY/N of the meeting year' FROM decision
 WHERE case_number NOT GLOB '[0-9][0-9]/[1-9]*' OR substr(case_number, 1, 2) <> substr(meeting_date, 3, 2);
SELECT 'decision ' || body_code || ' ' || case_number || ': bad date' FROM decision
 WHERE date(meeting_date) IS NOT meeting_date OR (deadline IS NOT NULL AND date(deadline) IS NOT deadline)
    OR (status_date IS NOT NULL AND date(status_date) IS NOT status_date);
SELECT 'decision ' || body_code || ' ' || case_number || ': date after the cut-off' FROM decision
 WHERE meeting_date > (SELECT cutoff_date FROM municipality) OR status_date > (SELECT cutoff_date FROM municipality);
SELECT 'decision ' || body_code || ' ' || case_number || ': status date before the meeting' FROM decision WHERE status_date < meeting_date;
SELECT 'decision ' || body_code || ' ' || case_number || ': deadline before the meeting' FROM decision WHERE deadline < meeting_date;
-- status histories: an existing decision, dates between the meeting and the cut-off, the last change
-- is the decision's status and status_date
SELECT 'decision_status_change ' || c.body_code || ' ' || c.case_number || ': no such decision' FROM decision_status_change c
 WHERE NOT EXISTS (SELECT 1 FROM decision d WHERE d.body_code = c.body_code AND d.case_number = c.case_number);
SELECT 'decision_status_change ' || c.body_code || ' ' || c.case_number || ' ' || c.status_date || ': outside meeting..cut-off'
  FROM decision_status_change c JOIN decision d ON d.body_code = c.body_code AND d.case_number = c.case_number
 WHERE c.status_date < d.meeting_date OR c.status_date > (SELECT cutoff_date FROM municipality)
    OR date(c.status_date) IS NOT c.status_date;
SELECT 'decision ' || d.body_code || ' ' || d.case_number || ': last change is not its status' FROM decision d
  JOIN decision_status_change c ON c.body_code = d.body_code AND c.case_number = d.case_number
 WHERE c.status_date = (SELECT max(c2.status_date) FROM decision_status_change c2
                        WHERE c2.body_code = d.body_code AND c2.case_number = d.case_number)
   AND (c.status IS NOT d.status OR c.status_date IS NOT d.status_date);
SELECT 'sample: FSK 25/47, ADM 25/15 and HOK 25/53 must be open on 2026-08-31 and ferdig in September 2026'
 WHERE (SELECT count(*) FROM decision d WHERE (d.body_code, d.case_number) IN (VALUES ('FSK', '25/47'), ('ADM', '25/15'), ('HOK', '25/53'))
          AND d.status = 'ferdig' AND d.status_date BETWEEN '2026-09-01' AND '2026-09-30') <> 3;

-- deviations
SELECT 'deviation ' || id || ': bad category ' || category FROM deviation
 WHERE category NOT IN ('HMS', 'bruker/pasient', 'informasjonssikkerhet/personvern', 'økonomi', 'annet');
SELECT 'deviation ' || id || ': bad severity ' || severity FROM deviation WHERE severity NOT IN ('lav', 'middels', 'høy');
SELECT 'deviation ' || id || ': bad status ' || status FROM deviation WHERE status NOT IN ('åpen', 'under behandling', 'lukket');
SELECT 'deviation ' || id || ': closed_date must be set exactly when lukket' FROM deviation
 WHERE (status = 'lukket') <> (closed_date IS NOT NULL);
SELECT 'deviation ' || id || ': bad dates' FROM deviation
 WHERE date(reported_date) IS NOT reported_date OR (closed_date IS NOT NULL AND (date(closed_date) IS NOT closed_date OR closed_date < reported_date))
    OR reported_date > (SELECT cutoff_date FROM municipality) OR closed_date > (SELECT cutoff_date FROM municipality);

-- risks
SELECT 'risk ' || id || ': probability/consequence outside 1-5' FROM risk WHERE probability NOT BETWEEN 1 AND 5 OR consequence NOT BETWEEN 1 AND 5;
SELECT 'risk ' || id || ': bad status ' || status FROM risk WHERE status NOT IN ('åpen', 'tiltak pågår', 'lukket');
SELECT 'risk ' || id || ': bad date' FROM risk WHERE date(assessed_date) IS NOT assessed_date OR (deadline IS NOT NULL AND date(deadline) IS NOT deadline);

-- årshjul
SELECT 'wheel_activity ' || rowid || ': bad month ' || month FROM wheel_activity WHERE month IS NOT NULL AND month NOT BETWEEN 1 AND 12;
SELECT 'wheel_activity ' || rowid || ': bad track ' || track FROM wheel_activity WHERE track NOT IN ('administrativ', 'politisk');
SELECT 'wheel_activity ' || rowid || ': every_fourth_year must be 0 or 1' FROM wheel_activity WHERE every_fourth_year NOT IN (0, 1);
SELECT 'wheel_activity ' || rowid || ': bad category ' || category FROM wheel_activity WHERE category NOT IN ('planlegging', 'rapportering', 'politisk');
SELECT 'wheel_activity ' || rowid || ': reference_year outside 1900-2100' FROM wheel_activity WHERE reference_year NOT BETWEEN 1900 AND 2100;

-- companies and leader agreements
SELECT 'company ' || org_number || ': bad form ' || form FROM company WHERE form NOT IN ('AS', 'IKS', 'KF', 'SA', 'stiftelse', 'interkommunalt samarbeid');
SELECT 'company ' || org_number || ': ownership outside 0-100' FROM company WHERE ownership_pct NOT BETWEEN 0 AND 100;
SELECT 'company ' || org_number || ': organisation number is not nine digits' FROM company WHERE org_number NOT GLOB '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]';
SELECT 'company ' || org_number || ': negative board count' FROM company WHERE board_women < 0 OR board_men < 0;
SELECT 'company ' || org_number || ': bad owner_meeting_date' FROM company WHERE owner_meeting_date IS NOT NULL AND date(owner_meeting_date) IS NOT owner_meeting_date;
SELECT 'company_figure ' || org_number || ' ' || year || ': negative total_assets' FROM company_figure WHERE total_assets < 0;
SELECT 'leader_agreement ' || unit_code || ' ' || year || ': bad signed_date' FROM leader_agreement
 WHERE signed_date IS NOT NULL AND (date(signed_date) IS NOT signed_date OR CAST(substr(signed_date, 1, 4) AS INTEGER) <> year);

-- the sample's own promises (issue 2)
SELECT 'sample: focus areas or main goals differ from the governance document' WHERE
  (SELECT group_concat(name || '=' || ifnull(main_goal, 'Ikke utarbeidet'), '|') FROM (SELECT * FROM focus_area ORDER BY sort_order)) IS NOT
  'Samfunn=Ikke utarbeidet|Medvirkning=Innbyggere som aktivt deltar i utviklingen av lokalsamfunnet|Medarbeidere=Motiverte og kompetente medarbeidere|Læring og fornying=Fremtidsrettet og lærende organisasjon|Økonomi=God økonomistyring og godt økonomisk handlingsrom|Brukere=Gode tjenester med fokus på kvalitet, tilgjengelighet og brukermedvirkning';
SELECT 'sample: fewer than 60 indicators' WHERE (SELECT count(*) FROM indicator) < 60;
SELECT 'sample: fewer than 150 decisions' WHERE (SELECT count(*) FROM decision) < 150;
SELECT 'sample: fewer than 6 budget areas' WHERE (SELECT count(*) FROM area) < 6;
SELECT 'sample: both common and unique goals expected' WHERE
  (SELECT count(*) FROM goal WHERE area_code IS NULL) = 0 OR (SELECT count(*) FROM goal WHERE area_code IS NOT NULL) = 0;
SELECT 'sample: every status should occur' WHERE (SELECT count(DISTINCT status) FROM result_status) < 5;
SELECT 'sample: decision statuses ikke påbegynt, under arbeid and ferdig expected' WHERE
  (SELECT count(DISTINCT status) FROM decision WHERE status IN ('ikke påbegynt', 'under arbeid', 'ferdig')) < 3;
SELECT 'sample: every-fourth-year wheel items expected' WHERE (SELECT count(*) FROM wheel_activity WHERE every_fourth_year = 1) < 2;
SELECT 'sample: every-fourth-year wheel item without reference_year' FROM wheel_activity WHERE every_fourth_year = 1 AND reference_year IS NULL;
SELECT 'sample: four years of key figures expected for ' || org_number FROM company c
 WHERE (SELECT count(*) FROM company_figure f WHERE f.org_number = c.org_number) < 4;
SELECT 'sample: the forms AS, IKS, KF and stiftelse expected' WHERE (SELECT count(DISTINCT form) FROM company WHERE form IN ('AS', 'IKS', 'KF', 'stiftelse')) < 4;
SELECT 'sample: sick leave should be 5-10 % overall, is ' || round(100.0 * sum(short_term_days + long_term_days) / sum(planned_days), 2)
  FROM absence HAVING 100.0 * sum(short_term_days + long_term_days) / sum(planned_days) NOT BETWEEN 5 AND 10;
SELECT 'sample: the budget should balance per year, ' || substr(month, 1, 4) || ' sums to ' || sum(amount)
  FROM budget GROUP BY substr(month, 1, 4) HAVING abs(sum(amount)) > 1000;
