/* Builds the session script: steps, timings and cues from a planned session. */
#include "script.h"

#include <stdlib.h>
#include <string.h>

#include "lib/strbuf.h"
#include "lib/xalloc.h"

const char *const side_names[3] = {NULL, "left", "right"};
const char *const step_type_names[6] = {"ready", "reps", "hold", "breath", "switch", "rest"};

/* A rep takes about 3 s with the lowering done slowly (as plan_session_minutes). */
#define REP_S 3

struct builder {
	struct script *s;
	size_t alloc;
	size_t cue_alloc;
};

static struct script_step *add_step(struct builder *b, enum step_type type, size_t item,
				    const struct prescription *p)
{
	struct script_step *st;

	ALLOC_GROW(b->s->steps, b->s->nsteps + 1, b->alloc);
	st = &b->s->steps[b->s->nsteps++];
	memset(st, 0, sizeof(*st));
	st->type = type;
	st->item = (int)item;
	st->p = p;
	st->sets = p ? p->sets : 0;
	b->cue_alloc = 0;
	return st;
}

/* The exercise's steps for the step's side, once its side is known. */
static void add_how(struct script_step *st)
{
	const struct prescription *p = st->p;
	char *const *words = p->variant ? p->variant->side_steps : p->ex->side_steps;
	size_t n;
	char *const *plain = prescription_steps(p, &n);

	st->how = xcalloc(n + 1, sizeof(char *));
	st->nhow = n;
	for (size_t i = 0; i < n; i++) {
		struct strbuf sb = STRBUF_INIT;

		if (words && st->side != SIDE_NONE)
			program_side_words(&sb, words[i],
					   st->side == SIDE_LEFT ? "your LEFT" : "your RIGHT",
					   st->side == SIDE_LEFT ? "your RIGHT" : "your LEFT");
		else
			strbuf_addstr(&sb, plain[i]);
		st->how[i] = strbuf_detach(&sb, NULL);
	}
}

static void add_cue(struct builder *b, struct script_step *st, int at, enum cue_kind kind,
		    const char *text, int beep, int speak)
{
	struct script_cue *c;
	size_t pos;

	if (at < 0 || (st->duration_s && at >= st->duration_s))
		return;
	ALLOC_GROW(st->cues, st->ncues + 1, b->cue_alloc);
	/* Keep cues sorted by time; cues at the same second keep the order they were added. */
	for (pos = st->ncues; pos > 0 && st->cues[pos - 1].at_s > at; pos--)
		;
	memmove(&st->cues[pos + 1], &st->cues[pos], (st->ncues - pos) * sizeof(*c));
	c = &st->cues[pos];
	c->at_s = at;
	c->kind = kind;
	c->text = xstrdup(text);
	c->beep = beep;
	c->speak = speak;
	st->ncues++;
}

static void add_countdown(struct builder *b, struct script_step *st)
{
	static const char *const n[] = {"3", "2", "1"};

	if (st->duration_s < 6)
		return;
	for (int i = 0; i < 3; i++)
		add_cue(b, st, st->duration_s - 3 + i, CUE_COUNT, n[i], 1, 1);
}

/* The exercise's form cues spread over a timed step, clear of the halfway mark and the count. */
static void add_form_cues(struct builder *b, struct script_step *st)
{
	const struct exercise *ex = st->p->ex;
	int d = st->duration_s;

	if (!ex->ncues)
		return;
	if (!d) {
		/* Open-ended sets: one form cue every 10 s, cycling, for up to 3 minutes. */
		for (int t = 4, i = 0; t < 180; t += 10, i++)
			add_cue(b, st, t, CUE_FORM, ex->cues[(size_t)i % ex->ncues], 0, 1);
		return;
	}
	for (size_t i = 0; i < ex->ncues; i++) {
		int at = 4 + (int)i * (d - 8) / (int)ex->ncues;

		if (at == d / 2)
			at++;
		if (at < d - 4)
			add_cue(b, st, at, CUE_FORM, ex->cues[i], 0, 1);
	}
}

static void describe_reps(struct strbuf *sb, const struct prescription *p)
{
	if (p->reps_min == p->reps_max)
		strbuf_addf(sb, "%d reps", p->reps_max);
	else
		strbuf_addf(sb, "%d–%d reps", p->reps_min, p->reps_max);
}

static void add_work(struct builder *b, size_t item, const struct prescription *p, int set,
		     enum side side)
{
	enum step_type type = p->reps_max		   ? STEP_REPS
			      : p->ex->mode == MODE_BREATH ? STEP_BREATH
							   : STEP_HOLD;
	struct script_step *st = add_step(b, type, item, p);
	struct strbuf sb = STRBUF_INIT, say = STRBUF_INIT;
	const char *who = side_label(side);

	st->set_no = set;
	st->side = side;
	st->work = 1;
	st->bell_end = type != STEP_REPS;
	st->title = xstrdup(prescription_name(p));
	add_how(st);
	if (*who)
		strbuf_addf(&say, "%s: ", who);
	switch (type) {
	case STEP_REPS:
		describe_reps(&sb, p);
		if (p->reps_min == p->reps_max)
			strbuf_addf(&say, "%d reps", p->reps_max);
		else
			strbuf_addf(&say, "%d to %d reps", p->reps_min, p->reps_max);
		break;
	case STEP_HOLD:
		st->duration_s = p->hold_s;
		strbuf_addf(&sb, "hold %d s", p->hold_s);
		strbuf_addf(&say, "hold %d seconds", p->hold_s);
		break;
	default:
		st->duration_s = p->hold_s;
		strbuf_addf(&sb, "about %d s with your breath", p->hold_s);
		strbuf_addstr(&say, "move with your breath");
		break;
	}
	st->detail = strbuf_detach(&sb, NULL);
	add_cue(b, st, 0, CUE_START, say.buf, 1, 1);
	if (type == STEP_BREATH) {
		for (int t = 1, in = 1; t < st->duration_s - 3; t += SCRIPT_BREATH_S, in = !in)
			add_cue(b, st, t, CUE_BREATH, in ? "breathe in" : "breathe out", 0, 1);
	} else {
		add_form_cues(b, st);
	}
	if (type == STEP_HOLD && st->duration_s >= 10)
		add_cue(b, st, st->duration_s / 2, CUE_HALFWAY, "halfway", 1, 1);
	if (st->duration_s)
		add_countdown(b, st);
	strbuf_release(&say);
}

static void add_switch(struct builder *b, size_t item, const struct prescription *p, int set)
{
	struct script_step *st = add_step(b, STEP_SWITCH, item, p);

	st->set_no = set;
	st->side = SIDE_RIGHT;
	st->duration_s = SCRIPT_SWITCH_S;
	st->bell_end = 1;
	add_how(st);
	st->title = xstrdup("Switch sides");
	st->detail = xstrdup("RIGHT leg next");
	add_cue(b, st, 0, CUE_SWITCH, "switch sides: right leg", 1, 1);
}

static void add_rest(struct builder *b, size_t item, const struct prescription *next, int set,
		     int seconds)
{
	struct script_step *st;
	struct strbuf sb = STRBUF_INIT;

	if (seconds <= 0)
		return;
	st = add_step(b, STEP_REST, item, next);
	st->set_no = set;
	st->side = next->per_side ? SIDE_LEFT : SIDE_NONE;
	st->duration_s = seconds;
	st->bell_end = 1;
	add_how(st);
	st->title = xstrdup("Rest");
	if (set > 1)
		strbuf_addf(&sb, "next: set %d of %d", set, next->sets);
	else
		strbuf_addf(&sb, "next: %s", prescription_name(next));
	st->detail = xstrdup(sb.buf);
	add_cue(b, st, 0, CUE_START, "rest", 0, 0);
	add_cue(b, st, 0, CUE_NEXT, sb.buf, 0, 1);
	add_countdown(b, st);
	strbuf_release(&sb);
}

void script_build(struct script *s, const struct plan_session *session, const struct program *prog)
{
	struct builder b = {s, 0, 0};

	memset(s, 0, sizeof(*s));
	s->kind = session->kind;
	s->session = session;
	s->nitems = session->nitems;
	for (size_t i = 0; i < session->nitems; i++) {
		const struct prescription *p = &session->items[i];
		int sides = p->per_side ? 2 : 1;

		if (i == 0) {
			struct script_step *st = add_step(&b, STEP_READY, 0, p);
			struct strbuf sb = STRBUF_INIT;

			st->duration_s = SCRIPT_READY_S;
			st->side = p->per_side ? SIDE_LEFT : SIDE_NONE;
			st->bell_end = 1;
			add_how(st);
			st->title = xstrdup("Get ready");
			strbuf_addf(&sb, "first: %s", prescription_name(p));
			st->detail = xstrdup(sb.buf);
			strbuf_reset(&sb);
			strbuf_addf(&sb, "get ready: %s", prescription_name(p));
			add_cue(&b, st, 0, CUE_START, sb.buf, 1, 1);
			add_countdown(&b, st);
			strbuf_release(&sb);
		} else {
			add_rest(&b, i, p, 0,
				 s->kind == KIND_STRENGTH ? prog->strength_rest_between_s
							  : prog->stretch_rest_s);
		}
		for (int set = 1; set <= p->sets; set++) {
			if (set > 1)
				add_rest(&b, i, p, set, p->rest_s);
			for (int side = 0; side < sides; side++) {
				if (side)
					add_switch(&b, i, p, set);
				add_work(&b, i, p, set,
					 p->per_side ? (side ? SIDE_RIGHT : SIDE_LEFT) : SIDE_NONE);
			}
		}
		s->steps[s->nsteps - 1].last_of_item = 1;
	}
	s->total_s = script_remaining_s(s, 0);
}

void script_release(struct script *s)
{
	for (size_t i = 0; i < s->nsteps; i++) {
		struct script_step *st = &s->steps[i];

		for (size_t j = 0; j < st->ncues; j++)
			free(st->cues[j].text);
		free(st->cues);
		for (size_t j = 0; j < st->nhow; j++)
			free(st->how[j]);
		free(st->how);
		free(st->title);
		free(st->detail);
	}
	free(s->steps);
	memset(s, 0, sizeof(*s));
}

size_t script_next_item_step(const struct script *s, size_t step)
{
	size_t i = step;

	if (step >= s->nsteps)
		return s->nsteps;
	while (i < s->nsteps && s->steps[i].item == s->steps[step].item)
		i++;
	return i;
}

size_t script_item_first_work(const struct script *s, size_t item)
{
	for (size_t i = 0; i < s->nsteps; i++)
		if (s->steps[i].work && (size_t)s->steps[i].item == item)
			return i;
	return s->nsteps;
}

const struct script_step *script_next_work(const struct script *s, size_t step)
{
	for (size_t i = step + 1; i < s->nsteps; i++)
		if (s->steps[i].work)
			return &s->steps[i];
	return NULL;
}

int script_remaining_s(const struct script *s, size_t step)
{
	int t = 0;

	for (size_t i = step; i < s->nsteps; i++) {
		const struct script_step *st = &s->steps[i];

		t += st->duration_s ? st->duration_s : REP_S * (st->p ? st->p->reps_max : 0);
	}
	return t;
}

size_t script_resume_step(const struct script *s, size_t position)
{
	size_t i = position;

	while (i < s->nsteps && !s->steps[i].work)
		i++;
	return i < s->nsteps ? i : s->nsteps;
}

void script_where(const struct script *s, size_t step, struct strbuf *out)
{
	const struct script_step *st;

	if (step >= s->nsteps) {
		strbuf_addstr(out, "the end");
		return;
	}
	st = &s->steps[step];
	strbuf_addstr(out, st->title);
	if (st->sets > 1)
		strbuf_addf(out, ", set %d of %d", st->set_no, st->sets);
	if (st->side)
		strbuf_addf(out, ", %s", side_label(st->side));
}

const char *side_label(enum side side)
{
	return side == SIDE_LEFT ? "LEFT leg" : side == SIDE_RIGHT ? "RIGHT leg" : "";
}
