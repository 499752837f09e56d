/* Tests of progress and step back per exercise (SAFETY.md section 3): the gates and the dose ladder. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "core/progress.h"

static struct variant variants[] = {
	{ .id = "easy-move", .name = "Easy move", .harder = 0 },
	{ .id = "hard-move", .name = "Hard move", .harder = 1 },
};
static struct exercise ex = {
	.id = "move",
	.name = "Move",
	.kind = KIND_STRENGTH,
	.mode = MODE_REPS,
	.variants = variants,
	.nvariants = 2,
};
static const struct level beginner = { .sets_min = 1, .sets_max = 3, .sets_start = 2,
				       .reps_min = 12, .reps_max = 15 };
static const struct level moderate = { .sets_min = 3, .sets_max = 3, .sets_start = 3,
				       .reps_min = 8, .reps_max = 12, .loaded = 1 };
static const double weights[] = { 6, 8, 12 };

/* A session that meets every gate to move up at `sets` x `reps`. */
static struct progress_session good(day_t d, int sets, int reps)
{
	struct progress_session s = { .date = d, .sets_done = sets, .reps_low = reps,
				      .effort_ok = 1, .pain_max = 3, .hurt = 0, .settled = 1 };
	return s;
}

static void decide(const struct level *lvl, struct prescription *p,
		   const struct progress_state *state, struct progress_session *s, size_t n,
		   int rising, struct progress_decision *out)
{
	struct progress_input in = {
		.ex = &ex,
		.level = lvl,
		.now = p,
		.state = state,
		.weights_kg = weights,
		.nweights = 3,
		.sessions = s,
		.nsessions = n,
		.pain_rising = rising,
	};

	progress_decide(&in, out);
}

static void test_up_gates(void **state)
{
	struct prescription p = { .ex = &ex, .sets = 2, .reps_min = 12, .reps_max = 15 };
	struct progress_session s[2] = { good(100, 2, 15), good(103, 2, 15) };
	struct progress_decision d;

	(void)state;
	decide(&beginner, &p, NULL, s, 2, 0, &d);
	assert_int_equal(d.change, PROGRESS_UP);
	assert_int_equal(d.next.sets, 3);
	assert_string_equal(d.next.exercise, "move");
	assert_non_null(strstr(d.reason, "Move: 3 sets instead of 2 — "));

	/* One session is not enough. */
	decide(&beginner, &p, NULL, s + 1, 1, 0, &d);
	assert_int_equal(d.change, PROGRESS_HOLD);
	/* Each gate holds it back: reps, effort, pain rating, morning. */
	s[0].reps_low = 14;
	decide(&beginner, &p, NULL, s, 2, 0, &d);
	assert_int_equal(d.change, PROGRESS_HOLD);
	assert_non_null(strstr(d.reason, "15 reps"));
	s[0] = good(100, 2, 15);
	s[1].effort_ok = 0;
	decide(&beginner, &p, NULL, s, 2, 0, &d);
	assert_int_equal(d.change, PROGRESS_HOLD);
	s[1] = good(103, 2, 15);
	s[1].effort_ok = -1;
	decide(&beginner, &p, NULL, s, 2, 0, &d);
	assert_non_null(strstr(d.reason, "3 more"));
	s[1] = good(103, 2, 15);
	s[0].settled = -1;
	decide(&beginner, &p, NULL, s, 2, 0, &d);
	assert_int_equal(d.change, PROGRESS_HOLD);
	assert_non_null(strstr(d.reason, "morning"));
	s[0] = good(100, 2, 15);
	s[0].pain_max = -1;
	decide(&beginner, &p, NULL, s, 2, 0, &d);
	assert_int_equal(d.change, PROGRESS_HOLD);
}

static void test_ladder(void **state)
{
	struct prescription p = { .ex = &ex, .sets = 3, .reps_min = 12, .reps_max = 15 };
	struct progress_session s[2] = { good(100, 3, 15), good(103, 3, 15) };
	struct progress_state st = { .exercise = "move", .sets = 3, .load_kg = -1 };
	struct progress_decision d;

	(void)state;
	/* At the level's top sets without weights: the harder version, sets back to the start. */
	decide(&beginner, &p, &st, s, 2, 0, &d);
	assert_int_equal(d.change, PROGRESS_UP);
	assert_string_equal(d.next.variant, "hard-move");
	assert_int_equal(d.next.sets, 0);
	/* With dumbbells: the next weight, its jump named when above 10%. */
	p.load = PLOAD_DUMBBELL;
	p.load_kg = 8;
	p.reps_max = 12;
	s[0].reps_low = s[1].reps_low = 12;
	decide(&moderate, &p, NULL, s, 2, 0, &d);
	assert_int_equal(d.change, PROGRESS_UP);
	assert_true(d.next.load_kg > 11.9 && d.next.load_kg < 12.1);
	assert_non_null(strstr(d.reason, "+50%"));
	/* At the heaviest dumbbell: hold, pointing at the next level. */
	p.load_kg = 12;
	decide(&moderate, &p, NULL, s, 2, 0, &d);
	assert_int_equal(d.change, PROGRESS_HOLD);
	assert_non_null(strstr(d.reason, "--level"));
	/* Back from the easier version first. */
	strcpy(st.variant, "easy-move");
	p.load = PLOAD_BODYWEIGHT;
	p.load_kg = -1;
	p.variant = &variants[0];
	p.reps_max = 15;
	s[0].reps_low = s[1].reps_low = 15;
	decide(&beginner, &p, &st, s, 2, 0, &d);
	assert_int_equal(d.change, PROGRESS_UP);
	assert_string_equal(d.next.variant, "");
}

static void test_step_back(void **state)
{
	struct prescription p = { .ex = &ex, .sets = 2, .reps_min = 12, .reps_max = 15 };
	struct progress_session s[1] = { good(100, 2, 15) };
	struct progress_state st = { .exercise = "move", .sets = 0, .load_kg = -1 };
	struct progress_decision d;

	(void)state;
	s[0].pain_max = 6; /* above 5 during */
	decide(&beginner, &p, NULL, s, 1, 0, &d);
	assert_int_equal(d.change, PROGRESS_BACK);
	assert_int_equal(d.next.sets, 1);
	assert_non_null(strstr(d.reason, "6/10"));
	s[0].pain_max = 5; /* 5 is acceptable */
	decide(&beginner, &p, NULL, s, 1, 0, &d);
	assert_int_equal(d.change, PROGRESS_HOLD);
	s[0].settled = 0; /* not settled by the morning */
	decide(&beginner, &p, NULL, s, 1, 0, &d);
	assert_int_equal(d.change, PROGRESS_BACK);
	assert_non_null(strstr(d.reason, "settled"));
	s[0].settled = 1;
	decide(&beginner, &p, NULL, s, 1, 1, &d); /* weekly pain rising */
	assert_int_equal(d.change, PROGRESS_BACK);
	/* At one set: the easier version; from a harder version: back to the plain move. */
	p.sets = 1;
	decide(&beginner, &p, &st, s, 1, 1, &d);
	assert_string_equal(d.next.variant, "easy-move");
	strcpy(st.variant, "hard-move");
	p.variant = &variants[1];
	decide(&beginner, &p, &st, s, 1, 1, &d);
	assert_int_equal(d.change, PROGRESS_BACK);
	assert_string_equal(d.next.variant, "");
	/* Already at the easiest: hold and say so. */
	strcpy(st.variant, "easy-move");
	p.variant = &variants[0];
	decide(&beginner, &p, &st, s, 1, 1, &d);
	assert_int_equal(d.change, PROGRESS_HOLD);
	assert_non_null(strstr(d.reason, "easiest"));
}

static void test_stretch(void **state)
{
	struct exercise st_ex = ex;
	struct prescription p = { .ex = &st_ex, .sets = 1, .hold_s = 60 };
	struct progress_session s[2] = { good(100, 1, -1), good(101, 1, -1) };
	struct progress_state st = { .exercise = "move", .load_kg = -1 };
	struct progress_input in = { .ex = &st_ex, .level = &beginner, .now = &p, .sessions = s,
				     .nsessions = 2 };
	struct progress_decision d;

	(void)state;
	st_ex.kind = KIND_STRETCH;
	st_ex.mode = MODE_HOLD;
	s[1].pain_max = 4; /* above 3: ease off */
	progress_decide(&in, &d);
	assert_int_equal(d.change, PROGRESS_BACK);
	assert_string_equal(d.next.variant, "easy-move");
	/* Two gentle sessions on the easier version: back to the full stretch. */
	s[1].pain_max = 2;
	strcpy(st.variant, "easy-move");
	p.variant = &variants[0];
	in.state = &st;
	progress_decide(&in, &d);
	assert_int_equal(d.change, PROGRESS_UP);
	assert_string_equal(d.next.variant, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_up_gates),
	    cmocka_unit_test(test_ladder),
	    cmocka_unit_test(test_step_back),
	    cmocka_unit_test(test_stretch),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
