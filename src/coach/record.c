/* Recording without the player (`log session`, `log pain`, `log run`) and what each entry means. */
#include "record.h"

#include <stdio.h>
#include <stdlib.h>

#include "core/format.h"
#include "core/plan.h"
#include "core/progress.h"
#include "core/script.h"
#include "lib/error.h"
#include "lib/xalloc.h"
#include "screening.h"
#include "session.h"
#include "store/runs.h"
#include "store/session.h"

/* Faster than this on average (m/s) is a typing mistake, not a run: about 2:05 per km. */
#define MAX_RUN_SPEED 8.0

void coach_session_entry_init(struct coach_session_entry *e, enum exercise_kind kind, day_t date)
{
	e->kind = kind;
	e->date = date;
	e->pain_before = e->pain_after = e->pain_during = e->rpe = e->reserve = -1;
}

/* Whether `v` is -1 (not given) or within [lo, hi]. */
static int given_in(int v, int lo, int hi)
{
	return v == -1 || (v >= lo && v <= hi);
}

int coach_session_log(struct coach *c, const struct coach_session_entry *e,
		      struct coach_session_logged *out)
{
	const struct plan_input *in;
	struct plan_session ps;
	struct script script;
	struct result_rec *rows;
	size_t n = 0;
	int ret, reserve3 = -1;

	out->id = 0;
	out->exercises = out->sets = 0;
	if (e->date > clock_today())
		return error_set("cannot log a session in the future");
	if (!given_in(e->pain_before, 0, 10) || !given_in(e->pain_after, 0, 10) ||
	    !given_in(e->pain_during, 0, 10))
		return error_set("cannot log the session: pain is 0-10");
	if (!given_in(e->rpe, 1, 10) || !given_in(e->reserve, 0, 10))
		return error_set("cannot log the session: effort is 1-10, reps in reserve 0-10");
	if (e->kind == KIND_STRENGTH)
		reserve3 = progress_reserve3(e->rpe, e->reserve);
	in = coach_input(c);
	if (!in)
		return -1;
	plan_session_items(in, e->kind, &ps, NULL);
	ps.date = e->date;
	if (!ps.nitems) {
		plan_session_release(&ps);
		return error_set("no %s exercises fit your equipment and how your hip feels (see "
				 "'hipcoach plan')",
				 session_kind_names[e->kind]);
	}
	script_build(&script, &ps, &c->program);
	rows = xcalloc(script.nsteps + 1, sizeof(*rows));
	for (size_t i = 0; i < script.nsteps; i++) {
		const struct script_step *st = &script.steps[i];
		struct result_rec *row = &rows[n];

		if (!st->work)
			continue;
		session_record_row(&script, i, STATUS_DONE,
				   st->type == STEP_REPS ? -1 : st->duration_s, row);
		row->pain = e->pain_during;
		if (e->kind == KIND_STRENGTH) {
			row->rpe = e->rpe;
			row->reserve3 = reserve3;
		} else if (e->pain_during >= 0) {
			row->gentle = !safety_stretch_too_painful(e->pain_during);
		}
		n++;
	}
	ret = store_session_log(&c->store, e->date, e->kind, e->pain_before, e->pain_after, rows, n,
				&out->id);
	if (ret) {
		error_set("cannot save the session: %s", error_last());
	} else {
		out->exercises = ps.nitems;
		out->sets = n;
	}
	free(rows);
	script_release(&script);
	plan_session_release(&ps);
	return ret;
}

int coach_pain_log(struct coach *c, day_t date, int score, enum pain_context context, int location,
		   struct coach_pain_logged *out)
{
	struct store *st = &c->store;
	struct screening_state ss;
	int prev = -1;

	out->id = 0;
	out->previous = -1;
	out->reoffer = out->required = out->see_pt = out->adapts_plan = 0;
	out->rescreen.reason = RESCREEN_NO;
	out->zone = PAIN_FINE;
	if (score < 0 || score > 10)
		return error_set("cannot save the pain check-in: the score is 0-10, not %d", score);
	if (date > clock_today())
		return error_set("cannot save the pain check-in: it is in the future");
	if (coach_store(c, 0))
		return -1;
	/* The comparison is read with the row it belongs to: both or neither. */
	if (store_begin(st) || store_pain_add(st, date, score, context, location, 0, &out->id) ||
	    (prev = store_pain_previous(st, out->id)) < -1 || store_commit(st)) {
		store_rollback(st);
		return error_set("cannot save the pain check-in: %s", error_last());
	}
	out->previous = prev < 0 ? -1 : prev;
	/* SAFETY.md section 1: required again after a jump or groin pain, offered at 8. */
	if (coach_screening_state(c, &ss))
		return error_set("the pain check-in is saved, but the screening cannot be read: %s",
				 error_last());
	out->required = ss.required;
	out->rescreen = ss.rescreen;
	out->reoffer = ss.required || safety_reoffer_screening(score);
	out->see_pt = score >= SAFETY_PAIN_HIGH;
	out->zone = safety_pain_zone(score);
	out->adapts_plan = location == PAIN_LOCATION_OUTER || location == PAIN_LOCATION_GROIN;
	return 0;
}

int coach_run_too_fast(const char *sport, double distance_m, long seconds)
{
	return activity_sport_is_run(activity_sport_normalize(sport ? sport : "running")) &&
	       seconds > 0 && distance_m / (double)seconds > MAX_RUN_SPEED;
}

int coach_run_log(struct coach *c, day_t date, double distance_m, long seconds, const char *sport,
		  struct coach_run_logged *out)
{
	struct store *st = &c->store;
	struct activity *a = &out->act;
	struct runs_writer *w;
	int r;

	activity_init(a);
	out->duplicate = out->is_run = out->miles = 0;
	out->pace_s = 0;
	if (!(distance_m > 0 && distance_m <= COACH_RUN_MAX_DISTANCE_M) || seconds <= 0 ||
	    seconds > COACH_RUN_MAX_SECONDS || date > clock_today())
		return error_set("cannot save the run: the distance, the time or the date is out "
				 "of range");
	snprintf(a->sport, sizeof(a->sport), "%s",
		 activity_sport_normalize(sport ? sport : "running"));
	a->distance_m = distance_m;
	a->start = day_start_time(date) + 12 * 3600;
	a->moving_s = a->elapsed_s = (double)seconds;
	if (coach_store(c, 0))
		return -1;
	if (!(w = runs_writer_new(st)))
		return error_set("cannot save the run: %s", error_last());
	r = store_begin(st) ? -1 : runs_add(w, a, RUNS_SOURCE_MANUAL);
	if (r >= 0 && store_commit(st))
		r = -1;
	if (r < 0)
		store_rollback(st);
	runs_writer_free(w);
	if (r < 0)
		return error_set("cannot save the run: %s", error_last());
	out->duplicate = r == 1;
	out->is_run = activity_is_run(a);
	out->miles = coach_miles(c);
	out->pace_s = (long)((double)seconds / (distance_m / (out->miles ? 1609.344 : 1000)) + 0.5);
	return 0;
}
