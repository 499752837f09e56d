/* `hipcoach start`: a guided session, played step by step, every finished step recorded as it
 * happens. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "checkin.h"
#include "coach/session.h"
#include "core/player.h"
#include "core/script.h"
#include "lib/error.h"
#include "lib/parse.h"
#include "lib/xalloc.h"
#include "linemode.h"
#include "safety-gate.h"
#include "speech.h"
#include "tui.h"

static const struct opt opts[] = {
    {"exercise", 0, "ID", "only this exercise, e.g. clamshell (see 'hipcoach exercises')"},
    {"voice", 0, NULL, "say the cues aloud (needs espeak-ng)"},
    {"quiet", 0, NULL, "no terminal bell at the end of a hold or a rest"},
    {"lines", 0, NULL, "plain prompts, one line per answer, even on a terminal"},
    {0},
};

struct run {
	struct app *app;
	struct frontend *fe;
	const struct script *script;
	struct player player;
	struct session_record rec;
	size_t shown; /* the step the front end last announced */
};

/*
 * Asks for a whole number in [lo, hi]; `dflt` < lo means no default, and
 * an empty answer then gives -1. Returns 0, or 1 to quit.
 */
static int ask_int(struct run *r, const char *question, const char *hint, int dflt, int lo, int hi,
		   int *out)
{
	struct strbuf ans = STRBUF_INIT;
	char d[16];
	int ret;

	snprintf(d, sizeof(d), "%d", dflt);
	for (;;) {
		long v;

		ret = r->fe->ask(r->fe, question, hint, dflt >= lo ? d : NULL, &ans);
		if (ret)
			break;
		if (!ans.len) {
			*out = -1;
			break;
		}
		if (!parse_long_str(ans.buf, lo, hi, &v)) {
			*out = (int)v;
			break;
		}
		strbuf_reset(&ans);
		strbuf_addf(&ans, "Please answer with a number from %d to %d.", lo, hi);
		r->fe->message(r->fe, NULL, ans.buf);
	}
	strbuf_release(&ans);
	return ret;
}

/* Asks yes or no; *out 1 yes, 0 no. Returns 0, or 1 to quit. */
static int ask_yes(struct run *r, const char *question, int dflt, int *out)
{
	struct strbuf ans = STRBUF_INIT;
	int ret;

	for (;;) {
		ret = r->fe->ask(r->fe, question, dflt ? "Y/n" : "y/N", dflt ? "y" : "n", &ans);
		if (ret)
			break;
		if (!strcasecmp(ans.buf, "y") || !strcasecmp(ans.buf, "yes")) {
			*out = 1;
			break;
		}
		if (!strcasecmp(ans.buf, "n") || !strcasecmp(ans.buf, "no")) {
			*out = 0;
			break;
		}
		r->fe->message(r->fe, NULL, "Please answer y or n.");
	}
	strbuf_release(&ans);
	return ret;
}

/*
 * The reps of an exercise's done sets into reps[] (-1: as recorded),
 * asked once: Enter accepts every set as prescribed, a number is the same
 * count in every set, and only "n" goes set by set. 0, or 1 to quit.
 */
static int ask_reps(struct run *r, const struct prescription *p, const size_t *sets, size_t nsets,
		    int *reps)
{
	struct strbuf q = STRBUF_INIT, ans = STRBUF_INIT;
	int ret = 0, by_set = 0, per_side = 0;

	for (size_t k = 0; k < nsets; k++) {
		reps[k] = -1;
		per_side |= r->script->steps[sets[k]].side != SIDE_NONE;
	}
	if (!nsets)
		return 0;
	if (nsets == 1)
		strbuf_addf(&q, "Did you do %d reps?", p->reps_max);
	else
		strbuf_addf(&q, "Did you do %d reps in every set%s?", p->reps_max,
			    per_side ? ", each side" : "");
	for (;;) {
		long v;

		ret = r->fe->ask(r->fe, q.buf, "Y/n, or type the reps", "y", &ans);
		if (ret || !strcasecmp(ans.buf, "y") || !strcasecmp(ans.buf, "yes"))
			goto out;
		if (!strcasecmp(ans.buf, "n") || !strcasecmp(ans.buf, "no")) {
			by_set = 1;
			break;
		}
		if (!parse_long_str(ans.buf, 0, 200, &v)) {
			for (size_t k = 0; k < nsets; k++)
				reps[k] = (int)v;
			goto out;
		}
		r->fe->message(r->fe, NULL, "Please answer y, n, or the reps (a number).");
	}
	for (size_t k = 0; by_set && k < nsets; k++) {
		const struct script_step *st = &r->script->steps[sets[k]];
		const struct result_rec *row = &r->rec.rows[sets[k]];

		strbuf_reset(&q);
		strbuf_addf(&q, "Reps done, set %d", st->set_no);
		if (st->side)
			strbuf_addf(&q, " %s", side_label(st->side));
		ret = ask_int(r, q.buf, NULL, row->reps >= 0 ? row->reps : p->reps_max, 0, 200,
			      &reps[k]);
		if (ret)
			break;
	}
out:
	strbuf_release(&q);
	strbuf_release(&ans);
	return ret;
}

static int fail_store(void)
{
	return error("cannot save the session: %s", error_last());
}

/*
 * After a strength exercise: reps per set (the target as the default),
 * effort as "3 more?" or RPE (Hackett 2017: beginners judge RPE poorly, so
 * the yes/no question comes first), the pain during it (the highest "it
 * hurts" rating as the default), and the load used. Returns 0, 1 to quit,
 * -1 on error.
 */
static int checkin_strength(struct run *r, int item)
{
	const struct prescription *p = &r->script->session->items[item];
	struct strbuf q = STRBUF_INIT, ans = STRBUF_INIT;
	struct coach_session_checkin a;
	size_t *sets, nsets = session_record_checkin_sets(&r->rec, item, &sets);
	int *reps = xcalloc(nsets + 1, sizeof(*reps));
	int ret = 0;

	coach_session_checkin_init(&a);
	strbuf_addf(&q, "%s: how did it go?", prescription_name(p));
	r->fe->note(r->fe, q.buf);
	ret = ask_reps(r, p, sets, nsets, reps);
	if (ret)
		goto out;
	a.reps = reps;
	a.nreps = nsets;
	for (;;) {
		long v;

		ret = r->fe->ask(r->fe, "Could you have done 3 more?", "y/n, or effort 1-10", NULL,
				 &ans);
		if (ret)
			goto out;
		if (!ans.len)
			break;
		if (!strcasecmp(ans.buf, "y") || !strcasecmp(ans.buf, "yes")) {
			a.reserve3 = 1;
			break;
		}
		if (!strcasecmp(ans.buf, "n") || !strcasecmp(ans.buf, "no")) {
			a.reserve3 = 0;
			break;
		}
		if (!parse_long_str(ans.buf, 1, 10, &v)) {
			a.rpe = (int)v;
			break;
		}
		r->fe->message(r->fe, NULL, "Please answer y, n, or a number from 1 to 10.");
	}
	/* SAFETY.md section 2: pain during, once per exercise, as a number. */
	ret = ask_int(r, "Pain in your hip during it?", "0 none, 10 worst; Enter to skip",
		      session_record_item_pain(&r->rec, item), 0, 10, &a.pain);
	if (ret)
		goto out;
	if (p->load == PLOAD_DUMBBELL ||
	    (p->ex->load == LOAD_DUMBBELL && (r->app->coach.profile.equipment & EQ_DUMBBELLS))) {
		double unit = r->app->coach.profile.pounds ? 0.45359237 : 1;
		char d[32] = "";

		if (p->load_kg > 0)
			snprintf(d, sizeof(d), "%g",
				 r->app->coach.profile.pounds
				     ? (double)(long)(p->load_kg / unit * 2 + 0.5) / 2
				     : p->load_kg);
		for (;;) {
			double w;

			strbuf_reset(&q);
			strbuf_addf(&q, "Dumbbell weight per hand, %s",
				    r->app->coach.profile.pounds ? "lb" : "kg");
			ret = r->fe->ask(r->fe, q.buf, "0 for none", *d ? d : NULL, &ans);
			if (ret)
				goto out;
			if (!ans.len)
				break;
			if (!parse_double_str(ans.buf, &w) && w >= 0 && w <= 200) {
				a.load_kg = w * unit;
				break;
			}
			r->fe->message(r->fe, NULL, "Please answer with a weight, e.g. 8.");
		}
	} else if (p->load == PLOAD_BAND ||
		   (p->ex->load == LOAD_BAND && (r->app->coach.profile.equipment & EQ_BAND))) {
		ret = ask_yes(r, "Did you use the band?", p->load == PLOAD_BAND, &a.band);
		if (ret)
			goto out;
	}
	if (session_record_checkin(&r->rec, item, &a))
		ret = fail_store();
	else if (coach_session_pain_during_advice(a.pain))
		r->fe->message(r->fe, NULL, coach_session_pain_during_advice(a.pain));
out:
	r->fe->note(r->fe, NULL);
	strbuf_release(&q);
	strbuf_release(&ans);
	free(sets);
	free(reps);
	return ret;
}

/*
 * After a stretch: gentle or painful. A stretch should be a mild pull and
 * never pain (the article; SAFETY.md section 2).
 */
static int checkin_stretch(struct run *r, int item)
{
	struct strbuf q = STRBUF_INIT;
	struct coach_session_checkin a;
	int ret;

	coach_session_checkin_init(&a);
	strbuf_addf(&q, "%s: how did it feel?",
		    prescription_name(&r->script->session->items[item]));
	r->fe->note(r->fe, q.buf);
	strbuf_release(&q);
	ret = ask_yes(r, "Gentle, with no pain?", 1, &a.gentle);
	if (ret)
		return ret;
	if (!a.gentle) {
		ret = ask_int(r, "How much did it hurt?", "0-10", -1, 0, 10, &a.pain);
		if (ret)
			return ret;
	}
	if (coach_session_checkin_eases_off(&a))
		r->fe->message(r->fe, coach_session_ease_off_title, coach_session_ease_off_text);
	r->fe->note(r->fe, NULL);
	if (session_record_checkin(&r->rec, item, &a))
		return fail_store();
	return 0;
}

/* Check-ins happen with the player paused, so a rest starts after the questions. */
static int checkin_item(struct run *r, int item)
{
	struct player_change ch;
	int ret;

	player_event(&r->player, PLAYER_PAUSE, clock_monotonic_ms(), &ch);
	ret =
	    r->script->kind == KIND_STRENGTH ? checkin_strength(r, item) : checkin_stretch(r, item);
	player_event(&r->player, PLAYER_RESUME, clock_monotonic_ms(), &ch);
	return ret;
}

/*
 * "It hurts": how much, and what session_record_hurt() decides from it.
 * Within the line (5/10 strength, 3/10 stretch) the exercise goes on
 * unless the runner chooses to stop it. Returns 0, 1 to quit, -1 on error;
 * *stopped when the exercise was stopped.
 */
static int hurt(struct run *r, size_t step, int *stopped)
{
	struct player_change ch;
	struct coach_session_hurt h;
	struct strbuf sb = STRBUF_INIT;
	const char *title;
	int pain, ret, go_on = 1;

	*stopped = 0;
	player_event(&r->player, PLAYER_PAUSE, clock_monotonic_ms(), &ch);
	ret = ask_int(r, "How much does it hurt?", "0 none, 10 worst", -1, 0, 10, &pain);
	if (ret)
		goto out;
	if (session_record_hurt(&r->rec, step, pain, &h)) {
		ret = fail_store();
		goto out;
	}
	if (pain >= 0 || h.stopped) {
		session_record_hurt_message(&r->rec, step, &h, "press p again", "\n", &title, &sb);
		r->fe->message(r->fe, title, sb.buf);
	}
	if (!h.stopped) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, "Carry on with %s?", prescription_name(r->script->steps[step].p));
		ret = ask_yes(r, sb.buf, 1, &go_on);
		if (ret)
			goto out;
		if (!go_on) {
			if (session_record_hurt_stop(&r->rec, step, &h)) {
				ret = fail_store();
				goto out;
			}
			strbuf_reset(&sb);
			session_record_hurt_message(&r->rec, step, &h, "press p again", "\n",
						    &title, &sb);
			r->fe->message(r->fe, title, sb.buf);
		}
	}
	if (h.stopped) {
		*stopped = 1;
		player_goto(&r->player, h.next, clock_monotonic_ms());
	}
out:
	player_event(&r->player, PLAYER_RESUME, clock_monotonic_ms(), &ch);
	strbuf_release(&sb);
	return ret;
}

/* A step ended: record it, and after an exercise's last set, its check-in. 0, 1 quit, -1. */
static int step_ended(struct run *r, const struct player_change *ch)
{
	int stopped = 0, item, ret;

	if (session_record_step(&r->rec, ch->step, ch->status, ch->elapsed_ms))
		return fail_store();
	if (ch->status == STATUS_HURT) {
		ret = hurt(r, ch->step, &stopped);
		if (ret)
			return ret;
	}
	item = session_record_checkin_due(&r->rec, ch->step, stopped);
	return item < 0 ? 0 : checkin_item(r, item);
}

static void announce(struct run *r)
{
	if ((r->player.state == PLAYER_RUNNING || r->player.state == PLAYER_PAUSED) &&
	    r->player.step != r->shown) {
		r->shown = r->player.step;
		r->fe->step(r->fe, &r->player);
	}
}

/* Plays the script from the player's step to the end or a quit. 0 finished, 1 quit, -1 error. */
static int play(struct run *r)
{
	int scale = clock_time_scale();

	r->shown = (size_t)-1;
	for (;;) {
		struct player_change ch;
		struct player_view v;
		enum player_event ev;
		int64_t now = clock_monotonic_ms(), wait;
		int ret;

		while (player_tick(&r->player, now, &ch)) {
			if (ch.type == CHANGE_CUE) {
				announce(r);
				r->fe->cue(r->fe, &r->player, ch.cue);
				continue;
			}
			/* A step the clock ended: its countdown ran out. */
			r->fe->time_up(r->fe, &r->script->steps[ch.step]);
			ret = step_ended(r, &ch);
			if (ret)
				return ret;
			now = clock_monotonic_ms();
		}
		announce(r);
		if (r->player.state == PLAYER_FINISHED)
			return 0;
		if (r->player.state == PLAYER_STOPPED)
			return 1;
		player_view(&r->player, now, &v);
		wait = v.next_change_ms < 0 ? 1000 * scale : v.next_change_ms;
		wait = (wait + scale - 1) / scale;
		if (!r->fe->wait(r->fe, &r->player, &v, wait < 1 ? 1 : wait, &ev))
			continue;
		if (player_event(&r->player, ev, clock_monotonic_ms(), &ch)) {
			ret = step_ended(r, &ch);
			if (ret)
				return ret;
		}
		if (r->player.state == PLAYER_STOPPED)
			return 1;
	}
}

static int parse_kind(const char *s, enum exercise_kind *kind)
{
	if (!strcmp(s, "strength"))
		*kind = KIND_STRENGTH;
	else if (!strcmp(s, "stretch") || !strcmp(s, "stretches"))
		*kind = KIND_STRETCH;
	else
		return -1;
	return 0;
}

/* "2 sets each side", "3 of 4 sets, 1 skipped", "stopped: it hurt": what became of one exercise. */
static void summary_item(const struct run *r, int item, struct strbuf *sb)
{
	const struct prescription *p = &r->script->session->items[item];
	size_t planned, done, skipped, hurt;
	int stretch = r->script->kind == KIND_STRETCH;

	session_record_item_counts(&r->rec, item, &planned, &done, &skipped, &hurt);
	if (done == planned) {
		int n = p->per_side ? p->sets : (int)done;

		strbuf_addf(sb, "%d %s%s", n,
			    stretch ? (n == 1 ? "hold" : "holds") : (n == 1 ? "set" : "sets"),
			    p->per_side ? " each side" : "");
		return;
	}
	if (!done && !hurt) {
		strbuf_addstr(sb, skipped ? "skipped" : "not reached");
		return;
	}
	strbuf_addf(sb, "%zu of %zu %s", done, planned, stretch ? "holds" : "sets");
	if (hurt)
		strbuf_addstr(sb, ", stopped: it hurt");
	else if (skipped)
		strbuf_addf(sb, ", %zu skipped", skipped);
}

/* "24 min", "under a minute" */
static void format_took(int64_t ms, struct strbuf *sb)
{
	int64_t min = (ms + 30000) / 60000;

	if (min < 1)
		strbuf_addstr(sb, "under a minute");
	else
		strbuf_addf(sb, "%lld min", (long long)min);
}

/*
 * The end: what was done, exercise by exercise, and how long it took
 * (`took_ms`, this sitting when `resumed`), built into `out`.
 */
static void finish_message(struct run *r, int skipped, int64_t took_ms, int resumed,
			   struct strbuf *out)
{
	size_t sets, hurtn, nskipped;
	int width = 0;

	if (skipped) {
		r->fe->message(r->fe, "Session skipped.",
			       "Nothing was done, so it does not count toward your week. That is "
			       "fine: pick it up again when you can.");
		return;
	}
	for (size_t i = 0; i < r->script->nitems; i++) {
		int w = display_width(prescription_name(&r->script->session->items[i]));

		if (w > width)
			width = w;
	}
	for (size_t i = 0; i < r->script->nitems; i++) {
		const char *name = prescription_name(&r->script->session->items[i]);

		strbuf_addf(out, "  %s%*s  ", name, width - display_width(name), "");
		summary_item(r, (int)i, out);
		strbuf_addch(out, '\n');
	}
	session_record_counts(&r->rec, &sets, &nskipped, &hurtn);
	strbuf_addf(out, "\n%zu %s done", sets,
		    r->script->kind == KIND_STRENGTH ? (sets == 1 ? "set" : "sets")
						     : (sets == 1 ? "hold" : "holds"));
	strbuf_addstr(out, resumed ? "; this time took " : " in ");
	format_took(took_ms, out);
	strbuf_addstr(out, ". Any soreness should settle by tomorrow morning; hipcoach will ask.");
	r->fe->summary(r->fe, "Session complete. Well done.", out->buf);
}

/*
 * The exercises of today's session of `kind` into *ps, only `only` when
 * not NULL. 0, or -1 after saying why there are none.
 */
static int session_items(const struct plan_input *in, const struct exercise *only,
			 enum exercise_kind kind, struct plan_session *ps)
{
	size_t j = 0;

	plan_session_items(in, kind, ps, NULL);
	for (size_t i = 0; only && i < ps->nitems; i++)
		if (ps->items[i].ex == only)
			ps->items[j++] = ps->items[i];
	if (only)
		ps->nitems = j;
	ps->date = clock_today();
	if (ps->nitems)
		return 0;
	plan_session_release(ps);
	if (only)
		return error("'%s' is left out of your plan for now (see 'hipcoach plan' for why)",
			     only->id);
	return error("no %s exercises fit your equipment and how your hip feels (see 'hipcoach "
		     "plan')",
		     session_kind_names[kind]);
}

/*
 * "Strength · 6 exercises · about 27 min", or the one exercise's name;
 * `no_voice` adds, once, that --voice found no espeak-ng.
 */
static void note_session(struct run *r, const struct plan_session *ps, int one, int no_voice)
{
	struct strbuf sb = STRBUF_INIT;
	int min = plan_session_minutes(ps, &r->app->coach.program);

	if (one)
		strbuf_addf(&sb, "%s · about %d min", prescription_name(&ps->items[0]),
			    min < 1 ? 1 : min);
	else
		strbuf_addf(&sb, "%s · %zu exercises · about %d min", r->fe->kind_name, ps->nitems,
			    min);
	if (no_voice)
		strbuf_addstr(&sb, "\nNo voice: espeak-ng is not installed (sudo apt install "
				   "espeak-ng). The cues are on the screen.");
	r->fe->note(r->fe, sb.buf);
	strbuf_release(&sb);
}

enum gate { GATE_GO, GATE_REST, GATE_STRETCH };

/*
 * Pain of 8 or more today means no strength work (coach_session_gate(),
 * SAFETY.md sections 2 and 4): says why and offers the stretches. A new
 * answer `pain_before` (-1: none yet) that decided it is recorded with a
 * skipped session. GATE_GO, GATE_REST (no stretches, or quit),
 * GATE_STRETCH, or -1 on error.
 */
static int pain_gate(struct run *r, int pain_before)
{
	struct coach *c = &r->app->coach;
	struct coach_session_gate g;
	int yes;

	if (coach_session_gate(c, KIND_STRENGTH, pain_before, &g))
		return error("%s", error_last());
	if (!g.rest)
		return GATE_GO;
	if (pain_before >= 0) {
		if (coach_session_skip_for_pain(c, KIND_STRENGTH, pain_before, "player"))
			return error("%s", error_last());
		app_recorded(r->app);
	}
	r->fe->message(r->fe, g.title, g.text);
	if (ask_yes(r, "Do the stretches instead?", 1, &yes) || !yes) {
		r->fe->message(r->fe, NULL, "Rest the hip today, then.");
		return GATE_REST;
	}
	return GATE_STRETCH;
}

static int run(struct app *app, const struct args *args)
{
	const struct command *cmd = app->cmd;
	const struct plan_input *in;
	const char *ex_id = arg_get(cmd, args, "exercise");
	const struct exercise *only = NULL;
	enum exercise_kind kind = KIND_STRETCH;
	struct plan_session ps = {0};
	struct script script = {0};
	struct session_rec open_rec;
	struct run r = {0};
	int explicit_kind = 0, due = 1, ret = 1, q, resume = 0, pain_before = -1, pain_after = -1;
	int morning, asked = 0, gate, no_voice;
	size_t ndone, nskipped, nhurt, from = 0;
	struct speech *voice;
	struct strbuf summary = STRBUF_INIT;
	int64_t t0;

	if (args->npos) {
		if (parse_kind(args->pos[0], &kind))
			return usage_error(cmd, "what to start: strength or stretch, not '%s'",
					   args->pos[0]);
		explicit_kind = 1;
	}
	in = app_input(app);
	if (!in)
		return 1;
	/* SAFETY.md section 1: an urgent-care or bone-stress answer blocks sessions. */
	if (safety_gate(app))
		return 1;
	if (ex_id) {
		only = program_find(&app->coach.program, ex_id);
		if (!only)
			return error("unknown exercise '%s' (see 'hipcoach exercises')", ex_id);
		if (explicit_kind && only->kind != kind)
			return usage_error(cmd, "'%s' is a %s exercise", ex_id,
					   session_kind_names[only->kind]);
		kind = only->kind;
	} else if (!explicit_kind && coach_session_due_kind(&app->coach, &kind, &due)) {
		return error("%s", error_last());
	}
	if (session_items(in, only, kind, &ps))
		return 1;

	morning = checkin_morning(app);
	if (morning < -1)
		goto out;

	r.app = app;
	voice = arg_has(cmd, args, "voice") ? speech_open() : NULL;
	no_voice = arg_has(cmd, args, "voice") && !voice;
	if (app->interactive && !arg_has(cmd, args, "lines")) {
		r.fe = tui_open(kind == KIND_STRENGTH ? "Strength" : "Stretches",
				app->coach.profile.pounds, voice);
		/* Said once, so that a runner who expected the full screen knows why not. */
		if (!r.fe)
			fprintf(stderr, "hipcoach: %s; the session goes on line by line.\n",
				error_last());
	}
	if (!r.fe)
		r.fe = linemode_open(kind == KIND_STRENGTH ? "Strength" : "Stretches",
				     app->coach.profile.pounds, voice);
	r.fe->quiet = arg_has(cmd, args, "quiet");
	note_session(&r, &ps, only != NULL, no_voice);
	if (!explicit_kind && !ex_id && !due) {
		int yes;

		if (ask_yes(&r,
			    "Nothing else is due today. Stretches are good any day: do them now?",
			    1, &yes) ||
		    !yes) {
			ret = 0;
			goto out;
		}
	}

	/* Strength work is off once the pain of the day reached 8, before and after asking it. */
	gate = kind == KIND_STRENGTH ? pain_gate(&r, -1) : GATE_GO;
	for (;;) {
		if (gate < 0)
			goto out;
		if (gate == GATE_REST) {
			ret = 0;
			goto out;
		}
		if (gate == GATE_STRETCH) {
			kind = KIND_STRETCH;
			only = NULL;
			plan_session_release(&ps);
			if (session_items(in, NULL, kind, &ps))
				goto out;
			r.fe->kind_name = "Stretches";
			note_session(&r, &ps, 0, 0);
		}
		q = coach_session_unfinished(&app->coach, kind, &open_rec);
		if (q < 0) {
			fail_store();
			goto out;
		}
		if (q > 0 && !only) {
			struct strbuf where = STRBUF_INIT;

			/* Say where: the script of today's session is the one it was played on. */
			script_build(&script, &ps, &app->coach.program);
			from = script_resume_step(&script, (size_t)open_rec.position);
			strbuf_addstr(&where, "Resume where you stopped (");
			script_where(&script, from, &where);
			strbuf_addstr(&where, ")?");
			script_release(&script);
			q = ask_yes(&r, where.buf, 1, &resume);
			strbuf_release(&where);
			if (q) {
				ret = 0;
				goto out;
			}
		}
		if (resume)
			break;
		if (!asked &&
		    ask_int(&r, "Pain in your hip right now?", "0 none, 10 worst; Enter to skip",
			    morning >= 0 ? morning : -1, 0, 10, &pain_before)) {
			ret = 0;
			goto out;
		}
		asked = 1;
		if (kind != KIND_STRENGTH || pain_before < 0 ||
		    (gate = pain_gate(&r, pain_before)) == GATE_GO)
			break;
	}

	script_build(&script, &ps, &app->coach.program);
	r.script = &script;
	session_record_init(&r.rec, &app->coach, &script);
	if (resume ? session_record_resume(&r.rec, open_rec.id)
		   : session_record_start(&r.rec, "player", pain_before)) {
		fail_store();
		goto out;
	}

	r.fe->note(r.fe, NULL);
	t0 = clock_monotonic_ms();
	player_init(&r.player, &script, t0);
	if (resume) {
		struct player_change ch;

		/* At the set itself, paused: SPACE starts it once you are in position. */
		player_goto(&r.player, from, t0);
		if (script.steps[from < script.nsteps ? from : 0].duration_s)
			player_event(&r.player, PLAYER_PAUSE, t0, &ch);
	}
	q = play(&r);
	if (q < 0)
		goto out;
	if (q == 1) {
		/* Quit: kept to resume today, or skipped when nothing was done. */
		q = session_record_quit(&r.rec);
		if (q < 0) {
			fail_store();
			goto out;
		}
		r.fe->close(r.fe);
		r.fe = NULL;
		if (q) {
			app_recorded(app);
			printf("Nothing was done, so this session is recorded as skipped: it does "
			       "not count toward your week.\n");
		} else {
			printf("Saved. 'hipcoach start %s' picks up where you left off today.\n",
			       kind == KIND_STRENGTH ? "strength" : "stretch");
		}
		ret = 0;
		goto out;
	}
	/*
	 * The end of input here still finishes the session, only without the pain
	 * score; with nothing done there is no "after" to ask about.
	 */
	session_record_counts(&r.rec, &ndone, &nskipped, &nhurt);
	if (ndone &&
	    !ask_int(&r, "Pain in your hip now that you are done?", "0-10; Enter to skip", -1, 0,
		     10, &pain_after) &&
	    coach_session_pain_after_advice(pain_after))
		r.fe->message(r.fe, NULL, coach_session_pain_after_advice(pain_after));
	q = session_record_finish(&r.rec, pain_after);
	if (q < 0) {
		fail_store();
		goto out;
	}
	app_recorded(app);
	finish_message(&r, q, clock_monotonic_ms() - t0, resume, &summary);
	ret = 0;
out:
	if (r.fe)
		r.fe->close(r.fe);
	strbuf_release(&summary);
	session_record_release(&r.rec);
	script_release(&script);
	plan_session_release(&ps);
	return ret;
}

const struct command cmd_start = {
    .name = "start",
    .summary = "be guided through today's session, with timers and check-ins",
    .usage = "[strength | stretch] [--exercise ID] [--voice] [--quiet] [--lines]",
    .help = "Guides you through a session step by step: a short countdown to get ready,\n"
	    "each set (per-side moves LEFT first, then RIGHT; the side named is the leg\n"
	    "that works or is stretched, and the steps say it in their words: \"Stand\n"
	    "tall on your LEFT leg\"), holds counted down, rests between sets and\n"
	    "between exercises, and form cues on the way. The end of every hold and\n"
	    "rest rings the terminal bell (--quiet turns it off); --voice says the cues\n"
	    "aloud through espeak-ng, and says once if it is not installed.\n"
	    "\n"
	    "With no argument it starts what is due today and not yet done, strength\n"
	    "first. Stretches can be done any day, more than once.\n"
	    "\n"
	    "Before the session it asks how much your hip hurts (0-10); after each\n"
	    "strength exercise whether you did the reps in every set (Enter: yes, as\n"
	    "prescribed; a number: that many in every set; n: set by set), how hard it\n"
	    "was (could you have done 3 more?), the pain during it and the load; after\n"
	    "each stretch whether it felt gentle; and at the end the pain after. The end\n"
	    "shows what you did, exercise by exercise, and how long it took, and leaves\n"
	    "it printed in the terminal.\n"
	    "\n"
	    "Every finished step is saved at once: quit whenever you like, and the next\n"
	    "'hipcoach start' the same day offers to resume where you stopped (\"Clamshell,\n"
	    "set 2 of 2, RIGHT leg\"), at that set; a hold waits for SPACE so you can get\n"
	    "into position. A session quit or ended with nothing done is recorded as\n"
	    "skipped: it does not count toward your week.\n"
	    "\n"
	    "\"It hurts\" asks how much. Up to 5 out of 10 during strength work is\n"
	    "acceptable if it settles by the next morning: the set counts and you carry\n"
	    "on, or stop if you choose. Above 5 the exercise stops for today. A stretch\n"
	    "should never hurt: ease off, and above 3 that stretch stops. With pain of 8\n"
	    "or more that day there is no strength work: it offers the stretches, or rest.\n"
	    "\n"
	    "On a terminal: SPACE done (or pause during a hold), s skip, p it hurts,\n"
	    "b back, q quit and save; a tall terminal gets bigger digits. When input or\n"
	    "output is not a terminal, or with --lines, it asks plain questions, one\n"
	    "line per answer, and prints \"time's up\" at the end of a hold: an empty\n"
	    "line accepts the default or goes on, q quits and saves.",
    .opts = opts,
    .min_pos = 0,
    .max_pos = 1,
    .run = run,
    .group = GROUP_DAILY,
};
