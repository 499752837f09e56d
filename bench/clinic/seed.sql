-- The clinic bench's patients (bench/clinic.sh): 1,000 patients with a year of the program each,
-- written straight into the tables as the typed calls write them (the shape of
-- bench/growth/history.py's year). :template is a patient set up through the API, whose set-up
-- rows every other patient copies; :clinic its clinic, which gets 200 patients in all, and the
-- other 800 are shared by four more clinics. Run as the superuser: the writes skip triggers and
-- foreign-key checks (session_replication_role), so no patient has a kept row yet, as on the
-- first day of a clinic that upgraded.
\set ON_ERROR_STOP 1
SET session_replication_role = replica;
BEGIN;
INSERT INTO clinics (name, created_at)
SELECT 'Bench ' || k, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
FROM generate_series(1, 4) k;
INSERT INTO patients (clinic_id, name, created_at)
SELECT CASE WHEN i < 200 THEN :clinic
	ELSE (SELECT id FROM clinics WHERE name = 'Bench ' || (1 + i % 4)) END,
	'Patient ' || lpad(i::text, 4, '0'),
	to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
FROM generate_series(1, 999) i;

-- The template's set-up rows (profile, screening, ...), copied to every other patient.
SELECT set_config('bench.template', :'template', false);
DO $$
DECLARE
	t regclass;
	cols text;
	src text;
BEGIN
	FOR t, cols, src IN
		SELECT c.oid::regclass, string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum),
			string_agg('x.' || quote_ident(a.attname), ', ' ORDER BY a.attnum)
		FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0
			AND NOT a.attisdropped
		WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r'
			AND EXISTS (SELECT 1 FROM pg_attribute b
				WHERE b.attrelid = c.oid AND b.attname = 'patient_id')
			AND a.attname NOT IN ('clinic_id', 'patient_id') AND a.attidentity = ''
		GROUP BY c.oid
	LOOP
		EXECUTE format('INSERT INTO %s (clinic_id, patient_id, %s) SELECT p.clinic_id, p.id, '
			'%s FROM %s x, patients p WHERE x.patient_id = %s AND p.id <> %s',
			t, cols, src, t, current_setting('bench.template'),
			current_setting('bench.template'));
	END LOOP;
END $$;

-- A year of the program: stretches on Monday, Thursday and Saturday, strength on Tuesday and
-- Friday, a morning pain score on Monday, Thursday and Sunday, runs on Wednesday, Saturday and
-- Sunday. Every tenth patient stopped logging ten days ago (silent), every seventh skips strength
-- (not doing the program), every fifth has more pain in the last two weeks (rising).
UPDATE profile SET start_date = (current_date - 364)::text;
CREATE TEMP TABLE days AS
SELECT p.clinic_id, p.id AS patient, d::date AS day, extract(isodow FROM d)::int AS wd
FROM patients p, generate_series(current_date - 364,
	current_date - CASE WHEN p.id % 10 = 0 THEN 10 ELSE 1 END, interval '1 day') d;

INSERT INTO sessions (clinic_id, patient_id, date, kind, status, origin, started_at, finished_at,
	position, pain_before, pain_after)
SELECT clinic_id, patient, day::text, kind, 'completed', 'player', day::text || 'T07:30:00Z',
	day::text || 'T08:05:00Z', 0, (patient + wd) % 4, (patient + wd + 1) % 4
FROM days, LATERAL (SELECT CASE WHEN wd IN (1, 4, 6) THEN 'stretch'
	WHEN wd IN (2, 5) AND patient % 7 <> 0 THEN 'strength' END AS kind) k
WHERE kind IS NOT NULL;

INSERT INTO results (clinic_id, patient_id, session_id, step, exercise, set_no, side, status, reps,
	seconds, load, rpe, pain, gentle, at)
SELECT s.clinic_id, s.patient_id, s.id,
	2 * (row_number() OVER (PARTITION BY s.id ORDER BY e.ord, n, side) - 1), e.name, n, side,
	'done', CASE WHEN s.kind = 'strength' THEN 14 END,
	CASE WHEN s.kind = 'stretch' THEN 60 END, 'bodyweight', 6, (s.id % 4)::int,
	CASE WHEN s.kind = 'stretch' THEN 1 END, s.started_at
FROM sessions s
JOIN (VALUES ('stretch', 1, 'figure-4-stretch', true), ('stretch', 2, 'cat-cow', false),
	('stretch', 3, 'half-kneeling-hip-flexor-stretch', true), ('stretch', 4, 'press-up', false),
	('strength', 1, 'clamshell', true), ('strength', 2, 'single-leg-glute-bridge', true),
	('strength', 3, 'squat', false)) AS e (kind, ord, name, per_side) ON e.kind = s.kind,
	generate_series(1, CASE WHEN s.kind = 'strength' THEN 2 ELSE 1 END) n,
	unnest(CASE WHEN e.per_side THEN ARRAY['left', 'right'] ELSE ARRAY[NULL] END) side;

INSERT INTO pain (clinic_id, patient_id, date, at, score, context)
SELECT clinic_id, patient, day::text, day::text || 'T06:30:00Z',
	(patient + extract(doy FROM day)::int) % 3
		+ CASE WHEN patient % 5 = 0 AND day > current_date - 14 THEN 2 ELSE 0 END,
	'morning'
FROM days WHERE wd IN (1, 4, 7);

INSERT INTO runs (clinic_id, patient_id, start, start_epoch, sport, distance_m, moving_s, elapsed_s,
	ascent_m, avg_hr, max_hr, source)
SELECT clinic_id, patient, day::text || 'T06:30:00Z',
	extract(epoch FROM day::timestamp + interval '6 hours 30 minutes')::bigint, 'running',
	d, d / 2.9, d / 2.8, 40, 145, 170, 'bench'
FROM days, LATERAL (SELECT 6000.0 + (patient * 37 + extract(doy FROM day)::int * 11) % 9000 AS d) r
WHERE wd IN (3, 6, 7);
COMMIT;
ANALYZE;
