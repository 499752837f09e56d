/* The red-flag screening for one runner (SAFETY.md section 1): recording a round of answers or a
 * clinician's clearance, what the answers that count mean now, and whether the questions must be
 * answered again before the next guided session. */
#ifndef HIPCOACH_COACH_SCREENING_H
#define HIPCOACH_COACH_SCREENING_H

#include <time.h>

#include "coach.h"
#include "core/advice.h"
#include "core/safety.h"
#include "lib/strbuf.h"

/* Where the screening stands now. */
struct screening_state {
	int rounds;	     /* rounds ever answered */
	time_t last_round;   /* 0: never */
	time_t last_cleared; /* 0: never */
	int history_seen;    /* a clearance covers the history answers: they are not asked again */
	struct screen_decision decision; /* the answers that count, and what each means now */
	int blocked;			 /* guided sessions wait for a clinician's clearance */
	/*
	 * The questions must be answered before the next guided session: pain
	 * jumped, rose over last week's, or was logged in the groin after the
	 * latest round (SAFETY.md section 1); `rescreen` says which check-in.
	 */
	int required;
	struct rescreen rescreen;
};
void screening_state_init(struct screening_state *s);
void screening_state_release(struct screening_state *s);

/*
 * Reads where the screening stands (reads only). 0, or -1 with
 * error_last() set and *out empty.
 */
int coach_screening_state(struct coach *c, struct screening_state *out);

/*
 * Whether the questions are to be answered before the next guided
 * session: never answered, or required again (see struct
 * screening_state). *reason gets why, in plain words (empty when never
 * answered; may be NULL). 1 yes, 0 no, -1 with error_last() set.
 */
int coach_screening_needed(struct coach *c, struct strbuf *reason);

/* What a finished round means. */
struct screening_outcome {
	struct advice_list
	    advice;   /* one item per yes that counts, most urgent first; empty: none */
	int blocked;  /* guided sessions wait for a clinician's clearance */
	int required; /* the questions must be answered again before the next session */
};
void screening_outcome_init(struct screening_outcome *o);
void screening_outcome_release(struct screening_outcome *o);

/*
 * Records one round of answers, in one transaction: answers[i] (0 no, 1
 * yes, -1 not asked) to the i-th question of safety_questions(), one for
 * each. A question the round does not ask (safety_question_asked(): a
 * history question after a clearance, "cancer-history" after a yes to
 * "cancer-bone-pain") is not recorded, unless it is a history question
 * answered yes: what the runner volunteers stands. The new round's number
 * goes to *round when not NULL. A coach that has loaded the profile takes
 * the answers' exercise cautions into its conditions. 0, or -1 with
 * error_last() set ("cannot save your answers: ...").
 */
int coach_screening_record(struct coach *c, const int *answers, int *round);

/*
 * Records that a clinician has seen the runner and agrees they can
 * exercise (`note` may be NULL): the answers so far stop counting, and the
 * history questions are not asked again. *had_yes (when not NULL) is 1
 * when a yes answer counted before it, blocking or not, else 0. 0, or -1
 * with error_last() set.
 */
int coach_screening_clear(struct coach *c, const char *note, int *had_yes);

/*
 * The advice from the answers that count now, whether guided sessions are
 * blocked, and whether the questions are required again. 0 with *out filled (release it), or -1
 * with error_last() set and *out empty.
 */
int coach_screening_outcome(struct coach *c, struct screening_outcome *out);

#endif
