/* The runner's history: the sessions between two dates, each with what was done exercise by
 * exercise, for `history` and GET /api/history alike. */
#ifndef HIPCOACH_COACH_HISTORY_H
#define HIPCOACH_COACH_HISTORY_H

#include <stddef.h>

#include "coach.h"
#include "lib/datetime.h"
#include "store/session.h"

/* One exercise of a session: its consecutive results (sets, sides, holds) in step order. */
struct history_item {
	const char *exercise;	       /* the program's id */
	const char *variant;	       /* "": the exercise itself */
	const struct result_rec *sets; /* points into the session's results */
	size_t nsets;
};

/* One session with its results, and the same results by exercise. */
struct history_session {
	struct session_rec rec;
	struct result_rec *results; /* in step order */
	size_t nresults;
	struct history_item *items; /* in the order they were done */
	size_t nitems;
};

/* The sessions of a range of days, oldest first. */
struct history {
	day_t from, to; /* the range read, defaults applied (see coach_history()) */
	struct history_session *sessions;
	size_t n;
};

void history_init(struct history *h);
void history_release(struct history *h);

/*
 * The sessions with from <= date <= to, oldest first, each with its
 * results. `from` 0 means from the first session (out->from is then the
 * first session's date, or `to` when there is none); `to` 0 means today
 * (clock_today()). Needs a profile (coach_profile()): the faces name the
 * exercises from the program and weigh in the runner's unit. Reads only.
 * 0, or -1 with error_last() set (a missing profile says to run setup);
 * release `out` either way.
 */
int coach_history(struct coach *c, day_t from, day_t to, struct history *out);

/* Keeps only the `n` newest sessions of *h (all when it holds no more); the order stays. */
void history_keep_newest(struct history *h, size_t n);

#endif
