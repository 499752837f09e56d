/* Tests of recording through the coach: a strength session played step by step (done, skipped, "it
 * hurts" within and above the line), a stretch that hurts, sessions with nothing done, the pain
 * gate before a session, the morning check-in, and logging a session, pain and a run without the
 * player. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "coach/checkin.h"
#include "coach/coach.h"
#include "coach/record.h"
#include "coach/session.h"
#include "core/progress.h"
#include "core/safety.h"
#include "lib/datetime.h"
#include "lib/embed.h"
#include "lib/error.h"
#include "lib/strbuf.h"
#include "store/pain.h"
#include "store/profile.h"
#include "store/runs.h"
#include "store/session.h"
#include "store/sql.h"
#include "store/store.h"

#define DB  "build/testdata/test-coach-session.db"
#define NOW "2026-12-01T07:30:00" /* a Tuesday */

/* A runner at the beginner level with a mat, a band, a step and a chair, strength on Tuesdays. */
static int setup(void **state)
{
	struct coach *c = calloc(1, sizeof(*c));
	struct profile p;
	int ret;

	if (system("mkdir -p build/testdata"))
		return -1;
	unlink(DB);
	unlink(DB "-wal");
	unlink(DB "-shm");
	c->db_path = DB;
	if (coach_store(c, 0))
		goto fail;
	profile_init(&p);
	p.level = LEVEL_BEGINNER;
	p.equipment = EQ_MAT | EQ_BAND | EQ_STEP | EQ_CHAIR;
	p.run_days = 1u << 0 | 1u << 3 | 1u << 5;
	p.long_run_day = 5;
	p.strength_days = 1u << 1 | 1u << 4;
	p.start_date = clock_today() - 14;
	ret = store_profile_save(&c->store, &p);
	profile_release(&p);
	if (ret || !coach_input(c))
		goto fail;
	*state = c;
	return 0;
fail:
	fprintf(stderr, "%s\n", error_last());
	coach_release(c);
	free(c);
	return -1;
}

static int teardown(void **state)
{
	struct coach *c = *state;

	coach_release(c);
	free(c);
	return 0;
}

/* The work steps of exercise `item`, in order; returns how many (at most `max`). */
static size_t work_steps(const struct script *s, int item, size_t *out, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < s->nsteps && n < max; i++)
		if (s->steps[i].work && s->steps[i].item == item)
			out[n++] = i;
	return n;
}

static const struct result_rec *find_row(const struct result_rec *rows, size_t n, size_t step)
{
	for (size_t i = 0; i < n; i++)
		if (rows[i].step == (int)step)
			return &rows[i];
	return NULL;
}

static void test_strength_session(void **state)
{
	struct coach *c = *state;
	struct plan_session ps;
	struct script script;
	struct session_record rec, again;
	struct session_rec open, got;
	struct coach_session_checkin a;
	struct coach_session_hurt h;
	struct result_rec *rows = NULL;
	struct strbuf text = STRBUF_INIT;
	enum exercise_kind kind;
	size_t w0[16], w1[16], n0, n1, nrows, done, skipped, hurt, expect_done = 0;
	size_t expect_skipped, *sets;
	int due, item1 = -1, reps[16];
	const char *title;

	/* Tuesday is a strength day and nothing is done yet: strength comes first. */
	assert_int_equal(coach_session_due_kind(c, &kind, &due), 0);
	assert_int_equal(kind, KIND_STRENGTH);
	assert_int_equal(due, 1);
	assert_int_equal(coach_session_unfinished(c, KIND_STRENGTH, &open), 0);

	plan_session_items(coach_input(c), KIND_STRENGTH, &ps, NULL);
	assert_true(ps.nitems >= 3);
	ps.date = clock_today();
	script_build(&script, &ps, &c->program);
	session_record_init(&rec, c, &script);
	assert_int_equal(session_record_start(&rec, "player", 2), 0);
	assert_true(rec.id > 0);
	assert_int_equal(coach_session_unfinished(c, KIND_STRENGTH, &open), 1);
	assert_true(open.id == rec.id);

	/* The first exercise: every set done, then its check-in. */
	n0 = work_steps(&script, 0, w0, 16);
	assert_true(n0 >= 1);
	for (size_t k = 0; k < n0; k++) {
		assert_int_equal(session_record_step(&rec, w0[k], STATUS_DONE, 40000), 0);
		assert_int_equal(session_record_checkin_due(&rec, w0[k], 0), k + 1 == n0 ? 0 : -1);
		expect_done++;
	}
	coach_session_checkin_init(&a);
	{
		size_t nsets = session_record_checkin_sets(&rec, 0, &sets);

		for (size_t k = 0; k < nsets && k < 16; k++)
			reps[k] = 10 + (int)k;
		a.reps = reps;
		a.nreps = nsets;
		free(sets);
	}
	a.rpe = 6; /* no yes/no answer: RPE 7 or less gives "3 more" */
	assert_int_equal(session_record_checkin(&rec, 0, &a), 0);

	/*
	 * An exercise with three sets or more: one skipped, one hurts a little
	 * (4/10: acceptable, so the set stays done, SAFETY.md section 2), one
	 * too much.
	 */
	for (int item = 1; item < (int)script.nitems && item1 < 0; item++)
		if (work_steps(&script, item, w1, 16) >= 3)
			item1 = item;
	assert_true(item1 > 0);
	n1 = work_steps(&script, item1, w1, 16);
	for (int item = 1; item < item1; item++) {
		size_t w[16], n = work_steps(&script, item, w, 16);

		for (size_t k = 0; k < n; k++)
			assert_int_equal(session_record_step(&rec, w[k], STATUS_DONE, 30000), 0);
		expect_done += n;
	}
	assert_int_equal(session_record_step(&rec, w1[0], STATUS_SKIPPED, 0), 0);
	assert_int_equal(session_record_step(&rec, w1[1], STATUS_HURT, 5000), 0);
	assert_int_equal(session_record_hurt(&rec, w1[1], 4, &h), 0);
	assert_int_equal(h.stopped, 0);
	assert_int_equal(h.stretch, 0);
	assert_int_equal(h.line, 5);
	session_record_hurt_message(&rec, w1[1], &h, "press p again", "\n", &title, &text);
	assert_null(title);
	assert_non_null(strstr(text.buf, "4 out of 10 is acceptable: up to 5 is acceptable during "
					 "strength work"));
	assert_null(strstr(text.buf, "physical therapist"));
	strbuf_reset(&text);
	assert_int_equal(session_record_item_pain(&rec, item1), 4);
	expect_done++;
	assert_int_equal(session_record_step(&rec, w1[2], STATUS_HURT, 5000), 0);
	assert_int_equal(session_record_hurt(&rec, w1[2], 8, &h), 0);
	assert_int_equal(h.stopped, 1);
	assert_true(h.next > w1[n1 - 1]);
	assert_true(h.next >= script.nsteps || script.steps[h.next].item != item1 ||
		    !script.steps[h.next].work);
	session_record_hurt_message(&rec, w1[2], &h, "press p again", "\n", &title, &text);
	assert_string_equal(title, "That is too much: stop this exercise.");
	assert_non_null(strstr(text.buf, "physical therapist"));
	/*
	 * The set rated 4 was done, so its check-in follows; the pain answer
	 * (2) leaves the set rated higher with "it hurts" as it was.
	 */
	assert_int_equal(session_record_checkin_due(&rec, w1[2], 1), item1);
	coach_session_checkin_init(&a);
	a.reserve3 = 1;
	a.pain = 2;
	assert_int_equal(session_record_checkin(&rec, item1, &a), 0);
	assert_int_equal(rec.rows[w1[1]].pain, 4);
	assert_non_null(coach_session_pain_during_advice(6));
	assert_null(coach_session_pain_during_advice(5));
	assert_non_null(strstr(coach_session_pain_during_advice(8), "physical therapist"));
	expect_skipped = 1 + (n1 - 3);

	/* The rest done, then the pain after. */
	for (int item = item1 + 1; item < (int)script.nitems; item++) {
		size_t w[16], n = work_steps(&script, item, w, 16);

		for (size_t k = 0; k < n; k++)
			assert_int_equal(session_record_step(&rec, w[k], STATUS_DONE, 30000), 0);
		expect_done += n;
	}
	session_record_counts(&rec, &done, &skipped, &hurt);
	assert_int_equal(done, expect_done);
	assert_int_equal(skipped, expect_skipped);
	assert_int_equal(hurt, 1);
	assert_null(coach_session_pain_after_advice(3));
	assert_non_null(coach_session_pain_after_advice(7));
	assert_int_equal(session_record_finish(&rec, 3), 0);

	/* What the store holds. */
	assert_int_equal(store_session_get(&c->store, rec.id, &got), 1);
	assert_int_equal(got.completed, 1);
	assert_string_equal(got.origin, "player");
	assert_int_equal(got.pain_before, 2);
	assert_int_equal(got.pain_after, 3);
	assert_int_equal(store_results_list(&c->store, rec.id, &rows, &nrows), 0);
	assert_int_equal(nrows, expect_done + expect_skipped + 1);
	for (size_t k = 0; k < n0; k++) {
		const struct result_rec *r = find_row(rows, nrows, w0[k]);

		assert_non_null(r);
		assert_int_equal(r->status, STATUS_DONE);
		assert_int_equal(r->rpe, 6);
		assert_int_equal(r->reserve3, 1);
		if (script.steps[w0[k]].type == STEP_REPS)
			assert_true(r->reps >= 10);
	}
	assert_int_equal(find_row(rows, nrows, w1[0])->status, STATUS_SKIPPED);
	assert_int_equal(find_row(rows, nrows, w1[1])->status, STATUS_DONE);
	assert_int_equal(find_row(rows, nrows, w1[1])->pain, 4);
	if (script.steps[w1[1]].type == STEP_REPS)
		assert_int_equal(find_row(rows, nrows, w1[1])->reps,
				 script.steps[w1[1]].p->reps_max);
	assert_int_equal(find_row(rows, nrows, w1[2])->status, STATUS_HURT);
	assert_int_equal(find_row(rows, nrows, w1[2])->pain, 8);
	for (size_t k = 3; k < n1; k++)
		assert_int_equal(find_row(rows, nrows, w1[k])->status, STATUS_SKIPPED);
	free(rows);
	assert_int_equal(coach_session_unfinished(c, KIND_STRENGTH, &open), 0);

	/* Resuming reads back the same rows. */
	session_record_init(&again, c, &script);
	assert_int_equal(session_record_resume(&again, rec.id), 0);
	session_record_counts(&again, &done, &skipped, &hurt);
	assert_int_equal(done, expect_done);
	assert_int_equal(skipped, expect_skipped);
	assert_int_equal(hurt, 1);
	session_record_release(&again);

	/* Strength is done today: stretches come next. */
	assert_int_equal(coach_session_due_kind(c, &kind, &due), 0);
	assert_int_equal(kind, KIND_STRETCH);
	assert_int_equal(due, 1);

	strbuf_release(&text);
	session_record_release(&rec);
	script_release(&script);
	plan_session_release(&ps);
}

static void test_stretch_checkin(void **state)
{
	struct coach_session_checkin a;

	(void)state;
	coach_session_checkin_init(&a);
	assert_int_equal(coach_session_checkin_eases_off(&a), 0);
	a.pain = 4;
	assert_int_equal(coach_session_checkin_eases_off(&a), 1);
	a.gentle = 1;
	assert_int_equal(coach_session_checkin_eases_off(&a), 0);
	a.gentle = 0;
	a.pain = -1;
	assert_int_equal(coach_session_checkin_eases_off(&a), 1);
}

static void test_log_session_and_morning(void **state)
{
	struct coach *c = *state;
	struct coach_session_entry e;
	struct coach_session_logged r;
	struct session_rec *recs = NULL;
	struct result_rec *rows = NULL;
	size_t n = 0, nrows = 0;
	day_t today = clock_today();

	/* Nothing yesterday: no morning question. */
	assert_int_equal(coach_morning_due(c), 0);
	coach_session_entry_init(&e, KIND_STRETCH, today - 1);
	e.pain_before = 1;
	e.pain_after = 2;
	assert_int_equal(coach_session_log(c, &e, &r), 0);
	assert_true(r.id > 0);
	assert_true(r.exercises > 0);
	assert_true(r.sets >= r.exercises);
	assert_int_equal(store_sessions_between(&c->store, today - 1, today - 1, &recs, &n), 0);
	assert_int_equal(n, 1);
	assert_true(recs[0].id == r.id);
	assert_int_equal(recs[0].completed, 1);
	assert_string_equal(recs[0].origin, "log");
	assert_int_equal(recs[0].pain_before, 1);
	assert_int_equal(recs[0].pain_after, 2);
	free(recs);
	assert_int_equal(store_results_list(&c->store, r.id, &rows, &nrows), 0);
	assert_int_equal(nrows, r.sets);
	for (size_t i = 0; i < nrows; i++)
		assert_int_equal(rows[i].status, STATUS_DONE);
	free(rows);
	coach_session_entry_init(&e, KIND_STRENGTH, today + 1);
	assert_int_equal(coach_session_log(c, &e, &r), -1);

	/* A session yesterday: the morning question is due until answered. */
	assert_int_equal(coach_morning_due(c), 1);
	assert_int_equal(coach_morning_record(c, 11), -1);
	assert_int_equal(coach_morning_record(c, 1), 0);
	assert_int_equal(coach_morning_due(c), 0);
}

static void test_log_pain(void **state)
{
	struct coach *c = *state;
	struct coach_pain_logged r;
	day_t today = clock_today();

	assert_int_equal(coach_pain_log(c, today - 2, 2, PAIN_NOW, -1, &r), 0);
	assert_true(r.id > 0);
	assert_int_equal(r.previous, -1);
	assert_int_equal(r.reoffer, 0);
	assert_int_equal(r.see_pt, 0);
	assert_int_equal(r.zone, PAIN_FINE);
	assert_int_equal(r.adapts_plan, 0);

	/* A rise of 2 does not make the screening required. */
	assert_int_equal(coach_pain_log(c, today - 2, 4, PAIN_NOW, -1, &r), 0);
	assert_int_equal(r.previous, 2);
	assert_int_equal(r.reoffer, 0);
	assert_int_equal(r.required, 0);

	/* A jump of 3 points within 7 days does (SAFETY.md section 1). */
	assert_int_equal(coach_pain_log(c, today - 1, 6, PAIN_DURING, PAIN_LOCATION_FRONT, &r), 0);
	assert_int_equal(r.previous, 4);
	assert_int_equal(r.reoffer, 1);
	assert_int_equal(r.required, 1);
	assert_int_equal(r.rescreen.reason, RESCREEN_JUMP);
	assert_int_equal(r.rescreen.from, 2);
	assert_int_equal(r.see_pt, 0);
	assert_int_equal(r.zone, PAIN_TOO_MUCH);
	assert_int_equal(r.adapts_plan, 0);

	/* It stays required until the questions are answered; pain in the groin requires them
	 * too. A score of 5 is acceptable. */
	assert_int_equal(coach_pain_log(c, today, 5, PAIN_AFTER, PAIN_LOCATION_GROIN, &r), 0);
	assert_int_equal(r.previous, 6);
	assert_int_equal(r.reoffer, 1);
	assert_int_equal(r.rescreen.reason, RESCREEN_GROIN);
	assert_int_equal(r.zone, PAIN_ACCEPTABLE);
	assert_int_equal(r.adapts_plan, 1);

	/* 8/10 offers it whatever came before, and means a physical therapist. */
	assert_int_equal(coach_pain_log(c, today, 8, PAIN_NOW, PAIN_LOCATION_OUTER, &r), 0);
	assert_int_equal(r.previous, 5);
	assert_int_equal(r.reoffer, 1);
	assert_int_equal(r.see_pt, 1);
	assert_int_equal(r.adapts_plan, 1);

	assert_int_equal(coach_pain_log(c, today, 11, PAIN_NOW, -1, &r), -1);
	assert_int_equal(coach_pain_log(c, today + 1, 3, PAIN_NOW, -1, &r), -1);
}

static void test_log_run(void **state)
{
	struct coach *c = *state;
	struct coach_run_logged r;
	struct run_rec *runs = NULL;
	size_t n = 0;
	day_t today = clock_today();

	assert_int_equal(coach_run_too_fast(NULL, 10000, 600), 1);
	assert_int_equal(coach_run_too_fast("trail_running", 10000, 3300), 0);
	assert_int_equal(coach_run_too_fast("cycling", 10000, 600), 0);

	assert_int_equal(coach_run_log(c, today - 1, 10000, 3300, NULL, &r), 0);
	assert_int_equal(r.duplicate, 0);
	assert_int_equal(r.is_run, 1);
	assert_int_equal(r.miles, 0);
	assert_int_equal(r.pace_s, 330);
	assert_string_equal(r.act.sport, "running");
	assert_true(day_of_time(r.act.start) == today - 1);

	/* The same run again, a little longer: the duplicate rule keeps one. */
	assert_int_equal(coach_run_log(c, today - 1, 10200, 3320, "run", &r), 0);
	assert_int_equal(r.duplicate, 1);

	/* A walk the same day is another activity. */
	assert_int_equal(coach_run_log(c, today - 1, 5000, 3000, "walk", &r), 0);
	assert_int_equal(r.duplicate, 0);
	assert_int_equal(r.is_run, 0);
	assert_string_equal(r.act.sport, "walking");

	assert_int_equal(store_runs_between(&c->store, day_start_time(today - 1),
					    day_start_time(today), 0, &runs, &n),
			 0);
	assert_int_equal(n, 2);
	assert_string_equal(runs[0].source, RUNS_SOURCE_MANUAL);
	free(runs);

	assert_int_equal(coach_run_log(c, today, 0, 3300, NULL, &r), -1);
	assert_int_equal(coach_run_log(c, today, 10000, COACH_RUN_MAX_SECONDS + 1, NULL, &r), -1);
	assert_int_equal(coach_run_log(c, today + 1, 10000, 3300, NULL, &r), -1);
}

/* Today's session of `kind` as the players build it; release with session_end(). */
static void session_begin(struct coach *c, enum exercise_kind kind, struct plan_session *ps,
			  struct script *script, struct session_record *rec)
{
	plan_session_items(coach_input(c), kind, ps, NULL);
	assert_true(ps->nitems >= 2);
	ps->date = clock_today();
	script_build(script, ps, &c->program);
	session_record_init(rec, c, script);
	assert_int_equal(session_record_start(rec, "player", 2), 0);
}

static void session_end(struct plan_session *ps, struct script *script, struct session_record *rec)
{
	session_record_release(rec);
	script_release(script);
	plan_session_release(ps);
}

/*
 * A stretch should never hurt (SAFETY.md section 2, the article): "it
 * hurts" at 3 eases off and goes on, never "up to 5 is acceptable"; above
 * 3 the stretch stops.
 */
static void test_stretch_hurts(void **state)
{
	struct coach *c = *state;
	struct plan_session ps;
	struct script script;
	struct session_record rec;
	struct coach_session_hurt h;
	struct strbuf text = STRBUF_INIT;
	const char *title;
	size_t w[16], n;
	int item = -1;

	session_begin(c, KIND_STRETCH, &ps, &script, &rec);
	for (int i = 0; i < (int)script.nitems && item < 0; i++)
		if (work_steps(&script, i, w, 16) >= 2)
			item = i;
	assert_true(item >= 0);
	n = work_steps(&script, item, w, 16);
	assert_int_equal(session_record_step(&rec, w[0], STATUS_HURT, 20000), 0);
	assert_int_equal(session_record_hurt(&rec, w[0], 3, &h), 0);
	assert_int_equal(h.stretch, 1);
	assert_int_equal(h.line, SAFETY_STRETCH_PAIN);
	assert_int_equal(h.stopped, 0);
	assert_int_equal(rec.rows[w[0]].status, STATUS_DONE);
	assert_int_equal(rec.rows[w[0]].pain, 3);
	session_record_hurt_message(&rec, w[0], &h, "press p again", "\n", &title, &text);
	assert_string_equal(title, coach_session_ease_off_title);
	assert_null(strstr(text.buf, "acceptable"));
	assert_null(strstr(text.buf, "5"));
	strbuf_reset(&text);

	assert_int_equal(session_record_step(&rec, w[1], STATUS_HURT, 20000), 0);
	assert_int_equal(session_record_hurt(&rec, w[1], 4, &h), 0);
	assert_int_equal(h.stopped, 1);
	assert_int_equal(rec.rows[w[1]].status, STATUS_HURT);
	for (size_t k = 2; k < n; k++)
		assert_int_equal(rec.rows[w[k]].status, STATUS_SKIPPED);
	session_record_hurt_message(&rec, w[1], &h, "press p again", "\n", &title, &text);
	assert_string_equal(title, "Stop this stretch for today.");
	assert_null(strstr(text.buf, "acceptable"));
	assert_null(strstr(text.buf, "physical therapist"));
	strbuf_release(&text);
	session_end(&ps, &script, &rec);
}

/* Within the line the runner may still stop: then, and only then, the set is 'hurt'. */
static void test_hurt_chosen_stop(void **state)
{
	struct coach *c = *state;
	struct plan_session ps;
	struct script script;
	struct session_record rec;
	struct coach_session_hurt h;
	struct strbuf text = STRBUF_INIT;
	const char *title;
	size_t w[16], n;

	session_begin(c, KIND_STRENGTH, &ps, &script, &rec);
	n = work_steps(&script, 0, w, 16);
	assert_true(n >= 2);
	assert_int_equal(session_record_step(&rec, w[0], STATUS_HURT, 5000), 0);
	assert_int_equal(session_record_hurt(&rec, w[0], 2, &h), 0);
	assert_int_equal(h.stopped, 0);
	assert_int_equal(rec.rows[w[0]].status, STATUS_DONE);
	assert_int_equal(session_record_hurt_stop(&rec, w[0], &h), 0);
	assert_int_equal(h.stopped, 1);
	assert_int_equal(h.chosen, 1);
	assert_true(h.next > w[n - 1]);
	assert_int_equal(rec.rows[w[0]].status, STATUS_HURT);
	assert_int_equal(rec.rows[w[0]].pain, 2);
	assert_int_equal(rec.rows[w[0]].reps, -1);
	assert_int_equal(rec.rows[w[n - 1]].status, STATUS_SKIPPED);
	session_record_hurt_message(&rec, w[0], &h, "press p again", "\n", &title, &text);
	assert_string_equal(title, "Stopped for today.");
	strbuf_reset(&text);

	/* No rating: taken as within the line. */
	n = work_steps(&script, 1, w, 16);
	assert_int_equal(session_record_step(&rec, w[0], STATUS_HURT, 5000), 0);
	assert_int_equal(session_record_hurt(&rec, w[0], -1, &h), 0);
	assert_int_equal(h.stopped, 0);
	assert_int_equal(rec.rows[w[0]].status, STATUS_DONE);
	assert_int_equal(rec.rows[w[0]].pain, -1);
	strbuf_release(&text);
	session_end(&ps, &script, &rec);
}

/*
 * A session with nothing done is skipped, whether quit or played to its
 * end; one with a step done and quit stays unfinished to resume.
 */
static void test_nothing_done(void **state)
{
	struct coach *c = *state;
	struct plan_session ps;
	struct script script;
	struct session_record rec;
	struct session_rec got, open;
	size_t w[16];

	session_begin(c, KIND_STRENGTH, &ps, &script, &rec);
	assert_int_equal(session_record_quit(&rec), 1);
	assert_int_equal(store_session_get(&c->store, rec.id, &got), 1);
	assert_int_equal(got.completed, 0);
	assert_int_equal(got.skipped, 1);
	assert_string_equal(session_status_name(&got), "skipped");
	assert_int_equal(coach_session_unfinished(c, KIND_STRENGTH, &open), 0);
	session_end(&ps, &script, &rec);

	session_begin(c, KIND_STRENGTH, &ps, &script, &rec);
	work_steps(&script, 0, w, 16);
	assert_int_equal(session_record_step(&rec, w[0], STATUS_SKIPPED, 0), 0);
	assert_int_equal(session_record_finish(&rec, 3), 1);
	assert_int_equal(store_session_get(&c->store, rec.id, &got), 1);
	assert_int_equal(got.skipped, 1);
	assert_int_equal(got.pain_after, 3);
	session_end(&ps, &script, &rec);

	session_begin(c, KIND_STRENGTH, &ps, &script, &rec);
	work_steps(&script, 0, w, 16);
	assert_int_equal(session_record_step(&rec, w[0], STATUS_DONE, 0), 0);
	assert_int_equal(session_record_quit(&rec), 0);
	assert_int_equal(store_session_get(&c->store, rec.id, &got), 1);
	assert_string_equal(session_status_name(&got), "unfinished");
	assert_int_equal(coach_session_unfinished(c, KIND_STRENGTH, &open), 1);
	session_end(&ps, &script, &rec);
}

/*
 * A step played on a phone carries the id the phone gave it: the same id
 * is known afterwards, so a step sent twice is recorded once; the step
 * redone (after "back") with a new id replaces its row.
 */
static void test_step_ids(void **state)
{
	struct coach *c = *state;
	struct plan_session ps;
	struct script script;
	struct session_record rec;
	size_t w[16];

	session_begin(c, KIND_STRETCH, &ps, &script, &rec);
	work_steps(&script, 0, w, 16);
	assert_int_equal(session_record_step_seen(&rec, "a1"), 0);
	assert_int_equal(session_record_step_id(&rec, w[0], STATUS_DONE, 60000, "a1"), 0);
	assert_int_equal(session_record_step_seen(&rec, "a1"), 1);
	assert_int_equal(session_record_step_seen(&rec, "a2"), 0);
	assert_int_equal(store_int(&c->store, -1, "SELECT count(*) FROM results", ""), 1);
	/* Another step with an id already kept is refused: nothing is written or lost. */
	assert_int_equal(session_record_step_id(&rec, w[1], STATUS_DONE, 60000, "a1"), -1);
	assert_int_equal(store_int(&c->store, -1, "SELECT count(*) FROM results", ""), 1);
	assert_int_equal(store_int(&c->store, -1, "SELECT step FROM results WHERE client_id = 'a1'", ""),
			 (int)w[0]);
	/* Redone with a new id: one row for the step, with the new id. */
	assert_int_equal(session_record_step_id(&rec, w[0], STATUS_SKIPPED, 0, "a3"), 0);
	assert_int_equal(store_int(&c->store, -1, "SELECT count(*) FROM results", ""), 1);
	assert_int_equal(session_record_step_seen(&rec, "a1"), 0);
	assert_int_equal(session_record_step_seen(&rec, "a3"), 1);
	/* The terminal's steps have none. */
	assert_int_equal(session_record_step(&rec, w[1], STATUS_DONE, 60000), 0);
	assert_int_equal(
	    store_int(&c->store, -1, "SELECT count(*) FROM results WHERE client_id IS NULL", ""), 1);
	session_end(&ps, &script, &rec);
}

/*
 * Which check-in follows which step, as the script a page plays from says
 * it: after each exercise's last work step, or a work step that stopped it;
 * never after a step that records nothing. The recorded session asks it
 * when a set was done, and not before.
 */
static void test_checkin_follows(void **state)
{
	struct coach *c = *state;
	struct plan_session ps;
	struct script script;
	struct session_record rec;
	size_t w[16], n;

	for (int k = KIND_STRENGTH; k <= KIND_STRETCH; k++) {
		session_begin(c, (enum exercise_kind)k, &ps, &script, &rec);
		assert_string_equal(session_checkin_type(&script),
				    k == KIND_STRETCH ? "stretch" : "strength");
		for (size_t i = 0; i < script.nsteps; i++) {
			const struct script_step *st = &script.steps[i];

			assert_int_equal(session_checkin_follows(&script, i, 0),
					 st->work && st->last_of_item ? (int)st->item : -1);
			assert_int_equal(session_checkin_follows(&script, i, 1),
					 st->work ? (int)st->item : -1);
		}
		n = work_steps(&script, 0, w, 16);
		assert_true(n >= 1);
		assert_int_equal(session_record_checkin_due(&rec, w[n - 1], 0), -1);
		assert_int_equal(session_record_step(&rec, w[0], STATUS_DONE, 1000), 0);
		assert_int_equal(session_record_checkin_due(&rec, w[n - 1], 0), 0);
		assert_int_equal(session_record_checkin_due(&rec, w[0], 1), 0);
		session_end(&ps, &script, &rec);
	}
}

/* Pain of 8 or more that day: no strength work, stretches always (SAFETY.md sections 2, 4). */
static void test_pain_gate(void **state)
{
	struct coach *c = *state;
	struct coach_session_gate g;
	struct session_rec *recs = NULL;
	size_t n = 0;
	day_t today = clock_today();

	assert_int_equal(safety_rest_from_strength(7), 0);
	assert_int_equal(safety_rest_from_strength(8), 1);
	assert_int_equal(coach_session_gate(c, KIND_STRENGTH, -1, &g), 0);
	assert_int_equal(g.rest, 0);
	assert_int_equal(g.pain, -1);
	assert_int_equal(coach_session_gate(c, KIND_STRENGTH, 7, &g), 0);
	assert_int_equal(g.rest, 0);
	assert_int_equal(coach_session_gate(c, KIND_STRETCH, 9, &g), 0);
	assert_int_equal(g.rest, 0);
	assert_int_equal(coach_session_gate(c, KIND_STRENGTH, 8, &g), 0);
	assert_int_equal(g.rest, 1);
	assert_int_equal(g.pain, 8);
	assert_string_equal(g.title, "No strength work today.");
	assert_non_null(strstr(g.text, "8 out of 10"));
	assert_non_null(strstr(g.text, "stretches"));
	assert_non_null(strstr(g.text, "physical therapist"));

	/* Recorded: a skipped session with the pain, which rules out the rest of the day. */
	assert_int_equal(coach_session_skip_for_pain(c, KIND_STRENGTH, 11, "player"), -1);
	assert_int_equal(coach_session_skip_for_pain(c, KIND_STRENGTH, 8, "player"), 0);
	assert_int_equal(store_sessions_between(&c->store, today, today, &recs, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(recs[0].skipped, 1);
	assert_int_equal(recs[0].pain_before, 8);
	assert_int_equal(recs[0].kind, KIND_STRENGTH);
	free(recs);
	assert_int_equal(coach_session_gate(c, KIND_STRENGTH, 3, &g), 0);
	assert_int_equal(g.rest, 1);
	assert_int_equal(g.pain, 8);
}

/* `log session` with the pain during and the effort, as reps in reserve or as RPE. */
static void test_log_session_effort(void **state)
{
	struct coach *c = *state;
	struct coach_session_entry e;
	struct coach_session_logged r;
	struct result_rec *rows = NULL;
	size_t nrows = 0;
	day_t today = clock_today();

	assert_int_equal(progress_reserve3(-1, 3), 1);
	assert_int_equal(progress_reserve3(9, 3), 1);
	assert_int_equal(progress_reserve3(-1, 2), 0);
	assert_int_equal(progress_reserve3(7, -1), 1);
	assert_int_equal(progress_reserve3(8, -1), 0);
	assert_int_equal(progress_reserve3(-1, -1), -1);

	coach_session_entry_init(&e, KIND_STRENGTH, today - 1);
	e.pain_during = 2;
	e.reserve = 3;
	assert_int_equal(coach_session_log(c, &e, &r), 0);
	assert_int_equal(store_results_list(&c->store, r.id, &rows, &nrows), 0);
	assert_int_equal(nrows, r.sets);
	for (size_t i = 0; i < nrows; i++) {
		assert_int_equal(rows[i].status, STATUS_DONE);
		assert_int_equal(rows[i].pain, 2);
		assert_int_equal(rows[i].reserve3, 1);
		assert_int_equal(rows[i].rpe, -1);
		assert_true(rows[i].reps >= 12); /* the top of the range */
	}
	free(rows);

	coach_session_entry_init(&e, KIND_STRENGTH, today);
	e.rpe = 8;
	assert_int_equal(coach_session_log(c, &e, &r), 0);
	assert_int_equal(store_results_list(&c->store, r.id, &rows, &nrows), 0);
	assert_int_equal(rows[0].rpe, 8);
	assert_int_equal(rows[0].reserve3, 0);
	assert_int_equal(rows[0].pain, -1);
	free(rows);

	/* A stretch rated above 3 was not gentle. */
	coach_session_entry_init(&e, KIND_STRETCH, today);
	e.pain_during = 4;
	assert_int_equal(coach_session_log(c, &e, &r), 0);
	assert_int_equal(store_results_list(&c->store, r.id, &rows, &nrows), 0);
	assert_int_equal(rows[0].gentle, 0);
	assert_int_equal(rows[0].pain, 4);
	free(rows);

	coach_session_entry_init(&e, KIND_STRENGTH, today);
	e.pain_during = 11;
	assert_int_equal(coach_session_log(c, &e, &r), -1);
	e.pain_during = -1;
	e.rpe = 0;
	assert_int_equal(coach_session_log(c, &e, &r), -1);
	e.rpe = -1;
	e.reserve = 11;
	assert_int_equal(coach_session_log(c, &e, &r), -1);
}

/*
 * A version 2 database (sessions.status without 'skipped') is migrated:
 * sessions, their results and the pain that refers to them are kept, and
 * a session can then be skipped, on the same connection.
 */
static void test_migrate_v2(void **state)
{
	const struct embedded_file *schema = embed_find("src/store/schema.sql");
	struct strbuf sql = STRBUF_INIT;
	struct store st;
	struct session_rec got;
	sqlite3 *db = NULL;
	const char *p, *path = "build/testdata/test-coach-session-v2.db";

	(void)state;
	assert_non_null(schema);
	unlink(path);
	/* The schema up to version 2: every part before version 3's. */
	p = strstr((const char *)schema->data, "\n-- @version 3");
	assert_non_null(p);
	strbuf_add(&sql, schema->data, (size_t)(p - (const char *)schema->data));
	strbuf_addf(&sql,
		    ";PRAGMA application_id = %d; PRAGMA user_version = 2;"
		    "INSERT INTO sessions (id, date, kind, status, started_at) VALUES (7, "
		    "'2026-11-30', 'strength', 'completed', '2026-11-30T18:00:00Z');"
		    "INSERT INTO results (session_id, step, exercise, status, at) VALUES (7, 1, "
		    "'squat', 'done', '2026-11-30T18:01:00Z');"
		    "INSERT INTO pain (date, at, score, context, session_id) VALUES ('2026-11-30', "
		    "'2026-11-30T18:30:00Z', 3, 'after', 7);",
		    STORE_APPLICATION_ID);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, sql.buf, NULL, NULL, NULL), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(db,
					  "INSERT INTO sessions (date, kind, status, started_at) "
					  "VALUES ('2026-12-01', 'strength', 'skipped', "
					  "'2026-12-01T18:00:00Z')",
					  NULL, NULL, NULL),
			     SQLITE_OK);
	sqlite3_close(db);
	strbuf_release(&sql);

	assert_int_equal(store_open(&st, path, 0), 0);
	assert_int_equal(store_session_get(&st, 7, &got), 1);
	assert_int_equal(got.completed, 1);
	assert_int_equal(store_session_finish(&st, 7, -1, 1), 0);
	assert_int_equal(store_session_get(&st, 7, &got), 1);
	assert_int_equal(got.skipped, 1);
	store_close(&st);

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	{
		sqlite3_stmt *stmt;

		assert_int_equal(sqlite3_prepare_v2(db,
						    "SELECT (SELECT user_version FROM "
						    "pragma_user_version), (SELECT count(*) FROM "
						    "results WHERE session_id = 7), (SELECT "
						    "session_id FROM pain), (SELECT integrity_check "
						    "FROM pragma_integrity_check)",
						    -1, &stmt, NULL),
				 SQLITE_OK);
		assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
		assert_int_equal(sqlite3_column_int(stmt, 0), STORE_SCHEMA_VERSION);
		assert_int_equal(sqlite3_column_int(stmt, 1), 1);
		assert_int_equal(sqlite3_column_int(stmt, 2), 7);
		assert_string_equal((const char *)sqlite3_column_text(stmt, 3), "ok");
		sqlite3_finalize(stmt);
	}
	sqlite3_close(db);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_strength_session, setup, teardown),
	    cmocka_unit_test(test_stretch_checkin),
	    cmocka_unit_test_setup_teardown(test_log_session_and_morning, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_log_pain, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_log_run, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_stretch_hurts, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_hurt_chosen_stop, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_nothing_done, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_step_ids, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_checkin_follows, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_pain_gate, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_log_session_effort, setup, teardown),
	    cmocka_unit_test(test_migrate_v2),
	};

	setenv("HIPCOACH_NOW", NOW, 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
