/* Tests of a physical therapist's changes to the program, through the coach, on a temporary
 * database: a SQLite file, or with $HIPCOACH_TEST_PG (make pg-tests) a patient on PostgreSQL. The
 * plan follows a change at once, progress leaves a dose the therapist set alone, the safety rules
 * still come first, a bad change writes nothing, and a schema 4 file takes the new tables. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coach/coach.h"
#include "coach/program-change.h"
#include "coach/record.h"
#include "coach/setup.h"
#include "coach/status.h"
#include "core/plan.h"
#include "core/safety.h"
#include "lib/datetime.h"
#include "lib/embed.h"
#include "lib/error.h"
#include "lib/strbuf.h"
#include "store-db.h"
#include "store/history.h"
#include "store/program.h"

#define DB    "build/testdata/test-program-change.db"
#define DB_V4 "build/testdata/test-program-change-v4.db"
#define WHO   "Ana"

static int setup(void **state)
{
	struct coach *c = calloc(1, sizeof(*c));
	struct profile p;
	struct setup_values v = {.level = "moderate",
				 .equipment = "mat,band,step,dumbbells,chair",
				 .dumbbells = "6,8,12",
				 .dumbbells_kg = 1,
				 .strength_days = "tue,fri",
				 .start = "2026-11-30"};
	struct strbuf err = STRBUF_INIT;

	/* The clock is read once per process: every test runs on 10 December. */
	setenv("HIPCOACH_NOW", "2026-12-10T07:30:00", 1);
	if (test_store_open(&c->store, DB, NULL, NULL)) {
		free(c);
		return -1;
	}
	c->store_open = 1;
	profile_init(&p);
	setup_profile_new(&p);
	if (setup_apply(&p, &v, &err) || coach_setup_save(c, &p)) {
		fprintf(stderr, "%s%s\n", err.buf, error_last());
		return -1;
	}
	profile_release(&p);
	strbuf_release(&err);
	*state = c;
	return 0;
}

static int teardown(void **state)
{
	struct coach *c = *state;

	coach_release(c);
	free(c);
	return 0;
}

static struct program_dose dose(const char *id, int sets, int reps_min, int reps_max, int hold_s,
				double load_kg)
{
	struct program_dose d;

	program_dose_init(&d);
	snprintf(d.exercise, sizeof(d.exercise), "%s", id);
	d.sets = sets;
	d.reps_min = reps_min;
	d.reps_max = reps_max;
	d.hold_s = hold_s;
	d.load_kg = load_kg;
	return d;
}

/* The prescription of `id` today, or NULL when the plan leaves it out; notes into *notes. */
static const struct prescription *planned(struct coach *c, const char *id, struct plan *plan)
{
	const struct plan_input *in = coach_input(c);

	assert_non_null(in);
	plan_build(plan, in, day_from_civil(2026, 12, 1), 7);
	for (size_t i = 0; i < plan->nsessions; i++)
		for (size_t j = 0; j < plan->sessions[i].nitems; j++)
			if (!strcmp(plan->sessions[i].items[j].ex->id, id))
				return &plan->sessions[i].items[j];
	return NULL;
}

static int has_note(const struct plan *plan, const char *text)
{
	for (size_t i = 0; i < plan->nnotes; i++)
		if (!strcmp(plan->notes[i], text))
			return 1;
	return 0;
}

/* The first change of these tests: Clamshell out, Squat's dose, a note. */
static void first_change(struct coach *c)
{
	struct program_change chg;
	struct program_dose d = dose("squat", 2, 10, 12, 0, 6);

	program_change_init(&chg);
	program_change_leave_out(&chg, "clamshell", "irritates the outer hip");
	program_change_dose(&chg, &d);
	program_change_note(&chg, "Bridges first, squats light until we meet on Friday.");
	assert_int_equal(coach_program_change(c, &chg, WHO, "after the visit of 1 December"), 0);
	program_change_release(&chg);
}

static void test_plan_follows(void **state)
{
	struct coach *c = *state;
	struct program_changes pc;
	const struct prescription *p;
	struct plan plan;

	first_change(c);
	p = planned(c, "clamshell", &plan);
	assert_null(p);
	assert_true(has_note(
	    &plan, "Clamshell left out by your physical therapist (Ana): irritates the outer hip"));
	assert_true(has_note(&plan, "Squat: dose set by your physical therapist (Ana): after the "
				    "visit of 1 December"));
	assert_ptr_equal(plan.therapist, &c->therapist);
	plan_release(&plan);

	p = planned(c, "squat", &plan);
	assert_non_null(p);
	assert_int_equal(p->sets, 2);
	assert_int_equal(p->reps_min, 10);
	assert_int_equal(p->reps_max, 12);
	assert_int_equal(p->load, PLOAD_DUMBBELL);
	assert_true(p->load_kg == 6);
	assert_non_null(p->dose_set);
	assert_string_equal(p->dose_set->who, WHO);
	plan_release(&plan);
	/* The level's dose for what the therapist did not set. */
	p = planned(c, "deadlift", &plan);
	assert_non_null(p);
	assert_int_equal(p->sets, 3);
	assert_int_equal(p->reps_max, 12);
	assert_true(p->load_kg == 8);
	assert_null(p->dose_set);
	plan_release(&plan);

	assert_int_equal(coach_program_changes(c, &pc), 0);
	assert_int_equal(pc.level, LEVEL_MODERATE);
	assert_int_equal(pc.current.nleft_out, 1);
	assert_string_equal(pc.current.left_out[0].exercise, "clamshell");
	assert_string_equal(pc.current.left_out[0].reason, "irritates the outer hip");
	assert_string_equal(pc.current.left_out[0].who, WHO);
	assert_string_equal(pc.current.left_out[0].at, "2026-12-10T07:30:00Z");
	assert_int_equal(pc.current.ndoses, 1);
	assert_int_equal(pc.current.doses[0].sets, 2);
	assert_true(pc.current.doses[0].load_kg == 6);
	assert_int_equal(pc.current.doses[0].hold_s, 0);
	assert_string_equal(pc.current.note, "Bridges first, squats light until we meet on Friday.");
	assert_string_equal(pc.current.note_who, WHO);
	assert_int_equal(pc.nhistory, 1);
	assert_string_equal(pc.history[0].who, WHO);
	assert_string_equal(pc.history[0].why, "after the visit of 1 December");
	assert_string_equal(pc.history[0].what,
			    "left out Clamshell (irritates the outer hip); Squat: 2 sets, 10–12 "
			    "reps, 6 kg; a note to the patient");
	program_changes_release(&pc);

	/* The same change again changes nothing, and records nothing. */
	first_change(c);
	assert_int_equal(coach_program_changes(c, &pc), 0);
	assert_int_equal(pc.nhistory, 1);
	program_changes_release(&pc);
}

/* Each refusal names what is wrong, and writes nothing. */
static void test_refusals(void **state)
{
	static const struct {
		const char *id;
		int sets, reps_min, reps_max, hold_s;
		double load_kg;
		const char *msg;
	} bad[] = {
	    {"clamshel", 2, 0, 0, 0, -1, "unknown exercise 'clamshel'"},
	    {"squat", 7, 0, 0, 0, -1, "the dose of 'squat': 7 sets is out of range (1-6)"},
	    {"squat", 0, 8, 40, 0, -1, "the dose of 'squat': reps 8-40 are out of range (1-30)"},
	    {"squat", 0, 12, 8, 0, -1, "the dose of 'squat': reps 12-8: the fewest come first"},
	    {"squat", 0, 8, 0, 0, -1,
	     "the dose of 'squat': give the fewest and the most reps together"},
	    {"squat", 0, 0, 0, 30, -1,
	     "the dose of 'squat': it is counted, not held: give reps, not a hold"},
	    {"figure-4-stretch", 0, 10, 12, 0, -1,
	     "the dose of 'figure-4-stretch': it is held, not counted: give a hold, not reps"},
	    {"figure-4-stretch", 0, 0, 0, 5, -1,
	     "the dose of 'figure-4-stretch': a hold of 5 s is out of range (10-180 s)"},
	    {"clamshell", 0, 0, 0, 0, 4,
	     "the dose of 'clamshell': it takes no dumbbell, so no load"},
	    {"squat", 0, 0, 0, 0, 250, "the dose of 'squat': 250 kg is out of range (0-200 kg)"},
	    {"squat", 0, 0, 0, 0, -1,
	     "the dose of 'squat' sets nothing: give its sets, reps, hold or load (or leave it "
	     "off the list to give it back to the program)"},
	};
	struct coach *c = *state;
	struct program_change chg;
	struct program_changes pc;
	struct program_dose d;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		program_change_init(&chg);
		d = dose(bad[i].id, bad[i].sets, bad[i].reps_min, bad[i].reps_max, bad[i].hold_s,
			 bad[i].load_kg);
		program_change_dose(&chg, &d);
		assert_int_equal(coach_program_change(c, &chg, WHO, "why"), PROGRAM_CHANGE_REFUSED);
		assert_string_equal(error_last(), bad[i].msg);
		program_change_release(&chg);
	}

	program_change_init(&chg);
	assert_int_equal(coach_program_change(c, &chg, WHO, "why"), PROGRAM_CHANGE_REFUSED);
	assert_string_equal(error_last(), "nothing to change: give the level, the equipment, the "
					  "exercises left out, the doses or the note");
	program_change_note(&chg, "hello");
	assert_int_equal(coach_program_change(c, &chg, "", "why"), PROGRAM_CHANGE_REFUSED);
	assert_string_equal(error_last(), "who makes the change is not given");
	assert_int_equal(coach_program_change(c, &chg, WHO, NULL), PROGRAM_CHANGE_REFUSED);
	assert_string_equal(error_last(), "why the program changes is not given");
	program_change_release(&chg);

	program_change_init(&chg);
	program_change_leave_out(&chg, "squat", NULL);
	program_change_leave_out(&chg, "squat", NULL);
	assert_int_equal(coach_program_change(c, &chg, WHO, "why"), PROGRAM_CHANGE_REFUSED);
	assert_string_equal(error_last(), "'squat' is left out twice");
	program_change_release(&chg);

	/* A dose on an exercise left out (in this change, or before it) is a contradiction. */
	first_change(c);
	program_change_init(&chg);
	d = dose("clamshell", 2, 0, 0, 0, -1);
	program_change_dose(&chg, &d);
	assert_int_equal(coach_program_change(c, &chg, WHO, "why"), PROGRAM_CHANGE_REFUSED);
	assert_string_equal(error_last(), "'clamshell' is both left out and given a dose");
	program_change_release(&chg);

	/* Squat's 6 kg needs the dumbbells: taking them away asks for its dose again. */
	program_change_init(&chg);
	chg.equipment = EQ_MAT | EQ_BAND;
	assert_int_equal(coach_program_change(c, &chg, WHO, "why"), PROGRAM_CHANGE_REFUSED);
	assert_string_equal(error_last(), "the dose of 'squat' holds 6 kg: the equipment needs "
					  "dumbbells, or set its dose again");
	d = dose("squat", 0, 0, 0, 0, 5);
	program_change_dose(&chg, &d);
	assert_int_equal(coach_program_change(c, &chg, WHO, "why"), PROGRAM_CHANGE_REFUSED);
	assert_string_equal(error_last(), "the dose of 'squat': a load of 5 kg needs dumbbells in "
					  "the equipment");
	program_change_release(&chg);

	assert_int_equal(coach_program_changes(c, &pc), 0);
	assert_int_equal(pc.nhistory, 1);
	assert_int_equal(pc.equipment, EQ_MAT | EQ_BAND | EQ_STEP | EQ_DUMBBELLS | EQ_CHAIR);
	program_changes_release(&pc);
}

/* Two easy sessions with pain settled: deadlift moves up, squat keeps the therapist's dose. */
static void test_progress_holds(void **state)
{
	struct coach *c = *state;
	struct coach_session_entry e;
	struct coach_session_logged sl;
	struct coach_pain_logged pl;
	struct progress_change_rec *ch = NULL;
	struct status s;
	struct plan plan;
	const struct prescription *p;
	size_t n = 0;
	int changes, found = 0;

	first_change(c);
	for (int i = 0; i < 2; i++) {
		day_t d = day_from_civil(2026, 12, 1 + 3 * i);

		coach_session_entry_init(&e, KIND_STRENGTH, d);
		e.pain_before = e.pain_after = e.pain_during = 2;
		e.reserve = 4;
		assert_int_equal(coach_session_log(c, &e, &sl), 0);
		assert_int_equal(coach_pain_log(c, d + 1, 2, PAIN_MORNING, -1, &pl), 0);
		assert_int_equal(coach_decide_progress(c, &changes), 0);
	}
	p = planned(c, "deadlift", &plan);
	assert_true(p->load_kg == 12);
	plan_release(&plan);
	p = planned(c, "squat", &plan);
	assert_int_equal(p->sets, 2);
	assert_true(p->load_kg == 6);
	plan_release(&plan);

	assert_int_equal(store_progress_changes_since(&c->store, 0, &ch, &n), 0);
	for (size_t i = 0; i < n; i++)
		if (!strcmp(ch[i].exercise, "squat")) {
			found++;
			assert_string_equal(ch[i].change, "adapt");
			assert_string_equal(ch[i].reason, "Squat: 2 sets, 10–12 reps, 6 kg — set by "
							  "your physical therapist (Ana)");
		}
	free(ch);
	assert_int_equal(found, 1);

	assert_int_equal(coach_status(c, &s), 0);
	for (size_t i = 0; i < s.nexercises; i++)
		if (!strcmp(s.exercises[i].now.ex->id, "squat")) {
			found++;
			assert_int_equal(s.exercises[i].decision.change, PROGRESS_HOLD);
			assert_string_equal(s.exercises[i].decision.reason,
					    "Squat: hold — dose set by your physical therapist (Ana)");
		}
	assert_int_equal(found, 2);
	assert_ptr_equal(s.therapist, &c->therapist);
	status_release(&s);
}

/* Giving a dose back to the program: progress moves it again, from the sessions after that. */
static void test_dose_given_back(void **state)
{
	struct coach *c = *state;
	struct program_change chg;
	struct program_changes pc;
	struct progress_change_rec *ch = NULL;
	struct plan plan;
	const struct prescription *p;
	size_t n = 0;

	first_change(c);
	program_change_init(&chg);
	chg.set_doses = 1;
	program_change_leave_out(&chg, "clamshell", NULL);
	program_change_note(&chg, "");
	chg.level = LEVEL_HEAVY;
	assert_int_equal(coach_program_change(c, &chg, "Ben", "the squat feels fine"), 0);
	program_change_release(&chg);

	p = planned(c, "squat", &plan);
	assert_null(p->dose_set);
	assert_int_equal(p->reps_max, 6);
	assert_true(has_note(&plan, "Squat: back to your program's dose, which your progress moves "
				    "again — given back by your physical therapist (Ben)"));
	/* Clamshell stays out as Ana left it. */
	assert_true(has_note(
	    &plan, "Clamshell left out by your physical therapist (Ana): irritates the outer hip"));
	plan_release(&plan);

	assert_int_equal(coach_program_changes(c, &pc), 0);
	assert_int_equal(pc.level, LEVEL_HEAVY);
	assert_null(pc.current.note);
	assert_int_equal(pc.current.ndoses, 0);
	assert_string_equal(pc.current.left_out[0].who, WHO);
	assert_string_equal(pc.current.left_out[0].at, "2026-12-10T07:30:00Z");
	assert_int_equal(pc.nhistory, 2);
	assert_string_equal(pc.history[0].who, "Ben");
	assert_string_equal(pc.history[0].what, "level heavy (was moderate); Squat back to the "
						"program's dose; the note removed");
	program_changes_release(&pc);

	assert_int_equal(store_progress_changes_since(&c->store, 0, &ch, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(ch[1].change, "adapt");
	free(ch);
}

/* Safety first: a caution still leaves out, swaps and shortens, and a red flag pauses. */
static void test_safety_first(void **state)
{
	struct coach *c = *state;
	struct program_change chg;
	struct program_dose d[3] = {dose("figure-4-stretch", 0, 0, 0, 90, -1),
				    dose("clamshell", 3, 0, 0, 0, -1),
				    dose("knee-hug-stretch", 2, 0, 0, 40, -1)};
	struct plan_input in;
	struct plan plan;
	const struct plan_session *ps;
	int found = 0;

	program_change_init(&chg);
	for (int i = 0; i < 3; i++)
		program_change_dose(&chg, &d[i]);
	assert_int_equal(coach_program_change(c, &chg, WHO, "longer holds"), 0);
	program_change_release(&chg);

	in = *coach_input(c);
	in.conditions = COND_OUTER_HIP;
	plan_build(&plan, &in, day_from_civil(2026, 12, 1), 1);
	ps = plan_find(&plan, day_from_civil(2026, 12, 1), KIND_STRETCH);
	assert_non_null(ps);
	for (size_t i = 0; i < ps->nitems; i++) {
		const struct prescription *p = &ps->items[i];

		assert_string_not_equal(p->ex->id, "figure-4-stretch");
		if (!strcmp(p->ex->id, "knee-hug-stretch")) {
			found++;
			/* Swapped for where it hurts, with the therapist's holds. */
			assert_non_null(p->variant);
			assert_int_equal(p->sets, 2);
			assert_int_equal(p->hold_s, 40);
		}
	}
	ps = plan_find(&plan, day_from_civil(2026, 12, 1), KIND_STRENGTH);
	assert_non_null(ps);
	for (size_t i = 0; i < ps->nitems; i++)
		if (!strcmp(ps->items[i].ex->id, "clamshell")) {
			found++;
			assert_int_equal(ps->items[i].sets, 2); /* shortened: one set fewer */
		}
	assert_int_equal(found, 2);
	plan_release(&plan);

	in.conditions = 0;
	in.pause = safety_pause(1);
	plan_build(&plan, &in, day_from_civil(2026, 12, 1), 7);
	assert_int_equal(plan.nsessions, 0);
	plan_release(&plan);
}

/* A file of schema 4 opens as the latest: the program tables are there, and empty. */
static void test_migrates_version_4(void **state)
{
	const struct embedded_file *schema = embed_find("src/store/schema.sql");
	const char *v5 = strstr((const char *)schema->data, "\n-- @version 5");
	struct strbuf sql = STRBUF_INIT;
	struct program_current cur;
	struct store st;
	sqlite3 *db;

	(void)state;
	if (test_pg())
		skip();
	assert_non_null(v5);
	unlink(DB_V4);
	strbuf_add(&sql, schema->data, (size_t)(v5 - (const char *)schema->data));
	strbuf_addf(&sql,
		    "PRAGMA application_id = %d; PRAGMA user_version = 4; INSERT INTO profile (id, "
		    "level, start_date, created_at, updated_at) VALUES (1, 'beginner', "
		    "'2026-11-30', '2026-11-30T08:00:00Z', '2026-11-30T08:00:00Z');",
		    STORE_APPLICATION_ID);
	assert_int_equal(sqlite3_open(DB_V4, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, sql.buf, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);

	assert_int_equal(store_open(&st, DB_V4, 0), 0);
	assert_int_equal(store_program_load(&st, &cur), 0);
	assert_true(program_current_empty(&cur));
	assert_int_equal(store_program_set_note(&st, "hello", WHO, "2026-12-10T07:30:00Z"), 0);
	program_current_release(&cur);
	assert_int_equal(store_program_load(&st, &cur), 0);
	assert_string_equal(cur.note, "hello");
	program_current_release(&cur);
	store_close(&st);

	assert_int_equal(sqlite3_open(DB_V4, &db), SQLITE_OK);
	{
		sqlite3_stmt *stmt;

		assert_int_equal(
		    sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &stmt, NULL), SQLITE_OK);
		assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
		assert_int_equal(sqlite3_column_int(stmt, 0), STORE_SCHEMA_VERSION);
		sqlite3_finalize(stmt);
	}
	sqlite3_close(db);
	strbuf_release(&sql);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_plan_follows, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_refusals, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_progress_holds, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_dose_given_back, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_safety_first, setup, teardown),
	    cmocka_unit_test(test_migrates_version_4),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
