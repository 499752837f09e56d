/* Recording without the player: a session done as planned, a pain check-in, a run typed by hand;
 * each returns what was stored and what it means, for the face to say. */
#ifndef HIPCOACH_COACH_RECORD_H
#define HIPCOACH_COACH_RECORD_H

#include <stddef.h>
#include <stdint.h>

#include "coach.h"
#include "core/activity.h"
#include "core/safety.h"
#include "store/pain.h"

/* What coach_session_log() stored. */
struct coach_session_logged {
	int64_t id;	  /* the session's row */
	size_t exercises; /* exercises in the session as planned */
	size_t sets;	  /* sets (strength) or holds (stretches) recorded as done */
};

/* A session done without the player, as coach_session_log() records it; -1 is "not given". */
struct coach_session_entry {
	enum exercise_kind kind;
	day_t date;		     /* today or earlier */
	int pain_before, pain_after; /* 0-10 */
	int pain_during;	     /* 0-10 during the exercises, on every set and hold */
	int rpe;		     /* strength: effort 1-10 */
	int reserve;		     /* strength: reps in reserve 0-10 (3: "could do 3 more") */
};

/* A session of `kind` on `date` with nothing else given. */
void coach_session_entry_init(struct coach_session_entry *e, enum exercise_kind kind, day_t date);

/*
 * A session done without the player, as planned for the runner now: every
 * set and hold of the current prescription done as prescribed, sets of
 * reps at the top of the range (the rows the players write, through
 * session_record_row()), with the pain before and after it, and on every
 * set the pain during it and the effort (reps in reserve first, else RPE:
 * progress_reserve3(), SAFETY.md section 3), in one transaction. A stretch
 * rated above 3/10 is not gentle (section 2). Loads the coach's input. 0,
 * or -1 with error_last() set: a value out of range, the input's error,
 * "no strength exercises fit ..." when none of that kind fits, or "cannot
 * save the session: CAUSE".
 */
int coach_session_log(struct coach *c, const struct coach_session_entry *e,
		      struct coach_session_logged *out);

/* What coach_pain_log() stored, and what it means. */
struct coach_pain_logged {
	int64_t id;		  /* the check-in's row */
	int previous;		  /* the score of the check-in before it (by date), -1 none */
	int reoffer;		  /* offer the screening questions again (SAFETY.md section 1) */
	int required;		  /* ... because they are required before the next session */
	struct rescreen rescreen; /* why they are required (safety_rescreen_reason()) */
	int see_pt;		  /* SAFETY_PAIN_HIGH or more: a physical therapist (section 4) */
	enum pain_zone zone;	  /* where the score falls during exercise (section 2) */
	int adapts_plan;	  /* where it hurts changes which exercises are planned */
};

/*
 * One pain check-in: `score` 0-10 on `date` (today or earlier), in
 * `context`, at `location` (enum pain_location, -1: not given). Stored
 * with the previous score, in one transaction. The screening is offered
 * again when the questions are now required before the next session (a
 * jump, a rise over last week's pain, groin pain: coach_screening_state())
 * or the pain reached 8 (safety_reoffer_screening()). Outer hip
 * and groin pain change the plan (SAFETY.md section 6: the moves that
 * press on the outer hip, the butterfly stretch). Opens the store. 0, or
 * -1 with error_last() set ("cannot save the pain check-in: CAUSE").
 */
int coach_pain_log(struct coach *c, day_t date, int score, enum pain_context context, int location,
		   struct coach_pain_logged *out);

/* The bounds of a run typed by hand: beyond them it is a typing mistake. */
#define COACH_RUN_MAX_DISTANCE_M 500000.0
#define COACH_RUN_MAX_SECONDS	 (48L * 3600)

/*
 * Whether `distance_m` in `seconds` is faster on average than any runner
 * holds (about 2:05 per km) for a running `sport` (NULL: running): 1 yes
 * (a typing mistake), 0 no.
 */
int coach_run_too_fast(const char *sport, double distance_m, long seconds);

/* What coach_run_log() stored. */
struct coach_run_logged {
	int duplicate;	     /* 1: the same activity was already stored; nothing was added */
	int is_run;	     /* it counts as running (activity_is_run()) */
	int miles;	     /* the runner's unit (coach_miles()) */
	long pace_s;	     /* seconds per km, or per mile in miles */
	struct activity act; /* as stored (or offered, for a duplicate) */
};

/*
 * A run (or another activity: `sport` as activity_sport_normalize() reads
 * it, NULL running) typed by hand: `distance_m` in `seconds` on `date`
 * (today or earlier), within the bounds above. A day without a time of
 * day: it starts at noon, which keeps it on that day in any time zone
 * nearby. Stored with source RUNS_SOURCE_MANUAL through runs_add(), so
 * the same run logged twice or imported later is kept once. Opens the
 * store. 0 (out->duplicate says whether it was new), or -1 with
 * error_last() set ("cannot save the run: CAUSE").
 */
int coach_run_log(struct coach *c, day_t date, double distance_m, long seconds, const char *sport,
		  struct coach_run_logged *out);

#endif
