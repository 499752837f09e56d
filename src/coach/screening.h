/* The red-flag screening for one runner (SAFETY.md section 1): recording a round of answers or a
 * clinician's clearance, and what the answers that count mean now. */
#ifndef HIPCOACH_COACH_SCREENING_H
#define HIPCOACH_COACH_SCREENING_H

#include "coach.h"
#include "core/advice.h"

/* What the screening says now. */
struct screening_outcome {
	struct advice_list
	    advice;  /* one item per yes that counts, most urgent first; empty: none */
	int blocked; /* guided sessions wait for a clinician's clearance */
};
void screening_outcome_init(struct screening_outcome *o);
void screening_outcome_release(struct screening_outcome *o);

/*
 * Records one round of answers, in one transaction: answers[i] (0 no, 1
 * yes) to the i-th question of safety_questions(), one for each. The new
 * round's number goes to *round when not NULL. A coach that has loaded the
 * profile takes the answers' exercise cautions into its conditions. 0, or
 * -1 with error_last() set ("cannot save your answers: ...").
 */
int coach_screening_record(struct coach *c, const int *answers, int *round);

/*
 * Records that a clinician has seen the runner and agrees they can
 * exercise (`note` may be NULL): the answers so far stop counting. *had_yes
 * (when not NULL) is 1 when a yes answer counted before it, blocking or
 * not, else 0. 0, or -1 with error_last() set.
 */
int coach_screening_clear(struct coach *c, const char *note, int *had_yes);

/*
 * The advice from the answers that count now, and whether guided sessions
 * are blocked. 0 with *out filled (release it), or -1 with error_last() set
 * and *out empty.
 */
int coach_screening_outcome(struct coach *c, struct screening_outcome *out);

#endif
