/* Running load for the coach: the runner's load report from the store, and its advice. */
#include "load.h"

#include <stdlib.h>

#include "core/format.h"
#include "lib/datetime.h"
#include "lib/xalloc.h"
#include "store/runs.h"

#define SRC_FRANDSEN "Frandsen et al., BJSM 2025, Garmin-RUNSAFE"
#define SRC_NIELSEN  "Nielsen et al., JOSPT 2014"

int coach_load_report(struct coach *c, struct load_report *out)
{
	struct run_rec *recs = NULL;
	struct activity *acts;
	size_t n = 0;
	day_t today = clock_today();

	if (coach_store(c, 0))
		return -1;
	if (store_runs_between(&c->store, 0, day_start_time(today + 1), RUNS_ONLY_RUNS, &recs, &n))
		return -1;
	acts = xcalloc(n ? n : 1, sizeof(*acts));
	for (size_t i = 0; i < n; i++)
		acts[i] = recs[i].act;
	free(recs);
	load_compute(acts, n, today, out);
	free(acts);
	return 0;
}

void coach_load_advice(const struct load_report *r, int miles, struct advice_list *out)
{
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT, c = STRBUF_INIT, day = STRBUF_INIT;

	if (r->long_run_warn) {
		/* Frandsen et al., BJSM 2025: a run > 10% longer than the 30-day longest raises
		 * risk. */
		format_distance(&a, r->latest_m, miles);
		format_distance(&b, r->prior_longest_m, miles);
		format_distance(&c, r->prior_longest_m * (1 + LOAD_LONG_RUN_MARGIN), miles);
		format_day_long(&day, r->latest_day);
		advice_add(
		    out, ADVICE_SCALE_BACK_RUNNING, SRC_FRANDSEN,
		    "Your run on %s was %s, %.0f%% longer than your longest in the 30 days "
		    "before (%s). In a study of 5,205 runners, a run more than 10%% longer "
		    "than the recent longest came with about %.1f times the injury rate. Keep "
		    "your next runs under %s and build up in smaller steps.",
		    day.buf, a.buf, r->latest_excess * 100, b.buf, r->hazard_ratio, c.buf);
	}
	if (r->weekly_warn) {
		/* Nielsen et al., JOSPT 2014: weekly increases above 30% raised hip injuries. */
		strbuf_reset(&a);
		strbuf_reset(&b);
		strbuf_reset(&c);
		format_distance(&a, r->last7_m, miles);
		format_distance(&b, r->prev7_m, miles);
		format_distance(&c, r->prev7_m * (1 + LOAD_WEEKLY_JUMP), miles);
		advice_add(out, ADVICE_SCALE_BACK_RUNNING, SRC_NIELSEN,
			   "You ran %s in the last 7 days, %.0f%% more than in the 7 days before "
			   "(%s). Weekly increases above 30%% came with more running injuries, "
			   "among them gluteus medius injuries and trochanteric bursitis at the "
			   "hip. Keep the coming week under %s.",
			   a.buf, r->weekly_change * 100, b.buf, c.buf);
	}
	strbuf_release(&a);
	strbuf_release(&b);
	strbuf_release(&c);
	strbuf_release(&day);
}
