/* Backup and restore in the store: the tables and columns a backup holds, typed rows out and in,
 * and the log query. A SQLite file's alone for now: the rows are read in rowid order, the log
 * turns instants into local dates with SQLite's date(), and a restore defers its foreign keys
 * with a PRAGMA, so every call refuses a PostgreSQL connection (sqlite_only()). */
#include "backup.h"
#include "sql.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "lib/error.h"
#include "lib/strbuf.h"
#include "lib/xalloc.h"
#include "engine.h"

/* The SQLite handles behind the store's opaque types. */
#define DB(st)	((sqlite3 *)(st)->db)
#define STMT(s) ((s)->lite)

/* 0 on a SQLite file; on PostgreSQL -1, with the reason recorded. */
static int sqlite_only(struct store *st)
{
	if (st->engine == STORE_SQLITE)
		return 0;
	return error_set("database '%s': backup, restore and the log read a SQLite file only",
			 st->path);
}

/*
 * The tables of schema.sql in the order it creates them, and each one's
 * columns in order (migrations that add a column append it). This list,
 * not the database's catalogue, says what a backup holds, so another
 * backend can hold the same tables; tests/unit/test-coach-backup.c checks
 * it against the schema.
 */
static const char *const profile_cols[] = {
    "id",	  "name",	  "level",	   "equipment",	    "dumbbells_kg",
    "run_days",	  "long_run_day", "strength_days", "unit_distance", "unit_weight",
    "start_date", "created_at",	  "updated_at",
};
static const char *const screening_cols[] = {"id", "round", "answered_at", "question", "answer"};
static const char *const clearance_cols[] = {"id", "cleared_at", "note"};
static const char *const sessions_cols[] = {
    "id",	  "date",	 "kind",     "status",	    "origin",
    "started_at", "finished_at", "position", "pain_before", "pain_after",
};
static const char *const results_cols[] = {
    "id",   "session_id", "step", "exercise", "variant", "set_no",
    "side", "status",	  "reps", "seconds",  "load",	 "load_kg",
    "rpe",  "reserve3",	  "pain", "gentle",   "at",	 "client_id",
};
static const char *const pain_cols[] = {"id",	   "date",     "at",	    "score",
					"context", "location", "session_id"};
static const char *const progress_cols[] = {"exercise", "sets",	      "load_kg",
					    "variant",	"updated_at", "reason"};
static const char *const progress_log_cols[] = {"id", "at", "exercise", "change", "reason"};
static const char *const runs_cols[] = {
    "id",	 "start",    "start_epoch", "sport",  "distance_m", "moving_s",
    "elapsed_s", "ascent_m", "avg_hr",	    "max_hr", "source",
};
static const char *const import_files_cols[] = {"key", "imported_at"};
static const char *const psfs_items_cols[] = {"id", "name", "created_at"};
static const char *const psfs_scores_cols[] = {"id", "item_id", "date", "score"};
static const char *const care_cols[] = {"id", "since", "note", "recorded_at"};
static const char *const program_left_out_cols[] = {"exercise", "reason", "who", "changed_at"};
static const char *const program_doses_cols[] = {
    "exercise", "sets", "reps_min", "reps_max", "hold_s", "load_kg", "why", "who", "changed_at",
};
static const char *const program_note_cols[] = {"id", "note", "who", "changed_at"};
static const char *const program_changes_cols[] = {"id", "at", "who", "why", "what"};

#define TABLE(t)                                                                                   \
	{                                                                                          \
		.name = #t, .cols = t##_cols, .ncols = ARRAY_SIZE(t##_cols)                        \
	}

static const struct store_table tables[] = {
    TABLE(profile),	     /* the runner's settings */
    TABLE(screening),	     /* red-flag answers, every round */
    TABLE(clearance),	     /* a clinician has seen the runner */
    TABLE(sessions),	     /* strength and stretch sessions */
    TABLE(results),	     /* their steps; refer to sessions */
    TABLE(pain),	     /* check-ins; may refer to sessions */
    TABLE(progress),	     /* prescription state per exercise */
    TABLE(progress_log),     /* every change of prescription */
    TABLE(runs),	     /* runs and other activities */
    TABLE(import_files),     /* files already imported */
    TABLE(psfs_items),	     /* PSFS activities */
    TABLE(psfs_scores),	     /* their scores; refer to psfs_items */
    TABLE(care),	     /* a clinician is managing the hip (schema 2) */
    TABLE(program_left_out), /* left out by a physical therapist (schema 5) */
    TABLE(program_doses),    /* doses a physical therapist set */
    TABLE(program_note),     /* their note to the runner */
    TABLE(program_changes),  /* the record of their changes */
};

const struct store_table *store_backup_tables(size_t *n)
{
	*n = ARRAY_SIZE(tables);
	return tables;
}

const struct store_table *store_backup_find(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(tables); i++)
		if (!strcmp(tables[i].name, name))
			return &tables[i];
	return NULL;
}

int store_backup_column(const struct store_table *t, const char *name)
{
	for (size_t i = 0; i < t->ncols; i++)
		if (!strcmp(t->cols[i], name))
			return (int)i;
	return -1;
}

/* Names spliced into SQL come from the list above only. */
static void check_table(const struct store_table *t)
{
	for (size_t i = 0; i < ARRAY_SIZE(tables); i++)
		if (t == &tables[i])
			return;
	BUG("store: '%s' is not one of the store's tables", t->name);
}

/*
 * Reads column `col` as stored. Binary data has no place in a backup
 * (`table` names the table then); the log shows it as text.
 */
static int read_value(struct store *st, struct store_stmt *stmt, int col, const char *table,
		      struct store_value *v)
{
	memset(v, 0, sizeof(*v));
	switch (sqlite3_column_type(STMT(stmt), col)) {
	case SQLITE_NULL: v->type = STORE_NULL; return 0;
	case SQLITE_INTEGER:
		v->type = STORE_INT;
		v->i = sqlite3_column_int64(STMT(stmt), col);
		return 0;
	case SQLITE_FLOAT:
		v->type = STORE_REAL;
		v->d = sqlite3_column_double(STMT(stmt), col);
		return 0;
	case SQLITE_TEXT: break;
	default:
		if (table)
			return error_set("database '%s': table '%s' holds binary data", st->path,
					 table);
	}
	v->type = STORE_TEXT;
	v->s = store_col_text(stmt, col);
	return 0;
}

int store_backup_rows(struct store *st, const struct store_table *t, store_row_fn *fn, void *ctx)
{
	struct strbuf sql = STRBUF_INIT;
	struct store_value *v;
	struct store_stmt *stmt;
	int rc;

	check_table(t);
	if (sqlite_only(st))
		return -1;
	strbuf_addstr(&sql, "SELECT ");
	for (size_t c = 0; c < t->ncols; c++)
		strbuf_addf(&sql, "%s\"%s\"", c ? ", " : "", t->cols[c]);
	strbuf_addf(&sql, " FROM \"%s\" ORDER BY rowid", t->name);
	stmt = store_prepare(st, sql.buf, "");
	strbuf_release(&sql);
	if (!stmt)
		return -1;
	v = xcalloc(t->ncols, sizeof(*v));
	while ((rc = store_step(st, stmt)) > 0) {
		for (size_t c = 0; c < t->ncols && rc > 0; c++)
			if (read_value(st, stmt, (int)c, t->name, &v[c]))
				rc = -1;
		if (rc > 0 && fn(ctx, t, v))
			rc = -1;
		if (rc < 0)
			break;
	}
	free(v);
	store_finalize(stmt);
	return rc < 0 ? -1 : 0;
}

int store_backup_dump(struct store *st, int (*table)(void *ctx, const struct store_table *t),
		      store_row_fn *row, void *ctx)
{
	/*
	 * A deferred read transaction: one moment of the database, without
	 * the write lock store_begin() takes, so an export holds up no one.
	 */
	int own = !st->depth;
	int ret = 0;

	if (sqlite_only(st))
		return -1;
	if (own && store_exec_script(st, "BEGIN"))
		return -1;
	for (size_t i = 0; i < ARRAY_SIZE(tables) && !ret; i++) {
		if (table && table(ctx, &tables[i]))
			ret = -1;
		else if (store_backup_rows(st, &tables[i], row, ctx))
			ret = -1;
	}
	if (own)
		sqlite3_exec(DB(st), "ROLLBACK", NULL, NULL, NULL);
	return ret;
}

int store_backup_empty(struct store *st)
{
	struct strbuf sql = STRBUF_INIT;
	int empty = 1;

	if (sqlite_only(st))
		return -1;
	for (size_t i = 0; i < ARRAY_SIZE(tables) && empty == 1; i++) {
		struct store_stmt *stmt;
		int rc;

		strbuf_reset(&sql);
		strbuf_addf(&sql, "SELECT 1 FROM \"%s\" LIMIT 1", tables[i].name);
		stmt = store_prepare(st, sql.buf, "");
		if (!stmt) {
			empty = -1;
			break;
		}
		rc = store_step(st, stmt);
		store_finalize(stmt);
		empty = rc < 0 ? -1 : rc ? 0 : 1;
	}
	strbuf_release(&sql);
	return empty;
}

int store_backup_restore_begin(struct store *st)
{
	if (sqlite_only(st) || store_begin(st))
		return -1;
	if (store_exec_script(st, "PRAGMA defer_foreign_keys = ON")) {
		store_rollback(st);
		return -1;
	}
	return 0;
}

int store_backup_clear(struct store *st)
{
	struct strbuf sql = STRBUF_INIT;
	int ret = 0;

	if (!st->depth)
		BUG("store_backup_clear outside a transaction");
	for (size_t i = ARRAY_SIZE(tables); i-- > 0 && !ret;) {
		strbuf_reset(&sql);
		strbuf_addf(&sql, "DELETE FROM \"%s\"", tables[i].name);
		ret = store_exec(st, sql.buf, "");
	}
	strbuf_release(&sql);
	return ret;
}

/* Binds v[0..n) to `stmt`, each with its own type (on PostgreSQL as text, which it casts). */
static int bind_values(struct store *st, struct store_stmt *stmt, const struct store_value *v,
		       size_t n)
{
	int rc = SQLITE_OK;

	if (stmt->pg) {
		char **texts = xcalloc(n ? n : 1, sizeof(*texts));
		struct strbuf sb = STRBUF_INIT;

		for (size_t k = 0; k < n; k++) {
			strbuf_reset(&sb);
			switch (v[k].type) {
			case STORE_NULL: continue;
			case STORE_INT: strbuf_addf(&sb, "%lld", (long long)v[k].i); break;
			case STORE_REAL: strbuf_addf(&sb, "%.17g", v[k].d); break;
			case STORE_TEXT: strbuf_addstr(&sb, v[k].s); break;
			}
			texts[k] = xstrdup(sb.buf);
		}
		pg_bind_texts(stmt->pg, texts, (int)n);
		strbuf_release(&sb);
		return 0;
	}
	for (size_t k = 0; k < n && rc == SQLITE_OK; k++) {
		int idx = (int)k + 1;

		switch (v[k].type) {
		case STORE_NULL: rc = sqlite3_bind_null(STMT(stmt), idx); break;
		case STORE_INT: rc = sqlite3_bind_int64(STMT(stmt), idx, v[k].i); break;
		case STORE_REAL: rc = sqlite3_bind_double(STMT(stmt), idx, v[k].d); break;
		case STORE_TEXT:
			rc = sqlite3_bind_text(STMT(stmt), idx, v[k].s, -1, SQLITE_TRANSIENT);
			break;
		}
	}
	if (rc != SQLITE_OK)
		return error_set("database '%s': %s", st->path, sqlite3_errmsg(DB(st)));
	return 0;
}

int store_backup_insert(struct store *st, const struct store_table *t, const char *const *cols,
			const struct store_value *v, size_t n, int64_t *id)
{
	struct strbuf sql = STRBUF_INIT;
	struct store_stmt *stmt = NULL;
	int ret = -1;

	check_table(t);
	strbuf_addf(&sql, "INSERT INTO \"%s\"", t->name);
	if (!n)
		strbuf_addstr(&sql, " DEFAULT VALUES");
	for (size_t k = 0; k < n; k++) {
		int c = store_backup_column(t, cols[k]);

		if (c < 0) {
			error_set("table '%s' has no column '%s'", t->name, cols[k]);
			goto out;
		}
		strbuf_addf(&sql, "%s\"%s\"", k ? ", " : " (", t->cols[c]);
	}
	if (n) {
		strbuf_addstr(&sql, ") VALUES (");
		for (size_t k = 0; k < n; k++)
			strbuf_addstr(&sql, k ? ", ?" : "?");
		strbuf_addch(&sql, ')');
	}
	stmt = store_keep(st, sql.buf);
	if (!stmt || bind_values(st, stmt, v, n))
		goto out;
	if (store_step(st, stmt) < 0)
		goto out;
	if (id)
		*id = store_last_id(st);
	ret = 0;
out:
	if (ret) {
		/* The reason alone: the caller says which row it was. */
		struct strbuf prefix = STRBUF_INIT;
		const char *msg = error_last();

		strbuf_addf(&prefix, "database '%s': ", st->path);
		if (!strncmp(msg, prefix.buf, prefix.len))
			error_set("%s", msg + prefix.len);
		strbuf_release(&prefix);
	}
	if (stmt)
		store_finalize(stmt);
	strbuf_release(&sql);
	return ret;
}

int store_backup_update(struct store *st, const struct store_table *t, int64_t id,
			const char *const *cols, const struct store_value *v, size_t n)
{
	struct strbuf sql = STRBUF_INIT;
	struct store_stmt *stmt = NULL;
	struct store_value *all = xcalloc(n + 1, sizeof(*all));
	int ret = -1;

	check_table(t);
	if (!n)
		BUG("store_backup_update with nothing to set");
	strbuf_addf(&sql, "UPDATE \"%s\" SET ", t->name);
	for (size_t k = 0; k < n; k++) {
		int c = store_backup_column(t, cols[k]);

		if (c < 0) {
			error_set("table '%s' has no column '%s'", t->name, cols[k]);
			goto out;
		}
		strbuf_addf(&sql, "%s\"%s\" = ?", k ? ", " : "", t->cols[c]);
		all[k] = v[k];
	}
	strbuf_addstr(&sql, " WHERE id = ?");
	all[n].type = STORE_INT;
	all[n].i = id;
	stmt = store_keep(st, sql.buf);
	if (stmt && !bind_values(st, stmt, all, n + 1) && store_step(st, stmt) >= 0)
		ret = 0;
out:
	if (stmt)
		store_finalize(stmt);
	free(all);
	strbuf_release(&sql);
	return ret;
}

/*
 * The log (docs/export.md): columns 0 to 26 follow enum store_log_col;
 * `o` and `k` keep a session's steps after it and rows of one instant in
 * a stable order.
 */
static const char log_sql[] =
    "SELECT 'session', s.date, s.started_at, s.id, s.kind, NULL, NULL, NULL, NULL, s.status,"
    " NULL, NULL, NULL, NULL, NULL, s.pain_before, s.pain_after, NULL, NULL, NULL, NULL,"
    " NULL, NULL, NULL, NULL, NULL, s.origin, 1 AS o, s.id AS k FROM sessions s "
    "UNION ALL "
    "SELECT 'exercise', s.date, r.at, s.id, s.kind, r.exercise, r.variant, r.set_no, r.side,"
    " r.status, r.reps, r.seconds, r.load, r.load_kg, r.rpe, r.pain, NULL, NULL, NULL, NULL,"
    " NULL, NULL, NULL, NULL, NULL, NULL, NULL, 2, r.id FROM results r"
    " JOIN sessions s ON s.id = r.session_id "
    "UNION ALL "
    "SELECT 'pain', p.date, p.at, p.session_id, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
    " NULL, NULL, NULL, NULL, p.score, NULL, p.context, p.location, NULL, NULL, NULL, NULL,"
    " NULL, NULL, NULL, NULL, 3, p.id FROM pain p "
    "UNION ALL "
    "SELECT 'run', date(u.start_epoch, 'unixepoch', 'localtime'), u.start, NULL, NULL, NULL,"
    " NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, u.sport,"
    " round(u.distance_m / 1000.0, 3), u.moving_s, u.elapsed_s, u.ascent_m, u.avg_hr,"
    " u.max_hr, u.source, 4, u.id FROM runs u "
    "ORDER BY 2, 3, o, k";

int store_backup_log(struct store *st, store_log_fn *fn, void *ctx)
{
	struct store_stmt *stmt = sqlite_only(st) ? NULL : store_prepare(st, log_sql, "");
	struct store_value v[STORE_LOG_NCOLS];
	int rc;

	if (!stmt)
		return -1;
	while ((rc = store_step(st, stmt)) > 0) {
		for (int c = 0; c < STORE_LOG_NCOLS; c++)
			read_value(st, stmt, c, NULL, &v[c]);
		if (fn(ctx, v)) {
			rc = -1;
			break;
		}
	}
	store_finalize(stmt);
	return rc < 0 ? -1 : 0;
}
