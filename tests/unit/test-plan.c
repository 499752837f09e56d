/* Unit tests for prescription and scheduling against the article's dosage. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "core/plan.h"
#include "core/program.h"
#include "core/script.h"

static struct program prog;

static int setup_prog(void **state)
{
	(void)state;
	program_load_default(&prog);
	return 0;
}

static int teardown_prog(void **state)
{
	(void)state;
	program_release(&prog);
	return 0;
}

static const struct prescription *item(const struct plan_session *s, const char *id)
{
	for (size_t i = 0; i < s->nitems; i++)
		if (!strcmp(s->items[i].ex->id, id))
			return &s->items[i];
	return NULL;
}

static void session_for(struct profile *pr, enum exercise_kind kind, unsigned conditions,
			struct plan_session *s, struct plan *notes)
{
	struct plan_input in = { .prog = &prog, .profile = pr, .conditions = conditions };

	plan_session_items(&in, kind, s, notes);
}

static void test_program_shape(void **state)
{
	int strength = 0, stretch = 0;

	(void)state;
	assert_int_equal(prog.nexercises, 14);
	for (size_t i = 0; i < prog.nexercises; i++)
		*(prog.exercises[i].kind == KIND_STRENGTH ? &strength : &stretch) += 1;
	assert_int_equal(strength, 6);
	assert_int_equal(stretch, 8);
	assert_int_equal(prog.strength_per_week, 2);
	assert_int_equal(prog.stretch_hold_s, 60);
	/* The article: beginner 1-3 x 12-15, moderate 3 x 8-12, heavy 3-4 x 4-6. */
	assert_int_equal(prog.levels[LEVEL_BEGINNER].sets_min, 1);
	assert_int_equal(prog.levels[LEVEL_BEGINNER].sets_max, 3);
	assert_int_equal(prog.levels[LEVEL_BEGINNER].reps_min, 12);
	assert_int_equal(prog.levels[LEVEL_BEGINNER].reps_max, 15);
	assert_int_equal(prog.levels[LEVEL_MODERATE].reps_min, 8);
	assert_int_equal(prog.levels[LEVEL_MODERATE].reps_max, 12);
	assert_int_equal(prog.levels[LEVEL_HEAVY].sets_max, 4);
	assert_int_equal(prog.levels[LEVEL_HEAVY].reps_min, 4);
	assert_int_equal(prog.levels[LEVEL_HEAVY].reps_max, 6);
}

static void test_beginner_full_kit(void **state)
{
	struct profile pr;
	struct plan_session s;
	const struct prescription *p;

	(void)state;
	profile_init(&pr);
	pr.level = LEVEL_BEGINNER;
	pr.equipment = EQ_MAT | EQ_BAND | EQ_STEP | EQ_CHAIR;
	session_for(&pr, KIND_STRENGTH, 0, &s, NULL);
	assert_int_equal(s.nitems, 6);
	p = item(&s, "single-leg-glute-bridge");
	assert_non_null(p);
	assert_int_equal(p->sets, 2);
	assert_int_equal(p->reps_min, 12);
	assert_int_equal(p->reps_max, 15);
	assert_true(p->per_side);
	assert_null(p->variant);
	/* Beginners start the clamshell without the band: the article adds it "to up the challenge". */
	assert_int_equal(item(&s, "clamshell")->load, PLOAD_BODYWEIGHT);
	plan_session_release(&s);

	session_for(&pr, KIND_STRETCH, 0, &s, NULL);
	assert_int_equal(s.nitems, 8);
	for (size_t i = 0; i < s.nitems; i++) {
		assert_int_equal(s.items[i].hold_s, 60);
		assert_int_equal(s.items[i].reps_max, 0);
	}
	plan_session_release(&s);
}

static void test_loaded_levels(void **state)
{
	struct profile pr;
	struct plan_session s;
	const struct prescription *p;

	(void)state;
	profile_init(&pr);
	pr.level = LEVEL_HEAVY;
	pr.equipment = EQ_MAT | EQ_STEP | EQ_DUMBBELLS | EQ_CHAIR;
	pr.weights_kg[0] = 6;
	pr.weights_kg[1] = 10;
	pr.weights_kg[2] = 14;
	pr.nweights = 3;
	session_for(&pr, KIND_STRENGTH, 0, &s, NULL);
	p = item(&s, "deadlift");
	assert_int_equal(p->load, PLOAD_DUMBBELL);
	assert_true(p->load_kg == 14);
	assert_int_equal(p->reps_min, 4);
	assert_int_equal(p->reps_max, 6);
	assert_int_equal(p->sets, 3);
	/* A move that takes no weight keeps the bodyweight range. */
	assert_int_equal(item(&s, "single-leg-toe-tap")->reps_min, 12);
	plan_session_release(&s);

	pr.level = LEVEL_MODERATE;
	session_for(&pr, KIND_STRENGTH, 0, &s, NULL);
	p = item(&s, "squat");
	assert_true(p->load_kg == 10);
	assert_int_equal(p->reps_min, 8);
	assert_int_equal(p->reps_max, 12);
	plan_session_release(&s);
}

static void test_missing_equipment(void **state)
{
	struct profile pr;
	struct plan_session s;
	struct plan notes = { 0 };
	const struct prescription *p;
	int said = 0;

	(void)state;
	profile_init(&pr);
	pr.level = LEVEL_MODERATE;
	pr.equipment = EQ_MAT;
	session_for(&pr, KIND_STRENGTH, 0, &s, &notes);
	p = item(&s, "single-leg-step-down");
	assert_non_null(p->variant);
	assert_int_equal(p->variant->equipment & EQ_STEP, 0);
	p = item(&s, "deadlift");
	assert_int_equal(p->load, PLOAD_BODYWEIGHT);
	assert_int_equal(p->reps_min, 12);
	for (size_t i = 0; i < notes.nnotes; i++)
		said += strstr(notes.notes[i], "no dumbbells") != NULL;
	assert_int_equal(said, 2);
	plan_session_release(&s);
	plan_release(&notes);
}

static void test_cautions(void **state)
{
	struct profile pr;
	struct plan_session s;
	struct plan notes = { 0 };

	(void)state;
	profile_init(&pr);
	pr.level = LEVEL_BEGINNER;
	pr.equipment = EQ_MAT | EQ_CHAIR;
	/* SAFETY.md section 6: groin pain drops the butterfly. */
	session_for(&pr, KIND_STRETCH, COND_GROIN, &s, &notes);
	assert_null(item(&s, "butterfly-stretch"));
	assert_int_equal(s.nitems, 7);
	assert_true(notes.nnotes >= 1);
	plan_session_release(&s);
	plan_release(&notes);
	/* Outer hip pain: the figure-4 and the clamshell are shortened or left out. */
	session_for(&pr, KIND_STRETCH, COND_OUTER_HIP, &s, NULL);
	assert_true(!item(&s, "figure-4-stretch") || item(&s, "figure-4-stretch")->caution);
	plan_session_release(&s);
	session_for(&pr, KIND_STRENGTH, COND_OUTER_HIP, &s, NULL);
	assert_true(!item(&s, "clamshell") || item(&s, "clamshell")->caution);
	plan_session_release(&s);
}

/* The version done decides the legs: the two-leg bridge is played once a set, the single-leg
 * deadlift on each leg, in the plan and in the player's steps. */
static void test_variant_sides(void **state)
{
	struct profile pr;
	struct progress_state ps[2] = {{.exercise = "single-leg-glute-bridge",
					.variant = "two-leg-glute-bridge"},
				       {.exercise = "deadlift",
					.variant = "single-leg-romanian-deadlift"}};
	struct plan_input in = {.prog = &prog, .profile = &pr, .progress = ps, .nprogress = 2};
	struct plan_session s;
	struct script sc;
	int bridge_sided = 0, bridge_sets = 0, rdl_left = 0, rdl_right = 0;

	(void)state;
	profile_init(&pr);
	pr.level = LEVEL_MODERATE;
	pr.equipment = EQ_MAT | EQ_BAND | EQ_STEP | EQ_CHAIR;
	plan_session_items(&in, KIND_STRENGTH, &s, NULL);
	assert_string_equal(item(&s, "single-leg-glute-bridge")->variant->id,
			    "two-leg-glute-bridge");
	assert_false(item(&s, "single-leg-glute-bridge")->per_side);
	assert_false(item(&s, "deadlift")->ex->per_side);
	assert_true(item(&s, "deadlift")->per_side);
	script_build(&sc, &s, &prog);
	for (size_t i = 0; i < sc.nsteps; i++) {
		const struct script_step *st = &sc.steps[i];

		if (!st->work)
			continue;
		if (!strcmp(st->p->ex->id, "single-leg-glute-bridge")) {
			bridge_sets++;
			bridge_sided += st->side != SIDE_NONE;
			for (size_t k = 0; k < st->nhow; k++)
				assert_null(strstr(st->how[k], "LEFT"));
		} else if (!strcmp(st->p->ex->id, "deadlift")) {
			rdl_left += st->side == SIDE_LEFT;
			rdl_right += st->side == SIDE_RIGHT;
			if (st->side == SIDE_LEFT)
				assert_non_null(strstr(st->how[0], "Stand on your LEFT leg"));
		}
	}
	assert_int_equal(bridge_sided, 0);
	assert_int_equal(bridge_sets, item(&s, "single-leg-glute-bridge")->sets);
	assert_int_equal(rdl_left, item(&s, "deadlift")->sets);
	assert_int_equal(rdl_right, rdl_left);
	script_release(&sc);
	plan_session_release(&s);
}

static int adjacent(unsigned set)
{
	return (set & ((set << 1) | (set >> 6)) & 0x7f) != 0;
}

static void test_strength_days(void **state)
{
	(void)state;
	/* Every running week: two days, never back to back, never the day before the long run. */
	for (unsigned runs = 0; runs < 0x80; runs++) {
		for (int lr = -1; lr < 7; lr++) {
			unsigned d = plan_strength_days(runs, lr, 2);

			assert_int_equal(__builtin_popcount(d), 2);
			assert_false(adjacent(d));
			if (lr >= 0) {
				assert_false(d & (1u << ((lr + 6) % 7)));
				assert_false(d & (1u << lr));
			}
		}
	}
}

static void test_plan_week(void **state)
{
	struct profile pr;
	struct plan_input in = { .prog = &prog };
	struct plan plan;
	day_t mon = day_from_civil(2026, 12, 7);
	int strength = 0, stretch = 0;

	(void)state;
	profile_init(&pr);
	pr.level = LEVEL_BEGINNER;
	pr.equipment = EQ_MAT;
	pr.strength_days = (1u << 1) | (1u << 4); /* tue, fri */
	in.profile = &pr;
	plan_build(&plan, &in, mon, 14);
	for (size_t i = 0; i < plan.nsessions; i++) {
		if (plan.sessions[i].kind == KIND_STRENGTH) {
			int wd = day_weekday(plan.sessions[i].date);

			assert_true(wd == 1 || wd == 4);
			strength++;
		} else {
			stretch++;
		}
	}
	assert_int_equal(strength, 4);
	assert_int_equal(stretch, 14);
	plan_release(&plan);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_program_shape),	cmocka_unit_test(test_beginner_full_kit),
		cmocka_unit_test(test_loaded_levels),	cmocka_unit_test(test_missing_equipment),
		cmocka_unit_test(test_cautions),	cmocka_unit_test(test_strength_days),
		cmocka_unit_test(test_plan_week),	cmocka_unit_test(test_variant_sides),
	};

	return cmocka_run_group_tests(tests, setup_prog, teardown_prog);
}
