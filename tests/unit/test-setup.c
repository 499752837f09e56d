/* Tests of setup's readers for what a runner types: a day given twice, a distance where a day goes,
 * the long run's distance with its day, other words for the equipment, and why hipcoach chose the
 * strength days. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "coach/setup.h"
#include "core/plan.h"
#include "lib/strbuf.h"

static void test_days_twice(void **state)
{
	struct strbuf err = STRBUF_INIT;
	unsigned d;

	(void)state;
	assert_int_equal(setup_parse_days("--strength-days", "mon,mon", &d, &err), -1);
	assert_string_equal(
	    err.buf, "'mon' is given twice in --strength-days: give each day once, e.g. tue,fri");
	strbuf_reset(&err);
	assert_int_equal(setup_parse_days("--run-days", "wed, Wednesday", &d, &err), -1);
	assert_non_null(strstr(err.buf, "'wed' is given twice"));
	strbuf_reset(&err);
	/* A refused answer leaves the days as they were. */
	d = 2u;
	assert_int_equal(setup_parse_days("--run-days", "tue,funday", &d, &err), -1);
	assert_int_equal(d, 2u);
	assert_int_equal(setup_parse_days("--run-days", "mon,wed,sat", &d, &err), 0);
	assert_int_equal(d, 1u | 4u | 32u);
	strbuf_release(&err);
}

static void test_distances(void **state)
{
	struct strbuf err = STRBUF_INIT;
	unsigned d;
	int day;

	(void)state;
	assert_true(setup_is_distance("10k"));
	assert_true(setup_is_distance("21.1km"));
	assert_true(setup_is_distance("13mi"));
	assert_true(setup_is_distance("half"));
	assert_true(setup_is_distance("Marathon"));
	assert_false(setup_is_distance("sat"));
	assert_false(setup_is_distance("10"));
	assert_false(setup_is_distance("k"));

	assert_int_equal(setup_parse_long_run("--long-run", "sat 10k", &day, &err), 0);
	assert_int_equal(day, 5);
	assert_int_equal(setup_parse_long_run("--long-run", "sun,half", &day, &err), 0);
	assert_int_equal(day, 6);
	assert_int_equal(setup_parse_long_run("--long-run", "none", &day, &err), 0);
	assert_int_equal(day, -1);
	assert_int_equal(setup_parse_long_run("--long-run", "half", &day, &err), -1);
	assert_non_null(strstr(err.buf, "'half' is how far your long run is"));
	strbuf_reset(&err);
	assert_int_equal(setup_parse_days("--run-days", "10k", &d, &err), -1);
	assert_non_null(strstr(err.buf, "'10k' in --run-days is a distance"));
	strbuf_release(&err);
}

static void test_equipment_words(void **state)
{
	struct strbuf err = STRBUF_INIT;
	unsigned eq;

	(void)state;
	assert_int_equal(setup_parse_equipment("mat,stairs,bench", &eq, &err), 0);
	assert_int_equal(eq, EQ_MAT | EQ_STEP | EQ_CHAIR);
	assert_int_equal(setup_parse_equipment("Box, weights", &eq, &err), 0);
	assert_int_equal(eq, EQ_STEP | EQ_DUMBBELLS);
	assert_int_equal(setup_parse_equipment("mat,kettlebell", &eq, &err), -1);
	strbuf_release(&err);
}

static void test_strength_reason(void **state)
{
	struct profile p;
	struct strbuf sb = STRBUF_INIT;
	unsigned chosen;

	(void)state;
	profile_init(&p);
	/* Runs mon, wed, sat with the long run on sat: the days chosen say what they avoid. */
	p.run_days = 1u | 4u | 32u;
	p.long_run_day = 5;
	chosen = plan_strength_days(p.run_days, p.long_run_day, 2);
	setup_strength_reason(&p, chosen, &sb);
	assert_non_null(strstr(sb.buf, "never two days in a row"));
	assert_non_null(strstr(sb.buf, "away from your long run on Saturday and the day before it"));
	assert_false(chosen & ((1u << 5) | (1u << 4)));
	/* Runs on two days only: strength can keep off them, and says so. */
	strbuf_reset(&sb);
	p.run_days = 4u | 64u;
	p.long_run_day = 6;
	chosen = plan_strength_days(p.run_days, p.long_run_day, 2);
	setup_strength_reason(&p, chosen, &sb);
	assert_false(chosen & p.run_days);
	assert_non_null(strstr(sb.buf, "on days you do not run"));
	strbuf_release(&sb);
	profile_release(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_days_twice),
	    cmocka_unit_test(test_distances),
	    cmocka_unit_test(test_equipment_words),
	    cmocka_unit_test(test_strength_reason),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
