/* Reading the record back for the decisions: morning pain, pain that was too much, exercises
 * stopped or stretches that hurt, the sessions since an exercise's last change, and the progress
 * log. */
#include "history.h"
#include "sql.h"

#include <stdio.h>
#include <stdlib.h>

int store_morning_pain(struct store *st, day_t day)
{
	char d[11];

	return (int)store_int(
	    st, -2,
	    "SELECT coalesce(max(score), -1) FROM pain WHERE date = ? AND context = "
	    "'morning'",
	    "t", day_format(day, d));
}

int store_morning_pain_latest(struct store *st, day_t from, day_t to)
{
	char f[11], t[11];

	return (int)store_int(st, -1,
			      "SELECT score FROM pain WHERE context = 'morning' AND date <= ? AND "
			      "date >= ? ORDER BY date DESC, id DESC LIMIT 1",
			      "tt", day_format(to, t), day_format(from, f));
}

int store_hurt_most(struct store *st, day_t since, char *exercise, size_t size, int *count)
{
	char d[11];
	struct store_stmt *stmt = store_prepare(
	    st,
	    "SELECT r.exercise, count(DISTINCT r.session_id) AS c FROM results r JOIN "
	    "sessions s ON s.id = r.session_id WHERE r.status = 'hurt' AND s.date >= ? "
	    "GROUP BY r.exercise ORDER BY c DESC, r.exercise LIMIT 1",
	    "t", day_format(since, d));
	int rc;

	if (!stmt)
		return -1;
	rc = store_step(st, stmt);
	if (rc > 0) {
		snprintf(exercise, size, "%s", store_col_text(stmt, 0));
		*count = store_col_int(stmt, 1, 0);
	}
	store_finalize(stmt);
	return rc;
}

int store_pain_over(struct store *st, day_t since, int limit, int *count, int *max)
{
	char d[11];
	struct store_stmt *stmt =
	    store_prepare(st,
			  "SELECT count(*), coalesce(max(p), 0) FROM (SELECT max(r.pain) AS p FROM "
			  "results r JOIN sessions s ON s.id = r.session_id WHERE s.kind = "
			  "'strength' AND r.pain > ?2 AND s.date >= ?1 GROUP BY s.id UNION ALL "
			  "SELECT score FROM pain WHERE context = 'during' AND score > ?2 AND date "
			  ">= ?1) AS over",
			  "ti", day_format(since, d), limit);
	int rc;

	*count = *max = 0;
	if (!stmt)
		return -1;
	rc = store_step(st, stmt);
	if (rc > 0) {
		*count = store_col_int(stmt, 0, 0);
		*max = store_col_int(stmt, 1, 0);
	}
	store_finalize(stmt);
	return rc < 0 ? -1 : 0;
}

static void read_stretch_hurt(struct store_stmt *stmt, void *row)
{
	struct stretch_hurt *h = row;

	snprintf(h->exercise, sizeof(h->exercise), "%s", store_col_text(stmt, 0));
	h->count = store_col_int(stmt, 1, 0);
}

int store_stretches_hurt(struct store *st, day_t since, int limit, struct stretch_hurt **out,
			 size_t *n)
{
	char d[11];
	struct store_stmt *stmt = store_prepare(
	    st,
	    "SELECT r.exercise, count(*) FROM results r JOIN sessions s ON s.id = r.session_id "
	    "WHERE s.kind = 'stretch' AND (r.pain > ?2 OR r.gentle = 0) AND s.date >= ?1 GROUP "
	    "BY r.exercise ORDER BY max(coalesce(r.pain, ?2 + 1)) DESC, r.exercise",
	    "ti", day_format(since, d), limit);
	void *rows;
	int rc = store_rows(st, stmt, sizeof(**out), read_stretch_hurt, &rows, n);

	*out = rows;
	return rc;
}

int store_sessions_for_exercise(struct store *st, const char *exercise, const char *after,
				struct session_ref *out, size_t max, size_t *n, size_t *total)
{
	struct store_stmt *stmt;
	int rc = 0;

	*n = 0;
	*total = 0;
	/* One statement: the count over every matching session rides on each of the latest. */
	stmt = store_prepare(st,
			     "SELECT s.id, s.date, s.pain_before, count(*) OVER () FROM sessions s "
			     "WHERE s.status = 'completed' AND coalesce(s.finished_at, "
			     "s.started_at) > ?2 AND s.id IN (SELECT r.session_id FROM results r "
			     "WHERE r.exercise = ?1) ORDER BY s.date DESC, s.id DESC LIMIT ?3",
			     "tti", exercise, after, (int)max);
	if (!stmt)
		return -1;
	while (*n < max && (rc = store_step(st, stmt)) > 0) {
		struct session_ref *r = &out[*n];

		*total = (size_t)store_col_int64(stmt, 3, 0);
		if (day_parse(store_col_text(stmt, 1), &r->date))
			continue;
		r->id = store_col_int64(stmt, 0, 0);
		r->pain_before = store_col_int(stmt, 2, -1);
		(*n)++;
	}
	store_finalize(stmt);
	return rc < 0 ? -1 : 0;
}

static void read_change(struct store_stmt *stmt, void *row)
{
	struct progress_change_rec *c = row;

	snprintf(c->change, sizeof(c->change), "%s", store_col_text(stmt, 0));
	snprintf(c->reason, sizeof(c->reason), "%s", store_col_text(stmt, 1));
	snprintf(c->exercise, sizeof(c->exercise), "%s", store_col_text(stmt, 2));
}

int store_progress_changes_since(struct store *st, time_t since, struct progress_change_rec **out,
				 size_t *n)
{
	char t[21];
	struct store_stmt *stmt =
	    store_prepare(st,
			  "SELECT change, reason, exercise FROM progress_log WHERE "
			  "at >= ? ORDER BY id",
			  "t", time_format_iso(since, t));
	void *rows;
	int rc = store_rows(st, stmt, sizeof(**out), read_change, &rows, n);

	*out = rows;
	return rc;
}
