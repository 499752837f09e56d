/* A physical therapist's changes to a runner's program: building a change, the changes in force,
 * and the checks a change passes before it is written. */
#include "program-change.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/xalloc.h"

void program_dose_init(struct program_dose *d)
{
	memset(d, 0, sizeof(*d));
	d->load_kg = -1;
}

int program_dose_sets_any(const struct program_dose *d)
{
	return d->sets || d->reps_min || d->reps_max || d->hold_s || d->load_kg >= 0;
}

int program_dose_same(const struct program_dose *a, const struct program_dose *b)
{
	return !strcmp(a->exercise, b->exercise) && a->sets == b->sets &&
	       a->reps_min == b->reps_min && a->reps_max == b->reps_max && a->hold_s == b->hold_s &&
	       (a->load_kg < 0) == (b->load_kg < 0) &&
	       (a->load_kg < 0 ||
		(a->load_kg - b->load_kg < 1e-9 && b->load_kg - a->load_kg < 1e-9));
}

void program_dose_describe(struct strbuf *sb, const struct program_dose *d)
{
	size_t start = sb->len;

#define SEP() (sb->len > start ? ", " : "")
	if (d->sets)
		strbuf_addf(sb, "%d set%s", d->sets, d->sets == 1 ? "" : "s");
	if (d->reps_min && d->reps_max == d->reps_min)
		strbuf_addf(sb, "%s%d reps", SEP(), d->reps_min);
	else if (d->reps_min)
		strbuf_addf(sb, "%s%d–%d reps", SEP(), d->reps_min, d->reps_max);
	if (d->hold_s)
		strbuf_addf(sb, "%shold %d s", SEP(), d->hold_s);
	if (d->load_kg == 0)
		strbuf_addf(sb, "%sno added weight", SEP());
	else if (d->load_kg > 0)
		strbuf_addf(sb, "%s%g kg", SEP(), d->load_kg);
#undef SEP
}

void program_current_init(struct program_current *c)
{
	memset(c, 0, sizeof(*c));
}

void program_current_release(struct program_current *c)
{
	free(c->left_out);
	free(c->doses);
	free(c->note);
	program_current_init(c);
}

const struct program_omit *program_current_left_out(const struct program_current *c, const char *id)
{
	for (size_t i = 0; c && i < c->nleft_out; i++)
		if (!strcmp(c->left_out[i].exercise, id))
			return &c->left_out[i];
	return NULL;
}

const struct program_dose *program_current_dose(const struct program_current *c, const char *id)
{
	for (size_t i = 0; c && i < c->ndoses; i++)
		if (!strcmp(c->doses[i].exercise, id))
			return &c->doses[i];
	return NULL;
}

int program_current_empty(const struct program_current *c)
{
	return !c || (!c->nleft_out && !c->ndoses && !c->note);
}

void program_history_free(struct program_history *h, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(h[i].why);
		free(h[i].what);
	}
	free(h);
}

void program_change_init(struct program_change *chg)
{
	memset(chg, 0, sizeof(*chg));
	chg->level = -1;
	chg->equipment = -1;
}

void program_change_release(struct program_change *chg)
{
	free(chg->left_out);
	free(chg->doses);
	free(chg->note);
	program_change_init(chg);
}

void program_change_leave_out(struct program_change *chg, const char *id, const char *reason)
{
	struct program_omit *o;

	chg->set_left_out = 1;
	ALLOC_GROW(chg->left_out, chg->nleft_out + 1, chg->alloc_left_out);
	o = &chg->left_out[chg->nleft_out++];
	memset(o, 0, sizeof(*o));
	snprintf(o->exercise, sizeof(o->exercise), "%s", id);
	snprintf(o->reason, sizeof(o->reason), "%s", reason ? reason : "");
}

void program_change_dose(struct program_change *chg, const struct program_dose *d)
{
	struct program_dose *x;

	chg->set_doses = 1;
	ALLOC_GROW(chg->doses, chg->ndoses + 1, chg->alloc_doses);
	x = &chg->doses[chg->ndoses++];
	program_dose_init(x);
	memcpy(x->exercise, d->exercise, sizeof(x->exercise));
	x->sets = d->sets;
	x->reps_min = d->reps_min;
	x->reps_max = d->reps_max;
	x->hold_s = d->hold_s;
	x->load_kg = d->load_kg;
}

void program_change_note(struct program_change *chg, const char *note)
{
	free(chg->note);
	chg->note = xstrdup(note);
}

int program_change_given(const struct program_change *chg)
{
	return chg->level >= 0 || chg->equipment >= 0 || chg->set_left_out || chg->set_doses ||
	       chg->note;
}

static int bad(struct strbuf *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int bad(struct strbuf *err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(err, fmt, ap);
	va_end(ap);
	return -1;
}

/* The exercise `id` of the program, or -1 with the message. */
static int known(const struct program *prog, const char *id, const struct exercise **ex,
		 struct strbuf *err)
{
	*ex = program_find(prog, id);
	if (!*ex)
		return bad(err, "unknown exercise '%s'", id);
	return 0;
}

/* One dose: something set, only what the exercise takes, within the bounds. */
static int check_dose(const struct exercise *ex, const struct program_dose *d, struct strbuf *err)
{
	int counted = ex->kind == KIND_STRENGTH && ex->mode == MODE_REPS;

	if (!program_dose_sets_any(d))
		return bad(err,
			   "the dose of '%s' sets nothing: give its sets, reps, hold or load (or "
			   "leave it off the list to give it back to the program)",
			   ex->id);
	if (d->sets && (d->sets < PROGRAM_DOSE_SETS_MIN || d->sets > PROGRAM_DOSE_SETS_MAX))
		return bad(err, "the dose of '%s': %d sets is out of range (%d-%d)", ex->id,
			   d->sets, PROGRAM_DOSE_SETS_MIN, PROGRAM_DOSE_SETS_MAX);
	if (d->reps_min || d->reps_max) {
		if (!counted)
			return bad(err,
				   "the dose of '%s': it is held, not counted: give a hold, "
				   "not reps",
				   ex->id);
		if (!d->reps_min || !d->reps_max)
			return bad(err,
				   "the dose of '%s': give the fewest and the most reps together",
				   ex->id);
		if (d->reps_min < PROGRAM_DOSE_REPS_MIN || d->reps_max > PROGRAM_DOSE_REPS_MAX)
			return bad(err, "the dose of '%s': reps %d-%d are out of range (%d-%d)",
				   ex->id, d->reps_min, d->reps_max, PROGRAM_DOSE_REPS_MIN,
				   PROGRAM_DOSE_REPS_MAX);
		if (d->reps_min > d->reps_max)
			return bad(err, "the dose of '%s': reps %d-%d: the fewest come first",
				   ex->id, d->reps_min, d->reps_max);
	}
	if (d->hold_s) {
		if (counted)
			return bad(err,
				   "the dose of '%s': it is counted, not held: give reps, not "
				   "a hold",
				   ex->id);
		if (d->hold_s < PROGRAM_DOSE_HOLD_MIN_S || d->hold_s > PROGRAM_DOSE_HOLD_MAX_S)
			return bad(
			    err, "the dose of '%s': a hold of %d s is out of range (%d-%d s)",
			    ex->id, d->hold_s, PROGRAM_DOSE_HOLD_MIN_S, PROGRAM_DOSE_HOLD_MAX_S);
	}
	if (d->load_kg >= 0) {
		if (!counted || ex->load != LOAD_DUMBBELL)
			return bad(err, "the dose of '%s': it takes no dumbbell, so no load",
				   ex->id);
		if (d->load_kg > PROGRAM_DOSE_LOAD_MAX_KG)
			return bad(err, "the dose of '%s': %g kg is out of range (0-%g kg)", ex->id,
				   d->load_kg, PROGRAM_DOSE_LOAD_MAX_KG);
	}
	return 0;
}

/* The words of a change: given, and not too long. */
static int check_words(const char *what, const char *s, size_t max, int required,
		       struct strbuf *err)
{
	if (required && (!s || !*s))
		return bad(err, "%s is not given", what);
	if (s && strlen(s) > max)
		return bad(err, "%s is longer than %zu characters", what, max);
	return 0;
}

int program_change_check_items(const struct program *prog, const struct program_change *chg,
			       struct strbuf *err)
{
	const struct exercise *ex;

	for (size_t i = 0; i < chg->nleft_out; i++) {
		const struct program_omit *o = &chg->left_out[i];

		if (known(prog, o->exercise, &ex, err))
			return -1;
		for (size_t j = 0; j < i; j++)
			if (!strcmp(chg->left_out[j].exercise, o->exercise))
				return bad(err, "'%s' is left out twice", o->exercise);
		if (strlen(o->reason) > PROGRAM_WHY_MAX)
			return bad(err, "why '%s' is left out is longer than %d characters",
				   o->exercise, PROGRAM_WHY_MAX);
	}
	for (size_t i = 0; i < chg->ndoses; i++) {
		const struct program_dose *d = &chg->doses[i];

		if (known(prog, d->exercise, &ex, err) || check_dose(ex, d, err))
			return -1;
		for (size_t j = 0; j < i; j++)
			if (!strcmp(chg->doses[j].exercise, d->exercise))
				return bad(err, "'%s' is given two doses", d->exercise);
	}
	return 0;
}

int program_change_check(const struct program *prog, const struct program_change *chg,
			 const char *who, const char *why, unsigned equipment,
			 const struct program_current *cur, struct strbuf *err)
{
	if (check_words("who makes the change", who, PROGRAM_WHO_MAX, 1, err) ||
	    check_words("why the program changes", why, PROGRAM_WHY_MAX, 1, err) ||
	    check_words("the note", chg->note, PROGRAM_NOTE_MAX, 0, err))
		return -1;
	if (!program_change_given(chg))
		return bad(err, "nothing to change: give the level, the equipment, the exercises "
				"left out, the doses or the note");
	if (chg->level >= LEVEL_COUNT || chg->level < -1)
		return bad(err, "unknown level %d", chg->level);
	if (chg->equipment < -1 || (chg->equipment >= 0 && (chg->equipment >> EQ_COUNT)))
		return bad(err, "unknown equipment %#x", (unsigned)chg->equipment);
	if (program_change_check_items(prog, chg, err))
		return -1;
	for (size_t i = 0; i < chg->ndoses; i++)
		if (chg->doses[i].load_kg > 0 && !(equipment & EQ_DUMBBELLS))
			return bad(err,
				   "the dose of '%s': a load of %g kg needs dumbbells in the "
				   "equipment",
				   chg->doses[i].exercise, chg->doses[i].load_kg);
	/* The lists as they will stand: an exercise left out has no dose to keep. */
	if (chg->set_left_out || chg->set_doses) {
		size_t nl = chg->set_left_out ? chg->nleft_out : cur ? cur->nleft_out : 0;
		size_t nd = chg->set_doses ? chg->ndoses : cur ? cur->ndoses : 0;

		for (size_t i = 0; i < nl; i++) {
			const char *id = chg->set_left_out ? chg->left_out[i].exercise
							   : cur->left_out[i].exercise;

			for (size_t j = 0; j < nd; j++)
				if (!strcmp(id, chg->set_doses ? chg->doses[j].exercise
							       : cur->doses[j].exercise))
					return bad(err, "'%s' is both left out and given a dose",
						   id);
		}
	}
	/* A load kept from before needs the dumbbells too, when the equipment changes. */
	if (!chg->set_doses && cur)
		for (size_t i = 0; i < cur->ndoses; i++)
			if (cur->doses[i].load_kg > 0 && !(equipment & EQ_DUMBBELLS))
				return bad(err,
					   "the dose of '%s' holds %g kg: the equipment needs "
					   "dumbbells, or set its dose again",
					   cur->doses[i].exercise, cur->doses[i].load_kg);
	return 0;
}
