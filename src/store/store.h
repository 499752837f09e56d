/* The store: open and migrate the database, and transactions. The typed calls of each table live in
 * the other headers of src/store; none of them names a type of the database engine behind it. */
#ifndef HIPCOACH_STORE_H
#define HIPCOACH_STORE_H

#include <stddef.h>
#include <stdint.h>

#define STORE_SCHEMA_VERSION 4
#define STORE_APPLICATION_ID 0x48495043 /* "HIPC" */

struct store_db; /* the engine's connection, opaque outside src/store */

struct store {
	struct store_db *db;
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
 * on this one's own writes; -1 on error. A cache
 * compares it to know when to read again.
 */
int64_t store_data_version(struct store *st);

#endif
