/* The runner's runs (or every activity) since a day, for `runs` and GET /api/runs alike. */
#ifndef HIPCOACH_COACH_RUNS_H
#define HIPCOACH_COACH_RUNS_H

#include <stddef.h>

#include "coach.h"
#include "lib/datetime.h"
#include "store/runs.h"

enum run_list_flags {
	RUN_LIST_ALL = 1 << 0, /* every activity (rides, walks...), not only runs */
};

/* Stored activities, oldest first. */
struct run_list {
	day_t since; /* the first day read; 0: from the first activity */
	unsigned flags;
	struct run_rec *runs;
	size_t n;
};

void run_list_init(struct run_list *l);
void run_list_release(struct run_list *l);

/*
 * The runs (with RUN_LIST_ALL every activity) that started on local day
 * `since` or later, oldest first; `since` 0 means all of them. Opens the
 * store; no profile needed. Reads only. 0, or -1 with error_last() set;
 * release `out` either way.
 */
int coach_runs(struct coach *c, day_t since, unsigned flags, struct run_list *out);

#endif
