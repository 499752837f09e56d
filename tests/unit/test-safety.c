/* Tests of the safety rules: screening questions, their decision and advice, asking them again,
 * pain zones, settling, the weekly pain that one day cannot tip, adherence strength first, and the
 * escalation rules of SAFETY.md section 4 with the PSFS and a clinician's care. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "core/advice.h"
#include "core/safety.h"
#include "lib/strbuf.h"

static void test_questions(void **state)
{
	size_t n;
	const struct screen_question *q = safety_questions(&n);
	int sev[SCREEN_SEVERITY_COUNT] = {0};

	(void)state;
	assert_true(n >= 20 && n <= SCREEN_QUESTIONS_MAX);
	for (size_t i = 0; i < n; i++) {
		assert_non_null(q[i].source);
		/* A source in plain words: the runner sees it, so no file or section names. */
		assert_true(strlen(q[i].source) > 20);
		assert_null(strstr(q[i].source, "SAFETY"));
		assert_null(strstr(q[i].source, "§"));
		assert_true(q[i].text[strlen(q[i].text) - 1] == '?' ||
			    q[i].text[strlen(q[i].text) - 1] == ')');
		assert_ptr_equal(safety_question_find(q[i].id), &q[i]);
		sev[q[i].severity]++;
		/* Hopping is asked as history only, never as a test. */
		if (!strcmp(q[i].id, "hopping-hurt"))
			assert_non_null(strstr(q[i].text, "don't hop"));
		/* The question a question follows is asked before it. */
		if (q[i].after_no_to)
			assert_true(safety_question_find(q[i].after_no_to) < &q[i]);
		/* A question that is bone stress only with a sign says why both ways. */
		if (q[i].flags & SCREEN_WITH_SIGN) {
			assert_int_equal(q[i].severity, SEVERITY_SEE_DOCTOR_SOON);
			assert_non_null(q[i].why_with_sign);
		}
		/* History raises caution, nothing more. */
		assert_int_equal(!!(q[i].flags & SCREEN_HISTORY),
				 q[i].severity == SEVERITY_CAUTION);
	}
	for (int i = 0; i < SCREEN_SEVERITY_COUNT; i++)
		assert_true(sev[i] > 0);
	assert_null(safety_question_find("hop-now"));
	assert_int_equal(safety_question_find("fever")->severity, SEVERITY_URGENT_CARE);
	assert_int_equal(safety_question_find("stress-fracture-history")->severity,
			 SEVERITY_CAUTION);
	assert_int_equal(safety_question_find("numbness-tingling")->severity,
			 SEVERITY_SEE_DOCTOR_SOON);
	/* Cauda equina: care today (SAFETY.md section 1). */
	assert_int_equal(safety_question_find("saddle-numbness")->severity, SEVERITY_URGENT_CARE);
	assert_int_equal(safety_question_find("bladder-bowel")->severity, SEVERITY_URGENT_CARE);
	assert_int_equal(safety_question_find("both-legs-weak")->severity, SEVERITY_URGENT_CARE);
	/* Bone stress on its own: groin pain getting worse, hopping, a limp. */
	assert_int_equal(safety_question_find("groin-pain-progressing")->severity,
			 SEVERITY_BONE_STRESS);
	assert_int_equal(safety_question_find("limp")->severity, SEVERITY_BONE_STRESS);
	assert_true(safety_question_find("night-rest-pain")->flags & SCREEN_WITH_SIGN);
	assert_true(safety_question_find("stand-one-leg")->flags & SCREEN_WITH_SIGN);
	/* An old answer "limp-stand" still blocks, as "limp". */
	assert_ptr_equal(safety_question_find("limp-stand"), safety_question_find("limp"));
	assert_string_equal(safety_question_find("cancer-history")->after_no_to,
			    "cancer-bone-pain");
}

/* Decides from yes answers: `latest` ids are yes in the latest answer, `earlier` only before. */
static void decide(const char *latest, const char *earlier, struct screen_decision *d)
{
	static char buf[2][256];
	struct screen_yes yes[SCREEN_QUESTIONS_MAX];
	size_t n = 0;
	const char *lists[2] = {latest, earlier};

	for (int k = 0; k < 2; k++) {
		char *save = NULL;

		snprintf(buf[k], sizeof(buf[k]), "%s", lists[k] ? lists[k] : "");
		for (char *t = strtok_r(buf[k], ",", &save); t; t = strtok_r(NULL, ",", &save)) {
			yes[n].id = t;
			yes[n].latest = k == 0;
			n++;
		}
	}
	safety_screening_decide(yes, n, d);
}

static enum screen_severity severity_of(const struct screen_decision *d, const char *id)
{
	for (size_t i = 0; i < d->n; i++)
		if (!strcmp(d->items[i].q->id, id))
			return d->items[i].severity;
	return (enum screen_severity) - 1;
}

static void test_screening_decide(void **state)
{
	struct screen_decision d;

	(void)state;
	/* Night or rest pain, or pain standing on one leg, alone: see a doctor soon, no block
	 * (Grimaldi & Fearon JOSPT 2015). */
	decide("night-rest-pain", NULL, &d);
	assert_int_equal(d.n, 1);
	assert_int_equal(severity_of(&d, "night-rest-pain"), SEVERITY_SEE_DOCTOR_SOON);
	assert_false(d.blocked);
	decide("night-rest-pain,stand-one-leg", NULL, &d);
	assert_int_equal(d.n, 2);
	assert_false(d.blocked);
	/* With a bone-stress sign: bone stress, blocked. */
	decide("night-rest-pain,hopping-hurt", NULL, &d);
	assert_int_equal(severity_of(&d, "night-rest-pain"), SEVERITY_BONE_STRESS);
	assert_int_equal(severity_of(&d, "hopping-hurt"), SEVERITY_BONE_STRESS);
	assert_true(d.blocked);
	/* Each sign blocks on its own. */
	decide("groin-pain-progressing", NULL, &d);
	assert_true(d.blocked);
	decide("limp", NULL, &d);
	assert_true(d.blocked);
	decide("limp-stand", NULL, &d); /* an answer of an older version */
	assert_true(d.blocked);
	/* A sign from an earlier round since the clearance still stands; night pain said before it
	 * counts with it, but alone and no longer said, it does not count. */
	decide("stand-one-leg", "hopping-hurt", &d);
	assert_int_equal(severity_of(&d, "stand-one-leg"), SEVERITY_BONE_STRESS);
	assert_true(d.blocked);
	decide(NULL, "hopping-hurt,night-rest-pain", &d);
	assert_int_equal(severity_of(&d, "night-rest-pain"), SEVERITY_BONE_STRESS);
	decide(NULL, "night-rest-pain", &d);
	assert_int_equal(d.n, 0);
	assert_false(d.blocked);
	/* History never blocks on its own, even all of it. */
	decide("stress-fracture-history,low-energy,low-bone-density", NULL, &d);
	assert_int_equal(d.n, 3);
	assert_false(d.blocked);
	assert_int_equal(severity_of(&d, "low-energy"), SEVERITY_CAUTION);
	/* ... nor with night pain: only the three signs make night pain bone stress. */
	decide("stress-fracture-history,night-rest-pain", NULL, &d);
	assert_false(d.blocked);
	/* Cauda equina: each blocks. */
	decide("saddle-numbness", NULL, &d);
	assert_true(d.blocked);
	decide("bladder-bowel", NULL, &d);
	assert_true(d.blocked);
	decide("both-legs-weak", NULL, &d);
	assert_true(d.blocked);
	/* A past cancer with new bone pain counts once, as urgent care; without, doctor soon. */
	decide("cancer-bone-pain,cancer-history", NULL, &d);
	assert_int_equal(d.n, 1);
	assert_int_equal(severity_of(&d, "cancer-bone-pain"), SEVERITY_URGENT_CARE);
	decide("cancer-history", NULL, &d);
	assert_int_equal(d.n, 1);
	assert_int_equal(severity_of(&d, "cancer-history"), SEVERITY_SEE_DOCTOR_SOON);
	assert_false(d.blocked);
	/* Unknown ids are ignored; urgent care stands from an earlier round. */
	decide("bogus", "fever", &d);
	assert_int_equal(d.n, 1);
	assert_true(d.blocked);
}

static void test_question_asked(void **state)
{
	size_t n;
	const struct screen_question *q = safety_questions(&n);
	int answers[SCREEN_QUESTIONS_MAX];
	size_t hist = (size_t)(safety_question_find("stress-fracture-history") - q),
	       bone = (size_t)(safety_question_find("cancer-bone-pain") - q),
	       past = (size_t)(safety_question_find("cancer-history") - q);

	(void)state;
	for (size_t i = 0; i < n; i++)
		answers[i] = -1;
	assert_true(safety_question_asked(hist, answers, 0));
	assert_false(safety_question_asked(hist, answers, 1)); /* after a clearance */
	assert_true(safety_question_asked(past, answers, 1));
	answers[bone] = 0;
	assert_true(safety_question_asked(past, answers, 0));
	answers[bone] = 1;
	assert_false(safety_question_asked(past, answers, 0));
}

static void test_screening_advice(void **state)
{
	struct screen_decision d;
	struct advice_list l = ADVICE_LIST_INIT;

	(void)state;
	decide("numbness-tingling,bogus,limp,fever,night-rest-pain,stress-fracture-history,"
	       "low-energy",
	       NULL, &d);
	safety_screening_advice(&d, &l);
	/* One item per yes, no score, unknown ids ignored; the history together in one. */
	assert_int_equal(l.n, 5);
	advice_sort(&l);
	assert_int_equal(l.items[0].code, ADVICE_URGENT_CARE);
	assert_int_equal(l.items[1].code, ADVICE_BONE_STRESS);
	assert_int_equal(l.items[2].code, ADVICE_BONE_STRESS);
	assert_int_equal(l.items[3].code, ADVICE_SEE_DOCTOR_SOON);
	assert_int_equal(l.items[4].code, ADVICE_CAUTION);
	assert_non_null(strstr(l.items[0].message, "today"));
	assert_non_null(strstr(l.items[1].message, "Stop running"));
	assert_non_null(strstr(l.items[2].message, "together with your other answer"));
	assert_non_null(strstr(l.items[4].message, "more slowly"));
	assert_non_null(strstr(l.items[4].message, "stress fracture"));
	assert_non_null(strstr(l.items[4].message, "RED-S"));
	assert_true(advice_blocks_sessions(l.items[0].code));
	assert_true(advice_blocks_sessions(l.items[1].code));
	assert_false(advice_blocks_sessions(l.items[3].code));
	assert_false(advice_blocks_sessions(l.items[4].code));
	assert_false(advice_is_referral(ADVICE_CAUTION));
	advice_list_release(&l);

	/* Night pain alone: see a doctor soon, with the tendon explanation. */
	decide("night-rest-pain", NULL, &d);
	safety_screening_advice(&d, &l);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.items[0].code, ADVICE_SEE_DOCTOR_SOON);
	assert_non_null(strstr(l.items[0].message, "tendons"));
	assert_non_null(strstr(l.items[0].source, "Grimaldi"));
	advice_list_release(&l);

	decide(NULL, NULL, &d);
	safety_screening_advice(&d, &l);
	assert_int_equal(l.n, 0);
	assert_int_equal(safety_screening_conditions(&d), 0);
}

/* A check-in for safety_rescreen(). */
static struct pain_mark mark(day_t date, int score, int groin, int is_new, double week_before)
{
	struct pain_mark m = {date, score, groin, is_new, week_before};

	return m;
}

static void test_rescreen(void **state)
{
	const day_t mon = day_from_civil(2025, 11, 10); /* a Monday */
	struct pain_mark m[6];
	struct rescreen r;
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	/* Nothing logged since the round. */
	m[0] = mark(mon, 2, 0, 0, -1);
	m[1] = mark(mon + 3, 7, 0, 0, -1);
	safety_rescreen(m, 2, &r);
	assert_int_equal(r.reason, RESCREEN_NO);
	/* A jump of 3 within 7 days. */
	m[1] = mark(mon + 7, 5, 0, 1, 2.0 + 2);
	safety_rescreen(m, 2, &r);
	assert_int_equal(r.reason, RESCREEN_JUMP);
	assert_int_equal(r.from, 2);
	assert_int_equal(r.score, 5);
	assert_int_equal(r.date, mon + 7);
	safety_rescreen_reason(&r, &sb);
	assert_string_equal(sb.buf, "your pain jumped from 2 to 5 within 7 days (Monday 17 "
				    "November)");
	/* ... not a rise of 2, nor one from 8 days before. */
	m[1] = mark(mon + 7, 4, 0, 1, -1);
	safety_rescreen(m, 2, &r);
	assert_int_equal(r.reason, RESCREEN_NO);
	m[1] = mark(mon + 8, 5, 0, 1, -1);
	safety_rescreen(m, 2, &r);
	assert_int_equal(r.reason, RESCREEN_NO);
	/* A rise of 3 over the weekly pain of the week before. */
	m[1] = mark(mon + 10, 5, 0, 1, 2.0);
	safety_rescreen(m, 2, &r);
	assert_int_equal(r.reason, RESCREEN_TREND);
	assert_true(r.trend == 2.0);
	m[1] = mark(mon + 10, 5, 0, 1, 2.5);
	safety_rescreen(m, 2, &r);
	assert_int_equal(r.reason, RESCREEN_NO);
	/* Groin pain above 0, whatever its size; 0 is not pain. */
	m[1] = mark(mon + 10, 1, 1, 1, 2.5);
	safety_rescreen(m, 2, &r);
	assert_int_equal(r.reason, RESCREEN_GROIN);
	strbuf_reset(&sb);
	safety_rescreen_reason(&r, &sb);
	assert_string_equal(sb.buf, "you logged pain in your groin (1/10) on Thursday 20 November");
	m[1] = mark(mon + 10, 0, 1, 1, 2.5);
	safety_rescreen(m, 2, &r);
	assert_int_equal(r.reason, RESCREEN_NO);
	/* The jump may come down again: a check-in counts once logged after the round. */
	m[1] = mark(mon + 1, 6, 0, 1, -1);
	m[2] = mark(mon + 2, 2, 0, 1, -1);
	safety_rescreen(m, 3, &r);
	assert_int_equal(r.reason, RESCREEN_JUMP);
	assert_int_equal(r.date, mon + 1);
	/* Only a rise counts, not a fall. */
	m[0] = mark(mon, 6, 0, 0, -1);
	m[1] = mark(mon + 1, 2, 0, 1, -1);
	safety_rescreen(m, 2, &r);
	assert_int_equal(r.reason, RESCREEN_NO);
	strbuf_release(&sb);
	/* Pain of 8 offers the questions; a lower one alone does not. */
	assert_false(safety_reoffer_screening(7));
	assert_true(safety_reoffer_screening(8));
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
	/* A rating during exercise stops it above 5 (strength) or above 3 (a stretch). */
	assert_false(safety_pain_stops(0, 2));
	assert_false(safety_pain_stops(0, 5));
	assert_true(safety_pain_stops(0, 6));
	assert_false(safety_pain_stops(1, 3));
	assert_true(safety_pain_stops(1, 4));
	/* Pain of 8 that day: no strength work. */
	assert_false(safety_rest_from_strength(7));
	assert_true(safety_rest_from_strength(8));
	assert_int_equal(safety_settled(2, 3), 1);
	assert_int_equal(safety_settled(2, 4), 0);
	assert_int_equal(safety_settled(2, -1), -1);
	assert_int_equal(safety_settled(-1, 3), 1);
	assert_int_equal(safety_settled(-1, 6), -1);
	assert_true(safety_meaningful_drop(6, 4));
	assert_false(safety_meaningful_drop(6, 4.5));
	assert_true(safety_meaningful_drop(3, 2.1)); /* 30% */
	assert_false(safety_meaningful_drop(5, 4));
}

/* One week's weekly pain, its middle days agreeing (-1: none). */
static void week_pain(struct pain_week *w, double v)
{
	w->mean = w->value = w->low = w->high = v;
	w->count = w->days = v >= 0 ? 3 : 0;
	w->basis = v >= 0 ? PAIN_BASIS_MORNING : PAIN_BASIS_NONE;
}

/* Weeks from a Monday with the given weekly pain (-1: none), and of the 2 strength sessions and 7
 * stretch days planned each week, `strength` and `stretch` done. */
static void weeks_fill(struct pain_week *w, size_t n, const double *mean, int strength, int stretch)
{
	for (size_t i = 0; i < n; i++) {
		memset(&w[i], 0, sizeof(w[i]));
		w[i].monday = (day_t)(20403 + 7 * i); /* 2025-11-10, a Monday */
		week_pain(&w[i], mean[i]);
		w[i].max = -1;
		w[i].strength_planned = 2;
		w[i].strength_done = strength;
		w[i].stretch_planned = 7;
		w[i].stretch_done = stretch;
		w[i].planned = 9;
		w[i].done = strength + stretch;
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
	const double flat[] = {6, 6, 6, 6}, falling[] = {6, 5, 3, 2};
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
	weeks_fill(w, 4, flat, 2, 7);
	assert_true(codes(&in, ADVICE_SEE_PT));
	/* Not scaled back: run less first. */
	in.scaled_back = TRI_NO;
	assert_true(codes(&in, ADVICE_SCALE_BACK_RUNNING));
	in.scaled_back = TRI_UNKNOWN;
	/* Half the strength sessions (2 of 4), every stretch: the 2-week rule waits. */
	weeks_fill(w, 4, flat, 1, 7);
	assert_true(no_advice(&in));
	/* Every strength session, stretches on 8 of 14 days (57%): it fires. */
	weeks_fill(w, 4, flat, 2, 4);
	assert_true(codes(&in, ADVICE_SEE_PT));
	/* Falling 6 -> 2: nothing. */
	weeks_fill(w, 4, falling, 2, 7);
	assert_true(no_advice(&in));
	/* Before 14 days nothing is judged. */
	weeks_fill(w, 2, flat, 2, 7);
	in.nweeks = 2;
	in.today = in.start + 13;
	assert_true(no_advice(&in));

	/* 6 weeks, 6 -> 4.5 (25%, 1.5 points): a PT; 6 -> 4: fine. */
	for (int i = 0; i < 13; i++)
		slow[i] = i < 6 ? 6 - 0.25 * i : 4.5;
	slow[6] = 4.5;
	weeks_fill(w, 7, slow, 0, 3);
	in.nweeks = 7;
	in.today = in.start + 43;
	assert_true(codes(&in, ADVICE_SEE_PT));
	slow[6] = 4;
	weeks_fill(w, 7, slow, 0, 3);
	assert_true(no_advice(&in));

	/* 12 weeks, not clearly better: a specialist. */
	for (int i = 0; i < 13; i++)
		twelve[i] = 5.5;
	twelve[0] = 6;
	weeks_fill(w, 13, twelve, 2, 7);
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
	const double rising[] = {3, 3, 4.5};

	(void)state;
	memset(&in, 0, sizeof(in));
	in.max_pain_recent = -1;
	in.start = 20403;
	in.today = 20403 + 15;
	in.weeks = w;
	in.nweeks = 3;
	weeks_fill(w, 3, rising, 0, 7);
	assert_true(codes(&in, ADVICE_STEP_BACK)); /* weekly pain must not rise */
	week_pain(&w[2], 3.5);
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

/* The message of the first advice item with `code` (in a static buffer), "" when none. */
static const char *message(const struct escalation_input *in, enum advice_code code)
{
	static char buf[1024];
	struct advice_list l = ADVICE_LIST_INIT;

	buf[0] = 0;
	safety_escalate(in, &l);
	for (size_t i = 0; i < l.n && !buf[0]; i++)
		if (l.items[i].code == code)
			snprintf(buf, sizeof(buf), "%s", l.items[i].message);
	advice_list_release(&l);
	return buf;
}

static struct escalation_input input_for(struct pain_week *w, size_t n, int days)
{
	struct escalation_input in;

	memset(&in, 0, sizeof(in));
	in.max_pain_recent = -1;
	in.scaled_back = TRI_YES;
	in.start = 20403;
	in.today = 20403 + days;
	in.weeks = w;
	in.nweeks = n;
	return in;
}

/* SAFETY.md section 2: morning scores first, at least 2 days, a day counts once, the median. */
static void test_weekly_pain(void **state)
{
	const day_t mon = 20403;
	struct pain_week w[4];
	const struct pain_point p[] = {
	    /* Week 1: mornings on 2 days, and a "now" of 9 on a third day that does not count. */
	    {mon, 5, 1},
	    {mon + 1, 3, 1},
	    {mon + 2, 9, 0},
	    /* Week 2: one morning only, so all scores: 7 and 3 on 2 days. */
	    {mon + 7, 7, 1},
	    {mon + 8, 3, 0},
	    /* Week 3: two scores on one day are one day: no weekly pain. */
	    {mon + 14, 4, 1},
	    {mon + 14, 6, 0},
	    /* Week 4: a day's scores (2 and 6) count as their median, 4. */
	    {mon + 21, 2, 1},
	    {mon + 21, 6, 1},
	    {mon + 22, 5, 1},
	    {mon + 23, 4, 1},
	};

	(void)state;
	memset(w, 0, sizeof(w));
	for (int i = 0; i < 4; i++)
		w[i].monday = mon + 7 * i;
	safety_pain_weeks(w, 4, p, sizeof(p) / sizeof(p[0]));
	assert_int_equal(w[0].basis, PAIN_BASIS_MORNING);
	assert_int_equal(w[0].days, 2);
	assert_true(w[0].value == 4 && w[0].low == 3 && w[0].high == 5);
	assert_int_equal(w[1].basis, PAIN_BASIS_ALL);
	assert_true(w[1].value == 5);
	assert_int_equal(w[2].basis, PAIN_BASIS_NONE);
	assert_int_equal(w[2].days, 1);
	assert_true(w[2].value < 0);
	assert_int_equal(w[3].days, 3);
	assert_true(w[3].value == 4 && w[3].low == 4 && w[3].high == 4);
	assert_int_equal(safety_baseline_week(w, 4), 0);
	assert_int_equal(safety_latest_week(w, 4), 3);
	assert_null(pain_basis_names[PAIN_BASIS_NONE]);
	assert_string_equal(pain_basis_names[PAIN_BASIS_MORNING], "morning");
}

/* SAFETY.md section 2: one day never flips a 2-, 6- or 12-week decision. */
static void test_one_day_never_flips(void **state)
{
	struct pain_week w[8];
	const double steady[] = {5, 4, 3, 3, 3, 3, 3, 3}, flat[] = {5, 5, 5, 5, 5, 5, 5, 5};
	struct escalation_input in;
	struct pain_change pc;

	(void)state;
	/* Better, 5 -> 3; then a week of one bad day and one usual day (6 and 3). */
	weeks_fill(w, 8, steady, 2, 7);
	in = input_for(w, 8, 43);
	assert_true(no_advice(&in));
	w[7].value = 4.5;
	w[7].low = 3;
	w[7].high = 6;
	w[7].days = 2;
	assert_int_equal(safety_pain_change(w, 8, &pc), 0);
	assert_int_equal(pc.now, 6); /* the week before stands in */
	assert_int_equal(pc.trend, TREND_BETTER);
	assert_int_equal(safety_pain_rising(w, 8), 0);
	assert_true(no_advice(&in));
	/* The same with the weeks' medians alone would refer: 5 -> 4.5 is not a real change. */
	assert_false(safety_meaningful_drop(5, 4.5));

	/* A plateau at 5 and one good day (2) in the latest week: still a physical therapist. */
	weeks_fill(w, 8, flat, 2, 7);
	w[7].value = 3.5;
	w[7].low = 2;
	w[7].high = 5;
	assert_true(codes(&in, ADVICE_SEE_PT));

	/* One bad day in the first week (5 and 8) does not hide "no better" at 2 weeks: once a
	 * later week agrees, the second week stands in as the start. */
	weeks_fill(w, 3, flat, 2, 7);
	w[0].value = 6.5;
	w[0].low = 5;
	w[0].high = 8;
	in = input_for(w, 3, 17);
	assert_int_equal(safety_pain_change(w, 3, &pc), 0);
	assert_int_equal(pc.base, 1);
	assert_int_equal(pc.now, 2);
	assert_true(codes(&in, ADVICE_SEE_PT));

	/* Rising: 3 then a week of 3 and 6 is not a rise; 3 then 4 and 4 is. */
	weeks_fill(w, 3, steady + 2, 2, 7);
	w[2].value = 4.5;
	w[2].low = 3;
	w[2].high = 6;
	assert_int_equal(safety_pain_rising(w, 3), 0);
	week_pain(&w[2], 4);
	assert_int_equal(safety_pain_rising(w, 3), 2);
	/*
	 * Mornings of 1, then a week of too few mornings whose value falls back on
	 * all scores: acceptable ratings during exercise (3) against mornings are
	 * not a rise (SAFETY.md section 2: they never step back).
	 */
	week_pain(&w[1], 1);
	week_pain(&w[2], 3);
	w[2].basis = PAIN_BASIS_ALL;
	assert_int_equal(safety_pain_rising(w, 3), 0);
	w[1].basis = PAIN_BASIS_ALL;
	assert_int_equal(safety_pain_rising(w, 3), 2);
}

/* SAFETY.md section 4: doing the program is 75% of the strength sessions and half the stretch
 * days, over the two complete weeks before this one. */
static void test_adherence_strength_first(void **state)
{
	struct pain_week w[4];
	const double none[] = {-1, -1, -1, -1};
	struct adherence a;
	struct escalation_input in;

	(void)state;
	weeks_fill(w, 4, none, 2, 7);
	w[1].strength_done = 0;
	w[2].strength_done = 1; /* 1 of 4 */
	safety_adherence(w, 4, &a);
	assert_int_equal(a.strength_done, 1);
	assert_int_equal(a.strength_planned, 4);
	assert_int_equal(a.stretch_done, 14);
	assert_int_equal(a.doing, 0);
	assert_true(a.strength == 0.25);
	/* 3 of 4 and 7 of 14 stretch days: the program. */
	w[1].strength_done = 2;
	w[2].stretch_done = 0;
	safety_adherence(w, 4, &a);
	assert_int_equal(a.doing, 1);
	/* 6 of 14 stretch days: not yet. */
	w[1].stretch_done = 6;
	safety_adherence(w, 4, &a);
	assert_int_equal(a.doing, 0);
	/* Done is capped at planned; this week does not count. */
	w[1].stretch_done = 9;
	w[3].strength_done = 0;
	safety_adherence(w, 4, &a);
	assert_int_equal(a.stretch_done, 7);
	assert_int_equal(a.strength_done, 3);
	/* Nothing planned: nothing to judge. */
	memset(w, 0, sizeof(w));
	safety_adherence(w, 4, &a);
	assert_int_equal(a.doing, -1);
	assert_true(a.strength < 0 && a.stretch < 0);

	/* Stretches every day and no strength: no "not helping" verdict, and the on-track item
	 * asks for the strength work. */
	{
		const double flat[] = {5, 5, 5, 5};
		struct advice_list l = ADVICE_LIST_INIT;

		weeks_fill(w, 4, flat, 0, 7);
		in = input_for(w, 4, 22);
		assert_int_equal(safety_escalate(&in, &l), 0);
		assert_int_equal(l.n, 0);
		safety_on_track(&in, 0, &l);
		assert_int_equal(l.n, 1);
		assert_int_equal(l.items[0].code, ADVICE_ON_TRACK);
		assert_non_null(strstr(l.items[0].message, "0 of 4 planned strength sessions"));
		assert_non_null(strstr(l.items[0].message, "strength first"));
		advice_list_release(&l);
	}
}

/* The words follow the direction: worse is "worse by N points", never "less than 2 better". */
static void test_wording_direction(void **state)
{
	struct pain_week w[8];
	const double up[] = {3, 4, 5, 6, 7, 7, 7}, flat[] = {5, 5, 5, 5, 5, 5, 5},
		     little[] = {6, 6, 5, 5, 5, 5, 5};
	struct escalation_input in;

	(void)state;
	weeks_fill(w, 7, up, 2, 7);
	in = input_for(w, 7, 43);
	assert_non_null(strstr(message(&in, ADVICE_SEE_PT), "worse by 4 points"));
	assert_null(strstr(message(&in, ADVICE_SEE_PT), "less than"));
	in = input_for(w, 3, 15);
	assert_non_null(strstr(message(&in, ADVICE_SEE_PT), "worse by 2 points"));
	weeks_fill(w, 7, flat, 2, 7);
	in = input_for(w, 7, 43);
	assert_non_null(strstr(message(&in, ADVICE_SEE_PT), "about the same"));
	weeks_fill(w, 7, little, 2, 7);
	assert_non_null(strstr(message(&in, ADVICE_SEE_PT), "only a little better, by 1 point,"));
	/* At 6 weeks without the strength work, a PT still, but no verdict on the program. */
	weeks_fill(w, 7, flat, 0, 7);
	assert_non_null(strstr(message(&in, ADVICE_SEE_PT), "0 of the 4 planned strength"));
}

/* SAFETY.md sections 4 and 7: a real PSFS gain weighs against "not better" while pain is flat,
 * never against rising pain, high pain or the 12-week rule. */
static void test_psfs_weighs(void **state)
{
	struct pain_week w[13];
	double flat[13], up[] = {4, 5, 6, 6};
	struct escalation_input in;
	struct advice_list l = ADVICE_LIST_INIT;

	(void)state;
	for (int i = 0; i < 13; i++)
		flat[i] = 5;
	weeks_fill(w, 4, flat, 2, 7);
	in = input_for(w, 4, 22);
	in.psfs_scored = 1;
	in.psfs_first = 3;
	in.psfs_latest = 5;
	assert_int_equal(safety_escalate(&in, &l), ESCALATE_HELD_PSFS);
	assert_int_equal(l.n, 0);
	safety_on_track(&in, ESCALATE_HELD_PSFS, &l);
	assert_non_null(strstr(l.items[0].message, "PSFS average went from 3.0 to 5.0"));
	assert_non_null(strstr(l.items[0].message, "about the same"));
	advice_list_release(&l);
	/* 1.5 points is not a real change. */
	in.psfs_latest = 4.5;
	assert_true(codes(&in, ADVICE_SEE_PT));
	in.psfs_latest = 5;
	/* Six weeks, flat: held too. */
	weeks_fill(w, 7, flat, 2, 7);
	in = input_for(w, 7, 43);
	in.psfs_scored = 1;
	in.psfs_first = 3;
	in.psfs_latest = 5;
	assert_true(no_advice(&in));
	/* Pain up: the gain does not count against it. */
	weeks_fill(w, 4, up, 2, 7);
	in.nweeks = 4;
	in.today = in.start + 22;
	assert_true(codes(&in, ADVICE_SEE_PT));
	/* High pain still means now. */
	weeks_fill(w, 4, flat, 2, 7);
	in.max_pain_recent = 8;
	in.max_pain_day = in.today - 1;
	assert_true(codes(&in, ADVICE_SEE_PT));
	in.max_pain_recent = -1;
	/* Twelve weeks of flat pain: a specialist, whatever the PSFS says. */
	weeks_fill(w, 13, flat, 2, 7);
	in.nweeks = 13;
	in.today = in.start + 85;
	assert_true(codes(&in, ADVICE_SEE_SPECIALIST));
}

/* Under a clinician's care the see-a-PT advice is a calm reminder once a week (SAFETY.md §4). */
static void test_under_care(void **state)
{
	struct pain_week w[13];
	double flat[13];
	struct escalation_input in;
	struct advice_list l = ADVICE_LIST_INIT;

	(void)state;
	for (int i = 0; i < 13; i++)
		flat[i] = 5;
	weeks_fill(w, 4, flat, 2, 7);
	in = input_for(w, 4, 22);
	assert_true(codes(&in, ADVICE_SEE_PT));
	in.care_since = in.today - 3;
	in.care_note = "Jo";
	assert_int_equal(safety_escalate(&in, &l), ESCALATE_HELD_CARE);
	assert_int_equal(l.n, 0);
	safety_on_track(&in, ESCALATE_HELD_CARE, &l);
	assert_int_equal(l.items[0].code, ADVICE_ON_TRACK);
	assert_non_null(strstr(l.items[0].message, "(Jo)"));
	advice_list_release(&l);
	/* A week after: the reminder, calm, not a referral. */
	in.care_since = in.today - 7;
	assert_true(codes(&in, ADVICE_UNDER_CARE));
	assert_non_null(strstr(message(&in, ADVICE_UNDER_CARE), "once a week"));
	assert_non_null(strstr(message(&in, ADVICE_UNDER_CARE), "about the same"));
	assert_false(advice_is_referral(ADVICE_UNDER_CARE));
	assert_true(advice_is_calm(ADVICE_UNDER_CARE));
	assert_string_equal(advice_code_names[ADVICE_UNDER_CARE], "under-care");
	assert_false(safety_care_reminder_due(in.care_since, in.care_since));
	assert_true(safety_care_reminder_due(in.care_since, in.care_since + 14));
	assert_false(safety_care_reminder_due(in.care_since, in.care_since + 10));
	assert_false(safety_care_reminder_due(0, in.today));
	/* Pain of 8 is still an alarm: tell them now. */
	in.max_pain_recent = 8;
	in.max_pain_day = in.today;
	assert_true(codes(&in, ADVICE_SEE_PT));
	assert_non_null(strstr(message(&in, ADVICE_SEE_PT), "Tell your physical therapist"));
	in.max_pain_recent = -1;
	/* Twelve weeks: a specialist still, referred by the clinician on it. */
	weeks_fill(w, 13, flat, 2, 7);
	in.nweeks = 13;
	in.today = in.start + 85;
	assert_true(codes(&in, ADVICE_SEE_SPECIALIST));
	assert_non_null(strstr(message(&in, ADVICE_SEE_SPECIALIST), "looking after your hip"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_questions),
	    cmocka_unit_test(test_screening_decide),
	    cmocka_unit_test(test_question_asked),
	    cmocka_unit_test(test_screening_advice),
	    cmocka_unit_test(test_rescreen),
	    cmocka_unit_test(test_pain_model),
	    cmocka_unit_test(test_escalation),
	    cmocka_unit_test(test_pain_rules),
	    cmocka_unit_test(test_advice_order),
	    cmocka_unit_test(test_weekly_pain),
	    cmocka_unit_test(test_one_day_never_flips),
	    cmocka_unit_test(test_adherence_strength_first),
	    cmocka_unit_test(test_wording_direction),
	    cmocka_unit_test(test_psfs_weighs),
	    cmocka_unit_test(test_under_care),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
