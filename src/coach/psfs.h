/* The Patient-Specific Functional Scale for one runner: naming activities, scoring them, and
 * whether the average has really changed. */
#ifndef HIPCOACH_COACH_PSFS_H
#define HIPCOACH_COACH_PSFS_H

#include <stddef.h>
#include <stdint.h>

#include "coach.h"
#include "lib/datetime.h"
#include "store/psfs.h"

/* The direction of a change of the average, counted only from SAFETY_PSFS_REAL_CHANGE points. */
enum psfs_change { PSFS_NO_CHANGE, PSFS_BETTER, PSFS_WORSE };

/* The runner's activities and what their scores say together. */
struct psfs_summary {
	struct psfs_item *items; /* in the order they were added */
	size_t n;
	int scored; /* some activity has a score: the averages and the change mean something */
	double average_first, average_latest; /* over the scored activities, to 0.01 */
	enum psfs_change change;
};
void psfs_summary_release(struct psfs_summary *s);

/*
 * Adds an activity to the runner's list (opens the store). Its id goes to
 * *id when id is not NULL. 0, or -1 with error_last() set: "'NAME' is
 * already on your list", or the database's error.
 */
int coach_psfs_add(struct coach *c, const char *name, int64_t *id);

/*
 * Records a score of activity `id` on `date`. 0, or -1 with error_last()
 * set: a score outside 0-10, "no activity ID (see 'hipcoach psfs')", or
 * the database's error.
 */
int coach_psfs_rate(struct coach *c, int64_t id, day_t date, int score);

/*
 * The activities with their first and latest scores, the average of each
 * over the scored activities (rounded to 0.01), and whether the average
 * moved by a real change (SAFETY_PSFS_REAL_CHANGE, SAFETY.md section 7).
 * 0 with *out filled (release it), or -1 with error_last() set and *out
 * empty.
 */
int coach_psfs_summary(struct coach *c, struct psfs_summary *out);

#endif
