/* SQLite persistence: opening, identifying, migrating, transactions and bound queries. */
#include "store.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/embed.h"
#include "lib/error.h"
#include "lib/strbuf.h"
#include "lib/xalloc.h"
#include "sql.h"

/* The SQLite handles behind the store's opaque types. */
#define DB(st)	((sqlite3 *)(st)->db)
#define STMT(s) ((sqlite3_stmt *)(s))

char *store_default_path(const char *explicit_path)
{
	const char *env;
	struct strbuf sb = STRBUF_INIT;

	if (explicit_path && *explicit_path)
		return xstrdup(explicit_path);
	env = getenv("HIPCOACH_DB");
	if (env && *env)
		return xstrdup(env);
	env = getenv("XDG_DATA_HOME");
	if (env && *env == '/') {
		strbuf_addf(&sb, "%s/hipcoach/hipcoach.db", env);
	} else {
		env = getenv("HOME");
		strbuf_addf(&sb, "%s/.local/share/hipcoach/hipcoach.db", env && *env ? env : ".");
	}
	return strbuf_detach(&sb, NULL);
}

/* mkdir -p for the folder holding `path`, private to the user. */
static int make_parent_dirs(const char *path)
{
	char *dir = xstrdup(path);
	int ret = 0;

	for (char *p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) && errno != EEXIST) {
			ret = error_set("cannot create '%s': %s", dir, strerror(errno));
			break;
		}
		*p = '/';
	}
	free(dir);
	return ret;
}

static int bind_args(sqlite3_stmt *stmt, const char *types, va_list ap)
{
	int n = sqlite3_bind_parameter_count(stmt);
	int i = 0, rc = SQLITE_OK;

	for (; types && types[i] && rc == SQLITE_OK; i++) {
		int col = i + 1;

		switch (types[i]) {
		case 't': {
			const char *s = va_arg(ap, const char *);

			rc = s ? sqlite3_bind_text(stmt, col, s, -1, SQLITE_TRANSIENT)
			       : sqlite3_bind_null(stmt, col);
			break;
		}
		case 'i': rc = sqlite3_bind_int(stmt, col, va_arg(ap, int)); break;
		case 'j': {
			int v = va_arg(ap, int);

			rc = v < 0 ? sqlite3_bind_null(stmt, col) : sqlite3_bind_int(stmt, col, v);
			break;
		}
		case 'l': rc = sqlite3_bind_int64(stmt, col, va_arg(ap, int64_t)); break;
		case 'd': rc = sqlite3_bind_double(stmt, col, va_arg(ap, double)); break;
		case 'e': {
			double v = va_arg(ap, double);

			rc = v < 0 ? sqlite3_bind_null(stmt, col)
				   : sqlite3_bind_double(stmt, col, v);
			break;
		}
		default: BUG("store: bad bind type '%c'", types[i]);
		}
	}
	if (i != n)
		BUG("store: %d values bound for %d parameters", i, n);
	return rc == SQLITE_OK ? 0 : -1;
}

static sqlite3_stmt *vprepare(struct store *st, const char *sql, const char *types, va_list ap)
{
	sqlite3_stmt *stmt = NULL;

	if (sqlite3_prepare_v2(DB(st), sql, -1, &stmt, NULL) != SQLITE_OK) {
		error_set("database '%s': %s", st->path, sqlite3_errmsg(DB(st)));
		return NULL;
	}
	if (bind_args(stmt, types, ap)) {
		error_set("database '%s': %s", st->path, sqlite3_errmsg(DB(st)));
		sqlite3_finalize(stmt);
		return NULL;
	}
	return stmt;
}

struct store_stmt *store_prepare(struct store *st, const char *sql, const char *types, ...)
{
	va_list ap;
	sqlite3_stmt *stmt;

	va_start(ap, types);
	stmt = vprepare(st, sql, types, ap);
	va_end(ap);
	return (struct store_stmt *)stmt;
}

void store_finalize(struct store_stmt *stmt)
{
	sqlite3_finalize(STMT(stmt));
}

static int step(struct store *st, sqlite3_stmt *stmt)
{
	int rc = sqlite3_step(stmt);

	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return error_set("database '%s': %s", st->path, sqlite3_errmsg(DB(st)));
}

int store_step(struct store *st, struct store_stmt *stmt)
{
	return step(st, STMT(stmt));
}

int store_rows(struct store *st, struct store_stmt *stmt, size_t size,
	       void (*read)(struct store_stmt *stmt, void *row), void **out, size_t *n)
{
	char *rows = NULL;
	size_t alloc = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (!stmt)
		return -1;
	while ((rc = store_step(st, stmt)) > 0) {
		char *row;

		if (*n == alloc) {
			alloc = alloc ? alloc * 2 : 8;
			rows = xreallocarray(rows, alloc, size);
		}
		row = rows + (*n)++ * size;
		memset(row, 0, size);
		read(stmt, row);
	}
	store_finalize(stmt);
	if (rc < 0) {
		free(rows);
		*n = 0;
		return -1;
	}
	*out = rows;
	return 0;
}

int store_exec(struct store *st, const char *sql, const char *types, ...)
{
	va_list ap;
	sqlite3_stmt *stmt;
	int rc;

	va_start(ap, types);
	stmt = vprepare(st, sql, types, ap);
	va_end(ap);
	if (!stmt)
		return -1;
	while ((rc = step(st, stmt)) > 0)
		;
	sqlite3_finalize(stmt);
	return rc;
}

int64_t store_int(struct store *st, int64_t dflt, const char *sql, const char *types, ...)
{
	va_list ap;
	sqlite3_stmt *stmt;
	int64_t v = dflt;

	va_start(ap, types);
	stmt = vprepare(st, sql, types, ap);
	va_end(ap);
	if (!stmt)
		return dflt;
	if (step(st, stmt) > 0 && sqlite3_column_type(stmt, 0) != SQLITE_NULL)
		v = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	return v;
}

const char *store_col_text(struct store_stmt *stmt, int col)
{
	const unsigned char *s = sqlite3_column_text(STMT(stmt), col);

	return s ? (const char *)s : "";
}

int store_col_int(struct store_stmt *stmt, int col, int dflt)
{
	return store_col_is_null(stmt, col) ? dflt : sqlite3_column_int(STMT(stmt), col);
}

int64_t store_col_int64(struct store_stmt *stmt, int col, int64_t dflt)
{
	return store_col_is_null(stmt, col) ? dflt : sqlite3_column_int64(STMT(stmt), col);
}

double store_col_double(struct store_stmt *stmt, int col, double dflt)
{
	return store_col_is_null(stmt, col) ? dflt : sqlite3_column_double(STMT(stmt), col);
}

int store_col_is_null(struct store_stmt *stmt, int col)
{
	return sqlite3_column_type(STMT(stmt), col) == SQLITE_NULL;
}

int64_t store_last_id(struct store *st)
{
	return sqlite3_last_insert_rowid(DB(st));
}

int64_t store_data_version(struct store *st)
{
	return store_int(st, -1, "PRAGMA data_version", "");
}

int store_exec_script(struct store *st, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(DB(st), sql, NULL, NULL, &msg) != SQLITE_OK) {
		error_set("database '%s': %s", st->path, msg ? msg : sqlite3_errmsg(DB(st)));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

int store_begin(struct store *st)
{
	if (st->depth++)
		return 0;
	if (store_exec_script(st, "BEGIN IMMEDIATE")) {
		st->depth = 0;
		return -1;
	}
	return 0;
}

int store_commit(struct store *st)
{
	if (!st->depth)
		BUG("store_commit without store_begin");
	if (--st->depth)
		return 0;
	if (store_exec_script(st, "COMMIT")) {
		sqlite3_exec(DB(st), "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	return 0;
}

void store_rollback(struct store *st)
{
	if (!st->depth)
		return;
	st->depth = 0;
	if (!sqlite3_get_autocommit(DB(st)))
		sqlite3_exec(DB(st), "ROLLBACK", NULL, NULL, NULL);
}

/*
 * Migrations from version N to N+1, applied in order inside one transaction.
 * schema.sql is the whole schema, one part per version: version 1 up to the
 * first "-- @version 2" line, then each "-- @version N" part holds what
 * version N adds. A new database runs all of it; an older one the parts
 * after its version, so the schema is written once.
 */
static int migrate(struct store *st, int from)
{
	const struct embedded_file *schema = embed_find("src/store/schema.sql");
	struct strbuf sb = STRBUF_INIT;
	const char *text;
	int64_t version;
	int ret = -1;

	if (!schema)
		BUG("schema not embedded");
	text = (const char *)schema->data;
	if (from > 0) {
		strbuf_addf(&sb, "\n-- @version %d", from + 1);
		text = strstr(text, sb.buf);
		if (!text)
			BUG("schema.sql has no part for version %d", from + 1);
		strbuf_reset(&sb);
	}
	if (store_begin(st))
		return -1;
	if (store_exec_script(st, text))
		goto out;
	/*
	 * A part may rewrite a table's definition in place (PRAGMA
	 * writable_schema): a later schema version makes this connection read
	 * the schema again (sqlite.org/lang_altertable.html, section 7).
	 */
	version = store_int(st, -1, "PRAGMA schema_version", "");
	if (version < 0)
		goto out;
	strbuf_addf(&sb,
		    "PRAGMA schema_version = %lld; PRAGMA application_id = %d; PRAGMA "
		    "user_version = %d",
		    (long long)version + 1, STORE_APPLICATION_ID, STORE_SCHEMA_VERSION);
	if (store_exec_script(st, sb.buf))
		goto out;
	ret = store_commit(st);
out:
	if (ret)
		store_rollback(st);
	strbuf_release(&sb);
	return ret;
}

/* Reads application_id and user_version without writing anything. */
static int identify(const char *path, int *app_id, int *version)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *stmt = NULL;
	int ret = -1;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		error_set("cannot open database '%s': %s", path,
			  db ? sqlite3_errmsg(db) : "out of memory");
		goto out;
	}
	if (sqlite3_prepare_v2(db, "PRAGMA application_id", -1, &stmt, NULL) != SQLITE_OK ||
	    sqlite3_step(stmt) != SQLITE_ROW) {
		error_set("'%s' is not a hipcoach database (%s)", path, sqlite3_errmsg(db));
		goto out;
	}
	*app_id = sqlite3_column_int(stmt, 0);
	sqlite3_finalize(stmt);
	stmt = NULL;
	if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &stmt, NULL) != SQLITE_OK ||
	    sqlite3_step(stmt) != SQLITE_ROW) {
		error_set("'%s' is not a hipcoach database (%s)", path, sqlite3_errmsg(db));
		goto out;
	}
	*version = sqlite3_column_int(stmt, 0);
	ret = 0;
	if (*app_id == 0 && *version == 0) {
		/* An empty SQLite file we may initialise; one with tables is someone else's. */
		sqlite3_finalize(stmt);
		stmt = NULL;
		if (sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_master", -1, &stmt, NULL) ==
			SQLITE_OK &&
		    sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_int(stmt, 0) > 0)
			ret = error_set("'%s' is not a hipcoach database", path);
	}
out:
	sqlite3_finalize(stmt);
	sqlite3_close(db);
	return ret;
}

int store_open(struct store *st, const char *path, unsigned flags)
{
	struct stat sbuf;
	sqlite3 *db = NULL;
	int app_id = 0, version = 0, exists, oflags;

	memset(st, 0, sizeof(*st));
	exists = stat(path, &sbuf) == 0;
	if (!exists) {
		int fd;

		if (!(flags & STORE_CREATE) || (flags & STORE_READONLY))
			return error_set("no database at '%s' yet: run 'hipcoach setup' first",
					 path);
		if (make_parent_dirs(path))
			return -1;
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd < 0 && errno != EEXIST)
			return error_set("cannot create database '%s': %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
	} else {
		if (S_ISDIR(sbuf.st_mode))
			return error_set("cannot open database '%s': Is a directory", path);
		if (sbuf.st_size > 0 && identify(path, &app_id, &version))
			return -1;
		if (app_id != 0 && app_id != STORE_APPLICATION_ID)
			return error_set("'%s' is not a hipcoach database", path);
		if (version > STORE_SCHEMA_VERSION)
			return error_set(
			    "'%s' was written by a newer hipcoach (schema %d, this one "
			    "reads up to %d): upgrade hipcoach",
			    path, version, STORE_SCHEMA_VERSION);
	}

	oflags = (flags & STORE_READONLY) ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
	if (sqlite3_open_v2(path, &db, oflags | SQLITE_OPEN_NOFOLLOW, NULL) != SQLITE_OK) {
		error_set("cannot open database '%s': %s", path,
			  db ? sqlite3_errmsg(db) : "out of memory");
		sqlite3_close(db);
		return -1;
	}
	st->path = xstrdup(path);
	st->db = (struct store_db *)db;
	sqlite3_busy_timeout(db, 5000);
	sqlite3_extended_result_codes(DB(st), 1);
	if (store_exec_script(st, "PRAGMA foreign_keys = ON"))
		goto fail;
	if (!(flags & STORE_READONLY)) {
		if (store_exec_script(st, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL"))
			goto fail;
		if (version < STORE_SCHEMA_VERSION && migrate(st, version))
			goto fail;
	} else if (version < STORE_SCHEMA_VERSION) {
		error_set("database '%s' needs an upgrade: run any hipcoach command that writes",
			  path);
		goto fail;
	}
	return 0;
fail:
	store_close(st);
	return -1;
}

void store_close(struct store *st)
{
	if (DB(st))
		sqlite3_close_v2(DB(st));
	free(st->path);
	memset(st, 0, sizeof(*st));
}
