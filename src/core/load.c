/* Running load from a list of runs: weekly totals and the overload checks of SAFETY.md section 5.
 */
#include "load.h"

#include <math.h>
#include <string.h>

double load_hazard_ratio(double excess)
{
	/* Frandsen et al., BJSM 2025 (Garmin-RUNSAFE): HRR by how much longer than the 30-day
	 * longest. */
	if (isnan(excess) || excess <= LOAD_LONG_RUN_MARGIN)
		return 0;
	if (excess <= 0.30)
		return 1.64;
	if (excess <= 1.00)
		return 1.52;
	return 2.28;
}

enum tristate load_scaled_back(double last14_m, double prev28_m, int history_days)
{
	/* SAFETY.md section 5 [S]: last 14 days < 80% of the 28 days before, per week. */
	if (history_days < LOAD_HISTORY_DAYS)
		return TRI_UNKNOWN;
	if (prev28_m <= 0)
		return last14_m <= 0 ? TRI_YES : TRI_NO;
	return last14_m / 2 < LOAD_SCALED_BACK * (prev28_m / 4) ? TRI_YES : TRI_NO;
}

static double run_time(const struct activity *a)
{
	if (a->moving_s >= 0)
		return a->moving_s;
	return a->elapsed_s >= 0 ? a->elapsed_s : 0;
}

static double run_distance(const struct activity *a)
{
	return a->distance_m > 0 ? a->distance_m : 0;
}

/*
 * Acute:chronic workload ratio of daily distance with exponentially weighted
 * moving averages of 7 and 28 days, lambda = 2 / (N + 1) (Williams et al.,
 * BJSM 2017). Widely used and disputed (Gabbett BJSM 2016; Impellizzeri
 * 2020): callers show it and never alarm on it. NAN with less than 28 days
 * of history or no chronic load.
 */
static double acwr(const struct activity *runs, size_t n, day_t first, day_t today)
{
	const double la = 2.0 / (7 + 1), lc = 2.0 / (28 + 1);
	double acute = 0, chronic = 0;
	day_t from = first;
	enum { SPAN = 400 };
	double daily[SPAN];

	if (today - first + 1 < 28)
		return NAN;
	if (today - from >= SPAN)
		from = today - SPAN + 1;
	memset(daily, 0, sizeof(daily));
	for (size_t i = 0; i < n; i++) {
		day_t d;

		if (!activity_is_run(&runs[i]))
			continue;
		d = day_of_time(runs[i].start);
		if (d >= from && d <= today)
			daily[d - from] += run_distance(&runs[i]);
	}
	for (day_t d = from; d <= today; d++) {
		acute = la * daily[d - from] + (1 - la) * acute;
		chronic = lc * daily[d - from] + (1 - lc) * chronic;
	}
	return chronic > 0 ? acute / chronic : NAN;
}

/* The longest run of the 30 days before `run` started; -1 when there was none. */
static double prior_longest(const struct activity *runs, size_t n, const struct activity *run)
{
	double longest = -1;

	for (size_t i = 0; i < n; i++) {
		const struct activity *a = &runs[i];

		if (!activity_is_run(a) || a == run || a->start >= run->start ||
		    a->start < run->start - 30 * 86400)
			continue;
		if (run_distance(a) > longest)
			longest = run_distance(a);
	}
	return longest;
}

void load_compute(const struct activity *runs, size_t n, day_t today, struct load_report *out)
{
	day_t monday0 = day_week_start(today) - 7 * (LOAD_WEEKS - 1);
	double last28 = 0;
	const struct activity *latest = NULL;

	memset(out, 0, sizeof(*out));
	out->today = today;
	for (int w = 0; w < LOAD_WEEKS; w++)
		out->weeks[w].monday = monday0 + 7 * w;
	out->prior_longest_m = out->longest_30d_m = out->long_run_cap_m = -1;
	out->latest_excess = out->weekly_change = out->acwr = NAN;
	out->scaled_back = TRI_UNKNOWN;

	for (size_t i = 0; i < n; i++) {
		const struct activity *a = &runs[i];
		day_t d;
		double dist;

		if (!activity_is_run(a))
			continue;
		d = day_of_time(a->start);
		if (d > today)
			continue; /* a clock set wrong on a watch: not yet */
		dist = run_distance(a);
		if (!out->nruns || d < out->first_day)
			out->first_day = d;
		out->nruns++;
		if (d >= monday0) {
			struct load_week *wk = &out->weeks[(d - monday0) / 7];

			wk->distance_m += dist;
			wk->time_s += run_time(a);
			wk->runs++;
		}
		if (d > today - 7)
			out->last7_m += dist;
		else if (d > today - 14)
			out->prev7_m += dist;
		if (d > today - 14)
			out->last14_week_m += dist;
		else if (d > today - 42)
			last28 += dist;
		if (d > today - 30 && dist > out->longest_30d_m) {
			out->longest_30d_m = dist;
			out->longest_30d_day = d;
		}
		if (!latest || a->start > latest->start)
			latest = a;
	}
	if (!out->nruns)
		return;

	/* Weekly rates: 14 days are two weeks, 28 days four. */
	out->scaled_back =
	    load_scaled_back(out->last14_week_m, last28, (int)(today - out->first_day + 1));
	out->last14_week_m /= 2;
	out->prev28_week_m = last28 / 4;

	/* Nielsen et al., JOSPT 2014: weekly increases above 30% raised distance-related injuries.
	 */
	if (out->prev7_m > 0) {
		out->weekly_change = out->last7_m / out->prev7_m - 1;
		out->weekly_warn = out->weekly_change > LOAD_WEEKLY_JUMP;
	}

	/*
	 * Frandsen et al., BJSM 2025: each run against the longest of the 30 days
	 * before it. The run shown is the one of the last 7 days that went furthest
	 * past that longest by more than 10%, else the latest run.
	 */
	{
		const struct activity *shown = latest;
		double shown_prior = prior_longest(runs, n, latest), best = LOAD_LONG_RUN_MARGIN;

		for (size_t i = 0; i < n; i++) {
			const struct activity *a = &runs[i];
			double prior, excess;
			day_t d;

			if (!activity_is_run(a))
				continue;
			d = day_of_time(a->start);
			if (d <= today - 7 || d > today)
				continue;
			prior = prior_longest(runs, n, a);
			if (prior <= 0)
				continue;
			excess = run_distance(a) / prior - 1;
			if (excess > best) {
				best = excess;
				shown = a;
				shown_prior = prior;
			}
		}
		out->have_latest = 1;
		out->latest_start = shown->start;
		out->latest_day = day_of_time(shown->start);
		out->latest_m = run_distance(shown);
		out->prior_longest_m = shown_prior;
		if (shown_prior > 0) {
			out->latest_excess = out->latest_m / shown_prior - 1;
			out->hazard_ratio = load_hazard_ratio(out->latest_excess);
			out->long_run_warn = out->hazard_ratio > 0 && out->latest_day > today - 7;
		}
	}

	/* The next long run's cap, from the runs of the last 30 days that were not spikes. */
	for (size_t i = 0; i < n; i++) {
		const struct activity *a = &runs[i];
		day_t d;
		double prior, dist;

		if (!activity_is_run(a))
			continue;
		d = day_of_time(a->start);
		if (d <= today - 30 || d > today)
			continue;
		dist = run_distance(a);
		prior = prior_longest(runs, n, a);
		if (prior > 0 && dist > prior * (1 + LOAD_LONG_RUN_MARGIN))
			dist = prior; /* a spike counts only as far as it was safe */
		if (dist * (1 + LOAD_LONG_RUN_MARGIN) > out->long_run_cap_m)
			out->long_run_cap_m = dist * (1 + LOAD_LONG_RUN_MARGIN);
	}

	out->acwr = acwr(runs, n, out->first_day, today);
}
