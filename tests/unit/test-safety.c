/* Tests of the safety rules: screening questions and advice, pain zones, settling, and the escalation thresholds of SAFETY.md section 4. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "core/advice.h"
#include "core/safety.h"

static void test_questions(void **state)
{
	size_t n;
	const struct screen_question *q = safety_questions(&n);
	int sev[3] = { 0, 0, 0 };

	(void)state;
	assert_true(n >= 15);
	for (size_t i = 0; i < n; i++) {
		assert_non_null(q[i].source);
		assert_true(strstr(q[i].source, "SAFETY.md §1") == q[i].source);
		assert_true(q[i].text[strlen(q[i].text) - 1] == '?' ||
			    q[i].text[strlen(q[i].text) - 1] == ')');
		assert_ptr_equal(safety_question_find(q[i].id), &q[i]);
		sev[q[i].severity]++;
		/* Hopping is asked as history only, never as a test. */
		if (!strcmp(q[i].id, "hopping-hurt"))
			assert_non_null(strstr(q[i].text, "don't hop"));
	}
	assert_true(sev[0] && sev[1] && sev[2]);
	assert_null(safety_question_find("hop-now"));
	assert_int_equal(safety_question_find("fever")->severity, SEVERITY_URGENT_CARE);
	assert_int_equal(safety_question_find("stress-fracture-history")->severity,
			 SEVERITY_BONE_STRESS);
	assert_int_equal(safety_question_find("numbness-tingling")->severity,
			 SEVERITY_SEE_DOCTOR_SOON);
}

static void test_screening_advice(void **state)
{
	const char *yes[] = { "numbness-tingling", "bogus", "limp-stand", "fever" };
	struct advice_list l = ADVICE_LIST_INIT;

	(void)state;
	safety_screening_advice(yes, 4, &l);
	assert_int_equal(l.n, 3); /* one item per yes, no score, unknown ids ignored */
	advice_sort(&l);
	assert_int_equal(l.items[0].code, ADVICE_URGENT_CARE);
	assert_int_equal(l.items[1].code, ADVICE_BONE_STRESS);
	assert_int_equal(l.items[2].code, ADVICE_SEE_DOCTOR_SOON);
	assert_non_null(strstr(l.items[0].message, "today"));
	assert_non_null(strstr(l.items[1].message, "Stop running"));
	assert_true(advice_blocks_sessions(l.items[0].code));
	assert_true(advice_blocks_sessions(l.items[1].code));
	assert_false(advice_blocks_sessions(l.items[2].code));
	advice_list_release(&l);
}

static void test_pain_model(void **state)
{
	(void)state;
	assert_int_equal(safety_pain_zone(0), PAIN_FINE);
	assert_int_equal(safety_pain_zone(3), PAIN_FINE);
	assert_int_equal(safety_pain_zone(4), PAIN_ACCEPTABLE);
	assert_int_equal(safety_pain_zone(5), PAIN_ACCEPTABLE);
	assert_int_equal(safety_pain_zone(6), PAIN_TOO_MUCH);
	assert_false(safety_stretch_too_painful(3));
	assert_true(safety_stretch_too_painful(4));
	assert_int_equal(safety_settled(2, 3), 1);
	assert_int_equal(safety_settled(2, 4), 0);
	assert_int_equal(safety_settled(2, -1), -1);
	assert_int_equal(safety_settled(-1, 3), 1);
	assert_int_equal(safety_settled(-1, 6), -1);
	assert_false(safety_reoffer_screening(-1, 7));
	assert_true(safety_reoffer_screening(-1, 8));
	assert_true(safety_reoffer_screening(2, 5));
	assert_false(safety_reoffer_screening(3, 5));
	assert_true(safety_meaningful_drop(6, 4));
	assert_false(safety_meaningful_drop(6, 4.5));
	assert_true(safety_meaningful_drop(3, 2.1)); /* 30% */
	assert_false(safety_meaningful_drop(5, 4));
}

/* Weeks from a Monday with the given weekly means (-1: none) and done/planned counts. */
static void weeks_fill(struct pain_week *w, size_t n, const double *mean, int done, int planned)
{
	for (size_t i = 0; i < n; i++) {
		memset(&w[i], 0, sizeof(w[i]));
		w[i].monday = (day_t)(20403 + 7 * i); /* 2025-11-10, a Monday */
		w[i].mean = mean[i];
		w[i].count = mean[i] >= 0;
		w[i].max = -1;
		w[i].planned = planned;
		w[i].done = done;
	}
}

static int codes(const struct escalation_input *in, enum advice_code first)
{
	struct advice_list l = ADVICE_LIST_INIT;
	int found;

	safety_escalate(in, &l);
	advice_sort(&l);
	found = l.n ? (int)l.items[0].code : -1;
	advice_list_release(&l);
	return found == (int)first;
}

static int no_advice(const struct escalation_input *in)
{
	struct advice_list l = ADVICE_LIST_INIT;
	size_t n;

	safety_escalate(in, &l);
	n = l.n;
	advice_list_release(&l);
	return n == 0;
}

static void test_escalation(void **state)
{
	struct pain_week w[13];
	struct escalation_input in;
	const double flat[] = { 6, 6, 6, 6 }, falling[] = { 6, 5, 3, 2 };
	double slow[13], twelve[13];

	(void)state;
	memset(&in, 0, sizeof(in));
	in.max_pain_recent = -1;
	in.scaled_back = TRI_UNKNOWN;
	in.start = 20403;
	in.today = 20403 + 22;
	in.weeks = w;
	in.nweeks = 4;

	/* Flat at 6, 2 weeks at 9 of 9 sessions: see a PT, saying running was not judged. */
	weeks_fill(w, 4, flat, 9, 9);
	assert_true(codes(&in, ADVICE_SEE_PT));
	/* Not scaled back: run less first. */
	in.scaled_back = TRI_NO;
	assert_true(codes(&in, ADVICE_SCALE_BACK_RUNNING));
	in.scaled_back = TRI_UNKNOWN;
	/* Adherence under 75% (6 of 9 = 67%): the 2-week rule waits. */
	weeks_fill(w, 4, flat, 6, 9);
	assert_true(no_advice(&in));
	/* 7 of 9 = 78%: it fires. */
	weeks_fill(w, 4, flat, 7, 9);
	assert_true(codes(&in, ADVICE_SEE_PT));
	/* Falling 6 -> 2: nothing. */
	weeks_fill(w, 4, falling, 9, 9);
	assert_true(no_advice(&in));
	/* Before 14 days nothing is judged. */
	weeks_fill(w, 2, flat, 9, 9);
	in.nweeks = 2;
	in.today = in.start + 13;
	assert_true(no_advice(&in));

	/* 6 weeks, 6 -> 4.5 (25%, 1.5 points): a PT; 6 -> 4: fine. */
	for (int i = 0; i < 13; i++)
		slow[i] = i < 6 ? 6 - 0.25 * i : 4.5;
	slow[6] = 4.5;
	weeks_fill(w, 7, slow, 3, 9);
	in.nweeks = 7;
	in.today = in.start + 43;
	assert_true(codes(&in, ADVICE_SEE_PT));
	slow[6] = 4;
	weeks_fill(w, 7, slow, 3, 9);
	assert_true(no_advice(&in));

	/* 12 weeks, not clearly better: a specialist. */
	for (int i = 0; i < 13; i++)
		twelve[i] = 5.5;
	twelve[0] = 6;
	weeks_fill(w, 13, twelve, 9, 9);
	in.nweeks = 13;
	in.today = in.start + 85;
	assert_true(codes(&in, ADVICE_SEE_SPECIALIST));

	/* Pain 8 at any time, or three skips for pain: a PT now, whatever the trend. */
	weeks_fill(w, 2, falling, 0, 0);
	in.nweeks = 2;
	in.today = in.start + 8;
	in.max_pain_recent = 8;
	in.max_pain_day = in.start + 7;
	assert_true(codes(&in, ADVICE_SEE_PT));
	in.max_pain_recent = 7;
	assert_true(no_advice(&in));
	in.skipped_exercise = "Clamshell";
	in.skipped_count = 2;
	assert_true(no_advice(&in));
	in.skipped_count = 3;
	assert_true(codes(&in, ADVICE_SEE_PT));
}

static void test_pain_rules(void **state)
{
	struct pain_week w[3];
	struct escalation_input in;
	const double rising[] = { 3, 3, 4.5 };

	(void)state;
	memset(&in, 0, sizeof(in));
	in.max_pain_recent = -1;
	in.start = 20403;
	in.today = 20403 + 15;
	in.weeks = w;
	in.nweeks = 3;
	weeks_fill(w, 3, rising, 0, 9);
	assert_true(codes(&in, ADVICE_STEP_BACK)); /* weekly pain must not rise */
	w[2].mean = 3.5;
	assert_true(no_advice(&in));
	in.unsettled = 1;
	in.unsettled_day = in.today - 3;
	assert_true(codes(&in, ADVICE_STEP_BACK));
	in.unsettled = 0;
	in.too_much_during = 1;
	in.too_much_max = 6;
	assert_true(codes(&in, ADVICE_STEP_BACK));
	in.too_much_during = 0;
	in.painful_stretches = 1;
	in.painful_stretch = "Butterfly stretch";
	assert_true(codes(&in, ADVICE_EASE_OFF));
}

static void test_advice_order(void **state)
{
	struct advice_list l = ADVICE_LIST_INIT;

	(void)state;
	advice_add(&l, ADVICE_ON_TRACK, "s", "a");
	advice_add(&l, ADVICE_STEP_BACK, "s", "b%d", 1);
	advice_add(&l, ADVICE_SEE_PT, "s", "c");
	advice_add(&l, ADVICE_STEP_BACK, "s", "b%d", 2);
	advice_sort(&l);
	assert_string_equal(l.items[0].message, "c");
	assert_string_equal(l.items[1].message, "b1");
	assert_string_equal(l.items[2].message, "b2");
	assert_string_equal(l.items[3].message, "a");
	assert_int_equal(advice_code_parse("see-pt"), ADVICE_SEE_PT);
	assert_int_equal(advice_code_parse("nope"), -1);
	advice_list_release(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_questions),	 cmocka_unit_test(test_screening_advice),
	    cmocka_unit_test(test_pain_model),	 cmocka_unit_test(test_escalation),
	    cmocka_unit_test(test_pain_rules),	 cmocka_unit_test(test_advice_order),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
