/* The runner's runs since a day, read once for every face. */
#include "runs.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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
