/* Unit tests for program file validation: errors name the file, the exercise and the field. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "core/program.h"
#include "lib/embed.h"
#include "lib/error.h"
#include "lib/strbuf.h"

/* The embedded program with one change made by `edit`, parsed; returns program_parse()'s result. */
static int parse_edited(void (*edit)(json_t *root))
{
	const struct embedded_file *f = embed_find("data/programs/hip-pain.json");
	json_t *root = json_loadb((const char *)f->data, f->size, 0, NULL);
	char *text;
	struct program prog;
	int ret;

	assert_non_null(root);
	edit(root);
	text = json_dumps(root, 0);
	ret = program_parse(&prog, "edited.json", text, strlen(text));
	if (!ret)
		program_release(&prog);
	free(text);
	json_decref(root);
	return ret;
}

static json_t *exercise(json_t *root, size_t i)
{
	return json_array_get(json_object_get(root, "exercises"), i);
}

static void bad_kind(json_t *root)
{
	json_object_set_new(exercise(root, 3), "kind", json_string("cardio"));
}

static void no_steps(json_t *root)
{
	json_object_del(exercise(root, 5), "steps");
}

static void bad_equipment(json_t *root)
{
	json_t *eq = json_object_get(exercise(root, 1), "equipment");

	json_array_append_new(json_object_get(eq, "required"), json_string("rowing-machine"));
}

static void duplicate_id(json_t *root)
{
	json_object_set_new(exercise(root, 2), "id", json_string("clamshell"));
}

static void bad_caution(json_t *root)
{
	json_t *c = json_array_get(json_object_get(exercise(root, 3), "cautions"), 0);

	json_object_set_new(c, "when", json_string("sore-toe"));
}

static void bad_reps(json_t *root)
{
	json_object_set_new(json_array_get(json_object_get(root, "levels"), 1), "reps_max",
			    json_integer(2));
}

/* Sets the first step of exercise `i` to `text`. */
static void set_step(json_t *root, size_t i, const char *text)
{
	json_array_set_new(json_object_get(exercise(root, i), "steps"), 0, json_string(text));
}

static void leg_in_two_legged(json_t *root)
{
	set_step(root, 4, "Stand on {working} leg."); /* the deadlift is not done per side */
}

static void unknown_placeholder(json_t *root)
{
	set_step(root, 0, "Stand tall on {left} leg.");
}

static void other_first(json_t *root)
{
	set_step(root, 0, "Lift {other} foot.");
}

/* Sets the paper steps of exercise `i`. */
static void set_paper(json_t *root, size_t i, const char *const *steps, size_t n)
{
	json_t *a = json_array();

	for (size_t k = 0; k < n; k++)
		json_array_append_new(a, json_string(steps[k]));
	json_object_set_new(exercise(root, i), "paper_steps", a);
}

static void paper_too_long(json_t *root)
{
	static const char *const steps[] = {
	    "Stand tall on {working} leg with the knee slightly bent and the chest up.",
	    "Tap {other} foot."};

	set_paper(root, 0, steps, 2);
}

static void paper_too_few(json_t *root)
{
	static const char *const steps[] = {"Stand on {working} leg."};

	set_paper(root, 0, steps, 1);
}

static void paper_leg_in_two_legged(json_t *root)
{
	static const char *const steps[] = {"Stand on {working} leg.", "Hinge."};

	set_paper(root, 4, steps, 2);
}

static void nothing(json_t *root)
{
	(void)root;
}

static void test_default_is_valid(void **state)
{
	(void)state;
	assert_int_equal(parse_edited(nothing), 0);
}

/* Two strings, either of which may be NULL, are the same. */
static void same_str(const char *a, const char *b)
{
	if (!a || !b)
		assert_ptr_equal(a, b);
	else
		assert_string_equal(a, b);
}

static void same_strings(char **a, char **b, size_t n)
{
	assert_true(!a == !b);
	for (size_t i = 0; a && i <= n; i++)
		same_str(a[i], b[i]);
}

/*
 * The program compiled into the binary at build time is the one
 * data/programs/hip-pain.json reads as, field by field.
 */
static void test_compiled_default_is_the_file(void **state)
{
	const struct embedded_file *f = embed_find("data/programs/hip-pain.json");
	struct program c, p;

	(void)state;
	program_load_default(&c);
	assert_int_equal(program_parse(&p, "hip-pain.json", (const char *)f->data, f->size), 0);
	same_str(c.id, p.id);
	same_str(c.title, p.title);
	same_str(c.source_title, p.source_title);
	same_str(c.source_publication, p.source_publication);
	assert_int_equal(c.nsource_experts, p.nsource_experts);
	same_strings(c.source_experts, p.source_experts, p.nsource_experts);
	same_str(c.source_note, p.source_note);
	assert_int_equal(c.nsee_pt, p.nsee_pt);
	same_strings(c.see_pt, p.see_pt, p.nsee_pt);
	for (int i = 0; i < LEVEL_COUNT; i++) {
		same_str(c.levels[i].name, p.levels[i].name);
		same_str(c.levels[i].summary, p.levels[i].summary);
		assert_memory_equal(&c.levels[i].sets_min, &p.levels[i].sets_min,
				    sizeof(struct level) - offsetof(struct level, sets_min));
	}
	assert_int_equal(c.strength_per_week, p.strength_per_week);
	assert_int_equal(c.strength_rest_between_s, p.strength_rest_between_s);
	assert_int_equal(c.stretch_per_week, p.stretch_per_week);
	assert_int_equal(c.stretch_hold_s, p.stretch_hold_s);
	assert_int_equal(c.stretch_rest_s, p.stretch_rest_s);
	same_str(c.stretch_note, p.stretch_note);
	for (int i = 0; i < EQ_COUNT; i++) {
		same_str(c.equipment[i].name, p.equipment[i].name);
		same_str(c.equipment[i].substitute, p.equipment[i].substitute);
	}
	assert_int_equal(c.nexercises, p.nexercises);
	for (size_t i = 0; i < p.nexercises; i++) {
		const struct exercise *a = &c.exercises[i], *b = &p.exercises[i];

		same_str(a->id, b->id);
		same_str(a->name, b->name);
		assert_int_equal(a->kind, b->kind);
		assert_int_equal(a->mode, b->mode);
		assert_int_equal(a->per_side, b->per_side);
		assert_int_equal(a->ntargets, b->ntargets);
		for (size_t k = 0; k < b->ntargets; k++) {
			same_str(a->targets[k].muscle, b->targets[k].muscle);
			same_str(a->targets[k].gloss, b->targets[k].gloss);
		}
		assert_int_equal(a->equip_required, b->equip_required);
		assert_int_equal(a->equip_optional, b->equip_optional);
		assert_int_equal(a->load, b->load);
		same_str(a->why, b->why);
		assert_int_equal(a->nsteps, b->nsteps);
		same_strings(a->steps, b->steps, b->nsteps);
		same_strings(a->side_steps, b->side_steps, b->nsteps);
		assert_int_equal(a->npaper_steps, b->npaper_steps);
		same_strings(a->paper_steps, b->paper_steps, b->npaper_steps);
		assert_int_equal(a->ncues, b->ncues);
		same_strings(a->cues, b->cues, b->ncues);
		assert_int_equal(a->ncautions, b->ncautions);
		for (size_t k = 0; k < b->ncautions; k++) {
			const struct caution *x = &a->cautions[k], *y = &b->cautions[k];

			assert_int_equal(x->when, y->when);
			assert_int_equal(x->action, y->action);
			same_str(x->text, y->text);
			same_str(x->paper, y->paper);
			same_str(x->source, y->source);
			same_str(x->variant_id, y->variant_id);
			assert_int_equal(x->variant ? x->variant - a->variants : -1,
					 y->variant ? y->variant - b->variants : -1);
		}
		assert_int_equal(a->nvariants, b->nvariants);
		for (size_t k = 0; k < b->nvariants; k++) {
			const struct variant *x = &a->variants[k], *y = &b->variants[k];

			same_str(x->id, y->id);
			same_str(x->name, y->name);
			assert_int_equal(x->harder, y->harder);
			assert_int_equal(x->equipment, y->equipment);
			assert_int_equal(x->replaces, y->replaces);
			assert_int_equal(x->nsteps, y->nsteps);
			same_strings(x->steps, y->steps, y->nsteps);
			same_strings(x->side_steps, y->side_steps, y->nsteps);
			assert_int_equal(x->npaper_steps, y->npaper_steps);
			same_strings(x->paper_steps, y->paper_steps, y->npaper_steps);
			same_str(x->why, y->why);
		}
		assert_int_equal(a->fit_category, b->fit_category);
		assert_int_equal(a->fit_name, b->fit_name);
		same_str(a->fit_title, b->fit_title);
		same_str(a->source, b->source);
	}
	assert_true(c.builtin);
	assert_false(p.builtin);
	program_release(&p);
	program_release(&c);
	assert_null(c.exercises);
}

static void test_errors_name_the_field(void **state)
{
	(void)state;
	assert_int_equal(parse_edited(bad_kind), -1);
	assert_string_equal(error_last(), "invalid program 'edited.json': exercise 'clamshell': "
					  "field 'kind': expected \"strength\" or \"stretch\"");
	assert_int_equal(parse_edited(no_steps), -1);
	assert_string_equal(
	    error_last(),
	    "invalid program 'edited.json': exercise 'squat': field 'steps': missing");
	assert_int_equal(parse_edited(bad_equipment), -1);
	assert_non_null(strstr(error_last(),
			       "exercise 'single-leg-step-down': field "
			       "'equipment.required': unknown equipment 'rowing-machine'"));
	assert_int_equal(parse_edited(duplicate_id), -1);
	assert_non_null(strstr(error_last(), "field 'id': used by two exercises"));
	assert_int_equal(parse_edited(bad_caution), -1);
	assert_non_null(strstr(error_last(), "exercise 'clamshell': field 'cautions.when'"));
	assert_int_equal(parse_edited(bad_reps), -1);
	assert_non_null(strstr(error_last(), "field 'reps_max': expected an integer in 8..100"));
}

/*
 * The steps name the leg with {working} and {other}: the loader fills "one"
 * and "the other" for the pages that show both sides, keeps the words for
 * the player, and refuses what would read wrong.
 */
static void test_side_words(void **state)
{
	struct program prog;
	const struct exercise *ex;
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	program_load_default(&prog);
	ex = program_find(&prog, "single-leg-toe-tap");
	assert_string_equal(ex->steps[0], "Stand tall on one leg, knee slightly bent, chest up.");
	assert_string_equal(ex->side_steps[0],
			    "Stand tall on {working} leg, knee slightly bent, chest up.");
	assert_string_equal(
	    ex->steps[1], "Tap the floor in front of you with the other foot, then bring it back.");
	/* A step without a leg is the same both ways. */
	assert_string_equal(ex->side_steps[2], ex->steps[2]);
	assert_null(program_find(&prog, "deadlift")->side_steps);
	/* Every per-side exercise names the leg; so do its one-legged variants. */
	for (size_t i = 0; i < prog.nexercises; i++) {
		const struct exercise *e = &prog.exercises[i];

		if (!e->per_side)
			continue;
		assert_non_null(e->side_steps);
		for (size_t k = 0; k < e->nvariants; k++)
			if (strcmp(e->variants[k].id, "two-leg-glute-bridge"))
				assert_non_null(e->variants[k].side_steps);
	}
	program_release(&prog);

	assert_int_equal(program_side_words(&sb, "{working} foot on the step; {other} free.",
					    "your LEFT", "your RIGHT"),
			 0);
	assert_string_equal(sb.buf, "Your LEFT foot on the step; your RIGHT free.");
	strbuf_reset(&sb);
	assert_int_equal(program_side_words(&sb, "Hold. {other} leg back.", "one", "the other"), 0);
	assert_string_equal(sb.buf, "Hold. The other leg back.");
	strbuf_release(&sb);

	assert_int_equal(parse_edited(leg_in_two_legged), -1);
	assert_non_null(strstr(error_last(), "exercise 'deadlift': field 'steps': 'Stand on "
					     "{working} leg.' names a leg, but the exercise is not "
					     "done per side"));
	assert_int_equal(parse_edited(unknown_placeholder), -1);
	assert_non_null(strstr(error_last(), "exercise 'single-leg-toe-tap': field 'steps': "
					     "unknown placeholder in 'Stand tall on {left} leg.'"));
	assert_int_equal(parse_edited(other_first), -1);
	assert_non_null(strstr(error_last(), "'Lift {other} foot.' says {other} before any "
					     "{working}"));
}

/* A printed sheet's shorter steps: loaded with the legs filled, and refused when too long, too few
 * or naming a leg the exercise does not have. */
static void test_paper_steps(void **state)
{
	struct program prog;
	const struct exercise *ex;

	(void)state;
	program_load_default(&prog);
	ex = program_find(&prog, "single-leg-toe-tap");
	assert_true(ex->npaper_steps >= 2 && ex->npaper_steps <= PAPER_STEPS_MAX);
	assert_string_equal(ex->paper_steps[0], "Stand on one leg, knee soft, chest up.");
	assert_string_equal(ex->paper_steps[1], "Tap the other foot in front, to the side, behind.");
	/* Every exercise and variant has them, each at most PAPER_STEP_MAX bytes; every caution a
	 * paper form. */
	for (size_t i = 0; i < prog.nexercises; i++) {
		const struct exercise *e = &prog.exercises[i];

		assert_true(e->npaper_steps >= 2);
		for (size_t k = 0; k < e->npaper_steps; k++)
			assert_true(strlen(e->paper_steps[k]) <= PAPER_STEP_MAX);
		for (size_t k = 0; k < e->nvariants; k++)
			assert_true(e->variants[k].npaper_steps >= 2);
		for (size_t k = 0; k < e->ncautions; k++)
			assert_non_null(e->cautions[k].paper);
	}
	program_release(&prog);

	assert_int_equal(parse_edited(paper_too_long), -1);
	assert_non_null(strstr(error_last(), "exercise 'single-leg-toe-tap': field 'paper_steps': "
					     "'Stand tall on one leg with the knee slightly bent and "
					     "the chest up.' is too long for paper"));
	assert_int_equal(parse_edited(paper_too_few), -1);
	assert_non_null(strstr(error_last(), "field 'paper_steps': expected 2 to 5 steps"));
	assert_int_equal(parse_edited(paper_leg_in_two_legged), -1);
	assert_non_null(strstr(error_last(), "exercise 'deadlift': field 'paper_steps': 'Stand on "
					     "{working} leg.' names a leg"));
}

static void test_not_json(void **state)
{
	struct program prog;

	(void)state;
	assert_int_equal(program_parse(&prog, "x.json", "{\"format\": 1,", 13), -1);
	assert_non_null(strstr(error_last(), "invalid program 'x.json': line 1"));
	assert_int_equal(program_parse(&prog, "x.json", "[]", 2), -1);
	assert_int_equal(program_parse(&prog, "x.json", "", 0), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_default_is_valid),
		cmocka_unit_test(test_compiled_default_is_the_file),
		cmocka_unit_test(test_errors_name_the_field),
		cmocka_unit_test(test_side_words),
		cmocka_unit_test(test_paper_steps),
		cmocka_unit_test(test_not_json),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
