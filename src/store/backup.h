/* The store's side of backup and restore: the tables in dump order, typed rows out and in, and
 * the runner's log in time order. */
#ifndef HIPCOACH_STORE_BACKUP_H
#define HIPCOACH_STORE_BACKUP_H

#include <stddef.h>
#include <stdint.h>

#include "store.h"

/*
 * One table of the database and its columns, in the order the schema
 * creates them. Static: never freed.
 */
struct store_table {
	const char *name;
	const char *const *cols;
	size_t ncols;
};

/*
 * Every table, in dump order: a table another refers to comes first, so
 * rows inserted in this order meet their references. *n gets the count.
 */
const struct store_table *store_backup_tables(size_t *n);
/* The table called `name`, or NULL when the database has none. */
const struct store_table *store_backup_find(const char *name);
/* The index of column `name` in `t`, or -1 when it has none. */
int store_backup_column(const struct store_table *t, const char *name);

/* One value as stored: its type decides which member holds it. */
enum store_type {
	STORE_NULL,
	STORE_INT,  /* i */
	STORE_REAL, /* d */
	STORE_TEXT, /* s, NUL-terminated */
};

struct store_value {
	enum store_type type;
	int64_t i;
	double d;
	const char *s;
};

/*
 * A row handed to a reader: `v` holds t->ncols values in column order,
 * valid only during the call (copy what you keep). Return 0 to go on, or
 * -1 (with error_set()) to stop the read, which then returns -1. A reader
 * never writes to the store.
 */
typedef int store_row_fn(void *ctx, const struct store_table *t, const struct store_value *v);

/*
 * Calls `fn` for every row of `t` in the order the rows were written
 * (SQLite's rowid order), every value with the type it is stored as.
 * Binary data is refused. 0, or -1 with error_last() set.
 */
int store_backup_rows(struct store *st, const struct store_table *t, store_row_fn *fn, void *ctx);

/*
 * The whole database at one moment: for every table in dump order, calls
 * `table` (when not NULL) and then `row` for each of its rows, as
 * store_backup_rows() does, all inside one read transaction (or the
 * transaction already open). 0, or -1 with error_last() set.
 */
int store_backup_dump(struct store *st, int (*table)(void *ctx, const struct store_table *t),
		      store_row_fn *row, void *ctx);

/* 1 when no table holds a row, 0 when some does, -1 on error. */
int store_backup_empty(struct store *st);

/*
 * Starts a restore: store_begin(), with references checked at
 * store_commit() rather than row by row, so that a table may be emptied
 * and refilled whatever points at it. End it with store_commit() or
 * store_rollback(). 0 or -1.
 */
int store_backup_restore_begin(struct store *st);

/*
 * Inside a restore: deletes every row of every table, children first so
 * that nothing cascades into a half-emptied table. 0 or -1.
 */
int store_backup_clear(struct store *st);

/*
 * Inserts one row into `t`: `n` values for the columns named in `cols`
 * (the schema's defaults fill the others; n = 0 inserts a row of
 * defaults). Column names are looked up in the store's own list, never
 * spliced from the caller. 0, or -1 with error_last() holding the reason
 * alone ("table 'runs' has no column 'colour'", or the database's own
 * words such as "CHECK constraint failed: ..."), for the caller to say
 * which row it was. *id (when `id` is not NULL; the table has an id
 * column) gets the new row's id.
 */
int store_backup_insert(struct store *st, const struct store_table *t, const char *const *cols,
			const struct store_value *v, size_t n, int64_t *id);

/*
 * Sets the `n` columns `cols` of row `id` of `t` (a table with an id
 * column) to v[]; names are looked up as store_backup_insert() does. 0, or
 * -1 with error_last().
 */
int store_backup_update(struct store *st, const struct store_table *t, int64_t id,
			const char *const *cols, const struct store_value *v, size_t n);

/*
 * The runner's log: one row per session, step result, pain check-in and
 * run, ordered by local date and then by the UTC instant, so that a
 * session's exercises follow it. Columns a row's type does not have are
 * STORE_NULL.
 */
enum store_log_col {
	STORE_LOG_TYPE,	    /* "session", "exercise", "pain" or "run" */
	STORE_LOG_DATE,	    /* local date; a run's from its start */
	STORE_LOG_AT,	    /* UTC instant, ISO 8601: started, done, checked in, start */
	STORE_LOG_SESSION,  /* session id (a pain check-in's when it had one) */
	STORE_LOG_KIND,	    /* strength or stretch */
	STORE_LOG_EXERCISE, /* exercise id */
	STORE_LOG_VARIANT,  /* easier or harder version in use */
	STORE_LOG_SET,	    /* set number, 1-based */
	STORE_LOG_SIDE,	    /* left, right */
	STORE_LOG_STATUS,   /* session: completed, unfinished; step: done, skipped, hurt */
	STORE_LOG_REPS,
	STORE_LOG_SECONDS,
	STORE_LOG_LOAD, /* bodyweight, band, dumbbell */
	STORE_LOG_LOAD_KG,
	STORE_LOG_RPE,
	STORE_LOG_PAIN,	      /* session: before; step: during; pain: the score */
	STORE_LOG_PAIN_AFTER, /* session: after */
	STORE_LOG_CONTEXT,    /* pain: now, during, after, morning */
	STORE_LOG_LOCATION,   /* pain: outer, front, groin, buttock, back */
	STORE_LOG_SPORT,
	STORE_LOG_DISTANCE_KM, /* rounded to metres */
	STORE_LOG_MOVING_S,
	STORE_LOG_ELAPSED_S,
	STORE_LOG_ASCENT_M,
	STORE_LOG_AVG_HR,
	STORE_LOG_MAX_HR,
	STORE_LOG_SOURCE, /* session: its origin; run: file, 'strava:ID' or 'manual' */
	STORE_LOG_NCOLS
};

/*
 * Calls `fn` for every row of the log, in order, with STORE_LOG_NCOLS
 * values (indexed by enum store_log_col) each of its stored type, valid
 * only during the call; `fn` returns as a store_row_fn does. 0, or -1
 * with error_last() set.
 */
typedef int store_log_fn(void *ctx, const struct store_value *v);
int store_backup_log(struct store *st, store_log_fn *fn, void *ctx);

#endif
