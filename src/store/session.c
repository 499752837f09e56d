/* The sessions table: starting, finishing, finding and listing strength and stretch sessions. */
#include "session.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/error.h"
#include "lib/xalloc.h"

const char *const session_kind_names[2] = { "strength", "stretch" };

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

int store_session_finish(struct store *st, int64_t id, int pain_after)
{
	char now[21];

	return store_exec(st,
			  "UPDATE sessions SET status = 'completed', finished_at = ?, "
			  "pain_after = coalesce(?, pain_after) WHERE id = ?",
			  "tjl", time_format_iso(clock_now(), now), pain_after, id);
}

#define SESSION_COLS                                                                       \
	"id, date, kind, status, origin, started_at, finished_at, position, pain_before, " \
	"pain_after"

static void read_row(sqlite3_stmt *stmt, struct session_rec *r)
{
	const char *s;

	memset(r, 0, sizeof(*r));
	r->id = sqlite3_column_int64(stmt, 0);
	if (day_parse(store_col_text(stmt, 1), &r->date))
		r->date = 0;
	r->kind = strcmp(store_col_text(stmt, 2), "stretch") ? KIND_STRENGTH : KIND_STRETCH;
	r->completed = !strcmp(store_col_text(stmt, 3), "completed");
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

int store_session_get(struct store *st, int64_t id, struct session_rec *out)
{
	sqlite3_stmt *stmt =
		store_prepare(st, "SELECT " SESSION_COLS " FROM sessions WHERE id = ?", "l", id);
	int rc;

	if (!stmt)
		return -1;
	rc = store_step(st, stmt);
	if (rc > 0)
		read_row(stmt, out);
	sqlite3_finalize(stmt);
	return rc;
}

int store_session_unfinished(struct store *st, day_t date, enum exercise_kind kind,
			     struct session_rec *out)
{
	char d[11];
	sqlite3_stmt *stmt = store_prepare(st,
					   "SELECT " SESSION_COLS " FROM sessions WHERE date = ? AND "
					   "kind = ? AND status = 'unfinished' ORDER BY id DESC "
					   "LIMIT 1",
					   "tt", day_format(date, d), session_kind_names[kind]);
	int rc;

	if (!stmt)
		return -1;
	rc = store_step(st, stmt);
	if (rc > 0)
		read_row(stmt, out);
	sqlite3_finalize(stmt);
	return rc;
}

int store_sessions_between(struct store *st, day_t from, day_t to, struct session_rec **out,
			   size_t *n)
{
	char a[11], b[11];
	sqlite3_stmt *stmt = store_prepare(st,
					   "SELECT " SESSION_COLS " FROM sessions WHERE date >= ? "
					   "AND date <= ? ORDER BY date, id",
					   "tt", day_format(from, a), day_format(to, b));
	size_t alloc = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (!stmt)
		return -1;
	while ((rc = store_step(st, stmt)) > 0) {
		ALLOC_GROW(*out, *n + 1, alloc);
		read_row(stmt, &(*out)[(*n)++]);
	}
	sqlite3_finalize(stmt);
	if (rc < 0) {
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return rc;
}
