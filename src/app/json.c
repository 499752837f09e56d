/* The JSON shapes of exercises, prescriptions, plans and profiles, shared by --json and the web API
 * (docs/json.md). */
#include "app.h"
#include "core/format.h"
#include "core/safety.h"
#include "json-program.h"

#include <math.h>

static json_t *strings(char *const *v, size_t n)
{
	json_t *a = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_string(v[i]));
	return a;
}

static json_t *equipment(unsigned eq)
{
	json_t *a = json_array();

	for (int i = 0; i < EQ_COUNT; i++)
		if (eq & (1u << i))
			json_array_append_new(a, json_string(equipment_names[i]));
	return a;
}

static const char *const kind_names[] = {"strength", "stretch"};
static const char *const mode_names[] = {"reps", "hold", "breath"};
static const char *const load_names[] = {"none", "band", "dumbbell"};

json_t *json_exercise_summary(const struct exercise *ex)
{
	json_t *o = json_object(), *targets = json_array();

	for (size_t i = 0; i < ex->ntargets; i++)
		json_array_append_new(targets, json_string(ex->targets[i].muscle));
	json_object_set_new(o, "id", json_string(ex->id));
	json_object_set_new(o, "name", json_string(ex->name));
	json_object_set_new(o, "kind", json_string(kind_names[ex->kind]));
	json_object_set_new(o, "mode", json_string(mode_names[ex->mode]));
	json_object_set_new(o, "per_side", json_boolean(ex->per_side));
	json_object_set_new(o, "equipment", equipment(ex->equip_required));
	json_object_set_new(o, "optional_equipment", equipment(ex->equip_optional));
	json_object_set_new(o, "targets", targets);
	return o;
}

json_t *json_prescription(const struct prescription *p, int pounds)
{
	json_t *o = json_object();
	struct strbuf dose = STRBUF_INIT;

	json_object_set_new(o, "exercise", json_string(p->ex->id));
	json_object_set_new(o, "name", json_string(prescription_name(p)));
	json_object_set_new(o, "variant", p->variant ? json_string(p->variant->id) : json_null());
	json_object_set_new(o, "sets", json_integer(p->sets));
	json_object_set_new(o, "reps_min", p->reps_max ? json_integer(p->reps_min) : json_null());
	json_object_set_new(o, "reps_max", p->reps_max ? json_integer(p->reps_max) : json_null());
	json_object_set_new(o, "hold_s", p->hold_s ? json_integer(p->hold_s) : json_null());
	json_object_set_new(o, "per_side", json_boolean(p->per_side));
	json_object_set_new(o, "rest_s", json_integer(p->rest_s));
	json_object_set_new(o, "load", json_string(load_type_names[p->load]));
	json_object_set_new(o, "load_kg", p->load_kg > 0 ? json_real(p->load_kg) : json_null());
	json_object_set_new(o, "caution", p->caution ? json_string(p->caution->text) : json_null());
	json_object_set_new(o, "dose_set_by",
			    p->dose_set ? json_string(p->dose_set->who) : json_null());
	format_dose(&dose, p, pounds);
	json_object_set_new(o, "dose_text", json_string(dose.buf));
	strbuf_release(&dose);
	return o;
}

json_t *json_exercise_full(const struct app *app, const struct exercise *ex)
{
	json_t *o = json_exercise_summary(ex), *a;

	a = json_array();
	for (size_t i = 0; i < ex->ntargets; i++) {
		json_t *t = json_object();

		json_object_set_new(t, "muscle", json_string(ex->targets[i].muscle));
		json_object_set_new(t, "gloss",
				    ex->targets[i].gloss ? json_string(ex->targets[i].gloss)
							 : json_null());
		json_array_append_new(a, t);
	}
	json_object_set_new(o, "target_details", a);
	json_object_set_new(o, "load", json_string(load_names[ex->load]));
	json_object_set_new(o, "why", json_string(ex->why));
	json_object_set_new(o, "steps", strings(ex->steps, ex->nsteps));
	json_object_set_new(o, "cues", strings(ex->cues, ex->ncues));
	a = json_array();
	for (size_t i = 0; i < ex->ncautions; i++) {
		const struct caution *c = &ex->cautions[i];
		json_t *j = json_object();
		int bit = 0;

		while (!(c->when & (1u << bit)))
			bit++;
		json_object_set_new(j, "when", json_string(condition_names[bit]));
		json_object_set_new(j, "action", json_string(caution_action_names[c->action]));
		json_object_set_new(j, "text", json_string(c->text));
		json_object_set_new(j, "source", json_string(c->source));
		json_array_append_new(a, j);
	}
	json_object_set_new(o, "cautions", a);
	a = json_array();
	for (size_t i = 0; i < ex->nvariants; i++) {
		const struct variant *v = &ex->variants[i];
		json_t *j = json_object();

		json_object_set_new(j, "id", json_string(v->id));
		json_object_set_new(j, "name", json_string(v->name));
		json_object_set_new(j, "direction", json_string(v->harder ? "harder" : "easier"));
		json_object_set_new(j, "equipment", equipment(v->equipment));
		json_object_set_new(j, "steps", strings(v->steps, v->nsteps));
		json_object_set_new(j, "why", v->why ? json_string(v->why) : json_null());
		json_array_append_new(a, j);
	}
	json_object_set_new(o, "variants", a);
	if (ex->fit_category >= 0) {
		json_t *f = json_object();

		json_object_set_new(f, "category", json_integer(ex->fit_category));
		json_object_set_new(f, "name",
				    ex->fit_name >= 0 ? json_integer(ex->fit_name) : json_null());
		json_object_set_new(f, "title",
				    ex->fit_title ? json_string(ex->fit_title) : json_null());
		json_object_set_new(o, "fit", f);
	} else {
		json_object_set_new(o, "fit", json_null());
	}
	json_object_set_new(o, "source", json_string(ex->source));
	if (app && app->coach.profile_loaded) {
		struct plan_session s;

		plan_session_items(&app->coach.input, ex->kind, &s, NULL);
		json_object_set_new(o, "dose", json_null());
		for (size_t i = 0; i < s.nitems; i++)
			if (s.items[i].ex == ex)
				json_object_set_new(o, "dose",
						    json_prescription(&s.items[i], app->coach.profile.pounds));
		plan_session_release(&s);
	}
	return o;
}

json_t *json_plan(const struct plan *plan, int pounds)
{
	json_t *o = json_object(), *days = json_array(), *notes = json_array();
	char buf[11];

	json_object_set_new(o, "level", json_string(level_names[plan->level]));
	json_object_set_new(o, "paused", json_boolean(plan->pause != 0));
	json_object_set_new(o, "paused_reason",
			    plan->pause ? json_string(safety_pause_text(plan->pause))
					: json_null());
	for (day_t d = plan->from; d < plan->from + plan->days; d++) {
		json_t *day = json_object(), *sessions = json_array();

		json_object_set_new(day, "date", json_string(day_format(d, buf)));
		for (size_t i = 0; i < plan->nsessions; i++) {
			const struct plan_session *s = &plan->sessions[i];
			json_t *js, *items;

			if (s->date != d)
				continue;
			js = json_object();
			items = json_array();
			json_object_set_new(js, "kind", json_string(kind_names[s->kind]));
			for (size_t j = 0; j < s->nitems; j++)
				json_array_append_new(items, json_prescription(&s->items[j], pounds));
			json_object_set_new(js, "items", items);
			json_array_append_new(sessions, js);
		}
		json_object_set_new(day, "sessions", sessions);
		json_array_append_new(days, day);
	}
	json_object_set_new(o, "days", days);
	for (size_t i = 0; i < plan->nnotes; i++)
		json_array_append_new(notes, json_string(plan->notes[i]));
	json_object_set_new(o, "notes", notes);
	json_object_set_new(o, "therapist", json_program_current(plan->therapist));
	return o;
}

json_t *json_profile(const struct profile *p)
{
	json_t *o = json_object(), *w = json_array(), *days;
	char buf[11];

	json_object_set_new(o, "name", p->name ? json_string(p->name) : json_null());
	json_object_set_new(o, "level", json_string(level_names[p->level]));
	json_object_set_new(o, "equipment", equipment(p->equipment));
	for (int i = 0; i < p->nweights; i++)
		json_array_append_new(w, json_real(p->weights_kg[i]));
	json_object_set_new(o, "dumbbells_kg", w);
	days = json_array();
	for (int i = 0; i < 7; i++)
		if (p->run_days & (1u << i))
			json_array_append_new(days, json_string(weekday_short[i]));
	json_object_set_new(o, "run_days", days);
	json_object_set_new(o, "long_run_day",
			    p->long_run_day >= 0 ? json_string(weekday_short[p->long_run_day])
						 : json_null());
	days = json_array();
	for (int i = 0; i < 7; i++)
		if (p->strength_days & (1u << i))
			json_array_append_new(days, json_string(weekday_short[i]));
	json_object_set_new(o, "strength_days", days);
	json_object_set_new(o, "units",
			    json_pack("{s:s, s:s}", "distance", p->miles ? "mi" : "km", "weight",
				      p->pounds ? "lb" : "kg"));
	json_object_set_new(o, "start_date", json_string(day_format(p->start_date, buf)));
	return o;
}

json_t *json_advice_list(const struct advice_list *l)
{
	json_t *a = json_array();

	for (size_t i = 0; i < l->n; i++) {
		json_t *o = json_object();

		json_object_set_new(o, "code", json_string(advice_code_names[l->items[i].code]));
		json_object_set_new(o, "message", json_string(l->items[i].message));
		json_object_set_new(o, "source", json_string(l->items[i].source));
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *json_day_or_null(day_t d)
{
	char buf[11];

	return d ? json_string(day_format(d, buf)) : json_null();
}

static json_t *json_one_decimal(double v)
{
	return json_real(round(v * 10) / 10);
}

static const char *const tristate_words[3] = {"unknown", "no", "yes"};

json_t *json_today(const struct today *t, const struct profile *p)
{
	json_t *o = json_object(), *a, *x;
	struct strbuf day = STRBUF_INIT;
	char hm[6];

	json_object_set_new(o, "date", json_day_or_null(t->date));
	format_day_long(&day, t->date);
	json_object_set_new(o, "day", json_string(day.buf));
	strbuf_release(&day);
	json_object_set_new(o, "name", p->name ? json_string(p->name) : json_null());
	json_object_set_new(o, "week", json_integer(t->week));
	json_object_set_new(o, "level", json_string(level_names[t->level]));
	a = json_array();
	for (int k = 0; k < 2; k++) {
		const struct today_session *ts = &t->sessions[k];

		x = json_object();
		json_object_set_new(x, "kind", json_string(kind_names[ts->kind]));
		json_object_set_new(x, "planned", json_boolean(ts->planned));
		json_object_set_new(x, "items", json_integer((json_int_t)ts->items));
		json_object_set_new(x, "minutes", json_integer(ts->minutes));
		if (ts->sets) {
			json_object_set_new(x, "sets", json_integer(ts->sets));
			json_object_set_new(x, "reps_min", json_integer(ts->reps_min));
			json_object_set_new(x, "reps_max", json_integer(ts->reps_max));
		}
		json_object_set_new(x, "done", json_boolean(ts->done));
		json_object_set_new(x, "done_at",
				    ts->done_at ? json_string(time_format_hm(ts->done_at, hm))
						: json_null());
		json_object_set_new(x, "resumable", json_boolean(ts->resumable));
		json_object_set_new(x, "position", json_integer(ts->position));
		if (ts->kind == KIND_STRENGTH)
			json_object_set_new(x, "rest_for_pain",
					    ts->rest_for_pain ? json_integer(ts->rest_pain)
							      : json_null());
		json_array_append_new(a, x);
	}
	json_object_set_new(o, "sessions", a);
	json_object_set_new(o, "week_planned", json_integer(t->week_planned));
	json_object_set_new(o, "week_done", json_integer(t->week_done));
	json_object_set_new(o, "streak", json_integer(t->streak));
	json_object_set_new(o, "screening_needed", json_boolean(t->screening_needed));
	if (t->status.screening.required) {
		struct strbuf why = STRBUF_INIT;

		safety_rescreen_reason(&t->status.screening.rescreen, &why);
		json_object_set_new(o, "screening_because", json_string(why.buf));
		strbuf_release(&why);
	} else {
		json_object_set_new(o, "screening_because", json_null());
	}
	json_object_set_new(o, "blocked", json_boolean(t->status.screening.blocked));
	json_object_set_new(o, "paused", json_boolean(t->pause != 0));
	json_object_set_new(o, "paused_reason",
			    t->paused_reason ? json_string(t->paused_reason) : json_null());
	a = json_advice_list(&t->status.advice);
	for (size_t i = 0; i < json_array_size(a); i++)
		json_object_set_new(
		    json_array_get(a, i), "blocks",
		    json_boolean(t->status.screening.blocked &&
				 advice_blocks_sessions(t->status.advice.items[i].code)));
	json_object_set_new(o, "advice", a);
	json_object_set_new(o, "therapist", json_program_current(t->status.therapist));
	if (t->have_pain) {
		json_t *w = json_array();

		x = json_object();
		for (int i = 0; i < t->nspark; i++)
			json_array_append_new(w, t->spark[i] >= 0 ? json_one_decimal(t->spark[i])
								  : json_null());
		json_object_set_new(x, "weeks", w);
		json_object_set_new(x, "from_week", json_integer(t->pain_from_week));
		json_object_set_new(x, "from", json_one_decimal(t->pain_from));
		json_object_set_new(x, "to_week", json_integer(t->pain_to_week));
		json_object_set_new(x, "to", json_one_decimal(t->pain_to));
		json_object_set_new(x, "trend",
				    t->pain_to_week > t->pain_from_week
					? json_string(pain_trend_names[t->trend])
					: json_null());
		json_object_set_new(o, "pain", x);
	} else {
		json_object_set_new(o, "pain", json_null());
	}
	if (t->have_running) {
		x = json_object();
		json_object_set_new(x, "last_7d_m",
				    json_integer((json_int_t)round(t->status.load.last7_m)));
		json_object_set_new(x, "recent_m",
				    json_integer((json_int_t)round(t->running.recent_m)));
		json_object_set_new(
		    x, "recent",
		    json_string(t->running.two_weeks ? "week-of-last-14d" : "last-7d"));
		json_object_set_new(x, "usual_week_m",
				    t->running.usual_m > 0
					? json_integer((json_int_t)round(t->running.usual_m))
					: json_null());
		json_object_set_new(
		    x, "usual",
		    json_string(t->running.before_program ? "before-program" : "last-4-weeks"));
		json_object_set_new(x, "change",
				    isnan(t->change) ? json_null()
						     : json_real(round(t->change * 1000) / 1000));
		json_object_set_new(x, "scaled_back",
				    json_string(tristate_words[t->scaled_back + 1]));
		json_object_set_new(o, "running", x);
	} else {
		json_object_set_new(o, "running", json_null());
	}
	x = json_object();
	json_object_set_new(x, "strength", json_day_or_null(t->next_strength));
	json_object_set_new(x, "long_run", json_day_or_null(t->next_long_run));
	json_object_set_new(o, "next", x);
	json_object_set_new(o, "long_run_cap_m",
			    t->long_run_cap_m >= 0
				? json_integer((json_int_t)round(t->long_run_cap_m))
				: json_null());
	json_object_set_new(o, "pounds", json_boolean(t->pounds));
	json_object_set_new(o, "miles", json_boolean(t->miles));
	return o;
}
