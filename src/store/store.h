/* The SQLite store: open and migrate the database, transactions, and typed queries with bound
 * values. */
#ifndef HIPCOACH_STORE_H
#define HIPCOACH_STORE_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

#define STORE_SCHEMA_VERSION 1
#define STORE_APPLICATION_ID 0x48495043 /* "HIPC" */

struct store {
	sqlite3 *db;
	char *path;
	int depth; /* nesting of store_begin() */
};

enum store_flags {
	STORE_CREATE = 1 << 0,	 /* create the file (mode 0600) and its folder */
	STORE_READONLY = 1 << 1, /* never write (a reading command on a missing file fails) */
};

/*
 * The database path: `explicit` if given, else $HIPCOACH_DB, else
 * $XDG_DATA_HOME/hipcoach/hipcoach.db, else ~/.local/share/hipcoach/hipcoach.db.
 * Returns a malloc'd string.
 */
char *store_default_path(const char *explicit_path);

/*
 * Opens (and with STORE_CREATE creates) the database at `path`, checks that
 * it is a hipcoach database of a version we understand, and migrates it.
 * A foreign file or one from a newer hipcoach is rejected without being
 * modified. 0 or -1 (error_last() says why).
 */
int store_open(struct store *st, const char *path, unsigned flags);
void store_close(struct store *st);

/*
 * Transactions nest: only the outermost begin/commit reach SQLite, and a
 * rollback at any depth rolls the whole transaction back.
 */
int store_begin(struct store *st);
int store_commit(struct store *st);
void store_rollback(struct store *st);

/*
 * A number that moves when another connection commits to the database, not
 * on this one's own writes (SQLite's data_version); -1 on error. A cache
 * compares it to know when to read again.
 */
int64_t store_data_version(struct store *st);

/*
 * Bound-value helpers. `types` has one letter per '?' in the SQL:
 *   't' const char *    (NULL binds NULL)
 *   'i' int
 *   'j' int, negative binds NULL
 *   'l' int64_t
 *   'd' double
 *   'e' double, negative binds NULL
 * store_exec() runs a statement to completion: 0 or -1.
 * store_prepare() returns a bound statement for the caller to step and
 * sqlite3_finalize(), or NULL on error.
 */
int store_exec(struct store *st, const char *sql, const char *types, ...);
sqlite3_stmt *store_prepare(struct store *st, const char *sql, const char *types, ...);
/* The first column of the first row as an integer; `dflt` when no row or NULL. */
int64_t store_int(struct store *st, int64_t dflt, const char *sql, const char *types, ...);
/* Steps a statement: 1 row, 0 done, -1 error (message recorded). */
int store_step(struct store *st, sqlite3_stmt *stmt);
/* Column helpers that map NULL to a default. */
const char *store_col_text(sqlite3_stmt *stmt, int col); /* "" for NULL */
int store_col_int(sqlite3_stmt *stmt, int col, int dflt);
double store_col_double(sqlite3_stmt *stmt, int col, double dflt);
int store_col_is_null(sqlite3_stmt *stmt, int col);
int64_t store_last_id(struct store *st);
/*
 * Reads every row of `stmt` (NULL: a store_prepare() that failed) into an
 * array of `size`-byte elements, each zeroed and then filled by `read`,
 * and finalizes the statement. Returns 0 with the array in *out (malloc'd,
 * free it; NULL when there was no row) and its length in *n, or -1 with
 * *out NULL and *n 0.
 */
int store_rows(struct store *st, sqlite3_stmt *stmt, size_t size,
	       void (*read)(sqlite3_stmt *stmt, void *row), void **out, size_t *n);

/* Runs several statements (schema, migrations). 0 or -1. */
int store_exec_script(struct store *st, const char *sql);

#endif
