/* What the store's two engines share inside src/store: the statement behind struct store_stmt,
 * and the entry points of the PostgreSQL engine (src/store/pg/pg.c) that the helpers of sql.h and
 * the calls of store.h dispatch to. Private to src/store. */
#ifndef HIPCOACH_STORE_ENGINE_H
#define HIPCOACH_STORE_ENGINE_H

#include <sqlite3.h>
#include <stdarg.h>
#include <stdint.h>

#include "sql.h"
#include "store.h"

struct pg_stmt;

/* Exactly one of the two is set, by the engine of the connection that prepared it. */
struct store_stmt {
	sqlite3_stmt *lite;
	struct pg_stmt *pg;
};

/*
 * The PostgreSQL engine. `path` names a database for it when it is a
 * PostgreSQL URI ("postgresql://..." or "postgres://..."); anything else is
 * a SQLite file, so no file name changes meaning.
 */
int pg_is_uri(const char *path);
/* store_open() for a URI: connects, checks the role, migrates. 0 or -1. */
int pg_open(struct store *st, const char *uri, unsigned flags);
void pg_close(struct store *st);
/* Prepares `sql` (once per text and connection), with no values yet. NULL on error. */
struct pg_stmt *pg_prepare(struct store *st, const char *sql);
/* Forgets the last use's rows and binds the values of `types` (sql.h). */
void pg_bind(struct pg_stmt *s, const char *types, va_list ap);
/* Forgets the last use's rows and takes `texts` (n of them, each malloc'd or NULL for NULL, and
 * the array itself) as the values, for the server to cast. */
void pg_bind_texts(struct pg_stmt *s, char **texts, int n);
/* Forgets the last use's rows and values. */
void pg_reset(struct pg_stmt *s);
/* The first step runs the statement; each one moves to the next row. 1, 0 or -1. */
int pg_step(struct store *st, struct pg_stmt *s);
void pg_finalize(struct pg_stmt *s);
const char *pg_col_text(struct pg_stmt *s, int col); /* NULL for NULL */
int64_t pg_last_id(struct store *st);
int64_t pg_data_version(struct store *st);
int pg_exec_script(struct store *st, const char *sql);
/* The outermost begin, commit and rollback of store_begin() and its kin. */
int pg_begin(struct store *st);
int pg_commit(struct store *st);
void pg_rollback(struct store *st);
int pg_scope(struct store *st, int64_t clinic, int64_t patient);

#endif
