/* The screening and clearance tables: recording rounds and clearances, and reading what still
 * counts. */
#include "screening.h"
#include "sql.h"

#include <stdlib.h>
#include <string.h>

#include "core/safety.h"
#include "lib/datetime.h"
#include "lib/xalloc.h"

void screening_state_init(struct screening_state *s)
{
	memset(s, 0, sizeof(*s));
}

void screening_state_release(struct screening_state *s)
{
	for (size_t i = 0; i < s->nyes; i++)
		free(s->yes[i]);
	free(s->yes);
	screening_state_init(s);
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

/*
 * A clearance covers the rounds answered before it; a round answered in
 * the same second or later counts again (SAFETY.md section 1): when in
 * doubt, an answer stands.
 */
int store_screening_state(struct store *st, struct screening_state *out)
{
	struct store_stmt *stmt;
	char cleared[32] = "";
	int latest, rc;
	size_t alloc = 0;

	screening_state_init(out);
	stmt = store_prepare(st, "SELECT max(cleared_at) FROM clearance", "");
	if (!stmt)
		return -1;
	rc = store_step(st, stmt);
	if (rc > 0) {
		const char *c = store_col_text(stmt, 0);

		if (strlen(c) < sizeof(cleared))
			memcpy(cleared, c, strlen(c) + 1);
	}
	store_finalize(stmt);
	if (rc < 0)
		return -1;
	out->last_cleared = parse_time(cleared);
	out->rounds = (int)store_int(st, 0, "SELECT count(DISTINCT round) FROM screening", "");
	latest = (int)store_int(st, 0, "SELECT max(round) FROM screening", "");
	stmt = store_prepare(st, "SELECT max(answered_at) FROM screening", "");
	if (!stmt)
		return -1;
	if (store_step(st, stmt) > 0)
		out->last_round = parse_time(store_col_text(stmt, 0));
	store_finalize(stmt);

	stmt =
	    store_prepare(st,
			  "SELECT question, round FROM screening WHERE answer = 1 AND answered_at "
			  ">= ? GROUP BY question, round ORDER BY round, id",
			  "t", cleared);
	if (!stmt)
		return -1;
	while ((rc = store_step(st, stmt)) > 0) {
		const char *id = store_col_text(stmt, 0);
		const struct screen_question *q = safety_question_find(id);
		int blocking = q && advice_blocks_sessions(safety_severity_code(q->severity));
		int dup = 0;

		if (!q || (!blocking && store_col_int(stmt, 1, 0) != latest))
			continue;
		for (size_t i = 0; i < out->nyes; i++)
			dup |= !strcmp(out->yes[i], id);
		if (dup)
			continue;
		ALLOC_GROW(out->yes, out->nyes + 1, alloc);
		out->yes[out->nyes++] = xstrdup(id);
		out->blocked |= blocking;
	}
	store_finalize(stmt);
	if (rc < 0) {
		screening_state_release(out);
		return -1;
	}
	return 0;
}
