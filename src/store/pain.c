/* The pain table: adding check-ins, reading them back, and the weekly means that the safety rules
 * compare. */
#include "pain.h"
#include "sql.h"

#include <stdlib.h>
#include <string.h>

#include "lib/xalloc.h"

const char *const pain_context_names[PAIN_CONTEXT_COUNT] = {"now", "during", "after", "morning"};
const char *const pain_location_names[PAIN_LOCATION_COUNT] = {"outer", "front", "groin", "buttock",
							      "back"};

int pain_context_parse(const char *name)
{
	for (int i = 0; i < PAIN_CONTEXT_COUNT; i++)
		if (!strcmp(pain_context_names[i], name))
			return i;
	return -1;
}

int pain_location_parse(const char *name)
{
	for (int i = 0; i < PAIN_LOCATION_COUNT; i++)
		if (!strcmp(pain_location_names[i], name))
			return i;
	return -1;
}

int store_pain_location_count(struct store *st, int location, day_t from, day_t to)
{
	char f[11], t[11];

	return (int)store_int(
	    st, -1,
	    "SELECT count(*) FROM pain WHERE location = ? AND date BETWEEN ? AND ? "
	    "AND score > 0",
	    "ttt", pain_location_names[location], day_format(from, f), day_format(to, t));
}

int store_pain_add(struct store *st, day_t date, int score, enum pain_context context, int location,
		   int64_t session_id, int64_t *id)
{
	char d[11], now[21];

	if (store_exec(
		st,
		"INSERT INTO pain (date, at, score, context, location, session_id) VALUES (?, "
		"?, ?, ?, ?, nullif(?, 0))",
		"ttittl", day_format(date, d), time_format_iso(clock_now(), now), score,
		pain_context_names[context], location >= 0 ? pain_location_names[location] : NULL,
		session_id))
		return -1;
	if (id)
		*id = store_last_id(st);
	return 0;
}

static void read_entry(struct store_stmt *stmt, void *row)
{
	struct pain_entry *e = row;
	int c = pain_context_parse(store_col_text(stmt, 3));

	e->id = store_col_int64(stmt, 0, 0);
	if (day_parse(store_col_text(stmt, 1), &e->date))
		e->date = 0;
	e->score = store_col_int(stmt, 2, 0);
	e->context = c < 0 ? PAIN_NOW : (enum pain_context)c;
	e->location = pain_location_parse(store_col_text(stmt, 4));
	e->session_id = store_col_int64(stmt, 5, 0);
	if (time_parse_iso(store_col_text(stmt, 6), strlen(store_col_text(stmt, 6)), &e->at))
		e->at = 0;
}

int store_pain_between(struct store *st, day_t from, day_t to, struct pain_entry **out, size_t *n)
{
	char a[11], b[11];
	struct store_stmt *stmt =
	    store_prepare(st,
			  "SELECT id, date, score, context, location, session_id, at "
			  "FROM pain WHERE date >= ? AND date <= ? ORDER BY date, id",
			  "tt", day_format(from, a), day_format(to, b));
	void *rows;
	int rc = store_rows(st, stmt, sizeof(**out), read_entry, &rows, n);

	*out = rows;
	return rc;
}

int store_pain_first_logged_after(struct store *st, time_t after, day_t *first)
{
	char t[21];
	struct store_stmt *stmt = store_prepare(st, "SELECT min(date) FROM pain WHERE at >= ?", "t",
						time_format_iso(after, t));
	int rc, found = 0;

	if (!stmt)
		return -1;
	rc = store_step(st, stmt);
	if (rc > 0 && *store_col_text(stmt, 0))
		found = !day_parse(store_col_text(stmt, 0), first);
	store_finalize(stmt);
	return rc < 0 ? -1 : found;
}

static void read_score(struct store_stmt *stmt, void *row)
{
	struct pain_score *e = row;
	int c = pain_context_parse(store_col_text(stmt, 2));

	if (day_parse(store_col_text(stmt, 0), &e->date))
		e->date = 0;
	e->score = store_col_int(stmt, 1, 0);
	e->context = c < 0 ? PAIN_NOW : (enum pain_context)c;
}

int store_pain_scores(struct store *st, day_t from, day_t to, struct pain_score **out, size_t *n)
{
	char a[11], b[11];
	struct store_stmt *stmt;
	void *rows;
	int rc;

	day_format(from, a);
	day_format(to, b);
	stmt = store_prepare(
	    st,
	    "SELECT date, score, context FROM ("
	    " SELECT date, score, context, 0 AS o, id FROM pain WHERE date BETWEEN ?1 AND ?2"
	    " UNION ALL SELECT date, pain_before, 'now', 1, id FROM sessions"
	    "  WHERE pain_before IS NOT NULL AND date BETWEEN ?1 AND ?2"
	    " UNION ALL SELECT date, pain_after, 'after', 2, id FROM sessions"
	    "  WHERE pain_after IS NOT NULL AND date BETWEEN ?1 AND ?2"
	    /* The sessions of the range through sessions_date, and each one's results
	     * through their (session_id, step) key. Grouped by (date, id), the order of
	     * sessions_date itself: grouped by id alone, SQLite would rather scan
	     * every session ever recorded in id order than sort the range. */
	    " UNION ALL SELECT s.date, max(r.pain), 'during', 3, s.id FROM sessions s"
	    "  CROSS JOIN results r WHERE r.session_id = s.id"
	    "  AND r.pain IS NOT NULL AND s.date BETWEEN ?1 AND ?2 GROUP BY s.date, s.id"
	    ") AS scores ORDER BY date, o, id",
	    "tt", a, b);
	rc = store_rows(st, stmt, sizeof(**out), read_score, &rows, n);
	*out = rows;
	return rc;
}

int store_pain_first_day(struct store *st, day_t *out)
{
	struct store_stmt *stmt = store_prepare(st, "SELECT min(date) FROM pain", "");
	int rc, found = 0;

	if (!stmt)
		return -1;
	rc = store_step(st, stmt);
	if (rc > 0 && !store_col_is_null(stmt, 0))
		found = !day_parse(store_col_text(stmt, 0), out);
	store_finalize(stmt);
	return rc < 0 ? -1 : found;
}

int store_pain_previous(struct store *st, int64_t id)
{
	struct store_stmt *stmt = store_prepare(
	    st,
	    "SELECT p.score FROM pain p, pain q WHERE q.id = ? AND p.id <> q.id AND (p.date < "
	    "q.date OR (p.date = q.date AND p.id < q.id)) ORDER BY p.date DESC, p.id DESC LIMIT 1",
	    "l", id);
	int rc, score = -1;

	if (!stmt)
		return -2;
	rc = store_step(st, stmt);
	if (rc > 0)
		score = store_col_int(stmt, 0, -1);
	store_finalize(stmt);
	return rc < 0 ? -2 : score;
}

int store_pain_weeks(struct store *st, day_t first, struct pain_week *weeks, size_t n)
{
	struct pain_score *e;
	struct pain_point *pts;
	size_t ne, i = 0;
	double sum[PAIN_CONTEXT_COUNT], all;
	int cnt[PAIN_CONTEXT_COUNT];

	if (store_pain_scores(st, first, first + (day_t)(7 * n) - 1, &e, &ne))
		return -1;
	/* The scores come by date: each week is the run of them that falls in it. */
	pts = xcalloc(ne ? ne : 1, sizeof(*pts));
	for (size_t k = 0; k < ne; k++)
		pts[k] = (struct pain_point){e[k].date, e[k].score, e[k].context == PAIN_MORNING};
	for (size_t w = 0; w < n; w++) {
		struct pain_week *pw = &weeks[w];
		double *ctx[PAIN_CONTEXT_COUNT] = {&pw->now, &pw->during, &pw->after, &pw->morning};
		size_t lo;

		memset(pw, 0, sizeof(*pw));
		memset(sum, 0, sizeof(sum));
		memset(cnt, 0, sizeof(cnt));
		all = 0;
		pw->monday = first + (day_t)(7 * w);
		pw->max = -1;
		while (i < ne && e[i].date < pw->monday)
			i++;
		for (lo = i; i < ne && e[i].date <= pw->monday + 6; i++) {
			sum[e[i].context] += e[i].score;
			cnt[e[i].context]++;
			all += e[i].score;
			pw->count++;
			if (e[i].score > pw->max)
				pw->max = e[i].score;
		}
		pw->mean = pw->count ? all / pw->count : -1;
		for (int c = 0; c < PAIN_CONTEXT_COUNT; c++)
			*ctx[c] = cnt[c] ? sum[c] / cnt[c] : -1;
		/* The weekly pain the rules compare is core's to decide (SAFETY.md section 2), from
		 * the week's own scores. */
		safety_pain_weeks(pw, 1, pts + lo, i - lo);
	}
	free(pts);
	free(e);
	return 0;
}

void store_pain_mark(struct store *st, int64_t mark[2])
{
	mark[0] = store_data_version(st);
	mark[1] = store_changes(st);
}
