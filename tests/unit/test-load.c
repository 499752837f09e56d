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

/* The load of `r` as of `day`, for a program that started on `start` (0: no program). */
static void compute_at(const struct runs *r, day_t day, day_t start, struct load_report *rep)
{
	struct load_input in = {.runs = r->a, .nruns = r->n, .today = day};

	if (start) {
		in.have_start = 1;
		in.start = start;
	}
	load_compute(&in, rep);
}

/* As of today, for a program that started two weeks ago. */
static void compute(const struct runs *r, struct load_report *rep)
{
	compute_at(r, today, today - 14, rep);
}

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
	/* Per week: 24 against a baseline of 32 a week is 75%. */
	assert_int_equal(load_scaled_back(24, 32), TRI_YES);
	assert_int_equal(load_scaled_back(26, 32), TRI_NO);    /* 81% */
	assert_int_equal(load_scaled_back(25.5, 32), TRI_YES); /* 79.7% */
	assert_int_equal(load_scaled_back(25.6, 32), TRI_NO);  /* exactly 80% is not below */
	assert_int_equal(load_scaled_back(24, -1), TRI_UNKNOWN);
	assert_int_equal(load_scaled_back(0, 0), TRI_YES); /* not running at all */
	assert_int_equal(load_scaled_back(5, 0), TRI_NO);
}

static void test_empty(void **state)
{
	struct load_report r;

	(void)state;
	{
		struct load_input in = {.today = today};

		load_compute(&in, &r);
	}
	assert_int_equal(r.nruns, 0);
	assert_int_equal(r.scaled_back, TRI_UNKNOWN);
	assert_int_equal(r.baseline, LOAD_BASELINE_NONE);
	assert_int_equal(r.weekly_warn, 0);
	assert_int_equal(r.rise_warn, 0);
	assert_true(r.long_run_cap_m < 0);
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
	compute(&r, &rep);
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
	compute(&r, &rep);
	assert_int_equal(rep.have_latest, 1);
	assert_true(fabs(rep.latest_m - 18000) < 1e-6);
	assert_true(fabs(rep.prior_longest_m - 14000) < 1e-6);
	assert_true(fabs(rep.latest_excess - 4.0 / 14) < 1e-9);
	assert_true(rep.hazard_ratio == 1.64);
	assert_int_equal(rep.long_run_warn, 1);

	/* A short run after the long one does not hide it. */
	add(&r, today - 1, 6);
	compute(&r, &rep);
	assert_int_equal(rep.long_run_warn, 1);
	assert_true(fabs(rep.latest_m - 18000) < 1e-6);
	assert_int_equal(rep.latest_day, today - 2);
	r.n--;

	/* 15 km is 7% longer: no warning (the margin is 10%). */
	r.a[r.n - 1].distance_m = 15000;
	compute(&r, &rep);
	assert_true(rep.hazard_ratio == 0);
	assert_int_equal(rep.long_run_warn, 0);

	/* Twice as long and more: the highest band. */
	r.a[r.n - 1].distance_m = 30000;
	compute(&r, &rep);
	assert_true(rep.hazard_ratio == 2.28);

	/* The same run 10 days ago is old news: shown, not warned about. */
	r.a[r.n - 1].start = day_start_time(today - 10) + 8 * 3600;
	compute(&r, &rep);
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
	compute(&r, &rep);
	assert_true(fabs(rep.prior_longest_m - 10000) < 1e-6);
	assert_int_equal(rep.long_run_warn, 1);
	r.a[0].start = day_start_time(today - 1 - 29) + 8 * 3600;
	compute(&r, &rep);
	assert_true(fabs(rep.prior_longest_m - 20000) < 1e-6);
	assert_int_equal(rep.long_run_warn, 0);
	/* No run in the 30 days before: nothing to compare with. */
	r.n = 1;
	compute(&r, &rep);
	assert_true(isnan(rep.latest_excess));
	assert_true(rep.prior_longest_m < 0);
	assert_int_equal(rep.long_run_warn, 0);
}

static void test_weekly_jump(void **state)
{
	static struct runs r;
	struct load_report rep;

	(void)state;
	/* 3 km a day for 3 weeks (21 km in 7 days), then 4 km a day: 28 km, +33%. */
	r.n = 0;
	for (day_t d = today - 27; d <= today; d++)
		add(&r, d, d > today - 7 ? 4 : 3);
	compute(&r, &rep);
	assert_true(fabs(rep.prev7_m - 21000) < 1e-6);
	assert_true(fabs(rep.last7_m - 28000) < 1e-6);
	assert_true(fabs(rep.weekly_change - 1.0 / 3) < 1e-9);
	assert_int_equal(rep.weekly_warn, 1);
	assert_int_equal(rep.jump_end, today);
	/* 3.75 km a day, +25%, is within the 30% of Nielsen et al. */
	for (size_t i = 0; i < r.n; i++)
		if (r.a[i].distance_m == 4000)
			r.a[i].distance_m = 3750;
	compute(&r, &rep);
	assert_true(fabs(rep.weekly_change - 0.25) < 1e-9);
	assert_int_equal(rep.weekly_warn, 0);
	/* No runs before the last 7 days: no ratio, no warning. */
	r.n = 0;
	for (day_t d = today - 6; d <= today; d++)
		add(&r, d, 4);
	compute(&r, &rep);
	assert_true(isnan(rep.weekly_change));
	assert_int_equal(rep.weekly_warn, 0);
	/* Too little history for the ratio and for "scaled back". */
	assert_true(isnan(rep.acwr));
	assert_int_equal(rep.scaled_back, TRI_UNKNOWN);
	assert_int_equal(rep.baseline, LOAD_BASELINE_NO_RUNS);
}

static void test_scaled_back(void **state)
{
	static struct runs r;
	struct load_report rep;
	day_t start = today - 41;

	(void)state;
	/* Eight weeks of 38 km before the program, then 18 km a week from its first day. */
	r.n = 0;
	for (day_t d = start - 56; d < start; d += 7) {
		add(&r, d, 12);
		add(&r, d + 2, 12);
		add(&r, d + 5, 14);
	}
	for (day_t d = start; d <= today; d += 7) {
		add(&r, d, 6);
		add(&r, d + 2, 6);
		if (d + 5 <= today)
			add(&r, d + 5, 6);
	}
	/* After 2 weeks of the program: scaled back against the 4 weeks before it. */
	compute_at(&r, start + 14, start, &rep);
	assert_int_equal(rep.baseline, LOAD_BASELINE_KNOWN);
	assert_int_equal(rep.anchor, LOAD_ANCHOR_START);
	assert_int_equal(rep.baseline_from, start - 28);
	assert_int_equal(rep.baseline_to, start - 1);
	assert_true(fabs(rep.baseline_week_m - 38000) < 1e-6);
	assert_true(fabs(rep.scaled_back_below_m - 30400) < 1e-6);
	assert_int_equal(rep.scaled_back, TRI_YES);
	/*
	 * Day 41: the 4 weeks before the last 14 days were all at 18 km too (the
	 * old rule's "no"), but the running is still far below what it was
	 * before the program: still scaled back.
	 */
	compute_at(&r, today, start, &rep);
	assert_true(fabs(rep.prev28_week_m - 18000) < 1e-6);
	assert_true(fabs(rep.last14_week_m - 18000) < 1e-6);
	assert_true(fabs(rep.baseline_week_m - 38000) < 1e-6);
	assert_int_equal(rep.scaled_back, TRI_YES);
	/* The ratio falls when running falls (shown only). */
	assert_true(rep.acwr < 1);
	/* Back up to 32 km a week for two weeks (over 80% of 38): no longer scaled back. */
	for (day_t d = today - 13; d <= today; d += 7) {
		add(&r, d, 7);
		add(&r, d + 3, 7);
	}
	compute_at(&r, today, start, &rep);
	assert_true(fabs(rep.last14_week_m - 32000) < 1e-6);
	assert_int_equal(rep.scaled_back, TRI_NO);
}

static void test_baseline_anchor(void **state)
{
	static struct runs r;
	struct load_report rep;
	struct load_input in = {.today = today, .have_start = 1, .start = today - 20};

	(void)state;
	/* 30 km a week for 10 weeks up to the start, then 10 km a week. */
	r.n = 0;
	for (day_t d = in.start - 70; d < in.start; d += 7) {
		add(&r, d, 10);
		add(&r, d + 3, 20);
	}
	for (day_t d = in.start; d <= today; d += 7)
		add(&r, d, 10);
	in.runs = r.a;
	in.nruns = r.n;

	/* A first pain log before the start: the start is the anchor. */
	in.have_first_pain = 1;
	in.first_pain = in.start - 3;
	load_compute(&in, &rep);
	assert_int_equal(rep.anchor, LOAD_ANCHOR_START);
	assert_true(fabs(rep.baseline_week_m - 30000) < 1e-6);

	/* A first pain log a week after the start, with runs recorded before: it is the anchor. */
	in.first_pain = in.start + 7;
	load_compute(&in, &rep);
	assert_int_equal(rep.anchor, LOAD_ANCHOR_FIRST_PAIN);
	assert_int_equal(rep.baseline_to, in.start + 6);
	assert_true(fabs(rep.baseline_week_m - (30000 * 3 + 10000) / 4.0) < 1e-6);
	assert_int_equal(rep.scaled_back, TRI_YES);

	/* A pain log in the future (a date typed wrong) is not an anchor. */
	in.first_pain = today + 3;
	load_compute(&in, &rep);
	assert_int_equal(rep.anchor, LOAD_ANCHOR_START);

	/*
	 * Runs recorded only from 2 weeks before the start: the start's 4 weeks
	 * are not covered, so "scaled back" is not known rather than measured
	 * on half the running; a later first pain log whose 4 weeks are covered
	 * is the anchor instead.
	 */
	in.first_pain = in.start - 3;
	in.runs = r.a + 16;
	in.nruns = r.n - 16;
	load_compute(&in, &rep);
	assert_int_equal(rep.baseline, LOAD_BASELINE_NO_RUNS);
	assert_int_equal(rep.scaled_back, TRI_UNKNOWN);
	assert_true(rep.baseline_week_m < 0);
	in.first_pain = in.start + 14;
	load_compute(&in, &rep);
	assert_int_equal(rep.baseline, LOAD_BASELINE_KNOWN);
	assert_int_equal(rep.anchor, LOAD_ANCHOR_FIRST_PAIN);

	/* No runs before the program at all. */
	in.runs = r.a + 20;
	in.nruns = r.n - 20;
	in.have_first_pain = 0;
	load_compute(&in, &rep);
	assert_int_equal(rep.baseline, LOAD_BASELINE_NO_RUNS);
	assert_int_equal(rep.scaled_back, TRI_UNKNOWN);

	/* No program yet, or one that starts tomorrow: nothing to measure from. */
	in.runs = r.a;
	in.nruns = r.n;
	in.have_start = 0;
	load_compute(&in, &rep);
	assert_int_equal(rep.baseline, LOAD_BASELINE_NONE);
	assert_int_equal(rep.scaled_back, TRI_UNKNOWN);
	in.have_start = 1;
	in.start = today + 1;
	load_compute(&in, &rep);
	assert_int_equal(rep.baseline, LOAD_BASELINE_NONE);

	/* Runs recorded, but none in the 4 weeks before: the runner was not running then. */
	r.n = 0;
	add(&r, today - 60, 10);
	in.runs = r.a;
	in.nruns = r.n;
	in.start = today - 20;
	load_compute(&in, &rep);
	assert_int_equal(rep.baseline, LOAD_BASELINE_KNOWN);
	assert_true(rep.baseline_week_m == 0);
	assert_int_equal(rep.scaled_back, TRI_YES); /* and is not running now */
	add(&r, today - 2, 5);
	in.nruns = r.n;
	load_compute(&in, &rep);
	assert_int_equal(rep.scaled_back, TRI_NO);
}

static void test_weekly_jump_stays(void **state)
{
	static struct runs r;
	struct load_report rep;
	day_t end = today - 10; /* the last day of the big week */

	(void)state;
	/* 36 km a week, then 7 days of 48 km (+33%), then back to 36 km. */
	r.n = 0;
	for (day_t d = end - 48; d <= end - 7; d += 7) {
		add(&r, d, 12);
		add(&r, d + 3, 12);
		add(&r, d + 5, 12);
	}
	add(&r, end - 6, 16);
	add(&r, end - 3, 16);
	add(&r, end - 1, 16);
	for (day_t d = end + 1; d <= today + 20; d += 7) {
		add(&r, d, 12);
		add(&r, d + 3, 12);
		add(&r, d + 5, 12);
	}
	/* The day it happened, and each of the 7 days after: the same warning. */
	for (day_t day = end; day <= end + 7; day++) {
		compute_at(&r, day, end - 40, &rep);
		assert_int_equal(rep.weekly_warn, 1);
		assert_int_equal(rep.jump_end, end);
		assert_true(fabs(rep.jump_m - 48000) < 1e-6);
		assert_true(fabs(rep.jump_prev_m - 36000) < 1e-6);
		assert_true(fabs(rep.jump_change - 1.0 / 3) < 1e-9);
	}
	/* A week later the rolling 7 days have long come down. */
	compute_at(&r, end + 7, end - 40, &rep);
	assert_true(rep.weekly_change < 0);
	/* The day after those 7 days it is gone. */
	compute_at(&r, end + 8, end - 40, &rep);
	assert_int_equal(rep.weekly_warn, 0);
}

/* Weekly pain for the rise rule: `n` weeks up to this week, each with the mean `from` -> `to`. */
static void pain_weeks(struct pain_week *w, size_t n, double from, double to)
{
	memset(w, 0, n * sizeof(*w));
	for (size_t i = 0; i < n; i++) {
		w[i].monday = day_week_start(today) - 7 * (day_t)(n - 1 - i);
		w[i].mean = from + (to - from) * (double)i / (double)(n - 1);
		w[i].value = w[i].low = w[i].high = w[i].mean;
		w[i].days = w[i].count = 2;
		w[i].max = (int)w[i].mean;
	}
}

static void test_rise_with_pain(void **state)
{
	static struct runs r;
	struct load_report rep;
	struct pain_week w[LOAD_PAIN_WEEKS];
	struct load_input in = {.today = today, .have_start = 1, .start = today - 40};
	double km = 7;

	(void)state;
	/* A run every day, 1% longer each day from 5 weeks ago: each 7-day step up by about 7%,
	 * never a weekly warning, but 32% over 4 weeks. */
	r.n = 0;
	for (day_t d = today - 70; d <= today; d++) {
		if (d > today - 35)
			km *= 1.01;
		add(&r, d, km);
	}
	in.runs = r.a;
	in.nruns = r.n;
	in.pain = w;
	in.npain = LOAD_PAIN_WEEKS;

	/* Pain flat at 5: flagged. */
	pain_weeks(w, LOAD_PAIN_WEEKS, 5, 5);
	load_compute(&in, &rep);
	assert_int_equal(rep.weekly_warn, 0);
	assert_true(rep.rise_change > 0.2);
	assert_int_equal(rep.have_pain_trend, 1);
	/* The weekly pain of 4 weeks before the latest against the latest. */
	assert_int_equal(rep.pain_from_monday, day_week_start(today) - 28);
	assert_int_equal(rep.pain_to_monday, day_week_start(today));
	assert_int_equal(rep.pain_trend, TREND_SAME);
	assert_int_equal(rep.rise_warn, 1);

	/* Pain worse: flagged. A point better over the 4 weeks is still "about the same". */
	pain_weeks(w, LOAD_PAIN_WEEKS, 4, 7);
	load_compute(&in, &rep);
	assert_int_equal(rep.pain_trend, TREND_WORSE);
	assert_int_equal(rep.rise_warn, 1);
	pain_weeks(w, LOAD_PAIN_WEEKS, 6.25, 5);
	load_compute(&in, &rep);
	assert_int_equal(rep.rise_warn, 1);

	/* Pain clearly better (2 points or 30%, Farrar): not flagged. */
	pain_weeks(w, LOAD_PAIN_WEEKS, 7.5, 3);
	load_compute(&in, &rep);
	assert_int_equal(rep.pain_trend, TREND_BETTER);
	assert_int_equal(rep.rise_warn, 0);

	/* No pain logged in the last two weeks: the trend cannot be judged. */
	pain_weeks(w, LOAD_PAIN_WEEKS, 5, 5);
	w[LOAD_PAIN_WEEKS - 1].count = w[LOAD_PAIN_WEEKS - 2].count = 0;
	w[LOAD_PAIN_WEEKS - 1].mean = w[LOAD_PAIN_WEEKS - 2].mean = -1;
	w[LOAD_PAIN_WEEKS - 1].value = w[LOAD_PAIN_WEEKS - 2].value = -1;
	load_compute(&in, &rep);
	assert_int_equal(rep.have_pain_trend, 0);
	assert_int_equal(rep.rise_warn, 0);

	/* Only one week with a score: no trend. */
	in.pain = w + LOAD_PAIN_WEEKS - 1;
	in.npain = 1;
	pain_weeks(w, LOAD_PAIN_WEEKS, 5, 5);
	load_compute(&in, &rep);
	assert_int_equal(rep.have_pain_trend, 0);
	assert_int_equal(rep.rise_warn, 0);

	/* The same running every week, pain flat: nothing to flag. */
	in.pain = w;
	in.npain = LOAD_PAIN_WEEKS;
	for (size_t i = 0; i < r.n; i++)
		r.a[i].distance_m = 7000;
	load_compute(&in, &rep);
	assert_true(fabs(rep.rise_change) < 0.2);
	assert_int_equal(rep.rise_warn, 0);
}

static void test_rise_small(void **state)
{
	static struct runs r;
	struct load_report rep;
	struct pain_week w[LOAD_PAIN_WEEKS];
	struct load_input in = {.today = today, .pain = w, .npain = LOAD_PAIN_WEEKS};

	(void)state;
	pain_weeks(w, LOAD_PAIN_WEEKS, 5, 5);
	/* 20 km in the 7 days 4 weeks ago, 20.8 km in the last 7 (+4%): within the noise. */
	r.n = 0;
	add(&r, today - 30, 20);
	add(&r, today - 3, 20.8);
	in.runs = r.a;
	in.nruns = r.n;
	load_compute(&in, &rep);
	assert_true(fabs(rep.rise_before_m - 20000) < 1e-6);
	assert_true(fabs(rep.rise_change - 0.04) < 1e-9);
	assert_int_equal(rep.rise_warn, 0);
	/* 22 km (+10%): flagged. */
	r.a[1].distance_m = 22000;
	load_compute(&in, &rep);
	assert_int_equal(rep.rise_warn, 1);
	/* Nothing 4 weeks ago: no rise to measure. */
	r.a[0].start = day_start_time(today - 40);
	load_compute(&in, &rep);
	assert_true(isnan(rep.rise_change));
	assert_int_equal(rep.rise_warn, 0);
}

static void test_long_run_cap(void **state)
{
	static struct runs r;
	struct load_report rep;

	(void)state;
	/* Long runs of 14 km: the cap is 14 km + 10%. */
	r.n = 0;
	steady(&r, 5, 14);
	compute(&r, &rep);
	assert_true(fabs(rep.long_run_cap_m - 15400) < 1e-6);
	/* A spike of 20 km on Sunday warns, and does not raise the cap. */
	add(&r, today - 2, 20);
	compute(&r, &rep);
	assert_int_equal(rep.long_run_warn, 1);
	assert_true(fabs(rep.long_run_cap_m - 15400) < 1e-6);
	/* 16 km on Monday: within the 30-day longest (the spike), so it counts. */
	add(&r, today - 1, 16);
	compute(&r, &rep);
	assert_int_equal(rep.long_run_warn, 1);
	assert_true(fabs(rep.latest_m - 20000) < 1e-6);
	assert_true(fabs(rep.long_run_cap_m - 17600) < 1e-6);
	/* The cap is rounded down to 100 m: 12.345 km + 10% = 13.5795 km -> 13.5 km. */
	r.n = 0;
	add(&r, today - 3, 12.345);
	compute(&r, &rep);
	assert_true(fabs(rep.long_run_cap_m - 13500) < 1e-6);
	/*
	 * A spike counts as the longest it jumped from, even when that run is no
	 * longer in the last 30 days: 14 km 33 days ago, 6 km since, then 25 km.
	 */
	r.n = 0;
	add(&r, today - 33, 14);
	add(&r, today - 20, 6);
	add(&r, today - 5, 25);
	compute(&r, &rep);
	assert_true(fabs(rep.prior_longest_m - 14000) < 1e-6);
	assert_true(fabs(rep.long_run_cap_m - 15400) < 1e-6);
}

static void test_future_runs_ignored(void **state)
{
	static struct runs r;
	struct load_report rep;

	(void)state;
	r.n = 0;
	add(&r, today - 2, 10);
	add(&r, today + 3, 30); /* a watch with a wrong clock */
	compute(&r, &rep);
	assert_int_equal(rep.nruns, 1);
	assert_true(fabs(rep.latest_m - 10000) < 1e-6);
}

/* The runs of `all` that fall in the spans, in their order, as the coach reads them. */
static size_t select_spans(const struct activity *all, size_t n, const struct load_span *sp,
			   size_t nsp, struct activity *out)
{
	size_t k = 0;

	for (size_t s = 0; s < nsp; s++)
		for (size_t i = 0; i < n; i++) {
			day_t d = day_of_time(all[i].start);

			if (d >= sp[s].from && d <= sp[s].to)
				out[k++] = all[i];
		}
	return k;
}

/*
 * Reading only the spans of load_spans() gives the report of all of history:
 * years of irregular runs, a program that started long ago (its baseline far
 * outside the window), the first pain later, and a history that stopped
 * long before today (the latest run and its 30 days are their own span).
 */
static void test_spans_same_report(void **state)
{
	enum { N = 1600 };
	static struct activity all[N], some[N];
	static const int ends[] = {0, 3, 45, 700};
	unsigned seed = 7;

	(void)state;
	for (size_t e = 0; e < sizeof(ends) / sizeof(ends[0]); e++) {
		size_t n = 0;
		day_t last = today - ends[e];

		for (day_t d = last - 1500; d <= last && n < N; d++) {
			seed = seed * 1103515245 + 12345;
			if ((seed >> 16) % 7 >= 4)
				continue;
			activity_init(&all[n]);
			snprintf(all[n].sport, sizeof(all[n].sport), "%s",
				 (seed >> 8) % 9 ? "running" : "cycling");
			all[n].start = day_start_time(d) + 6 * 3600 + (time_t)((seed >> 4) % 7200);
			all[n].distance_m = 3000 + (double)((seed >> 3) % 25000);
			all[n].moving_s = all[n].distance_m / 3;
			n++;
		}
		for (int anchor = 0; anchor < 3; anchor++) {
			struct load_input in = {.runs = all, .nruns = n, .today = today};
			struct load_report full, part;
			struct load_span sp[LOAD_MAX_SPANS];
			size_t nsp, k;
			day_t first = 0, latest = 0;
			int have = 0;

			in.have_start = anchor > 0;
			in.start = today - 600;
			in.have_first_pain = anchor > 1;
			in.first_pain = today - 500;
			load_compute(&in, &full);
			for (size_t i = 0; i < n; i++) {
				day_t d = day_of_time(all[i].start);

				if (!activity_is_run(&all[i]) || d > today)
					continue;
				if (!have || d < first)
					first = d;
				if (!have || d > latest)
					latest = d;
				have = 1;
			}
			in.have_first_run = have;
			in.first_run = first;
			nsp = load_spans(&in, latest, sp);
			for (size_t s = 1; s < nsp; s++)
				assert_true(sp[s].from > sp[s - 1].to + 1);
			k = select_spans(all, n, sp, nsp, some);
			assert_true(k < n);
			in.runs = some;
			in.nruns = k;
			load_compute(&in, &part);
			full.nruns = part.nruns; /* the runs considered: only those read */
			assert_memory_equal(&full, &part, sizeof(full));
			assert_true(full.have_latest);
		}
	}
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
	    cmocka_unit_test(test_baseline_anchor),
	    cmocka_unit_test(test_weekly_jump_stays),
	    cmocka_unit_test(test_rise_with_pain),
	    cmocka_unit_test(test_rise_small),
	    cmocka_unit_test(test_long_run_cap),
	    cmocka_unit_test(test_future_runs_ignored),
	    cmocka_unit_test(test_spans_same_report),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
