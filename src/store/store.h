/* The store: open and migrate the database, and transactions. The typed calls of each table live in
 * the other headers of src/store; none of them names a type of the database engine behind it. */
#ifndef HIPCOACH_STORE_H
#define HIPCOACH_STORE_H

#include <stddef.h>
#include <stdint.h>

#define STORE_SCHEMA_VERSION 6
#define STORE_APPLICATION_ID 0x48495043 /* "HIPC" */
/*
 * How long a writer waits for another one to finish (a session being saved,
 * an import) before it gives up and says who holds the database. An import
 * of years of runs commits in well under this.
 */
#define STORE_BUSY_WAIT_MS 5000

struct store_db; /* the engine's connection, opaque outside src/store */

/* What kind of failure the last failed call met, for a face that answers by kind (HTTP 503). */
enum store_failure {
	STORE_FAIL_OTHER = 0,
	STORE_FAIL_BUSY,     /* another writer held the database past STORE_BUSY_WAIT_MS */
	STORE_FAIL_FULL,     /* the disk is full */
	STORE_FAIL_READONLY, /* the file, its folder or its disk is read-only */
	STORE_FAIL_DAMAGED,  /* the database failed its integrity check */
};

/* The engine behind a connection: SQLite for one runner, PostgreSQL for a clinic's server. */
enum store_engine {
	STORE_SQLITE = 0,
	STORE_POSTGRES,
};

struct store {
	struct store_db *db;
	enum store_engine engine;
	char *path;	    /* the file, or the PostgreSQL database's name for messages */
	int depth;	    /* nesting of store_begin() */
	char *readonly_why; /* opened for writing but only readable: why ("the disk is full") */
	int checked;	    /* the integrity check before the first write has run */
	int damaged;	    /* the database failed its integrity check: nothing is written */
	enum store_failure failure; /* of the last call that failed */
	int64_t changes;	    /* PostgreSQL: rows this connection wrote */
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
 * A foreign file, an empty (0-byte) one or one from a newer hipcoach is
 * rejected without being modified. A new database appears whole: it is
 * made beside `path` and linked into place. One that cannot be written (a
 * read-only folder, a full disk) opens for reading, and every write then
 * fails with that cause (readonly_why). The connection belongs to one
 * thread. 0 or -1 (error_last() says why).
 *
 * Before the first write of a connection, and when a write fails in a way
 * that may mean damage, the database's structure is checked (PRAGMA
 * quick_check); a damaged database is never written to again by this
 * connection, and every error about it says how to recover. A writer
 * waits up to STORE_BUSY_WAIT_MS for another, then names the command that
 * holds the database.
 *
 * A `path` that is a PostgreSQL URI ("postgresql://USER@/DB?host=/run/pg")
 * opens that database instead, for a clinic's server: libpq is loaded
 * then (src/lib/dlib.h), never by a program that opens a file. Its schema
 * (src/store/pg/schema.sql) is migrated like the file's, every table of a
 * patient's record holds the clinic and the patient of each row, and the
 * connection reads and writes nothing of them until store_scope() names a
 * patient. It must log in as an ordinary role, one that row-level security
 * binds (not a superuser, not BYPASSRLS): otherwise it is refused.
 */
int store_open(struct store *st, const char *path, unsigned flags);
/* Whether `path` names a PostgreSQL database (a postgresql:// or postgres:// URI), not a file. */
int store_path_is_postgres(const char *path);
void store_close(struct store *st);

/*
 * PostgreSQL: from now on this connection reads and writes the record of
 * patient `patient` of clinic `clinic` alone, with the same typed calls a
 * runner's file answers (row-level security, src/store/pg/schema.sql).
 * The patient must belong to the clinic. 0, or -1 (also on a SQLite file,
 * which holds one runner and no clinic).
 */
int store_scope(struct store *st, int64_t clinic, int64_t patient);

/*
 * Checks the structure of the whole database (PRAGMA quick_check): 0 if
 * sound, else -1 with a message that says it is damaged and how to recover.
 * Run before a backup.
 */
int store_check(struct store *st);

/*
 * Transactions nest: only the outermost begin/commit reach the engine, and
 * a rollback at any depth rolls the whole transaction back. On PostgreSQL
 * the outermost begin also waits (up to STORE_BUSY_WAIT_MS) for any other
 * writer of the same patient, as SQLite's write lock makes writers of a
 * file take turns.
 */
int store_begin(struct store *st);
int store_commit(struct store *st);
void store_rollback(struct store *st);

/*
 * A number that moves when another connection commits to the database, not
 * on this one's own writes (PostgreSQL: it may also move when nothing this
 * patient reads changed); -1 on error. A cache
 * compares it to know when to read again.
 */
int64_t store_data_version(struct store *st);

#endif
