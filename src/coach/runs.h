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
	int more; /* a page: older ones are left */
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

/* A page of the list: its default length, and the longest one asked for. */
#define RUNS_PAGE_DEFAULT 100
#define RUNS_PAGE_MAX	  1000

/*
 * One page of coach_runs(), for a long history: the latest `limit` that
 * started on `since` or later and before `before` (UTC seconds; 0: no
 * bound), oldest first; out->more says whether older ones are left (the
 * next page is before the first one's start). Same-second activities stay
 * on one page. Reads only. 0, or -1 with error_last() set; release `out`.
 */
int coach_runs_page(struct coach *c, day_t since, time_t before, size_t limit, unsigned flags,
		    struct run_list *out);

/* One week's running, as `load` counts its weeks: its Monday, how many, how far, how long. */
struct run_week {
	day_t monday;
	int runs;
	double distance_m, time_s; /* time_s: moving time, else elapsed */
};

#define RUNS_WEEKS_DEFAULT 12
#define RUNS_WEEKS_MAX	   520

/*
 * The runs (every activity with RUN_LIST_ALL) of the last `weeks` weeks,
 * this one included, week by week, oldest first; a week without any is
 * there with zeros; nothing dated after today counts. *out is malloc'd (free it). 0, or -1 with
 * error_last().
 */
int coach_runs_weeks(struct coach *c, int weeks, unsigned flags, struct run_week **out, size_t *n);

#endif
