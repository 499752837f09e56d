/* Running load from a list of runs: weekly totals and the overload checks of SAFETY.md section 5.
 */
#include "load.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lib/xalloc.h"

const char *const load_anchor_names[2] = {"program-start", "first-pain-log"};

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

void load_line(const struct load_report *r, struct load_line *out)
{
	memset(out, 0, sizeof(*out));
	if (r->baseline == LOAD_BASELINE_KNOWN && r->baseline_week_m > 0) {
		out->recent_m = r->last14_week_m;
		out->two_weeks = 1;
		out->usual_m = r->baseline_week_m;
		out->before_program = 1;
		return;
	}
	out->recent_m = r->last7_m;
	out->usual_m = r->prev28_week_m > 0 ? r->prev28_week_m : -1;
}

enum tristate load_scaled_back(double recent_week_m, double baseline_week_m)
{
	/* SAFETY.md section 5 [S]: the last 14 days < 80% of the baseline, per week. */
	if (baseline_week_m < 0)
		return TRI_UNKNOWN;
	if (baseline_week_m == 0)
		return recent_week_m <= 0 ? TRI_YES : TRI_NO;
	return recent_week_m < LOAD_SCALED_BACK * baseline_week_m ? TRI_YES : TRI_NO;
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
 * A run as the rules read it: its local day found once (localtime is the
 * costly part of a run), and only runs up to today, in the order given, so
 * that every sum adds the same numbers in the same order as before.
 */
struct lrun {
	const struct activity *a;
	day_t day;
	double dist;
};

/* The distance run from day `from` to day `to`, both included. */
static double distance_between(const struct lrun *runs, size_t n, day_t from, day_t to)
{
	double sum = 0;

	for (size_t i = 0; i < n; i++)
		if (runs[i].day >= from && runs[i].day <= to)
			sum += runs[i].dist;
	return sum;
}

/*
 * Acute:chronic workload ratio of daily distance with exponentially weighted
 * moving averages of 7 and 28 days, lambda = 2 / (N + 1) (Williams et al.,
 * BJSM 2017). Widely used and disputed (Gabbett BJSM 2016; Impellizzeri
 * 2020): callers show it and never alarm on it. NAN with less than 28 days
 * of history or no chronic load.
 */
static double acwr(const struct lrun *runs, size_t n, day_t first, day_t today)
{
	const double la = 2.0 / (7 + 1), lc = 2.0 / (28 + 1);
	double acute = 0, chronic = 0;
	day_t from = first;
	enum { SPAN = LOAD_WINDOW_DAYS };
	double daily[SPAN];

	if (today - first + 1 < 28)
		return NAN;
	if (today - from >= SPAN)
		from = today - SPAN + 1;
	memset(daily, 0, sizeof(daily));
	for (size_t i = 0; i < n; i++)
		if (runs[i].day >= from && runs[i].day <= today)
			daily[runs[i].day - from] += runs[i].dist;
	for (day_t d = from; d <= today; d++) {
		acute = la * daily[d - from] + (1 - la) * acute;
		chronic = lc * daily[d - from] + (1 - lc) * chronic;
	}
	return chronic > 0 ? acute / chronic : NAN;
}

/* The longest run of the 30 days before `run` started; -1 when there was none. */
static double prior_longest(const struct lrun *runs, size_t n, const struct lrun *run)
{
	time_t start = run->a->start;
	double longest = -1;

	for (size_t i = 0; i < n; i++) {
		const struct lrun *r = &runs[i];

		if (r == run || r->a->start >= start ||
		    r->a->start < start - LOAD_LONGEST_DAYS * 86400)
			continue;
		if (r->dist > longest)
			longest = r->dist;
	}
	return longest;
}

/* Whether the runs recorded reach back into the first week of the baseline that ends before
 * `anchor`: otherwise the baseline could count only part of the running then. */
static int baseline_covered(int have_runs, day_t first_day, day_t anchor)
{
	return have_runs && first_day < anchor - LOAD_BASELINE_DAYS + LOAD_BASELINE_COVER_DAYS;
}

/*
 * The day the baseline ends before: the program's start, or the first pain
 * log where that comes later and runs were recorded then. 0 when there is
 * no baseline yet (no program, or it has not started).
 */
static int baseline_anchor(const struct load_input *in, int have_runs, day_t first_day,
			   day_t *anchor, enum load_anchor *which)
{
	if (!in->have_start || in->today < in->start)
		return 0;
	*anchor = in->start;
	*which = LOAD_ANCHOR_START;
	if (in->have_first_pain && in->first_pain > in->start && in->first_pain <= in->today &&
	    baseline_covered(have_runs, first_day, in->first_pain)) {
		*anchor = in->first_pain;
		*which = LOAD_ANCHOR_FIRST_PAIN;
	}
	return 1;
}

/*
 * Scaled back (SAFETY.md section 5 [S]): the baseline is the weekly average
 * of the 4 weeks before the program started, or before the first pain log
 * where that comes later and runs were recorded then; scaled back holds
 * while the last 14 days stay below 80% of it, per week, however long ago
 * the cut was made.
 */
static void scaled_back(const struct load_input *in, const struct lrun *runs, size_t n,
			struct load_report *out)
{
	day_t anchor;

	if (!baseline_anchor(in, out->nruns > 0, out->first_day, &anchor, &out->anchor))
		return; /* LOAD_BASELINE_NONE: no program to measure from yet */
	out->baseline_from = anchor - LOAD_BASELINE_DAYS;
	out->baseline_to = anchor - 1;
	if (!baseline_covered(out->nruns > 0, out->first_day, anchor)) {
		out->baseline = LOAD_BASELINE_NO_RUNS;
		return;
	}
	out->baseline = LOAD_BASELINE_KNOWN;
	out->baseline_week_m = distance_between(runs, n, out->baseline_from, out->baseline_to) * 7 /
			       LOAD_BASELINE_DAYS;
	out->scaled_back_below_m = LOAD_SCALED_BACK * out->baseline_week_m;
	out->scaled_back = load_scaled_back(out->last14_week_m, out->baseline_week_m);
}

/* Every look back of the rules falls inside the window load_spans() reads. */
_Static_assert(7 * LOAD_WEEKS + 6 < LOAD_WINDOW_DAYS, "the weeks");
_Static_assert(2 * LOAD_LONGEST_DAYS + 2 < LOAD_WINDOW_DAYS, "a recent run's 30 days before");
_Static_assert(LOAD_RISE_DAYS + 7 + LOAD_JUMP_SHOWN_DAYS + 14 < LOAD_WINDOW_DAYS, "the rises");
_Static_assert(LOAD_RECENT_DAYS + 28 < LOAD_WINDOW_DAYS, "the usual week");

size_t load_spans(const struct load_input *in, day_t latest_run,
		  struct load_span out[LOAD_MAX_SPANS])
{
	struct load_span s[LOAD_MAX_SPANS];
	size_t n = 0, m = 0;
	enum load_anchor which;
	day_t anchor;

	if (!in->have_first_run)
		return 0;
	s[n++] = (struct load_span){in->today - LOAD_WINDOW_DAYS + 1, in->today};
	if (baseline_anchor(in, 1, in->first_run, &anchor, &which))
		s[n++] = (struct load_span){anchor - LOAD_BASELINE_DAYS, anchor - 1};
	/* The 30 days before a run are 30 times 24 hours before its start: a day more. */
	s[n++] = (struct load_span){latest_run - LOAD_LONGEST_DAYS - 1, latest_run};
	/* Oldest first, then overlapping spans merged. */
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && s[j].from < s[j - 1].from; j--) {
			struct load_span t = s[j];

			s[j] = s[j - 1];
			s[j - 1] = t;
		}
	for (size_t i = 0; i < n; i++) {
		if (m && s[i].from <= out[m - 1].to + 1) {
			if (s[i].to > out[m - 1].to)
				out[m - 1].to = s[i].to;
			continue;
		}
		out[m++] = s[i];
	}
	return m;
}

/*
 * Nielsen et al., JOSPT 2014: weekly increases above 30% raised
 * distance-related injuries. Each 7-day window ending today or on one of
 * the 7 days before is set against the 7 days before it, so a jump stays on
 * the screen for the 7 days after it (SAFETY.md section 5 [S]). The latest
 * window that jumped is the one shown: while the jump is still going on,
 * the warning speaks of the last 7 days.
 */
static void weekly_jump(const struct load_input *in, const struct lrun *runs, size_t n,
			struct load_report *out)
{
	for (day_t e = in->today - LOAD_JUMP_SHOWN_DAYS; e <= in->today; e++) {
		double w = distance_between(runs, n, e - 6, e);
		double p = distance_between(runs, n, e - 13, e - 7);
		double change;

		if (p <= 0)
			continue;
		change = w / p - 1;
		if (change <= LOAD_WEEKLY_JUMP)
			continue;
		out->weekly_warn = 1;
		out->jump_end = e;
		out->jump_m = w;
		out->jump_prev_m = p;
		out->jump_change = change;
	}
}

/*
 * Running that rises while pain is not improving (SAFETY.md section 5, the
 * article: hip pain in runners is most often overload; section 2: pain must
 * not rise; our synthesis [S]): the last 7 days against the 7 days that
 * ended 4 weeks before, whatever the size of each weekly step, with the
 * weekly pain of the same 4 weeks about the same or worse (Farrar, Pain
 * 2001, through safety_pain_trend()).
 */
static void rise_with_pain(const struct load_input *in, const struct lrun *runs, size_t n,
			   struct load_report *out)
{
	int l = safety_latest_week(in->pain, in->npain), f;
	size_t lo = 0;

	out->rise_before_m =
	    distance_between(runs, n, in->today - LOAD_RISE_DAYS - 6, in->today - LOAD_RISE_DAYS);
	if (out->rise_before_m > 0)
		out->rise_change = out->last7_m / out->rise_before_m - 1;
	/* The latest weekly pain must be recent: this week or the last. */
	if (l < 0 || in->pain[l].monday < day_week_start(in->today) - 7)
		return;
	while (lo < (size_t)l && in->pain[lo].monday < in->pain[l].monday - LOAD_RISE_DAYS)
		lo++;
	f = safety_baseline_week(in->pain + lo, (size_t)l - lo);
	if (f < 0)
		return;
	f += (int)lo;
	out->have_pain_trend = 1;
	out->pain_from_monday = in->pain[f].monday;
	out->pain_to_monday = in->pain[l].monday;
	/* The weekly pain the rules of SAFETY.md sections 2 and 4 use (safety_pain_weeks()). */
	out->pain_from = in->pain[f].value;
	out->pain_to = in->pain[l].value;
	out->pain_trend = safety_pain_trend(out->pain_from, out->pain_to);
	out->rise_warn = !isnan(out->rise_change) && out->rise_change > LOAD_RISE_MIN &&
			 out->pain_trend != TREND_BETTER;
}

void load_compute(const struct load_input *in, struct load_report *out)
{
	day_t today = in->today;
	day_t monday0 = day_week_start(today) - 7 * (LOAD_WEEKS - 1);
	double last28 = 0;
	const struct lrun *latest = NULL;
	struct lrun *runs = xmalloc((in->nruns ? in->nruns : 1) * sizeof(*runs));
	size_t n = 0;

	memset(out, 0, sizeof(*out));
	out->today = today;
	for (int w = 0; w < LOAD_WEEKS; w++)
		out->weeks[w].monday = monday0 + 7 * w;
	out->prior_longest_m = out->longest_30d_m = out->long_run_cap_m = -1;
	out->latest_excess = out->weekly_change = out->acwr = out->rise_change = NAN;
	out->baseline = LOAD_BASELINE_NONE;
	out->baseline_week_m = out->scaled_back_below_m = -1;
	out->scaled_back = TRI_UNKNOWN;
	out->pain_trend = TREND_SAME;

	for (size_t i = 0; i < in->nruns; i++) {
		const struct activity *a = &in->runs[i];
		struct lrun *r = &runs[n];

		if (!activity_is_run(a))
			continue;
		r->day = day_of_time(a->start);
		if (r->day > today)
			continue; /* a clock set wrong on a watch: not yet */
		r->a = a;
		r->dist = run_distance(a);
		n++;
		if (!out->nruns || r->day < out->first_day)
			out->first_day = r->day;
		out->nruns++;
		if (r->day >= monday0) {
			struct load_week *wk = &out->weeks[(r->day - monday0) / 7];

			wk->distance_m += r->dist;
			wk->time_s += run_time(a);
			wk->runs++;
		}
		if (r->day > today - 7)
			out->last7_m += r->dist;
		else if (r->day > today - 14)
			out->prev7_m += r->dist;
		if (r->day > today - LOAD_RECENT_DAYS)
			out->last14_week_m += r->dist;
		else if (r->day > today - LOAD_RECENT_DAYS - 28)
			last28 += r->dist;
		if (r->day > today - LOAD_LONGEST_DAYS && r->dist > out->longest_30d_m) {
			out->longest_30d_m = r->dist;
			out->longest_30d_day = r->day;
		}
	}
	/* The pointers into runs[] are taken once it is filled. */
	for (size_t i = 0; i < n; i++)
		if (!latest || runs[i].a->start > latest->a->start)
			latest = &runs[i];
	/* Only the spans of load_spans() were read: the first run is known apart. */
	if (in->have_first_run && out->nruns && in->first_run < out->first_day)
		out->first_day = in->first_run;
	/* Weekly rates: 14 days are two weeks, 28 days four. */
	out->last14_week_m = out->last14_week_m * 7 / LOAD_RECENT_DAYS;
	out->prev28_week_m = last28 / 4;
	scaled_back(in, runs, n, out);
	if (!out->nruns) {
		free(runs);
		return;
	}

	if (out->prev7_m > 0)
		out->weekly_change = out->last7_m / out->prev7_m - 1;
	weekly_jump(in, runs, n, out);
	rise_with_pain(in, runs, n, out);

	/*
	 * Frandsen et al., BJSM 2025: each run against the longest of the 30 days
	 * before it. The run shown is the one of the last 7 days that went furthest
	 * past that longest by more than 10%, else the latest run.
	 */
	{
		const struct lrun *shown = latest;
		double shown_prior = prior_longest(runs, n, latest), best = LOAD_LONG_RUN_MARGIN;

		for (size_t i = 0; i < n; i++) {
			const struct lrun *r = &runs[i];
			double prior, excess;

			if (r->day <= today - 7)
				continue;
			prior = prior_longest(runs, n, r);
			if (prior <= 0)
				continue;
			excess = r->dist / prior - 1;
			if (excess > best) {
				best = excess;
				shown = r;
				shown_prior = prior;
			}
		}
		out->have_latest = 1;
		out->latest_start = shown->a->start;
		out->latest_day = shown->day;
		out->latest_m = shown->dist;
		out->prior_longest_m = shown_prior;
		if (shown_prior > 0) {
			out->latest_excess = out->latest_m / shown_prior - 1;
			out->hazard_ratio = load_hazard_ratio(out->latest_excess);
			out->long_run_warn = out->hazard_ratio > 0 && out->latest_day > today - 7;
		}
	}

	/* The next long run's cap, from the runs of the last 30 days that were not spikes. */
	for (size_t i = 0; i < n; i++) {
		const struct lrun *r = &runs[i];
		double prior, dist;

		if (r->day <= today - LOAD_LONGEST_DAYS)
			continue;
		dist = r->dist;
		prior = prior_longest(runs, n, r);
		if (prior > 0 && dist > prior * (1 + LOAD_LONG_RUN_MARGIN))
			dist = prior; /* a spike counts only as the longest it jumped from */
		if (dist * (1 + LOAD_LONG_RUN_MARGIN) > out->long_run_cap_m)
			out->long_run_cap_m = dist * (1 + LOAD_LONG_RUN_MARGIN);
	}
	if (out->long_run_cap_m >= 0)
		out->long_run_cap_m =
		    floor(out->long_run_cap_m / LOAD_CAP_STEP_M + 1e-9) * LOAD_CAP_STEP_M;

	out->acwr = acwr(runs, n, out->first_day, today);
	free(runs);
}
