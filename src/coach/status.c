/* Gathering the record for the decisions: weekly pain and adherence, screening, recent pain events,
 * a clinician's care and the PSFS, and each exercise's results since its last change. */
#include "status.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "load.h"
#include "psfs.h"
#include "lib/error.h"
#include "lib/strbuf.h"
#include "lib/xalloc.h"
#include "store/history.h"
#include "store/pain.h"
#include "store/profile.h"
#include "store/runs.h"
#include "store/session.h"

void status_init(struct status *s)
{
	memset(s, 0, sizeof(*s));
	advice_list_init(&s->advice);
	screening_state_init(&s->screening);
	s->scaled_back = TRI_UNKNOWN;
}

void status_release(struct status *s)
{
	free(s->weeks);
	free(s->exercises);
	plan_session_release(&s->sessions[0]);
	plan_session_release(&s->sessions[1]);
	advice_list_release(&s->advice);
	screening_state_release(&s->screening);
	status_init(s);
}

/* The highest morning check-in of `day`, -1 none (an error reads as none: the store said why). */
static int morning_pain(struct coach *c, day_t day)
{
	int p = store_morning_pain(&c->store, day);

	return p < 0 ? -1 : p;
}

/*
 * The pain before a session, to judge whether it settled by the next
 * morning: the session's own "before" score, else the latest morning
 * check-in of that day or the 7 days before it; -1 when none.
 */
static int reference_pain(struct coach *c, day_t date, int pain_before)
{
	if (pain_before >= 0)
		return pain_before;
	return store_morning_pain_latest(&c->store, date - 7, date);
}

/* Weekly pain (store_pain_weeks) and adherence: planned sessions from the program's first day, done
 * ones capped per kind. */
static int gather_weeks(struct coach *c, struct status *s)
{
	day_t first = day_week_start(s->start <= s->today ? s->start : s->today);
	day_t last = day_week_start(s->today) + 6;
	size_t n = (size_t)((last + 1 - first) / 7);
	int(*cnt)[4] =
	    xcalloc(n, sizeof(*cnt)); /* planned strength, stretch; done strength, stretch */
	struct session_rec *done = NULL;
	size_t ndone = 0;
	struct plan plan;

	s->weeks = xcalloc(n, sizeof(*s->weeks));
	s->nweeks = n;
	if (coach_pain_weeks(c, first, s->weeks, n) ||
	    store_sessions_between(&c->store, first, last, &done, &ndone)) {
		free(cnt);
		return -1;
	}
	/* The days a block was in force plan nothing (SAFETY.md section 1): before it, the plan
	 * as it was. */
	{
		struct plan_input unpaused = c->input;
		day_t from = c->input.pause && s->screening.last_round
				 ? day_of_time(s->screening.last_round)
				 : last + 1;

		unpaused.pause = 0;
		plan_build(&plan, &unpaused, first, (int)(7 * n));
		for (size_t i = 0; i < plan.nsessions; i++) {
			const struct plan_session *ps = &plan.sessions[i];

			if (ps->date >= s->start && ps->date < from)
				cnt[(ps->date - first) / 7][ps->kind]++;
		}
	}
	/* A day counts once per kind: a second stretch session on the same day is not a second
	 * planned one done. done[] is in date order. */
	for (size_t i = 0; i < ndone; i++) {
		int again = 0;

		for (size_t j = i; j-- > 0 && done[j].date == done[i].date;)
			again |= done[j].completed && done[j].kind == done[i].kind;
		if (done[i].completed && done[i].date >= first && !again)
			cnt[(done[i].date - first) / 7][2 + done[i].kind]++;
	}
	for (size_t w = 0; w < n; w++) {
		struct pain_week *pw = &s->weeks[w];

		pw->planned = cnt[w][0] + cnt[w][1];
		for (int k = 0; k < 2; k++)
			pw->done += cnt[w][2 + k] < cnt[w][k] ? cnt[w][2 + k] : cnt[w][k];
		/* SAFETY.md section 4 weighs strength first: each kind counted on its own. */
		pw->strength_planned = cnt[w][KIND_STRENGTH];
		pw->strength_done = cnt[w][2 + KIND_STRENGTH];
		pw->stretch_planned = cnt[w][KIND_STRETCH];
		pw->stretch_done = cnt[w][2 + KIND_STRETCH];
	}
	safety_adherence(s->weeks, s->nweeks, &s->adherence);
	plan_release(&plan);
	free(done);
	free(cnt);
	return 0;
}

static const char *exercise_name(struct coach *c, const char *id)
{
	const struct exercise *ex = program_find(&c->program, id);

	return ex ? ex->name : id;
}

/* Recent events for SAFETY.md sections 2 and 4: the highest pain, skips for pain, unsettled
 * mornings, too much pain. */
static int gather_recent(struct coach *c, struct status *s, struct escalation_input *e,
			 char *skipped, size_t skipped_size, char *stretch, size_t stretch_size)
{
	struct store *st = &c->store;
	struct pain_score *ps = NULL;
	struct session_rec *sess = NULL;
	struct stretch_hurt *sh = NULL;
	size_t nps = 0, nsess = 0, nsh = 0;
	char id[64];
	int rc;

	e->max_pain_recent = -1;
	if (store_pain_scores(st, s->today - 13, s->today, &ps, &nps))
		return -1;
	for (size_t i = 0; i < nps; i++)
		if (ps[i].score >= e->max_pain_recent) {
			e->max_pain_recent = ps[i].score;
			e->max_pain_day = ps[i].date;
		}
	free(ps);

	rc = store_hurt_most(st, s->today - 27, id, sizeof(id), &e->skipped_count);
	if (rc < 0)
		return -1;
	if (rc > 0) {
		snprintf(skipped, skipped_size, "%s", exercise_name(c, id));
		e->skipped_exercise = skipped;
	}

	if (store_sessions_between(st, s->today - 7, s->today - 1, &sess, &nsess))
		return -1;
	for (size_t i = 0; i < nsess; i++) {
		int before = sess[i].pain_before;

		if (!sess[i].completed || sess[i].kind != KIND_STRENGTH)
			continue;
		before = reference_pain(c, sess[i].date, before);
		if (safety_settled(before, morning_pain(c, sess[i].date + 1)) == 0) {
			e->unsettled++;
			e->unsettled_day = sess[i].date;
		}
	}
	free(sess);

	if (store_pain_over(st, s->today - 6, SAFETY_PAIN_ACCEPTABLE, &e->too_much_during,
			    &e->too_much_max))
		return -1;

	if (store_stretches_hurt(st, s->today - 6, SAFETY_STRETCH_PAIN, &sh, &nsh))
		return -1;
	for (size_t i = 0; i < nsh; i++) {
		if (!e->painful_stretches) {
			snprintf(stretch, stretch_size, "%s", exercise_name(c, sh[i].exercise));
			e->painful_stretch = stretch;
		}
		e->painful_stretches += sh[i].count;
	}
	free(sh);
	return 0;
}

/* SAFETY.md sections 4 and 7: whether a clinician is managing the hip, and the PSFS averages. */
static int gather_care_psfs(struct coach *c, struct status *s, struct escalation_input *e)
{
	struct psfs_summary ps;

	if (store_care_latest(&c->store, &s->care) < 0 || coach_psfs_summary(c, &ps))
		return -1;
	s->psfs_scored = ps.scored;
	s->psfs_first = ps.average_first;
	s->psfs_latest = ps.average_latest;
	s->psfs_better = ps.scored && safety_psfs_better(ps.average_first, ps.average_latest);
	psfs_summary_release(&ps);
	e->care_since = s->care.since;
	e->care_note = s->care.note;
	e->psfs_scored = s->psfs_scored;
	e->psfs_first = s->psfs_first;
	e->psfs_latest = s->psfs_latest;
	return 0;
}

/* One session's results for one exercise, reduced to what SAFETY.md section 3 asks. */
static int session_results(struct coach *c, const struct session_ref *ref, const char *id,
			   struct progress_session *out)
{
	struct result_rec *r = NULL;
	size_t n = 0;
	unsigned sets = 0;
	int rated = 0, hard = 0;

	memset(out, 0, sizeof(*out));
	out->date = ref->date;
	out->reps_low = -1;
	out->pain_max = -1;
	if (store_results_list(&c->store, ref->id, &r, &n))
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (strcmp(r[i].exercise, id))
			continue;
		if (r[i].pain > out->pain_max)
			out->pain_max = r[i].pain;
		if (r[i].status == STATUS_HURT || r[i].gentle == 0)
			out->hurt = 1;
		if (r[i].status != STATUS_DONE)
			continue;
		sets |= 1u << ((r[i].set_no > 0 ? r[i].set_no : 0) & 31);
		if (r[i].reps >= 0 && (out->reps_low < 0 || r[i].reps < out->reps_low))
			out->reps_low = r[i].reps;
		if (r[i].rpe > 0 || r[i].reserve3 >= 0) {
			rated = 1;
			hard |= r[i].rpe > 0 ? r[i].rpe > PROGRESS_RPE_EASY : r[i].reserve3 != 1;
		}
	}
	free(r);
	for (; sets; sets &= sets - 1)
		out->sets_done++;
	out->effort_ok = rated ? !hard : -1;
	out->settled = safety_settled(reference_pain(c, ref->date, ref->pain_before),
				      morning_pain(c, ref->date + 1));
	return 0;
}

static const struct progress_state *find_state(const struct coach *c, const char *id)
{
	for (size_t i = 0; i < c->nprogress; i++)
		if (!strcmp(c->progress[i].exercise, id))
			return &c->progress[i];
	return NULL;
}

/*
 * The sessions that hold results for exercise `id` finished after its last
 * change: how many in *total, and the last two, oldest first, in out[] (the
 * decision of SAFETY.md section 3 looks at "the last two sessions"; reading
 * only those keeps years of history cheap).
 */
static int exercise_sessions(struct coach *c, const char *id, struct progress_session out[2],
			     size_t *n, size_t *total)
{
	const struct progress_state *state = find_state(c, id);
	struct session_ref refs[2];
	size_t got;

	*n = 0;
	if (store_sessions_for_exercise(&c->store, id, state ? state->updated_at : "", refs, 2,
					&got, total))
		return -1;
	for (size_t i = 0; i < got; i++)
		if (session_results(c, &refs[got - 1 - i], id, &out[i]))
			return -1;
	*n = got;
	return 0;
}

/*
 * Decides every prescribed exercise's progress; decisions[i] and
 * nsessions[i] follow the program's exercises. With `apply`, writes each
 * change and counts it in *changes.
 */
static int decide_all(struct coach *c, const struct status *s, struct progress_decision *decisions,
		      size_t *nsessions, int apply, int *changes)
{
	const struct plan_input *in = &c->input;
	/* SAFETY.md section 2: pain must not rise week to week (one day never decides it). */
	int rising = safety_pain_rising(s->weeks, s->nweeks) > 0;

	for (int k = 0; k < 2; k++) {
		struct plan_session ps;

		plan_session_items(in, (enum exercise_kind)k, &ps, NULL);
		for (size_t i = 0; i < ps.nitems; i++) {
			const struct exercise *ex = ps.items[i].ex;
			size_t idx = (size_t)(ex - c->program.exercises);
			struct progress_session sess[2];
			struct progress_input pi = {
			    .ex = ex,
			    .level = &c->program.levels[c->profile.level],
			    .now = &ps.items[i],
			    .state = find_state(c, ex->id),
			    .weights_kg = c->profile.weights_kg,
			    .nweights = c->profile.nweights,
			    .equipment = c->profile.equipment,
			    .pain_rising = rising,
			    .pounds = c->profile.pounds,
			    .sessions = sess,
			};

			if (exercise_sessions(c, ex->id, sess, &pi.nsessions, &nsessions[idx])) {
				plan_session_release(&ps);
				return -1;
			}
			progress_decide(&pi, &decisions[idx]);
			if (!apply || decisions[idx].change == PROGRESS_HOLD)
				continue;
			if (store_progress_set(&c->store, &decisions[idx].next,
					       progress_change_names[decisions[idx].change],
					       decisions[idx].reason)) {
				plan_session_release(&ps);
				return error_set("cannot save progress: %s", error_last());
			}
			(*changes)++;
		}
		plan_session_release(&ps);
	}
	return 0;
}

/* The changes of the last 7 days as one advice item per direction (SAFETY.md section 3). */
static int changes_advice(struct coach *c, struct status *s)
{
	/* SAFETY.md section 3 [E]: ACSM 2009 position stand on progression; Zourdos JSCR 2016
	 * (RPE/reps in reserve); S for the pain gates. */
	static const char *const src =
	    "the American College of Sports Medicine's 2009 advice on making strength work "
	    "harder; rating effort by the reps you have left, from a 2016 study by Zourdos";
	struct strbuf up = STRBUF_INIT, back = STRBUF_INIT;
	struct progress_change_rec *ch = NULL;
	size_t n = 0;

	if (store_progress_changes_since(&c->store, day_start_time(s->today - 6), &ch, &n))
		return -1;
	for (size_t i = 0; i < n; i++) {
		const char *reason = ch[i].reason;
		const char *dash = strstr(reason, " — ");
		const struct exercise *ex = program_find(&c->program, ch[i].exercise);
		struct strbuf *sb;

		if (!strcmp(ch[i].change, "progress"))
			sb = &up;
		else if (!strcmp(ch[i].change, "step-back"))
			sb = &back;
		else
			continue;
		/* A stretch eased off is already said by the ease-off advice (SAFETY.md section 2).
		 */
		if (sb == &back && ex && ex->kind == KIND_STRETCH)
			continue;
		strbuf_addf(sb, " %.*s.", dash ? (int)(dash - reason) : (int)strlen(reason),
			    reason);
	}
	free(ch);
	if (back.len)
		advice_add(&s->advice, ADVICE_STEP_BACK, src,
			   "Your plan steps back where it hurt or did not settle:%s Build up "
			   "again once it feels fine; 'hipcoach status' has the reasons.",
			   back.buf);
	if (up.len)
		advice_add(&s->advice, ADVICE_PROGRESS, src,
			   "Ready for more: these felt easy for two sessions in a row, with pain "
			   "under control:%s",
			   up.buf);
	strbuf_release(&up);
	strbuf_release(&back);
	return 0;
}

/* The status fields every decision starts from: dates, level and the weeks. */
static int status_begin(struct coach *c, struct status *s)
{
	status_init(s);
	if (!coach_input(c))
		return -1;
	s->today = clock_today();
	s->start = c->profile.start_date;
	s->level = c->profile.level;
	s->therapist = &c->therapist;
	/* gather_weeks() reads the weekly pain from the program's first week: the screening's
	 * narrower read comes out of the same one. */
	coach_pain_reach(c, day_week_start(s->start <= s->today ? s->start : s->today));
	if (coach_screening_state(c, &s->screening))
		return -1;
	return gather_weeks(c, s);
}

void status_weeks_init(struct status_weeks *w)
{
	memset(w, 0, sizeof(*w));
}

void status_weeks_release(struct status_weeks *w)
{
	free(w->weeks);
	status_weeks_init(w);
}

int coach_status_weeks(struct coach *c, struct status_weeks *out)
{
	struct status s;
	struct run_rec *runs = NULL;
	size_t nruns = 0;
	int ret = -1;

	status_weeks_init(out);
	if (status_begin(c, &s) ||
	    (s.nweeks && store_runs_between(&c->store, day_start_time(s.weeks[0].monday),
					    day_start_time(s.weeks[s.nweeks - 1].monday + 7),
					    RUNS_ONLY_RUNS, &runs, &nruns)))
		goto out;
	out->weeks = xcalloc(s.nweeks ? s.nweeks : 1, sizeof(*out->weeks));
	out->n = s.nweeks;
	/* The runs come oldest first and the weeks follow each other: one pass over both. */
	for (size_t i = 0, k = 0; i < s.nweeks; i++) {
		struct status_week *w = &out->weeks[i];
		time_t from = day_start_time(s.weeks[i].monday);
		time_t to = day_start_time(s.weeks[i].monday + 7);

		w->pain = s.weeks[i];
		while (k < nruns && runs[k].act.start < from)
			k++;
		for (; k < nruns && runs[k].act.start < to; k++)
			if (runs[k].act.distance_m > 0)
				w->distance_m += runs[k].act.distance_m;
	}
	out->have_runs = nruns > 0;
	ret = 0;
out:
	free(runs);
	status_release(&s);
	return ret;
}

int coach_decide_progress(struct coach *c, int *changes)
{
	struct status s;
	struct progress_decision *decisions;
	size_t *nsess;
	int n = 0, ret;

	if (changes)
		*changes = 0;
	if (status_begin(c, &s)) {
		status_release(&s);
		return -1;
	}
	decisions = xcalloc(c->program.nexercises, sizeof(*decisions));
	nsess = xcalloc(c->program.nexercises, sizeof(*nsess));
	ret = decide_all(c, &s, decisions, nsess, 1, &n);
	free(decisions);
	free(nsess);
	status_release(&s);
	if (!ret && n)
		ret = coach_reload_progress(c);
	if (changes)
		*changes = n;
	return ret;
}

int coach_after_record(struct coach *c)
{
	int have = coach_has_profile(c);

	return have <= 0 ? have : coach_decide_progress(c, NULL);
}

int coach_status(struct coach *c, struct status *s)
{
	struct escalation_input e;
	struct progress_decision *decisions;
	size_t *nsess, ne = 0;
	char skipped[128] = "", stretch[128] = "";
	int unused = 0;
	unsigned held;

	if (status_begin(c, s))
		return -1;
	decisions = xcalloc(c->program.nexercises, sizeof(*decisions));
	nsess = xcalloc(c->program.nexercises, sizeof(*nsess));
	if (decide_all(c, s, decisions, nsess, 0, &unused)) {
		free(decisions);
		free(nsess);
		return -1;
	}
	s->exercises = xcalloc(c->program.nexercises, sizeof(*s->exercises));
	for (int k = 0; k < 2; k++) {
		plan_session_items(&c->input, (enum exercise_kind)k, &s->sessions[k], NULL);
		for (size_t i = 0; i < s->sessions[k].nitems; i++) {
			struct exercise_status *es = &s->exercises[ne++];
			size_t idx = (size_t)(s->sessions[k].items[i].ex - c->program.exercises);
			const struct progress_state *ps;

			es->now = s->sessions[k].items[i];
			es->decision = decisions[idx];
			es->nsessions = nsess[idx];
			ps = find_state(c, es->now.ex->id);
			if (ps && ps->reason[0]) {
				snprintf(es->last_change, sizeof(es->last_change), "%s",
					 ps->reason);
				snprintf(es->last_change_day, sizeof(es->last_change_day), "%.10s",
					 ps->updated_at);
			}
		}
	}
	s->nexercises = ne;
	free(decisions);
	free(nsess);

	safety_screening_advice(&s->screening.decision, &s->advice);

	memset(&e, 0, sizeof(e));
	e.today = s->today;
	e.start = s->start;
	e.weeks = s->weeks;
	e.nweeks = s->nweeks;
	/* SAFETY.md section 5: running load decides "scaled back" and adds its own advice. */
	s->have_load = !coach_load_report(c, &s->load);
	s->scaled_back = e.scaled_back = s->have_load ? s->load.scaled_back : TRI_UNKNOWN;
	if (s->have_load)
		coach_load_advice(&s->load, c->profile.miles, &s->advice);
	if (gather_recent(c, s, &e, skipped, sizeof(skipped), stretch, sizeof(stretch)) ||
	    gather_care_psfs(c, s, &e))
		return -1;
	held = safety_escalate(&e, &s->advice);
	if (changes_advice(c, s))
		return -1;
	if (!s->advice.n)
		safety_on_track(&e, held, &s->advice);
	advice_sort(&s->advice);
	return 0;
}
