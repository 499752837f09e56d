/* Tests of the session script: step order, sides, rests and cues built from a planned session. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "core/plan.h"
#include "core/program.h"
#include "core/script.h"

static struct program prog;

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

static void test_script_strength_shape(void **state)
{
	struct plan_session ps;
	struct script s;
	const struct script_step *st;

	(void)state;
	beginner_session(&ps, KIND_STRENGTH);
	assert_true(ps.nitems >= 4);
	script_build(&s, &ps, &prog);
	st = s.steps;
	/* Get ready, then set 1 LEFT, switch sides, set 1 RIGHT, rest, set 2 LEFT ... */
	assert_int_equal(st[0].type, STEP_READY);
	assert_int_equal(st[0].duration_s, SCRIPT_READY_S);
	assert_string_equal(st[1].p->ex->id, "single-leg-toe-tap");
	assert_int_equal(st[1].type, STEP_REPS);
	assert_int_equal(st[1].side, SIDE_LEFT);
	assert_int_equal(st[1].set_no, 1);
	assert_int_equal(st[1].duration_s, 0);
	assert_true(st[1].work);
	assert_string_equal(st[1].detail, "12–15 reps");
	assert_int_equal(st[2].type, STEP_SWITCH);
	assert_int_equal(st[2].duration_s, SCRIPT_SWITCH_S);
	assert_int_equal(st[2].cues[0].kind, CUE_SWITCH);
	assert_int_equal(st[3].side, SIDE_RIGHT);
	assert_int_equal(st[3].set_no, 1);
	assert_int_equal(st[4].type, STEP_REST);
	assert_int_equal(st[4].duration_s, 45); /* the beginner level's rest between sets */
	assert_string_equal(st[4].detail, "next: set 2 of 2");
	assert_int_equal(st[5].side, SIDE_LEFT);
	assert_int_equal(st[5].set_no, 2);
	assert_int_equal(st[7].side, SIDE_RIGHT);
	assert_true(st[7].last_of_item);
	assert_int_equal(st[8].type, STEP_REST);
	assert_int_equal(st[8].duration_s, prog.strength_rest_between_s);
	assert_int_equal(st[8].item, 1);
	assert_string_equal(st[8].cues[1].text, "next: Single-leg step-down");
	assert_int_equal(script_next_item_step(&s, 1), 8);
	assert_int_equal(script_item_first_work(&s, 1), 9);
	/* The last step is the last work step: no rest after the session. */
	assert_true(s.steps[s.nsteps - 1].work);
	assert_true(s.steps[s.nsteps - 1].last_of_item);
	script_release(&s);
	plan_session_release(&ps);
}

static void test_script_stretch_cues(void **state)
{
	struct plan_session ps;
	struct script s;
	int saw_breath = 0, saw_hold = 0;

	(void)state;
	beginner_session(&ps, KIND_STRETCH);
	script_build(&s, &ps, &prog);
	for (size_t i = 0; i < s.nsteps; i++) {
		const struct script_step *st = &s.steps[i];
		int halfway = 0, counts = 0, breaths = 0;

		for (size_t j = 0; j < st->ncues; j++) {
			if (j)
				assert_true(st->cues[j - 1].at_s <= st->cues[j].at_s);
			assert_true(st->cues[j].at_s < st->duration_s || !st->duration_s);
			halfway += st->cues[j].kind == CUE_HALFWAY;
			breaths += st->cues[j].kind == CUE_BREATH;
			if (st->cues[j].kind == CUE_COUNT) {
				assert_int_equal(st->cues[j].at_s, st->duration_s - 3 + counts);
				counts++;
			}
		}
		if (st->type == STEP_HOLD) {
			saw_hold = 1;
			assert_int_equal(st->duration_s, 60);
			assert_int_equal(halfway, 1);
			assert_int_equal(counts, 3);
		}
		if (st->type == STEP_BREATH) {
			saw_breath = 1;
			assert_string_equal(st->p->ex->id, "cat-cow");
			assert_true(breaths >= 10);
			assert_int_equal(st->side, SIDE_NONE);
		}
		if (st->type == STEP_REST)
			assert_int_equal(st->duration_s, prog.stretch_rest_s);
	}
	assert_true(saw_hold && saw_breath);
	script_release(&s);
	plan_session_release(&ps);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_script_strength_shape),
		cmocka_unit_test(test_script_stretch_cues),
	};
	int ret;

	program_load_default(&prog);
	ret = cmocka_run_group_tests(tests, NULL, NULL);
	program_release(&prog);
	return ret;
}
