/* The live session of the web app: script and player on the server, each finished step recorded as
 * it happens, check-ins asked through the page. */
#include "web-session.h"

#include <stdlib.h>
#include <string.h>

#include "coach/screening.h"
#include "coach/status.h"
#include "app.h"
#include "coach/session.h"
#include "core/player.h"
#include "core/safety.h"
#include "core/script.h"
#include "lib/error.h"
#include "lib/xalloc.h"
#include "store/session.h"
#include "coach/coach.h"

/* A page that has not asked for this long (real seconds) is gone: the player pauses there. */
#define AWAY_S 20
#define NCUES  32

enum pending { PENDING_NONE, PENDING_CHECKIN, PENDING_HURT };

struct cue_log {
	long seq;
	size_t step;
	const struct script_cue *cue;
};

struct web_session {
	int active;
	enum exercise_kind kind;
	struct plan_session ps;
	struct script script;
	struct player player;
	struct session_record rec;
	int64_t last_seen; /* monotonic ms of the latest request */
	struct cue_log cues[NCUES];
	long seq;
	enum pending pending;
	int pending_item;
	size_t pending_step;
	char *msg_title, *msg_text;
	long msg_seq;
	int finished; /* the session row is marked completed */
};

struct web_session *web_session_new(void)
{
	return xcalloc(1, sizeof(struct web_session));
}

static void clear_message(struct web_session *s)
{
	free(s->msg_title);
	free(s->msg_text);
	s->msg_title = s->msg_text = NULL;
}

static void end_live(struct web_session *s)
{
	if (s->active) {
		script_release(&s->script);
		plan_session_release(&s->ps);
		session_record_release(&s->rec);
	}
	clear_message(s);
	memset(s, 0, sizeof(*s));
}

void web_session_free(struct web_session *s)
{
	if (!s)
		return;
	end_live(s);
	free(s);
}

static void set_message(struct web_session *s, const char *title, const char *text)
{
	clear_message(s);
	s->msg_title = title ? xstrdup(title) : NULL;
	s->msg_text = xstrdup(text);
	s->msg_seq = ++s->seq;
}

static int fail(json_t **out, int status, const char *msg)
{
	*out = json_pack("{s:s}", "error", msg);
	return status;
}

/* The monotonic instant at which the current step began (where a step ended). */
static int64_t step_instant(const struct player *p)
{
	return p->origin_ms + p->paused_ms + p->step_start;
}

/*
 * A step ended: record it; "it hurts" asks how much; after an exercise's
 * last set, its check-in. Questions pause the player at the instant the
 * step ended, so a rest starts after the answers, as in the terminal.
 */
static int step_ended_id(struct web_session *s, const struct player_change *ch, const char *id)
{
	struct player_change dummy;
	int item;

	if (session_record_step_id(&s->rec, ch->step, ch->status, ch->elapsed_ms, id))
		return -1;
	if (ch->status == STATUS_HURT) {
		s->pending = PENDING_HURT;
		s->pending_step = ch->step;
		s->pending_item = s->script.steps[ch->step].item;
	} else if ((item = session_record_checkin_due(&s->rec, ch->step, 0)) >= 0) {
		s->pending = PENDING_CHECKIN;
		s->pending_item = item;
	}
	if (s->pending != PENDING_NONE)
		player_event(&s->player, PLAYER_PAUSE, step_instant(&s->player), &dummy);
	return 0;
}

static int step_ended(struct web_session *s, const struct player_change *ch)
{
	return step_ended_id(s, ch, NULL);
}

static void log_cue(struct web_session *s, size_t step, const struct script_cue *cue)
{
	struct cue_log *l = &s->cues[(size_t)s->seq % NCUES];

	l->seq = ++s->seq;
	l->step = step;
	l->cue = cue;
}

/* Brings the player up to `now`: cues fall due and timed steps end, each recorded in order. */
static int sync(struct web_session *s, int64_t now)
{
	struct player_change ch;
	int64_t away = (int64_t)AWAY_S * 1000 * clock_time_scale();

	if (s->player.state == PLAYER_RUNNING && s->last_seen && now - s->last_seen > away) {
		int64_t at = s->last_seen + away / 4;

		while (s->pending == PENDING_NONE && player_tick(&s->player, at, &ch)) {
			if (ch.type == CHANGE_CUE)
				continue; /* nobody heard it */
			if (step_ended(s, &ch))
				return -1;
		}
		if (s->player.state == PLAYER_RUNNING)
			player_event(&s->player, PLAYER_PAUSE, at, &ch);
	}
	s->last_seen = now;
	while (s->pending == PENDING_NONE && player_tick(&s->player, now, &ch)) {
		if (ch.type == CHANGE_CUE) {
			log_cue(s, ch.step, ch.cue);
			continue;
		}
		if (step_ended(s, &ch))
			return -1;
	}
	return 0;
}

/* ---- the view ---- */

static const char *state_names[] = {"running", "paused", "finished", "stopped"};
static const char *primary_names[] = {"done", "skip", "hurt", "pause", "resume", "back", "quit"};
static const char *cue_kind_names[] = {"start",	 "form", "halfway", "count",
				       "switch", "next", "breath"};

static json_t *str_or_null(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

static json_t *step_json(const struct app *app, const struct script_step *st)
{
	json_t *o = json_object(), *steps = json_array(), *cues = json_array();
	struct strbuf dose = STRBUF_INIT;
	char *const *v;
	size_t n = 0;

	json_object_set_new(o, "type", json_string(step_type_names[st->type]));
	json_object_set_new(o, "title", str_or_null(st->title));
	json_object_set_new(o, "detail", str_or_null(st->detail));
	json_object_set_new(o, "exercise", st->p ? json_string(st->p->ex->id) : json_null());
	json_object_set_new(
	    o, "variant", st->p && st->p->variant ? json_string(st->p->variant->id) : json_null());
	json_object_set_new(o, "name", st->p ? json_string(prescription_name(st->p)) : json_null());
	json_object_set_new(o, "side", st->side ? json_string(side_names[st->side]) : json_null());
	json_object_set_new(o, "side_label", str_or_null(side_label(st->side)));
	json_object_set_new(o, "set", st->set_no ? json_integer(st->set_no) : json_null());
	json_object_set_new(o, "sets", st->sets ? json_integer(st->sets) : json_null());
	json_object_set_new(o, "duration_s",
			    st->duration_s ? json_integer(st->duration_s) : json_null());
	if (st->p) {
		/* In the words of this step's side ("Stand on your LEFT leg"), as the terminal
		 * says. */
		if (st->how) {
			v = st->how;
			n = st->nhow;
		} else {
			v = prescription_steps(st->p, &n);
		}
		for (size_t i = 0; i < n; i++)
			json_array_append_new(steps, json_string(v[i]));
		for (size_t i = 0; i < st->p->ex->ncues; i++)
			json_array_append_new(cues, json_string(st->p->ex->cues[i]));
		format_dose(&dose, st->p, app->coach.profile_loaded && app->coach.profile.pounds);
	}
	json_object_set_new(o, "steps", steps);
	json_object_set_new(o, "form_cues", cues);
	json_object_set_new(o, "dose", str_or_null(dose.buf));
	json_object_set_new(o, "caution",
			    st->p && st->p->caution ? json_string(st->p->caution->text)
						    : json_null());
	strbuf_release(&dose);
	return o;
}

/*
 * The question after exercise `item` of `sc` as far as the script says it:
 * its type (session_checkin_type()), item and name, and for strength work
 * the target reps and the load it asks about. The same for the page that
 * plays the script itself and for the question the server asks.
 */
static json_t *question_json(const struct script *sc, const struct app *app, int item)
{
	const struct prescription *p = &sc->session->items[item];
	const char *type = session_checkin_type(sc);
	json_t *o = json_object();

	json_object_set_new(o, "type", json_string(type));
	json_object_set_new(o, "item", json_integer(item));
	json_object_set_new(o, "name", json_string(prescription_name(p)));
	if (strcmp(type, "strength"))
		return o;
	json_object_set_new(o, "reps_min", json_integer(p->reps_min));
	json_object_set_new(o, "reps_max", json_integer(p->reps_max));
	if (p->load == PLOAD_DUMBBELL || p->ex->load == LOAD_DUMBBELL)
		json_object_set_new(o, "load", json_string("dumbbell"));
	else if (p->load == PLOAD_BAND || p->ex->load == LOAD_BAND)
		json_object_set_new(o, "load", json_string("band"));
	else
		json_object_set_new(o, "load", json_null());
	json_object_set_new(o, "load_kg", p->load_kg > 0 ? json_real(p->load_kg) : json_null());
	json_object_set_new(o, "band", json_boolean(p->load == PLOAD_BAND));
	json_object_set_new(o, "pounds",
			    json_boolean(app->coach.profile_loaded && app->coach.profile.pounds));
	return o;
}

static json_t *checkin_json(const struct web_session *s, const struct app *app)
{
	const struct prescription *p;
	json_t *o, *sets;
	size_t *steps, nsteps;
	int pain;

	if (s->pending == PENDING_NONE) {
		size_t done, skipped, hurt;

		if (s->player.state != PLAYER_FINISHED || s->finished)
			return json_null();
		/* With nothing done there is no pain "after": the page only finishes it. */
		session_record_counts(&s->rec, &done, &skipped, &hurt);
		return json_pack("{s:s, s:b}", "type", "pain_after", "skipped", done == 0);
	}
	p = &s->script.session->items[s->pending_item];
	if (s->pending == PENDING_HURT) {
		int stretch = p->ex->kind == KIND_STRETCH;
		/* The coach's words before a rating: a stretch should never hurt. */
		struct coach_session_hurt h = {.pain = -1, .stretch = stretch};
		struct strbuf sb = STRBUF_INIT;
		const char *title;

		o = json_object();
		json_object_set_new(o, "item", json_integer(s->pending_item));
		json_object_set_new(o, "name", json_string(prescription_name(p)));
		json_object_set_new(o, "type", json_string("hurt"));
		json_object_set_new(o, "step", json_integer((json_int_t)s->pending_step));
		json_object_set_new(o, "kind", json_string(session_kind_names[p->ex->kind]));
		/* The highest rating the exercise goes on with (SAFETY.md section 2). */
		json_object_set_new(
		    o, "line",
		    json_integer(stretch ? SAFETY_STRETCH_PAIN : SAFETY_PAIN_ACCEPTABLE));
		session_record_hurt_message(&s->rec, s->pending_step, &h, "tap “It hurts” again",
					    " ", &title, &sb);
		json_object_set_new(o, "title", str_or_null(title));
		json_object_set_new(o, "text", json_string(sb.buf));
		strbuf_release(&sb);
		return o;
	}
	o = question_json(&s->script, app, s->pending_item);
	if (s->script.kind == KIND_STRETCH)
		return o;
	sets = json_array();
	nsteps = session_record_checkin_sets(&s->rec, s->pending_item, &steps);
	for (size_t k = 0; k < nsteps; k++) {
		size_t i = steps[k];
		const struct script_step *st = &s->script.steps[i];
		const struct result_rec *row = &s->rec.rows[i];

		json_array_append_new(
		    sets,
		    json_pack("{s:I, s:i, s:o, s:i}", "step", (json_int_t)i, "set", st->set_no,
			      "side", st->side ? json_string(side_names[st->side]) : json_null(),
			      "reps", row->reps >= 0 ? row->reps : p->reps_max));
	}
	free(steps);
	json_object_set_new(o, "sets", sets);
	pain = session_record_item_pain(&s->rec, s->pending_item);
	json_object_set_new(o, "pain", pain >= 0 ? json_integer(pain) : json_null());
	return o;
}

static json_t *view_json(struct web_session *s, struct app *app, long since, int64_t now)
{
	struct player_view v;
	json_t *o = json_object(), *cues = json_array(), *results = json_array();
	size_t done, skipped, hurt;
	int item;

	player_view(&s->player, now, &v);
	json_object_set_new(o, "active", json_true());
	json_object_set_new(o, "id", json_integer(s->rec.id));
	json_object_set_new(o, "kind", json_string(session_kind_names[s->kind]));
	json_object_set_new(o, "state", json_string(state_names[v.state]));
	json_object_set_new(o, "primary", json_string(primary_names[player_primary(&s->player)]));
	json_object_set_new(o, "step", json_integer((json_int_t)v.step));
	json_object_set_new(o, "nsteps", json_integer((json_int_t)s->script.nsteps));
	json_object_set_new(o, "item", json_integer(v.item_no));
	json_object_set_new(o, "nitems", json_integer(v.nitems));
	json_object_set_new(o, "current", v.cur ? step_json(app, v.cur) : json_null());
	json_object_set_new(o, "next",
			    v.next_work && v.next_work != v.cur ? step_json(app, v.next_work)
								: json_null());
	json_object_set_new(o, "elapsed_ms", json_integer(v.elapsed_ms));
	json_object_set_new(o, "remaining_s",
			    v.cur && v.cur->duration_s ? json_integer(v.remaining_s) : json_null());
	json_object_set_new(o, "step_fraction", json_real(v.step_fraction));
	json_object_set_new(o, "session_fraction", json_real(v.session_fraction));
	json_object_set_new(o, "next_change_ms", json_integer(v.next_change_ms));
	json_object_set_new(o, "cue", v.cue ? json_string(v.cue->text) : json_null());
	json_object_set_new(o, "time_scale", json_integer(clock_time_scale()));
	if (since >= 0) {
		for (long q = since + 1; q <= s->seq; q++) {
			const struct cue_log *l = &s->cues[(size_t)(q - 1) % NCUES];

			if (l->seq != q || !l->cue)
				continue;
			json_array_append_new(
			    cues, json_pack("{s:I, s:I, s:s, s:s, s:b, s:b}", "seq",
					    (json_int_t)l->seq, "step", (json_int_t)l->step, "kind",
					    cue_kind_names[l->cue->kind], "text",
					    l->cue->text ? l->cue->text : "", "beep", l->cue->beep,
					    "speak", l->cue->speak));
		}
	}
	json_object_set_new(o, "seq", json_integer(s->seq));
	json_object_set_new(o, "cues", cues);
	json_object_set_new(o, "checkin", checkin_json(s, app));
	json_object_set_new(o, "message",
			    s->msg_text
				? json_pack("{s:I, s:o, s:s}", "seq", (json_int_t)s->msg_seq,
					    "title", str_or_null(s->msg_title), "text", s->msg_text)
				: json_null());
	session_record_counts(&s->rec, &done, &skipped, &hurt);
	json_object_set_new(o, "summary",
			    json_pack("{s:I, s:I, s:I}", "done", (json_int_t)done, "skipped",
				      (json_int_t)skipped, "hurt", (json_int_t)hurt));
	/* How each step recorded so far ended, for the page's questions when it plays on alone. */
	for (size_t i = 0; i < s->script.nsteps; i++) {
		const struct result_rec *row = &s->rec.rows[i];

		if (s->rec.have[i])
			json_array_append_new(
			    results,
			    json_pack("{s:I, s:s, s:o}", "step", (json_int_t)i, "status",
				      step_status_names[row->status], "pain",
				      row->pain >= 0 ? json_integer(row->pain) : json_null()));
	}
	json_object_set_new(o, "results", results);
	if (since < 0) {
		/* The whole script, once, so the page can go on when the network drops. */
		json_t *steps = json_array();

		for (size_t i = 0; i < s->script.nsteps; i++) {
			const struct script_step *st = &s->script.steps[i];
			json_t *j = step_json(app, st);

			json_object_set_new(j, "item", json_integer(st->item + 1));
			json_object_set_new(j, "work", json_boolean(st->work));
			/* The highest "it hurts" rating the exercise goes on with (SAFETY.md
			 * section 2), for the page to ask the question while offline. */
			json_object_set_new(j, "hurt_line",
					    st->p ? json_integer(st->p->ex->kind == KIND_STRETCH
								     ? SAFETY_STRETCH_PAIN
								     : SAFETY_PAIN_ACCEPTABLE)
						  : json_null());
			/* The question its end brings when a set of the exercise was done (and
			 * the same after a step that stops the exercise). */
			item = session_checkin_follows(&s->script, i, 0);
			json_object_set_new(j, "checkin",
					    item >= 0 ? question_json(&s->script, app, item)
						      : json_null());
			json_array_append_new(steps, j);
		}
		json_object_set_new(o, "script", steps);
	}
	return o;
}

int web_session_get(struct web_session *s, struct app *app, long since, json_t **out)
{
	int64_t now = clock_monotonic_ms();

	if (!s->active) {
		*out = json_pack("{s:b}", "active", 0);
		return 200;
	}
	if (sync(s, now))
		return fail(out, 500, error_last());
	*out = view_json(s, app, since, now);
	return 200;
}

/* ---- start ---- */

static int parse_kind(const json_t *body, enum exercise_kind *kind)
{
	const char *k = json_string_value(json_object_get(body, "kind"));

	if (!k)
		return -1;
	if (!strcmp(k, "strength"))
		*kind = KIND_STRENGTH;
	else if (!strcmp(k, "stretch") || !strcmp(k, "stretches"))
		*kind = KIND_STRETCH;
	else
		return -1;
	return 0;
}

/* The screening answers that block guided sessions (SAFETY.md section 1), as advice; NULL when
 * none. *required is 1 when the questions must be answered again first. */
static json_t *blocking_advice(struct app *app, int *err, int *required)
{
	struct screening_outcome so;
	json_t *arr = NULL;

	*err = 0;
	if (coach_screening_outcome(&app->coach, &so)) {
		*err = 1;
		screening_outcome_release(&so);
		return NULL;
	}
	*required = so.required;
	if (so.blocked) {
		arr = json_advice_list(&so.advice);
		for (size_t i = 0; i < so.advice.n; i++)
			json_object_set_new(
			    json_array_get(arr, i), "blocks",
			    json_boolean(advice_blocks_sessions(so.advice.items[i].code)));
	}
	screening_outcome_release(&so);
	return arr;
}

int web_session_start(struct web_session *s, struct app *app, const json_t *body, json_t **out)
{
	const struct plan_input *in;
	enum exercise_kind kind;
	struct session_rec open_rec;
	day_t today = clock_today();
	int pain_before = -1, q, err, required;
	const json_t *resume = json_object_get(body, "resume"),
		     *pb = json_object_get(body, "pain_before");
	json_t *advice;
	int64_t now;

	if (parse_kind(body, &kind))
		return fail(out, 400, "kind is strength or stretch");
	if (pb && !json_is_null(pb)) {
		if (!json_is_integer(pb) || json_integer_value(pb) < 0 ||
		    json_integer_value(pb) > 10)
			return fail(out, 400, "pain_before is 0-10");
		pain_before = (int)json_integer_value(pb);
	}
	in = app_input(app);
	if (!in)
		return fail(out, strstr(error_last(), "setup") ? 409 : 500, error_last());
	advice = blocking_advice(app, &err, &required);
	if (err)
		return fail(out, 500, error_last());
	if (advice) {
		*out = json_pack("{s:s, s:o}", "error",
				 "guided sessions are paused until a clinician has seen you",
				 "advice", advice);
		return 409;
	}
	if (required)
		return fail(out, 409,
			    "answer the safety questions again before this session: hipcoach "
			    "check");
	if (s->active && s->kind == kind && s->player.state != PLAYER_FINISHED &&
	    s->player.state != PLAYER_STOPPED) {
		now = clock_monotonic_ms();
		if (sync(s, now))
			return fail(out, 500, error_last());
		*out = view_json(s, app, -1, now);
		return 200;
	}
	if (kind == KIND_STRENGTH) {
		struct coach_session_gate g;

		/* SAFETY.md sections 2 and 4: no strength work once the day's pain reached 8. */
		if (coach_session_gate(&app->coach, kind, pain_before, &g))
			return fail(out, 500, error_last());
		if (g.rest) {
			if (pain_before >= 0) {
				if (coach_session_skip_for_pain(&app->coach, kind, pain_before,
								"web"))
					return fail(out, 500, error_last());
				app_recorded(app);
			}
			*out = json_pack("{s:s, s:{s:s, s:s, s:i, s:s}}", "error", g.title, "rest",
					 "title", g.title, "text", g.text, "pain", g.pain,
					 "instead", "stretch");
			return 409;
		}
	}
	end_live(s);
	s->kind = kind;
	plan_session_items(in, kind, &s->ps, NULL);
	if (!s->ps.nitems) {
		plan_session_release(&s->ps);
		memset(s, 0, sizeof(*s));
		return fail(out, 409,
			    "no exercises of this kind fit your equipment and how your hip "
			    "feels");
	}
	s->ps.date = today;
	script_build(&s->script, &s->ps, &app->coach.program);
	session_record_init(&s->rec, &app->coach, &s->script);
	s->active = 1;
	s->pending = PENDING_NONE;

	q = coach_session_unfinished(&app->coach, kind, &open_rec);
	if (q < 0)
		goto store_fail;
	now = clock_monotonic_ms();
	if (q > 0 && !(resume && json_is_false(resume))) {
		if (session_record_resume(&s->rec, open_rec.id))
			goto store_fail;
		player_init(&s->player, &s->script, now);
		if (open_rec.position > 0)
			player_goto(&s->player, (size_t)open_rec.position, now);
	} else {
		if (session_record_start(&s->rec, "web", pain_before))
			goto store_fail;
		player_init(&s->player, &s->script, now);
	}
	s->last_seen = now;
	if (sync(s, now))
		goto store_fail;
	*out = view_json(s, app, -1, now);
	return 201;
store_fail:
	end_live(s);
	return fail(out, 500, error_last());
}

/* ---- events ---- */

static int int_or(const json_t *body, const char *key, int lo, int hi, int *out)
{
	const json_t *v = json_object_get(body, key);

	*out = -1;
	if (!v || json_is_null(v))
		return 0;
	if (json_is_boolean(v)) {
		*out = json_is_true(v);
		return lo <= *out && *out <= hi ? 0 : -1;
	}
	if (!json_is_integer(v) || json_integer_value(v) < lo || json_integer_value(v) > hi)
		return -1;
	*out = (int)json_integer_value(v);
	return 0;
}

/* The answers after a strength exercise (cmd-start.c asks the same): reps per set, effort, pain
 * during it, load. */
static int answer_strength(struct web_session *s, const json_t *body)
{
	const json_t *reps = json_object_get(body, "reps"), *kg = json_object_get(body, "load_kg"),
		     *band = json_object_get(body, "band");
	struct coach_session_checkin a;
	size_t *steps, nsets = session_record_checkin_sets(&s->rec, s->pending_item, &steps);
	int *v = xcalloc(nsets + 1, sizeof(*v));
	int ret = -2;

	free(steps);
	coach_session_checkin_init(&a);
	if (int_or(body, "reserve3", 0, 1, &a.reserve3) || int_or(body, "rpe", 1, 10, &a.rpe) ||
	    int_or(body, "pain", 0, 10, &a.pain))
		goto out;
	if (kg && !json_is_null(kg)) {
		if (!json_is_number(kg) || json_number_value(kg) < 0 || json_number_value(kg) > 200)
			goto out;
		a.load_kg = json_number_value(kg);
	} else if (band && json_is_boolean(band)) {
		a.band = json_is_true(band);
	}
	if (reps && !json_is_null(reps) && !json_is_array(reps))
		goto out;
	/* One number (or null: the target) for each set asked about; more are ignored. */
	for (size_t k = 0; json_is_array(reps) && k < nsets && k < json_array_size(reps); k++) {
		const json_t *r = json_array_get(reps, k);

		v[k] = -1;
		if (json_is_integer(r) && json_integer_value(r) >= 0 &&
		    json_integer_value(r) <= 200)
			v[k] = (int)json_integer_value(r);
		else if (!json_is_null(r))
			goto out;
		a.nreps = k + 1;
	}
	a.reps = v;
	ret = session_record_checkin(&s->rec, s->pending_item, &a);
	if (!ret && coach_session_pain_during_advice(a.pain))
		set_message(s, NULL, coach_session_pain_during_advice(a.pain));
out:
	free(v);
	return ret;
}

/* After a stretch: gentle, or how much it hurt; a painful stretch gets "ease off". */
static int answer_stretch(struct web_session *s, const json_t *body)
{
	struct coach_session_checkin a;

	coach_session_checkin_init(&a);
	if (int_or(body, "gentle", 0, 1, &a.gentle) || int_or(body, "pain", 0, 10, &a.pain))
		return -2;
	if (coach_session_checkin_eases_off(&a))
		set_message(s, coach_session_ease_off_title, coach_session_ease_off_text);
	return session_record_checkin(&s->rec, s->pending_item, &a);
}

/*
 * "It hurts": how much (`pain`), and what session_record_hurt() decides
 * from it; within the line the runner may still stop (`stop`). A stopped
 * exercise leaves the player paused where what follows it begins.
 */
static int answer_hurt(struct web_session *s, const json_t *body, int *stopped)
{
	struct coach_session_hurt h;
	struct strbuf sb = STRBUF_INIT;
	const char *title;
	int pain, stop;

	*stopped = 0;
	if (int_or(body, "pain", 0, 10, &pain) || int_or(body, "stop", 0, 1, &stop))
		return -2;
	if (session_record_hurt(&s->rec, s->pending_step, pain, &h))
		return -1;
	if (!h.stopped && stop == 1 && session_record_hurt_stop(&s->rec, s->pending_step, &h))
		return -1;
	if (pain >= 0 || h.stopped) {
		session_record_hurt_message(&s->rec, s->pending_step, &h, "tap “It hurts” again",
					    " ", &title, &sb);
		set_message(s, title, sb.buf);
	}
	strbuf_release(&sb);
	if (h.stopped) {
		*stopped = 1;
		player_goto(&s->player, h.next, clock_monotonic_ms());
		player_event(&s->player, PLAYER_PAUSE, clock_monotonic_ms(),
			     &(struct player_change){0});
	}
	return 0;
}

static int answer(struct web_session *s, const json_t *body)
{
	struct player_change ch;
	int ret = 0, stopped = 0, item;

	if (s->pending == PENDING_HURT) {
		ret = answer_hurt(s, body, &stopped);
		if (ret)
			return ret;
		s->pending = PENDING_NONE;
		item = session_record_checkin_due(&s->rec, s->pending_step, stopped);
		if (item >= 0) {
			s->pending = PENDING_CHECKIN;
			s->pending_item = item;
			return 0;
		}
	} else {
		ret = s->script.kind == KIND_STRENGTH ? answer_strength(s, body)
						      : answer_stretch(s, body);
		if (ret)
			return ret;
		s->pending = PENDING_NONE;
	}
	player_event(&s->player, PLAYER_RESUME, clock_monotonic_ms(), &ch);
	return 0;
}

static int finish(struct web_session *s, struct app *app, const json_t *body)
{
	const char *advice;
	int pain, skipped;

	if (int_or(body, "pain", 0, 10, &pain))
		return -2;
	skipped = session_record_finish(&s->rec, pain);
	if (skipped < 0)
		return -1;
	app_recorded(app);
	s->finished = 1;
	advice = coach_session_pain_after_advice(pain);
	if (skipped)
		set_message(s, "Session skipped.",
			    "Nothing was done, so it does not count toward your week. That is "
			    "fine: pick it up again when you can.");
	else if (advice)
		set_message(s, "Session complete.", advice);
	else
		set_message(s, "Session complete. Well done.",
			    "Any soreness should settle by tomorrow morning; hipcoach will ask.");
	return 0;
}

int web_session_event(struct web_session *s, struct app *app, const json_t *body, json_t **out)
{
	static const struct {
		const char *name;
		enum player_event ev;
	} events[] = {
	    {"done", PLAYER_DONE},   {"skip", PLAYER_SKIP},	{"hurt", PLAYER_HURT},
	    {"pause", PLAYER_PAUSE}, {"resume", PLAYER_RESUME}, {"back", PLAYER_BACK},
	    {"quit", PLAYER_QUIT},
	};
	const char *name = json_string_value(json_object_get(body, "event"));
	const json_t *step = json_object_get(body, "step");
	int64_t now = clock_monotonic_ms();
	struct player_change ch;
	int ret = 0;

	if (!name)
		return fail(out, 400, "event is required");
	if (!s->active)
		return fail(out, 409, "no session is running");
	if (sync(s, now))
		return fail(out, 500, error_last());
	if (!strcmp(name, "checkin")) {
		if (s->pending == PENDING_NONE)
			return fail(out, 409, "no question is waiting");
		ret = answer(s, body);
	} else if (!strcmp(name, "finish")) {
		if (s->player.state != PLAYER_FINISHED || s->pending != PENDING_NONE || s->finished)
			return fail(out, 409, "the session is not at its end");
		ret = finish(s, app, body);
	} else {
		enum player_event ev = PLAYER_DONE;
		size_t i;

		if (!strcmp(name, "primary")) {
			ev = player_primary(&s->player);
		} else {
			for (i = 0; i < ARRAY_SIZE(events) && strcmp(events[i].name, name); i++)
				;
			if (i == ARRAY_SIZE(events))
				return fail(out, 400, "unknown event");
			ev = events[i].ev;
		}
		if (s->pending != PENDING_NONE && ev != PLAYER_QUIT)
			return fail(out, 409, "answer the question first");
		/*
		 * A tap meant for a step that has just ended (the countdown ran out
		 * while the finger was on its way) must not pause or end the next.
		 */
		if (!json_is_integer(step) ||
		    json_integer_value(step) == (json_int_t)s->player.step) {
			if (player_event(&s->player, ev, now, &ch))
				ret = step_ended(s, &ch);
		}
	}
	if (ret == -2)
		return fail(out, 400, "invalid answer");
	if (ret)
		return fail(out, 500, error_last());
	if (sync(s, clock_monotonic_ms()))
		return fail(out, 500, error_last());
	*out = view_json(s, app,
			 json_is_integer(json_object_get(body, "since"))
			     ? (long)json_integer_value(json_object_get(body, "since"))
			     : -1,
			 clock_monotonic_ms());
	if (!s->finished && s->player.state == PLAYER_STOPPED) {
		/* Quit: kept to resume today, or skipped when nothing was done. */
		int skipped = session_record_quit(&s->rec);

		if (skipped < 0) {
			json_decref(*out);
			return fail(out, 500, error_last());
		}
		if (skipped)
			app_recorded(app);
		json_object_set_new(*out, "skipped", json_boolean(skipped));
	}
	if (s->finished || s->player.state == PLAYER_STOPPED) {
		/* The record is complete (or kept for resuming); the live state goes. */
		json_object_set_new(*out, "active", json_false());
		json_object_set_new(*out, "state",
				    json_string(s->finished ? "finished" : "stopped"));
		end_live(s);
	}
	return 200;
}

/* ---- steps played without the server ---- */

/* One step the page recorded while the network was down. */
struct sync_rec {
	const char *id;
	size_t step;
	enum player_event ev;
	int64_t elapsed_ms;
	const json_t *answer;  /* "it hurts": {"pain", "stop"} */
	const json_t *checkin; /* the answers to the check-in that followed it, or NULL */
};

/* Reads and checks every record before anything is written: -1 with *msg for a bad one. */
static int sync_parse(const struct web_session *s, const json_t *records, struct sync_rec **out,
		      size_t *n, const char **msg)
{
	size_t i;
	const json_t *r;

	*out = xcalloc(json_array_size(records) + 1, sizeof(**out));
	*n = 0;
	json_array_foreach(records, i, r)
	{
		struct sync_rec *x = &(*out)[(*n)++];
		const json_t *step = json_object_get(r, "step"),
			     *el = json_object_get(r, "elapsed_ms");
		const char *status = json_string_value(json_object_get(r, "status"));

		x->id = json_string_value(json_object_get(r, "id"));
		if (!x->id || !*x->id || strlen(x->id) > 64) {
			*msg = "each record has an id (a string of up to 64 bytes)";
			return -1;
		}
		if (!json_is_integer(step) || json_integer_value(step) < 0 ||
		    (size_t)json_integer_value(step) >= s->script.nsteps ||
		    !s->script.steps[json_integer_value(step)].work) {
			*msg = "each record's step is a work step of this session";
			return -1;
		}
		x->step = (size_t)json_integer_value(step);
		if (status && !strcmp(status, "done"))
			x->ev = PLAYER_DONE;
		else if (status && !strcmp(status, "skipped"))
			x->ev = PLAYER_SKIP;
		else if (status && !strcmp(status, "hurt"))
			x->ev = PLAYER_HURT;
		else {
			*msg = "each record's status is done, skipped or hurt";
			return -1;
		}
		x->elapsed_ms =
		    json_is_integer(el) && json_integer_value(el) >= 0 ? json_integer_value(el) : 0;
		x->answer = r;
		x->checkin = json_object_get(r, "checkin");
		if (x->checkin && !json_is_null(x->checkin) && !json_is_object(x->checkin)) {
			*msg = "a record's checkin is an object of answers";
			return -1;
		}
	}
	return 0;
}

/*
 * A question waiting when the page has moved past it: the page could not
 * ask it offline, so it is answered with nothing, as a runner who skips
 * it (the sets keep their target reps).
 */
static int sync_unanswered(struct web_session *s)
{
	json_t *none = json_object();
	int ret = s->pending != PENDING_NONE ? answer(s, none) : 0;

	json_decref(none);
	return ret;
}

int web_session_sync(struct web_session *s, struct app *app, const json_t *body, json_t **out)
{
	const json_t *records = json_object_get(body, "records"), *at = json_object_get(body, "at"),
		     *fin = json_object_get(body, "finish"),
		     *waiting = json_object_get(body, "checkin");
	struct sync_rec *recs = NULL;
	const char *msg = NULL;
	size_t n = 0, fresh = 0, repeats = 0;
	int64_t now;
	int ret = 0, status;

	if (!json_is_array(records))
		return fail(out, 400, "records is a list");
	if (fin && !json_is_null(fin) && !json_is_object(fin))
		return fail(out, 400, "finish is {\"pain\": 0-10 or null}");
	if (waiting && !json_is_null(waiting) && !json_is_object(waiting))
		return fail(out, 400, "checkin is {\"item\", ...answers} or null");
	if (!s->active) {
		/* The server restarted, or the page quit: today's unfinished session of that kind.
		 */
		json_t *start = json_pack(
		    "{s:O, s:b}", "kind",
		    json_object_get(body, "kind") ? json_object_get(body, "kind") : json_null(),
		    "resume", 1);
		json_t *view = NULL;
		size_t i;
		const json_t *r;
		int all_seen = 1;

		if (coach_store(&app->coach, 0)) {
			json_decref(start);
			return fail(out, 500, error_last());
		}
		/* Everything already recorded (the answer to an earlier sync was lost): nothing to
		 * do. */
		json_array_foreach(records, i, r)
		{
			const char *id = json_string_value(json_object_get(r, "id"));

			if (!id || store_result_client_id_exists(&app->coach.store, id) != 1)
				all_seen = 0;
		}
		if (all_seen) {
			json_decref(start);
			*out = json_pack("{s:b, s:I, s:I}", "active", 0, "recorded", (json_int_t)0,
					 "repeats", (json_int_t)json_array_size(records));
			return 200;
		}
		status = web_session_start(s, app, start, &view);
		json_decref(start);
		if (status >= 300) {
			*out = view;
			return status;
		}
		json_decref(view);
	}
	if (sync_parse(s, records, &recs, &n, &msg)) {
		free(recs);
		return fail(out, 400, msg);
	}
	if (json_is_integer(at) &&
	    (json_integer_value(at) < 0 || (size_t)json_integer_value(at) > s->script.nsteps)) {
		free(recs);
		return fail(out, 400, "at is a step of this session, or its end");
	}
	/* The question that was waiting when the network dropped, answered on the page: once, as
	 * it is then answered and no longer waits. */
	if (json_is_object(waiting) && s->pending == PENDING_CHECKIN &&
	    json_is_integer(json_object_get(waiting, "item")) &&
	    json_integer_value(json_object_get(waiting, "item")) == s->pending_item)
		ret = answer(s, waiting);
	for (size_t i = 0; i < n && !ret; i++) {
		struct sync_rec *x = &recs[i];
		struct player_change ch;
		int seen = session_record_step_seen(&s->rec, x->id);

		if (seen < 0) {
			ret = -1;
			break;
		}
		if (seen) {
			repeats++;
			continue;
		}
		if ((ret = sync_unanswered(s)))
			break;
		now = clock_monotonic_ms();
		if (s->player.step != x->step || s->player.state == PLAYER_FINISHED)
			player_goto(&s->player, x->step, now);
		if (!player_event(&s->player, x->ev, now, &ch))
			continue;
		ch.elapsed_ms = x->elapsed_ms;
		if ((ret = step_ended_id(s, &ch, x->id)))
			break;
		fresh++;
		if (x->ev == PLAYER_HURT && (ret = answer(s, x->answer)))
			break;
		/* The check-in the page asked after this step, answered as the server asks it. */
		if (s->pending == PENDING_CHECKIN && json_is_object(x->checkin))
			ret = answer(s, x->checkin);
	}
	free(recs);
	now = clock_monotonic_ms();
	if (!ret && json_is_integer(at) && (size_t)json_integer_value(at) != s->player.step) {
		ret = sync_unanswered(s);
		if (!ret)
			player_goto(&s->player, (size_t)json_integer_value(at), now);
	}
	if (!ret && fin && json_is_object(fin) && s->player.state == PLAYER_FINISHED &&
	    !s->finished) {
		ret = sync_unanswered(s);
		if (!ret)
			ret = finish(s, app, fin);
	}
	if (ret == -2) /* an "it hurts" answer out of range: the steps before it stand */
		return fail(out, 400, "invalid answer");
	if (ret)
		return fail(out, 500, error_last());
	s->last_seen = now;
	if (sync(s, now))
		return fail(out, 500, error_last());
	*out = view_json(s, app, s->seq, now);
	json_object_set_new(*out, "recorded", json_integer((json_int_t)fresh));
	json_object_set_new(*out, "repeats", json_integer((json_int_t)repeats));
	if (s->finished) {
		json_object_set_new(*out, "active", json_false());
		json_object_set_new(*out, "state", json_string("finished"));
		end_live(s);
	}
	return 200;
}

/* ---- today ---- */

int web_today(struct app *app, json_t **out)
{
	struct today t;

	if (coach_today(&app->coach, &t)) {
		int setup = strstr(error_last(), "setup") != NULL;

		today_release(&t);
		if (!setup)
			return fail(out, 500, error_last());
		*out = json_pack("{s:s, s:b}", "error", error_last(), "setup", setup);
		return 409;
	}
	*out = json_today(&t, &app->coach.profile);
	today_release(&t);
	return 200;
}
