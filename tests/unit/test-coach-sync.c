/* Tests of a runner's file synced with a clinic (src/coach/sync.c), both sides on SQLite files:
 * the document holds the runner's record, the clinic stores each row once however often it is
 * sent, references follow the clinic's ids, a finished session is updated, a wrong document
 * writes nothing, and the file takes the therapist's program and a clearance once. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "coach/coach.h"
#include "coach/program-change.h"
#include "coach/record.h"
#include "coach/screening.h"
#include "coach/setup.h"
#include "coach/sync.h"
#include "core/plan.h"
#include "core/safety.h"
#include "lib/datetime.h"
#include "lib/error.h"
#include "lib/strbuf.h"

#define HOME_DB	  "build/testdata/test-coach-sync-home.db"
#define CLINIC_DB "build/testdata/test-coach-sync-clinic.db"
#define DEVICE	  7

struct fixture {
	struct coach home, clinic;
};

/* A coach on a new file `path`, set up as `level` with `equipment` from `start`. */
static void open_new(struct coach *c, const char *path, const char *level, const char *equipment,
		     const char *start)
{
	struct setup_values v = {.level = level,
				 .equipment = equipment,
				 .run_days = "tue,thu,sun",
				 .long_run = "sun",
				 .strength_days = "mon,fri",
				 .start = start};
	struct strbuf err = STRBUF_INIT, name = STRBUF_INIT;
	struct profile p;

	assert_int_equal(system("mkdir -p build/testdata"), 0);
	for (const char *ext = ""; ext; ext = !*ext ? "-wal" : !strcmp(ext, "-wal") ? "-shm" : NULL) {
		strbuf_reset(&name);
		strbuf_addf(&name, "%s%s", path, ext);
		unlink(name.buf);
	}
	memset(c, 0, sizeof(*c));
	c->db_path = path;
	profile_init(&p);
	setup_profile_new(&p);
	if (setup_apply(&p, &v, &err) || coach_setup_save(c, &p))
		fail_msg("%s%s", err.buf, error_last());
	profile_release(&p);
	strbuf_release(&err);
	strbuf_release(&name);
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct coach_session_entry e;
	struct coach_session_logged sl;
	struct coach_pain_logged pl;
	struct coach_run_logged rl;
	size_t n;
	int *answers;

	/* The clock is read once per process: every test runs on 10 December. */
	setenv("HIPCOACH_NOW", "2026-12-10T07:30:00", 1);
	open_new(&f->home, HOME_DB, "beginner", "mat,band,step", "2026-11-02");
	open_new(&f->clinic, CLINIC_DB, "beginner", "mat,band", "2026-12-09");
	/* A few weeks at home: a session, two pain scores, a run, a round of the safety questions. */
	coach_session_entry_init(&e, KIND_STRENGTH, day_from_civil(2026, 12, 7));
	e.pain_before = 2;
	e.pain_after = 2;
	assert_int_equal(coach_session_log(&f->home, &e, &sl), 0);
	assert_int_equal(coach_pain_log(&f->home, day_from_civil(2026, 12, 8), 3, PAIN_NOW, -1, &pl), 0);
	assert_int_equal(
	    coach_pain_log(&f->home, day_from_civil(2026, 12, 9), 2, PAIN_MORNING, -1, &pl), 0);
	assert_int_equal(
	    coach_run_log(&f->home, day_from_civil(2026, 12, 6), 8000, 2700, NULL, &rl), 0);
	safety_questions(&n);
	answers = calloc(n, sizeof(*answers));
	assert_int_equal(coach_screening_record(&f->home, answers, NULL), 0);
	free(answers);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	coach_release(&f->home);
	coach_release(&f->clinic);
	free(f);
	return 0;
}

/* The count of `table` in a report. */
static const struct sync_count *counted(const struct sync_report *rep, const char *table)
{
	for (size_t i = 0; i < rep->ntables; i++)
		if (!strcmp(rep->tables[i].table, table))
			return &rep->tables[i];
	fail_msg("no table %s in the report", table);
	return NULL;
}

/* The home file's document, received by the clinic: 0 or -1 (with *bad). */
static int send_home(struct fixture *f, struct sync_report *rep, int *bad)
{
	json_t *doc;
	int r;

	assert_int_equal(coach_sync_document(&f->home, &doc), 0);
	r = coach_sync_receive(&f->clinic, DEVICE, doc, rep, bad);
	json_decref(doc);
	return r;
}

static void test_each_row_once(void **state)
{
	struct fixture *f = *state;
	struct sync_report rep;
	size_t steps;
	int bad = 0;

	assert_int_equal(send_home(f, &rep, &bad), 0);
	assert_int_equal(counted(&rep, "sessions")->added, 1);
	steps = counted(&rep, "results")->added;
	assert_true(steps > 0);
	assert_int_equal(counted(&rep, "pain")->added, 2);
	assert_int_equal(counted(&rep, "runs")->added, 1);
	assert_true(counted(&rep, "screening")->added > 0);
	/* Again: nothing new; the session's moving columns are written again, nothing added. */
	assert_int_equal(send_home(f, &rep, &bad), 0);
	assert_int_equal(counted(&rep, "sessions")->added, 0);
	assert_int_equal(counted(&rep, "sessions")->updated, 1);
	assert_int_equal(counted(&rep, "results")->added, 0);
	assert_int_equal(counted(&rep, "results")->known, steps);
	assert_int_equal(counted(&rep, "pain")->known, 2);
	/* The clinic's record takes the runner's start; the equipment stays the therapist's. */
	assert_int_equal(coach_profile(&f->clinic), 0);
	assert_int_equal(f->clinic.profile.start_date, day_from_civil(2026, 11, 2));
	assert_false(f->clinic.profile.equipment & EQ_STEP);
}

static void test_wrong_documents_write_nothing(void **state)
{
	static const char *const docs[] = {
	    "{\"format\": \"other\", \"version\": 1, \"tables\": {}}",
	    "{\"format\": \"hipcoach-sync\", \"version\": 2, \"tables\": {}}",
	    "{\"format\": \"hipcoach-sync\", \"version\": 1, \"tables\": {\"profile\": []}}",
	    "{\"format\": \"hipcoach-sync\", \"version\": 1, \"tables\": {\"pain\": [{\"date\": "
	    "\"2026-12-01\"}]}}",
	    "{\"format\": \"hipcoach-sync\", \"version\": 1, \"tables\": {\"results\": [{\"id\": 1, "
	    "\"session_id\": 99, \"step\": 0, \"exercise\": \"squat\", \"status\": \"done\", "
	    "\"at\": \"2026-12-01T08:00:00Z\"}]}}",
	    /* The second row is refused by the database: the first is not kept either. */
	    "{\"format\": \"hipcoach-sync\", \"version\": 1, \"tables\": {\"pain\": [{\"id\": 50, "
	    "\"date\": \"2026-12-01\", \"at\": \"2026-12-01T08:00:00Z\", \"score\": 1, \"context\": "
	    "\"now\"}, {\"id\": 51, \"date\": \"2026-12-01\", \"at\": \"2026-12-01T08:00:00Z\", "
	    "\"score\": 11, \"context\": \"now\"}]}}",
	    "{\"format\": \"hipcoach-sync\", \"version\": 1, \"profile\": {\"run_days\": 500}, "
	    "\"tables\": {}}",
	};
	struct fixture *f = *state;
	struct sync_report rep;
	json_t *doc, *before, *after;
	int bad;

	assert_int_equal(coach_sync_answer(&f->clinic, DEVICE, &before), 0);
	for (size_t i = 0; i < sizeof(docs) / sizeof(docs[0]); i++) {
		doc = json_loads(docs[i], 0, NULL);
		assert_non_null(doc);
		bad = 0;
		assert_int_equal(coach_sync_receive(&f->clinic, DEVICE, doc, &rep, &bad), -1);
		assert_int_equal(bad, 1);
		json_decref(doc);
	}
	assert_int_equal(coach_sync_answer(&f->clinic, DEVICE, &after), 0);
	assert_true(json_equal(before, after));
	json_decref(before);
	json_decref(after);
	/* Nothing of the refused pain row 50 was kept: sent properly, it is new. */
	doc = json_loads("{\"format\": \"hipcoach-sync\", \"version\": 1, \"tables\": {\"pain\": "
			 "[{\"id\": 50, \"date\": \"2026-12-01\", \"at\": \"2026-12-01T08:00:00Z\", "
			 "\"score\": 1, \"context\": \"now\"}]}}",
			 0, NULL);
	assert_int_equal(coach_sync_receive(&f->clinic, DEVICE, doc, &rep, &bad), 0);
	assert_int_equal(counted(&rep, "pain")->added, 1);
	json_decref(doc);
}

static void test_program_and_clearance_taken_once(void **state)
{
	struct fixture *f = *state;
	struct program_change chg;
	struct program_changes pc;
	struct sync_taken taken;
	json_t *answer, *doc;
	int had_yes;

	/* The therapist's change and clearance, on the clinic's record. */
	program_change_init(&chg);
	chg.level = LEVEL_MODERATE;
	program_change_leave_out(&chg, "clamshell", "irritates the outer hip");
	program_change_note(&chg, "Easy runs this week.");
	assert_int_equal(coach_program_change(&f->clinic, &chg, "Ana", "first visit"), 0);
	program_change_release(&chg);
	assert_int_equal(coach_screening_clear(&f->clinic, "Ana: seen", &had_yes), 0);

	assert_int_equal(coach_sync_answer(&f->clinic, DEVICE, &answer), 0);
	assert_int_equal(coach_sync_take(&f->home, answer, &taken), 0);
	assert_int_equal(taken.changes, 1);
	assert_int_equal(taken.clearances, 1);
	assert_true(taken.level_changed && taken.equipment_changed);
	assert_int_equal(coach_program_changes(&f->home, &pc), 0);
	assert_int_equal(pc.level, LEVEL_MODERATE);
	assert_int_equal(pc.current.nleft_out, 1);
	assert_string_equal(pc.current.left_out[0].exercise, "clamshell");
	assert_string_equal(pc.current.left_out[0].who, "Ana");
	assert_string_equal(pc.current.note, "Easy runs this week.");
	assert_int_equal(pc.nhistory, 1);
	program_changes_release(&pc);
	/* Taken again: nothing new, the same program. */
	assert_int_equal(coach_sync_take(&f->home, answer, &taken), 0);
	assert_int_equal(taken.changes, 0);
	assert_int_equal(taken.clearances, 0);
	assert_false(taken.level_changed || taken.equipment_changed);
	json_decref(answer);
	/* The clearance the file took is not sent back. */
	assert_int_equal(coach_sync_document(&f->home, &doc), 0);
	assert_int_equal(json_array_size(json_object_get(json_object_get(doc, "tables"), "clearance")),
			 0);
	json_decref(doc);
}

static void test_bad_answer_changes_nothing(void **state)
{
	struct fixture *f = *state;
	struct sync_taken taken;
	json_t *answer;
	struct store_link l;

	answer = json_loads("{\"profile\": {\"level\": \"heavy\", \"equipment\": 1, \"weights_kg\": "
			    "[]}, \"program\": {\"program_changes\": [{\"colour\": 1}]}, "
			    "\"clearance\": []}",
			    0, NULL);
	assert_int_equal(coach_sync_take(&f->home, answer, &taken), -1);
	json_decref(answer);
	assert_int_equal(coach_profile(&f->home), 0);
	assert_int_equal(f->home.profile.level, LEVEL_BEGINNER);
	assert_int_equal(coach_link_get(&f->home, &l), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_each_row_once, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_wrong_documents_write_nothing, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_program_and_clearance_taken_once, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_bad_answer_changes_nothing, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
