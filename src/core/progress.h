/* Progress and step back per exercise (SAFETY.md section 3): from recent results to the next dose,
 * with a one-line reason. */
#ifndef HIPCOACH_PROGRESS_H
#define HIPCOACH_PROGRESS_H

#include <stddef.h>

#include "lib/datetime.h"
#include "plan.h"
#include "program.h"

/* One session's results for one exercise. */
struct progress_session {
	day_t date;
	int sets_done; /* sets completed (both sides of a set count once) */
	int reps_low;  /* the fewest reps in a completed set, -1 unknown */
	int effort_ok; /* every rated set at RPE <= 7 or "could do 3 more": 1; one harder: 0; none
			  rated: -1 */
	int pain_max;  /* highest pain during the exercise, -1 not rated */
	int hurt;      /* stopped or skipped because it hurt */
	int settled;   /* pain settled by the next morning: 1, 0, -1 cannot tell yet */
};

struct progress_input {
	const struct exercise *ex;
	const struct level *level;	    /* the runner's level */
	const struct prescription *now;	    /* the dose in force */
	const struct progress_state *state; /* the stored state, or NULL (level defaults) */
	const double *weights_kg;	    /* dumbbells at hand, ascending */
	int nweights;
	unsigned equipment; /* enum equipment flags: the runner's kit */
	/* Sessions since the last change of this exercise, oldest first. */
	const struct progress_session *sessions;
	size_t nsessions;
	int pain_rising; /* weekly pain went up (SAFETY.md section 2) */
	int pounds;	 /* write weights in pounds in the reason */
};

/* A set at this RPE or lower, or with 3 more reps in reserve, was easy enough to move up (Zourdos
 * JSCR 2016; SAFETY.md section 3). */
#define PROGRESS_RPE_EASY 7
/* "Could you have done 3 more?": the reps in reserve that make a set easy enough (Zourdos JSCR
 * 2016; Hackett JSCR 2017 for asking it this way; SAFETY.md section 3). */
#define PROGRESS_RESERVE_EASY 3

/*
 * Whether a set left 3 or more reps in reserve: from the reps in reserve
 * the runner gave (`reserve`, -1 not given), else from the effort (`rpe`
 * 1-10, -1 not given), RPE 7 or less leaving about 3 (Zourdos 2016).
 * 1 yes, 0 no, -1 neither given.
 */
int progress_reserve3(int rpe, int reserve);

enum progress_change { PROGRESS_HOLD, PROGRESS_UP, PROGRESS_BACK };
extern const char *const progress_change_names[3]; /* "hold", "progress", "step-back" */

struct progress_decision {
	enum progress_change change;
	struct progress_state next; /* the state to store when change is not HOLD */
	char reason[320];	    /* one line: what changes and why */
};

/*
 * Decides whether one exercise moves up, steps back or holds (SAFETY.md
 * section 3). Up: another set up to the level's maximum, then the next
 * dumbbell, then the harder version. Back: off the harder version, one set
 * fewer, the next lighter dumbbell, then the easier version. Stretches only
 * ease off to their easier version when they hurt, and come back after two
 * gentle sessions. Never fails.
 */
void progress_decide(const struct progress_input *in, struct progress_decision *out);

#endif
