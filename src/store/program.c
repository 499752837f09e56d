/* The program_* tables: the changes a physical therapist made to the runner's program, and their
 * record. */
#include "program.h"
#include "sql.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/xalloc.h"

static void read_omit(struct store_stmt *stmt, void *row)
{
	struct program_omit *o = row;

	snprintf(o->exercise, sizeof(o->exercise), "%s", store_col_text(stmt, 0));
	snprintf(o->reason, sizeof(o->reason), "%s", store_col_text(stmt, 1));
	snprintf(o->who, sizeof(o->who), "%s", store_col_text(stmt, 2));
	snprintf(o->at, sizeof(o->at), "%s", store_col_text(stmt, 3));
}

static void read_dose(struct store_stmt *stmt, void *row)
{
	struct program_dose *d = row;

	snprintf(d->exercise, sizeof(d->exercise), "%s", store_col_text(stmt, 0));
	d->sets = store_col_int(stmt, 1, 0);
	d->reps_min = store_col_int(stmt, 2, 0);
	d->reps_max = store_col_int(stmt, 3, 0);
	d->hold_s = store_col_int(stmt, 4, 0);
	d->load_kg = store_col_double(stmt, 5, -1);
	snprintf(d->why, sizeof(d->why), "%s", store_col_text(stmt, 6));
	snprintf(d->who, sizeof(d->who), "%s", store_col_text(stmt, 7));
	snprintf(d->at, sizeof(d->at), "%s", store_col_text(stmt, 8));
}

int store_program_load(struct store *st, struct program_current *out)
{
	struct store_stmt *stmt;
	void *rows;
	int rc;

	program_current_init(out);
	stmt = store_prepare(
	    st, "SELECT exercise, reason, who, changed_at FROM program_left_out ORDER BY exercise",
	    "");
	if (store_rows(st, stmt, sizeof(*out->left_out), read_omit, &rows, &out->nleft_out))
		goto fail;
	out->left_out = rows;
	stmt =
	    store_prepare(st,
			  "SELECT exercise, sets, reps_min, reps_max, hold_s, load_kg, why, who, "
			  "changed_at FROM program_doses ORDER BY exercise",
			  "");
	if (store_rows(st, stmt, sizeof(*out->doses), read_dose, &rows, &out->ndoses))
		goto fail;
	out->doses = rows;
	stmt = store_prepare(st, "SELECT note, who, changed_at FROM program_note WHERE id = 1", "");
	if (!stmt)
		goto fail;
	rc = store_step(st, stmt);
	if (rc > 0) {
		out->note = xstrdup(store_col_text(stmt, 0));
		snprintf(out->note_who, sizeof(out->note_who), "%s", store_col_text(stmt, 1));
		snprintf(out->note_at, sizeof(out->note_at), "%s", store_col_text(stmt, 2));
	}
	store_finalize(stmt);
	if (rc < 0)
		goto fail;
	return 0;
fail:
	program_current_release(out);
	return -1;
}

int store_program_set_left_out(struct store *st, const struct program_omit *v, size_t n)
{
	if (store_begin(st) || store_exec(st, "DELETE FROM program_left_out", ""))
		goto fail;
	for (size_t i = 0; i < n; i++)
		if (store_exec(st,
			       "INSERT INTO program_left_out (exercise, reason, who, changed_at) "
			       "VALUES (?, ?, ?, ?)",
			       "tttt", v[i].exercise, v[i].reason, v[i].who, v[i].at))
			goto fail;
	return store_commit(st);
fail:
	store_rollback(st);
	return -1;
}

/* A number of a dose as bound: 0 ("not set") binds NULL. */
static int or_null(int v)
{
	return v > 0 ? v : -1;
}

int store_program_set_doses(struct store *st, const struct program_dose *v, size_t n)
{
	if (store_begin(st) || store_exec(st, "DELETE FROM program_doses", ""))
		goto fail;
	for (size_t i = 0; i < n; i++)
		if (store_exec(
			st,
			"INSERT INTO program_doses (exercise, sets, reps_min, reps_max, hold_s, "
			"load_kg, why, who, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
			"tjjjjettt", v[i].exercise, or_null(v[i].sets), or_null(v[i].reps_min),
			or_null(v[i].reps_max), or_null(v[i].hold_s), v[i].load_kg, v[i].why,
			v[i].who, v[i].at))
			goto fail;
	return store_commit(st);
fail:
	store_rollback(st);
	return -1;
}

int store_program_set_note(struct store *st, const char *note, const char *who, const char *at)
{
	if (store_begin(st) || store_exec(st, "DELETE FROM program_note", "") ||
	    (note && *note &&
	     store_exec(st,
			"INSERT INTO program_note (id, note, who, changed_at) VALUES (1, ?, ?, ?)",
			"ttt", note, who, at))) {
		store_rollback(st);
		return -1;
	}
	return store_commit(st);
}

int store_program_log(struct store *st, const char *at, const char *who, const char *why,
		      const char *what)
{
	return store_exec(st,
			  "INSERT INTO program_changes (at, who, why, what) VALUES (?, ?, ?, ?)",
			  "tttt", at, who, why, what);
}

static void read_history(struct store_stmt *stmt, void *row)
{
	struct program_history *h = row;

	snprintf(h->at, sizeof(h->at), "%s", store_col_text(stmt, 0));
	snprintf(h->who, sizeof(h->who), "%s", store_col_text(stmt, 1));
	h->why = xstrdup(store_col_text(stmt, 2));
	h->what = xstrdup(store_col_text(stmt, 3));
}

int store_program_history(struct store *st, struct program_history **out, size_t *n)
{
	struct store_stmt *stmt = store_prepare(
	    st, "SELECT at, who, why, what FROM program_changes ORDER BY at DESC, id DESC", "");
	void *rows;
	int rc = store_rows(st, stmt, sizeof(**out), read_history, &rows, n);

	*out = rows;
	return rc;
}
