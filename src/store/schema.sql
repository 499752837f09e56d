-- The hipcoach database: one file per runner, everything they did and how it felt.
--
-- Conventions. Dates a person sees (a session's day, a pain entry's day) are local
-- calendar dates as 'YYYY-MM-DD'. Instants are UTC, ISO 8601 'YYYY-MM-DDTHH:MM:SSZ'.
-- Pain is 0-10. Exercise ids are the program file's stable slugs. A missing value is
-- NULL, never 0. The file is identified by PRAGMA application_id = 0x48495043 ("HIPC")
-- and versioned by PRAGMA user_version (migrations in store.c, one per version).

-- The runner's settings (one row).
CREATE TABLE profile (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	name TEXT,                          -- shown on the handout; optional
	level TEXT NOT NULL CHECK (level IN ('beginner', 'moderate', 'heavy')),
	equipment TEXT NOT NULL DEFAULT '', -- comma list: mat,band,step,dumbbells,chair
	dumbbells_kg TEXT,                  -- comma list of the weights at hand, in kg
	run_days INTEGER NOT NULL DEFAULT 0,      -- bit 0 = Monday .. bit 6 = Sunday
	long_run_day INTEGER CHECK (long_run_day BETWEEN 0 AND 6),
	strength_days INTEGER NOT NULL DEFAULT 0, -- 0: let hipcoach choose
	unit_distance TEXT NOT NULL DEFAULT 'km' CHECK (unit_distance IN ('km', 'mi')),
	unit_weight TEXT NOT NULL DEFAULT 'kg' CHECK (unit_weight IN ('kg', 'lb')),
	start_date TEXT NOT NULL,           -- first day of the program
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);

-- Red-flag screening (SAFETY.md section 1): every answer of every round, never
-- summed into a score. A round is one run of `hipcoach check`.
CREATE TABLE screening (
	id INTEGER PRIMARY KEY,
	round INTEGER NOT NULL,
	answered_at TEXT NOT NULL,
	question TEXT NOT NULL,             -- question id, e.g. 'fever'
	answer INTEGER NOT NULL CHECK (answer IN (0, 1))
);
CREATE INDEX screening_round ON screening (round);

-- A clinician has seen the runner: lifts the block set by earlier screening rounds.
CREATE TABLE clearance (
	id INTEGER PRIMARY KEY,
	cleared_at TEXT NOT NULL,
	note TEXT
);

-- A strength or stretch session, done with the player or logged by hand. Version 3
-- adds the status 'skipped' (see its part below).
CREATE TABLE sessions (
	id INTEGER PRIMARY KEY,
	date TEXT NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('strength', 'stretch')),
	status TEXT NOT NULL CHECK (status IN ('completed', 'unfinished')),
	origin TEXT NOT NULL DEFAULT 'player' CHECK (origin IN ('player', 'log', 'web', 'backup')),
	started_at TEXT NOT NULL,
	finished_at TEXT,
	position INTEGER NOT NULL DEFAULT 0, -- next script step, to resume an unfinished session
	pain_before INTEGER CHECK (pain_before BETWEEN 0 AND 10),
	pain_after INTEGER CHECK (pain_after BETWEEN 0 AND 10)
);
CREATE INDEX sessions_date ON sessions (date);

-- One finished step of a session: a set on one side, or one hold.
CREATE TABLE results (
	id INTEGER PRIMARY KEY,
	session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
	step INTEGER NOT NULL,              -- index in the session script
	exercise TEXT NOT NULL,
	variant TEXT,                       -- easier/harder version in use, NULL for the exercise itself
	set_no INTEGER,
	side TEXT CHECK (side IN ('left', 'right')),
	status TEXT NOT NULL CHECK (status IN ('done', 'skipped', 'hurt')),
	reps INTEGER,
	seconds INTEGER,
	load TEXT CHECK (load IN ('bodyweight', 'band', 'dumbbell')),
	load_kg REAL,
	rpe INTEGER CHECK (rpe BETWEEN 1 AND 10),
	reserve3 INTEGER CHECK (reserve3 IN (0, 1)), -- "could you have done 3 more?"
	pain INTEGER CHECK (pain BETWEEN 0 AND 10),  -- pain during this exercise
	gentle INTEGER CHECK (gentle IN (0, 1)),     -- stretches: felt gentle (1) or painful (0)
	at TEXT NOT NULL,
	UNIQUE (session_id, step)
);
CREATE INDEX results_exercise ON results (exercise, session_id);

-- Pain check-ins (SAFETY.md section 2): during, after, the next morning, or now.
CREATE TABLE pain (
	id INTEGER PRIMARY KEY,
	date TEXT NOT NULL,
	at TEXT NOT NULL,
	score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10),
	context TEXT NOT NULL CHECK (context IN ('now', 'during', 'after', 'morning')),
	location TEXT CHECK (location IN ('outer', 'front', 'groin', 'buttock', 'back')),
	session_id INTEGER REFERENCES sessions (id) ON DELETE SET NULL
);
CREATE INDEX pain_date ON pain (date);

-- Per-exercise prescription state, moved by progress and step-back decisions
-- (SAFETY.md section 3). No row: the level's starting dose.
CREATE TABLE progress (
	exercise TEXT PRIMARY KEY,
	sets INTEGER,
	load_kg REAL,
	variant TEXT,
	updated_at TEXT NOT NULL,
	reason TEXT NOT NULL
);

-- Every change of prescription, with its reason, for the record.
CREATE TABLE progress_log (
	id INTEGER PRIMARY KEY,
	at TEXT NOT NULL,
	exercise TEXT NOT NULL,
	change TEXT NOT NULL CHECK (change IN ('progress', 'step-back', 'adapt')),
	reason TEXT NOT NULL
);

-- Runs and other activities, imported or logged by hand.
CREATE TABLE runs (
	id INTEGER PRIMARY KEY,
	start TEXT NOT NULL,                -- UTC ISO 8601
	start_epoch INTEGER NOT NULL,       -- the same, as Unix seconds, for range queries
	sport TEXT NOT NULL,
	distance_m REAL,
	moving_s REAL,
	elapsed_s REAL,
	ascent_m REAL,
	avg_hr INTEGER,
	max_hr INTEGER,
	source TEXT NOT NULL                -- file name, 'strava:<id>', or 'manual'
);
CREATE INDEX runs_start ON runs (start_epoch);

-- Files already imported (name, size and content hash), so a re-import skips
-- them without decoding.
CREATE TABLE import_files (
	key TEXT PRIMARY KEY,
	imported_at TEXT NOT NULL
);

-- Patient-Specific Functional Scale (SAFETY.md section 7): activities the runner
-- names, each scored 0 (cannot do) to 10 (as before the problem) from time to time.
CREATE TABLE psfs_items (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL UNIQUE,
	created_at TEXT NOT NULL
);
CREATE TABLE psfs_scores (
	id INTEGER PRIMARY KEY,
	item_id INTEGER NOT NULL REFERENCES psfs_items (id) ON DELETE CASCADE,
	date TEXT NOT NULL,
	score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10)
);

-- @version 2: the runner's word that a clinician is managing the hip.

-- A physical therapist or doctor is managing the hip (hipcoach check
-- --seeing-clinician; SAFETY.md section 4): from `since`, the advice to see
-- one becomes a weekly reminder. The latest row counts.
CREATE TABLE care (
	id INTEGER PRIMARY KEY,
	since TEXT NOT NULL,                -- local date the runner said so
	note TEXT,                          -- who, in the runner's words; optional
	recorded_at TEXT NOT NULL
);

-- @version 3: a session can be 'skipped': it ended with no step done, or a strength
-- session was not started because the pain before it was 8/10 or more. It counts as
-- nothing done (not toward the week, the streak or adherence).

-- SQLite cannot alter a CHECK constraint, and loosening one changes no stored row, so
-- the table's definition is rewritten in place (sqlite.org/lang_altertable.html, section
-- 7); migrate() then moves the schema version on, so every connection reads it again.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(sql,
	'CHECK (status IN (''completed'', ''unfinished''))',
	'CHECK (status IN (''completed'', ''unfinished'', ''skipped''))')
	WHERE type = 'table' AND name = 'sessions';
PRAGMA writable_schema = OFF;

-- @version 4: a step of a session played on a phone carries the id the phone gave it, so a
-- step sent again after the Wi-Fi came back is recognised and not recorded twice.
ALTER TABLE results ADD COLUMN client_id TEXT; -- NULL: recorded by the terminal or the server
CREATE UNIQUE INDEX results_client_id ON results (client_id);

-- @version 5: a physical therapist's changes to the runner's program (clinic mode: the
-- therapist makes them on the clinic's server; a runner who links to a clinic takes them). The
-- plan follows them at once: an exercise left out is not scheduled, a dose set stands in for the
-- level's and progress's (core/plan.c); the safety rules still come first.

-- Exercises the therapist left out, each with why and who.
CREATE TABLE program_left_out (
	exercise TEXT PRIMARY KEY,          -- the program's id
	reason TEXT NOT NULL,
	who TEXT NOT NULL,
	changed_at TEXT NOT NULL
);

-- Doses the therapist set, per exercise; NULL: the program's (the level's, or progress's).
CREATE TABLE program_doses (
	exercise TEXT PRIMARY KEY,
	sets INTEGER,
	reps_min INTEGER,
	reps_max INTEGER,
	hold_s INTEGER,
	load_kg REAL,                       -- a dumbbell per hand; 0: no added weight
	why TEXT NOT NULL,
	who TEXT NOT NULL,
	changed_at TEXT NOT NULL
);

-- The therapist's note to the runner (one row, or none).
CREATE TABLE program_note (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	note TEXT NOT NULL,
	who TEXT NOT NULL,
	changed_at TEXT NOT NULL
);

-- Every change of the three tables above, for the record: when, who, why, and what changed in
-- plain words.
CREATE TABLE program_changes (
	id INTEGER PRIMARY KEY,
	at TEXT NOT NULL,
	who TEXT NOT NULL,
	why TEXT NOT NULL,
	what TEXT NOT NULL
);

-- @version 6: a runner's file linked to a clinic (hipcoach link URL CODE): where it syncs, and
-- which rows came from the clinic. No table of this version is part of a backup (the link's token
-- is a secret, and a restored file is not linked).

-- The clinic this file is linked to (one row, or none): its address and the token that stands
-- for this file there, as the clinic gave it.
CREATE TABLE clinic_link (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	url TEXT NOT NULL,
	token TEXT NOT NULL,
	clinic TEXT NOT NULL,               -- the clinic's name
	patient TEXT NOT NULL,              -- the runner's name there
	linked_at TEXT NOT NULL,
	synced_at TEXT                      -- the last sync; NULL never yet
);

-- Rows of this file that came from the clinic (a clearance its therapist recorded), by the
-- clinic's id: taken once, and never sent back.
CREATE TABLE clinic_taken (
	tbl TEXT NOT NULL,
	remote_id INTEGER NOT NULL,
	local_id INTEGER NOT NULL,
	PRIMARY KEY (tbl, remote_id)
);

-- The receiving side of a sync, as the clinic's database has it (src/store/pg/schema.sql, version
-- 5): row `local_id` of table `tbl` of the linked file `device` was stored as row `server_id`. A
-- file receives no sync; the table lets the coach's sync be tested on a file.
CREATE TABLE sync_ids (
	device INTEGER NOT NULL,
	tbl TEXT NOT NULL,
	local_id INTEGER NOT NULL,
	server_id INTEGER NOT NULL,
	PRIMARY KEY (device, tbl, local_id)
);
