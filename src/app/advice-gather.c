/* Gathering the record for the decisions: weekly pain and adherence, screening, recent pain events,
 * and each exercise's results since its last change. */
#include "advice-gather.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "load-advice.h"
#include "lib/error.h"
#include "lib/xalloc.h"
#include "store/pain.h"
#include "store/profile.h"
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

static int morning_pain(struct app *app, day_t day)
{
	char d[11];

	return (int)store_int(&app->coach.store, -1,
			      "SELECT max(score) FROM pain WHERE date = ? AND context = 'morning'",
			      "t", day_format(day, d));
}

/*
 * The pain before a session, to judge whether it settled by the next
 * morning: the session's own "before" score, else the latest morning
 * check-in of that day or the 7 days before it; -1 when none.
 */
static int reference_pain(struct app *app, day_t date, int pain_before)
{
	char d[11], from[11];

	if (pain_before >= 0)
		return pain_before;
	return (int)store_int(&app->coach.store, -1,
			      "SELECT score FROM pain WHERE context = 'morning' AND date <= ? AND "
			      "date >= ? ORDER BY date DESC, id DESC LIMIT 1",
			      "tt", day_format(date, d), day_format(date - 7, from));
}

/* Weekly pain (store_pain_weeks) and adherence: planned sessions from the program's first day, done
 * ones capped per kind. */
static int gather_weeks(struct app *app, struct status *s)
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
	if (store_pain_weeks(&app->coach.store, first, s->weeks, n) ||
	    store_sessions_between(&app->coach.store, first, last, &done, &ndone)) {
		free(cnt);
		return error("%s", error_last());
	}
	plan_build(&plan, &app->coach.input, first, (int)(7 * n));
	for (size_t i = 0; i < plan.nsessions; i++)
		if (plan.sessions[i].date >= s->start)
			cnt[(plan.sessions[i].date - first) / 7][plan.sessions[i].kind]++;
	for (size_t i = 0; i < ndone; i++)
		if (done[i].completed && done[i].date >= first)
			cnt[(done[i].date - first) / 7][2 + done[i].kind]++;
	for (size_t w = 0; w < n; w++) {
		s->weeks[w].planned = cnt[w][0] + cnt[w][1];
		for (int k = 0; k < 2; k++)
			s->weeks[w].done += cnt[w][2 + k] < cnt[w][k] ? cnt[w][2 + k] : cnt[w][k];
	}
	plan_release(&plan);
	free(done);
	free(cnt);
	return 0;
}

static const char *exercise_name(struct app *app, const char *id)
{
	const struct exercise *ex = program_find(&app->coach.program, id);

	return ex ? ex->name : id;
}

/* Recent events for SAFETY.md sections 2 and 4: the highest pain, skips for pain, unsettled
 * mornings, too much pain. */
static int gather_recent(struct app *app, struct status *s, struct escalation_input *e,
			 char *skipped, size_t skipped_size, char *stretch, size_t stretch_size)
{
	struct store *st = &app->coach.store;
	struct pain_score *ps = NULL;
	struct session_rec *sess = NULL;
	size_t nps = 0, nsess = 0;
	sqlite3_stmt *stmt;
	char d7[11], d28[11];

	day_format(s->today - 6, d7);
	day_format(s->today - 27, d28);
	e->max_pain_recent = -1;
	if (store_pain_scores(st, s->today - 13, s->today, &ps, &nps))
		return error("%s", error_last());
	for (size_t i = 0; i < nps; i++)
		if (ps[i].score >= e->max_pain_recent) {
			e->max_pain_recent = ps[i].score;
			e->max_pain_day = ps[i].date;
		}
	free(ps);

	stmt = store_prepare(
	    st,
	    "SELECT r.exercise, count(DISTINCT r.session_id) AS c FROM results r JOIN "
	    "sessions s ON s.id = r.session_id WHERE r.status = 'hurt' AND s.date >= ? "
	    "GROUP BY r.exercise ORDER BY c DESC, r.exercise LIMIT 1",
	    "t", d28);
	if (!stmt)
		return error("%s", error_last());
	if (store_step(st, stmt) > 0) {
		snprintf(skipped, skipped_size, "%s", exercise_name(app, store_col_text(stmt, 0)));
		e->skipped_exercise = skipped;
		e->skipped_count = store_col_int(stmt, 1, 0);
	}
	sqlite3_finalize(stmt);

	if (store_sessions_between(st, s->today - 7, s->today - 1, &sess, &nsess))
		return error("%s", error_last());
	for (size_t i = 0; i < nsess; i++) {
		int before = sess[i].pain_before;

		if (!sess[i].completed || sess[i].kind != KIND_STRENGTH)
			continue;
		before = reference_pain(app, sess[i].date, before);
		if (safety_settled(before, morning_pain(app, sess[i].date + 1)) == 0) {
			e->unsettled++;
			e->unsettled_day = sess[i].date;
		}
	}
	free(sess);

	stmt =
	    store_prepare(st,
			  "SELECT count(*), max(p) FROM (SELECT max(r.pain) AS p FROM results r "
			  "JOIN sessions s ON s.id = r.session_id WHERE s.kind = 'strength' AND "
			  "r.pain > 5 AND s.date >= ?1 GROUP BY s.id UNION ALL SELECT score FROM "
			  "pain WHERE context = 'during' AND score > 5 AND date >= ?1)",
			  "t", d7);
	if (!stmt)
		return error("%s", error_last());
	if (store_step(st, stmt) > 0) {
		e->too_much_during = store_col_int(stmt, 0, 0);
		e->too_much_max = store_col_int(stmt, 1, 0);
	}
	sqlite3_finalize(stmt);

	stmt =
	    store_prepare(st,
			  "SELECT r.exercise, count(*) FROM results r JOIN sessions s ON s.id = "
			  "r.session_id WHERE s.kind = 'stretch' AND (r.pain > 3 OR r.gentle = 0) "
			  "AND s.date >= ? GROUP BY r.exercise ORDER BY max(coalesce(r.pain, 4)) "
			  "DESC, r.exercise",
			  "t", d7);
	if (!stmt)
		return error("%s", error_last());
	while (store_step(st, stmt) > 0) {
		if (!e->painful_stretches) {
			snprintf(stretch, stretch_size, "%s",
				 exercise_name(app, store_col_text(stmt, 0)));
			e->painful_stretch = stretch;
		}
		e->painful_stretches += store_col_int(stmt, 1, 0);
	}
	sqlite3_finalize(stmt);
	return 0;
}

/* One session's results for one exercise, reduced to what SAFETY.md section 3 asks. */
static int session_results(struct app *app, int64_t sid, day_t date, int pain_before,
			   const char *id, struct progress_session *out)
{
	struct store *st = &app->coach.store;
	sqlite3_stmt *stmt = store_prepare(st,
					   "SELECT status, reps, rpe, reserve3, pain, gentle, "
					   "coalesce(set_no, 0) FROM results WHERE session_id = ? "
					   "AND exercise = ?",
					   "lt", sid, id);
	unsigned sets = 0;
	int rated = 0, hard = 0, rc;

	memset(out, 0, sizeof(*out));
	out->date = date;
	out->reps_low = -1;
	out->pain_max = -1;
	if (!stmt)
		return -1;
	while ((rc = store_step(st, stmt)) > 0) {
		const char *status = store_col_text(stmt, 0);
		int reps = store_col_int(stmt, 1, -1), rpe = store_col_int(stmt, 2, -1);
		int r3 = store_col_int(stmt, 3, -1), pain = store_col_int(stmt, 4, -1);
		int gentle = store_col_int(stmt, 5, -1), set = store_col_int(stmt, 6, 0);

		if (pain > out->pain_max)
			out->pain_max = pain;
		if (!strcmp(status, "hurt") || gentle == 0)
			out->hurt = 1;
		if (strcmp(status, "done"))
			continue;
		sets |= 1u << (set & 31);
		if (reps >= 0 && (out->reps_low < 0 || reps < out->reps_low))
			out->reps_low = reps;
		if (rpe > 0 || r3 >= 0) {
			rated = 1;
			hard |= rpe > 0 ? rpe > 7 : r3 != 1;
		}
	}
	sqlite3_finalize(stmt);
	if (rc < 0)
		return -1;
	for (; sets; sets &= sets - 1)
		out->sets_done++;
	out->effort_ok = rated ? !hard : -1;
	out->settled =
	    safety_settled(reference_pain(app, date, pain_before), morning_pain(app, date + 1));
	return 0;
}

/*
 * The sessions that hold results for exercise `id` finished after its last
 * change: how many in *total, and the last two, oldest first, in *out (the
 * decision of SAFETY.md section 3 looks at "the last two sessions"; reading
 * only those keeps years of history cheap).
 */
#define SESSIONS_SINCE_CHANGE                                                                      \
	"FROM sessions s WHERE s.status = 'completed' AND coalesce(s.finished_at, "                \
	"s.started_at) > coalesce((SELECT updated_at FROM progress WHERE exercise = ?1), '') "     \
	"AND s.id IN (SELECT r.session_id FROM results r WHERE r.exercise = ?1)"

static int exercise_sessions(struct app *app, const char *id, struct progress_session **out,
			     size_t *n, size_t *total)
{
	struct store *st = &app->coach.store;
	sqlite3_stmt *stmt =
	    store_prepare(st,
			  "SELECT s.id, s.date, s.pain_before " SESSIONS_SINCE_CHANGE
			  " ORDER BY s.date DESC, s.id DESC LIMIT 2",
			  "t", id);
	struct progress_session last[2];
	size_t got = 0;
	int rc;

	*out = NULL;
	*n = 0;
	*total = (size_t)store_int(st, 0, "SELECT count(*) " SESSIONS_SINCE_CHANGE, "t", id);
	if (!stmt)
		return -1;
	while ((rc = store_step(st, stmt)) > 0) {
		day_t date;

		if (day_parse(store_col_text(stmt, 1), &date))
			continue;
		if (session_results(app, sqlite3_column_int64(stmt, 0), date,
				    store_col_int(stmt, 2, -1), id, &last[got])) {
			rc = -1;
			break;
		}
		got++;
	}
	sqlite3_finalize(stmt);
	if (rc < 0)
		return rc;
	*out = xcalloc(2, sizeof(**out));
	for (size_t i = 0; i < got; i++)
		(*out)[i] = last[got - 1 - i];
	*n = got;
	return 0;
}

static const struct progress_state *find_state(const struct app *app, const char *id)
{
	for (size_t i = 0; i < app->coach.nprogress; i++)
		if (!strcmp(app->coach.progress[i].exercise, id))
			return &app->coach.progress[i];
	return NULL;
}

static int pain_rising(const struct status *s)
{
	int l = safety_latest_week(s->weeks, s->nweeks);

	return l > 0 && s->weeks[l - 1].count > 0 &&
	       s->weeks[l].mean - s->weeks[l - 1].mean >= 1.0 - 1e-9;
}

/* Decides (and with `apply` writes) every prescribed exercise's progress; decisions[i] follows the
 * program's exercises. */
static int decide_all(struct app *app, struct status *s, struct progress_decision *decisions,
		      size_t *nsessions, int apply)
{
	const struct plan_input *in = &app->coach.input;
	int rising = pain_rising(s);

	for (int k = 0; k < 2; k++) {
		struct plan_session ps;

		plan_session_items(in, (enum exercise_kind)k, &ps, NULL);
		for (size_t i = 0; i < ps.nitems; i++) {
			const struct exercise *ex = ps.items[i].ex;
			size_t idx = (size_t)(ex - app->coach.program.exercises);
			struct progress_input pi = {
			    .ex = ex,
			    .level = &app->coach.program.levels[app->coach.profile.level],
			    .now = &ps.items[i],
			    .state = find_state(app, ex->id),
			    .weights_kg = app->coach.profile.weights_kg,
			    .nweights = app->coach.profile.nweights,
			    .equipment = app->coach.profile.equipment,
			    .pain_rising = rising,
			    .pounds = app->coach.profile.pounds,
			};
			struct progress_session *sess;
			size_t n, total;

			if (exercise_sessions(app, ex->id, &sess, &n, &total)) {
				plan_session_release(&ps);
				return error("%s", error_last());
			}
			pi.sessions = sess;
			pi.nsessions = n;
			progress_decide(&pi, &decisions[idx]);
			nsessions[idx] = total;
			free(sess);
			if (!apply || decisions[idx].change == PROGRESS_HOLD)
				continue;
			if (store_progress_set(&app->coach.store, &decisions[idx].next,
					       progress_change_names[decisions[idx].change],
					       decisions[idx].reason)) {
				plan_session_release(&ps);
				return error("cannot save progress: %s", error_last());
			}
			s->changes++;
		}
		plan_session_release(&ps);
	}
	if (s->changes) {
		free(app->coach.progress);
		app->coach.progress = NULL;
		if (store_progress_load(&app->coach.store, &app->coach.progress, &app->coach.nprogress))
			return error("%s", error_last());
		app->coach.input.progress = app->coach.progress;
		app->coach.input.nprogress = app->coach.nprogress;
	}
	return 0;
}

static void last_change(struct app *app, struct exercise_status *es)
{
	sqlite3_stmt *stmt = store_prepare(&app->coach.store,
					   "SELECT reason, substr(updated_at, 1, 10) FROM progress "
					   "WHERE exercise = ?",
					   "t", es->now.ex->id);

	if (!stmt)
		return;
	if (store_step(&app->coach.store, stmt) > 0) {
		snprintf(es->last_change, sizeof(es->last_change), "%s", store_col_text(stmt, 0));
		snprintf(es->last_change_day, sizeof(es->last_change_day), "%s",
			 store_col_text(stmt, 1));
	}
	sqlite3_finalize(stmt);
}

/* The changes of the last 7 days as one advice item per direction (SAFETY.md section 3). */
static int changes_advice(struct app *app, struct status *s)
{
	static const char *const src =
	    "SAFETY.md §3 [E]: ACSM 2009 position stand on progression; Zourdos JSCR 2016 "
	    "(RPE/reps in reserve); S for the pain gates";
	struct strbuf up = STRBUF_INIT, back = STRBUF_INIT;
	char since[21];
	sqlite3_stmt *stmt;

	time_format_iso(day_start_time(s->today - 6), since);
	stmt = store_prepare(&app->coach.store,
			     "SELECT change, reason, exercise FROM progress_log WHERE at >= ? AND "
			     "change IN ('progress', 'step-back') ORDER BY id",
			     "t", since);
	if (!stmt)
		return error("%s", error_last());
	while (store_step(&app->coach.store, stmt) > 0) {
		const char *reason = store_col_text(stmt, 1);
		const char *dash = strstr(reason, " — ");
		struct strbuf *sb = strcmp(store_col_text(stmt, 0), "progress") ? &back : &up;
		const struct exercise *ex = program_find(&app->coach.program, store_col_text(stmt, 2));

		/* A stretch eased off is already said by the ease-off advice (SAFETY.md section 2).
		 */
		if (sb == &back && ex && ex->kind == KIND_STRETCH)
			continue;

		strbuf_addf(sb, " %.*s.", dash ? (int)(dash - reason) : (int)strlen(reason),
			    reason);
	}
	sqlite3_finalize(stmt);
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

/* When no rule fired: keep going, with the trend, or what hipcoach needs to judge it (SAFETY.md
 * sections 2 and 4). */
static void on_track(struct status *s)
{
	int b = safety_baseline_week(s->weeks, s->nweeks),
	    l = safety_latest_week(s->weeks, s->nweeks);

	double adh = safety_adherence_2w(s->weeks, s->nweeks);

	if (b >= 0 && l > b && s->today - s->start >= 14 && adh >= 0 && adh < 0.75 &&
	    s->weeks[l].mean > s->weeks[b].mean - 1.0 + 1e-9)
		advice_add(
		    &s->advice, ADVICE_ON_TRACK, "SAFETY.md §4",
		    "Your hip is not better yet (weekly pain %.1f in your first week, %.1f "
		    "in the latest), and you did %.0f%% of the planned sessions in the last 2 "
		    "weeks. Aim for at least 3 in 4: then, after 2 weeks, hipcoach can tell "
		    "whether the program is helping, and when to see a physical therapist.",
		    s->weeks[b].mean, s->weeks[l].mean, adh * 100);
	else if (b >= 0 && l > b && adh >= 0 && adh < 0.75)
		advice_add(
		    &s->advice, ADVICE_ON_TRACK, "SAFETY.md §4",
		    "Your weekly pain was %.1f in your first week and %.1f in the latest, but "
		    "you did %.0f%% of the planned sessions in the last 2 weeks. The strength "
		    "work is what builds the hip up: aim for at least 3 sessions in 4.",
		    s->weeks[b].mean, s->weeks[l].mean, adh * 100);
	else if (b >= 0 && l > b)
		advice_add(
		    &s->advice, ADVICE_ON_TRACK, "SAFETY.md §2 and §4",
		    "Keep going: your weekly pain was %.1f in your first week and %.1f in "
		    "the latest. Pain during exercise up to 5/10 is fine if it settles by the "
		    "next morning.",
		    s->weeks[b].mean, s->weeks[l].mean);
	else
		advice_add(&s->advice, ADVICE_ON_TRACK, "SAFETY.md §2 and §4",
			   "Keep going. Log your pain a few times a week ('hipcoach log pain N "
			   "--when morning'): from the second week on, hipcoach compares it with "
			   "your first week to tell whether the program is working.");
}

int advice_gather(struct app *app, struct status *s, int apply)
{
	struct escalation_input e;
	struct progress_decision *decisions;
	size_t *nsess, ne = 0;
	char skipped[128] = "", stretch[128] = "";

	status_init(s);
	if (!app_input(app))
		return -1;
	s->today = clock_today();
	s->start = app->coach.profile.start_date;
	s->level = app->coach.profile.level;
	if (gather_weeks(app, s))
		return -1;

	decisions = xcalloc(app->coach.program.nexercises, sizeof(*decisions));
	nsess = xcalloc(app->coach.program.nexercises, sizeof(*nsess));
	if (decide_all(app, s, decisions, nsess, apply)) {
		free(decisions);
		free(nsess);
		return -1;
	}
	s->exercises = xcalloc(app->coach.program.nexercises, sizeof(*s->exercises));
	for (int k = 0; k < 2; k++) {
		plan_session_items(&app->coach.input, (enum exercise_kind)k, &s->sessions[k], NULL);
		for (size_t i = 0; i < s->sessions[k].nitems; i++) {
			struct exercise_status *es = &s->exercises[ne++];
			size_t idx = (size_t)(s->sessions[k].items[i].ex - app->coach.program.exercises);

			es->now = s->sessions[k].items[i];
			es->decision = decisions[idx];
			es->nsessions = nsess[idx];
			last_change(app, es);
		}
	}
	s->nexercises = ne;
	free(decisions);
	free(nsess);

	if (store_screening_state(&app->coach.store, &s->screening))
		return error("%s", error_last());
	safety_screening_advice((const char *const *)s->screening.yes, s->screening.nyes,
				&s->advice);

	memset(&e, 0, sizeof(e));
	e.today = s->today;
	e.start = s->start;
	e.weeks = s->weeks;
	e.nweeks = s->nweeks;
	/* SAFETY.md section 5: running load decides "scaled back" and adds its own advice. */
	s->have_load = !load_advice_report(app, &s->load);
	s->scaled_back = e.scaled_back = s->have_load ? s->load.scaled_back : TRI_UNKNOWN;
	if (s->have_load)
		load_advice_add(&s->load, app->coach.profile.miles, &s->advice);
	if (gather_recent(app, s, &e, skipped, sizeof(skipped), stretch, sizeof(stretch)))
		return -1;
	safety_escalate(&e, &s->advice);
	if (changes_advice(app, s))
		return -1;
	if (!s->advice.n)
		on_track(s);
	advice_sort(&s->advice);
	return 0;
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
