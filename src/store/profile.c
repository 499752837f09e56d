/* The profile and progress tables: the runner's settings and where each exercise stands. */
#include "profile.h"
#include "sql.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/error.h"
#include "lib/parse.h"
#include "lib/strbuf.h"
#include "lib/xalloc.h"

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static void parse_equipment(const char *s, unsigned *out)
{
	char *copy = xstrdup(s), *save = NULL;

	*out = 0;
	for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
		*out |= equipment_parse(tok);
	free(copy);
}

static void parse_weights(const char *s, struct profile *p)
{
	const char *q = s, *end = s + strlen(s);

	p->nweights = 0;
	while (q < end && p->nweights < PROFILE_MAX_WEIGHTS) {
		double v;

		if (parse_double(&q, end, &v))
			break;
		if (v > 0)
			p->weights_kg[p->nweights++] = v;
		if (q < end && *q == ',')
			q++;
	}
	qsort(p->weights_kg, (size_t)p->nweights, sizeof(double), cmp_double);
}

int store_profile_load(struct store *st, struct profile *p)
{
	struct store_stmt *stmt;
	int rc;

	profile_init(p);
	stmt = store_prepare(st,
			     "SELECT name, level, equipment, dumbbells_kg, run_days, long_run_day, "
			     "strength_days, unit_distance, unit_weight, start_date FROM profile "
			     "WHERE id = 1",
			     "");
	if (!stmt)
		return -1;
	rc = store_step(st, stmt);
	if (rc == 1) {
		if (!store_col_is_null(stmt, 0))
			p->name = xstrdup(store_col_text(stmt, 0));
		p->level = level_parse(store_col_text(stmt, 1));
		if (p->level < 0)
			p->level = LEVEL_BEGINNER;
		parse_equipment(store_col_text(stmt, 2), &p->equipment);
		parse_weights(store_col_text(stmt, 3), p);
		p->run_days = (unsigned)store_col_int(stmt, 4, 0) & 0x7f;
		p->long_run_day = store_col_int(stmt, 5, -1);
		p->strength_days = (unsigned)store_col_int(stmt, 6, 0) & 0x7f;
		p->miles = !strcmp(store_col_text(stmt, 7), "mi");
		p->pounds = !strcmp(store_col_text(stmt, 8), "lb");
		if (day_parse(store_col_text(stmt, 9), &p->start_date))
			p->start_date = clock_today();
	}
	store_finalize(stmt);
	return rc;
}

int store_profile_save(struct store *st, const struct profile *p)
{
	struct strbuf eq = STRBUF_INIT, w = STRBUF_INIT;
	char start[11], now[21];
	int ret;

	for (int i = 0; i < EQ_COUNT; i++)
		if (p->equipment & (1u << i))
			strbuf_addf(&eq, "%s%s", eq.len ? "," : "", equipment_names[i]);
	for (int i = 0; i < p->nweights; i++)
		strbuf_addf(&w, "%s%g", i ? "," : "", p->weights_kg[i]);
	time_format_iso(clock_now(), now);
	ret = store_exec(
	    st,
	    "INSERT INTO profile (id, name, level, equipment, dumbbells_kg, run_days, "
	    "long_run_day, strength_days, unit_distance, unit_weight, start_date, "
	    "created_at, updated_at) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
	    "ON CONFLICT (id) DO UPDATE SET name = excluded.name, level = excluded.level, "
	    "equipment = excluded.equipment, dumbbells_kg = excluded.dumbbells_kg, "
	    "run_days = excluded.run_days, long_run_day = excluded.long_run_day, "
	    "strength_days = excluded.strength_days, unit_distance = "
	    "excluded.unit_distance, unit_weight = excluded.unit_weight, start_date = "
	    "excluded.start_date, updated_at = excluded.updated_at",
	    "ttttijittttt", p->name, level_names[p->level], eq.buf, p->nweights ? w.buf : NULL,
	    (int)p->run_days, p->long_run_day, (int)p->strength_days, p->miles ? "mi" : "km",
	    p->pounds ? "lb" : "kg", day_format(p->start_date, start), now, now);
	strbuf_release(&eq);
	strbuf_release(&w);
	return ret;
}

static void read_progress(struct store_stmt *stmt, void *row)
{
	struct progress_state *ps = row;

	snprintf(ps->exercise, sizeof(ps->exercise), "%s", store_col_text(stmt, 0));
	ps->sets = store_col_int(stmt, 1, 0);
	ps->load_kg = store_col_double(stmt, 2, -1);
	snprintf(ps->variant, sizeof(ps->variant), "%s", store_col_text(stmt, 3));
	snprintf(ps->reason, sizeof(ps->reason), "%s", store_col_text(stmt, 4));
	snprintf(ps->updated_at, sizeof(ps->updated_at), "%s", store_col_text(stmt, 5));
}

int store_progress_load(struct store *st, struct progress_state **out, size_t *n)
{
	struct store_stmt *stmt = store_prepare(
	    st,
	    "SELECT exercise, sets, load_kg, variant, reason, updated_at FROM progress ORDER BY "
	    "exercise",
	    "");
	void *rows;
	int rc = store_rows(st, stmt, sizeof(**out), read_progress, &rows, n);

	*out = rows;
	return rc;
}

int store_progress_set(struct store *st, const struct progress_state *ps, const char *change,
		       const char *reason)
{
	char now[21];

	time_format_iso(clock_now(), now);
	if (store_begin(st))
		return -1;
	if (store_exec(
		st,
		"INSERT INTO progress (exercise, sets, load_kg, variant, updated_at, reason) "
		"VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (exercise) DO UPDATE SET sets = "
		"excluded.sets, load_kg = excluded.load_kg, variant = excluded.variant, "
		"updated_at = excluded.updated_at, reason = excluded.reason",
		"tjettt", ps->exercise, ps->sets ? ps->sets : -1, ps->load_kg,
		ps->variant[0] ? ps->variant : NULL, now, reason) ||
	    store_exec(
		st, "INSERT INTO progress_log (at, exercise, change, reason) VALUES (?, ?, ?, ?)",
		"tttt", now, ps->exercise, change, reason)) {
		store_rollback(st);
		return -1;
	}
	return store_commit(st);
}
