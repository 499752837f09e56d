/* The runner's runs since a day, read once for every face. */
#include "runs.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/xalloc.h"

void run_list_init(struct run_list *l)
{
	memset(l, 0, sizeof(*l));
}

void run_list_release(struct run_list *l)
{
	free(l->runs);
	run_list_init(l);
}

int coach_runs(struct coach *c, day_t since, unsigned flags, struct run_list *out)
{
	run_list_init(out);
	out->since = since;
	out->flags = flags;
	if (coach_store(c, 0))
		return -1;
	/* No end: an activity dated in the future (a clock set wrong) is listed too. */
	return store_runs_between(&c->store, since ? day_start_time(since) : 0,
				  (time_t)INT64_MAX / 2,
				  (flags & RUN_LIST_ALL) ? 0 : RUNS_ONLY_RUNS, &out->runs, &out->n);
}

int coach_runs_page(struct coach *c, day_t since, time_t before, size_t limit, unsigned flags,
		    struct run_list *out)
{
	run_list_init(out);
	out->since = since;
	out->flags = flags;
	if (coach_store(c, 0))
		return -1;
	return store_runs_page(
	    &c->store, since ? day_start_time(since) : 0, before ? before : (time_t)INT64_MAX / 2,
	    (flags & RUN_LIST_ALL) ? 0 : RUNS_ONLY_RUNS, limit, &out->runs, &out->n, &out->more);
}

int coach_runs_weeks(struct coach *c, int weeks, unsigned flags, struct run_week **out, size_t *n)
{
	day_t first = day_week_start(clock_today()) - 7 * (weeks - 1);
	struct run_rec *runs;
	size_t nruns;

	*out = NULL;
	*n = 0;
	if (coach_store(c, 0) ||
	    store_runs_between(&c->store, day_start_time(first), day_start_time(first + 7 * weeks),
			       (flags & RUN_LIST_ALL) ? 0 : RUNS_ONLY_RUNS, &runs, &nruns))
		return -1;
	*out = xcalloc((size_t)weeks, sizeof(**out));
	*n = (size_t)weeks;
	for (int i = 0; i < weeks; i++)
		(*out)[i].monday = first + 7 * i;
	for (size_t i = 0; i < nruns; i++) {
		const struct activity *a = &runs[i].act;
		day_t d = day_of_time(a->start);
		long w = (d - first) / 7;
		double t = a->moving_s >= 0 ? a->moving_s : a->elapsed_s;

		/* As `load` counts its weeks: nothing dated after today (a watch's clock set
		 * wrong). */
		if (d < first || w >= weeks || d > clock_today())
			continue;
		(*out)[w].runs++;
		if (a->distance_m > 0)
			(*out)[w].distance_m += a->distance_m;
		if (t > 0)
			(*out)[w].time_s += t;
	}
	free(runs);
	return 0;
}
