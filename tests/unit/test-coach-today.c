/* Tests of the coach's today and status on a temporary database: one answer per question, reads
 * that never write, and decisions taken when something is recorded. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "coach/load.h"
#include "coach/status.h"
#include "coach/today.h"
#include "lib/datetime.h"
#include "lib/error.h"
#include "store/history.h"
#include "store/pain.h"
#include "store/profile.h"
#include "store/runs.h"
#include "store/screening.h"
#include "store/session.h"

#define DB "build/testdata/test-coach-today.db"

static day_t day(const char *s)
{
	day_t d;

	assert_int_equal(day_parse(s, &d), 0);
	return d;
}

/* A beginner who started on Monday 2 November, strength on Tuesday and Friday, long run on
 * Saturday; "today" is Tuesday 8 December. */
static int setup(void **state)
{
	struct coach *c = calloc(1, sizeof(*c));
	struct profile p;

	setenv("HIPCOACH_NOW", "2026-12-08T07:30:00", 1);
	setenv("TZ", "UTC", 1);
	if (system("mkdir -p build/testdata"))
		return -1;
	unlink(DB);
	unlink(DB "-wal");
	unlink(DB "-shm");
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

static void add_session(struct coach *c, const char *date, enum exercise_kind kind)
{
	int64_t id;

	assert_int_equal(store_session_log(&c->store, day(date), kind, -1, -1, NULL, 0, &id), 0);
}

static void add_run(struct store *st, const char *date, double km)
{
	struct runs_writer *w;
	struct activity a;

	activity_init(&a);
	snprintf(a.sport, sizeof(a.sport), "running");
	a.start = day_start_time(day(date)) + 8 * 3600;
	a.distance_m = km * 1000;
	a.moving_s = a.elapsed_s = km * 360;
	assert_non_null(w = runs_writer_new(st));
	assert_int_equal(store_begin(st), 0);
	assert_int_equal(runs_add(w, &a, RUNS_SOURCE_MANUAL), 0);
	assert_int_equal(store_commit(st), 0);
	runs_writer_free(w);
}

static int64_t count_changes(struct coach *c)
{
	struct progress_change_rec *ch = NULL;
	size_t n = 0;

	assert_int_equal(store_progress_changes_since(&c->store, 0, &ch, &n), 0);
	free(ch);
	return (int64_t)n;
}

/* The counts of today are the counts of status: this week, planned from the start, done capped. */
static void test_today_counts_agree_with_status(void **state)
{
	struct coach *c = *state;
	struct today t;
	struct status s;

	add_session(c, "2026-12-07", KIND_STRETCH);
	add_session(c, "2026-12-08", KIND_STRETCH);
	add_session(c, "2026-12-08", KIND_STRETCH); /* an extra one does not count twice */
	assert_int_equal(coach_today(c, &t), 0);
	assert_int_equal(coach_status(c, &s), 0);
	assert_int_equal(t.week_done, s.weeks[s.nweeks - 1].done);
	assert_int_equal(t.week_planned, s.weeks[s.nweeks - 1].planned);
	assert_int_equal(t.week_done, 2);
	assert_int_equal(t.week_planned, 9); /* 7 stretch days and 2 strength days */
	assert_int_equal(t.week, 6);
	assert_int_equal(t.streak, 2);
	assert_true(t.sessions[KIND_STRENGTH].planned);
	assert_false(t.sessions[KIND_STRENGTH].done);
	assert_true(t.sessions[KIND_STRETCH].done);
	assert_int_equal(t.next_strength, day("2026-12-11"));
	assert_int_equal(t.next_long_run, day("2026-12-12"));
	assert_int_equal(t.screening_needed, 1);
	assert_int_equal(s.advice.n, t.status.advice.n);
	status_release(&s);
	today_release(&t);
}

/* The pain trend runs from the baseline week the escalation rules use, with their meaningful
 * change; a week needs scores on 2 days (SAFETY.md section 2). */
static void test_today_pain_trend(void **state)
{
	struct coach *c = *state;
	struct today t;

	assert_int_equal(store_pain_add(&c->store, day("2026-11-03"), 6, PAIN_MORNING, -1, 0, NULL),
			 0);
	assert_int_equal(store_pain_add(&c->store, day("2026-11-05"), 6, PAIN_MORNING, -1, 0, NULL),
			 0);
	assert_int_equal(store_pain_add(&c->store, day("2026-12-07"), 3, PAIN_MORNING, -1, 0, NULL),
			 0);
	/* One day in the latest week: not a weekly pain yet, the first week is all there is. */
	assert_int_equal(coach_today(c, &t), 0);
	assert_int_equal(t.pain_to_week, 1);
	assert_true(t.spark[TODAY_PAIN_WEEKS - 1] < 0);
	today_release(&t);
	assert_int_equal(store_pain_add(&c->store, day("2026-12-08"), 3, PAIN_MORNING, -1, 0, NULL),
			 0);
	assert_int_equal(coach_today(c, &t), 0);
	assert_true(t.have_pain);
	assert_int_equal(t.pain_from_week, 1);
	assert_int_equal(t.pain_to_week, 6);
	assert_true(fabs(t.pain_from - 6) < 1e-9);
	assert_true(fabs(t.pain_to - 3) < 1e-9);
	assert_int_equal(t.trend, TREND_BETTER);
	assert_int_equal(t.nspark, TODAY_PAIN_WEEKS);
	assert_true(t.spark[TODAY_PAIN_WEEKS - 2] < 0); /* a week without a score is a gap */
	today_release(&t);
}

/* The long run's cap comes from core, and a spike does not raise it. */
static void test_today_long_run_cap(void **state)
{
	struct coach *c = *state;
	struct today t;

	add_run(&c->store, "2026-11-20", 10);
	add_run(&c->store, "2026-11-28", 10);
	add_run(&c->store, "2026-12-05", 16); /* 60% past the longest before it */
	assert_int_equal(coach_today(c, &t), 0);
	assert_true(t.have_running);
	assert_true(fabs(t.long_run_cap_m - 11000) < 1e-6);
	assert_true(fabs(t.long_run_cap_m - t.status.load.long_run_cap_m) < 1e-9);
	today_release(&t);
}

/*
 * The running load measures "scaled back" from the program's start, or from
 * the first pain log when that came later (SAFETY.md section 5), and the
 * status hands the same answer to the escalation rules.
 */
static void test_load_baseline(void **state)
{
	struct coach *c = *state;
	struct load_report r;
	struct status s;
	day_t first;

	/* 10 km every other day from 5 October, 3 km every other day from the start. */
	for (day_t d = day("2026-10-05"); d <= day("2026-12-08"); d += 2) {
		char buf[11];

		add_run(&c->store, day_format(d, buf), d < day("2026-11-02") ? 10 : 3);
	}
	assert_int_equal(store_pain_first_day(&c->store, &first), 0);
	assert_int_equal(coach_load_report(c, &r), 0);
	assert_int_equal(r.baseline, LOAD_BASELINE_KNOWN);
	assert_int_equal(r.anchor, LOAD_ANCHOR_START);
	assert_int_equal(r.baseline_from, day("2026-10-05"));
	assert_int_equal(r.baseline_to, day("2026-11-01"));
	assert_true(fabs(r.baseline_week_m - 35000) < 1e-6);
	assert_int_equal(r.scaled_back, TRI_YES);

	/* A first pain log a week into the program: the baseline ends before it. */
	assert_int_equal(store_pain_add(&c->store, day("2026-11-09"), 4, PAIN_MORNING, -1, 0, NULL),
			 0);
	assert_int_equal(store_pain_add(&c->store, day("2026-11-12"), 4, PAIN_MORNING, -1, 0, NULL),
			 0);
	assert_int_equal(store_pain_first_day(&c->store, &first), 1);
	assert_int_equal(first, day("2026-11-09"));
	assert_int_equal(coach_load_report(c, &r), 0);
	assert_int_equal(r.anchor, LOAD_ANCHOR_FIRST_PAIN);
	assert_int_equal(r.baseline_to, day("2026-11-08"));
	assert_int_equal(coach_status(c, &s), 0);
	assert_int_equal(s.scaled_back, r.scaled_back);
	assert_int_equal(s.load.baseline_to, r.baseline_to);
	status_release(&s);
}

/* Reading decides nothing; recording does, once. */
static void test_reads_never_write(void **state)
{
	struct coach *c = *state;
	struct today t;
	struct status s;
	int changes = -1;

	/* Two strength sessions whose pain did not settle by the next morning. */
	for (int i = 0; i < 2; i++) {
		const char *d = i ? "2026-12-04" : "2026-12-01";
		int64_t id;

		struct result_rec r[2];

		for (int k = 0; k < 2; k++) {
			result_rec_init(&r[k]);
			r[k].step = k;
			snprintf(r[k].exercise, sizeof(r[k].exercise), "squat");
			r[k].set_no = k + 1;
			r[k].status = STATUS_DONE;
			r[k].reps = 13;
		}
		assert_int_equal(
		    store_session_log(&c->store, day(d), KIND_STRENGTH, 2, 3, r, 2, &id), 0);
		assert_int_equal(
		    store_pain_add(&c->store, day(d) + 1, 6, PAIN_MORNING, -1, 0, NULL), 0);
	}
	assert_int_equal(coach_status(c, &s), 0);
	status_release(&s);
	assert_int_equal(coach_today(c, &t), 0);
	today_release(&t);
	assert_int_equal(count_changes(c), 0);
	assert_int_equal(coach_decide_progress(c, &changes), 0);
	assert_true(changes > 0);
	assert_int_equal(count_changes(c), changes);
	assert_int_equal(coach_decide_progress(c, &changes), 0);
	assert_int_equal(changes, 0);
}

/*
 * The weekly pain is read once for a command's decisions, and never served
 * stale: a check-in written by the coach's own connection, or by another
 * (the terminal while the web app runs), is in the next answer.
 */
static void test_pain_weeks_fresh(void **state)
{
	struct coach *c = *state;
	day_t monday = day("2026-12-07"), first = day("2026-11-02");
	struct pain_week w[6], again[6], one;
	struct store other;

	assert_int_equal(coach_pain_weeks(c, first, w, 6), 0);
	assert_int_equal(w[5].count, 0);
	assert_int_equal(coach_pain_weeks(c, first + 7, again, 5), 0);
	assert_memory_equal(&w[1], again, 5 * sizeof(*again));

	assert_int_equal(store_pain_add(&c->store, monday, 4, PAIN_MORNING, -1, 0, NULL), 0);
	assert_int_equal(coach_pain_weeks(c, monday, &one, 1), 0);
	assert_int_equal(one.count, 1);
	assert_int_equal(one.max, 4);

	assert_int_equal(store_open(&other, DB, STORE_CREATE), 0);
	assert_int_equal(store_pain_add(&other, monday + 1, 6, PAIN_MORNING, -1, 0, NULL), 0);
	store_close(&other);
	assert_int_equal(coach_pain_weeks(c, first, w, 6), 0);
	assert_int_equal(w[5].count, 2);
	assert_int_equal(w[5].max, 6);
	assert_true(w[5].value == 5); /* two mornings: the week is their median */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_today_counts_agree_with_status, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_today_pain_trend, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_today_long_run_cap, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_load_baseline, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_reads_never_write, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_pain_weeks_fresh, setup, teardown),
	};

	error_quiet(1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
