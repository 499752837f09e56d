/* Progress and step back per exercise: the dose ladder and the pain and effort gates of SAFETY.md
 * section 3. */
#include "progress.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "lib/strbuf.h"
#include "safety.h"

const char *const progress_change_names[3] = {"hold", "progress", "step-back"};

int progress_reserve3(int rpe, int reserve)
{
	if (reserve >= 0)
		return reserve >= PROGRESS_RESERVE_EASY;
	if (rpe >= 1)
		return rpe <= PROGRESS_RPE_EASY;
	return -1;
}

static const struct variant *variant_dir(const struct exercise *ex, int harder, unsigned equipment)
{
	for (size_t i = 0; i < ex->nvariants; i++)
		if (ex->variants[i].harder == harder && !(ex->variants[i].equipment & ~equipment))
			return &ex->variants[i];
	return NULL;
}

static void weight_str(char *buf, size_t size, double kg, int pounds)
{
	if (pounds)
		snprintf(buf, size, "%g lb", round(kg * 2.2046226));
	else
		snprintf(buf, size, "%g kg", kg);
}

static double next_weight(const struct progress_input *in, double kg, int up)
{
	if (up) {
		for (int i = 0; i < in->nweights; i++)
			if (in->weights_kg[i] > kg + 1e-6)
				return in->weights_kg[i];
	} else {
		for (int i = in->nweights; i-- > 0;)
			if (in->weights_kg[i] < kg - 1e-6)
				return in->weights_kg[i];
	}
	return -1;
}

static void day_str(char *buf, day_t d)
{
	int y, m, dd;

	day_to_civil(d, &y, &m, &dd);
	snprintf(buf, 16, "%d %.3s", dd, month_long[m - 1]);
}

/* Why the newest session calls for a step back (SAFETY.md sections 2 and 3), or NULL. */
static const char *back_reason(const struct progress_input *in, int stretch, char *buf, size_t size)
{
	const struct progress_session *s;
	char day[16];

	if (!in->nsessions)
		return NULL;
	s = &in->sessions[in->nsessions - 1];
	day_str(day, s->date);
	if (s->hurt)
		snprintf(buf, size, "it hurt on %s", day);
	else if (stretch && s->pain_max >= 0 && safety_stretch_too_painful(s->pain_max))
		snprintf(buf, size, "it hurt %d/10 on %s; a stretch should be gentle", s->pain_max,
			 day);
	else if (!stretch && s->pain_max >= 0 && safety_pain_zone(s->pain_max) == PAIN_TOO_MUCH)
		snprintf(buf, size, "pain during it reached %d/10 on %s (above 5 is too much)",
			 s->pain_max, day);
	else if (!stretch && s->settled == 0)
		snprintf(buf, size, "the pain had not settled by the morning after %s", day);
	else if (!stretch && in->pain_rising)
		snprintf(buf, size, "your weekly pain is rising");
	else
		return NULL;
	return buf;
}

/* Whether one session meets the gates to move up (SAFETY.md section 3); else why not, in `why`. */
static int up_ok(const struct progress_input *in, const struct progress_session *s, char *why,
		 size_t size)
{
	const struct prescription *p = in->now;

	if (s->sets_done < p->sets || s->reps_low < p->reps_max) {
		snprintf(why, size, "keep going until you reach %d reps in all %d sets",
			 p->reps_max, p->sets);
		return 0;
	}
	if (s->effort_ok < 0) {
		snprintf(why, size, "rate the effort (could you have done 3 more?) to move up");
		return 0;
	}
	if (!s->effort_ok) {
		snprintf(why, size,
			 "the last sets were hard (fewer than 3 reps in reserve): stay "
			 "at this dose");
		return 0;
	}
	if (s->pain_max < 0) {
		snprintf(why, size, "rate the pain during it to move up");
		return 0;
	}
	if (s->pain_max > SAFETY_PAIN_ACCEPTABLE) {
		snprintf(why, size, "pain during it was above 5/10");
		return 0;
	}
	if (s->settled < 0) {
		snprintf(why, size,
			 "log the next morning's pain ('hipcoach log pain N --when "
			 "morning') to move up");
		return 0;
	}
	if (!s->settled) {
		snprintf(why, size, "the pain had not settled by the next morning");
		return 0;
	}
	return 1;
}

static void set_reason(struct progress_decision *out, const char *name, const char *what,
		       const char *why)
{
	struct strbuf sb = STRBUF_INIT;
	size_t n;

	strbuf_addf(&sb, "%s: %s — %s", name, what, why);
	n = sb.len < sizeof(out->reason) - 1 ? sb.len : sizeof(out->reason) - 1;
	memcpy(out->reason, sb.buf, n);
	out->reason[n] = '\0';
	strbuf_release(&sb);
}

/*
 * Strength (SAFETY.md section 3 [E — ACSM 2009; Zourdos JSCR 2016; S for the
 * pain gates]): up when the top of the rep range was reached in every set
 * at RPE <= 7 or "3 more in reserve" in the last two sessions, pain during
 * <= 5 and settled by the next morning; back when pain during > 5, not
 * settled by the next morning, it hurt, or weekly pain is rising.
 * Stretches (section 2, the article): above 3/10 means ease off.
 */
void progress_decide(const struct progress_input *in, struct progress_decision *out)
{
	const struct exercise *ex = in->ex;
	const struct prescription *p = in->now;
	const struct variant *cur = NULL, *easier, *harder;
	unsigned equipment = in->equipment;
	int stretch = ex->kind == KIND_STRETCH || ex->mode != MODE_REPS;
	int forced, sets = p->sets;
	char why[200], what[200], w1[32], w2[32];
	const char *back;

	memset(out, 0, sizeof(*out));
	out->change = PROGRESS_HOLD;
	if (in->state)
		out->next = *in->state;
	else {
		out->next.load_kg = -1;
	}
	snprintf(out->next.exercise, sizeof(out->next.exercise), "%s", ex->id);
	if (in->state && in->state->variant[0])
		cur = exercise_variant(ex, in->state->variant);
	/* A variant chosen for missing equipment is not ours to move. */
	forced = p->variant && p->variant != cur;
	easier = variant_dir(ex, 0, equipment);
	harder = variant_dir(ex, 1, equipment);

	back = back_reason(in, stretch, why, sizeof(why));
	/* A dose the physical therapist set is theirs to move: progress holds it, and says so.
	 * Where it hurt is still said, for the runner to tell them. */
	if (p->dose_set) {
		char set[400];

		if (back)
			snprintf(set, sizeof(set),
				 "dose set by your physical therapist (%s); %s: do only what does "
				 "not hurt, and tell them",
				 p->dose_set->who, back);
		else
			snprintf(set, sizeof(set), "dose set by your physical therapist (%s)",
				 p->dose_set->who);
		set_reason(out, ex->name, "hold", set);
		return;
	}
	if (back) {
		out->change = PROGRESS_BACK;
		if (stretch) {
			if (!cur && !forced && easier) {
				snprintf(out->next.variant, sizeof(out->next.variant), "%s",
					 easier->id);
				snprintf(what, sizeof(what), "ease off to %s, gentle tension only",
					 easier->name);
			} else {
				out->change = PROGRESS_HOLD;
				snprintf(what, sizeof(what), "ease off, gentle tension only");
			}
		} else if (cur && cur->harder) {
			out->next.variant[0] = '\0';
			snprintf(what, sizeof(what), "back from %s to the plain move", cur->name);
		} else if (sets > in->level->sets_min) {
			out->next.sets = sets - 1;
			snprintf(what, sizeof(what), "%d %s instead of %d", sets - 1,
				 sets - 1 == 1 ? "set" : "sets", sets);
		} else if (p->load == PLOAD_DUMBBELL && next_weight(in, p->load_kg, 0) > 0) {
			out->next.load_kg = next_weight(in, p->load_kg, 0);
			weight_str(w1, sizeof(w1), p->load_kg, in->pounds);
			weight_str(w2, sizeof(w2), out->next.load_kg, in->pounds);
			snprintf(what, sizeof(what), "%s instead of %s", w2, w1);
		} else if (!cur && !forced && easier) {
			snprintf(out->next.variant, sizeof(out->next.variant), "%s", easier->id);
			snprintf(what, sizeof(what), "the easier %s instead", easier->name);
		} else {
			out->change = PROGRESS_HOLD;
			snprintf(what, sizeof(what),
				 "already at its easiest; do only what does not "
				 "hurt");
		}
		set_reason(out, ex->name, what, why);
		return;
	}

	if (in->nsessions < 2) {
		snprintf(why, sizeof(why), "%s",
			 in->nsessions ? "one session at this dose so far; two in a row decide"
				       : "no session at this dose yet");
		set_reason(out, ex->name, "hold", why);
		return;
	}
	if (stretch) {
		const struct progress_session *a = &in->sessions[in->nsessions - 2],
					      *b = &in->sessions[in->nsessions - 1];

		if (cur && !cur->harder && a->pain_max >= 0 && b->pain_max >= 0 &&
		    !safety_stretch_too_painful(a->pain_max) &&
		    !safety_stretch_too_painful(b->pain_max)) {
			out->change = PROGRESS_UP;
			out->next.variant[0] = '\0';
			set_reason(out, ex->name, "back to the full stretch",
				   "it felt gentle in your last two sessions");
		} else {
			set_reason(out, ex->name, "hold", "keep it gentle");
		}
		return;
	}
	for (size_t i = in->nsessions - 2; i < in->nsessions; i++)
		if (!up_ok(in, &in->sessions[i], why, sizeof(why))) {
			set_reason(out, ex->name, "hold", why);
			return;
		}

	snprintf(why, sizeof(why),
		 "you reached %d reps in every set with 3 or more in reserve in your last two "
		 "sessions, pain during at most %d/10, settled by the next morning",
		 p->reps_max,
		 in->sessions[in->nsessions - 1].pain_max > in->sessions[in->nsessions - 2].pain_max
		     ? in->sessions[in->nsessions - 1].pain_max
		     : in->sessions[in->nsessions - 2].pain_max);
	out->change = PROGRESS_UP;
	if (cur && !cur->harder && !(ex->equip_required & ~equipment)) {
		out->next.variant[0] = '\0';
		snprintf(what, sizeof(what), "back from %s to the plain move", cur->name);
	} else if (sets < in->level->sets_max) {
		out->next.sets = sets + 1;
		snprintf(what, sizeof(what), "%d sets instead of %d", sets + 1, sets);
	} else if (p->load == PLOAD_DUMBBELL && next_weight(in, p->load_kg, 1) > 0) {
		double w = next_weight(in, p->load_kg, 1);
		double pct = (w / p->load_kg - 1) * 100;

		out->next.load_kg = w;
		weight_str(w1, sizeof(w1), p->load_kg, in->pounds);
		weight_str(w2, sizeof(w2), w, in->pounds);
		if (pct > 10 + 1e-6)
			snprintf(what, sizeof(what),
				 "%s instead of %s (+%.0f%%, your next dumbbell: more than the "
				 "usual 2-10%% step, so start at the low end of the rep range)",
				 w2, w1, pct);
		else
			snprintf(what, sizeof(what), "%s instead of %s (+%.0f%%)", w2, w1, pct);
	} else if (!cur && !forced && harder && p->load != PLOAD_DUMBBELL) {
		snprintf(out->next.variant, sizeof(out->next.variant), "%s", harder->id);
		out->next.sets = 0;
		snprintf(what, sizeof(what), "the harder %s, back to %d sets", harder->name,
			 in->level->sets_start);
	} else {
		out->change = PROGRESS_HOLD;
		snprintf(what, sizeof(what),
			 "hold: the top of your level (if it stays easy, "
			 "consider the next level with 'hipcoach setup --level')");
	}
	set_reason(out, ex->name, what, why);
}
