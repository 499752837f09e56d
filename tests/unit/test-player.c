/* Tests of the session player on a fake clock: exact step ends, no drift, pauses, and every event. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "core/plan.h"
#include "core/player.h"
#include "core/program.h"
#include "core/script.h"
#include "lib/strbuf.h"

static struct program prog;

/* A session of `n` non-per-side holds of `hold` seconds (the figure-4 as a stand-in). */
static void holds_session(struct plan_session *ps, size_t n, int hold)
{
	memset(ps, 0, sizeof(*ps));
	ps->kind = KIND_STRETCH;
	ps->items = calloc(n, sizeof(*ps->items));
	ps->nitems = n;
	for (size_t i = 0; i < n; i++) {
		ps->items[i].ex = program_find(&prog, "figure-4-stretch");
		ps->items[i].sets = 1;
		ps->items[i].hold_s = hold;
		ps->items[i].load_kg = -1;
	}
}

static void beginner_session(struct plan_session *ps, enum exercise_kind kind)
{
	struct profile pr;
	struct plan_input in = { 0 };

	profile_init(&pr);
	pr.level = LEVEL_BEGINNER;
	pr.equipment = EQ_MAT | EQ_BAND | EQ_STEP | EQ_CHAIR;
	in.prog = &prog;
	in.profile = &pr;
	plan_session_items(&in, kind, ps, NULL);
}

/* Ticks every `tick` ms until the current step ends; returns the time it ended at. */
static int64_t run_to_step_end(struct player *p, int64_t *now, int64_t tick, struct player_change *end)
{
	struct player_change ch;

	for (int guard = 0; guard < 10000000; guard++) {
		while (player_tick(p, *now, &ch))
			if (ch.type == CHANGE_STEP_END) {
				*end = ch;
				return *now;
			}
		*now += tick;
	}
	fail_msg("step never ended");
	return -1;
}

/* A 60 s hold ends at 60 s to within one tick, and its cues come in order. */
static void test_hold_ends_on_time(void **state)
{
	struct plan_session ps;
	struct script s;
	struct player p;
	struct player_change ch, end;
	struct player_view v;
	int64_t now = 5000000, t0, at;

	(void)state;
	holds_session(&ps, 1, 60);
	script_build(&s, &ps, &prog);
	player_init(&p, &s, now);
	assert_int_equal(run_to_step_end(&p, &now, 100, &end) - 5000000, SCRIPT_READY_S * 1000);
	assert_int_equal(p.step, 1);
	t0 = now;
	player_view(&p, now + 30500, &v);
	assert_int_equal(v.remaining_s, 30);
	/* Cues: start at 0, halfway at 30 s, then 3 2 1, each within a tick of its time. */
	for (;;) {
		if (!player_tick(&p, now, &ch)) {
			now += 250;
			continue;
		}
		if (ch.type == CHANGE_STEP_END)
			break;
		assert_true(now - t0 >= ch.cue->at_s * 1000 && now - t0 < ch.cue->at_s * 1000 + 250);
		if (ch.cue->kind == CUE_HALFWAY)
			assert_int_equal(ch.cue->at_s, 30);
	}
	assert_int_equal(ch.type, CHANGE_STEP_END);
	at = now - t0;
	assert_true(at >= 60000 && at <= 60250);
	assert_int_equal(ch.elapsed_ms, 60000);
	assert_int_equal(ch.status, STATUS_DONE);
	assert_int_equal(p.state, PLAYER_FINISHED);
	script_release(&s);
	free(ps.items);
}

/* Thirty 60 s holds with rests: every step ends exactly on its boundary, however the ticks fall. */
static void test_no_drift_over_thirty_minutes(void **state)
{
	struct plan_session ps;
	struct script s;
	struct player p;
	struct player_change end;
	int64_t start = 123457, now = start, expect = 0;

	(void)state;
	holds_session(&ps, 30, 60);
	script_build(&s, &ps, &prog);
	assert_true(s.total_s >= 30 * 60);
	player_init(&p, &s, now);
	for (size_t i = 0; i < s.nsteps; i++) {
		int64_t at = run_to_step_end(&p, &now, 333, &end);

		expect += (int64_t)s.steps[i].duration_s * 1000;
		assert_int_equal(end.step, i);
		/* Noticed within one tick of the exact boundary. */
		assert_true(at - start >= expect && at - start < expect + 333);
		/* The next step started on the boundary, not when the tick noticed. */
		assert_int_equal(p.step_start, expect);
	}
	assert_int_equal(expect, (int64_t)s.total_s * 1000);
	assert_int_equal(p.state, PLAYER_FINISHED);
	script_release(&s);
	free(ps.items);
}

static void test_pause_does_not_count(void **state)
{
	struct plan_session ps;
	struct script s;
	struct player p;
	struct player_change ch, end;
	struct player_view v;
	int64_t now = 0, t0;

	(void)state;
	holds_session(&ps, 1, 60);
	script_build(&s, &ps, &prog);
	player_init(&p, &s, now);
	run_to_step_end(&p, &now, 100, &end);
	t0 = now;
	now += 20000;
	while (player_tick(&p, now, &ch))
		;
	assert_int_equal(player_primary(&p), PLAYER_PAUSE);
	assert_int_equal(player_event(&p, PLAYER_PAUSE, now, &ch), 0);
	assert_int_equal(p.state, PLAYER_PAUSED);
	assert_int_equal(player_primary(&p), PLAYER_RESUME);
	now += 300000; /* five minutes on the phone */
	assert_int_equal(player_tick(&p, now, &ch), 0);
	player_view(&p, now, &v);
	assert_int_equal(v.remaining_s, 40);
	player_event(&p, PLAYER_RESUME, now, &ch);
	assert_int_equal(p.state, PLAYER_RUNNING);
	run_to_step_end(&p, &now, 100, &end);
	assert_true(now - t0 >= 360000 && now - t0 <= 360100);
	assert_int_equal(end.elapsed_ms, 60000);
	script_release(&s);
	free(ps.items);
}

static void test_events(void **state)
{
	struct plan_session ps;
	struct script s;
	struct player p;
	struct player_change ch;
	struct player_view v;
	int64_t now = 1000;

	(void)state;
	beginner_session(&ps, KIND_STRENGTH);
	script_build(&s, &ps, &prog);
	player_init(&p, &s, now);

	/* Space during the get-ready countdown: go on now. */
	assert_int_equal(player_primary(&p), PLAYER_DONE);
	assert_int_equal(player_event(&p, PLAYER_DONE, now + 2000, &ch), 1);
	assert_int_equal(ch.step, 0);
	assert_int_equal(p.step, 1);

	/* A set of reps waits for the runner, however long it takes. */
	now += 2000;
	assert_int_equal(player_primary(&p), PLAYER_DONE);
	while (player_tick(&p, now + 600000, &ch))
		assert_int_equal(ch.type, CHANGE_CUE);
	assert_int_equal(p.step, 1);
	player_view(&p, now + 600000, &v);
	assert_int_equal(v.remaining_s, 0);
	assert_int_equal(v.item_no, 1);
	assert_int_equal(v.cur->side, SIDE_LEFT);
	assert_int_equal(v.next_work->side, SIDE_RIGHT);
	assert_non_null(v.cue);
	now += 40000;
	assert_int_equal(player_event(&p, PLAYER_DONE, now, &ch), 1);
	assert_int_equal(ch.status, STATUS_DONE);
	assert_int_equal(ch.elapsed_ms, 40000);
	assert_int_equal(p.step, 2); /* switch sides */

	/* Back within a few seconds of a step: the previous set again. */
	assert_int_equal(player_event(&p, PLAYER_BACK, now + 1000, &ch), 0);
	assert_int_equal(p.step, 1);
	/* Back later in a set: that set from the start. */
	now += 10000;
	player_event(&p, PLAYER_BACK, now, &ch);
	assert_int_equal(p.step, 1);
	assert_int_equal(p.step_start, player_active_ms(&p, now));

	/* Skip and hurt end a step with their status. */
	assert_int_equal(player_event(&p, PLAYER_SKIP, now, &ch), 1);
	assert_int_equal(ch.status, STATUS_SKIPPED);
	player_event(&p, PLAYER_DONE, now, &ch); /* switch sides: go on */
	assert_int_equal(p.step, 3);
	assert_int_equal(player_event(&p, PLAYER_HURT, now, &ch), 1);
	assert_int_equal(ch.status, STATUS_HURT);
	assert_int_equal(ch.step, 3);

	/* Done while paused resumes and ends the step. */
	player_event(&p, PLAYER_PAUSE, now, &ch);
	assert_int_equal(player_event(&p, PLAYER_DONE, now + 5000, &ch), 1);
	assert_int_equal(ch.elapsed_ms, 0);
	assert_int_equal(p.state, PLAYER_RUNNING);

	/* Jump (resume) and quit. */
	player_goto(&p, s.nsteps - 1, now);
	assert_int_equal(p.step, s.nsteps - 1);
	player_view(&p, now, &v);
	assert_null(v.next_work);
	assert_true(v.session_fraction > 0.9);
	player_event(&p, PLAYER_QUIT, now, &ch);
	assert_int_equal(p.state, PLAYER_STOPPED);
	assert_int_equal(player_event(&p, PLAYER_DONE, now, &ch), 0);
	assert_int_equal(player_tick(&p, now + 100000, &ch), 0);

	/* Finishing the last step finishes the session. */
	player_goto(&p, s.nsteps - 1, now);
	assert_int_equal(p.state, PLAYER_STOPPED);
	p.state = PLAYER_RUNNING;
	assert_int_equal(player_event(&p, PLAYER_DONE, now, &ch), 1);
	assert_int_equal(p.state, PLAYER_FINISHED);
	player_view(&p, now, &v);
	assert_null(v.cur);
	assert_true(v.session_fraction == 1.0);
	script_release(&s);
	plan_session_release(&ps);
}

/*
 * The script says which leg works in the words of each step, rings at the
 * end of every countdown, and resumes at a set rather than in a rest.
 */
static void test_script_words_and_resume(void **state)
{
	struct plan_session ps;
	struct script s;
	struct strbuf sb = STRBUF_INIT;
	const struct script_step *left = NULL, *right = NULL;
	size_t rest = 0;

	(void)state;
	beginner_session(&ps, KIND_STRENGTH);
	script_build(&s, &ps, &prog);
	for (size_t i = 0; i < s.nsteps; i++) {
		const struct script_step *st = &s.steps[i];

		if (st->work && st->set_no == 1 && st->side == SIDE_LEFT && !left)
			left = st;
		if (st->work && st->set_no == 1 && st->side == SIDE_RIGHT && !right)
			right = st;
		if (st->type == STEP_REST && st->set_no == 2 && !rest)
			rest = i;
		assert_int_equal(st->bell_end, st->type != STEP_REPS);
	}
	assert_non_null(left);
	assert_non_null(right);
	assert_string_equal(left->how[0],
			    "Stand tall on your LEFT leg, knee slightly bent, chest up.");
	assert_string_equal(
	    left->how[1],
	    "Tap the floor in front of you with your RIGHT foot, then bring it back.");
	assert_string_equal(right->how[0],
			    "Stand tall on your RIGHT leg, knee slightly bent, chest up.");
	assert_string_equal(
	    right->how[1],
	    "Tap the floor in front of you with your LEFT foot, then bring it back.");
	/* Stopped after the first set: the rest before set 2 is skipped on resume. */
	assert_int_not_equal(rest, 0);
	assert_int_equal(script_resume_step(&s, rest), rest + 1);
	assert_int_equal(s.steps[rest + 1].set_no, 2);
	script_where(&s, rest + 3, &sb);
	assert_string_equal(sb.buf, "Single-leg toe tap, set 2 of 2, RIGHT leg");
	assert_int_equal(script_resume_step(&s, s.nsteps), s.nsteps);
	strbuf_release(&sb);
	script_release(&s);
	plan_session_release(&ps);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hold_ends_on_time),
		cmocka_unit_test(test_no_drift_over_thirty_minutes),
		cmocka_unit_test(test_pause_does_not_count),
		cmocka_unit_test(test_events),
		cmocka_unit_test(test_script_words_and_resume),
	};
	int ret;

	program_load_default(&prog);
	ret = cmocka_run_group_tests(tests, NULL, NULL);
	program_release(&prog);
	return ret;
}
