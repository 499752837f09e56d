/* The store on PostgreSQL, for a clinic's server: libpq opened on first use, the typed calls' SQL
 * prepared once per connection, rows read as text, the schema migrated, and each connection scoped
 * to one patient by row-level security. */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/dlib.h"
#include "lib/embed.h"
#include "lib/error.h"
#include "lib/strbuf.h"
#include "lib/xalloc.h"
#include "store/engine.h"

/* The version of src/store/pg/schema.sql: its last "-- @version N" part. */
#define PG_SCHEMA_VERSION 5
/*
 * The advisory lock that migrations take, as two 32-bit keys (a space
 * apart from the 64-bit keys the writers of a patient take, which are the
 * patient's id): "HIPC" and 0.
 */
#define PG_MIGRATION_LOCK "pg_advisory_xact_lock(1212764227, 0)"

/* libpq, by dlopen: a runner's program that opens a file never loads it (src/lib/dlib.h). */
static struct {
	DLIB_FN(PQconnectdb);
	DLIB_FN(PQstatus);
	DLIB_FN(PQerrorMessage);
	DLIB_FN(PQfinish);
	DLIB_FN(PQsetNoticeProcessor);
	DLIB_FN(PQdb);
	DLIB_FN(PQexec);
	DLIB_FN(PQexecParams);
	DLIB_FN(PQprepare);
	DLIB_FN(PQexecPrepared);
	DLIB_FN(PQresultStatus);
	DLIB_FN(PQresultErrorField);
	DLIB_FN(PQclear);
	DLIB_FN(PQntuples);
	DLIB_FN(PQgetvalue);
	DLIB_FN(PQgetisnull);
	DLIB_FN(PQcmdTuples);
	DLIB_FN(PQcmdStatus);
	DLIB_FN(PQtransactionStatus);
} pq;
static struct dlib pq_lib = {.soname = "libpq.so.5", .package = "libpq5"};
static const struct dlib_sym pq_syms[] = {
    DLIB_SYM(pq, PQconnectdb),
    DLIB_SYM(pq, PQstatus),
    DLIB_SYM(pq, PQerrorMessage),
    DLIB_SYM(pq, PQfinish),
    DLIB_SYM(pq, PQsetNoticeProcessor),
    DLIB_SYM(pq, PQdb),
    DLIB_SYM(pq, PQexec),
    DLIB_SYM(pq, PQexecParams),
    DLIB_SYM(pq, PQprepare),
    DLIB_SYM(pq, PQexecPrepared),
    DLIB_SYM(pq, PQresultStatus),
    DLIB_SYM(pq, PQresultErrorField),
    DLIB_SYM(pq, PQclear),
    DLIB_SYM(pq, PQntuples),
    DLIB_SYM(pq, PQgetvalue),
    DLIB_SYM(pq, PQgetisnull),
    DLIB_SYM(pq, PQcmdTuples),
    DLIB_SYM(pq, PQcmdStatus),
    DLIB_SYM(pq, PQtransactionStatus),
    {0},
};

/* A statement text prepared on the connection, under its own name. */
struct prepared {
	char *sql; /* as the typed call wrote it: the key */
	char name[16];
	int nparams;
};

/* The connection behind st->db: libpq's, and the statements prepared on it, by text. */
struct pg_conn {
	PGconn *conn;
	struct prepared **slots; /* open addressing, a power of two, at most half full */
	size_t nslots, n;
};

struct pg_stmt {
	PGconn *conn;
	const struct prepared *p;
	char **values; /* p->nparams, NULL for NULL */
	PGresult *res; /* NULL until the first step */
	int row, nrows;
};

#define CONN(st) ((struct pg_conn *)(st)->db)

int pg_is_uri(const char *path)
{
	return !strncmp(path, "postgresql://", 13) || !strncmp(path, "postgres://", 11);
}

/* libpq's messages end with a newline. */
static void add_trimmed(struct strbuf *sb, const char *msg)
{
	strbuf_addstr(sb, msg ? msg : "unknown error");
	strbuf_rtrim(sb);
}

/*
 * The error of `res` (NULL: of the connection), named by its kind as the
 * SQLite side names its own (store.h): another writer holding the rows or
 * the patient past lock_timeout, a full disk, a read-only connection or
 * server, damage found (SQLSTATE classes, postgresql.org/docs/15/errcodes-appendix.html).
 */
static int pg_error(struct store *st, const PGresult *res)
{
	const char *state = res ? pq.PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	const char *primary = res ? pq.PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	struct strbuf msg = STRBUF_INIT;
	int ret;

	add_trimmed(&msg, primary ? primary : pq.PQerrorMessage(CONN(st)->conn));
	st->failure = STORE_FAIL_OTHER;
	if (!state)
		state = "";
	if (!strcmp(state, "55P03") || !strcmp(state, "40001") || !strcmp(state, "40P01")) {
		st->failure = STORE_FAIL_BUSY;
		ret =
		    error_set("the database '%s' is busy: another connection is writing the same "
			      "record, and hipcoach waited %d s for it; try again when it is done",
			      st->path, STORE_BUSY_WAIT_MS / 1000);
	} else if (!strcmp(state, "53100")) {
		st->failure = STORE_FAIL_FULL;
		ret = error_set("the disk holding the database '%s' is full: nothing was saved; "
				"free some space and try again",
				st->path);
	} else if (!strcmp(state, "25006")) {
		st->failure = STORE_FAIL_READONLY;
		ret =
		    error_set("the database '%s' is open for reading only (%s)", st->path, msg.buf);
	} else if (!strncmp(state, "XX00", 4) && state[4] >= '1' && state[4] <= '2') {
		st->failure = STORE_FAIL_DAMAGED;
		ret = error_set("the database '%s' is damaged (%s): its administrator must "
				"restore it",
				st->path, msg.buf);
	} else {
		ret = error_set("database '%s': %s", st->path, msg.buf);
	}
	strbuf_release(&msg);
	return ret;
}

/* Runs `sql` (one or more statements, no values): 0, or -1 with the error recorded. */
static int run(struct store *st, const char *sql)
{
	PGresult *res = pq.PQexec(CONN(st)->conn, sql);
	ExecStatusType s = pq.PQresultStatus(res);
	int ret = 0;

	if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK)
		ret = pg_error(st, res);
	pq.PQclear(res);
	return ret;
}

int pg_exec_script(struct store *st, const char *sql)
{
	return run(st, sql);
}

static uint64_t hash_text(const char *s)
{
	uint64_t h = 14695981039346656037ULL; /* FNV-1a, 64-bit */

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static int is_word_end(char c)
{
	return !(c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		 (c >= '0' && c <= '9'));
}

/*
 * The typed calls' SQL as PostgreSQL reads it, the one place where the
 * two engines' texts differ:
 *   - "?" and "?NNN" become "$N", numbered as SQLite numbers them (a bare
 *     "?" takes one more than the largest number so far);
 *   - "ON CONFLICT (KEY" becomes "ON CONFLICT (patient_id, KEY": every
 *     unique key of a patient's table is widened by the patient on
 *     PostgreSQL (pg/schema.sql), so every conflict target is too.
 * Quoted strings, quoted names and comments are copied as they are.
 * Returns the number of parameters.
 */
static int translate(const char *sql, struct strbuf *out)
{
	static const char conflict[] = "ON CONFLICT (";
	int max = 0;

	for (const char *p = sql; *p;) {
		if (*p == '\'' || *p == '"') {
			char q = *p;

			strbuf_addch(out, *p++);
			while (*p && !(*p == q && p[1] != q)) {
				if (*p == q)
					strbuf_addch(out, *p++);
				strbuf_addch(out, *p++);
			}
			if (*p)
				strbuf_addch(out, *p++);
		} else if (p[0] == '-' && p[1] == '-') {
			while (*p && *p != '\n')
				strbuf_addch(out, *p++);
		} else if (*p == '?') {
			int n = 0;

			for (p++; *p >= '0' && *p <= '9'; p++)
				n = n * 10 + (*p - '0');
			if (!n)
				n = max + 1;
			if (n > max)
				max = n;
			strbuf_addf(out, "$%d", n);
		} else if (!strncasecmp(p, conflict, sizeof(conflict) - 1) &&
			   (p == sql || is_word_end(p[-1]))) {
			strbuf_addstr(out, "ON CONFLICT (patient_id, ");
			p += sizeof(conflict) - 1;
		} else {
			strbuf_addch(out, *p++);
		}
	}
	return max;
}

static void cache_put(struct pg_conn *c, struct prepared *p)
{
	size_t i;

	if (2 * (c->n + 1) > c->nslots) {
		struct prepared **old = c->slots;
		size_t nold = c->nslots;

		c->nslots = nold ? 2 * nold : 64;
		c->slots = xcalloc(c->nslots, sizeof(*c->slots));
		c->n = 0;
		for (size_t k = 0; k < nold; k++)
			if (old[k])
				cache_put(c, old[k]);
		free(old);
	}
	for (i = hash_text(p->sql) & (c->nslots - 1); c->slots[i]; i = (i + 1) & (c->nslots - 1))
		;
	c->slots[i] = p;
	c->n++;
}

static struct prepared *cache_get(struct pg_conn *c, const char *sql)
{
	if (!c->nslots)
		return NULL;
	for (size_t i = hash_text(sql) & (c->nslots - 1); c->slots[i];
	     i = (i + 1) & (c->nslots - 1))
		if (!strcmp(c->slots[i]->sql, sql))
			return c->slots[i];
	return NULL;
}

struct pg_stmt *pg_prepare(struct store *st, const char *sql)
{
	struct pg_conn *c = CONN(st);
	struct prepared *p = cache_get(c, sql);
	struct pg_stmt *s;

	if (!p) {
		struct strbuf text = STRBUF_INIT;
		PGresult *res;
		int nparams = translate(sql, &text);

		p = xcalloc(1, sizeof(*p));
		snprintf(p->name, sizeof(p->name), "h%zu", c->n + 1);
		res = pq.PQprepare(c->conn, p->name, text.buf, nparams, NULL);
		strbuf_release(&text);
		if (pq.PQresultStatus(res) != PGRES_COMMAND_OK) {
			pg_error(st, res);
			pq.PQclear(res);
			free(p);
			return NULL;
		}
		pq.PQclear(res);
		p->sql = xstrdup(sql);
		p->nparams = nparams;
		cache_put(c, p);
	}
	s = xcalloc(1, sizeof(*s));
	s->conn = c->conn;
	s->p = p;
	s->values = xcalloc(p->nparams ? (size_t)p->nparams : 1, sizeof(*s->values));
	return s;
}

void pg_reset(struct pg_stmt *s)
{
	pq.PQclear(s->res);
	s->res = NULL;
	s->row = s->nrows = 0;
	for (int i = 0; i < s->p->nparams; i++) {
		free(s->values[i]);
		s->values[i] = NULL;
	}
}

/* Every value as text, which the server reads as the type its parameter has. */
void pg_bind(struct pg_stmt *s, const char *types, va_list ap)
{
	struct strbuf v = STRBUF_INIT;
	int i = 0;

	pg_reset(s);
	for (; types && types[i]; i++) {
		int null = 0;

		if (i >= s->p->nparams)
			BUG("store: %d values bound for %d parameters", (int)strlen(types),
			    s->p->nparams);
		strbuf_reset(&v);
		switch (types[i]) {
		case 't': {
			const char *t = va_arg(ap, const char *);

			if (t)
				strbuf_addstr(&v, t);
			null = !t;
			break;
		}
		case 'i': strbuf_addf(&v, "%d", va_arg(ap, int)); break;
		case 'j': {
			int n = va_arg(ap, int);

			null = n < 0;
			strbuf_addf(&v, "%d", n);
			break;
		}
		case 'l': strbuf_addf(&v, "%lld", (long long)va_arg(ap, int64_t)); break;
		case 'd': strbuf_addf(&v, "%.17g", va_arg(ap, double)); break;
		case 'e': {
			double d = va_arg(ap, double);

			null = d < 0;
			strbuf_addf(&v, "%.17g", d);
			break;
		}
		default: BUG("store: bad bind type '%c'", types[i]);
		}
		s->values[i] = null ? NULL : xstrdup(v.buf);
	}
	strbuf_release(&v);
	if (types && i != s->p->nparams)
		BUG("store: %d values bound for %d parameters", i, s->p->nparams);
}

void pg_bind_texts(struct pg_stmt *s, char **texts, int n)
{
	pg_reset(s);
	if (n != s->p->nparams)
		BUG("store: %d values bound for %d parameters", n, s->p->nparams);
	for (int i = 0; i < n; i++)
		s->values[i] = texts[i];
	free(texts);
}

/* The statement inserted, changed or deleted rows (with or without RETURNING). */
static int written(PGresult *res)
{
	const char *tag = pq.PQcmdStatus(res);

	return !strncmp(tag, "INSERT ", 7) || !strncmp(tag, "UPDATE ", 7) ||
	       !strncmp(tag, "DELETE ", 7);
}

int pg_step(struct store *st, struct pg_stmt *s)
{
	if (!s->res) {
		ExecStatusType rc;

		s->res = pq.PQexecPrepared(s->conn, s->p->name, s->p->nparams,
					   (const char *const *)s->values, NULL, NULL, 0);
		rc = pq.PQresultStatus(s->res);
		if (rc != PGRES_TUPLES_OK && rc != PGRES_COMMAND_OK) {
			pg_error(st, s->res);
			pq.PQclear(s->res);
			s->res = NULL;
			return -1;
		}
		if (written(s->res))
			st->changes += strtoll(pq.PQcmdTuples(s->res), NULL, 10);
		s->nrows = pq.PQntuples(s->res);
		s->row = -1;
	}
	if (s->row < s->nrows)
		s->row++;
	return s->row < s->nrows;
}

void pg_finalize(struct pg_stmt *s)
{
	if (!s)
		return;
	pg_reset(s);
	free(s->values);
	free(s);
}

const char *pg_col_text(struct pg_stmt *s, int col)
{
	if (!s->res || s->row < 0 || s->row >= s->nrows || pq.PQgetisnull(s->res, s->row, col))
		return NULL;
	return pq.PQgetvalue(s->res, s->row, col);
}

int64_t pg_last_id(struct store *st)
{
	return store_int(st, 0, "SELECT lastval()", "");
}

/*
 * The snapshot's text ("xmin:xmax:in-progress ids") moves whenever a
 * transaction that wrote anything commits, on any connection; hashed to a
 * number. It also moves on this connection's own commits and on other
 * patients' (a cache then reads again for nothing).
 */
int64_t pg_data_version(struct store *st)
{
	struct store_stmt *stmt = store_prepare(st, "SELECT pg_current_snapshot()::text", "");
	int64_t v = -1;

	if (!stmt)
		return -1;
	if (store_step(st, stmt) > 0)
		v = (int64_t)(hash_text(store_col_text(stmt, 0)) & INT64_MAX);
	store_finalize(stmt);
	return v;
}

/*
 * Writers of one patient take turns, as writers of a runner's file do
 * (SQLite's BEGIN IMMEDIATE): a read-modify-write (the next screening
 * round, a step's id checked then recorded) then sees every earlier
 * writer's rows. The wait is bounded by lock_timeout (pg_open()).
 */
int pg_begin(struct store *st)
{
	return run(st, "BEGIN; SELECT pg_advisory_xact_lock(p) FROM (SELECT nullif("
		       "current_setting('hipcoach.patient', true), '')::bigint AS p) AS scope "
		       "WHERE p IS NOT NULL");
}

int pg_commit(struct store *st)
{
	PGresult *res = pq.PQexec(CONN(st)->conn, "COMMIT");
	int ret = 0;

	if (pq.PQresultStatus(res) != PGRES_COMMAND_OK)
		ret = pg_error(st, res);
	/* A transaction that an error ended commits as a rollback. */
	else if (strcmp(pq.PQcmdStatus(res), "COMMIT"))
		ret = error_set("database '%s': the transaction failed and was rolled back",
				st->path);
	pq.PQclear(res);
	if (ret)
		pg_rollback(st);
	return ret;
}

void pg_rollback(struct store *st)
{
	if (pq.PQtransactionStatus(CONN(st)->conn) != PQTRANS_IDLE)
		pq.PQclear(pq.PQexec(CONN(st)->conn, "ROLLBACK"));
}

int pg_scope(struct store *st, int64_t clinic, int64_t patient)
{
	char c[24], p[24];
	const char *values[2] = {c, p};
	PGresult *res;
	int ret = 0;

	if (st->depth)
		BUG("store_scope inside a transaction");
	/* Unscoped first: a patient that is not found leaves no earlier patient's scope. */
	if (run(st, "SELECT set_config('hipcoach.patient', '', false), "
		    "set_config('hipcoach.clinic', '', false)"))
		return -1;
	snprintf(c, sizeof(c), "%lld", (long long)clinic);
	snprintf(p, sizeof(p), "%lld", (long long)patient);
	res = pq.PQexecParams(CONN(st)->conn,
			      "SELECT set_config('hipcoach.clinic', $1, false), "
			      "set_config('hipcoach.patient', $2, false) FROM patients "
			      "WHERE clinic_id = $1::bigint AND id = $2::bigint",
			      2, NULL, values, NULL, NULL, 0);
	if (pq.PQresultStatus(res) != PGRES_TUPLES_OK)
		ret = pg_error(st, res);
	else if (pq.PQntuples(res) != 1)
		ret = error_set("database '%s': clinic %s has no patient %s", st->path, c, p);
	pq.PQclear(res);
	return ret;
}

/* Discards the server's notices ("relation already exists, skipping"): nothing below app prints. */
static void quiet(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

/*
 * Migrations from version N to N+1, in one transaction under the migration
 * lock, like the file's (store.c): pg/schema.sql holds one part per
 * version, each after its "-- @version N" line, and schema_version one row
 * per version applied. After each migration, every table that holds a
 * patient's rows is scoped (scope_patient_tables(), in the schema).
 */
static int migrate(struct store *st, int readonly)
{
	const struct embedded_file *schema = embed_find("src/store/pg/schema.sql");
	struct strbuf sb = STRBUF_INIT;
	const char *text;
	int64_t version;
	int ret = -1;

	if (!schema)
		BUG("PostgreSQL schema not embedded");
	if (run(st, "BEGIN; SELECT " PG_MIGRATION_LOCK))
		return -1;
	version = store_int(
	    st, -1, "SELECT CASE WHEN to_regclass('schema_version') IS NULL THEN 0 END", "");
	if (version < 0)
		version = store_int(st, -1, "SELECT max(version) FROM schema_version", "");
	if (version < 0)
		goto out;
	if (version > PG_SCHEMA_VERSION) {
		error_set("database '%s' was written by a newer hipcoach (schema %lld, this one "
			  "reads up to %d): upgrade hipcoach",
			  st->path, (long long)version, PG_SCHEMA_VERSION);
		goto out;
	}
	if (version == PG_SCHEMA_VERSION) {
		ret = 0;
		goto out;
	}
	if (readonly) {
		error_set("database '%s' needs an upgrade: open it for writing once", st->path);
		goto out;
	}
	strbuf_addf(&sb, "\n-- @version %lld:", (long long)version + 1);
	text = strstr((const char *)schema->data, sb.buf);
	if (!text)
		BUG("pg/schema.sql has no part for version %lld", (long long)version + 1);
	strbuf_reset(&sb);
	strbuf_addf(&sb, "INSERT INTO schema_version (version, applied_at) VALUES (%d, now())",
		    PG_SCHEMA_VERSION);
	if (run(st, text) || run(st, "SELECT scope_patient_tables()") || run(st, sb.buf))
		goto out;
	ret = 0;
out:
	if (ret || run(st, "COMMIT")) {
		pg_rollback(st);
		ret = -1;
	}
	strbuf_release(&sb);
	return ret;
}

/*
 * Row-level security does not bind a superuser or a role with BYPASSRLS:
 * connected as one, a query would see every patient. Such a login is
 * refused.
 */
static int check_role(struct store *st)
{
	struct store_stmt *stmt = store_prepare(
	    st,
	    "SELECT rolname, rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user",
	    "");
	int rc, ret = -1;

	if (!stmt)
		return -1;
	rc = store_step(st, stmt);
	if (rc > 0 && store_col_int(stmt, 1, 1))
		error_set("database '%s': hipcoach logs in as '%s', a role that row-level "
			  "security does not bind (a superuser, or one with BYPASSRLS): log in "
			  "as an ordinary role that owns hipcoach's tables",
			  st->path, store_col_text(stmt, 0));
	else if (rc > 0)
		ret = 0;
	else if (!rc)
		error_set("database '%s': cannot tell which role hipcoach logs in as", st->path);
	store_finalize(stmt);
	return ret;
}

int pg_open(struct store *st, const char *uri, unsigned flags)
{
	struct pg_conn *c;
	struct strbuf sb = STRBUF_INIT;
	PGconn *conn;
	const char *db;

	if (dlib_open(&pq_lib, pq_syms))
		return -1;
	conn = pq.PQconnectdb(uri);
	if (!conn)
		return error_set("cannot connect to PostgreSQL: out of memory");
	if (pq.PQstatus(conn) != CONNECTION_OK) {
		add_trimmed(&sb, pq.PQerrorMessage(conn));
		error_set("cannot connect to PostgreSQL: %s", sb.buf);
		strbuf_release(&sb);
		pq.PQfinish(conn);
		return -1;
	}
	pq.PQsetNoticeProcessor(conn, quiet, NULL);
	c = xcalloc(1, sizeof(*c));
	c->conn = conn;
	st->db = (struct store_db *)c;
	st->engine = STORE_POSTGRES;
	db = pq.PQdb(conn);
	st->path = xstrdup(db && *db ? db : "postgresql");
	/* A writer waits for another one as long as a file's writer does (store.h). */
	strbuf_addf(&sb, "SET lock_timeout = %d; SET client_encoding = 'UTF8'", STORE_BUSY_WAIT_MS);
	if (flags & STORE_READONLY)
		strbuf_addstr(&sb, "; SET default_transaction_read_only = on");
	if (run(st, sb.buf) || check_role(st) || migrate(st, (flags & STORE_READONLY) != 0)) {
		strbuf_release(&sb);
		store_close(st);
		return -1;
	}
	strbuf_release(&sb);
	return 0;
}

void pg_close(struct store *st)
{
	struct pg_conn *c = CONN(st);

	if (!c)
		return;
	pq.PQfinish(c->conn);
	for (size_t i = 0; i < c->nslots; i++) {
		if (c->slots[i])
			free(c->slots[i]->sql);
		free(c->slots[i]);
	}
	free(c->slots);
	free(c);
	st->db = NULL;
}
