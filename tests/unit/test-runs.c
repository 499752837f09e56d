/* Tests of the runs table and the duplicate rule it asks (activity_same): content keys, duplicate
 * detection across formats, logged runs, reading back; on PostgreSQL too with $HIPCOACH_TEST_PG. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/datetime.h"
#include "lib/error.h"
#include "store-db.h"
#include "store/runs.h"

#define DB "build/testdata/test-runs.db"

static void test_hash(void **state)
{
	unsigned char big[773];
	char key[RUNS_KEY_SIZE];

	(void)state;
	/* Reference values of XXH64 with seed 0 (libxxhash 0.8). */
	assert_true(runs_hash64("", 0) == 0xef46db3751d8e999ULL);
	assert_true(runs_hash64("a", 1) == 0xd24ec4f1a98c6e5bULL);
	assert_true(runs_hash64("abc", 3) == 0x44bc2cf5ad770999ULL);
	assert_true(runs_hash64("Nobody inspects the spammish repetition", 39) ==
		    0xfbcea83c8a378bf1ULL);
	for (int i = 0; i < 768; i++)
		big[i] = (unsigned char)i;
	memcpy(big + 768, "xyz12", 5);
	assert_true(runs_hash64(big, sizeof(big)) == 0x9b7d50c047818b1bULL);
	runs_file_key("abc", 3, key);
	assert_string_equal(key, "3:44bc2cf5ad770999");
}

struct fixture {
	struct store st;
	struct runs_writer *w;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	if (test_store_open(&f->st, DB, NULL, NULL))
		return -1;
	if (!(f->w = runs_writer_new(&f->st))) {
		fprintf(stderr, "%s\n", error_last());
		return -1;
	}
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	runs_writer_free(f->w);
	store_close(&f->st);
	free(f);
	return 0;
}

static struct activity act(time_t start, const char *sport, double dist, double elapsed)
{
	struct activity a;

	activity_init(&a);
	a.start = start;
	snprintf(a.sport, sizeof(a.sport), "%s", sport);
	a.distance_m = dist;
	a.elapsed_s = elapsed;
	a.moving_s = elapsed;
	return a;
}

static int add(struct fixture *f, struct activity a, const char *source)
{
	int r;

	assert_int_equal(store_begin(&f->st), 0);
	r = runs_add(f->w, &a, source);
	assert_int_equal(store_commit(&f->st), 0);
	return r;
}

static void test_duplicates(void **state)
{
	struct fixture *f = *state;
	const time_t t = 1764921600 + 8 * 3600; /* 2025-12-05T08:00:00Z */
	struct run_rec *recs;
	size_t n;

	assert_int_equal(add(f, act(t, "running", 10000, 3300), "a.fit"), 0);
	/* The same run from Strava's GPX: starts 40 s later, GPS reads 2% long. */
	assert_int_equal(add(f, act(t + 40, "running", 10200, 3280), "a.gpx"), 1);
	/* Imported again from the same file. */
	assert_int_equal(add(f, act(t, "running", 10000, 3300), "a.fit"), 1);
	/* A trail run file of the same run: any two running sports agree. */
	assert_int_equal(add(f, act(t - 90, "trail_running", 9800, 3300), "a.tcx"), 1);
	/* Unknown sport (a GPX without <type>) agrees with anything. */
	assert_int_equal(add(f, act(t + 5, "other", 10050, 3300), "b.gpx"), 1);
	/* Three minutes later is another activity. */
	assert_int_equal(add(f, act(t + 180, "running", 10000, 3300), "c.fit"), 0);
	/* A ride at the same minute with the same distance is not the run. */
	assert_int_equal(add(f, act(t + 10, "cycling", 10000, 1500), "d.fit"), 0);
	/* Same start, distance 10% apart: a different activity (two watches, two runners). */
	assert_int_equal(add(f, act(t + 20, "running", 11000, 3600), "e.fit"), 0);
	/* No distance on either side: elapsed time decides. */
	assert_int_equal(add(f, act(t + 86400, "running", -1, 1800), "f.fit"), 0);
	assert_int_equal(add(f, act(t + 86400 + 30, "running", -1, 1820), "g.fit"), 1);
	assert_int_equal(add(f, act(t + 86400 + 30, "running", -1, 2400), "h.fit"), 0);

	assert_int_equal(store_runs_between(&f->st, 0, t + 10 * 86400, 0, &recs, &n), 0);
	assert_int_equal(n, 6);
	assert_string_equal(recs[0].source, "a.fit");
	assert_true(recs[0].act.distance_m == 10000);
	assert_int_equal(recs[0].act.avg_hr, 0);
	assert_true(recs[0].act.ascent_m < 0);
	free(recs);
	assert_int_equal(store_runs_between(&f->st, 0, t + 10 * 86400, RUNS_ONLY_RUNS, &recs, &n),
			 0);
	assert_int_equal(n, 5);
	free(recs);
}

/* The duplicate rule itself, without a database. */
static void test_activity_same(void **state)
{
	const time_t t = 1764921600 + 8 * 3600; /* 2025-12-05T08:00:00Z */
	time_t noon = day_start_time(day_from_civil(2025, 12, 5)) + 12 * 3600;
	struct activity a = act(t, "running", 10000, 3300), b;

	(void)state;
	b = act(t + ACTIVITY_SAME_START_S, "running", 10000 * (1 + ACTIVITY_SAME_DISTANCE), 3300);
	assert_true(activity_same(&a, 0, &b, 0));
	assert_true(activity_same(&b, 0, &a, 0));
	b.start++; /* one second beyond the start tolerance */
	assert_false(activity_same(&a, 0, &b, 0));
	/* 40 m apart on a short run: inside the 50 m floor though more than 3%. */
	a = act(t, "running", 1000, 300);
	b = act(t, "running", 1040, 300);
	assert_true(activity_same(&a, 0, &b, 0));
	b.distance_m = 1060;
	assert_false(activity_same(&a, 0, &b, 0));
	/* Sports: two running sports agree, "other" agrees with all, a ride is another thing. */
	a = act(t, "treadmill_running", 5000, 1500);
	b = act(t, "running", 5000, 1500);
	assert_true(activity_same(&a, 0, &b, 0));
	snprintf(b.sport, sizeof(b.sport), "other");
	assert_true(activity_same(&a, 0, &b, 0));
	snprintf(b.sport, sizeof(b.sport), "cycling");
	assert_false(activity_same(&a, 0, &b, 0));
	/* No distance on one side: elapsed time decides; on neither side, the start alone. */
	a = act(t, "running", -1, 1800);
	b = act(t + 30, "running", 5000, 1820);
	assert_true(activity_same(&a, 0, &b, 0));
	b.elapsed_s = 2400;
	assert_false(activity_same(&a, 0, &b, 0));
	b.elapsed_s = -1;
	assert_true(activity_same(&a, 0, &b, 0));
	/* Typed by hand: the same local day and 5% on distance, whatever the time of day. */
	a = act(noon, "running", 10000, 3300);
	b = act(noon - 4 * 3600, "running", 10400, 3350);
	assert_true(activity_same(&a, 1, &b, 0));
	assert_true(activity_same(&b, 0, &a, 1));
	assert_false(activity_same(&a, 0, &b, 0)); /* neither typed: hours apart */
	b.distance_m = 11000;
	assert_false(activity_same(&a, 1, &b, 0));
	b = act(noon + 86400, "running", 10000, 3300);
	assert_false(activity_same(&a, 1, &b, 1));
}

static void test_logged_runs(void **state)
{
	struct fixture *f = *state;
	time_t noon = day_start_time(day_from_civil(2025, 12, 10)) + 12 * 3600;

	/* Logged by hand (a day, no time), then the watch file of the same run arrives. */
	assert_int_equal(add(f, act(noon, "running", 10000, 3300), RUNS_SOURCE_MANUAL), 0);
	assert_int_equal(add(f, act(noon - 5 * 3600, "running", 10300, 3350), "w.fit"), 1);
	/* Logged twice. */
	assert_int_equal(add(f, act(noon, "running", 10000, 3300), RUNS_SOURCE_MANUAL), 1);
	/* A different run the same day (a double day: 5 km in the evening). */
	assert_int_equal(add(f, act(noon + 6 * 3600, "running", 5000, 1500), "p.fit"), 0);
	/* The next day is another run. */
	assert_int_equal(add(f, act(noon + 86400, "running", 10000, 3300), RUNS_SOURCE_MANUAL), 0);
}

static void test_file_keys(void **state)
{
	struct fixture *f = *state;
	char k1[RUNS_KEY_SIZE], k2[RUNS_KEY_SIZE];

	runs_file_key("one file", 8, k1);
	runs_file_key("one filf", 8, k2);
	assert_int_equal(runs_file_known(f->w, k1), 0);
	assert_int_equal(store_begin(&f->st), 0);
	assert_int_equal(runs_file_mark(f->w, k1), 0);
	assert_int_equal(runs_file_mark(f->w, k1), 0); /* twice is harmless */
	assert_int_equal(store_commit(&f->st), 0);
	assert_int_equal(runs_file_known(f->w, k1), 1);
	assert_int_equal(runs_file_known(f->w, k2), 0);
	/* A rolled-back file is not remembered. */
	assert_int_equal(store_begin(&f->st), 0);
	assert_int_equal(runs_file_mark(f->w, k2), 0);
	store_rollback(&f->st);
	assert_int_equal(runs_file_known(f->w, k2), 0);
}

/* The first and the latest run before a time, skipping other sports when asked. */
static void test_edges(void **state)
{
	struct fixture *f = *state;
	const time_t t = 1764921600; /* 2025-12-05T00:00:00Z */
	time_t got = 0;

	assert_int_equal(store_runs_edge(&f->st, t + 100 * 86400, 0, 0, &got), 0);
	assert_int_equal(add(f, act(t - 3 * 86400, "cycling", 40000, 5000), "ride.fit"), 0);
	assert_int_equal(add(f, act(t, "running", 10000, 3300), "a.fit"), 0);
	assert_int_equal(add(f, act(t + 5 * 86400, "trail_running", 12000, 4300), "b.fit"), 0);
	assert_int_equal(add(f, act(t + 6 * 86400, "walking", 4000, 2400), "walk.fit"), 0);
	assert_int_equal(add(f, act(t + 9 * 86400, "running", 8000, 2600), "c.fit"), 0);

	assert_int_equal(store_runs_edge(&f->st, t + 100 * 86400, 0, 0, &got), 1);
	assert_int_equal(got, t - 3 * 86400);
	assert_int_equal(store_runs_edge(&f->st, t + 100 * 86400, 0, RUNS_ONLY_RUNS, &got), 1);
	assert_int_equal(got, t);
	assert_int_equal(store_runs_edge(&f->st, t + 100 * 86400, 1, RUNS_ONLY_RUNS, &got), 1);
	assert_int_equal(got, t + 9 * 86400);
	/* Before a time: the run of that very second is not before it. */
	assert_int_equal(store_runs_edge(&f->st, t + 9 * 86400, 1, RUNS_ONLY_RUNS, &got), 1);
	assert_int_equal(got, t + 5 * 86400);
	assert_int_equal(store_runs_edge(&f->st, t + 9 * 86400, 1, 0, &got), 1);
	assert_int_equal(got, t + 6 * 86400);
	assert_int_equal(store_runs_edge(&f->st, t, 0, RUNS_ONLY_RUNS, &got), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_hash),
	    cmocka_unit_test(test_activity_same),
	    cmocka_unit_test_setup_teardown(test_duplicates, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_logged_runs, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_file_keys, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_edges, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
