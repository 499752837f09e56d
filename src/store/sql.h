/* The statement helpers the store's own files share: bound queries, stepping, typed columns.
 * Private to src/store: nothing outside it includes this file, and the engine's types stay behind
 * the opaque struct store_stmt. */
#ifndef HIPCOACH_STORE_SQL_H
#define HIPCOACH_STORE_SQL_H

#include <stddef.h>
#include <stdint.h>

#include "store.h"

/* A prepared statement (the engine's own type behind it). */
struct store_stmt;

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
 * store_finalize(), or NULL on error.
 */
int store_exec(struct store *st, const char *sql, const char *types, ...);
struct store_stmt *store_prepare(struct store *st, const char *sql, const char *types, ...);
/* The first column of the first row as an integer; `dflt` when no row or NULL. */
int64_t store_int(struct store *st, int64_t dflt, const char *sql, const char *types, ...);
/* Steps a statement: 1 row, 0 done, -1 error (message recorded). */
int store_step(struct store *st, struct store_stmt *stmt);
void store_finalize(struct store_stmt *stmt);
/* Column helpers that map NULL to a default. */
const char *store_col_text(struct store_stmt *stmt, int col); /* "" for NULL */
int store_col_int(struct store_stmt *stmt, int col, int dflt);
int64_t store_col_int64(struct store_stmt *stmt, int col, int64_t dflt);
double store_col_double(struct store_stmt *stmt, int col, double dflt);
int store_col_is_null(struct store_stmt *stmt, int col);
int64_t store_last_id(struct store *st);
/*
 * Reads every row of `stmt` (NULL: a store_prepare() that failed) into an
 * array of `size`-byte elements, each zeroed and then filled by `read`,
 * and finalizes the statement. Returns 0 with the array in *out (malloc'd,
 * free it; NULL when there was no row) and its length in *n, or -1 with
 * *out NULL and *n 0.
 */
int store_rows(struct store *st, struct store_stmt *stmt, size_t size,
	       void (*read)(struct store_stmt *stmt, void *row), void **out, size_t *n);

/* Runs several statements (schema, migrations), without values. 0 or -1. */
int store_exec_script(struct store *st, const char *sql);

/*
 * A statement kept for many uses (an importer's lookups and inserts):
 * prepared once and without values, or NULL on error. store_bind() gives
 * it the values of its next use (the letters of store_prepare()), and
 * store_reset() ends a use early, each forgetting the rows of the last
 * use; store_finalize() ends it. store_bind(): 0 or -1.
 */
struct store_stmt *store_keep(struct store *st, const char *sql);
int store_bind(struct store *st, struct store_stmt *stmt, const char *types, ...);
void store_reset(struct store_stmt *stmt);

/* How many rows this connection has inserted, changed or deleted since it opened. */
int64_t store_changes(struct store *st);

#endif
