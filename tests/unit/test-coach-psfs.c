/* Tests of the coach's PSFS, setup and screening use cases on a temporary database, and of setup's
 * parsers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "coach/coach.h"
#include "coach/psfs.h"
#include "coach/screening.h"
#include "coach/setup.h"
#include "core/safety.h"
#include "lib/datetime.h"
#include "lib/error.h"
#include "lib/strbuf.h"
#include "store/pain.h"

#define DB "build/testdata/test-coach-psfs.db"

static int setup(void **state)
{
	struct coach *c = calloc(1, sizeof(*c));

	if (system("mkdir -p build/testdata"))
		return -1;
	unlink(DB);
	unlink(DB "-wal");
	unlink(DB "-shm");
	c->db_path = DB;
	if (coach_store(c, 0)) {
		fprintf(stderr, "%s\n", error_last());
		return -1;
	}
	*state = c;
	return 0;
}

static int teardown(void **state)
{
	struct coach *c = *state;

	coach_release(c);
	free(c);
	return 0;
}

static day_t day(int y, int m, int d)
{
	return day_from_civil(y, m, d);
}

static void summary(struct coach *c, struct psfs_summary *s)
{
	assert_int_equal(coach_psfs_summary(c, s), 0);
}

static void test_psfs(void **state)
{
	struct coach *c = *state;
	struct psfs_summary s;
	int64_t run, sit, stairs;

	summary(c, &s);
	assert_int_equal(s.n, 0);
	assert_false(s.scored);
	assert_int_equal(s.change, PSFS_NO_CHANGE);
	psfs_summary_release(&s);

	assert_int_equal(coach_psfs_add(c, "running 10 km", &run), 0);
	assert_int_equal(coach_psfs_add(c, "sitting through a film", &sit), 0);
	assert_true(run > 0 && sit > run);
	assert_int_equal(coach_psfs_add(c, "running 10 km", NULL), -1);
	assert_string_equal(error_last(), "'running 10 km' is already on your list");
	assert_int_equal(coach_psfs_rate(c, sit + 1, day(2026, 11, 16), 5), -1);
	assert_string_equal(error_last(), "no activity 3 (see 'hipcoach psfs')");
	assert_int_equal(coach_psfs_rate(c, run, day(2026, 11, 16), 11), -1);

	/* First round: one scored activity makes the averages. */
	assert_int_equal(coach_psfs_rate(c, run, day(2026, 11, 16), 3), 0);
	summary(c, &s);
	assert_int_equal(s.n, 2);
	assert_true(s.scored);
	assert_int_equal(s.items[0].first, 3);
	assert_int_equal(s.items[0].latest, 3);
	assert_int_equal(s.items[1].latest, -1);
	assert_true(s.average_first == 3.0 && s.average_latest == 3.0);
	psfs_summary_release(&s);
	assert_int_equal(coach_psfs_rate(c, sit, day(2026, 11, 16), 5), 0);

	/* Second round: 3 -> 6 and 5 -> 5 moves the average by 1.5, not a real change. */
	assert_int_equal(coach_psfs_rate(c, run, day(2026, 12, 1), 6), 0);
	assert_int_equal(coach_psfs_rate(c, sit, day(2026, 12, 1), 5), 0);
	summary(c, &s);
	assert_true(s.average_first == 4.0 && s.average_latest == 5.5);
	assert_int_equal(s.change, PSFS_NO_CHANGE);
	assert_int_equal(s.items[0].latest_date, day(2026, 12, 1));
	psfs_summary_release(&s);

	/* 5 -> 6: the average moves by exactly SAFETY_PSFS_REAL_CHANGE. */
	assert_int_equal(coach_psfs_rate(c, sit, day(2026, 12, 8), 6), 0);
	summary(c, &s);
	assert_true(s.average_first == 4.0 && s.average_latest == 6.0);
	assert_true(s.average_latest - s.average_first == SAFETY_PSFS_REAL_CHANGE);
	assert_int_equal(s.change, PSFS_BETTER);
	assert_int_equal(s.items[1].first, 5);
	assert_int_equal(s.items[1].latest, 6);
	psfs_summary_release(&s);

	/* A score dated before the first becomes the first; an unscored activity does not count. */
	assert_int_equal(coach_psfs_add(c, "climbing stairs", &stairs), 0);
	assert_int_equal(coach_psfs_rate(c, run, day(2026, 11, 1), 7), 0);
	summary(c, &s);
	assert_int_equal(s.n, 3);
	assert_int_equal(s.items[0].first, 7);
	assert_int_equal(s.items[0].latest, 6);
	assert_int_equal(s.items[2].latest, -1);
	assert_true(s.average_first == 6.0 && s.average_latest == 6.0);
	assert_int_equal(s.change, PSFS_NO_CHANGE);
	psfs_summary_release(&s);

	/* Three activities: averages to two decimals, and a drop of 2 or more is worse. */
	assert_int_equal(coach_psfs_rate(c, stairs, day(2026, 11, 16), 4), 0);
	assert_int_equal(coach_psfs_rate(c, stairs, day(2026, 12, 15), 0), 0);
	assert_int_equal(coach_psfs_rate(c, run, day(2026, 12, 15), 2), 0);
	summary(c, &s);
	assert_true(s.average_first == 5.33);  /* (7 + 5 + 4) / 3 */
	assert_true(s.average_latest == 2.67); /* (2 + 6 + 0) / 3 */
	assert_int_equal(s.change, PSFS_WORSE);
	psfs_summary_release(&s);
}

static void test_setup_parsers(void **state)
{
	struct strbuf err = STRBUF_INIT;
	struct profile p;
	unsigned days;
	int lvl, longrun;

	(void)state;
	assert_int_equal(setup_parse_level("moderate", &lvl, &err), 0);
	assert_int_equal(lvl, LEVEL_MODERATE);
	assert_int_equal(setup_parse_level("expert", &lvl, &err), -1);
	assert_string_equal(err.buf, "unknown level 'expert' (use beginner, moderate or heavy)");
	strbuf_reset(&err);

	assert_int_equal(setup_parse_days("--run-days", "mon,wed, sat", &days, &err), 0);
	assert_int_equal(days, 1u << 0 | 1u << 2 | 1u << 5);
	assert_int_equal(setup_parse_days("--run-days", "none", &days, &err), 0);
	assert_int_equal(days, 0);
	assert_int_equal(setup_parse_days("--run-days", "mon,funday", &days, &err), -1);
	assert_string_equal(err.buf, "unknown day 'funday' in --run-days (use mon, tue, wed, thu, "
				     "fri, sat, sun)");
	strbuf_reset(&err);
	assert_int_equal(setup_parse_long_run("--long-run", "sat,sun", &longrun, &err), -1);
	assert_string_equal(err.buf, "--long-run takes one day, e.g. sat");
	strbuf_reset(&err);

	profile_init(&p);
	assert_int_equal(setup_parse_weights("10lb, 4kg", 0, &p, &err), 0);
	assert_int_equal(p.nweights, 2);
	assert_true(p.weights_kg[0] == 4.0 && p.weights_kg[1] == 4.5);
	assert_int_equal(setup_parse_weights("4,heavy", 0, &p, &err), -1);
	strbuf_reset(&err);
	assert_int_equal(setup_parse_units("mi,lb", &p, &err), 0);
	assert_true(p.miles && p.pounds);
	assert_int_equal(setup_parse_units("furlongs", &p, &err), -1);
	assert_string_equal(err.buf, "unknown unit 'furlongs' (use km or mi, and kg or lb)");
	strbuf_reset(&err);
	profile_release(&p);

	/* The rules: the long-run day is a run day, weights bring dumbbells. */
	{
		const struct setup_values v = {.run_days = "mon,wed",
					       .long_run = "sat",
					       .dumbbells = "4,6",
					       .dumbbells_kg = 1,
					       .strength_days = "thu,fri"};
		const char *warn[4];

		profile_init(&p);
		setup_profile_new(&p);
		assert_int_equal(setup_apply(&p, &v, &err), 0);
		assert_int_equal(p.run_days, 1u << 0 | 1u << 2 | 1u << 5);
		assert_int_equal(p.long_run_day, 5);
		assert_true(p.equipment & EQ_DUMBBELLS);
		/* Thursday and Friday in a row, and Friday before the long run. */
		assert_int_equal(setup_warnings(&p, warn, 4), 2);
		assert_non_null(strstr(warn[0], "two in a row"));
		assert_non_null(strstr(warn[1], "the day before your long run"));
		assert_int_equal(setup_warnings(&p, warn, 1), 1);
		profile_release(&p);
	}
	{
		const struct setup_values v = {.start = "2026-02-30"};

		profile_init(&p);
		assert_int_equal(setup_apply(&p, &v, &err), -1);
		assert_string_equal(
		    err.buf, "invalid date '2026-02-30' (expected a real date as YYYY-MM-DD)");
		profile_release(&p);
	}
	strbuf_release(&err);
}

static void test_setup_save(void **state)
{
	struct coach *c = *state;
	struct strbuf err = STRBUF_INIT;
	const struct setup_values v = {.level = "heavy", .run_days = "tue", .name = "Ada"};
	struct profile p;

	assert_int_equal(coach_has_profile(c), 0);
	assert_int_equal(coach_setup_load(c, &p), 0);
	assert_int_equal(p.level, LEVEL_BEGINNER);
	assert_int_equal(setup_apply(&p, &v, &err), 0);
	assert_int_equal(coach_setup_save(c, &p), 0);
	profile_release(&p);

	assert_int_equal(coach_profile(c), 0);
	assert_int_equal(c->profile.level, LEVEL_HEAVY);
	assert_string_equal(c->profile.name, "Ada");

	/* A second save reaches the coach's loaded profile. */
	assert_int_equal(coach_setup_load(c, &p), 1);
	p.level = LEVEL_MODERATE;
	assert_int_equal(coach_setup_save(c, &p), 0);
	profile_release(&p);
	assert_int_equal(coach_profile(c), 0);
	assert_int_equal(c->profile.level, LEVEL_MODERATE);
	strbuf_release(&err);
}

static void test_screening(void **state)
{
	struct coach *c = *state;
	size_t n;
	const struct screen_question *q = safety_questions(&n);
	int *answers = calloc(n, sizeof(*answers));
	struct screening_outcome o;
	int round, had_yes = -1;

	assert_int_equal(coach_screening_record(c, answers, &round), 0);
	assert_int_equal(round, 1);
	assert_int_equal(coach_screening_outcome(c, &o), 0);
	assert_int_equal(o.advice.n, 0);
	assert_false(o.blocked);
	screening_outcome_release(&o);

	answers[safety_question_find("fever") - q] = 1;
	assert_int_equal(coach_screening_record(c, answers, &round), 0);
	assert_int_equal(round, 2);
	assert_int_equal(coach_screening_outcome(c, &o), 0);
	assert_int_equal(o.advice.n, 1);
	assert_true(o.blocked);
	screening_outcome_release(&o);

	assert_int_equal(coach_screening_clear(c, "seen by Dr Lee", &had_yes), 0);
	assert_int_equal(had_yes, 1);
	free(answers);
}

/*
 * SAFETY.md section 1: a pain jump logged after the latest round makes the
 * questions required (the stories show a new round clearing it, with the
 * clock moved); history said yes to is caution only.
 */
static void test_screening_required(void **state)
{
	struct coach *c = *state;
	size_t n;
	const struct screen_question *q = safety_questions(&n);
	int *answers = calloc(n, sizeof(*answers));
	size_t hist = (size_t)(safety_question_find("stress-fracture-history") - q);
	day_t today = clock_today();
	struct screening_state st;
	struct strbuf why = STRBUF_INIT;

	assert_int_equal(coach_screening_needed(c, NULL), 1); /* never answered */
	assert_int_equal(coach_screening_record(c, answers, NULL), 0);
	assert_int_equal(coach_screening_state(c, &st), 0);
	assert_false(st.required);
	assert_int_equal(store_pain_add(&c->store, today - 2, 2, PAIN_MORNING, -1, 0, NULL), 0);
	assert_int_equal(store_pain_add(&c->store, today, 4, PAIN_MORNING, -1, 0, NULL), 0);
	assert_int_equal(coach_screening_state(c, &st), 0);
	assert_false(st.required); /* a rise of 2 */
	assert_int_equal(store_pain_add(&c->store, today, 5, PAIN_MORNING, -1, 0, NULL), 0);
	assert_int_equal(coach_screening_state(c, &st), 0);
	assert_true(st.required);
	assert_int_equal(st.rescreen.reason, RESCREEN_JUMP);
	assert_int_equal(st.rescreen.from, 2);
	assert_false(st.history_seen);
	assert_int_equal(coach_screening_needed(c, &why), 1);
	assert_non_null(strstr(why.buf, "from 2 to 5"));

	/* History the runner says yes to is caution only, never a block (the golden test
	 * safety-screening and the story history-only show it not asked after a clearance). */
	assert_int_equal(coach_screening_clear(c, NULL, NULL), 0);
	answers[hist] = 1;
	assert_int_equal(coach_screening_record(c, answers, NULL), 0);
	assert_int_equal(coach_screening_state(c, &st), 0);
	assert_int_equal(st.decision.n, 1);
	assert_int_equal(st.decision.items[0].severity, SEVERITY_CAUTION);
	assert_false(st.blocked);
	strbuf_release(&why);
	free(answers);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_psfs, setup, teardown),
	    cmocka_unit_test(test_setup_parsers),
	    cmocka_unit_test_setup_teardown(test_setup_save, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_screening, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_screening_required, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
