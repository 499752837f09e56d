/* SQLite persistence: opening, identifying, migrating, transactions and bound queries; each helper
 * hands a PostgreSQL connection to src/store/pg/pg.c. */
#include "store.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/embed.h"
#include "lib/error.h"
#include "lib/fileio.h"
#include "lib/strbuf.h"
#include "lib/xalloc.h"
#include "engine.h"
#include "sql.h"

/* The SQLite connection behind the store's opaque type. */
#define DB(st)	((sqlite3 *)(st)->db)
#define PG(st)	((st)->engine == STORE_POSTGRES)

/*
 * One connection per thread (each web server thread opens its own), so
 * SQLite's own mutexes on it are not needed.
 */
#define OPEN_FLAGS (SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_NOMUTEX)

/*
 * Where SQLite holds a writer's lock (sqlite.org/walformat.html, section
 * 2.3.1; sqlite.org/lockingv3.html): in WAL mode the write lock is byte 120
 * of the -shm file, and the bytes after it guard checkpoints and recovery;
 * in rollback mode, the reserved and exclusive locks sit at 1 GiB in the
 * database file.
 */
#define SHM_LOCK_FIRST	120
#define SHM_LOCK_LAST	127
#define DB_PENDING_BYTE 0x40000000LL
/* How much of the holding command's line a busy message shows. */
#define HOLDER_MAX_CHARS 60

static int check_integrity(struct store *st);

/*
 * ":INODE", the end of the "dev:ino" that /proc/locks writes ("fe:00:10961847")
 * for the file at `path`; "" if none. The inode alone decides: on an overlay
 * file system the device the kernel names is not the one stat() gives.
 */
static void lock_id(struct strbuf *sb, const char *path)
{
	struct stat s;

	if (stat(path, &s) == 0)
		strbuf_addf(sb, ":%llu", (unsigned long long)s.st_ino);
}

/* The lock's "dev:ino" field names the file whose lock_id() is `id`. */
static int lock_is_on(const char *field, const struct strbuf *id)
{
	size_t n = strlen(field);

	return id->len && n > id->len && !strcmp(field + n - id->len, id->buf);
}

/* Appends "'CMD ARGS' (pid N)" for process `pid`, or "the process N" when /proc hides it. */
static void describe_process(struct strbuf *out, long pid)
{
	struct strbuf path = STRBUF_INIT, cmd = STRBUF_INIT;
	const char *name;

	strbuf_addf(&path, "/proc/%ld/cmdline", pid);
	if (strbuf_read_file(&cmd, path.buf, 4096) || !cmd.len) {
		strbuf_addf(out, "the process %ld", pid);
		goto out;
	}
	/* The arguments, NUL-separated, as one line with single spaces. */
	for (size_t i = 0, j = 0; i <= cmd.len; i++) {
		int space = i == cmd.len || (unsigned char)cmd.buf[i] <= ' ';

		if (!space)
			cmd.buf[j++] = cmd.buf[i];
		else if (i < cmd.len && j && cmd.buf[j - 1] != ' ')
			cmd.buf[j++] = ' ';
		if (i == cmd.len)
			strbuf_setlen(&cmd, j);
	}
	strbuf_rtrim(&cmd);
	/* The program by its name, not the folder it was run from. */
	name = cmd.buf;
	for (const char *p = cmd.buf; *p && *p != ' '; p++)
		if (*p == '/')
			name = p + 1;
	if (strlen(name) > HOLDER_MAX_CHARS)
		strbuf_addf(out, "'%.*s…' (pid %ld)", HOLDER_MAX_CHARS, name, pid);
	else
		strbuf_addf(out, "'%s' (pid %ld)", name, pid);
out:
	strbuf_release(&path);
	strbuf_release(&cmd);
}

/*
 * Who holds the write lock of the database at `path`, from the kernel's
 * table of locks (so a killed holder is never named): appends it to `out`
 * and returns 1, or 0 when it cannot be told.
 */
static int describe_holder(struct strbuf *out, const char *path)
{
	struct strbuf shm = STRBUF_INIT, db = STRBUF_INIT, line = STRBUF_INIT;
	long found = 0, self = 0;
	FILE *f;

	strbuf_addf(&line, "%s-shm", path);
	lock_id(&shm, line.buf);
	lock_id(&db, path);
	f = fopen("/proc/locks", "re");
	if (!f)
		goto out;
	for (char buf[256]; !found && fgets(buf, sizeof(buf), f);) {
		/* "1: POSIX  ADVISORY  WRITE 27262 fe:00:10961847 120 120"; waiters say "->". */
		char *tok[8], *save = NULL, *p = buf;
		int n = 0;
		long pid;
		long long first;

		while (n < 8 && (tok[n] = strtok_r(p, " \n", &save)))
			n++, p = NULL;
		if (n < 8 || strcmp(tok[1], "POSIX") || strcmp(tok[3], "WRITE"))
			continue;
		pid = strtol(tok[4], NULL, 10);
		first = strtoll(tok[6], NULL, 10);
		if (pid <= 0)
			continue;
		if ((lock_is_on(tok[5], &shm) && first >= SHM_LOCK_FIRST &&
		     first <= SHM_LOCK_LAST) ||
		    (lock_is_on(tok[5], &db) && first >= DB_PENDING_BYTE)) {
			if (pid == (long)getpid())
				self = pid;
			else
				found = pid;
		}
	}
	fclose(f);
	/* Another connection of this same process (a web server thread) holds it. */
	if (!found && self) {
		describe_process(out, self);
		strbuf_addstr(out, ", this same program,");
		found = self;
	}
	if (found && found != self)
		describe_process(out, found);
out:
	strbuf_release(&shm);
	strbuf_release(&db);
	strbuf_release(&line);
	return found != 0;
}

static int busy_error(struct store *st)
{
	struct strbuf who = STRBUF_INIT;
	int ret;

	st->failure = STORE_FAIL_BUSY;
	if (!describe_holder(&who, st->path))
		strbuf_addstr(&who, "another program");
	ret = error_set("the database '%s' is busy: %s is writing to it, and hipcoach waited %d s "
			"for it; try again when it is done",
			st->path, who.buf, STORE_BUSY_WAIT_MS / 1000);
	strbuf_release(&who);
	return ret;
}

static int damaged_error(struct store *st, const char *detail)
{
	st->damaged = 1;
	st->failure = STORE_FAIL_DAMAGED;
	return error_set(
	    "the database '%s' is damaged (%s), so hipcoach stops writing to it\n"
	    "  To recover, restore your last backup into a new database:\n"
	    "    hipcoach --db NEW.db import-backup BACKUP.json\n"
	    "  or save what is left of it with sqlite3 (.recover or .dump), as 'When\n"
	    "  something goes wrong' in the README shows; then put NEW.db in its place",
	    st->path, detail);
}

static int full_error(struct store *st)
{
	st->failure = STORE_FAIL_FULL;
	return error_set("the disk holding '%s' is full: nothing was saved; free some space and "
			 "try again",
			 st->path);
}

static int readonly_error(struct store *st)
{
	/* A full disk frees up; a read-only place needs the runner to act on it. */
	int full = strstr(st->readonly_why, " is full") != NULL;

	st->failure = full ? STORE_FAIL_FULL : STORE_FAIL_READONLY;

	return error_set("%s, so hipcoach can show your record but cannot save to it%s",
			 st->readonly_why, full ? ": free some space and try again" : "");
}

/*
 * The error of the last call on the connection, named by its cause: busy
 * (and who holds it), a full disk, a read-only place, damage. A write that
 * fails with an input/output error checks the database for damage.
 */
static int db_error(struct store *st)
{
	sqlite3 *db = DB(st);
	int code = sqlite3_extended_errcode(db), sys = sqlite3_system_errno(db);
	struct strbuf msg = STRBUF_INIT;
	int ret;

	strbuf_addstr(&msg, sqlite3_errmsg(db));
	st->failure = STORE_FAIL_OTHER;
	switch (code & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED: ret = busy_error(st); break;
	case SQLITE_FULL: ret = full_error(st); break;
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB: ret = damaged_error(st, msg.buf); break;
	case SQLITE_READONLY:
		if (st->readonly_why) {
			ret = readonly_error(st);
			break;
		}
		/* fall through */
	case SQLITE_IOERR:
	case SQLITE_CANTOPEN:
		if (sys == ENOSPC
#ifdef EDQUOT
		    || sys == EDQUOT
#endif
		) {
			ret = full_error(st);
			break;
		}
		if ((code & 0xff) == SQLITE_IOERR && !st->damaged && check_integrity(st) &&
		    st->damaged) {
			ret = -1;
			break;
		}
		ret = sys ? error_set("database '%s': %s (%s)", st->path, msg.buf, strerror(sys))
			  : error_set("database '%s': %s", st->path, msg.buf);
		break;
	default: ret = error_set("database '%s': %s", st->path, msg.buf); break;
	}
	strbuf_release(&msg);
	return ret;
}

/*
 * Runs PRAGMA quick_check: 0 when sound, -1 with the damage recorded (and
 * st->damaged set), or -1 with st->damaged unset when the check itself
 * could not run.
 */
static int check_integrity(struct store *st)
{
	sqlite3_stmt *stmt = NULL;
	struct strbuf first = STRBUF_INIT;
	int rc, ret = 0;

	rc = sqlite3_prepare_v2(DB(st), "PRAGMA quick_check(1)", -1, &stmt, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		const unsigned char *s = sqlite3_column_text(stmt, 0);

		const char *main_db = "*** in database main ***\n";

		if (s && !strncmp((const char *)s, main_db, strlen(main_db)))
			s += strlen(main_db);
		strbuf_addstr(&first, s ? (const char *)s : "");
		if (strcmp(first.buf, "ok"))
			ret = -1;
	} else {
		strbuf_addstr(&first, sqlite3_errmsg(DB(st)));
		ret = -1;
		if ((rc & 0xff) != SQLITE_CORRUPT && (rc & 0xff) != SQLITE_NOTADB) {
			/* Not damage that was found: why the check could not run. */
			sqlite3_finalize(stmt);
			stmt = NULL;
			error_set("cannot check the database '%s': %s", st->path, first.buf);
			goto out;
		}
	}
	if (ret)
		damaged_error(st, first.buf);
out:
	sqlite3_finalize(stmt);
	strbuf_release(&first);
	return ret;
}

int store_check(struct store *st)
{
	/* PostgreSQL checks its own pages as it reads them (initdb --data-checksums). */
	if (PG(st))
		return 0;
	if (st->damaged)
		return damaged_error(st, "it failed its check before");
	return check_integrity(st);
}

/* Before anything is written: a place we can write to, and a database that is sound. */
static int write_gate(struct store *st)
{
	if (st->readonly_why)
		return readonly_error(st);
	if (st->damaged)
		return damaged_error(st, "it failed its check before");
	if (!st->checked) {
		if (check_integrity(st))
			return -1;
		st->checked = 1;
	}
	return 0;
}

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
		db_error(st);
		return NULL;
	}
	/* A write outside a transaction passes the same gate as store_begin(). */
	if (!st->depth && !sqlite3_stmt_readonly(stmt) && write_gate(st)) {
		sqlite3_finalize(stmt);
		return NULL;
	}
	if (bind_args(stmt, types, ap)) {
		error_set("database '%s': %s", st->path, sqlite3_errmsg(DB(st)));
		sqlite3_finalize(stmt);
		return NULL;
	}
	return stmt;
}

/* The statement of either engine, bound; NULL on error. */
static struct store_stmt *vprepare_any(struct store *st, const char *sql, const char *types,
				       va_list ap)
{
	struct store_stmt *stmt;
	sqlite3_stmt *lite = NULL;
	struct pg_stmt *pg = NULL;

	if (PG(st)) {
		pg = pg_prepare(st, sql);
		if (pg)
			pg_bind(pg, types, ap);
	} else
		lite = vprepare(st, sql, types, ap);
	if (!lite && !pg)
		return NULL;
	stmt = xmalloc(sizeof(*stmt));
	stmt->lite = lite;
	stmt->pg = pg;
	return stmt;
}

struct store_stmt *store_prepare(struct store *st, const char *sql, const char *types, ...)
{
	va_list ap;
	struct store_stmt *stmt;

	va_start(ap, types);
	stmt = vprepare_any(st, sql, types, ap);
	va_end(ap);
	return stmt;
}

void store_finalize(struct store_stmt *stmt)
{
	if (!stmt)
		return;
	if (stmt->pg)
		pg_finalize(stmt->pg);
	else
		sqlite3_finalize(stmt->lite);
	free(stmt);
}

struct store_stmt *store_keep(struct store *st, const char *sql)
{
	struct store_stmt *stmt;
	sqlite3_stmt *lite = NULL;
	struct pg_stmt *pg = NULL;

	if (PG(st)) {
		pg = pg_prepare(st, sql);
		if (!pg)
			return NULL;
	} else if (sqlite3_prepare_v3(DB(st), sql, -1, SQLITE_PREPARE_PERSISTENT, &lite, NULL) !=
		   SQLITE_OK) {
		db_error(st);
		sqlite3_finalize(lite);
		return NULL;
	}
	stmt = xmalloc(sizeof(*stmt));
	stmt->lite = lite;
	stmt->pg = pg;
	return stmt;
}

void store_reset(struct store_stmt *stmt)
{
	if (stmt->pg) {
		pg_reset(stmt->pg);
		return;
	}
	sqlite3_reset(stmt->lite);
	sqlite3_clear_bindings(stmt->lite);
}

int store_bind(struct store *st, struct store_stmt *stmt, const char *types, ...)
{
	va_list ap;
	int rc = 0;

	va_start(ap, types);
	if (stmt->pg) {
		pg_bind(stmt->pg, types, ap);
	} else {
		store_reset(stmt);
		rc = bind_args(stmt->lite, types, ap);
		if (rc)
			error_set("database '%s': %s", st->path, sqlite3_errmsg(DB(st)));
	}
	va_end(ap);
	return rc;
}

static int step(struct store *st, sqlite3_stmt *stmt)
{
	int rc = sqlite3_step(stmt);

	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return db_error(st);
}

int store_step(struct store *st, struct store_stmt *stmt)
{
	return stmt->pg ? pg_step(st, stmt->pg) : step(st, stmt->lite);
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
	struct store_stmt *stmt;
	int rc;

	va_start(ap, types);
	stmt = vprepare_any(st, sql, types, ap);
	va_end(ap);
	if (!stmt)
		return -1;
	while ((rc = store_step(st, stmt)) > 0)
		;
	store_finalize(stmt);
	return rc;
}

int64_t store_int(struct store *st, int64_t dflt, const char *sql, const char *types, ...)
{
	va_list ap;
	struct store_stmt *stmt;
	int64_t v = dflt;

	va_start(ap, types);
	stmt = vprepare_any(st, sql, types, ap);
	va_end(ap);
	if (!stmt)
		return dflt;
	if (store_step(st, stmt) > 0)
		v = store_col_int64(stmt, 0, dflt);
	store_finalize(stmt);
	return v;
}

/*
 * PostgreSQL gives every value as text: integers and reals are read back
 * from it, and a truth value ("t", "f": what `count(*) > 0` gives there)
 * as 1 or 0, as SQLite gives it.
 */
static int64_t pg_int64(const char *s)
{
	if (!strcmp(s, "t"))
		return 1;
	if (!strcmp(s, "f"))
		return 0;
	return strtoll(s, NULL, 10);
}

const char *store_col_text(struct store_stmt *stmt, int col)
{
	const char *s = stmt->pg ? pg_col_text(stmt->pg, col)
				 : (const char *)sqlite3_column_text(stmt->lite, col);

	return s ? s : "";
}

int store_col_int(struct store_stmt *stmt, int col, int dflt)
{
	if (store_col_is_null(stmt, col))
		return dflt;
	return stmt->pg ? (int)pg_int64(pg_col_text(stmt->pg, col))
			: sqlite3_column_int(stmt->lite, col);
}

int64_t store_col_int64(struct store_stmt *stmt, int col, int64_t dflt)
{
	if (store_col_is_null(stmt, col))
		return dflt;
	return stmt->pg ? pg_int64(pg_col_text(stmt->pg, col))
			: sqlite3_column_int64(stmt->lite, col);
}

double store_col_double(struct store_stmt *stmt, int col, double dflt)
{
	if (store_col_is_null(stmt, col))
		return dflt;
	return stmt->pg ? strtod(pg_col_text(stmt->pg, col), NULL)
			: sqlite3_column_double(stmt->lite, col);
}

int store_col_is_null(struct store_stmt *stmt, int col)
{
	if (stmt->pg)
		return pg_col_text(stmt->pg, col) == NULL;
	return sqlite3_column_type(stmt->lite, col) == SQLITE_NULL;
}

int64_t store_last_id(struct store *st)
{
	return PG(st) ? pg_last_id(st) : sqlite3_last_insert_rowid(DB(st));
}

int64_t store_changes(struct store *st)
{
	return PG(st) ? st->changes : sqlite3_total_changes64(DB(st));
}

int64_t store_data_version(struct store *st)
{
	if (PG(st))
		return pg_data_version(st);
	return store_int(st, -1, "PRAGMA data_version", "");
}

int store_exec_script(struct store *st, const char *sql)
{
	char *msg = NULL;

	if (PG(st))
		return pg_exec_script(st, sql);
	if (sqlite3_exec(DB(st), sql, NULL, NULL, &msg) != SQLITE_OK) {
		sqlite3_free(msg);
		return db_error(st);
	}
	return 0;
}

int store_begin(struct store *st)
{
	if (st->depth++)
		return 0;
	if (PG(st)) {
		if (pg_begin(st)) {
			st->depth = 0;
			return -1;
		}
		return 0;
	}
	if (st->readonly_why || st->damaged) {
		st->depth = 0;
		return write_gate(st);
	}
	if (store_exec_script(st, "BEGIN IMMEDIATE")) {
		st->depth = 0;
		return -1;
	}
	/* Checked under the write lock, so nothing changes between the check and the write. */
	if (write_gate(st)) {
		sqlite3_exec(DB(st), "ROLLBACK", NULL, NULL, NULL);
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
	if (PG(st))
		return pg_commit(st);
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
	if (PG(st))
		pg_rollback(st);
	else if (!sqlite3_get_autocommit(DB(st)))
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

/* The log of a WAL database holds nothing: everything is in the file itself. */
static int wal_empty(const char *path)
{
	struct strbuf wal = STRBUF_INIT;
	struct stat s;
	int empty;

	strbuf_addf(&wal, "%s-wal", path);
	empty = stat(wal.buf, &s) ? errno == ENOENT : s.st_size == 0;
	strbuf_release(&wal);
	return empty;
}

/* "file:PATH?immutable=1", the path escaped as a URI wants (sqlite.org/uri.html). */
static void immutable_uri(struct strbuf *sb, const char *path)
{
	strbuf_addstr(sb, "file:");
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if (*p == '?' || *p == '#' || *p == '%' || *p <= ' ' || *p >= 0x7f)
			strbuf_addf(sb, "%%%02X", *p);
		else
			strbuf_addch(sb, *p);
	}
	strbuf_addstr(sb, "?immutable=1");
}

/*
 * Opens `path` for reading and reads its header. Readers of a WAL database
 * need its shared-memory file, which a read-only folder, a read-only disk
 * or a full one cannot give them; when the log is empty everything is in
 * the file itself, and it is read as immutable instead
 * (sqlite.org/uri.html, "immutable"). 0, or -1 with *out holding the
 * connection that says why (or NULL).
 */
static int connect_read(const char *path, sqlite3 **out)
{
	sqlite3 *db = NULL;
	int rc;

	rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY | OPEN_FLAGS, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, "PRAGMA application_id", NULL, NULL, NULL);
	if (rc != SQLITE_OK && db) {
		int primary = sqlite3_extended_errcode(db) & 0xff;

		if ((primary == SQLITE_CANTOPEN || primary == SQLITE_IOERR ||
		     primary == SQLITE_READONLY || primary == SQLITE_FULL) &&
		    wal_empty(path)) {
			struct strbuf uri = STRBUF_INIT;
			sqlite3 *imm = NULL;

			immutable_uri(&uri, path);
			rc = sqlite3_open_v2(uri.buf, &imm,
					     SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | OPEN_FLAGS,
					     NULL);
			if (rc == SQLITE_OK)
				rc = sqlite3_exec(imm, "PRAGMA application_id", NULL, NULL, NULL);
			strbuf_release(&uri);
			if (rc == SQLITE_OK) {
				sqlite3_close(db);
				db = imm;
			} else {
				sqlite3_close(imm);
			}
		}
	}
	*out = db;
	return rc == SQLITE_OK ? 0 : -1;
}

/* Why `path` could not be opened (db: the connection that failed, or NULL). */
static int open_error(const char *path, sqlite3 *db)
{
	struct store st = {.db = (struct store_db *)db, .path = (char *)path};
	int code, sys;

	if (!db)
		return error_set("cannot open database '%s': out of memory", path);
	code = sqlite3_extended_errcode(db) & 0xff;
	sys = sqlite3_system_errno(db);
	if (code == SQLITE_NOTADB)
		return error_set("'%s' is not a hipcoach database (%s)", path, sqlite3_errmsg(db));
	if (code == SQLITE_CORRUPT)
		return damaged_error(&st, sqlite3_errmsg(db));
	if (code == SQLITE_FULL || sys == ENOSPC)
		return error_set("the disk holding '%s' is full, so hipcoach cannot even read it: "
				 "free some space and try again",
				 path);
	if (sys)
		return error_set("cannot open database '%s': %s", path, strerror(sys));
	return error_set("cannot open database '%s': %s", path, sqlite3_errmsg(db));
}

/* Reads application_id and user_version without writing anything. */
static int identify(const char *path, int *app_id, int *version)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *stmt = NULL;
	int ret = -1;

	if (connect_read(path, &db)) {
		open_error(path, db);
		goto out;
	}
	/* Two PRAGMAs read the header alone; their table-valued forms would parse the schema. */
	for (int i = 0; i < 2; i++) {
		if (sqlite3_prepare_v2(db, i ? "PRAGMA user_version" : "PRAGMA application_id", -1,
				       &stmt, NULL) != SQLITE_OK ||
		    sqlite3_step(stmt) != SQLITE_ROW) {
			open_error(path, db);
			goto out;
		}
		*(i ? version : app_id) = sqlite3_column_int(stmt, 0);
		sqlite3_finalize(stmt);
		stmt = NULL;
	}
	ret = 0;
	if (*app_id == 0 && *version == 0) {
		/* An empty SQLite file we may initialise; one with tables is someone else's. */
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

/*
 * Why a database we were asked to write can only be read, before trying:
 * a read-only file, folder or disk. A malloc'd sentence, or NULL.
 */
static char *readonly_cause(const char *path)
{
	struct strbuf sb = STRBUF_INIT, dir = STRBUF_INIT;

	file_dirname(&dir, path);
	if (access(path, W_OK) == 0 && access(dir.buf, W_OK) == 0)
		;
	else if (errno == EROFS)
		strbuf_addf(&sb, "the disk holding '%s' is read-only", path);
	else if (errno == EACCES || errno == EPERM)
		strbuf_addf(
		    &sb, access(path, W_OK) ? "'%s' is read-only" : "the folder '%s' is read-only",
		    access(path, W_OK) ? path : dir.buf);
	strbuf_release(&dir);
	if (!sb.len) {
		strbuf_release(&sb);
		return NULL;
	}
	return strbuf_detach(&sb, NULL);
}

/*
 * Creates the database at `path` whole: made and given its schema beside it
 * (temp_file_beside()), then linked into place, so that a run killed
 * half-way leaves no database rather than an empty one. Another run that
 * created it first wins.
 */
static int create_db(const char *path)
{
	struct strbuf tmp = STRBUF_INIT;
	struct store t;
	sqlite3 *db = NULL;
	int fd, ret = -1;

	if (make_parent_dirs(path))
		return -1;
	temp_files_clean(path);
	fd = temp_file_beside(path, &tmp);
	if (fd < 0) {
		error_set("cannot create database %s", error_last() + strlen("cannot write "));
		goto out;
	}
	if (sqlite3_open_v2(tmp.buf, &db, SQLITE_OPEN_READWRITE | OPEN_FLAGS, NULL) != SQLITE_OK) {
		open_error(path, db);
		goto out;
	}
	memset(&t, 0, sizeof(t));
	t.db = (struct store_db *)db;
	t.path = (char *)path;
	sqlite3_extended_result_codes(db, 1);
	if (migrate(&t, 0))
		goto out;
	if (sqlite3_close(db) != SQLITE_OK) {
		error_set("cannot create database '%s': %s", path, sqlite3_errmsg(db));
		goto out;
	}
	db = NULL;
	if (link(tmp.buf, path) && errno != EEXIST) {
		/* A file system without hard links: rename, unless another run got there. */
		if ((errno != EPERM && errno != EOPNOTSUPP) || !access(path, F_OK) ||
		    rename(tmp.buf, path)) {
			struct strbuf dir = STRBUF_INIT, cause = STRBUF_INIT;

			file_dirname(&dir, path);
			file_write_cause(&cause, errno, dir.buf);
			error_set("cannot create database '%s': %s", path, cause.buf);
			strbuf_release(&dir);
			strbuf_release(&cause);
			goto out;
		}
	}
	file_sync_dir(path);
	ret = 0;
out:
	if (db)
		sqlite3_close(db);
	if (fd >= 0) {
		unlink(tmp.buf);
		close(fd);
	}
	strbuf_release(&tmp);
	return ret;
}

/* The settings of every connection. */
static int configure(struct store *st)
{
	sqlite3_busy_timeout(DB(st), STORE_BUSY_WAIT_MS);
	sqlite3_extended_result_codes(DB(st), 1);
	return store_exec_script(st, "PRAGMA foreign_keys = ON");
}

int store_path_is_postgres(const char *path)
{
	return pg_is_uri(path);
}

int store_open(struct store *st, const char *path, unsigned flags)
{
	struct stat sbuf;
	sqlite3 *db = NULL;
	int app_id = 0, version = 0, readonly = (flags & STORE_READONLY) != 0;

	memset(st, 0, sizeof(*st));
	if (pg_is_uri(path))
		return pg_open(st, path, flags);
	if (stat(path, &sbuf)) {
		if (errno != ENOENT)
			return error_set("cannot open database '%s': %s", path, strerror(errno));
		if (!(flags & STORE_CREATE) || readonly)
			return error_set("no database at '%s' yet: run 'hipcoach setup' first",
					 path);
		if (create_db(path))
			return -1;
		if (stat(path, &sbuf))
			return error_set("cannot open database '%s': %s", path, strerror(errno));
	}
	if (S_ISDIR(sbuf.st_mode))
		return error_set("cannot open database '%s': Is a directory", path);
	if (sbuf.st_size == 0)
		return error_set(
		    "'%s' is empty (0 bytes), so it holds no record: if it held yours, remove it "
		    "and restore your last backup with 'hipcoach import-backup BACKUP.json'; to "
		    "start afresh, remove it and run 'hipcoach setup'",
		    path);
	if (identify(path, &app_id, &version))
		return -1;
	if (app_id != 0 && app_id != STORE_APPLICATION_ID)
		return error_set("'%s' is not a hipcoach database", path);
	if (version > STORE_SCHEMA_VERSION)
		return error_set("'%s' was written by a newer hipcoach (schema %d, this one "
				 "reads up to %d): upgrade hipcoach",
				 path, version, STORE_SCHEMA_VERSION);

	st->path = xstrdup(path);
	if (!readonly)
		st->readonly_why = readonly_cause(path);
	if (!readonly && !st->readonly_why) {
		if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | OPEN_FLAGS, NULL) !=
		    SQLITE_OK) {
			open_error(path, db);
			sqlite3_close(db);
			goto fail;
		}
		st->db = (struct store_db *)db;
		if (configure(st))
			goto fail;
		if (sqlite3_exec(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL", NULL,
				 NULL, NULL) != SQLITE_OK) {
			int sys = sqlite3_system_errno(db);

			if ((sqlite3_extended_errcode(db) & 0xff) != SQLITE_FULL && sys != ENOSPC) {
				db_error(st);
				goto fail;
			}
			/* A full disk: what is there can still be read. */
			struct strbuf why = STRBUF_INIT;

			strbuf_addf(&why, "the disk holding '%s' is full", path);
			st->readonly_why = strbuf_detach(&why, NULL);
			sqlite3_close(db);
			st->db = NULL;
		}
	}
	if (!st->db) {
		if (connect_read(path, &db)) {
			open_error(path, db);
			sqlite3_close(db);
			goto fail;
		}
		st->db = (struct store_db *)db;
		if (configure(st))
			goto fail;
	}
	if (version < STORE_SCHEMA_VERSION) {
		if (readonly) {
			error_set("database '%s' needs an upgrade: run any hipcoach command that "
				  "writes",
				  path);
			goto fail;
		}
		if (st->readonly_why) {
			error_set("database '%s' needs an upgrade, but %s", path, st->readonly_why);
			goto fail;
		}
		if (migrate(st, version))
			goto fail;
	}
	if (!readonly && !st->readonly_why)
		temp_files_clean(path);
	return 0;
fail:
	store_close(st);
	return -1;
}

int store_scope(struct store *st, int64_t clinic, int64_t patient)
{
	if (!PG(st))
		return error_set("database '%s' holds one runner's record and no clinic", st->path);
	return pg_scope(st, clinic, patient);
}

void store_close(struct store *st)
{
	if (PG(st))
		pg_close(st);
	else if (DB(st))
		sqlite3_close_v2(DB(st));
	free(st->path);
	free(st->readonly_why);
	memset(st, 0, sizeof(*st));
}
