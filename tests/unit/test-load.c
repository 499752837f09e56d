/* Tests of running load: weekly totals, the longest-run and weekly-increase checks, the
 * acute:chronic ratio and "scaled back". */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/load.h"

#define MAX_RUNS 512

struct runs {
	struct activity a[MAX_RUNS];
	size_t n;
};

/* A run of `km` on day `d` at 08:00 (the tests run with TZ=UTC). */
static void add(struct runs *r, day_t d, double km)
{
	struct activity *a = &r->a[r->n++];

	activity_init(a);
	snprintf(a->sport, sizeof(a->sport), "running");
	a->start = day_start_time(d) + 8 * 3600;
	a->distance_m = km * 1000;
	a->moving_s = km * 330;
	a->elapsed_s = km * 340;
}

static const day_t today = 20795; /* 2026-12-08, a Tuesday */

/* Regular weeks: runs on Monday, Wednesday, Saturday from `weeks` weeks back, 8 + 8 + long. */
static void steady(struct runs *r, int weeks, double long_km)
{
	day_t monday = day_week_start(today);

	for (int w = weeks; w >= 1; w--) {
		day_t m = monday - 7 * w;

		add(r, m, 8);
		add(r, m + 2, 8);
		add(r, m + 5, long_km);
	}
}

static void test_hazard_bands(void **state)
{
	(void)state;
	/* Frandsen et al., BJSM 2025. */
	assert_true(load_hazard_ratio(0.05) == 0);
	assert_true(load_hazard_ratio(0.10) == 0);
	assert_true(load_hazard_ratio(0.11) == 1.64);
	assert_true(load_hazard_ratio(0.30) == 1.64);
	assert_true(load_hazard_ratio(0.31) == 1.52);
	assert_true(load_hazard_ratio(1.00) == 1.52);
	assert_true(load_hazard_ratio(1.01) == 2.28);
	assert_true(load_hazard_ratio(NAN) == 0);
}

static void test_scaled_back_rule(void **state)
{
	(void)state;
	/* 14 days against 28 days, per week: 2 weeks of 24 against 4 weeks of 32 is 75%. */
	assert_int_equal(load_scaled_back(48, 128, 60), TRI_YES);
	assert_int_equal(load_scaled_back(52, 128, 60), TRI_NO); /* 81% */
	assert_int_equal(load_scaled_back(48, 128, 41), TRI_UNKNOWN);
	assert_int_equal(load_scaled_back(0, 0, 100), TRI_YES); /* not running at all */
	assert_int_equal(load_scaled_back(10, 0, 100), TRI_NO);
}

static void test_empty(void **state)
{
	struct load_report r;

	(void)state;
	load_compute(NULL, 0, today, &r);
	assert_int_equal(r.nruns, 0);
	assert_int_equal(r.scaled_back, TRI_UNKNOWN);
	assert_true(isnan(r.acwr));
	assert_int_equal(r.have_latest, 0);
	assert_int_equal(r.weeks[LOAD_WEEKS - 1].monday, day_week_start(today));
	assert_int_equal(r.weeks[0].monday, day_week_start(today) - 7 * (LOAD_WEEKS - 1));
}

static void test_weeks(void **state)
{
	static struct runs r;
	struct load_report rep;

	(void)state;
	r.n = 0;
	steady(&r, 8, 14);
	add(&r, today - 1, 6); /* Monday of this week */
	/* Not runs: ignored. */
	activity_init(&r.a[r.n]);
	snprintf(r.a[r.n].sport, sizeof(r.a[r.n].sport), "cycling");
	r.a[r.n].start = day_start_time(today) + 3600;
	r.a[r.n++].distance_m = 40000;
	load_compute(r.a, r.n, today, &rep);
	assert_int_equal(rep.nruns, 25);
	assert_true(fabs(rep.weeks[LOAD_WEEKS - 1].distance_m - 6000) < 1e-6);
	assert_int_equal(rep.weeks[LOAD_WEEKS - 1].runs, 1);
	assert_true(fabs(rep.weeks[LOAD_WEEKS - 2].distance_m - 30000) < 1e-6);
	assert_true(fabs(rep.weeks[LOAD_WEEKS - 2].time_s - 30 * 330) < 1e-6);
	assert_int_equal(rep.weeks[LOAD_WEEKS - 2].runs, 3);
	assert_true(rep.weeks[0].distance_m == 0);
	/* Steady running: nothing flagged, ratio near 1, not scaled back. */
	assert_int_equal(rep.long_run_warn, 0);
	assert_int_equal(rep.weekly_warn, 0);
	assert_int_equal(rep.scaled_back, TRI_NO);
	assert_true(rep.acwr > 0.6 && rep.acwr < 1.3);
	assert_true(fabs(rep.longest_30d_m - 14000) < 1e-6);
}

static void test_long_run(void **state)
{
	static struct runs r;
	struct load_report rep;

	(void)state;
	/* Longest of the previous 30 days is 14 km; Sunday's 18 km is 29% longer. */
	r.n = 0;
	steady(&r, 6, 14);
	add(&r, today - 2, 18); /* Sunday, the day after the usual long run */
	load_compute(r.a, r.n, today, &rep);
	assert_int_equal(rep.have_latest, 1);
	assert_true(fabs(rep.latest_m - 18000) < 1e-6);
	assert_true(fabs(rep.prior_longest_m - 14000) < 1e-6);
	assert_true(fabs(rep.latest_excess - 4.0 / 14) < 1e-9);
	assert_true(rep.hazard_ratio == 1.64);
	assert_int_equal(rep.long_run_warn, 1);

	/* A short run after the long one does not hide it. */
	add(&r, today - 1, 6);
	load_compute(r.a, r.n, today, &rep);
	assert_int_equal(rep.long_run_warn, 1);
	assert_true(fabs(rep.latest_m - 18000) < 1e-6);
	assert_int_equal(rep.latest_day, today - 2);
	r.n--;

	/* 15 km is 7% longer: no warning (the margin is 10%). */
	r.a[r.n - 1].distance_m = 15000;
	load_compute(r.a, r.n, today, &rep);
	assert_true(rep.hazard_ratio == 0);
	assert_int_equal(rep.long_run_warn, 0);

	/* Twice as long and more: the highest band. */
	r.a[r.n - 1].distance_m = 30000;
	load_compute(r.a, r.n, today, &rep);
	assert_true(rep.hazard_ratio == 2.28);

	/* The same run 10 days ago is old news: shown, not warned about. */
	r.a[r.n - 1].start = day_start_time(today - 10) + 8 * 3600;
	load_compute(r.a, r.n, today, &rep);
	assert_int_equal(rep.long_run_warn, 0);
}

static void test_longest_window(void **state)
{
	static struct runs r;
	struct load_report rep;

	(void)state;
	/* A 20 km run 31 days before the latest does not count; one 29 days before does. */
	r.n = 0;
	add(&r, today - 1 - 31, 20);
	add(&r, today - 1 - 20, 10);
	add(&r, today - 1, 12);
	load_compute(r.a, r.n, today, &rep);
	assert_true(fabs(rep.prior_longest_m - 10000) < 1e-6);
	assert_int_equal(rep.long_run_warn, 1);
	r.a[0].start = day_start_time(today - 1 - 29) + 8 * 3600;
	load_compute(r.a, r.n, today, &rep);
	assert_true(fabs(rep.prior_longest_m - 20000) < 1e-6);
	assert_int_equal(rep.long_run_warn, 0);
	/* No run in the 30 days before: nothing to compare with. */
	r.n = 1;
	load_compute(r.a, r.n, today, &rep);
	assert_true(isnan(rep.latest_excess));
	assert_true(rep.prior_longest_m < 0);
	assert_int_equal(rep.long_run_warn, 0);
}

static void test_weekly_jump(void **state)
{
	static struct runs r;
	struct load_report rep;

	(void)state;
	/* 7 days before: 20 km. Last 7 days: 27 km (+35%). */
	r.n = 0;
	add(&r, today - 10, 10);
	add(&r, today - 8, 10);
	add(&r, today - 5, 13);
	add(&r, today, 14);
	load_compute(r.a, r.n, today, &rep);
	assert_true(fabs(rep.prev7_m - 20000) < 1e-6);
	assert_true(fabs(rep.last7_m - 27000) < 1e-6);
	assert_true(fabs(rep.weekly_change - 0.35) < 1e-9);
	assert_int_equal(rep.weekly_warn, 1);
	/* +25% is within the 30% of Nielsen et al. */
	r.a[3].distance_m = 12000;
	load_compute(r.a, r.n, today, &rep);
	assert_int_equal(rep.weekly_warn, 0);
	/* Nothing the week before: no ratio, no warning. */
	r.a[0].start = r.a[1].start = day_start_time(today - 20);
	load_compute(r.a, r.n, today, &rep);
	assert_true(isnan(rep.weekly_change));
	assert_int_equal(rep.weekly_warn, 0);
	/* Too little history for the ratio and for "scaled back". */
	assert_true(isnan(rep.acwr));
	assert_int_equal(rep.scaled_back, TRI_UNKNOWN);
}

static void test_scaled_back(void **state)
{
	static struct runs r;
	struct load_report rep;

	(void)state;
	/* Eight weeks of 30 km, then the last two weeks at 20 km: scaled back. */
	r.n = 0;
	for (day_t d = today - 69; d <= today - 14; d += 7) {
		add(&r, d, 10);
		add(&r, d + 2, 10);
		add(&r, d + 4, 10);
	}
	for (day_t d = today - 13; d <= today; d += 7) {
		add(&r, d, 10);
		add(&r, d + 3, 10);
	}
	load_compute(r.a, r.n, today, &rep);
	assert_true(fabs(rep.prev28_week_m - 30000) < 1e-6);
	assert_true(fabs(rep.last14_week_m - 20000) < 1e-6);
	assert_int_equal(rep.scaled_back, TRI_YES);
	/* The ratio falls when running falls (shown only). */
	assert_true(rep.acwr < 1);
	/* The same runs without the last cut: not scaled back. */
	add(&r, today - 1, 10);
	add(&r, today - 8, 10);
	load_compute(r.a, r.n, today, &rep);
	assert_int_equal(rep.scaled_back, TRI_NO);
}

static void test_future_runs_ignored(void **state)
{
	static struct runs r;
	struct load_report rep;

	(void)state;
	r.n = 0;
	add(&r, today - 2, 10);
	add(&r, today + 3, 30); /* a watch with a wrong clock */
	load_compute(r.a, r.n, today, &rep);
	assert_int_equal(rep.nruns, 1);
	assert_true(fabs(rep.latest_m - 10000) < 1e-6);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_hazard_bands),
	    cmocka_unit_test(test_scaled_back_rule),
	    cmocka_unit_test(test_empty),
	    cmocka_unit_test(test_weeks),
	    cmocka_unit_test(test_long_run),
	    cmocka_unit_test(test_longest_window),
	    cmocka_unit_test(test_weekly_jump),
	    cmocka_unit_test(test_scaled_back),
	    cmocka_unit_test(test_future_runs_ignored),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
