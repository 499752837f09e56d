/* The screening and clearance tables: recording rounds and clearances, and reading back the
 * answers given since the last clearance. */
#include "screening.h"
#include "sql.h"

#include <stdlib.h>
#include <string.h>

#include "lib/datetime.h"
#include "lib/strbuf.h"
#include "lib/xalloc.h"

void screening_rows_init(struct screening_rows *r)
{
	memset(r, 0, sizeof(*r));
}

void screening_rows_release(struct screening_rows *r)
{
	for (size_t i = 0; i < r->nyes; i++)
		free((char *)r->yes[i].id);
	free(r->yes);
	screening_rows_init(r);
}

int store_screening_add(struct store *st, const char *const *ids, const int *answers, size_t n,
			int *round)
{
	char now[21];
	int r;

	time_format_iso(clock_now(), now);
	if (store_begin(st))
		return -1;
	r = (int)store_int(st, 0, "SELECT max(round) FROM screening", "") + 1;
	for (size_t i = 0; i < n; i++) {
		if (answers[i] < 0)
			continue;
		if (store_exec(
			st,
			"INSERT INTO screening (round, answered_at, question, answer) VALUES "
			"(?, ?, ?, ?)",
			"itti", r, now, ids[i], answers[i] ? 1 : 0)) {
			store_rollback(st);
			return -1;
		}
	}
	if (store_commit(st))
		return -1;
	if (round)
		*round = r;
	return 0;
}

int store_clearance_add(struct store *st, const char *note)
{
	char now[21];

	return store_exec(st, "INSERT INTO clearance (cleared_at, note) VALUES (?, ?)", "tt",
			  time_format_iso(clock_now(), now), note);
}

static time_t parse_time(const char *s)
{
	time_t t;

	return *s && !time_parse_iso(s, strlen(s), &t) ? t : 0;
}

/* One text column of a one-row query into buf ("" for none). 0 or -1. */
static int text_of(struct store *st, const char *sql, char *buf, size_t size)
{
	struct store_stmt *stmt = store_prepare(st, sql, "");
	int rc;

	buf[0] = '\0';
	if (!stmt)
		return -1;
	rc = store_step(st, stmt);
	if (rc > 0) {
		const char *c = store_col_text(stmt, 0);

		if (strlen(c) < size)
			memcpy(buf, c, strlen(c) + 1);
	}
	store_finalize(stmt);
	return rc < 0 ? -1 : 0;
}

/*
 * A clearance covers the rounds answered before it; a round answered in
 * the same second or later counts again (SAFETY.md section 1): when in
 * doubt, an answer stands. Per question answered yes since then: is its
 * latest answer since then a yes?
 */
int store_screening_rows(struct store *st, struct screening_rows *out)
{
	struct store_stmt *stmt;
	char cleared[32], last[32];
	struct strbuf hist = STRBUF_INIT;
	size_t n, alloc = 0;
	const struct screen_question *q = safety_questions(&n);
	int rc;

	screening_rows_init(out);
	if (text_of(st, "SELECT max(cleared_at) FROM clearance", cleared, sizeof(cleared)) ||
	    text_of(st, "SELECT max(answered_at) FROM screening", last, sizeof(last)))
		return -1;
	out->last_cleared = parse_time(cleared);
	out->last_round = parse_time(last);
	out->rounds = (int)store_int(st, 0, "SELECT count(DISTINCT round) FROM screening", "");

	/*
	 * The history questions' ids, as a list the query searches for ",ID,": found when
	 * taking it out shortens the list (instr() is SQLite's alone, strpos() PostgreSQL's).
	 */
	strbuf_addch(&hist, ',');
	for (size_t i = 0; i < n; i++)
		if (q[i].flags & SCREEN_HISTORY)
			strbuf_addf(&hist, "%s,", q[i].id);
	out->history_seen =
	    *cleared && store_int(st, 0,
				  "SELECT count(*) FROM screening WHERE answered_at < ?1 AND "
				  "length(replace(?2, ',' || question || ',', '')) < length(?2)",
				  "tt", cleared, hist.buf) > 0;
	strbuf_release(&hist);

	stmt = store_prepare(
	    st,
	    "SELECT question, (SELECT answer FROM screening l WHERE l.question = s.question AND "
	    "l.answered_at >= ?1 ORDER BY l.round DESC, l.id DESC LIMIT 1) FROM screening s "
	    "WHERE answer = 1 AND answered_at >= ?1 GROUP BY question ORDER BY min(id)",
	    "t", cleared);
	if (!stmt)
		return -1;
	while ((rc = store_step(st, stmt)) > 0) {
		ALLOC_GROW(out->yes, out->nyes + 1, alloc);
		out->yes[out->nyes].id = xstrdup(store_col_text(stmt, 0));
		out->yes[out->nyes].latest = store_col_int(stmt, 1, 0) == 1;
		out->nyes++;
	}
	store_finalize(stmt);
	if (rc < 0) {
		screening_rows_release(out);
		return -1;
	}
	return 0;
}
