/* Tests of backup and restore: a round trip gives the same document, a bad row or a refused
 * document changes nothing, and the store's table list matches the schema. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "coach/backup.h"
#include "lib/embed.h"
#include "lib/error.h"
#include "lib/strbuf.h"
#include "store/backup.h"

#define DB_A "build/testdata/test-coach-backup-a.db"
#define DB_B "build/testdata/test-coach-backup-b.db"

/*
 * Rows no command writes in this shape, planted with SQLite itself: quotes,
 * a newline, a tab and a control character in text, reals that need 17
 * digits, an exponent or a point added, a NULL, a large integer, links
 * between sessions, results and pain.
 */
static const char seed_sql[] =
    "INSERT INTO profile (id, name, level, equipment, dumbbells_kg, run_days, long_run_day,"
    " start_date, created_at, updated_at) VALUES (1, 'Priya \"P\" Shah', 'heavy',"
    " 'mat,step', '6,10', 21, 6, '2026-12-01', '2026-12-01T08:00:00Z', '2026-12-01T08:00:00Z');"
    "INSERT INTO screening (round, answered_at, question, answer) VALUES"
    " (1, '2026-12-01T08:01:00Z', 'fever', 0), (1, '2026-12-01T08:01:00Z', 'night', 1);"
    "INSERT INTO clearance (cleared_at, note) VALUES ('2026-12-02T09:00:00Z',"
    " 'Dr. Ng, \"fine\"\nline two\twith a tab \x01');"
    "INSERT INTO sessions (date, kind, status, origin, started_at, finished_at, pain_before,"
    " pain_after) VALUES ('2026-12-04', 'strength', 'completed', 'log', '2026-12-04T07:30:00Z',"
    " '2026-12-04T08:00:00Z', 3, 2), ('2026-12-05', 'stretch', 'unfinished', 'player',"
    " '2026-12-05T18:00:00Z', NULL, NULL, NULL);"
    "INSERT INTO results (session_id, step, exercise, variant, set_no, side, status, reps, load,"
    " load_kg, rpe, reserve3, pain, at) VALUES (1, 0, 'squat', NULL, 1, NULL, 'done', 6,"
    " 'dumbbell', 14, 8, 0, NULL, '2026-12-04T07:35:00Z'), (1, 1, 'clamshell', 'band', 1,"
    " 'left', 'hurt', 10, 'band', NULL, NULL, NULL, 6, '2026-12-04T07:40:00Z');"
    "INSERT INTO results (session_id, step, exercise, set_no, status, seconds, gentle, at)"
    " VALUES (2, 0, 'cat-cow', 1, 'done', 60, 1, '2026-12-05T18:02:00Z');"
    "INSERT INTO pain (date, at, score, context, location, session_id) VALUES"
    " ('2026-12-05', '2026-12-05T07:10:00Z', 2, 'morning', 'outer', NULL),"
    " ('2026-12-04', '2026-12-04T08:05:00Z', 3, 'after', NULL, 1);"
    "INSERT INTO progress VALUES ('squat', 4, 16.5, NULL, '2026-12-07T18:00:00Z', 'easy');"
    "INSERT INTO progress VALUES ('deadlift', 3, 1e-7, 'x', '2026-12-07T18:00:00Z', 'tiny');"
    "INSERT INTO progress_log (at, exercise, change, reason) VALUES"
    " ('2026-12-07T18:00:00Z', 'squat', 'progress', 'reps easy');"
    "INSERT INTO runs (start, start_epoch, sport, distance_m, moving_s, elapsed_s, ascent_m,"
    " avg_hr, max_hr, source) VALUES ('2026-12-06T08:00:00Z', 1796544000, 'running',"
    " 0.30000000000000004, 1800, 1900.5, -2.25, 150, 171, 'manual, with a comma'),"
    " ('2026-12-07T06:00:00Z', 1796623200, 'cycling', 20000, NULL, NULL, NULL, NULL, NULL,"
    " 'ride.fit');"
    "INSERT INTO import_files VALUES ('3:44bc2cf5ad770999', '2026-12-07T06:30:00Z');"
    "INSERT INTO psfs_items (name, created_at) VALUES ('running 10 km', '2026-12-01T08:00:00Z');"
    "INSERT INTO psfs_scores (item_id, date, score) VALUES (1, '2026-12-01', 4);"
    "INSERT INTO care (since, note, recorded_at) VALUES ('2026-12-03', 'Jo, physio',"
    " '2026-12-03T10:00:00Z');"
    "INSERT INTO program_left_out VALUES ('clamshell', 'irritates the outer hip', 'Ana',"
    " '2026-12-03T10:05:00Z');"
    "INSERT INTO program_doses VALUES ('squat', 2, 10, 12, NULL, 0, 'light for now', 'Ana',"
    " '2026-12-03T10:05:00Z');"
    "INSERT INTO program_note VALUES (1, 'See you Friday', 'Ana', '2026-12-03T10:05:00Z');"
    "INSERT INTO program_changes (at, who, why, what) VALUES ('2026-12-03T10:05:00Z', 'Ana',"
    " 'first visit', 'left out Clamshell (irritates the outer hip)');";

#define SEEDED_ROWS 24

struct fixture {
	struct coach a, b; /* a: seeded; b: new */
};

static void remove_db(const char *path)
{
	char name[256];

	unlink(path);
	snprintf(name, sizeof(name), "%s-wal", path);
	unlink(name);
	snprintf(name, sizeof(name), "%s-shm", path);
	unlink(name);
}

/* Runs SQL on the file through a connection of its own, beside the store's. */
static void sql_exec(const char *path, const char *sql)
{
	sqlite3 *db = NULL;
	char *msg = NULL;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	sqlite3_busy_timeout(db, 5000);
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s", msg);
	sqlite3_close(db);
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	if (!f || system("mkdir -p build/testdata"))
		return -1;
	remove_db(DB_A);
	remove_db(DB_B);
	f->a.db_path = DB_A;
	f->b.db_path = DB_B;
	if (coach_store(&f->a, 0)) {
		fprintf(stderr, "%s\n", error_last());
		return -1;
	}
	sql_exec(DB_A, seed_sql);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	coach_release(&f->a);
	coach_release(&f->b);
	free(f);
	return 0;
}

static char *export_json(struct coach *c)
{
	struct strbuf sb = STRBUF_INIT;

	if (coach_backup_json(c, &sb))
		fail_msg("%s", error_last());
	return strbuf_detach(&sb, NULL);
}

static char *export_csv(struct coach *c)
{
	struct strbuf sb = STRBUF_INIT;

	if (coach_backup_csv(c, &sb))
		fail_msg("%s", error_last());
	return strbuf_detach(&sb, NULL);
}

static int import(struct coach *c, const char *doc, int replace, struct backup_report *rep)
{
	backup_report_init(rep);
	return coach_backup_import(c, "test.json", doc, strlen(doc), replace, rep);
}

/* `doc` with the first `from` replaced by `to`; the text must be there. */
static char *replace_once(const char *doc, const char *from, const char *to)
{
	const char *p = strstr(doc, from);
	struct strbuf sb = STRBUF_INIT;

	assert_non_null(p);
	strbuf_add(&sb, doc, (size_t)(p - doc));
	strbuf_addstr(&sb, to);
	strbuf_addstr(&sb, p + strlen(from));
	return strbuf_detach(&sb, NULL);
}

static void test_round_trip(void **state)
{
	struct fixture *f = *state;
	struct backup_report rep;
	char *doc = export_json(&f->a), *again, *csv = export_csv(&f->a), *csv_again;

	/* Every value comes out as stored. */
	assert_non_null(strstr(doc,
			       "{\n  \"format\": \"hipcoach-backup\",\n  \"version\": 1,\n"
			       "  \"schema\": 6,\n  \"exported_at\": \"2026-12-08T07:30:00Z\""));
	assert_non_null(strstr(doc, "\"distance_m\": 0.30000000000000004, \"moving_s\": 1800.0, "
				    "\"elapsed_s\": 1900.5, \"ascent_m\": -2.25, \"avg_hr\": 150"));
	assert_non_null(strstr(doc, "\"load_kg\": 1e-07"));
	assert_non_null(strstr(doc, "\"load_kg\": 14.0"));
	assert_non_null(strstr(doc, "\"note\": \"Dr. Ng, \\\"fine\\\"\\nline two\\twith a tab "
				    "\\u0001\"}"));
	assert_non_null(strstr(doc, "\"start_epoch\": 1796544000"));
	assert_non_null(strstr(doc, "\"psfs_scores\": [\n      {\"id\": 1, \"item_id\": 1, "
				    "\"date\": \"2026-12-01\", \"score\": 4}\n    ],\n"));
	assert_non_null(strstr(doc, "\"care\": [\n      {\"id\": 1, \"since\": \"2026-12-03\", "
				    "\"note\": \"Jo, physio\", \"recorded_at\": "
				    "\"2026-12-03T10:00:00Z\"}\n    ],\n"));
	assert_non_null(strstr(doc, "\"program_doses\": [\n      {\"exercise\": \"squat\", "
				    "\"sets\": 2, \"reps_min\": 10, \"reps_max\": 12, \"hold_s\": "
				    "null, \"load_kg\": 0.0, \"why\": \"light for now\""));
	assert_non_null(strstr(doc, "\"program_changes\": [\n      {\"id\": 1, \"at\": "
				    "\"2026-12-03T10:05:00Z\", \"who\": \"Ana\", \"why\": \"first "
				    "visit\", \"what\": \"left out Clamshell (irritates the outer "
				    "hip)\"}\n    ]\n  }\n}\n"));
	/* Rows in the order they were written, not by key. */
	assert_true(strstr(doc, "\"exercise\": \"squat\", \"sets\": 4") <
		    strstr(doc, "\"exercise\": \"deadlift\", \"sets\": 3"));

	assert_int_equal(import(&f->b, doc, 0, &rep), 0);
	assert_int_equal(rep.rows, SEEDED_ROWS);
	assert_int_equal(rep.ntables, 17);
	assert_string_equal(rep.tables[0].table, "profile");
	assert_int_equal(rep.tables[0].rows, 1);
	assert_string_equal(rep.tables[4].table, "results");
	assert_int_equal(rep.tables[4].rows, 3);
	backup_report_release(&rep);

	again = export_json(&f->b);
	assert_string_equal(doc, again);
	csv_again = export_csv(&f->b);
	assert_string_equal(csv, csv_again);
	assert_non_null(strstr(csv,
			       "\r\nrun,2026-12-06,08:00,,,,,,,,,,,,,,,,,running,0,1800,1900.5,"
			       "-2.25,150,171,\"manual, with a comma\"\r\n"));
	free(doc);
	free(again);
	free(csv);
	free(csv_again);
}

static void test_bad_row_changes_nothing(void **state)
{
	struct fixture *f = *state;
	struct backup_report rep;
	char *doc = export_json(&f->a), *bad, *after;

	/* The last pain row breaks a CHECK: nothing of the document stays, in a new database... */
	bad = replace_once(doc, "\"score\": 3, \"context\": \"after\"",
			   "\"score\": 11, \"context\": \"after\"");
	assert_int_equal(import(&f->b, bad, 0, &rep), -1);
	assert_string_equal(error_last(), "'test.json': table 'pain', row 2: CHECK constraint "
					  "failed: score BETWEEN 0 AND 10");
	assert_null(rep.tables);
	assert_int_equal(rep.rows, 0);
	assert_int_equal(store_backup_empty(&f->b.store), 1);

	/* ...nor in one being replaced: it keeps what it held. */
	assert_int_equal(import(&f->a, bad, 1, &rep), -1);
	after = export_json(&f->a);
	assert_string_equal(doc, after);
	free(after);

	/* A value the store cannot hold, checked before anything is written. */
	free(bad);
	bad = replace_once(doc, "\"score\": 4}", "\"score\": [4]}");
	assert_int_equal(import(&f->a, bad, 1, &rep), -1);
	assert_string_equal(
	    error_last(), "'test.json': table 'psfs_scores', row 1, column 'score' is not a value");
	after = export_json(&f->a);
	assert_string_equal(doc, after);
	free(after);
	free(bad);
	free(doc);
}

static void test_refusals(void **state)
{
	struct fixture *f = *state;
	struct backup_report rep;
	char *doc = export_json(&f->a), *after;
	static const struct {
		const char *from, *to, *msg; /* msg: how the message starts */
	} cases[] = {
	    {"\"version\": 1,", "\"version\": 2,",
	     "'test.json' comes from a newer hipcoach (backup format 2; this one reads up to 1): "
	     "update hipcoach to import it"},
	    {"\"schema\": 6,", "\"schema\": 99,",
	     "'test.json' comes from a newer hipcoach (database version 99; this one reads up to "
	     "6): update hipcoach to import it"},
	    {"\"schema\": 6,", "\"schema\": 0,", "'test.json': no valid schema version"},
	    {"\"sport\": \"running\"", "\"colour\": \"red\"",
	     "'test.json': table 'runs' has no column 'colour'"},
	    {"\"runs\": [", "\"walks\": [", "'test.json': unknown table 'walks'"},
	    {"hipcoach-backup", "something-else", "'test.json' is not a hipcoach backup"},
	    {"\"tables\": {", "\"tables\": {\"profile\": [], \"profile\": [], ",
	     "cannot read 'test.json' at line 6, column "},
	};

	/* Data in the way without --replace. */
	assert_int_equal(import(&f->a, doc, 0, &rep), -1);
	assert_string_equal(error_last(), "the database '" DB_A
					  "' already holds data: import into a new one (--db "
					  "NEW.db), or give --replace to replace everything in it");
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *bad = replace_once(doc, cases[i].from, cases[i].to);

		assert_int_equal(import(&f->a, bad, 1, &rep), -1);
		assert_true(!strncmp(error_last(), cases[i].msg, strlen(cases[i].msg)));
		if (i < 6)
			assert_string_equal(error_last(), cases[i].msg);
		free(bad);
	}
	after = export_json(&f->a);
	assert_string_equal(doc, after);
	/* With --replace the same document goes in over itself. */
	assert_int_equal(import(&f->a, doc, 1, &rep), 0);
	assert_int_equal(rep.rows, SEEDED_ROWS);
	backup_report_release(&rep);
	free(after);
	after = export_json(&f->a);
	assert_string_equal(doc, after);
	free(after);
	free(doc);
}

/* An older document leaves columns out: the schema's defaults fill them, where it has some. */
static void test_defaults(void **state)
{
	struct fixture *f = *state;
	struct backup_report rep;
	static const char doc[] =
	    "{\"format\": \"hipcoach-backup\", \"version\": 1, \"schema\": 1, \"tables\": {"
	    "\"clearance\": [{\"cleared_at\": \"2026-12-02T09:00:00Z\"}], \"runs\": []}}";
	static const char empty_row[] =
	    "{\"format\": \"hipcoach-backup\", \"version\": 1, \"schema\": 1, \"tables\": {"
	    "\"clearance\": [{}]}}";
	char *out;

	assert_int_equal(import(&f->b, empty_row, 0, &rep), -1);
	assert_string_equal(error_last(), "'test.json': table 'clearance', row 1: NOT NULL "
					  "constraint failed: clearance.cleared_at");
	assert_int_equal(import(&f->b, doc, 0, &rep), 0);
	assert_int_equal(rep.ntables, 2);
	assert_string_equal(rep.tables[1].table, "runs");
	assert_int_equal(rep.tables[1].rows, 0);
	assert_int_equal(rep.rows, 1);
	backup_report_release(&rep);
	out = export_json(&f->b);
	assert_non_null(strstr(out, "\"clearance\": [\n      {\"id\": 1, \"cleared_at\": "
				    "\"2026-12-02T09:00:00Z\", \"note\": null}\n    ],"));
	assert_non_null(strstr(out, "\"runs\": [],"));
	free(out);
}

/* The store's list of tables and columns is the schema's, in the order it creates them. */
static void test_tables_match_schema(void **state)
{
	struct fixture *f = *state;
	const struct store_table *t;
	size_t n, i = 0, col = 0;
	sqlite3 *db = NULL;
	sqlite3_stmt *stmt = NULL;

	t = store_backup_tables(&n);
	assert_int_equal(sqlite3_open_v2(f->a.store.path, &db, SQLITE_OPEN_READONLY, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db,
					    "SELECT m.name, c.name FROM sqlite_master m, "
					    "pragma_table_info(m.name) c WHERE m.type = 'table' "
					    "AND m.name NOT LIKE 'sqlite!_%' ESCAPE '!' "
					    /* A file's link to a clinic is no part of a backup. */
					    "AND m.name NOT IN ('clinic_link', 'clinic_taken', 'sync_ids') "
					    "ORDER BY m.rowid, c.cid",
					    -1, &stmt, NULL),
			 SQLITE_OK);
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		const char *table = (const char *)sqlite3_column_text(stmt, 0);
		const char *name = (const char *)sqlite3_column_text(stmt, 1);

		if (col == t[i].ncols) {
			i++;
			col = 0;
			assert_true(i < n);
		}
		assert_string_equal(t[i].name, table);
		assert_string_equal(t[i].cols[col], name);
		assert_int_equal(store_backup_column(&t[i], name), (int)col);
		col++;
	}
	assert_int_equal(i, n - 1);
	assert_int_equal(col, t[i].ncols);
	assert_ptr_equal(store_backup_find("runs"), &t[8]);
	assert_null(store_backup_find("sqlite_master"));
	sqlite3_finalize(stmt);
	sqlite3_close(db);
}

/*
 * A database of schema version 1 (before the care table) opens as the
 * latest version: the migration runs the schema's parts after version 1,
 * keeps every row, and the tables then match the store's list as a new
 * database's do.
 */
static void test_migrates_version_1(void **state)
{
	struct fixture *f = *state;
	const struct embedded_file *schema = embed_find("src/store/schema.sql");
	const char *v2 = strstr((const char *)schema->data, "\n-- @version 2");
	struct strbuf sql = STRBUF_INIT;
	struct coach old;
	struct backup_report rep;
	char *doc;

	assert_non_null(v2);
	remove_db(DB_B);
	strbuf_add(&sql, schema->data, (size_t)(v2 - (const char *)schema->data));
	strbuf_addf(&sql, "PRAGMA application_id = %d; PRAGMA user_version = 1;",
		    STORE_APPLICATION_ID);
	sql_exec(DB_B, sql.buf);
	sql_exec(DB_B, "INSERT INTO psfs_items (name, created_at) VALUES ('running', "
		       "'2026-12-01T08:00:00Z')");
	memset(&old, 0, sizeof(old));
	old.db_path = DB_B;
	assert_int_equal(coach_store(&old, 0), 0);
	doc = export_json(&old);
	assert_non_null(strstr(doc, "\"schema\": 6,"));
	assert_non_null(strstr(doc, "\"name\": \"running\""));
	assert_non_null(strstr(doc, "\"care\": []"));
	/* The migrated file holds what a new one holds: the seeded backup goes in whole. */
	free(doc);
	doc = export_json(&f->a);
	assert_int_equal(import(&old, doc, 1, &rep), 0);
	assert_int_equal(rep.rows, SEEDED_ROWS);
	backup_report_release(&rep);
	free(doc);
	coach_release(&old);
	strbuf_release(&sql);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_round_trip, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_bad_row_changes_nothing, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_refusals, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_defaults, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_tables_match_schema, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_migrates_version_1, setup, teardown),
	};

	/* exported_at comes from the clock. */
	setenv("HIPCOACH_NOW", "2026-12-08T07:30:00Z", 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
