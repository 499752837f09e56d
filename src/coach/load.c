/* Running load for the coach: the runner's load report from the store, and its advice. */
#include "load.h"

#include <stdlib.h>

#include "core/format.h"
#include "lib/datetime.h"
#include "lib/xalloc.h"
#include "store/pain.h"
#include "store/profile.h"
#include "store/runs.h"

/* In plain words for the runner; the references (docs/SAFETY.md section 5): Frandsen et al., BJSM
 * 2025, Garmin-RUNSAFE, 5,205 runners; Nielsen et al., JOSPT 2014, 873 novice runners; sections
 * 5 and 2 [S]: the article, and Silbernagel 2007 extended to the hip. */
#define SRC_FRANDSEN "a 2025 study of 5,205 runners by Frandsen"
#define SRC_NIELSEN  "a 2014 study of 873 new runners by Nielsen"
#define SRC_RISE                                                                                   \
	"the article; a 2007 trial by Silbernagel of training while watching pain, applied to "    \
	"the hip"

/* The program's first day into *start: 1, 0 before setup, -1 on error. */
static int program_start(struct coach *c, day_t *start)
{
	struct profile p;
	int have;

	if (c->profile_loaded) {
		*start = c->profile.start_date;
		return 1;
	}
	have = store_profile_load(&c->store, &p);
	if (have > 0)
		*start = p.start_date;
	profile_release(&p);
	return have;
}

/*
 * The weekly pain the running load compares (LOAD_PAIN_WEEKS up to this
 * week), counted as the status counts it: from the program's first week,
 * never before. *out is malloc'd (free it), NULL when there is no week.
 */
static int pain_weeks(struct coach *c, const struct load_input *in, struct pain_week **out,
		      size_t *n)
{
	day_t this_week = day_week_start(in->today);
	day_t first = this_week - 7 * (LOAD_PAIN_WEEKS - 1);

	*out = NULL;
	*n = 0;
	if (in->have_start && day_week_start(in->start) > first)
		first = day_week_start(in->start);
	if (first > this_week)
		return 0;
	*n = (size_t)((this_week - first) / 7 + 1);
	*out = xcalloc(*n, sizeof(**out));
	if (coach_pain_weeks(c, first, *out, *n)) {
		free(*out);
		*out = NULL;
		*n = 0;
		return -1;
	}
	return 0;
}

/*
 * The runs the report reads (core/load.h, load_spans()): the first and the
 * latest run up to today through the index on the start, then only the runs
 * of the spans the rules look at, so that years of history cost nothing.
 * *out is malloc'd (free it).
 */
static int read_runs(struct coach *c, struct load_input *in, struct activity **out, size_t *n)
{
	struct load_span spans[LOAD_MAX_SPANS];
	time_t before = day_start_time(in->today + 1), t;
	size_t nspans, alloc = 0;
	day_t latest;
	int rc;

	*out = NULL;
	*n = 0;
	rc = store_runs_edge(&c->store, before, 0, RUNS_ONLY_RUNS, &t);
	if (rc <= 0)
		return rc;
	in->have_first_run = 1;
	in->first_run = day_of_time(t);
	if (store_runs_edge(&c->store, before, 1, RUNS_ONLY_RUNS, &t) < 0)
		return -1;
	latest = day_of_time(t);
	nspans = load_spans(in, latest, spans);
	for (size_t s = 0; s < nspans; s++) {
		struct run_rec *recs;
		size_t nrecs;

		if (store_runs_between(&c->store, day_start_time(spans[s].from),
				       day_start_time(spans[s].to + 1), RUNS_ONLY_RUNS, &recs,
				       &nrecs)) {
			free(*out);
			*out = NULL;
			*n = 0;
			return -1;
		}
		for (size_t i = 0; i < nrecs; i++) {
			ALLOC_GROW(*out, *n + 1, alloc);
			(*out)[(*n)++] = recs[i].act;
		}
		free(recs);
	}
	return 0;
}

int coach_load_report(struct coach *c, struct load_report *out)
{
	struct activity *acts = NULL;
	struct pain_week *weeks = NULL;
	struct load_input in = {.today = clock_today()};
	size_t n = 0, nweeks = 0;
	int rc;

	if (coach_store(c, 0))
		return -1;
	/* SAFETY.md section 5 [S]: "scaled back" is measured from the program's start or the
	 * first pain log; the rise rule reads the weekly pain. */
	rc = program_start(c, &in.start);
	if (rc < 0)
		return -1;
	in.have_start = rc;
	rc = store_pain_first_day(&c->store, &in.first_pain);
	if (rc < 0)
		return -1;
	in.have_first_pain = rc;
	if (pain_weeks(c, &in, &weeks, &nweeks))
		return -1;
	if (read_runs(c, &in, &acts, &n)) {
		free(weeks);
		return -1;
	}
	in.runs = acts;
	in.nruns = n;
	in.pain = weeks;
	in.npain = nweeks;
	load_compute(&in, out);
	free(acts);
	free(weeks);
	return 0;
}

void coach_load_advice(const struct load_report *r, int miles, struct advice_list *out)
{
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT, c = STRBUF_INIT, day = STRBUF_INIT;

	if (r->long_run_warn) {
		/* Frandsen et al., BJSM 2025: a run > 10% longer than the 30-day longest raises
		 * risk. The cap is the one every face shows (core/load.c computes it once). */
		format_distance(&a, r->latest_m, miles);
		format_distance(&b, r->prior_longest_m, miles);
		format_distance(&c, r->long_run_cap_m, miles);
		format_day_long(&day, r->latest_day);
		advice_add(
		    out, ADVICE_SCALE_BACK_RUNNING, SRC_FRANDSEN,
		    "Your run on %s was %s, %.0f%% longer than your longest in the 30 days "
		    "before (%s). In a study of 5,205 runners, a run more than 10%% longer "
		    "than the recent longest came with about %.1f times the injury rate. Keep "
		    "your next runs under %s (your longest recent run that was not such a jump, "
		    "+ 10%%) and build up in smaller steps.",
		    day.buf, a.buf, r->latest_excess * 100, b.buf, r->hazard_ratio, c.buf);
	}
	if (r->weekly_warn) {
		/* Nielsen et al., JOSPT 2014: weekly increases above 30% raised hip injuries; the
		 * warning stays for the 7 days after the week that jumped (SAFETY.md §5 [S]). */
		strbuf_reset(&a);
		strbuf_reset(&b);
		strbuf_reset(&day);
		format_distance(&a, r->jump_m, miles);
		format_distance(&b, r->jump_prev_m, miles);
		if (r->jump_end == r->today)
			strbuf_addstr(&day, "the last 7 days");
		else {
			strbuf_addstr(&day, "the 7 days to ");
			format_day_long(&day, r->jump_end);
		}
		advice_add(
		    out, ADVICE_SCALE_BACK_RUNNING, SRC_NIELSEN,
		    "You ran %s in %s, %.0f%% more than in the 7 days before (%s). Weekly "
		    "increases above 30%% came with more running injuries, among them "
		    "injuries of the gluteus medius (the muscle on the side of your hip) "
		    "and trochanteric bursitis (pain over the bony point on the outside of "
		    "the hip). For the next 7 days, go back to about %s, what you ran before "
		    "the jump, and build up from there in smaller steps.",
		    a.buf, day.buf, r->jump_change * 100, b.buf, b.buf);
	}
	if (r->rise_warn) {
		/* SAFETY.md §5 with §2 [S]: running rising while pain is not improving, whatever
		 * the size of each step. */
		strbuf_reset(&a);
		strbuf_reset(&b);
		format_distance(&a, r->rise_before_m, miles);
		format_distance(&b, r->last7_m, miles);
		advice_add(out, ADVICE_SCALE_BACK_RUNNING, SRC_RISE,
			   "Your running has gone up over the last 4 weeks, from %s to %s in 7 "
			   "days (+%.0f%%), while your hip pain has not improved (weekly pain "
			   "%.1f then, %.1f now). Even small steps add up, and hip pain in runners "
			   "most often comes from more running than the hip can recover from. Go "
			   "back to %s a week or less, and add running again only once the pain is "
			   "coming down.",
			   a.buf, b.buf, r->rise_change * 100, r->pain_from, r->pain_to, a.buf);
	}
	strbuf_release(&a);
	strbuf_release(&b);
	strbuf_release(&c);
	strbuf_release(&day);
}
