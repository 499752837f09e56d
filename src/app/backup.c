/* The backup: every table out as one JSON document and back in one transaction; the CSV log. */
#include "backup.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/datetime.h"
#include "lib/error.h"
#include "lib/xalloc.h"

/* The tables in creation order (references point backwards), and their columns. */
struct table {
	char *name;
	char **cols;
	size_t ncols;
};

struct tables {
	struct table *t;
	size_t n;
};

static void tables_release(struct tables *ts)
{
	for (size_t i = 0; i < ts->n; i++) {
		for (size_t j = 0; j < ts->t[i].ncols; j++)
			free(ts->t[i].cols[j]);
		free(ts->t[i].cols);
		free(ts->t[i].name);
	}
	free(ts->t);
	memset(ts, 0, sizeof(*ts));
}

static int tables_load(struct store *st, struct tables *ts)
{
	sqlite3_stmt *stmt;
	size_t alloc = 0;
	int rc;

	memset(ts, 0, sizeof(*ts));
	stmt = store_prepare(st,
			     "SELECT name FROM sqlite_master WHERE type = 'table' "
			     "AND name NOT LIKE 'sqlite!_%' ESCAPE '!' ORDER BY rowid",
			     "");
	if (!stmt)
		return -1;
	while ((rc = store_step(st, stmt)) > 0) {
		ALLOC_GROW(ts->t, ts->n + 1, alloc);
		memset(&ts->t[ts->n], 0, sizeof(ts->t[0]));
		ts->t[ts->n++].name = xstrdup(store_col_text(stmt, 0));
	}
	sqlite3_finalize(stmt);
	if (rc < 0)
		goto fail;
	for (size_t i = 0; i < ts->n; i++) {
		struct table *t = &ts->t[i];
		size_t calloc_ = 0;

		stmt = store_prepare(st, "SELECT name FROM pragma_table_info(?) ORDER BY cid", "t",
				     t->name);
		if (!stmt)
			goto fail;
		while ((rc = store_step(st, stmt)) > 0) {
			ALLOC_GROW(t->cols, t->ncols + 1, calloc_);
			t->cols[t->ncols++] = xstrdup(store_col_text(stmt, 0));
		}
		sqlite3_finalize(stmt);
		if (rc < 0)
			goto fail;
	}
	return 0;
fail:
	tables_release(ts);
	return -1;
}

static const struct table *tables_find(const struct tables *ts, const char *name)
{
	for (size_t i = 0; i < ts->n; i++)
		if (!strcmp(ts->t[i].name, name))
			return &ts->t[i];
	return NULL;
}

/* A quoted SQL identifier; names come from the database's own schema, never from input. */
static void add_ident(struct strbuf *sb, const char *name)
{
	strbuf_addch(sb, '"');
	for (const char *p = name; *p; p++) {
		if (*p == '"')
			strbuf_addch(sb, '"');
		strbuf_addch(sb, *p);
	}
	strbuf_addch(sb, '"');
}

/*
 * The shortest text that reads back as the same double: fixed-point for
 * everyday magnitudes ("1800", "16.5"), "%g" beyond them.
 */
static void add_double(struct strbuf *sb, double v, int json)
{
	char buf[48];
	double a = fabs(v);
	int fixed = a == 0 || (a >= 1e-4 && a < 1e15);

	for (int prec = fixed ? 0 : 1; prec <= 17; prec++) {
		snprintf(buf, sizeof(buf), fixed ? "%.*f" : "%.*g", prec, v);
		if (strtod(buf, NULL) == v)
			break;
	}
	strbuf_addstr(sb, buf);
	/* A JSON real keeps a point, so it reads back as a real and not an integer. */
	if (json && !strpbrk(buf, ".eE"))
		strbuf_addstr(sb, ".0");
}

static void add_json_string(struct strbuf *sb, const char *s)
{
	strbuf_addch(sb, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"': strbuf_addstr(sb, "\\\""); break;
		case '\\': strbuf_addstr(sb, "\\\\"); break;
		case '\n': strbuf_addstr(sb, "\\n"); break;
		case '\t': strbuf_addstr(sb, "\\t"); break;
		case '\r': strbuf_addstr(sb, "\\r"); break;
		default:
			if (*p < 0x20)
				strbuf_addf(sb, "\\u%04x", *p);
			else
				strbuf_addch(sb, *p);
		}
	}
	strbuf_addch(sb, '"');
}

static int add_json_value(struct strbuf *sb, struct store *st, sqlite3_stmt *stmt, int col,
			  const char *table)
{
	double d;

	switch (sqlite3_column_type(stmt, col)) {
	case SQLITE_NULL: strbuf_addstr(sb, "null"); return 0;
	case SQLITE_INTEGER:
		strbuf_addf(sb, "%lld", (long long)sqlite3_column_int64(stmt, col));
		return 0;
	case SQLITE_FLOAT:
		d = sqlite3_column_double(stmt, col);
		if (!isfinite(d))
			return error_set(
			    "database '%s': table '%s' holds a number JSON cannot hold", st->path,
			    table);
		add_double(sb, d, 1);
		return 0;
	case SQLITE_TEXT: add_json_string(sb, store_col_text(stmt, col)); return 0;
	default: return error_set("database '%s': table '%s' holds binary data", st->path, table);
	}
}

int backup_export_json(struct store *st, struct strbuf *out)
{
	struct tables ts;
	struct strbuf sql = STRBUF_INIT;
	char stamp[32];
	int ret = -1;

	if (tables_load(st, &ts))
		return -1;
	/* One read transaction: the document is one moment of the database. */
	if (store_exec_script(st, "BEGIN"))
		goto out;
	strbuf_addf(out,
		    "{\n  \"format\": \"%s\",\n  \"version\": %d,\n  \"schema\": %d,\n"
		    "  \"exported_at\": \"%s\",\n  \"tables\": {",
		    BACKUP_FORMAT, BACKUP_VERSION, STORE_SCHEMA_VERSION,
		    time_format_iso(clock_now(), stamp));
	for (size_t i = 0; i < ts.n; i++) {
		const struct table *t = &ts.t[i];
		sqlite3_stmt *stmt;
		size_t rows = 0;
		int rc;

		strbuf_reset(&sql);
		strbuf_addstr(&sql, "SELECT * FROM ");
		add_ident(&sql, t->name);
		strbuf_addstr(&sql, " ORDER BY rowid");
		stmt = store_prepare(st, sql.buf, "");
		if (!stmt)
			goto rollback;
		strbuf_addf(out, "%s\n    ", i ? "," : "");
		add_json_string(out, t->name);
		strbuf_addstr(out, ": [");
		while ((rc = store_step(st, stmt)) > 0) {
			strbuf_addstr(out, rows++ ? ",\n      {" : "\n      {");
			for (int c = 0; c < sqlite3_column_count(stmt); c++) {
				if (c)
					strbuf_addstr(out, ", ");
				add_json_string(out, sqlite3_column_name(stmt, c));
				strbuf_addstr(out, ": ");
				if (add_json_value(out, st, stmt, c, t->name)) {
					rc = -1;
					break;
				}
			}
			if (rc < 0)
				break;
			strbuf_addch(out, '}');
		}
		sqlite3_finalize(stmt);
		if (rc < 0)
			goto rollback;
		strbuf_addstr(out, rows ? "\n    ]" : "]");
	}
	strbuf_addstr(out, "\n  }\n}\n");
	ret = 0;
rollback:
	sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
out:
	strbuf_release(&sql);
	tables_release(&ts);
	return ret;
}

/* CSV: the log a spreadsheet opens (docs/export.md). */
static const char *const csv_columns[] = {
    "type",	"date",	     "time",	   "session", "kind",	  "exercise", "variant",
    "set",	"side",	     "status",	   "reps",    "seconds",  "load",     "load_kg",
    "rpe",	"pain",	     "pain_after", "context", "location", "sport",    "distance_km",
    "moving_s", "elapsed_s", "ascent_m",   "avg_hr",  "max_hr",	  "source",
};

/*
 * One row per session, step result, pain check-in and run; columns 3 on
 * match csv_columns from "session". Rows are ordered by local date, then by
 * the UTC instant in column 3 (shown as local time), so a session's
 * exercises follow it.
 */
static const char csv_sql[] =
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
    "SELECT 'run', date(u.start_epoch, 'unixepoch', 'localtime'), u.start, NULL, NULL, NULL, NULL, "
    "NULL, NULL, NULL, NULL, NULL,"
    " NULL, NULL, NULL, NULL, NULL, NULL, NULL, u.sport, round(u.distance_m / 1000.0, 3), "
    "u.moving_s,"
    " u.elapsed_s, u.ascent_m, u.avg_hr, u.max_hr, u.source, 4, u.id FROM runs u "
    "ORDER BY 2, 3, o, k";

static void csv_field(struct strbuf *sb, const char *s)
{
	if (!strpbrk(s, ",\"\r\n")) {
		strbuf_addstr(sb, s);
		return;
	}
	strbuf_addch(sb, '"');
	for (; *s; s++) {
		if (*s == '"')
			strbuf_addch(sb, '"');
		strbuf_addch(sb, *s);
	}
	strbuf_addch(sb, '"');
}

int backup_export_csv(struct store *st, struct strbuf *out)
{
	sqlite3_stmt *stmt = store_prepare(st, csv_sql, "");
	int rc;

	if (!stmt)
		return -1;
	for (size_t i = 0; i < ARRAY_SIZE(csv_columns); i++)
		strbuf_addf(out, "%s%s", i ? "," : "", csv_columns[i]);
	strbuf_addstr(out, "\r\n");
	while ((rc = store_step(st, stmt)) > 0) {
		const char *ts = store_col_text(stmt, 2);
		time_t t = 0;
		int have_t = !time_parse_iso(ts, strlen(ts), &t);
		char buf[32];

		csv_field(out, store_col_text(stmt, 0));
		strbuf_addch(out, ',');
		if (!store_col_is_null(stmt, 1))
			csv_field(out, store_col_text(stmt, 1));
		else if (have_t)
			strbuf_addstr(out, day_format(day_of_time(t), buf));
		strbuf_addch(out, ',');
		if (have_t)
			strbuf_addstr(out, time_format_hm(t, buf));
		for (int c = 3; c < 27; c++) {
			strbuf_addch(out, ',');
			switch (sqlite3_column_type(stmt, c)) {
			case SQLITE_NULL: break;
			case SQLITE_INTEGER:
				strbuf_addf(out, "%lld", (long long)sqlite3_column_int64(stmt, c));
				break;
			case SQLITE_FLOAT:
				add_double(out, sqlite3_column_double(stmt, c), 0);
				break;
			default: csv_field(out, store_col_text(stmt, c));
			}
		}
		strbuf_addstr(out, "\r\n");
	}
	sqlite3_finalize(stmt);
	return rc < 0 ? -1 : 0;
}

static int store_empty(struct store *st, const struct tables *ts)
{
	struct strbuf sql = STRBUF_INIT;
	int empty = 1;

	for (size_t i = 0; i < ts->n && empty == 1; i++) {
		sqlite3_stmt *stmt;
		int rc;

		strbuf_reset(&sql);
		strbuf_addstr(&sql, "SELECT 1 FROM ");
		add_ident(&sql, ts->t[i].name);
		strbuf_addstr(&sql, " LIMIT 1");
		stmt = store_prepare(st, sql.buf, "");
		if (!stmt) {
			empty = -1;
			break;
		}
		rc = store_step(st, stmt);
		sqlite3_finalize(stmt);
		empty = rc < 0 ? -1 : rc ? 0 : 1;
	}
	strbuf_release(&sql);
	return empty;
}

int backup_store_empty(struct store *st)
{
	struct tables ts;
	int ret;

	if (tables_load(st, &ts))
		return -1;
	ret = store_empty(st, &ts);
	tables_release(&ts);
	return ret;
}

void backup_report_init(struct backup_report *r)
{
	memset(r, 0, sizeof(*r));
}

void backup_report_release(struct backup_report *r)
{
	for (size_t i = 0; i < r->ntables; i++)
		free(r->tables[i].table);
	free(r->tables);
	memset(r, 0, sizeof(*r));
}

static int bind_json(sqlite3_stmt *stmt, int idx, json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_NULL: return sqlite3_bind_null(stmt, idx);
	case JSON_TRUE: return sqlite3_bind_int(stmt, idx, 1);
	case JSON_FALSE: return sqlite3_bind_int(stmt, idx, 0);
	case JSON_INTEGER: return sqlite3_bind_int64(stmt, idx, json_integer_value(v));
	case JSON_REAL: return sqlite3_bind_double(stmt, idx, json_real_value(v));
	case JSON_STRING:
		return sqlite3_bind_text(stmt, idx, json_string_value(v),
					 (int)json_string_length(v), SQLITE_TRANSIENT);
	default: return SQLITE_MISMATCH;
	}
}

/* Checks the rows of one table of the document before anything is written. */
static int check_rows(const char *name, const struct table *t, json_t *rows)
{
	size_t i;
	json_t *row;

	if (!json_is_array(rows))
		return error_set("'%s': table '%s' is not a list of rows", name, t->name);
	json_array_foreach(rows, i, row)
	{
		const char *key;
		json_t *v;

		if (!json_is_object(row))
			return error_set("'%s': table '%s', row %zu is not an object", name,
					 t->name, i + 1);
		json_object_foreach(row, key, v)
		{
			size_t c;

			for (c = 0; c < t->ncols && strcmp(t->cols[c], key); c++)
				;
			if (c == t->ncols)
				return error_set("'%s': table '%s' has no column '%s'", name,
						 t->name, key);
			if (json_is_object(v) || json_is_array(v))
				return error_set("'%s': table '%s', row %zu, column '%s' is not a "
						 "value",
						 name, t->name, i + 1, key);
		}
	}
	return 0;
}

/* Inserts one table's rows; each row names its columns, so older documents fill in defaults. */
static int insert_rows(struct store *st, const char *name, const struct table *t, json_t *rows,
		       size_t *count)
{
	struct strbuf sql = STRBUF_INIT;
	size_t i;
	json_t *row;
	int ret = 0;

	json_array_foreach(rows, i, row)
	{
		sqlite3_stmt *stmt = NULL;
		const char *key;
		json_t *v;
		int n = 0;

		strbuf_reset(&sql);
		strbuf_addstr(&sql, "INSERT INTO ");
		add_ident(&sql, t->name);
		if (!json_object_size(row)) {
			strbuf_addstr(&sql, " DEFAULT VALUES");
		} else {
			strbuf_addstr(&sql, " (");
			json_object_foreach(row, key, v)
			{
				if (n++)
					strbuf_addstr(&sql, ", ");
				add_ident(&sql, key);
			}
			strbuf_addstr(&sql, ") VALUES (");
			for (int k = 0; k < n; k++)
				strbuf_addstr(&sql, k ? ", ?" : "?");
			strbuf_addch(&sql, ')');
		}
		if (sqlite3_prepare_v2(st->db, sql.buf, -1, &stmt, NULL) != SQLITE_OK) {
			ret = error_set("'%s': table '%s': %s", name, t->name,
					sqlite3_errmsg(st->db));
			break;
		}
		n = 0;
		json_object_foreach(row, key, v)
		{
			if (bind_json(stmt, ++n, v) != SQLITE_OK) {
				ret = error_set("'%s': table '%s', row %zu, column '%s': cannot "
						"store this value",
						name, t->name, i + 1, key);
				break;
			}
		}
		if (!ret && sqlite3_step(stmt) != SQLITE_DONE)
			ret = error_set("'%s': table '%s', row %zu: %s", name, t->name, i + 1,
					sqlite3_errmsg(st->db));
		sqlite3_finalize(stmt);
		if (ret)
			break;
		(*count)++;
	}
	strbuf_release(&sql);
	return ret;
}

/*
 * A backup's version field `key` must be a positive integer no newer than
 * `max`; 0, or -1 with the message recorded.
 */
static int check_version(json_t *root, const char *key, const char *field, const char *what,
			 int max, const char *name)
{
	json_t *v = json_object_get(root, key);

	if (!json_is_integer(v) || json_integer_value(v) < 1)
		return error_set("'%s': no valid %s", name, field);
	if (json_integer_value(v) > max)
		return error_set("'%s' comes from a newer hipcoach (%s %lld; this one reads up to "
				 "%d): update hipcoach to import it",
				 name, what, (long long)json_integer_value(v), max);
	return 0;
}

int backup_import(struct store *st, const char *name, const char *text, size_t len, int replace,
		  struct backup_report *report)
{
	json_error_t jerr;
	json_t *root, *tables, *v;
	struct tables ts = {0};
	const char *key;
	int ret = -1, empty;
	size_t alloc = 0;

	root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!root)
		return error_set("cannot read '%s' at line %d, column %d: %s", name, jerr.line,
				 jerr.column, jerr.text);
	v = json_object_get(root, "format");
	if (!json_is_string(v) || strcmp(json_string_value(v), BACKUP_FORMAT)) {
		error_set("'%s' is not a hipcoach backup", name);
		goto out;
	}
	if (check_version(root, "version", "format version", "backup format", BACKUP_VERSION,
			  name) ||
	    check_version(root, "schema", "schema version", "database version",
			  STORE_SCHEMA_VERSION, name))
		goto out;
	tables = json_object_get(root, "tables");
	if (!json_is_object(tables)) {
		error_set("'%s': no tables", name);
		goto out;
	}
	if (tables_load(st, &ts))
		goto out;
	json_object_foreach(tables, key, v)
	{
		const struct table *t = tables_find(&ts, key);

		if (!t) {
			error_set("'%s': unknown table '%s'", name, key);
			goto out;
		}
		if (check_rows(name, t, v))
			goto out;
	}

	if (store_begin(st))
		goto out;
	empty = store_empty(st, &ts);
	if (empty < 0)
		goto rollback;
	if (!empty && !replace) {
		error_set("the database '%s' already holds data: import into a new one (--db "
			  "NEW.db), or give --replace to replace everything in it",
			  st->path);
		goto rollback;
	}
	if (store_exec_script(st, "PRAGMA defer_foreign_keys = ON"))
		goto rollback;
	if (!empty) {
		struct strbuf sql = STRBUF_INIT;
		int rc = 0;

		/* Children first, so nothing cascades into a half-emptied table. */
		for (size_t i = ts.n; i-- > 0 && !rc;) {
			strbuf_reset(&sql);
			strbuf_addstr(&sql, "DELETE FROM ");
			add_ident(&sql, ts.t[i].name);
			rc = store_exec_script(st, sql.buf);
		}
		strbuf_release(&sql);
		if (rc)
			goto rollback;
	}
	for (size_t i = 0; i < ts.n; i++) {
		json_t *rows = json_object_get(tables, ts.t[i].name);
		size_t count = 0;

		if (!rows)
			continue;
		if (insert_rows(st, name, &ts.t[i], rows, &count))
			goto rollback;
		ALLOC_GROW(report->tables, report->ntables + 1, alloc);
		report->tables[report->ntables].table = xstrdup(ts.t[i].name);
		report->tables[report->ntables++].rows = count;
		report->rows += count;
	}
	if (store_commit(st))
		goto out;
	ret = 0;
	goto out;
rollback:
	store_rollback(st);
out:
	if (ret)
		backup_report_release(report);
	tables_release(&ts);
	json_decref(root);
	return ret;
}
