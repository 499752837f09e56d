/* Today: what is due, what is done, how it is going and what comes next, computed once for every
 * face. */
#include "today.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/plan.h"
#include "session.h"
#include "store/session.h"

/* How far ahead "next" looks, and how far back the streak can reach. */
#define TODAY_AHEAD_DAYS  14
#define TODAY_STREAK_DAYS 366

void today_release(struct today *t)
{
	status_release(&t->status);
	memset(t, 0, sizeof(*t));
}

static void sessions_today(struct coach *c, struct today *t, const struct plan *plan,
			   const struct session_rec *recs, size_t n)
{
	for (int k = 0; k < 2; k++) {
		struct today_session *ts = &t->sessions[k];
		const struct plan_session *ps = plan_find(plan, t->date, (enum exercise_kind)k);
		const struct session_rec *fin = NULL, *open = NULL;

		ts->kind = (enum exercise_kind)k;
		for (size_t i = 0; i < n; i++) {
			if (recs[i].date != t->date || recs[i].kind != (enum exercise_kind)k)
				continue;
			if (recs[i].completed)
				fin = &recs[i];
			else if (!recs[i].skipped)
				open = &recs[i];
		}
		if (ps) {
			ts->planned = 1;
			ts->items = ps->nitems;
			ts->minutes = plan_session_minutes(ps, &c->program);
			if (k == KIND_STRENGTH && ps->nitems) {
				ts->sets = ps->items[0].sets;
				ts->reps_min = ps->items[0].reps_min;
				ts->reps_max = ps->items[0].reps_max;
			}
		}
		ts->done = fin != NULL;
		ts->done_at = fin ? fin->finished : 0;
		ts->resumable = open && !fin;
		ts->position = open && !fin ? open->position : 0;
	}
}

/* The same gate as a strength session's start, so today never offers what the player refuses. */
static int rest_for_pain(struct coach *c, struct today_session *ts)
{
	struct coach_session_gate g;

	ts->rest_pain = -1;
	if (coach_session_gate(c, KIND_STRENGTH, -1, &g))
		return -1;
	ts->rest_for_pain = g.rest;
	ts->rest_pain = g.rest ? g.pain : -1;
	return 0;
}

/* Days in a row with a completed session, up to today (or yesterday, when today has none yet). */
static int streak(const struct today *t, const struct session_rec *recs, size_t n)
{
	int days = 0;

	for (day_t d = t->date; d > t->date - TODAY_STREAK_DAYS; d--) {
		int any = 0;

		for (size_t i = 0; i < n && !any; i++)
			any = recs[i].completed && recs[i].date == d;
		if (!any && d == t->date)
			continue;
		if (!any)
			break;
		days++;
	}
	return days;
}

static int program_week(const struct today *t, day_t monday)
{
	day_t start = t->status.start;

	return monday + 6 < start ? 1 : (int)((monday + 6 - start) / 7) + 1;
}

/* The weekly pain and its trend as the escalation rules see them (SAFETY.md sections 2 and 4). */
static void pain(struct today *t)
{
	const struct status *s = &t->status;
	size_t first = s->nweeks > TODAY_PAIN_WEEKS ? s->nweeks - TODAY_PAIN_WEEKS : 0;
	int b = safety_baseline_week(s->weeks, s->nweeks);
	struct pain_change pc;

	for (size_t i = first; i < s->nweeks; i++)
		t->spark[t->nspark++] = s->weeks[i].value;
	if (b < 0)
		return;
	t->have_pain = 1;
	if (safety_pain_change(s->weeks, s->nweeks, &pc)) {
		/* One week to go on so far. */
		pc.base = pc.now = b;
		pc.from = pc.to = s->weeks[b].value;
		pc.trend = TREND_SAME;
	}
	t->pain_from = pc.from;
	t->pain_to = pc.to;
	t->pain_from_week = program_week(t, s->weeks[pc.base].monday);
	t->pain_to_week = program_week(t, s->weeks[pc.now].monday);
	t->trend = pc.trend;
}

static void running(struct today *t)
{
	const struct load_report *r = &t->status.load;

	t->change = NAN;
	t->long_run_cap_m = -1;
	if (!t->status.have_load)
		return;
	t->long_run_cap_m = r->long_run_cap_m;
	if (!r->nruns)
		return;
	t->have_running = 1;
	load_line(r, &t->running);
	if (t->running.usual_m > 0)
		t->change = t->running.recent_m / t->running.usual_m - 1;
	t->scaled_back = t->status.scaled_back;
}

static void next(struct coach *c, struct today *t, const struct plan *plan)
{
	for (size_t i = 0; i < plan->nsessions; i++)
		if (plan->sessions[i].date > t->date && plan->sessions[i].kind == KIND_STRENGTH) {
			t->next_strength = plan->sessions[i].date;
			break;
		}
	/* SAFETY.md section 1: no long run while running is paused. */
	if (c->profile.long_run_day >= 0 && !(t->pause & PAUSE_RUNNING)) {
		day_t d = t->date + 1;

		while (day_weekday(d) != c->profile.long_run_day)
			d++;
		t->next_long_run = d;
	}
}

int coach_today(struct coach *c, struct today *t)
{
	struct session_rec *recs = NULL;
	size_t nrecs = 0;
	struct plan plan;
	const struct status *s;

	memset(t, 0, sizeof(*t));
	if (coach_status(c, &t->status))
		return -1;
	s = &t->status;
	t->date = s->today;
	t->level = s->level;
	t->miles = c->profile.miles;
	t->pounds = c->profile.pounds;
	t->week = t->date >= s->start ? (int)((t->date - s->start) / 7) + 1 : 1;
	t->week_planned = s->weeks[s->nweeks - 1].planned;
	t->week_done = s->weeks[s->nweeks - 1].done;
	/* SAFETY.md section 1: before the first session, and again after a pain jump or groin
	 * pain. */
	t->screening_needed = !s->screening.rounds || s->screening.required;
	t->pause = c->input.pause;
	t->paused_reason = safety_pause_text(t->pause);
	if (store_sessions_between(&c->store, t->date - TODAY_STREAK_DAYS + 1, t->date, &recs,
				   &nrecs))
		return -1;
	plan_build(&plan, &c->input, t->date, TODAY_AHEAD_DAYS + 1);
	sessions_today(c, t, &plan, recs, nrecs);
	if (rest_for_pain(c, &t->sessions[KIND_STRENGTH])) {
		plan_release(&plan);
		free(recs);
		return -1;
	}
	t->streak = streak(t, recs, nrecs);
	pain(t);
	running(t);
	next(c, t, &plan);
	plan_release(&plan);
	free(recs);
	return 0;
}
