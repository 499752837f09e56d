/* Prescription and scheduling: the article's dosage applied to this runner's level, kit, progress
 * and pain. */
#include "plan.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lib/strbuf.h"
#include "lib/xalloc.h"

const char *const load_type_names[3] = {"bodyweight", "band", "dumbbell"};

void profile_init(struct profile *p)
{
	memset(p, 0, sizeof(*p));
	p->long_run_day = -1;
}

void profile_release(struct profile *p)
{
	free(p->name);
	profile_init(p);
}

const char *prescription_name(const struct prescription *p)
{
	return p->variant ? p->variant->name : p->ex->name;
}

char *const *prescription_steps(const struct prescription *p, size_t *n)
{
	if (p->variant) {
		*n = p->variant->nsteps;
		return p->variant->steps;
	}
	*n = p->ex->nsteps;
	return p->ex->steps;
}

static void add_note(struct plan *plan, const char *note)
{
	if (!plan)
		return;
	for (size_t i = 0; i < plan->nnotes; i++)
		if (!strcmp(plan->notes[i], note))
			return;
	ALLOC_GROW(plan->notes, plan->nnotes + 1, plan->notes_alloc);
	plan->notes[plan->nnotes++] = xstrdup(note);
}

static const struct progress_state *find_progress(const struct plan_input *in, const char *id)
{
	for (size_t i = 0; i < in->nprogress; i++)
		if (!strcmp(in->progress[i].exercise, id))
			return &in->progress[i];
	return NULL;
}

static const char *equipment_list(const struct program *prog, unsigned eq, struct strbuf *sb)
{
	int first = 1;

	strbuf_reset(sb);
	for (int i = 0; i < EQ_COUNT; i++) {
		if (!(eq & (1u << i)))
			continue;
		strbuf_addf(sb, "%s%s", first ? "" : " or ", prog->equipment[i].name);
		/* Names start a sentence in the program file; here they sit mid-sentence. */
		if (sb->buf[sb->len - strlen(prog->equipment[i].name)] >= 'A' &&
		    sb->buf[sb->len - strlen(prog->equipment[i].name)] <= 'Z')
			sb->buf[sb->len - strlen(prog->equipment[i].name)] += 'a' - 'A';
		first = 0;
	}
	return sb->buf;
}

/*
 * The starting dumbbell: the middle weight at hand for moderate work, the
 * heaviest for heavy work (the article: moderate weights for 8-12 reps,
 * heavy weights for 4-6).
 */
static double default_weight(const struct profile *pr, int level)
{
	if (!pr->nweights)
		return -1;
	if (level == LEVEL_HEAVY)
		return pr->weights_kg[pr->nweights - 1];
	return pr->weights_kg[(pr->nweights - 1) / 2];
}

/*
 * The physical therapist's dose over a strength move's: the sets, the reps
 * and the dumbbell they set replace the level's and progress's. A load is
 * for the plain move with dumbbells at hand (a version done instead, for
 * where it hurts or for missing equipment, stays as it is); no added
 * weight is the bodyweight range, as without dumbbells.
 */
static void therapist_strength_dose(const struct plan_input *in, const struct program_dose *d,
				    struct prescription *out)
{
	const struct program *prog = in->prog;
	const struct level *bw = &prog->levels[LEVEL_BEGINNER];

	if (d->sets)
		out->sets = d->sets;
	if (d->load_kg == 0 && out->load == PLOAD_DUMBBELL) {
		out->load = PLOAD_BODYWEIGHT;
		out->load_kg = -1;
		out->reps_min = bw->reps_min;
		out->reps_max = bw->reps_max;
		out->rest_s = bw->rest_s;
	} else if (d->load_kg > 0 && out->ex->load == LOAD_DUMBBELL && !out->variant &&
		   (in->profile->equipment & EQ_DUMBBELLS)) {
		if (out->load != PLOAD_DUMBBELL) {
			/* Loaded sets take the rest of the first level that loads them. */
			for (int l = 0; l < LEVEL_COUNT; l++)
				if (prog->levels[l].loaded) {
					out->rest_s = prog->levels[l].rest_s;
					break;
				}
			out->load = PLOAD_DUMBBELL;
		}
		out->load_kg = d->load_kg;
	}
	if (d->reps_min) {
		out->reps_min = d->reps_min;
		out->reps_max = d->reps_max;
	}
}

/*
 * One exercise's dose, or 0 when it is left out (the reason goes to the
 * plan's notes). Order of decisions: left out by the physical therapist,
 * cautions for where it hurts (SAFETY.md section 6), missing equipment
 * (swap for the easier no-equipment version, use a substitute, or leave
 * out), the variant chosen by progress, then the level's dosage (article:
 * beginner 1-3 x 12-15, moderate 3 x 8-12, heavy 3-4 x 4-6; stretches held
 * about 60 s). A dose the therapist set stands in for the level's and for
 * progress's (the therapist decides), but a caution still leaves out,
 * swaps and shortens: where it hurts comes first.
 */
static int prescribe(const struct plan_input *in, const struct exercise *ex,
		     struct prescription *out, struct plan *plan)
{
	const struct program *prog = in->prog;
	const struct profile *pr = in->profile;
	const struct level *lvl = &prog->levels[pr->level];
	const struct level *bw = &prog->levels[LEVEL_BEGINNER];
	const struct progress_state *ps = find_progress(in, ex->id);
	const struct program_omit *omit = program_current_left_out(in->therapist, ex->id);
	const struct program_dose *dose = program_current_dose(in->therapist, ex->id);
	struct strbuf sb = STRBUF_INIT, names = STRBUF_INIT;
	unsigned missing;
	int ok = 1;

	memset(out, 0, sizeof(*out));
	out->ex = ex;
	out->per_side = ex->per_side;
	out->load_kg = -1;

	if (omit) {
		strbuf_addf(&sb, "%s left out by your physical therapist (%s)", ex->name,
			    omit->who);
		if (omit->reason[0])
			strbuf_addf(&sb, ": %s", omit->reason);
		add_note(plan, sb.buf);
		ok = 0;
		goto out;
	}
	if (dose) {
		/* Progress stands aside: its sets, weight, version and reason are not this
		 * dose's. */
		ps = NULL;
		out->dose_set = dose;
	}

	for (size_t i = 0; i < ex->ncautions; i++) {
		const struct caution *ca = &ex->cautions[i];

		if (!(ca->when & in->conditions))
			continue;
		if (ca->action == ACTION_SKIP) {
			strbuf_addf(&sb, "%s left out: %s (%s)", ex->name, ca->text, ca->source);
			add_note(plan, sb.buf);
			ok = 0;
			goto out;
		}
		out->caution = ca;
		if (ca->action == ACTION_SWAP) {
			out->variant = ca->variant;
			strbuf_addf(&sb, "%s swapped for %s: %s (%s)", ex->name, ca->variant->name,
				    ca->text, ca->source);
		} else {
			strbuf_addf(&sb, "%s %s: %s (%s)", ex->name,
				    ca->action == ACTION_SHORTEN ? "shortened" : "modified",
				    ca->text, ca->source);
		}
		add_note(plan, sb.buf);
		strbuf_reset(&sb);
	}

	if (ps && ps->reason[0])
		add_note(plan, ps->reason);
	if (dose) {
		strbuf_addf(&sb, "%s: dose set by your physical therapist (%s)", ex->name,
			    dose->who);
		if (dose->why[0])
			strbuf_addf(&sb, ": %s", dose->why);
		add_note(plan, sb.buf);
		strbuf_reset(&sb);
	}
	/* A caution's swap stands over the version progress chose: where it hurts comes first. */
	if (ps && ps->variant[0] && !(out->caution && out->caution->action == ACTION_SWAP)) {
		const struct variant *v = exercise_variant(ex, ps->variant);

		if (v && !(v->equipment & ~pr->equipment))
			out->variant = v;
	}

	missing = ex->equip_required & ~pr->equipment;
	if (missing && !out->variant) {
		const struct variant *swap = NULL;

		for (size_t i = 0; i < ex->nvariants; i++) {
			const struct variant *v = &ex->variants[i];

			if (!v->harder && (v->replaces & missing) &&
			    !(v->equipment & ~pr->equipment)) {
				swap = v;
				break;
			}
		}
		if (swap) {
			out->variant = swap;
			strbuf_addf(&sb, "no %s: %s swapped for %s",
				    equipment_list(prog, missing, &names), ex->name, swap->name);
			add_note(plan, sb.buf);
		} else {
			unsigned unsubstituted = 0;

			for (int i = 0; i < EQ_COUNT; i++) {
				if (!(missing & (1u << i)))
					continue;
				if (prog->equipment[i].substitute) {
					strbuf_reset(&sb);
					strbuf_addf(&sb, "no %s: use %s instead",
						    equipment_list(prog, 1u << i, &names),
						    prog->equipment[i].substitute);
					add_note(plan, sb.buf);
				} else {
					unsubstituted |= 1u << i;
				}
			}
			if (unsubstituted) {
				strbuf_reset(&sb);
				strbuf_addf(&sb, "%s left out: it needs a %s", ex->name,
					    equipment_list(prog, unsubstituted, &names));
				add_note(plan, sb.buf);
				ok = 0;
				goto out;
			}
		}
	}

	if (ex->kind == KIND_STRETCH || ex->mode != MODE_REPS) {
		out->sets = 1;
		out->hold_s = prog->stretch_hold_s;
		out->rest_s = prog->stretch_rest_s;
		out->load = PLOAD_BODYWEIGHT;
		if (dose && dose->sets)
			out->sets = dose->sets;
		if (dose && dose->hold_s)
			out->hold_s = dose->hold_s;
		if (out->caution && out->caution->action == ACTION_SHORTEN)
			out->hold_s /= 2;
		goto out;
	}

	/* The version done decides the legs: a two-leg bridge is one set, not a left and a right. */
	if (out->variant)
		out->per_side = out->variant->per_side;
	out->sets = ps && ps->sets ? ps->sets : lvl->sets_start;
	if (out->sets < lvl->sets_min)
		out->sets = lvl->sets_min;
	if (out->sets > lvl->sets_max)
		out->sets = lvl->sets_max;
	/* Bodyweight sets need the beginner's rest; the level's longer rests are for loaded sets.
	 */
	out->rest_s = bw->rest_s;
	out->load = PLOAD_BODYWEIGHT;
	/* Without added load the scaled-back rep counts make no sense: bodyweight range. */
	out->reps_min = bw->reps_min;
	out->reps_max = bw->reps_max;

	if (ex->load == LOAD_DUMBBELL && lvl->loaded && !out->variant) {
		if (pr->equipment & EQ_DUMBBELLS) {
			out->load = PLOAD_DUMBBELL;
			out->load_kg =
			    ps && ps->load_kg > 0 ? ps->load_kg : default_weight(pr, pr->level);
			out->reps_min = lvl->reps_min;
			out->reps_max = lvl->reps_max;
			out->rest_s = lvl->rest_s;
		} else {
			strbuf_addf(&sb,
				    "no dumbbells: %s uses bodyweight dosage (%d–%d reps) "
				    "until you have weights",
				    ex->name, bw->reps_min, bw->reps_max);
			add_note(plan, sb.buf);
		}
	} else if ((out->variant && (out->variant->equipment & EQ_BAND)) ||
		   (ex->load == LOAD_BAND && (pr->equipment & EQ_BAND) && !out->variant &&
		    pr->level != LEVEL_BEGINNER)) {
		/* The article adds the band "to up the challenge": beyond beginner, or when
		 * progressed. */
		out->load = PLOAD_BAND;
	}
	if (dose)
		therapist_strength_dose(in, dose, out);
	if (out->caution && out->caution->action == ACTION_SHORTEN && out->sets > 1)
		out->sets--;
out:
	strbuf_release(&sb);
	strbuf_release(&names);
	return ok;
}

void plan_session_items(const struct plan_input *in, enum exercise_kind kind,
			struct plan_session *out, struct plan *notes)
{
	const struct program *prog = in->prog;

	memset(out, 0, sizeof(*out));
	out->kind = kind;
	out->items = xcalloc(prog->nexercises, sizeof(*out->items));
	for (size_t i = 0; i < prog->nexercises; i++) {
		const struct exercise *ex = &prog->exercises[i];

		if (ex->kind != kind)
			continue;
		if (prescribe(in, ex, &out->items[out->nitems], notes))
			out->nitems++;
	}
}

void plan_session_release(struct plan_session *s)
{
	free(s->items);
	memset(s, 0, sizeof(*s));
}

static int bits(unsigned v)
{
	int n = 0;

	for (; v; v &= v - 1)
		n++;
	return n;
}

unsigned plan_strength_days(unsigned run_days, int long_run_day, int per_week)
{
	unsigned best = 0;
	double best_cost = 1e9;

	if (per_week >= 7)
		return 0x7f;
	/* Try every set of `per_week` weekdays; the week is small enough. */
	for (unsigned set = 1; set < 0x80; set++) {
		double cost = 0, ideal = 7.0 / per_week;
		int prev = -1, first = -1;

		if (bits(set) != per_week)
			continue;
		if (per_week > 1 && (set & ((set << 1) | (set >> 6)) & 0x7f))
			continue; /* two days in a row, the week wrapping Sunday to Monday */
		for (int d = 0; d < 7; d++) {
			if (!(set & (1u << d)))
				continue;
			if (long_run_day >= 0) {
				/* Strength the day before a long run leaves the legs tired for it.
				 */
				if (d == (long_run_day + 6) % 7)
					cost += 10;
				if (d == long_run_day)
					cost += 8;
				if (d == (long_run_day + 1) % 7)
					cost += 1.5;
			}
			if (run_days & (1u << d))
				cost += 1;
			if (prev >= 0)
				cost += fabs((d - prev) - ideal);
			else
				first = d;
			prev = d;
		}
		if (per_week > 1)
			cost += fabs((first + 7 - prev) - ideal);
		if (cost < best_cost - 1e-9) {
			best_cost = cost;
			best = set;
		}
	}
	return best;
}

void plan_build(struct plan *plan, const struct plan_input *in, day_t from, int days)
{
	const struct profile *pr = in->profile;
	unsigned stretch_days;

	memset(plan, 0, sizeof(*plan));
	plan->level = pr->level;
	plan->pause = in->pause;
	plan->therapist = in->therapist;
	plan->from = from;
	plan->days = days;
	plan->strength_weekdays =
	    pr->strength_days
		? pr->strength_days
		: plan_strength_days(pr->run_days, pr->long_run_day, in->prog->strength_per_week);
	stretch_days = plan_strength_days(0, -1, in->prog->stretch_per_week);
	for (day_t d = from; d < from + days; d++) {
		int wd = day_weekday(d);

		for (int k = 0; k < 2; k++) {
			enum exercise_kind kind = k ? KIND_STRETCH : KIND_STRENGTH;
			unsigned mask =
			    kind == KIND_STRENGTH ? plan->strength_weekdays : stretch_days;
			struct plan_session *s;

			if (!(mask & (1u << wd)))
				continue;
			/* SAFETY.md section 1: nothing that a red flag in force pauses. */
			if (in->pause & (kind == KIND_STRENGTH ? PAUSE_STRENGTH : PAUSE_STRETCH))
				continue;
			ALLOC_GROW(plan->sessions, plan->nsessions + 1, plan->alloc);
			s = &plan->sessions[plan->nsessions];
			plan_session_items(in, kind, s, plan);
			s->date = d;
			if (!s->nitems) {
				plan_session_release(s);
				continue;
			}
			plan->nsessions++;
		}
	}
}

void plan_release(struct plan *plan)
{
	for (size_t i = 0; i < plan->nsessions; i++)
		plan_session_release(&plan->sessions[i]);
	free(plan->sessions);
	for (size_t i = 0; i < plan->nnotes; i++)
		free(plan->notes[i]);
	free(plan->notes);
	memset(plan, 0, sizeof(*plan));
}

const struct plan_session *plan_find(const struct plan *plan, day_t date, enum exercise_kind kind)
{
	for (size_t i = 0; i < plan->nsessions; i++)
		if (plan->sessions[i].date == date && plan->sessions[i].kind == kind)
			return &plan->sessions[i];
	return NULL;
}

/*
 * About 3 s a rep with the lowering done slowly, the holds as prescribed,
 * the rests, and a little time to get into position for each exercise.
 */
int plan_session_minutes(const struct plan_session *s, const struct program *prog)
{
	double secs = 0;

	for (size_t i = 0; i < s->nitems; i++) {
		const struct prescription *p = &s->items[i];
		int sides = p->per_side ? 2 : 1;
		double work = p->reps_max ? p->reps_max * 3.0 : p->hold_s;

		/* Sides follow each other with a short switch; rests fall between sets. */
		secs += p->sets * sides * work + p->sets * (sides - 1) * 5 +
			(p->sets - 1) * (p->reps_max ? p->rest_s : 5);
		secs += 15 + (i + 1 < s->nitems ? (p->reps_max ? prog->strength_rest_between_s
							       : prog->stretch_rest_s)
						: 0);
	}
	return (int)(secs / 60 + 0.5);
}
