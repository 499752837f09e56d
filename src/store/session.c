/* The sessions table: starting, finishing, finding and listing strength and stretch sessions. */
#include "session.h"
#include "sql.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/error.h"

const char *const session_kind_names[2] = {"strength", "stretch"};

const char *session_status_name(const struct session_rec *s)
{
	return s->completed ? "completed" : s->skipped ? "skipped" : "unfinished";
}

int store_session_start(struct store *st, day_t date, enum exercise_kind kind, const char *origin,
			int pain_before, int64_t *id)
{
	char d[11], now[21];

	if (store_exec(st,
		       "INSERT INTO sessions (date, kind, status, origin, started_at, pain_before) "
		       "VALUES (?, ?, 'unfinished', ?, ?, ?)",
		       "ttttj", day_format(date, d), session_kind_names[kind], origin,
		       time_format_iso(clock_now(), now), pain_before))
		return -1;
	*id = store_last_id(st);
	return 0;
}

int store_session_finish(struct store *st, int64_t id, int pain_after, int skipped)
{
	char now[21];

	return store_exec(st,
			  "UPDATE sessions SET status = ?, finished_at = ?, "
			  "pain_after = coalesce(?, pain_after) WHERE id = ?",
			  "ttjl", skipped ? "skipped" : "completed",
			  time_format_iso(clock_now(), now), pain_after, id);
}

#define SESSION_COLS                                                                               \
	"id, date, kind, status, origin, started_at, finished_at, position, pain_before, "         \
	"pain_after"

static void read_row(struct store_stmt *stmt, void *row)
{
	struct session_rec *r = row;
	const char *s;

	memset(r, 0, sizeof(*r));
	r->id = store_col_int64(stmt, 0, 0);
	if (day_parse(store_col_text(stmt, 1), &r->date))
		r->date = 0;
	r->kind = strcmp(store_col_text(stmt, 2), "stretch") ? KIND_STRENGTH : KIND_STRETCH;
	r->completed = !strcmp(store_col_text(stmt, 3), "completed");
	r->skipped = !strcmp(store_col_text(stmt, 3), "skipped");
	snprintf(r->origin, sizeof(r->origin), "%s", store_col_text(stmt, 4));
	s = store_col_text(stmt, 5);
	if (time_parse_iso(s, strlen(s), &r->started))
		r->started = 0;
	s = store_col_text(stmt, 6);
	if (!*s || time_parse_iso(s, strlen(s), &r->finished))
		r->finished = 0;
	r->position = store_col_int(stmt, 7, 0);
	r->pain_before = store_col_int(stmt, 8, -1);
	r->pain_after = store_col_int(stmt, 9, -1);
}

/* The first row of `stmt` (NULL: not prepared) into *out: 1, 0 when none, or -1. */
static int read_one(struct store *st, struct store_stmt *stmt, struct session_rec *out)
{
	int rc;

	if (!stmt)
		return -1;
	rc = store_step(st, stmt);
	if (rc > 0)
		read_row(stmt, out);
	store_finalize(stmt);
	return rc;
}

int store_session_get(struct store *st, int64_t id, struct session_rec *out)
{
	return read_one(
	    st, store_prepare(st, "SELECT " SESSION_COLS " FROM sessions WHERE id = ?", "l", id),
	    out);
}

int store_session_unfinished(struct store *st, day_t date, enum exercise_kind kind,
			     struct session_rec *out)
{
	char d[11];
	struct store_stmt *stmt =
	    store_prepare(st,
			  "SELECT " SESSION_COLS " FROM sessions WHERE date = ? AND "
			  "kind = ? AND status = 'unfinished' ORDER BY id DESC "
			  "LIMIT 1",
			  "tt", day_format(date, d), session_kind_names[kind]);

	return read_one(st, stmt, out);
}

int store_sessions_between(struct store *st, day_t from, day_t to, struct session_rec **out,
			   size_t *n)
{
	char a[11], b[11];
	struct store_stmt *stmt =
	    store_prepare(st,
			  "SELECT " SESSION_COLS " FROM sessions WHERE date >= ? "
			  "AND date <= ? ORDER BY date, id",
			  "tt", day_format(from, a), day_format(to, b));
	void *rows;
	int rc = store_rows(st, stmt, sizeof(**out), read_row, &rows, n);

	*out = rows;
	return rc;
}

void result_rec_init(struct result_rec *r)
{
	memset(r, 0, sizeof(*r));
	r->reps = r->seconds = r->load = r->rpe = r->reserve3 = r->pain = r->gentle = -1;
	r->load_kg = -1;
}

static int insert_result(struct store *st, int64_t session_id, const struct result_rec *r,
			 const char *client_id)
{
	char at[21];

	/* A step recorded again (a phone that sent it twice, a set redone) replaces its row. */
	return store_exec(
	    st,
	    "INSERT INTO results (session_id, step, exercise, variant, "
	    "set_no, side, status, reps, seconds, load, load_kg, rpe, reserve3, pain, "
	    "gentle, at, client_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
	    "ON CONFLICT (session_id, step) DO UPDATE SET exercise = excluded.exercise, "
	    "variant = excluded.variant, set_no = excluded.set_no, side = excluded.side, "
	    "status = excluded.status, reps = excluded.reps, seconds = excluded.seconds, "
	    "load = excluded.load, load_kg = excluded.load_kg, rpe = excluded.rpe, "
	    "reserve3 = excluded.reserve3, pain = excluded.pain, gentle = excluded.gentle, "
	    "at = excluded.at, client_id = excluded.client_id",
	    "littjttjjtejjjjtt", session_id, r->step, r->exercise,
	    r->variant[0] ? r->variant : NULL, r->set_no > 0 ? r->set_no : -1, side_names[r->side],
	    step_status_names[r->status], r->reps, r->seconds,
	    r->load >= 0 && r->load < 3 ? load_type_names[r->load] : NULL, r->load_kg, r->rpe,
	    r->reserve3, r->pain, r->gentle, time_format_iso(r->at ? r->at : clock_now(), at),
	    client_id && *client_id ? client_id : NULL);
}

int store_result_add(struct store *st, int64_t session_id, const struct result_rec *r, int position)
{
	return store_result_add_id(st, session_id, r, position, NULL);
}

int store_result_add_id(struct store *st, int64_t session_id, const struct result_rec *r,
			int position, const char *client_id)
{
	if (store_begin(st))
		return -1;
	/* The insert below replaces the step's row; it must never take another step's id. */
	if (client_id && *client_id &&
	    store_int(st, 0,
		      "SELECT count(*) FROM results WHERE client_id = ? AND NOT "
		      "(session_id = ? AND step = ?)",
		      "tli", client_id, session_id, r->step) != 0) {
		store_rollback(st);
		return error_set("step id '%s' is already recorded for another step", client_id);
	}
	if (insert_result(st, session_id, r, client_id) ||
	    store_exec(st, "UPDATE sessions SET position = ? WHERE id = ?", "il", position,
		       session_id)) {
		store_rollback(st);
		return -1;
	}
	return store_commit(st);
}

int store_result_client_id_exists(struct store *st, const char *client_id)
{
	return (int)store_int(st, -1, "SELECT count(*) FROM results WHERE client_id = ?", "t",
			      client_id);
}

int store_results_update(struct store *st, int64_t session_id, const struct result_rec *r, size_t n)
{
	if (store_begin(st))
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (store_exec(
			st,
			"UPDATE results SET reps = ?, load = ?, load_kg = ?, rpe = ?, "
			"reserve3 = ?, pain = ?, gentle = ? WHERE session_id = ? AND step = ?",
			"jtejjjjli", r[i].reps,
			r[i].load >= 0 && r[i].load < 3 ? load_type_names[r[i].load] : NULL,
			r[i].load_kg, r[i].rpe, r[i].reserve3, r[i].pain, r[i].gentle, session_id,
			r[i].step)) {
			store_rollback(st);
			return -1;
		}
	}
	return store_commit(st);
}

static int load_index(const char *name)
{
	for (int i = 0; i < 3; i++)
		if (!strcmp(name, load_type_names[i]))
			return i;
	return -1;
}

static void read_result(struct store_stmt *stmt, void *row)
{
	struct result_rec *r = row;
	const char *s;

	result_rec_init(r);
	r->step = store_col_int(stmt, 0, 0);
	snprintf(r->exercise, sizeof(r->exercise), "%s", store_col_text(stmt, 1));
	snprintf(r->variant, sizeof(r->variant), "%s", store_col_text(stmt, 2));
	r->set_no = store_col_int(stmt, 3, 0);
	s = store_col_text(stmt, 4);
	r->side = !strcmp(s, "left") ? SIDE_LEFT : !strcmp(s, "right") ? SIDE_RIGHT : SIDE_NONE;
	s = store_col_text(stmt, 5);
	r->status = !strcmp(s, "skipped") ? STATUS_SKIPPED
		    : !strcmp(s, "hurt")  ? STATUS_HURT
					  : STATUS_DONE;
	r->reps = store_col_int(stmt, 6, -1);
	r->seconds = store_col_int(stmt, 7, -1);
	r->load = load_index(store_col_text(stmt, 8));
	r->load_kg = store_col_double(stmt, 9, -1);
	r->rpe = store_col_int(stmt, 10, -1);
	r->reserve3 = store_col_int(stmt, 11, -1);
	r->pain = store_col_int(stmt, 12, -1);
	r->gentle = store_col_int(stmt, 13, -1);
	s = store_col_text(stmt, 14);
	if (time_parse_iso(s, strlen(s), &r->at))
		r->at = 0;
}

int store_results_list(struct store *st, int64_t session_id, struct result_rec **out, size_t *n)
{
	struct store_stmt *stmt =
	    store_prepare(st,
			  "SELECT step, exercise, variant, set_no, side, status, "
			  "reps, seconds, load, load_kg, rpe, reserve3, pain, gentle, "
			  "at FROM results WHERE session_id = ? ORDER BY step",
			  "l", session_id);
	void *rows;
	int rc = store_rows(st, stmt, sizeof(**out), read_result, &rows, n);

	*out = rows;
	return rc;
}

int store_session_pain(struct store *st, int64_t id, int pain_before, int pain_after)
{
	return store_exec(st,
			  "UPDATE sessions SET pain_before = coalesce(?, pain_before), "
			  "pain_after = coalesce(?, pain_after) WHERE id = ?",
			  "jjl", pain_before, pain_after, id);
}

int store_session_log(struct store *st, day_t date, enum exercise_kind kind, int pain_before,
		      int pain_after, const struct result_rec *r, size_t n, int64_t *id)
{
	if (store_begin(st))
		return -1;
	if (store_session_start(st, date, kind, "log", pain_before, id))
		goto fail;
	for (size_t i = 0; i < n; i++)
		if (insert_result(st, *id, &r[i], NULL))
			goto fail;
	if (store_exec(st, "UPDATE sessions SET position = ? WHERE id = ?", "il", (int)n, *id) ||
	    store_session_finish(st, *id, pain_after, 0))
		goto fail;
	return store_commit(st);
fail:
	store_rollback(st);
	return -1;
}

int store_pain_morning(struct store *st, day_t date, int score)
{
	char d[11], now[21];

	return store_exec(st,
			  "INSERT INTO pain (date, at, score, context) VALUES (?, ?, ?, 'morning')",
			  "tti", day_format(date, d), time_format_iso(clock_now(), now), score);
}

int store_pain_morning_exists(struct store *st, day_t date)
{
	char d[11];

	return (int)store_int(
	    st, -1, "SELECT count(*) > 0 FROM pain WHERE date = ? AND context = 'morning'", "t",
	    day_format(date, d));
}
