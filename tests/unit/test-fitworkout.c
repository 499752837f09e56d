/* Tests of the FIT workout writer: header, CRCs, steps, categories, names, titles, weights. */
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
#include "formats/fit.h"
#include "formats/fitworkout.h"
#include "lib/error.h"

static struct program prog;

/* A small FIT walker for what the writer emits: definitions, then data messages of known layout. */
#define MAX_FIELDS 16
struct def {
	unsigned global;
	int n;
	unsigned char num[MAX_FIELDS], size[MAX_FIELDS];
};

struct msg {
	unsigned global;
	uint32_t val[MAX_FIELDS]; /* numbers by field order */
	unsigned char num[MAX_FIELDS];
	const char *str[MAX_FIELDS];
	int n;
};

struct walk {
	struct msg msgs[256];
	int nmsgs;
};

static uint32_t le(const unsigned char *p, int size)
{
	uint32_t v = 0;

	for (int i = size - 1; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

static void walk_file(const unsigned char *b, size_t len, struct walk *w)
{
	struct def defs[16] = {0};
	size_t off = b[0], end = len - 2;

	w->nmsgs = 0;
	while (off < end) {
		unsigned h = b[off++];
		unsigned local = h & 0x0f;

		assert_int_equal(h & 0xa0, 0); /* no compressed timestamps, no developer data */
		if (h & 0x40) {
			struct def *d = &defs[local];

			assert_int_equal(b[off + 1], 0); /* little-endian */
			d->global = le(b + off + 2, 2);
			d->n = b[off + 4];
			assert_true(d->n <= MAX_FIELDS);
			off += 5;
			for (int i = 0; i < d->n; i++, off += 3) {
				d->num[i] = b[off];
				d->size[i] = b[off + 1];
			}
			continue;
		}
		{
			struct def *d = &defs[local];
			struct msg *m = &w->msgs[w->nmsgs++];

			assert_true(w->nmsgs < 256);
			m->global = d->global;
			m->n = d->n;
			for (int i = 0; i < d->n; i++) {
				m->num[i] = d->num[i];
				m->str[i] = (const char *)b + off;
				m->val[i] = d->size[i] <= 4 ? le(b + off, d->size[i]) : 0;
				off += d->size[i];
			}
		}
	}
	assert_int_equal(off, end);
}

static uint32_t field(const struct msg *m, unsigned num)
{
	for (int i = 0; i < m->n; i++)
		if (m->num[i] == num)
			return m->val[i];
	fail_msg("message %u has no field %u", m->global, num);
	return 0;
}

static const char *field_str(const struct msg *m, unsigned num)
{
	for (int i = 0; i < m->n; i++)
		if (m->num[i] == num)
			return m->str[i];
	fail_msg("message %u has no field %u", m->global, num);
	return NULL;
}

static void session(struct plan_session *ps, enum exercise_kind kind, int level, unsigned eq)
{
	struct profile pr;
	struct plan_input in = {0};

	profile_init(&pr);
	pr.level = level;
	pr.equipment = eq;
	pr.weights_kg[0] = 6;
	pr.weights_kg[1] = 10;
	pr.weights_kg[2] = 14;
	pr.nweights = eq & EQ_DUMBBELLS ? 3 : 0;
	in.prog = &prog;
	in.profile = &pr;
	plan_session_items(&in, kind, ps, NULL);
}

static void write_workout(struct strbuf *sb, const struct script *s)
{
	struct fitworkout_options o = {
	    .name = "Hip strength", .description = "beginner · 6 moves", .created = 1796716800};

	assert_int_equal(fitworkout_write(sb, s, &o), 0);
}

static void test_fitworkout_header_and_crc(void **state)
{
	struct plan_session ps;
	struct script s;
	struct strbuf sb = STRBUF_INIT;
	struct activity_list acts = {0};
	const unsigned char *b;

	(void)state;
	session(&ps, KIND_STRENGTH, LEVEL_BEGINNER, EQ_MAT | EQ_BAND | EQ_STEP | EQ_CHAIR);
	script_build(&s, &ps, &prog);
	write_workout(&sb, &s);
	b = (const unsigned char *)sb.buf;
	assert_int_equal(b[0], 14);
	assert_int_equal(le(b + 4, 4), sb.len - 16);
	assert_memory_equal(b + 8, ".FIT", 4);
	assert_int_equal(le(b + 12, 2), fit_crc16(0, b, 12));
	assert_int_equal(fit_crc16(0, b, sb.len), 0);
	/* Our own reader takes it as valid FIT that holds no activity. */
	assert_int_equal(fit_read(b, sb.len, &acts), -1);
	assert_string_equal(error_last(), "no activity in FIT file");
	activity_list_release(&acts);
	strbuf_release(&sb);
	script_release(&s);
	plan_session_release(&ps);
}

static void test_fitworkout_steps(void **state)
{
	struct plan_session ps;
	struct script s;
	struct strbuf sb = STRBUF_INIT;
	struct walk *w = calloc(1, sizeof(*w));
	const struct msg *m, *steps;
	int nsteps = 0, ntitles = 0;

	(void)state;
	session(&ps, KIND_STRENGTH, LEVEL_BEGINNER, EQ_MAT | EQ_BAND | EQ_STEP | EQ_CHAIR);
	script_build(&s, &ps, &prog);
	write_workout(&sb, &s);
	walk_file((const unsigned char *)sb.buf, sb.len, w);

	m = &w->msgs[0];
	assert_int_equal(m->global, 0);
	assert_int_equal(field(m, 0), FITW_FILE_WORKOUT);
	assert_int_equal(field(m, 4), 1796716800 - FIT_EPOCH);
	m = &w->msgs[1];
	assert_int_equal(m->global, 26);
	assert_int_equal(field(m, 4), FITW_SPORT_TRAINING);
	assert_int_equal(field(m, 11), FITW_SUB_STRENGTH);
	assert_int_equal(field(m, 6), s.nsteps);
	assert_string_equal(field_str(m, 8), "Hip strength");
	assert_string_equal(field_str(m, 17), "beginner - 6 moves");

	steps = &w->msgs[2];
	for (int i = 2; i < w->nmsgs; i++) {
		nsteps += w->msgs[i].global == 27;
		ntitles += w->msgs[i].global == 264;
	}
	assert_int_equal(nsteps, s.nsteps);
	for (size_t i = 0; i < s.nsteps; i++) {
		const struct script_step *st = &s.steps[i];

		m = &steps[i];
		assert_int_equal(field(m, 254), i);
		if (!st->work) {
			assert_int_equal(field(m, 7), FITW_INTENSITY_REST);
			assert_int_equal(field(m, 1), FITW_DUR_TIME);
			assert_int_equal(field(m, 2), st->duration_s * 1000);
			assert_int_equal(field(m, 10), 0xFFFF);
			continue;
		}
		assert_int_equal(field(m, 7), FITW_INTENSITY_ACTIVE);
		assert_int_equal(field(m, 1), FITW_DUR_REPS);
		assert_int_equal(field(m, 2), st->p->reps_max);
		assert_int_equal(field(m, 10), st->p->ex->fit_category);
		assert_int_equal(field(m, 11),
				 st->p->ex->fit_name < 0 ? 0xFFFF : st->p->ex->fit_name);
		assert_int_equal(field(m, 12), 0xFFFF); /* no weight */
	}
	/* Step 1: the toe tap, left leg, which FIT names by an exercise_title only. */
	assert_string_equal(field_str(&steps[1], 0), "Single-leg toe tap (left)");
	assert_non_null(strstr(field_str(&steps[1], 8), "12-15 reps"));
	assert_int_equal(field(&steps[1], 10), 11);
	assert_string_equal(field_str(&steps[0], 0), "Get ready");
	assert_int_equal(ntitles, 2);
	m = &w->msgs[2 + nsteps];
	assert_int_equal(m->global, 264);
	assert_int_equal(field(m, 0), 11);
	assert_int_equal(field(m, 1), 0xFFFF);
	assert_string_equal(field_str(m, 2), "Single-leg toe tap");
	assert_string_equal(field_str(m + 1, 2), "Single-leg step-down");
	free(w);
	strbuf_release(&sb);
	script_release(&s);
	plan_session_release(&ps);
}

static void test_fitworkout_weights_and_stretch(void **state)
{
	struct plan_session ps;
	struct script s;
	struct strbuf sb = STRBUF_INIT;
	struct walk *w = calloc(1, sizeof(*w));
	int loaded = 0;

	(void)state;
	session(&ps, KIND_STRENGTH, LEVEL_HEAVY, EQ_MAT | EQ_STEP | EQ_CHAIR | EQ_DUMBBELLS);
	script_build(&s, &ps, &prog);
	write_workout(&sb, &s);
	walk_file((const unsigned char *)sb.buf, sb.len, w);
	for (size_t i = 0; i < s.nsteps; i++) {
		const struct script_step *st = &s.steps[i];

		if (st->work && st->p->load == PLOAD_DUMBBELL && st->p->load_kg > 0) {
			assert_int_equal(field(&w->msgs[2 + i], 12),
					 (uint32_t)(st->p->load_kg * 100));
			assert_int_equal(field(&w->msgs[2 + i], 13), FITW_UNIT_KILOGRAM);
			loaded++;
		}
	}
	assert_true(loaded > 0);
	script_release(&s);
	plan_session_release(&ps);
	strbuf_reset(&sb);

	session(&ps, KIND_STRETCH, LEVEL_BEGINNER, EQ_MAT);
	script_build(&s, &ps, &prog);
	write_workout(&sb, &s);
	walk_file((const unsigned char *)sb.buf, sb.len, w);
	assert_int_equal(field(&w->msgs[1], 11), FITW_SUB_FLEXIBILITY);
	for (size_t i = 0; i < s.nsteps; i++) {
		const struct script_step *st = &s.steps[i];

		assert_int_equal(field(&w->msgs[2 + i], 1), FITW_DUR_TIME);
		assert_int_equal(field(&w->msgs[2 + i], 2), st->duration_s * 1000);
		if (st->work)
			assert_int_equal(field(&w->msgs[2 + i], 10), 31); /* warm_up */
	}
	free(w);
	strbuf_release(&sb);
	script_release(&s);
	plan_session_release(&ps);
}

/* Names longer than a FIT string field are cut whole characters at a time. */
static void test_fitworkout_long_names(void **state)
{
	struct script s = {0};
	struct script_step st = {0};
	struct strbuf title = STRBUF_INIT, sb = STRBUF_INIT;
	struct walk *w = calloc(1, sizeof(*w));
	struct fitworkout_options o = {.name = "x", .created = 0};
	const char *name;

	(void)state;
	for (int i = 0; i < 200; i++)
		strbuf_addstr(&title, "é");
	st.type = STEP_REST;
	st.duration_s = 30;
	st.title = title.buf;
	st.detail = (char *)"next";
	s.steps = &st;
	s.nsteps = 1;
	s.kind = KIND_STRETCH;
	assert_int_equal(fitworkout_write(&sb, &s, &o), 0);
	walk_file((const unsigned char *)sb.buf, sb.len, w);
	name = field_str(&w->msgs[2], 0);
	assert_int_equal(strlen(name), 254);
	assert_int_equal(fit_crc16(0, sb.buf, sb.len), 0);

	s.nsteps = 0;
	strbuf_reset(&sb);
	assert_int_equal(fitworkout_write(&sb, &s, &o), -1);
	assert_int_equal(sb.len, 0);
	free(w);
	strbuf_release(&sb);
	strbuf_release(&title);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_fitworkout_header_and_crc),
	    cmocka_unit_test(test_fitworkout_steps),
	    cmocka_unit_test(test_fitworkout_weights_and_stretch),
	    cmocka_unit_test(test_fitworkout_long_names),
	};
	int ret;

	program_load_default(&prog);
	ret = cmocka_run_group_tests(tests, NULL, NULL);
	program_release(&prog);
	return ret;
}
