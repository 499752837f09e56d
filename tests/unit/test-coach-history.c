/* Tests of the coach's reads for history, runs and the progress weeks on a temporary database: the
 * default range, what each returns, and the weeks agreeing with status. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "coach/history.h"
#include "coach/runs.h"
#include "coach/status.h"
#include "lib/datetime.h"
#include "lib/error.h"
#include "store/pain.h"
#include "store/profile.h"
#include "store/runs.h"
#include "store/session.h"

#define DB	  "build/testdata/test-coach-history.db"
#define DB_EMPTY  "build/testdata/test-coach-history-empty.db"
#define DB_ABSENT "build/testdata/test-coach-history-absent.db"

static day_t day(const char *s)
{
	day_t d;

	assert_int_equal(day_parse(s, &d), 0);
	return d;
}

static void remove_db(const char *path)
{
	char side[256];

	unlink(path);
	snprintf(side, sizeof(side), "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof(side), "%s-shm", path);
	unlink(side);
}

/* A beginner who started on Monday 2 November, strength on Tuesday and Friday; "today" is Tuesday
 * 8 December. */
static int setup(void **state)
{
	struct coach *c = calloc(1, sizeof(*c));
	struct profile p;

	setenv("HIPCOACH_NOW", "2026-12-08T07:30:00", 1);
	setenv("TZ", "UTC", 1);
	if (system("mkdir -p build/testdata"))
		return -1;
	remove_db(DB);
	c->db_path = DB;
	if (coach_store(c, 0))
		return -1;
	profile_init(&p);
	p.level = LEVEL_BEGINNER;
	p.equipment = EQ_MAT | EQ_BAND | EQ_STEP;
	p.strength_days = (1u << 1) | (1u << 4);
	p.run_days = (1u << 0) | (1u << 2) | (1u << 5);
	p.long_run_day = 5;
	p.start_date = day("2026-11-02");
	if (store_profile_save(&c->store, &p))
		return -1;
	profile_release(&p);
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

static struct result_rec result(int step, const char *exercise, enum side side, int reps)
{
	struct result_rec r;

	result_rec_init(&r);
	r.step = step;
	snprintf(r.exercise, sizeof(r.exercise), "%s", exercise);
	r.side = side;
	r.status = STATUS_DONE;
	r.reps = reps;
	return r;
}

static int64_t add_session(struct coach *c, const char *date, enum exercise_kind kind,
			   int pain_before, const struct result_rec *r, size_t n)
{
	int64_t id;

	assert_int_equal(store_session_log(&c->store, day(date), kind, pain_before, -1, r, n, &id),
			 0);
	return id;
}

static void add_run_at(struct store *st, const char *date, int hour, const char *sport, double km)
{
	struct runs_writer *w;
	struct activity a;

	activity_init(&a);
	snprintf(a.sport, sizeof(a.sport), "%s", sport);
	a.start = day_start_time(day(date)) + hour * 3600;
	a.distance_m = km * 1000;
	a.moving_s = a.elapsed_s = km * 360;
	assert_non_null(w = runs_writer_new(st));
	assert_int_equal(store_begin(st), 0);
	assert_int_equal(runs_add(w, &a, RUNS_SOURCE_MANUAL), 0);
	assert_int_equal(store_commit(st), 0);
	runs_writer_free(w);
}

static void add_run(struct store *st, const char *date, const char *sport, double km)
{
	add_run_at(st, date, 8, sport, km);
}

/* Without dates: from the first session through today, oldest first, each exercise's sets
 * together; a session after today waits. */
static void test_history_default_range(void **state)
{
	struct coach *c = *state;
	struct result_rec r[] = {
	    result(0, "clamshell", SIDE_LEFT, 15),
	    result(1, "clamshell", SIDE_RIGHT, 14),
	    result(2, "squat", SIDE_NONE, 12),
	};
	struct history h;
	int64_t first;

	first = add_session(c, "2026-11-03", KIND_STRENGTH, 3, r, 3);
	add_session(c, "2026-11-04", KIND_STRETCH, -1, NULL, 0);
	add_session(c, "2026-12-09", KIND_STRETCH, -1, NULL, 0);

	assert_int_equal(coach_history(c, 0, 0, &h), 0);
	assert_int_equal(h.from, day("2026-11-03"));
	assert_int_equal(h.to, day("2026-12-08"));
	assert_int_equal(h.n, 2);
	assert_int_equal(h.sessions[0].rec.id, first);
	assert_int_equal(h.sessions[0].rec.kind, KIND_STRENGTH);
	assert_int_equal(h.sessions[0].rec.pain_before, 3);
	assert_int_equal(h.sessions[0].nresults, 3);
	assert_int_equal(h.sessions[0].nitems, 2);
	assert_string_equal(h.sessions[0].items[0].exercise, "clamshell");
	assert_string_equal(h.sessions[0].items[0].variant, "");
	assert_int_equal(h.sessions[0].items[0].nsets, 2);
	assert_int_equal(h.sessions[0].items[0].sets[1].side, SIDE_RIGHT);
	assert_int_equal(h.sessions[0].items[0].sets[1].reps, 14);
	assert_string_equal(h.sessions[0].items[1].exercise, "squat");
	assert_int_equal(h.sessions[0].items[1].nsets, 1);
	assert_int_equal(h.sessions[1].rec.date, day("2026-11-04"));
	assert_int_equal(h.sessions[1].nitems, 0);
	history_release(&h);
	assert_int_equal(h.n, 0);
	assert_null(h.sessions);
}

/* Given dates bound the range on both sides and come back as given. */
static void test_history_range(void **state)
{
	struct coach *c = *state;
	struct history h;

	add_session(c, "2026-11-03", KIND_STRETCH, -1, NULL, 0);
	add_session(c, "2026-11-04", KIND_STRETCH, -1, NULL, 0);
	add_session(c, "2026-12-09", KIND_STRETCH, -1, NULL, 0);

	assert_int_equal(coach_history(c, day("2026-11-04"), day("2026-12-09"), &h), 0);
	assert_int_equal(h.from, day("2026-11-04"));
	assert_int_equal(h.to, day("2026-12-09"));
	assert_int_equal(h.n, 2);
	assert_int_equal(h.sessions[0].rec.date, day("2026-11-04"));
	assert_int_equal(h.sessions[1].rec.date, day("2026-12-09"));
	history_release(&h);

	assert_int_equal(coach_history(c, day("2026-11-05"), day("2026-12-08"), &h), 0);
	assert_int_equal(h.n, 0);
	assert_int_equal(h.from, day("2026-11-05"));
	history_release(&h);
}

/* No session yet: an empty history that ends today. */
static void test_history_empty(void **state)
{
	struct coach *c = *state;
	struct history h;

	assert_int_equal(coach_history(c, 0, 0, &h), 0);
	assert_int_equal(h.n, 0);
	assert_int_equal(h.to, day("2026-12-08"));
	assert_int_equal(h.from, h.to);
	history_release(&h);
}

/* Before setup there is no history to read: the error says to run setup. */
static void test_history_needs_profile(void **state)
{
	struct coach empty = {.db_path = DB_EMPTY};
	struct history h;

	(void)state;
	remove_db(DB_EMPTY);
	assert_int_equal(coach_history(&empty, 0, 0, &h), -1);
	assert_non_null(strstr(error_last(), "setup"));
	assert_int_equal(h.n, 0);
	history_release(&h);
	coach_release(&empty);
	remove_db(DB_EMPTY);
}

/* Runs from a day on, oldest first; other sports only when asked for. */
static void test_runs_since(void **state)
{
	struct coach *c = *state;
	struct run_list l;

	add_run(&c->store, "2026-12-06", "cycling", 20);
	add_run(&c->store, "2026-11-09", "running", 10);
	add_run(&c->store, "2026-12-05", "trail_running", 12.5);

	assert_int_equal(coach_runs(c, 0, 0, &l), 0);
	assert_int_equal(l.n, 2);
	assert_int_equal(day_of_time(l.runs[0].act.start), day("2026-11-09"));
	assert_string_equal(l.runs[1].act.sport, "trail_running");
	run_list_release(&l);

	assert_int_equal(coach_runs(c, day("2026-12-01"), 0, &l), 0);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.since, day("2026-12-01"));
	assert_true(l.runs[0].act.distance_m == 12500);
	run_list_release(&l);

	assert_int_equal(coach_runs(c, day("2026-12-01"), RUN_LIST_ALL, &l), 0);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.runs[1].act.sport, "cycling");
	run_list_release(&l);

	/* A run starts on its day: since that day includes it, since the next one does not. */
	assert_int_equal(coach_runs(c, day("2026-12-06"), 0, &l), 0);
	assert_int_equal(l.n, 0);
	run_list_release(&l);
	assert_int_equal(coach_runs(c, day("2026-12-06"), RUN_LIST_ALL, &l), 0);
	assert_int_equal(l.n, 1);
	run_list_release(&l);
	assert_int_equal(coach_runs(c, day("2026-12-07"), RUN_LIST_ALL, &l), 0);
	assert_int_equal(l.n, 0);
	assert_null(l.runs);
	run_list_release(&l);
}

/* The weeks of the progress charts are status's weeks, with the distance run in each. */
static void test_status_weeks(void **state)
{
	struct coach *c = *state;
	struct status_weeks w;
	struct status s;

	assert_int_equal(coach_status_weeks(c, &w), 0);
	assert_int_equal(w.n, 6);
	assert_false(w.have_runs);
	assert_true(w.weeks[0].distance_m == 0);
	status_weeks_release(&w);

	add_session(c, "2026-11-03", KIND_STRENGTH, -1, NULL, 0);
	add_session(c, "2026-12-07", KIND_STRETCH, -1, NULL, 0);
	assert_int_equal(store_pain_add(&c->store, day("2026-11-10"), 5, PAIN_MORNING, -1, 0, NULL),
			 0);
	add_run(&c->store, "2026-10-20", "running", 8); /* before the program's first week */
	add_run(&c->store, "2026-11-09", "running", 10);
	add_run(&c->store, "2026-11-15", "running", 4); /* Sunday: still the week of 9 November */
	add_run_at(&c->store, "2026-11-16", 0, "running", 3); /* midnight: the next week */
	add_run(&c->store, "2026-12-05", "running", 12.5);
	add_run(&c->store, "2026-12-06", "cycling", 20); /* not a run */

	assert_int_equal(coach_status_weeks(c, &w), 0);
	assert_int_equal(coach_status(c, &s), 0);
	assert_int_equal(w.n, 6);
	assert_int_equal(w.n, s.nweeks);
	for (size_t i = 0; i < w.n; i++) {
		assert_int_equal(w.weeks[i].pain.monday, s.weeks[i].monday);
		assert_int_equal(w.weeks[i].pain.planned, s.weeks[i].planned);
		assert_int_equal(w.weeks[i].pain.done, s.weeks[i].done);
		assert_int_equal(w.weeks[i].pain.count, s.weeks[i].count);
		assert_true(w.weeks[i].pain.mean == s.weeks[i].mean);
	}
	assert_int_equal(w.weeks[0].pain.monday, day("2026-11-02"));
	assert_int_equal(w.weeks[5].pain.monday, day("2026-12-07"));
	assert_int_equal(w.weeks[0].pain.done, 1);
	assert_int_equal(w.weeks[5].pain.done, 1);
	assert_int_equal(w.weeks[1].pain.max, 5);
	assert_true(w.weeks[0].distance_m == 0);
	assert_true(w.weeks[1].distance_m == 14000);
	assert_true(w.weeks[2].distance_m == 3000);
	assert_true(w.weeks[4].distance_m == 12500);
	assert_true(w.weeks[5].distance_m == 0);
	assert_true(w.have_runs);
	status_release(&s);
	status_weeks_release(&w);
	assert_int_equal(w.n, 0);
}

/* The read-only probe answers without creating a database, and sees a profile where there is one.
 */
static void test_has_profile_readonly(void **state)
{
	struct coach *c = *state;
	struct coach absent = {.db_path = DB_ABSENT}, empty = {.db_path = DB_EMPTY};
	struct coach other = {.db_path = DB};

	remove_db(DB_ABSENT);
	assert_int_equal(coach_has_profile_readonly(&absent), 0);
	assert_int_equal(access(DB_ABSENT, F_OK), -1);
	assert_false(absent.store_open);

	remove_db(DB_EMPTY);
	assert_int_equal(coach_store(&empty, 0), 0);
	coach_release(&empty);
	assert_int_equal(coach_has_profile_readonly(&empty), 0);
	assert_false(empty.store_open);
	remove_db(DB_EMPTY);

	assert_int_equal(coach_has_profile_readonly(c), 1);
	assert_int_equal(coach_has_profile_readonly(&other), 1);
	assert_false(other.store_open);
	coach_release(&other);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_history_default_range, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_history_range, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_history_empty, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_history_needs_profile, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_runs_since, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_status_weeks, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_has_profile_readonly, setup, teardown),
	};

	error_quiet(1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
