/* Tests of the typed store calls on either engine: a SQLite file, or with $HIPCOACH_TEST_PG
 * (make pg-tests) a patient on PostgreSQL, where one patient's calls must never see or change
 * another's rows and hipcoach must not log in as a role that row-level security does not bind. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/safety.h"
#include "lib/datetime.h"
#include "store-db.h"
#include "store/care.h"
#include "store/history.h"
#include "store/pain.h"
#include "store/profile.h"
#include "store/psfs.h"
#include "store/screening.h"
#include "store/session.h"
/* The store's own statement helpers: these tests look at the rows below the typed calls. */
#include "store/sql.h"

#define DB  "build/testdata/test-store-calls.db"
#define NOW "2026-03-11T18:00:00Z"

struct fixture {
	struct store st;
	int64_t clinic, patient;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	if (test_store_open(&f->st, DB, &f->clinic, &f->patient)) {
		free(f);
		return -1;
	}
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	store_close(&f->st);
	free(f);
	return 0;
}

static day_t day(const char *s)
{
	day_t d;

	assert_int_equal(day_parse(s, &d), 0);
	return d;
}

static struct result_rec result(int step, const char *exercise, int reps, int pain)
{
	struct result_rec r;

	result_rec_init(&r);
	r.step = step;
	snprintf(r.exercise, sizeof(r.exercise), "%s", exercise);
	r.set_no = 1;
	r.side = SIDE_LEFT;
	r.status = STATUS_DONE;
	r.reps = reps;
	r.pain = pain;
	r.load_kg = 7.5;
	return r;
}

static void test_pain(void **state)
{
	struct store *st = &((struct fixture *)*state)->st;
	struct pain_entry *e;
	struct pain_score *sc;
	struct pain_week w[2];
	int64_t id[3], mark[2], again[2];
	size_t n;
	day_t first;

	store_pain_mark(st, mark);
	assert_int_equal(store_pain_add(st, day("2026-03-02"), 4, PAIN_DURING, 0, 0, &id[0]), 0);
	assert_int_equal(store_pain_add(st, day("2026-03-03"), 2, PAIN_NOW, -1, 0, &id[1]), 0);
	assert_int_equal(store_pain_add(st, day("2026-03-10"), 6, PAIN_AFTER, 2, 0, &id[2]), 0);
	assert_true(id[0] > 0 && id[1] > id[0] && id[2] > id[1]);
	store_pain_mark(st, again);
	assert_true(again[1] == mark[1] + 3);

	assert_int_equal(store_pain_between(st, day("2026-03-01"), day("2026-03-09"), &e, &n), 0);
	assert_int_equal(n, 2);
	assert_true(e[0].id == id[0]);
	assert_int_equal(e[0].score, 4);
	assert_int_equal(e[0].context, PAIN_DURING);
	assert_int_equal(e[0].location, 0);
	assert_int_equal(e[1].location, -1);
	assert_true(e[1].session_id == 0);
	free(e);

	assert_int_equal(store_pain_previous(st, id[2]), 2);
	assert_int_equal(store_pain_previous(st, id[0]), -1);
	assert_int_equal(store_pain_first_day(st, &first), 1);
	assert_int_equal(first, day("2026-03-02"));
	assert_int_equal(store_pain_location_count(st, 2, day("2026-03-01"), day("2026-03-31")), 1);
	assert_int_equal(store_pain_morning_exists(st, day("2026-03-11")), 0);
	assert_int_equal(store_pain_morning(st, day("2026-03-11"), 3), 0);
	assert_int_equal(store_pain_morning_exists(st, day("2026-03-11")), 1);
	assert_int_equal(store_morning_pain(st, day("2026-03-11")), 3);
	assert_int_equal(store_morning_pain(st, day("2026-03-10")), -1);
	assert_int_equal(store_morning_pain_latest(st, day("2026-03-01"), day("2026-03-31")), 3);

	assert_int_equal(store_pain_scores(st, day("2026-03-02"), day("2026-03-15"), &sc, &n), 0);
	assert_int_equal(n, 4);
	assert_int_equal(sc[3].context, PAIN_MORNING);
	free(sc);
	assert_int_equal(store_pain_weeks(st, day("2026-03-02"), w, 2), 0);
	assert_int_equal(w[0].count, 2);
	assert_int_equal(w[0].max, 4);
	assert_int_equal(w[1].count, 2);
	assert_true(w[1].mean > 4.49 && w[1].mean < 4.51);
}

static void test_sessions_and_results(void **state)
{
	struct store *st = &((struct fixture *)*state)->st;
	struct result_rec r[2] = {result(0, "clamshell", 10, 2), result(1, "bridge", 12, -1)};
	struct result_rec *got;
	struct session_rec s, *all;
	struct pain_score *sc;
	int64_t id, logged;
	size_t n;

	assert_int_equal(
	    store_session_start(st, day("2026-03-10"), KIND_STRENGTH, "player", 3, &id), 0);
	assert_int_equal(store_session_unfinished(st, day("2026-03-10"), KIND_STRENGTH, &s), 1);
	assert_true(s.id == id);
	assert_int_equal(s.pain_before, 3);
	assert_int_equal(store_result_add_id(st, id, &r[0], 1, "phone-1"), 0);
	assert_int_equal(store_result_client_id_exists(st, "phone-1"), 1);
	/* The same step again replaces its row; a step id of another step is refused. */
	r[0].reps = 11;
	assert_int_equal(store_result_add_id(st, id, &r[0], 1, "phone-1"), 0);
	assert_int_equal(store_result_add_id(st, id, &r[1], 2, "phone-1"), -1);
	assert_non_null(strstr(error_last(), "already recorded for another step"));
	assert_int_equal(store_result_add(st, id, &r[1], 2), 0);
	assert_int_equal(store_results_list(st, id, &got, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(got[0].reps, 11);
	assert_true(got[0].load_kg > 7.49 && got[0].load_kg < 7.51);
	assert_int_equal(got[0].side, SIDE_LEFT);
	assert_int_equal(got[1].pain, -1);
	got[1].pain = 5;
	assert_int_equal(store_results_update(st, id, got, n), 0);
	free(got);
	assert_int_equal(store_session_finish(st, id, 4, 0), 0);
	assert_int_equal(store_session_get(st, id, &s), 1);
	assert_int_equal(s.completed, 1);
	assert_int_equal(s.position, 2);
	assert_int_equal(s.pain_after, 4);
	assert_int_equal(store_session_pain(st, id, -1, 2), 0);
	assert_int_equal(store_session_get(st, id, &s), 1);
	assert_int_equal(s.pain_before, 3);
	assert_int_equal(s.pain_after, 2);

	assert_int_equal(
	    store_session_log(st, day("2026-03-11"), KIND_STRETCH, -1, -1, r, 2, &logged), 0);
	assert_int_equal(store_sessions_between(st, day("2026-03-01"), day("2026-03-31"), &all, &n),
			 0);
	assert_int_equal(n, 2);
	assert_string_equal(all[1].origin, "log");
	assert_int_equal(all[1].kind, KIND_STRETCH);
	free(all);
	/* Before, after, and the most it hurt during the session. */
	assert_int_equal(store_pain_scores(st, day("2026-03-10"), day("2026-03-10"), &sc, &n), 0);
	assert_int_equal(n, 3);
	assert_int_equal(sc[2].context, PAIN_DURING);
	assert_int_equal(sc[2].score, 5);
	free(sc);
}

static void test_history(void **state)
{
	struct store *st = &((struct fixture *)*state)->st;
	struct result_rec r[2] = {result(0, "clamshell", 10, 6), result(1, "bridge", 12, 1)};
	struct stretch_hurt *h;
	struct session_ref refs[4];
	char exercise[64];
	int64_t id;
	int count, max;
	size_t n, total;

	r[1].status = STATUS_HURT;
	assert_int_equal(store_session_log(st, day("2026-03-09"), KIND_STRENGTH, 2, 3, r, 2, &id),
			 0);
	assert_int_equal(store_session_log(st, day("2026-03-10"), KIND_STRETCH, -1, -1, r, 2, &id),
			 0);
	assert_int_equal(store_hurt_most(st, day("2026-03-01"), exercise, sizeof(exercise), &count),
			 1);
	assert_string_equal(exercise, "bridge");
	assert_int_equal(count, 2);
	assert_int_equal(store_pain_over(st, day("2026-03-01"), 5, &count, &max), 0);
	assert_int_equal(count, 1);
	assert_int_equal(max, 6);
	assert_int_equal(store_stretches_hurt(st, day("2026-03-01"), 5, &h, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(h[0].exercise, "clamshell");
	free(h);
	assert_int_equal(
	    store_sessions_for_exercise(st, "bridge", "2026-03-01T00:00:00Z", refs, 1, &n, &total),
	    0);
	assert_int_equal(n, 1);
	assert_int_equal(total, 2);
	assert_int_equal(refs[0].date, day("2026-03-10"));
}

static void test_profile_and_progress(void **state)
{
	struct store *st = &((struct fixture *)*state)->st;
	struct progress_state ps = {.exercise = "bridge", .sets = 3, .load_kg = -1}, *got;
	struct progress_change_rec *ch;
	struct profile p, q;
	size_t n;

	assert_int_equal(store_profile_load(st, &q), 0);
	profile_release(&q);
	profile_init(&p);
	p.name = "Ana";
	p.level = LEVEL_MODERATE;
	p.equipment = EQ_MAT | EQ_BAND;
	p.weights_kg[0] = 4;
	p.weights_kg[1] = 8.5;
	p.nweights = 2;
	p.run_days = 0x15;
	p.long_run_day = 6;
	p.start_date = day("2026-03-02");
	assert_int_equal(store_profile_save(st, &p), 0);
	p.miles = 1;
	assert_int_equal(store_profile_save(st, &p), 0);
	assert_int_equal(store_profile_load(st, &q), 1);
	assert_string_equal(q.name, "Ana");
	assert_int_equal(q.level, LEVEL_MODERATE);
	assert_int_equal(q.equipment, EQ_MAT | EQ_BAND);
	assert_int_equal(q.nweights, 2);
	assert_true(q.weights_kg[1] > 8.49 && q.weights_kg[1] < 8.51);
	assert_int_equal(q.run_days, 0x15);
	assert_int_equal(q.long_run_day, 6);
	assert_int_equal(q.miles, 1);
	assert_int_equal(q.start_date, day("2026-03-02"));
	profile_release(&q);

	assert_int_equal(store_progress_set(st, &ps, "progress", "two good weeks"), 0);
	ps.sets = 4;
	snprintf(ps.variant, sizeof(ps.variant), "single-leg");
	assert_int_equal(store_progress_set(st, &ps, "progress", "easy at 3 sets"), 0);
	assert_int_equal(store_progress_load(st, &got, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(got[0].sets, 4);
	assert_string_equal(got[0].variant, "single-leg");
	assert_string_equal(got[0].reason, "easy at 3 sets");
	assert_true(got[0].load_kg < 0);
	free(got);
	assert_int_equal(store_progress_changes_since(st, 0, &ch, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(ch[1].reason, "easy at 3 sets");
	free(ch);
}

static void test_screening_psfs_care(void **state)
{
	struct store *st = &((struct fixture *)*state)->st;
	size_t nq, n;
	const struct screen_question *q = safety_questions(&nq);
	const char *ids[2] = {NULL, NULL};
	int answers[2] = {1, 1}, round;
	struct screening_rows rows;
	struct psfs_item *items;
	struct care_rec care;
	int64_t item;

	for (size_t i = 0; i < nq; i++) {
		if ((q[i].flags & SCREEN_HISTORY) && !ids[0])
			ids[0] = q[i].id;
		else if (!(q[i].flags & SCREEN_HISTORY) && !ids[1])
			ids[1] = q[i].id;
	}
	assert_non_null(ids[0]);
	assert_non_null(ids[1]);
	/* A history question answered yes a week before, as a row of its own. */
	assert_int_equal(store_exec(st,
				    "INSERT INTO screening (round, answered_at, question, answer) "
				    "VALUES (1, '2026-03-04T08:00:00Z', ?, 1)",
				    "t", ids[0]),
			 0);
	assert_int_equal(store_screening_add(st, ids, answers, 2, &round), 0);
	assert_int_equal(round, 2);
	assert_int_equal(store_screening_rows(st, &rows), 0);
	assert_int_equal(rows.rounds, 2);
	assert_int_equal(rows.nyes, 2);
	assert_string_equal(rows.yes[0].id, ids[0]);
	assert_int_equal(rows.yes[1].latest, 1);
	assert_int_equal(rows.history_seen, 0);
	screening_rows_release(&rows);
	/* The clock is pinned: the round of this very second counts again after the clearance. */
	assert_int_equal(store_clearance_add(st, "seen by the physio"), 0);
	assert_int_equal(store_screening_rows(st, &rows), 0);
	assert_int_equal(rows.nyes, 2);
	assert_int_equal(rows.history_seen, 1);
	assert_true(rows.last_cleared == rows.last_round);
	screening_rows_release(&rows);

	assert_int_equal(store_psfs_item_add(st, "stairs", &item), 0);
	assert_true(store_psfs_item_find(st, "stairs") == item);
	assert_true(store_psfs_item_find(st, "running") == 0);
	assert_int_equal(store_psfs_item_exists(st, item), 1);
	assert_int_equal(store_psfs_item_add(st, "stairs", NULL), -1);
	assert_int_equal(store_psfs_score_add(st, item, day("2026-03-01"), 4), 0);
	assert_int_equal(store_psfs_score_add(st, item, day("2026-03-08"), 7), 0);
	assert_int_equal(store_psfs_items(st, &items, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(items[0].first, 4);
	assert_int_equal(items[0].latest, 7);
	assert_int_equal(items[0].latest_date, day("2026-03-08"));
	psfs_items_free(items, n);

	assert_int_equal(store_care_latest(st, &care), 0);
	assert_int_equal(store_care_add(st, day("2026-03-05"), "Dr Lee"), 0);
	assert_int_equal(store_care_latest(st, &care), 1);
	assert_string_equal(care.note, "Dr Lee");
}

static void test_transactions(void **state)
{
	struct store *st = &((struct fixture *)*state)->st;
	struct pain_entry *e;
	size_t n;

	assert_int_equal(store_begin(st), 0);
	assert_int_equal(store_begin(st), 0);
	assert_int_equal(store_pain_add(st, day("2026-03-02"), 4, PAIN_NOW, -1, 0, NULL), 0);
	assert_int_equal(store_commit(st), 0);
	assert_int_equal(st->depth, 1);
	store_rollback(st);
	assert_int_equal(st->depth, 0);
	assert_int_equal(store_pain_between(st, day("2026-03-01"), day("2026-03-31"), &e, &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(store_begin(st), 0);
	assert_int_equal(store_pain_add(st, day("2026-03-02"), 5, PAIN_NOW, -1, 0, NULL), 0);
	assert_int_equal(store_commit(st), 0);
	assert_int_equal(store_pain_between(st, day("2026-03-01"), day("2026-03-31"), &e, &n), 0);
	assert_int_equal(n, 1);
	free(e);
}

/* PostgreSQL: a second connection, scoped to a new patient of the same clinic. */
static void open_other(struct fixture *f, struct store *other, int64_t *patient)
{
	assert_int_equal(store_open(other, test_pg(), STORE_CREATE), 0);
	assert_int_equal(store_patient_add(other, f->clinic, "B", patient), 0);
	assert_int_equal(store_scope(other, f->clinic, *patient), 0);
}

static void test_patients_isolated(void **state)
{
	struct fixture *f = *state;
	struct store *a = &f->st, b;
	struct result_rec r = result(0, "clamshell", 10, 2);
	struct session_rec *s;
	struct pain_entry *e;
	struct profile p;
	int64_t pb, sa, pain_a;
	size_t n;

	if (!test_pg())
		skip();
	open_other(f, &b, &pb);
	assert_int_equal(store_pain_add(a, day("2026-03-02"), 7, PAIN_NOW, -1, 0, &pain_a), 0);
	assert_int_equal(store_session_log(a, day("2026-03-02"), KIND_STRENGTH, 2, 3, &r, 1, &sa),
			 0);
	assert_int_equal(store_psfs_item_add(a, "stairs", NULL), 0);
	profile_init(&p);
	p.start_date = day("2026-03-02");
	assert_int_equal(store_profile_save(a, &p), 0);

	/* B's typed calls see nothing of A's record ... */
	assert_int_equal(store_pain_between(&b, 0, day("2099-01-01"), &e, &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(store_sessions_between(&b, 0, day("2099-01-01"), &s, &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(store_pain_previous(&b, pain_a), -1);
	assert_int_equal(store_session_get(&b, sa, &(struct session_rec){0}), 0);
	assert_true(store_psfs_item_find(&b, "stairs") == 0);
	assert_int_equal(store_profile_load(&b, &p), 0);
	profile_release(&p);
	/* ... keep their own keys (one profile each, a PSFS activity of the same name) ... */
	p.start_date = day("2026-03-03");
	assert_int_equal(store_profile_save(&b, &p), 0);
	assert_int_equal(store_psfs_item_add(&b, "stairs", NULL), 0);
	/* ... and no statement of B reads, changes or deletes A's rows, or writes into them. */
	assert_int_equal(store_int(&b, -1, "SELECT count(*) FROM pain", ""), 0);
	assert_int_equal(store_exec(&b, "UPDATE pain SET score = 0", ""), 0);
	assert_int_equal(store_exec(&b, "DELETE FROM sessions", ""), 0);
	assert_int_equal(store_exec(&b, "DELETE FROM results", ""), 0);
	assert_int_equal(store_int(&b, -1, "SELECT count(*) FROM results", ""), 0);
	assert_int_equal(store_exec(&b,
				    "INSERT INTO pain (patient_id, date, at, score, context) "
				    "VALUES (?, '2026-03-02', '2026-03-02T08:00:00Z', 1, 'now')",
				    "l", f->patient),
			 -1);
	assert_int_equal(store_result_add(&b, sa, &r, 1), -1);
	assert_int_equal(store_pain_add(&b, day("2026-03-02"), 1, PAIN_NOW, -1, sa, NULL), -1);

	assert_int_equal(store_pain_between(a, 0, day("2099-01-01"), &e, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(e[0].score, 7);
	free(e);
	assert_int_equal(store_int(a, -1, "SELECT count(*) FROM results", ""), 1);
	assert_int_equal(store_profile_load(a, &p), 1);
	assert_int_equal(p.start_date, day("2026-03-02"));
	profile_release(&p);
	store_close(&b);
}

static void test_scope_required(void **state)
{
	struct fixture *f = *state;
	struct store other;
	struct pain_entry *e;
	size_t n;

	if (!test_pg())
		skip();
	/* Every table of a patient's record is scoped, the tables' owner included. */
	assert_int_equal(
	    store_int(&f->st, -1,
		      "SELECT count(*) FROM pg_class c JOIN pg_attribute a ON "
		      "a.attrelid = c.oid AND a.attname = 'patient_id' WHERE c.relkind "
		      "= 'r' AND c.relnamespace = current_schema()::regnamespace AND NOT "
		      "(c.relrowsecurity AND c.relforcerowsecurity)",
		      ""),
	    0);
	assert_int_equal(
	    store_int(&f->st, -1,
		      "SELECT count(*) FROM pg_class c JOIN pg_attribute a ON "
		      "a.attrelid = c.oid AND a.attname = 'patient_id' WHERE c.relkind "
		      "= 'r' AND c.relnamespace = current_schema()::regnamespace",
		      ""),
	    18); /* the file's 17 tables that hold a record, and sync_ids */
	/* Unscoped, a connection reads and writes no patient's rows. */
	assert_int_equal(store_open(&other, test_pg(), STORE_CREATE), 0);
	assert_int_equal(store_pain_between(&other, 0, day("2099-01-01"), &e, &n), -1);
	assert_int_equal(store_pain_add(&other, day("2026-03-02"), 1, PAIN_NOW, -1, 0, NULL), -1);
	/* A patient of another clinic is no patient of this one. */
	assert_int_equal(store_scope(&other, f->clinic + 1000, f->patient), -1);
	assert_non_null(strstr(error_last(), "has no patient"));
	assert_int_equal(store_pain_between(&other, 0, day("2099-01-01"), &e, &n), -1);
	store_close(&other);
}

static void test_superuser_refused(void **state)
{
	const char *admin = getenv("HIPCOACH_TEST_PG_ADMIN");
	struct store st;

	(void)state;
	if (!admin || !*admin)
		skip();
	assert_int_equal(store_open(&st, admin, STORE_CREATE), -1);
	assert_non_null(strstr(error_last(), "a role that row-level security does not bind"));
}

static void test_sqlite_has_no_clinic(void **state)
{
	struct fixture *f = *state;
	int64_t id;

	if (test_pg())
		skip();
	assert_int_equal(store_scope(&f->st, 1, 1), -1);
	assert_int_equal(store_clinic_add(&f->st, "A", &id), -1);
	assert_non_null(strstr(error_last(), "no clinic"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_pain, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_sessions_and_results, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_history, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_profile_and_progress, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_screening_psfs_care, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_transactions, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_patients_isolated, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_scope_required, setup, teardown),
	    cmocka_unit_test(test_superuser_refused),
	    cmocka_unit_test_setup_teardown(test_sqlite_has_no_clinic, setup, teardown),
	};

	setenv("HIPCOACH_NOW", NOW, 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
