/* A physical therapist's change to the runner's program: checked, merged with the changes in
 * force, written in one transaction with its record, and read back with the record. */
#include "program-change.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/error.h"
#include "lib/strbuf.h"
#include "lib/xalloc.h"
#include "store/profile.h"
#include "store/program.h"

void program_changes_release(struct program_changes *pc)
{
	program_current_release(&pc->current);
	program_history_free(pc->history, pc->nhistory);
	memset(pc, 0, sizeof(*pc));
}

static const char *exercise_name(const struct coach *c, const char *id)
{
	const struct exercise *ex = program_find(&c->program, id);

	return ex ? ex->name : id;
}

/* "; " between the parts of what changed. */
static void part(struct strbuf *what)
{
	if (what->len)
		strbuf_addstr(what, "; ");
}

static void equipment_words(struct strbuf *sb, unsigned eq)
{
	size_t start = sb->len;

	for (int i = 0; i < EQ_COUNT; i++)
		if (eq & (1u << i))
			strbuf_addf(sb, "%s%s", sb->len > start ? ", " : "", equipment_names[i]);
	if (sb->len == start)
		strbuf_addstr(sb, "none");
}

/*
 * The exercises left out as they will stand, into *out (malloc'd): an
 * exercise left out before, with no new reason or the same one, keeps who
 * left it out and when. What changed goes to `what`.
 */
static void merge_left_out(const struct coach *c, const struct program_change *chg, const char *who,
			   const char *why, const char *now, struct program_omit **out,
			   struct strbuf *what)
{
	const struct program_current *cur = &c->therapist;
	struct program_omit *v = xcalloc(chg->nleft_out + 1, sizeof(*v));

	for (size_t i = 0; i < chg->nleft_out; i++) {
		const struct program_omit *o =
		    program_current_left_out(cur, chg->left_out[i].exercise);
		const char *reason = chg->left_out[i].reason[0] ? chg->left_out[i].reason : why;

		if (o && (!chg->left_out[i].reason[0] || !strcmp(o->reason, reason))) {
			v[i] = *o;
			continue;
		}
		v[i] = chg->left_out[i];
		snprintf(v[i].reason, sizeof(v[i].reason), "%s", reason);
		snprintf(v[i].who, sizeof(v[i].who), "%s", who);
		snprintf(v[i].at, sizeof(v[i].at), "%s", now);
		part(what);
		strbuf_addf(what, "left out %s (%s)", exercise_name(c, v[i].exercise), v[i].reason);
	}
	for (size_t i = 0; i < cur->nleft_out; i++) {
		int kept = 0;

		for (size_t j = 0; j < chg->nleft_out && !kept; j++)
			kept = !strcmp(cur->left_out[i].exercise, chg->left_out[j].exercise);
		if (!kept) {
			part(what);
			strbuf_addf(what, "%s back in the program",
				    exercise_name(c, cur->left_out[i].exercise));
		}
	}
	*out = v;
}

/* The progress state of exercise `id` as stored, or the level's start when it has none. */
static void progress_of(const struct coach *c, const char *id, struct progress_state *ps)
{
	memset(ps, 0, sizeof(*ps));
	ps->load_kg = -1;
	for (size_t i = 0; i < c->nprogress; i++)
		if (!strcmp(c->progress[i].exercise, id))
			*ps = c->progress[i];
	snprintf(ps->exercise, sizeof(ps->exercise), "%s", id);
}

/*
 * Writes to the progress log that the dose of `id` was set (d) or given
 * back to the program (d NULL), leaving the progress state as it was, so
 * that the next decision counts only the sessions after it (SAFETY.md
 * section 3).
 */
static int adapt(struct coach *c, const char *id, const struct program_dose *d, const char *who)
{
	struct progress_state ps;
	struct strbuf reason = STRBUF_INIT;
	int ret;

	progress_of(c, id, &ps);
	strbuf_addf(&reason, "%s: ", exercise_name(c, id));
	if (d) {
		program_dose_describe(&reason, d);
		strbuf_addf(&reason, " — set by your physical therapist (%s)", who);
	} else {
		strbuf_addf(&reason,
			    "back to your program's dose, which your progress moves again — given "
			    "back by your physical therapist (%s)",
			    who);
	}
	ret = store_progress_set(&c->store, &ps, "adapt", reason.buf);
	strbuf_release(&reason);
	return ret;
}

/*
 * The doses as they will stand, into *out (malloc'd), the same way as
 * merge_left_out(); writes the progress log of each dose set, changed or
 * given back. 0 or -1.
 */
static int merge_doses(struct coach *c, const struct program_change *chg, const char *who,
		       const char *why, const char *now, struct program_dose **out,
		       struct strbuf *what)
{
	const struct program_current *cur = &c->therapist;
	struct program_dose *v = xcalloc(chg->ndoses + 1, sizeof(*v));

	*out = v;
	for (size_t i = 0; i < chg->ndoses; i++) {
		const struct program_dose *o = program_current_dose(cur, chg->doses[i].exercise);

		v[i] = chg->doses[i];
		if (o && program_dose_same(o, &v[i])) {
			v[i] = *o;
			continue;
		}
		snprintf(v[i].why, sizeof(v[i].why), "%s", why);
		snprintf(v[i].who, sizeof(v[i].who), "%s", who);
		snprintf(v[i].at, sizeof(v[i].at), "%s", now);
		part(what);
		strbuf_addf(what, "%s: ", exercise_name(c, v[i].exercise));
		program_dose_describe(what, &v[i]);
		if (adapt(c, v[i].exercise, &v[i], who))
			return -1;
	}
	for (size_t i = 0; i < cur->ndoses; i++) {
		int kept = 0;

		for (size_t j = 0; j < chg->ndoses && !kept; j++)
			kept = !strcmp(cur->doses[i].exercise, chg->doses[j].exercise);
		if (kept)
			continue;
		part(what);
		strbuf_addf(what, "%s back to the program's dose",
			    exercise_name(c, cur->doses[i].exercise));
		if (adapt(c, cur->doses[i].exercise, NULL, who))
			return -1;
	}
	return 0;
}

/* The level and the equipment, through the profile, when they change. 0 or -1. */
static int change_profile(struct coach *c, const struct program_change *chg, struct strbuf *what)
{
	struct profile p = c->profile; /* a shallow copy: its name stays the coach's */

	if (chg->level >= 0 && chg->level != p.level) {
		part(what);
		strbuf_addf(what, "level %s (was %s)", level_names[chg->level],
			    level_names[p.level]);
		p.level = chg->level;
	}
	if (chg->equipment >= 0 && (unsigned)chg->equipment != p.equipment) {
		part(what);
		strbuf_addstr(what, "equipment ");
		equipment_words(what, (unsigned)chg->equipment);
		strbuf_addstr(what, " (was ");
		equipment_words(what, p.equipment);
		strbuf_addch(what, ')');
		p.equipment = (unsigned)chg->equipment;
	}
	if (p.level == c->profile.level && p.equipment == c->profile.equipment)
		return 0;
	return store_profile_save(&c->store, &p);
}

/* The note, when it changes. 0 or -1. */
static int change_note(struct coach *c, const struct program_change *chg, const char *who,
		       const char *now, struct strbuf *what)
{
	const char *old = c->therapist.note;

	if (!chg->note || !strcmp(chg->note, old ? old : ""))
		return 0;
	part(what);
	strbuf_addstr(what, !*chg->note ? "the note removed"
			    : old	? "a new note to the patient"
					: "a note to the patient");
	return store_program_set_note(&c->store, chg->note, who, now);
}

int coach_program_change(struct coach *c, const struct program_change *chg, const char *who,
			 const char *why)
{
	struct strbuf err = STRBUF_INIT, what = STRBUF_INIT;
	struct program_omit *left_out = NULL;
	struct program_dose *doses = NULL;
	struct store *st = &c->store;
	unsigned equipment;
	char now[21];
	int ret = PROGRAM_CHANGE_NOT_SAVED, before;

	if (!coach_input(c))
		return PROGRAM_CHANGE_NOT_SAVED;
	equipment = chg->equipment >= 0 ? (unsigned)chg->equipment : c->profile.equipment;
	if (program_change_check(&c->program, chg, who, why, equipment, &c->therapist, &err)) {
		error_set("%s", err.buf);
		strbuf_release(&err);
		return PROGRAM_CHANGE_REFUSED;
	}
	time_format_iso(clock_now(), now);
	if (store_begin(st))
		goto out;
	if (change_profile(c, chg, &what))
		goto fail;
	if (chg->set_left_out) {
		before = (int)what.len;
		merge_left_out(c, chg, who, why, now, &left_out, &what);
		if ((int)what.len != before &&
		    store_program_set_left_out(st, left_out, chg->nleft_out))
			goto fail;
	}
	if (chg->set_doses) {
		before = (int)what.len;
		if (merge_doses(c, chg, who, why, now, &doses, &what) ||
		    ((int)what.len != before && store_program_set_doses(st, doses, chg->ndoses)))
			goto fail;
	}
	if (change_note(c, chg, who, now, &what))
		goto fail;
	/* Nothing changes: nothing is written, and nothing recorded. */
	if (!what.len) {
		ret = store_commit(st) ? PROGRAM_CHANGE_NOT_SAVED : 0;
		goto out;
	}
	if (store_program_log(st, now, who, why, what.buf) || store_commit(st))
		goto fail;
	/* The plan, the doses and progress read what changed: all of it is read again. */
	coach_forget(c);
	ret = 0;
	goto out;
fail:
	store_rollback(st);
	error_set("cannot save the change to the program: %s", error_last());
out:
	free(left_out);
	free(doses);
	strbuf_release(&err);
	strbuf_release(&what);
	return ret;
}

int coach_program_changes(struct coach *c, struct program_changes *out)
{
	memset(out, 0, sizeof(*out));
	if (coach_profile(c))
		return -1;
	out->level = c->profile.level;
	out->equipment = c->profile.equipment;
	if (store_program_load(&c->store, &out->current) ||
	    store_program_history(&c->store, &out->history, &out->nhistory))
		return -1;
	return 0;
}
