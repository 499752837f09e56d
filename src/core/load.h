/* Running load: weekly totals, the longest-run and weekly-increase checks, acute:chronic ratio, and
 * whether running was scaled back. */
#ifndef HIPCOACH_LOAD_H
#define HIPCOACH_LOAD_H

#include <stddef.h>

#include "activity.h"
#include "lib/datetime.h"
#include "safety.h"

/* Calendar weeks (Monday to Sunday) in a report, this week included. */
#define LOAD_WEEKS 12

/* Warn when a run is longer than the longest of the previous 30 days by more than this. */
#define LOAD_LONG_RUN_MARGIN 0.10
/* Warn when the last 7 days ran more than this above the 7 days before. */
#define LOAD_WEEKLY_JUMP 0.30
/* Scaled back: the last 14 days per week below this share of the 28 days before. */
#define LOAD_SCALED_BACK 0.80
/* Days of running history needed before "scaled back" can be judged (about 6 weeks). */
#define LOAD_HISTORY_DAYS 42

struct load_week {
	day_t monday;
	double distance_m;
	double time_s; /* moving time, else elapsed */
	int runs;
};

/* What load_compute() found. Distances in metres; a ratio is NAN when it cannot be computed. */
struct load_report {
	day_t today;
	struct load_week weeks[LOAD_WEEKS]; /* oldest first; the last is this week */
	int nruns;			    /* runs considered (all of history) */
	day_t first_day;		    /* of the first run; meaningful when nruns > 0 */

	/*
	 * A run against the longest of the 30 days before it (Frandsen, BJSM 2025):
	 * the run of the last 7 days that went furthest past that longest by
	 * more than 10%, or else the latest run.
	 */
	int have_latest;
	time_t latest_start;
	day_t latest_day;
	double latest_m;
	double prior_longest_m; /* longest in the 30 days before that run; <0 none */
	double latest_excess;	/* latest_m / prior_longest_m - 1; NAN without a prior run */
	double hazard_ratio;	/* the study's hazard ratio for that excess; 0 up to 10% */
	int long_run_warn;	/* that run was in the last 7 days and more than 10% over */
	/* The longest run of the last 30 days (today included); <0 none. */
	double longest_30d_m;
	day_t longest_30d_day;
	/*
	 * The cap for the next long run (Frandsen et al., BJSM 2025): the longest
	 * run of the last 30 days that was not itself a spike (more than 10%
	 * past the longest of the 30 days before it), plus 10%. A spike never
	 * raises the cap. <0: no run to measure from.
	 */
	double long_run_cap_m;

	/* Rolling 7-day totals ending today, and the change (Nielsen, JOSPT 2014). */
	double last7_m, prev7_m;
	double weekly_change; /* last7 / prev7 - 1; NAN when prev7 is 0 */
	int weekly_warn;

	/* Acute:chronic workload ratio of daily distance, EWMA 7 and 28 days (Gabbett 2016). */
	double acwr;

	/* Scaled back (SAFETY.md section 5 [S]): weekly rates of the last 14 and the 28 days
	 * before. */
	double last14_week_m, prev28_week_m;
	enum tristate scaled_back;
};

/*
 * Computes the running load as of `today` (a local date) from `runs`
 * (activities for which activity_is_run() holds, any order; others are
 * ignored). Pure: no I/O, and the same input always gives the same report.
 */
void load_compute(const struct activity *runs, size_t n, day_t today, struct load_report *out);

/*
 * The hazard ratio of injury that Frandsen et al. (BJSM 2025, Garmin-RUNSAFE,
 * 5,205 runners) found for a run longer than the longest of the previous 30
 * days by `excess` (0.25 = 25% longer): 1.64 for 10-30%, 1.52 for 30-100%,
 * 2.28 beyond; 0 for 10% or less.
 */
double load_hazard_ratio(double excess);

/*
 * The scaled-back rule (SAFETY.md section 5, our synthesis): the last 14
 * days ran less than 80% of the 28 days before, compared per week.
 * `history_days` is how far back the runner's records go; with fewer than
 * LOAD_HISTORY_DAYS the answer is TRI_UNKNOWN. Not running at all in both
 * windows counts as scaled back.
 */
enum tristate load_scaled_back(double last14_m, double prev28_m, int history_days);

#endif
