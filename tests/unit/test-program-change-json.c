/* Tests of the JSON of a physical therapist's program changes: the body of a change read, with a
 * message for each thing wrong in it, and the document of the changes in force and their record. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "app/json-program.h"
#include "lib/strbuf.h"

static struct program prog;

static int setup(void **state)
{
	(void)state;
	program_load_default(&prog);
	return 0;
}

/* Reads `text` as a change: 0 with *chg and *why, or -1 with the message in `err`. */
static int parse(const char *text, struct program_change *chg, const char **why,
		 struct strbuf *err, json_t **body)
{
	json_error_t je;

	*body = json_loads(text, 0, &je);
	assert_non_null(*body);
	strbuf_reset(err);
	return program_change_from_json(&prog, *body, chg, why, err);
}

static void test_body(void **state)
{
	struct program_change chg;
	struct strbuf err = STRBUF_INIT;
	const char *why;
	json_t *body;

	(void)state;
	assert_int_equal(
	    parse("{\"level\": \"heavy\", \"equipment\": [\"mat\", \"dumbbells\"], \"left_out\": "
		  "[\"clamshell\", {\"exercise\": \"figure-4-stretch\", \"reason\": \"pinches\"}], "
		  "\"doses\": [{\"exercise\": \"squat\", \"sets\": 2, \"reps_min\": 10, "
		  "\"reps_max\": 12, \"load_kg\": 6, \"hold_s\": null}, {\"exercise\": "
		  "\"deadlift\", \"load_kg\": 0}], \"note\": \"Bridges first.\", \"why\": \"visit\"}",
		  &chg, &why, &err, &body),
	    0);
	assert_string_equal(why, "visit");
	assert_int_equal(chg.level, LEVEL_HEAVY);
	assert_int_equal(chg.equipment, EQ_MAT | EQ_DUMBBELLS);
	assert_true(chg.set_left_out);
	assert_int_equal(chg.nleft_out, 2);
	assert_string_equal(chg.left_out[0].exercise, "clamshell");
	assert_string_equal(chg.left_out[0].reason, "");
	assert_string_equal(chg.left_out[1].reason, "pinches");
	assert_true(chg.set_doses);
	assert_int_equal(chg.ndoses, 2);
	assert_int_equal(chg.doses[0].sets, 2);
	assert_int_equal(chg.doses[0].reps_min, 10);
	assert_int_equal(chg.doses[0].reps_max, 12);
	assert_int_equal(chg.doses[0].hold_s, 0);
	assert_true(chg.doses[0].load_kg == 6);
	assert_int_equal(chg.doses[1].sets, 0);
	assert_true(chg.doses[1].load_kg == 0);
	assert_string_equal(chg.note, "Bridges first.");
	program_change_release(&chg);
	json_decref(body);

	/* What is left out stays as it is; empty lists and a null note clear. */
	assert_int_equal(parse("{\"note\": null, \"doses\": [], \"why\": \"x\"}", &chg, &why, &err,
			       &body),
			 0);
	assert_int_equal(chg.level, -1);
	assert_int_equal(chg.equipment, -1);
	assert_false(chg.set_left_out);
	assert_true(chg.set_doses);
	assert_int_equal(chg.ndoses, 0);
	assert_string_equal(chg.note, "");
	program_change_release(&chg);
	json_decref(body);
	strbuf_release(&err);
}

static void test_refusals(void **state)
{
	static const struct {
		const char *body, *msg;
	} bad[] = {
	    {"[]", "the change must be an object: {\"level\", \"equipment\", \"left_out\", "
		   "\"doses\", \"note\", \"why\"}"},
	    {"{\"who\": \"Ana\"}",
	     "unknown field 'who' (level, equipment, left_out, doses, note, why)"},
	    {"{\"level\": 3}", "'level' must be a string: beginner, moderate or heavy"},
	    {"{\"level\": \"expert\"}", "unknown level 'expert' (use beginner, moderate or heavy)"},
	    {"{\"equipment\": [\"mat\", \"rope\"]}",
	     "unknown equipment 'rope' (use mat, band, step, dumbbells, chair, or none)"},
	    {"{\"left_out\": \"clamshell\"}",
	     "'left_out' must be a list of exercise ids, or of {\"exercise\", \"reason\"}"},
	    {"{\"left_out\": [\"clamshel\"]}", "unknown exercise 'clamshel'"},
	    {"{\"left_out\": [{\"exercise\": \"squat\", \"why\": \"x\"}]}",
	     "an exercise left out is {\"exercise\", \"reason\"}: nothing else"},
	    {"{\"doses\": [{\"sets\": 2}]}",
	     "a dose names its exercise: {\"exercise\": \"squat\", ...}"},
	    {"{\"doses\": [{\"exercise\": \"squat\", \"reps\": 10}]}",
	     "unknown field 'reps' in a dose (exercise, sets, reps_min, reps_max, hold_s, "
	     "load_kg)"},
	    {"{\"doses\": [{\"exercise\": \"squat\", \"sets\": 2.5}]}",
	     "'sets' of a dose must be a whole number, or null"},
	    {"{\"doses\": [{\"exercise\": \"squat\", \"sets\": 0}]}",
	     "'sets' of a dose must be 1 or more, or null, not 0"},
	    {"{\"doses\": [{\"exercise\": \"squat\", \"sets\": 8}]}",
	     "the dose of 'squat': 8 sets is out of range (1-6)"},
	    {"{\"doses\": [{\"exercise\": \"squat\", \"load_kg\": -2}]}",
	     "'load_kg' of a dose must be a number of kg, 0 for no added weight, or null"},
	    {"{\"doses\": [{\"exercise\": \"quad-stretch\", \"hold_s\": 200}]}",
	     "the dose of 'quad-stretch': a hold of 200 s is out of range (10-180 s)"},
	    {"{\"doses\": [{\"exercise\": \"squat\"}, {\"exercise\": \"squat\", \"sets\": 2}]}",
	     "the dose of 'squat' sets nothing: give its sets, reps, hold or load (or leave it off "
	     "the list to give it back to the program)"},
	    {"{\"note\": 5}", "'note' must be a string, or null (\"\" and null remove the note)"},
	    {"{\"why\": [\"x\"]}", "'why' must be a string: why the program changes"},
	};
	struct program_change chg;
	struct strbuf err = STRBUF_INIT;
	const char *why;
	json_t *body;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(parse(bad[i].body, &chg, &why, &err, &body), -1);
		assert_string_equal(err.buf, bad[i].msg);
		program_change_release(&chg);
		json_decref(body);
	}
	strbuf_release(&err);
}

static void test_document(void **state)
{
	struct program_changes pc;
	struct program_omit o = {.exercise = "clamshell", .reason = "irritates the outer hip",
				 .who = "Ana", .at = "2026-12-08T07:30:00Z"};
	struct program_dose d;
	json_t *doc;
	char *text;

	(void)state;
	memset(&pc, 0, sizeof(pc));
	assert_true(json_is_null(json_program_current(&pc.current)));
	pc.level = LEVEL_MODERATE;
	pc.equipment = EQ_MAT | EQ_DUMBBELLS;
	pc.current.left_out = &o;
	pc.current.nleft_out = 1;
	program_dose_init(&d);
	strcpy(d.exercise, "squat");
	d.sets = 2;
	d.load_kg = 0;
	strcpy(d.who, "Ana");
	strcpy(d.why, "light");
	pc.current.doses = &d;
	pc.current.ndoses = 1;
	pc.history = calloc(1, sizeof(*pc.history));
	pc.nhistory = 1;
	strcpy(pc.history[0].at, "2026-12-08T07:30:00Z");
	strcpy(pc.history[0].who, "Ana");
	pc.history[0].why = strdup("light");
	pc.history[0].what = strdup("left out Clamshell (irritates the outer hip); Squat: 2 sets, "
				    "no added weight");
	doc = json_program_changes(&pc);
	text = json_dumps(doc, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(doc);
	assert_string_equal(
	    text,
	    "{\"current\":{\"level\":\"moderate\",\"equipment\":[\"mat\",\"dumbbells\"],"
	    "\"left_out\":[{\"exercise\":\"clamshell\",\"reason\":\"irritates the outer hip\","
	    "\"who\":\"Ana\",\"at\":\"2026-12-08T07:30:00Z\"}],\"doses\":[{\"exercise\":\"squat\","
	    "\"sets\":2,\"reps_min\":null,\"reps_max\":null,\"hold_s\":null,\"load_kg\":0.0,"
	    "\"why\":\"light\",\"who\":\"Ana\",\"at\":null}],\"note\":null},\"history\":[{\"at\":"
	    "\"2026-12-08T07:30:00Z\",\"who\":\"Ana\",\"why\":\"light\",\"what\":\"left out "
	    "Clamshell (irritates the outer hip); Squat: 2 sets, no added weight\"}]}");
	free(text);
	program_history_free(pc.history, pc.nhistory);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_body),
	    cmocka_unit_test(test_refusals),
	    cmocka_unit_test(test_document),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
