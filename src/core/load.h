/* Running load: weekly totals, the longest-run and weekly-increase checks, acute:chronic ratio,
 * whether running was scaled back, and running that rises while pain is not improving. */
#ifndef HIPCOACH_LOAD_H
#define HIPCOACH_LOAD_H

#include <stddef.h>

#include "activity.h"
#include "lib/datetime.h"
#include "safety.h"

/* Calendar weeks (Monday to Sunday) in a report, this week included. */
#define LOAD_WEEKS 12

/*
 * A run against the longest of the 30 days before it (Frandsen et al., BJSM
 * 2025, Garmin-RUNSAFE; SAFETY.md section 5 [L]): warn when it was more than
 * 10% longer. The next long run's cap is that longest + 10%.
 */
#define LOAD_LONGEST_DAYS    30
#define LOAD_LONG_RUN_MARGIN 0.10
/*
 * The cap is rounded down to this many metres, so that every face (the
 * terminal in km or miles, the web page) prints the same number; rounding
 * down keeps it a cap.
 */
#define LOAD_CAP_STEP_M 100

/* Warn when 7 days ran more than this above the 7 days before (Nielsen et al., JOSPT 2014). */
#define LOAD_WEEKLY_JUMP 0.30
/* The warning stays for this many days after the 7 days that jumped (SAFETY.md section 5 [S]). */
#define LOAD_JUMP_SHOWN_DAYS 7

/*
 * Scaled back (SAFETY.md section 5 [S]): the last 14 days ran less than 80%
 * of the baseline, per week. The baseline is the weekly average of the 28
 * days before the program started, or before the first pain log where that
 * comes later (and there are runs recorded then). It is known only when the
 * runs recorded reach back into its first week (LOAD_BASELINE_COVER_DAYS):
 * otherwise it could count only part of the running before.
 */
#define LOAD_SCALED_BACK	 0.80
#define LOAD_RECENT_DAYS	 14
#define LOAD_BASELINE_DAYS	 28
#define LOAD_BASELINE_COVER_DAYS 7

/*
 * Running that rises while pain is not improving (SAFETY.md section 5 with
 * section 2, "pain must not rise": our synthesis [S]): the last 7 days
 * against the 7 days that ended 28 days before today, whatever the size of
 * each weekly step, while the weekly pain over the same 4 weeks is about the
 * same or worse (the meaningful change of Farrar, Pain 2001, as
 * safety_pain_trend() judges it). A rise of LOAD_RISE_MIN or less is not
 * counted, so that a route measured a little differently is not "more
 * running" (our choice [S]). The pain is read from the weeks of
 * LOAD_PAIN_WEEKS: the latest week with a score must be this week or the
 * last, and it is compared with the first week with a score in the 4 weeks
 * before it.
 */
#define LOAD_RISE_DAYS	28
#define LOAD_RISE_MIN	0.05
#define LOAD_PAIN_WEEKS 6

struct load_week {
	day_t monday;
	double distance_m;
	double time_s; /* moving time, else elapsed */
	int runs;
};

/* What the running load is computed from. The coach gathers it; load_compute() reads only this. */
struct load_input {
	const struct activity *runs; /* any order; only those for which activity_is_run() holds */
	size_t nruns;
	day_t today; /* a local date */
	/* The program's first day (the profile's start date); have_start 0 before setup. */
	int have_start;
	day_t start;
	/* The date of the first pain check-in; have_first_pain 0 when there is none. */
	int have_first_pain;
	day_t first_pain;
	/* Weekly pain, oldest first (the program's weeks, at most LOAD_PAIN_WEEKS up to this week);
	 * NULL and 0 when there is none. */
	const struct pain_week *pain;
	size_t npain;
	/*
	 * The day of the first run recorded up to today, when `runs` holds only
	 * the spans load_spans() names rather than all of history (have_first_run
	 * 0: the earliest of `runs` is the first).
	 */
	int have_first_run;
	day_t first_run;
};

/*
 * The days whose runs decide the report: the acute:chronic window (the
 * longest look back of the rules, which holds the 12 weeks, the 30 days
 * before each recent run and the 4 weeks of the rise), the 28 days of the
 * baseline before the program, and the latest run with the 30 days before
 * it. A report computed from the runs of these spans, with the day of the
 * first run (load_input.first_run), is the report of all of history, and
 * costs the same however many years lie behind them.
 */
#define LOAD_WINDOW_DAYS 400
struct load_span {
	day_t from, to; /* both included */
};
#define LOAD_MAX_SPANS 3
/*
 * The spans to read for `in` (its runs are not looked at; have_first_run
 * and first_run must be set, have_first_run 0 meaning no run up to today)
 * when the latest run up to today was on `latest_run`: oldest first, none
 * overlapping, so that no run is read twice. Returns how many (0 without
 * runs).
 */
size_t load_spans(const struct load_input *in, day_t latest_run,
		  struct load_span out[LOAD_MAX_SPANS]);

/* What "scaled back" is measured against. */
enum load_baseline {
	LOAD_BASELINE_NONE,    /* no program yet (no start date), or it has not started */
	LOAD_BASELINE_NO_RUNS, /* the runs recorded do not reach back into the baseline's first week
				*/
	LOAD_BASELINE_KNOWN,
};
/* The day the baseline ends before. */
enum load_anchor { LOAD_ANCHOR_START, LOAD_ANCHOR_FIRST_PAIN };
extern const char *const load_anchor_names[2]; /* "program-start", "first-pain-log" */

/* What load_compute() found. Distances in metres; a ratio is NAN when it cannot be computed. */
struct load_report {
	day_t today;
	struct load_week weeks[LOAD_WEEKS]; /* oldest first; the last is this week */
	int nruns;			    /* runs considered (those of the spans read) */
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
	 * past the longest of the 30 days before it), plus 10%, rounded down to
	 * LOAD_CAP_STEP_M. A spike counts only as far as the longest run it was
	 * measured against, so it never raises the cap. <0: no run to measure
	 * from. Every face and the warning about a long run print this number.
	 */
	double long_run_cap_m;

	/* Rolling 7-day totals ending today, and their change (shown). */
	double last7_m, prev7_m;
	double weekly_change; /* last7 / prev7 - 1; NAN when prev7 is 0 */
	/*
	 * The weekly increase (Nielsen et al., JOSPT 2014): of the 7-day windows
	 * ending today or on one of the 7 days before (so a jump stays for the 7
	 * days after it), the latest that ran more than 30% above the 7 days
	 * before it. Meaningful when weekly_warn is set.
	 */
	int weekly_warn;
	day_t jump_end; /* the last day of those 7 days */
	double jump_m, jump_prev_m;
	double jump_change; /* jump_m / jump_prev_m - 1 */

	/* Acute:chronic workload ratio of daily distance, EWMA 7 and 28 days (Gabbett 2016). */
	double acwr;

	/* Scaled back (SAFETY.md section 5 [S]), against the baseline before the program. */
	enum load_baseline baseline;
	enum load_anchor anchor;	  /* when baseline is not NONE */
	day_t baseline_from, baseline_to; /* the 28 days, inclusive; when baseline is not NONE */
	double baseline_week_m;		  /* their weekly average; <0 unless KNOWN */
	double scaled_back_below_m;	  /* 80% of it: the line; <0 unless KNOWN */
	double last14_week_m;		  /* the last 14 days, per week */
	enum tristate scaled_back;	  /* TRI_UNKNOWN unless the baseline is KNOWN */
	/*
	 * The weekly average of the 28 days before the last 14: the "usual week"
	 * the today and status screens set the last 7 days against (shown only).
	 */
	double prev28_week_m;

	/* Running up over 4 weeks while pain is not improving (SAFETY.md sections 5 and 2 [S]). */
	double rise_before_m; /* the 7 days that ended 28 days before today */
	double rise_change;   /* last7 / rise_before - 1; NAN when rise_before is 0 */
	int have_pain_trend;  /* the weekly pain over those weeks could be compared */
	day_t pain_from_monday, pain_to_monday;
	double pain_from, pain_to; /* their weekly pain */
	enum pain_trend pain_trend;
	int rise_warn; /* running rose more than LOAD_RISE_MIN and pain is not getting better */
};

/*
 * Computes the running load as of in->today from `in`. Pure: no I/O, and
 * the same input always gives the same report.
 */
void load_compute(const struct load_input *in, struct load_report *out);

/*
 * The hazard ratio of injury that Frandsen et al. (BJSM 2025, Garmin-RUNSAFE,
 * 5,205 runners) found for a run longer than the longest of the previous 30
 * days by `excess` (0.25 = 25% longer): 1.64 for 10-30%, 1.52 for 30-100%,
 * 2.28 beyond; 0 for 10% or less.
 */
double load_hazard_ratio(double excess);

/*
 * The scaled-back rule (SAFETY.md section 5, our synthesis): the last 14
 * days ran less than 80% of the baseline, both as weekly averages
 * (`recent_week_m` is the last 14 days' distance / 2). `baseline_week_m` < 0
 * (not known) gives TRI_UNKNOWN. With a baseline of nothing (no running
 * before the program), not running now counts as scaled back and any
 * running does not.
 */
enum tristate load_scaled_back(double recent_week_m, double baseline_week_m);

/*
 * The running line of the screens (today, status, the web app): what was
 * run lately against what is usual. When the weekly average before the
 * program is known, the last 14 days per week against it: the very numbers
 * "scaled back" is judged on, so the line and the verdict never disagree.
 * Otherwise the last 7 days against the weekly average of the 28 days
 * before them. usual_m < 0: nothing to compare with.
 */
struct load_line {
	double recent_m;    /* the last 7 days, or the last 14 per week */
	int two_weeks;	    /* recent_m is the last 14 days per week */
	double usual_m;	    /* a week before the program, or of the 4 weeks before */
	int before_program; /* usual_m is the baseline before the program */
};
void load_line(const struct load_report *r, struct load_line *out);

#endif
