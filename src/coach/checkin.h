/* Check-ins outside a session: whether the morning question is due, and its answer. */
#ifndef HIPCOACH_COACH_CHECKIN_H
#define HIPCOACH_COACH_CHECKIN_H

#include "coach.h"

/*
 * Whether the morning question is due (SAFETY.md section 2: pain after
 * exercise must have settled by the next morning): yesterday had a
 * session, and today has no morning check-in yet. 1 due, 0 not, -1 with
 * error_last() set. Opens the store.
 */
int coach_morning_due(struct coach *c);
/*
 * Records today's morning pain `score` (0-10) in the pain table (context
 * 'morning'). 0, or -1 with error_last() saying "cannot save the check-in:
 * CAUSE".
 */
int coach_morning_record(struct coach *c, int score);

#endif
