/* Today: what is due, what is done, how it is going and what comes next, computed once for every
 * face (the terminal's today screen, `today --json`, the web app's Today). */
#ifndef HIPCOACH_COACH_TODAY_H
#define HIPCOACH_COACH_TODAY_H

#include <time.h>

#include "coach.h"
#include "core/safety.h"
#include "status.h"

/* One of today's two sessions (strength, stretch). */
struct today_session {
	enum exercise_kind kind;
	int planned;		      /* on the plan for today */
	size_t items;		      /* exercises in it (0 when not planned) */
	int minutes;		      /* about how long (0 when not planned) */
	int sets, reps_min, reps_max; /* strength: the dose of its first move; 0 otherwise */
	int done;		      /* a completed session of this kind today */
	time_t done_at;		      /* when it finished; 0 unknown */
	int resumable;		      /* an unfinished one can be picked up */
	int position;		      /* ... at this script step */
	/* Strength: not today because of the pain of the day (coach_session_gate(): 8/10 or
	 * more, SAFETY.md sections 2 and 4); `rest_pain` is that pain, -1 otherwise. */
	int rest_for_pain, rest_pain;
};

/* How many weeks the sparkline of weekly pain shows. */
#define TODAY_PAIN_WEEKS 6

struct today {
	day_t date;
	int week;  /* program week: 1 in the first week (and before the start) */
	int level; /* enum level */
	int miles, pounds;
	struct today_session sessions[2]; /* strength, stretch */
	/* This calendar week, as status counts it: planned from the program's start, done capped
	 * per kind. */
	int week_planned, week_done;
	int streak; /* days in a row with a completed session, up to today or yesterday */
	/* The safety questions are to be answered before the next session: never answered, or
	 * required again (status.screening.required, with its rescreen). */
	int screening_needed;
	unsigned pause; /* enum pause: what a red flag in force leaves out (SAFETY.md §1) */
	const char *paused_reason; /* what the runner is told then (static), NULL when not paused */

	/*
	 * Weekly pain as the rules read it (pain_week.value: next-morning scores
	 * first, the median of at least 2 days) for the last TODAY_PAIN_WEEKS
	 * weeks (-1: no value), oldest first, and the trend the escalation rules
	 * see (safety_pain_change()): from the baseline week to the latest week
	 * that one day cannot tip.
	 */
	double spark[TODAY_PAIN_WEEKS];
	int nspark;
	int have_pain;		   /* any score in the program */
	int pain_from_week;	   /* program week of the baseline */
	int pain_to_week;	   /* program week of the latest */
	double pain_from, pain_to; /* their means */
	enum pain_trend trend;	   /* meaningful when pain_to_week > pain_from_week */

	/* Running: the last 7 days against the weekly average of the 28 days before them. */
	int have_running;
	struct load_line running; /* recent against usual (core/load.h) */
	double change;		  /* recent / usual - 1; NAN when there is no usual */
	enum tristate scaled_back;

	/* What comes next after today (0: nothing planned in the next 14 days). */
	day_t next_strength;
	day_t next_long_run;
	double long_run_cap_m; /* <0: no cap known */

	struct status status; /* the advice (most urgent first), screening and the rest */
};

/*
 * Gathers today for the runner, as of clock_today(). Reads only. 0, or -1
 * with error_last() set (a missing profile says to run setup); release
 * `out` either way.
 */
int coach_today(struct coach *c, struct today *out);
void today_release(struct today *t);

#endif
