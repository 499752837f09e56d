/* Recording a guided session as it is played, the same for every player: the session row, result
 * rows, check-in answers and the "it hurts" rule. */
#include "session.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/plan.h"
#include "core/progress.h"
#include "core/safety.h"
#include "lib/datetime.h"
#include "lib/error.h"
#include "lib/xalloc.h"
#include "store/pain.h"

const char coach_session_ease_off_title[] = "Ease off — gentle tension only.";
const char coach_session_ease_off_text[] = "A stretch should feel like a mild pull, never pain. "
					   "Next time, go less far and let the hold do the work.";

/* Strength first, then stretches: the first kind planned today and not completed yet. */
int coach_session_due_kind(struct coach *c, enum exercise_kind *kind, int *due)
{
	const struct plan_input *in = coach_input(c);
	struct session_rec *done = NULL;
	size_t ndone = 0;
	day_t today = clock_today();
	struct plan plan;

	*kind = KIND_STRETCH;
	*due = 0;
	if (!in || store_sessions_between(&c->store, today, today, &done, &ndone))
		return -1;
	plan_build(&plan, in, today, 1);
	for (int k = KIND_STRENGTH; k <= KIND_STRETCH; k++) {
		int completed = 0;

		if (!plan_find(&plan, today, (enum exercise_kind)k))
			continue;
		for (size_t i = 0; i < ndone; i++)
			completed |= done[i].kind == (enum exercise_kind)k && done[i].completed;
		if (!completed) {
			*kind = (enum exercise_kind)k;
			*due = 1;
			break;
		}
	}
	free(done);
	plan_release(&plan);
	return 0;
}

int coach_session_unfinished(struct coach *c, enum exercise_kind kind, struct session_rec *out)
{
	if (coach_store(c, 0))
		return -1;
	return store_session_unfinished(&c->store, clock_today(), kind, out);
}

void session_record_init(struct session_record *rec, struct coach *c, const struct script *script)
{
	assert(c->store_open);
	rec->coach = c;
	rec->script = script;
	rec->id = 0;
	rec->rows = xcalloc(script->nsteps + 1, sizeof(*rec->rows));
	rec->have = xcalloc(script->nsteps + 1, 1);
}

void session_record_release(struct session_record *rec)
{
	free(rec->rows);
	free(rec->have);
	memset(rec, 0, sizeof(*rec));
}

int session_record_start(struct session_record *rec, const char *origin, int pain_before)
{
	return store_session_start(&rec->coach->store, clock_today(), rec->script->kind, origin,
				   pain_before, &rec->id);
}

int session_record_resume(struct session_record *rec, int64_t id)
{
	struct result_rec *old = NULL;
	size_t nold = 0;

	rec->id = id;
	if (store_results_list(&rec->coach->store, id, &old, &nold))
		return -1;
	for (size_t i = 0; i < nold; i++) {
		if (old[i].step < 0 || (size_t)old[i].step >= rec->script->nsteps)
			continue;
		rec->rows[old[i].step] = old[i];
		rec->have[old[i].step] = 1;
	}
	free(old);
	return 0;
}

/* Whether any recorded step was done. */
static int any_done(const struct session_record *rec)
{
	for (size_t i = 0; i < rec->script->nsteps; i++)
		if (rec->have[i] && rec->rows[i].status == STATUS_DONE)
			return 1;
	return 0;
}

int session_record_finish(struct session_record *rec, int pain_after)
{
	int skipped = !any_done(rec);

	if (store_session_finish(&rec->coach->store, rec->id, pain_after, skipped))
		return -1;
	return skipped;
}

int session_record_quit(struct session_record *rec)
{
	if (any_done(rec))
		return 0;
	if (store_session_finish(&rec->coach->store, rec->id, -1, 1))
		return -1;
	return 1;
}

void session_record_row(const struct script *s, size_t step, enum step_status status, int seconds,
			struct result_rec *row)
{
	const struct script_step *st = &s->steps[step];

	result_rec_init(row);
	row->step = (int)step;
	snprintf(row->exercise, sizeof(row->exercise), "%s", st->p->ex->id);
	if (st->p->variant)
		snprintf(row->variant, sizeof(row->variant), "%s", st->p->variant->id);
	row->set_no = st->set_no;
	row->side = st->side;
	row->status = status;
	if (st->type == STEP_REPS && status == STATUS_DONE)
		row->reps = st->p->reps_max; /* the target, until the check-in says otherwise */
	row->seconds = seconds;
	row->load = (int)st->p->load;
	row->load_kg = st->p->load_kg;
	row->at = clock_now();
}

int session_record_step(struct session_record *rec, size_t step, enum step_status status,
			int64_t elapsed_ms)
{
	return session_record_step_id(rec, step, status, elapsed_ms, NULL);
}

int session_record_step_id(struct session_record *rec, size_t step, enum step_status status,
			   int64_t elapsed_ms, const char *client_id)
{
	const struct script_step *st = &rec->script->steps[step];
	struct result_rec *row = &rec->rows[step];

	if (!st->work)
		return 0;
	session_record_row(rec->script, step, status,
			   st->duration_s ? (int)((elapsed_ms + 500) / 1000) : -1, row);
	if (store_result_add_id(&rec->coach->store, rec->id, row, (int)step + 1, client_id))
		return -1;
	rec->have[step] = 1;
	return 0;
}

int session_record_step_seen(struct session_record *rec, const char *client_id)
{
	return store_result_client_id_exists(&rec->coach->store, client_id);
}

void session_record_counts(const struct session_record *rec, size_t *done, size_t *skipped,
			   size_t *hurt)
{
	*done = *skipped = *hurt = 0;
	for (size_t i = 0; i < rec->script->nsteps; i++) {
		if (!rec->have[i])
			continue;
		*done += rec->rows[i].status == STATUS_DONE;
		*skipped += rec->rows[i].status == STATUS_SKIPPED;
		*hurt += rec->rows[i].status == STATUS_HURT;
	}
}

/* The steps of exercise `item`: from its first work step to where the next exercise begins. */
static void item_range(const struct script *s, int item, size_t *from, size_t *to)
{
	*from = script_item_first_work(s, (size_t)item);
	*to = script_next_item_step(s, *from);
}

/* Writes the rows of steps [from, to) that are recorded, in one transaction. */
static int update_rows(struct session_record *rec, size_t from, size_t to)
{
	struct result_rec *v = xcalloc(to - from + 1, sizeof(*v));
	size_t n = 0;
	int ret = 0;

	for (size_t i = from; i < to; i++)
		if (rec->have[i])
			v[n++] = rec->rows[i];
	if (n && store_results_update(&rec->coach->store, rec->id, v, n))
		ret = -1;
	free(v);
	return ret;
}

void session_record_item_counts(const struct session_record *rec, int item, size_t *planned,
				size_t *done, size_t *skipped, size_t *hurt)
{
	size_t from, to;

	*planned = *done = *skipped = *hurt = 0;
	item_range(rec->script, item, &from, &to);
	for (size_t i = from; i < to; i++) {
		if (!rec->script->steps[i].work)
			continue;
		(*planned)++;
		if (!rec->have[i])
			continue;
		*done += rec->rows[i].status == STATUS_DONE;
		*skipped += rec->rows[i].status == STATUS_SKIPPED;
		*hurt += rec->rows[i].status == STATUS_HURT;
	}
}

static int is_done(const struct session_record *rec, size_t i)
{
	return rec->have[i] && rec->rows[i].status == STATUS_DONE;
}

int session_checkin_follows(const struct script *s, size_t step, int stopped)
{
	const struct script_step *st = &s->steps[step];

	if (!st->work || !(st->last_of_item || stopped))
		return -1;
	return (int)st->item;
}

const char *session_checkin_type(const struct script *s)
{
	return s->kind == KIND_STRETCH ? "stretch" : "strength";
}

int session_record_checkin_due(const struct session_record *rec, size_t step, int stopped)
{
	int item = session_checkin_follows(rec->script, step, stopped);
	size_t from, to;

	if (item < 0)
		return -1;
	item_range(rec->script, item, &from, &to);
	for (size_t i = from; i < to; i++)
		if (is_done(rec, i))
			return item;
	return -1;
}

size_t session_record_checkin_sets(const struct session_record *rec, int item, size_t **steps)
{
	size_t from, to, n = 0;

	item_range(rec->script, item, &from, &to);
	*steps = xcalloc(to - from + 1, sizeof(**steps));
	for (size_t i = from; i < to; i++)
		if (is_done(rec, i) && rec->script->steps[i].type == STEP_REPS)
			(*steps)[n++] = i;
	return n;
}

int session_record_item_pain(const struct session_record *rec, int item)
{
	size_t from, to;
	int pain = -1;

	item_range(rec->script, item, &from, &to);
	for (size_t i = from; i < to; i++)
		if (rec->have[i] && rec->rows[i].pain > pain)
			pain = rec->rows[i].pain;
	return pain;
}

void coach_session_checkin_init(struct coach_session_checkin *a)
{
	memset(a, 0, sizeof(*a));
	a->reps = NULL;
	a->reserve3 = a->rpe = a->band = a->gentle = a->pain = -1;
	a->load_kg = -1;
}

int coach_session_checkin_eases_off(const struct coach_session_checkin *a)
{
	if (a->gentle >= 0)
		return !a->gentle;
	return a->pain >= 0 && safety_stretch_too_painful(a->pain);
}

int session_record_checkin(struct session_record *rec, int item,
			   const struct coach_session_checkin *a)
{
	int reserve3 = a->reserve3, load = -1, gentle;
	size_t from, to, k = 0;

	if (reserve3 < 0)
		reserve3 = progress_reserve3(a->rpe, -1);
	if (a->load_kg >= 0)
		load = a->load_kg > 0 ? PLOAD_DUMBBELL : PLOAD_BODYWEIGHT;
	else if (a->band >= 0)
		load = a->band ? PLOAD_BAND : PLOAD_BODYWEIGHT;
	gentle = !coach_session_checkin_eases_off(a);
	item_range(rec->script, item, &from, &to);
	for (size_t i = from; i < to; i++) {
		struct result_rec *row = &rec->rows[i];

		if (!is_done(rec, i))
			continue;
		/* One answer for the exercise; a set rated higher with "it hurts" keeps its own. */
		if (a->pain > row->pain)
			row->pain = a->pain;
		if (rec->script->kind == KIND_STRETCH) {
			row->gentle = gentle;
			continue;
		}
		if (rec->script->steps[i].type == STEP_REPS && k < a->nreps) {
			if (a->reps[k] >= 0)
				row->reps = a->reps[k];
			k++;
		}
		row->reserve3 = reserve3;
		row->rpe = a->rpe;
		if (load >= 0) {
			row->load = load;
			row->load_kg = load == PLOAD_DUMBBELL ? a->load_kg : -1;
		}
	}
	return update_rows(rec, from, to);
}

/* Rewrites the row of work step `step` with `status` and `pain`; a done set of reps gets the
 * target reps until the check-in says otherwise. */
static int rewrite_row(struct session_record *rec, size_t step, enum step_status status, int pain)
{
	const struct script_step *st = &rec->script->steps[step];
	struct result_rec *row = &rec->rows[step];

	if (!rec->have[step])
		return 0;
	row->status = status;
	if (st->type == STEP_REPS)
		row->reps = status == STATUS_DONE ? st->p->reps_max : -1;
	row->pain = pain;
	return store_result_add(&rec->coach->store, rec->id, row, (int)step + 1);
}

/* Stops the exercise of `step`: the step is 'hurt', the sets not done are skipped, and what
 * follows the exercise comes next. */
static int stop_exercise(struct session_record *rec, size_t step, struct coach_session_hurt *out)
{
	const struct script *s = rec->script;
	size_t from, to;

	if (rewrite_row(rec, step, STATUS_HURT, out->pain))
		return -1;
	out->stopped = 1;
	item_range(s, s->steps[step].item, &from, &to);
	for (size_t i = step + 1; i < to; i++)
		if (session_record_step(rec, i, STATUS_SKIPPED, 0))
			return -1;
	out->next = to;
	return 0;
}

int session_record_hurt(struct session_record *rec, size_t step, int pain,
			struct coach_session_hurt *out)
{
	const struct script_step *st = &rec->script->steps[step];

	out->pain = pain;
	out->stretch = st->p->ex->kind == KIND_STRETCH;
	out->line = out->stretch ? SAFETY_STRETCH_PAIN : SAFETY_PAIN_ACCEPTABLE;
	out->stopped = out->chosen = 0;
	out->next = step;
	/*
	 * SAFETY.md section 2: a rating within the line is not "it hurts": the
	 * set counts as done, with its pain, and never steps back nor counts
	 * toward "stopped for pain" (Silbernagel 2007).
	 */
	if (pain < 0 || !safety_pain_stops(out->stretch, pain))
		return rewrite_row(rec, step, STATUS_DONE, pain);
	return stop_exercise(rec, step, out);
}

int session_record_hurt_stop(struct session_record *rec, size_t step,
			     struct coach_session_hurt *out)
{
	out->chosen = 1;
	return stop_exercise(rec, step, out);
}

void session_record_hurt_message(const struct session_record *rec, size_t step,
				 const struct coach_session_hurt *h, const char *again,
				 const char *para, const char **title, struct strbuf *text)
{
	const char *name = prescription_name(rec->script->steps[step].p);
	const char *sets = h->stretch ? "holds" : "sets";

	*title = NULL;
	if (h->chosen) {
		*title = "Stopped for today.";
		strbuf_addf(text,
			    "You stopped %s for today; its other %s are skipped. Carry on with the "
			    "rest only if they feel fine.",
			    name, sets);
	} else if (h->stretch && !h->stopped) {
		/* SAFETY.md section 2 (the article): stretches are gentle, never painful. */
		*title = coach_session_ease_off_title;
		strbuf_addf(text,
			    "A stretch should feel like a mild pull, never pain. Go less far and "
			    "breathe slowly; %s if it still hurts.",
			    again);
	} else if (h->stretch) {
		*title = "Stop this stretch for today.";
		strbuf_addf(text,
			    "A stretch should never hurt, and %d out of 10 is more than a gentle "
			    "pull. Stop %s for today; its other holds are skipped. Next time, go "
			    "less far: a mild pull is enough.",
			    h->pain, name);
	} else if (!h->stopped && h->pain >= 0) {
		/* SAFETY.md section 2 (Silbernagel 2007): up to 5/10 during strength work. */
		strbuf_addf(
		    text,
		    "%d out of 10 is %s: up to 5 is acceptable during strength work if it "
		    "has settled by tomorrow morning. Carry on gently; %s if it gets worse.",
		    h->pain, pain_zone_names[safety_pain_zone(h->pain)], again);
	} else if (!h->stopped) {
		strbuf_addf(
		    text,
		    "Up to 5 out of 10 is acceptable during strength work if it has settled "
		    "by tomorrow morning. Carry on gently; %s if it gets worse.",
		    again);
	} else {
		*title = "That is too much: stop this exercise.";
		strbuf_addf(
		    text,
		    "Pain above 5 out of 10 is more than this program should cause. Stop %s "
		    "for today; its other sets are skipped. Carry on with the rest only if "
		    "they feel fine.",
		    name);
	}
	if (h->pain >= SAFETY_PAIN_HIGH)
		strbuf_addf(
		    text,
		    "%sPain this strong is a reason to see a physical therapist soon, rather "
		    "than keep working through it.",
		    para);
}

const char *coach_session_pain_after_advice(int pain)
{
	if (pain < 0 || safety_pain_zone(pain) != PAIN_TOO_MUCH)
		return NULL;
	return "That is more than the program should cause. Take it easier next time, and if it "
	       "has not settled by tomorrow morning, hipcoach will step the program back.";
}

const char *coach_session_pain_during_advice(int pain)
{
	if (pain >= SAFETY_PAIN_HIGH)
		return "That is more than the program should cause, and pain this strong is a "
		       "reason to see a physical therapist soon, rather than keep working through "
		       "it.";
	if (pain < 0 || safety_pain_zone(pain) != PAIN_TOO_MUCH)
		return NULL;
	return "Above 5 out of 10 during strength work is too much: next time this exercise "
	       "steps back.";
}

/* The highest pain recorded today, -1 none (SAFETY.md section 4 counts every score). */
static int pain_today(struct coach *c, int *out)
{
	struct pain_score *ps = NULL;
	size_t n = 0;
	day_t today = clock_today();

	*out = -1;
	if (store_pain_scores(&c->store, today, today, &ps, &n))
		return -1;
	for (size_t i = 0; i < n; i++)
		if (ps[i].score > *out)
			*out = ps[i].score;
	free(ps);
	return 0;
}

int coach_session_gate(struct coach *c, enum exercise_kind kind, int pain_before,
		       struct coach_session_gate *out)
{
	memset(out, 0, sizeof(*out));
	out->pain = -1;
	if (kind != KIND_STRENGTH)
		return 0;
	if (coach_store(c, 0) || pain_today(c, &out->pain))
		return -1;
	if (pain_before > out->pain)
		out->pain = pain_before;
	out->rest = out->pain >= 0 && safety_rest_from_strength(out->pain);
	if (!out->rest)
		return 0;
	out->title = "No strength work today.";
	snprintf(out->text, sizeof(out->text),
		 "Your hip hurts %d out of 10 today. During strength work more than 5 is already "
		 "too much, so today is for the gentle stretches, or rest. Pain of 8 or more is a "
		 "reason to see a physical therapist soon, rather than work through it.",
		 out->pain);
	return 0;
}

int coach_session_skip_for_pain(struct coach *c, enum exercise_kind kind, int pain_before,
				const char *origin)
{
	struct store *st = &c->store;
	int64_t id;

	if (pain_before < 0 || pain_before > 10)
		return error_set("cannot save the session: the pain is 0-10, not %d", pain_before);
	if (coach_store(c, 0))
		return -1;
	if (store_begin(st) ||
	    store_session_start(st, clock_today(), kind, origin, pain_before, &id) ||
	    store_session_finish(st, id, -1, 1) || store_commit(st)) {
		store_rollback(st);
		return error_set("cannot save the session: %s", error_last());
	}
	return 0;
}
