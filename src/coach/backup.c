/* Backup and restore: every table out as one JSON document and back in one transaction; the CSV
 * log. */
#include "backup.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/datetime.h"
#include "lib/error.h"
#include "lib/xalloc.h"
#include "store/backup.h"

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

/* The JSON document being written: which table is open and how many rows it has. */
struct json_out {
	struct strbuf *out;
	const char *db;
	size_t ntables, rows;
};

static void json_close_table(struct json_out *j)
{
	if (j->ntables)
		strbuf_addstr(j->out, j->rows ? "\n    ]" : "]");
}

static int json_table(void *ctx, const struct store_table *t)
{
	struct json_out *j = ctx;

	json_close_table(j);
	strbuf_addf(j->out, "%s\n    ", j->ntables++ ? "," : "");
	add_json_string(j->out, t->name);
	strbuf_addstr(j->out, ": [");
	j->rows = 0;
	return 0;
}

static int json_row(void *ctx, const struct store_table *t, const struct store_value *v)
{
	struct json_out *j = ctx;
	struct strbuf *out = j->out;

	strbuf_addstr(out, j->rows++ ? ",\n      {" : "\n      {");
	for (size_t c = 0; c < t->ncols; c++) {
		if (c)
			strbuf_addstr(out, ", ");
		add_json_string(out, t->cols[c]);
		strbuf_addstr(out, ": ");
		switch (v[c].type) {
		case STORE_NULL: strbuf_addstr(out, "null"); break;
		case STORE_INT: strbuf_addf(out, "%lld", (long long)v[c].i); break;
		case STORE_REAL:
			if (!isfinite(v[c].d))
				return error_set(
				    "database '%s': table '%s' holds a number JSON cannot hold",
				    j->db, t->name);
			add_double(out, v[c].d, 1);
			break;
		case STORE_TEXT: add_json_string(out, v[c].s); break;
		}
	}
	strbuf_addch(out, '}');
	return 0;
}

int coach_backup_json(struct coach *c, struct strbuf *out)
{
	struct json_out j = {.out = out};
	char stamp[32];

	/* A backup of a damaged database would be partial: say so before writing one. */
	if (coach_store(c, 1) || store_check(&c->store))
		return -1;
	j.db = c->store.path;
	strbuf_addf(out,
		    "{\n  \"format\": \"%s\",\n  \"version\": %d,\n  \"schema\": %d,\n"
		    "  \"exported_at\": \"%s\",\n  \"tables\": {",
		    BACKUP_FORMAT, BACKUP_VERSION, STORE_SCHEMA_VERSION,
		    time_format_iso(clock_now(), stamp));
	if (store_backup_dump(&c->store, json_table, json_row, &j))
		return -1;
	json_close_table(&j);
	strbuf_addstr(out, "\n  }\n}\n");
	return 0;
}

/* CSV: the log a spreadsheet opens (docs/export.md), one column per enum store_log_col. */
static const char *const csv_columns[] = {
    "type",	"date",	     "time",	   "session", "kind",	  "exercise", "variant",
    "set",	"side",	     "status",	   "reps",    "seconds",  "load",     "load_kg",
    "rpe",	"pain",	     "pain_after", "context", "location", "sport",    "distance_km",
    "moving_s", "elapsed_s", "ascent_m",   "avg_hr",  "max_hr",	  "source",
};
_Static_assert(ARRAY_SIZE(csv_columns) == STORE_LOG_NCOLS, "one CSV column per log column");

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

static void csv_value(struct strbuf *sb, const struct store_value *v)
{
	switch (v->type) {
	case STORE_NULL: break;
	case STORE_INT: strbuf_addf(sb, "%lld", (long long)v->i); break;
	case STORE_REAL: add_double(sb, v->d, 0); break;
	case STORE_TEXT: csv_field(sb, v->s); break;
	}
}

/*
 * One line: the type, the local date (the row's own, else that of its
 * instant), the instant as local time, then the other columns as stored.
 */
static int csv_row(void *ctx, const struct store_value *v)
{
	struct strbuf *out = ctx;
	const struct store_value *at = &v[STORE_LOG_AT];
	time_t t = 0;
	int have_t = at->type == STORE_TEXT && !time_parse_iso(at->s, strlen(at->s), &t);
	char buf[32];

	csv_value(out, &v[STORE_LOG_TYPE]);
	strbuf_addch(out, ',');
	if (v[STORE_LOG_DATE].type != STORE_NULL)
		csv_value(out, &v[STORE_LOG_DATE]);
	else if (have_t)
		strbuf_addstr(out, day_format(day_of_time(t), buf));
	strbuf_addch(out, ',');
	if (have_t)
		strbuf_addstr(out, time_format_hm(t, buf));
	for (int c = STORE_LOG_SESSION; c < STORE_LOG_NCOLS; c++) {
		strbuf_addch(out, ',');
		csv_value(out, &v[c]);
	}
	strbuf_addstr(out, "\r\n");
	return 0;
}

int coach_backup_csv(struct coach *c, struct strbuf *out)
{
	if (coach_store(c, 1) || store_check(&c->store))
		return -1;
	for (size_t i = 0; i < ARRAY_SIZE(csv_columns); i++)
		strbuf_addf(out, "%s%s", i ? "," : "", csv_columns[i]);
	strbuf_addstr(out, "\r\n");
	return store_backup_log(&c->store, csv_row, out);
}

void backup_report_init(struct backup_report *r)
{
	memset(r, 0, sizeof(*r));
}

void backup_report_release(struct backup_report *r)
{
	free(r->tables);
	memset(r, 0, sizeof(*r));
}

int backup_check_rows(const char *name, const struct store_table *t, json_t *rows)
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
			if (store_backup_column(t, key) < 0)
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

struct store_value backup_json_value(json_t *v)
{
	struct store_value sv = {.type = STORE_NULL};

	switch (json_typeof(v)) {
	case JSON_TRUE:
	case JSON_FALSE:
		sv.type = STORE_INT;
		sv.i = json_is_true(v);
		break;
	case JSON_INTEGER:
		sv.type = STORE_INT;
		sv.i = json_integer_value(v);
		break;
	case JSON_REAL:
		sv.type = STORE_REAL;
		sv.d = json_real_value(v);
		break;
	case JSON_STRING:
		sv.type = STORE_TEXT;
		sv.s = json_string_value(v);
		break;
	default: break;
	}
	return sv;
}

/* Inserts one table's rows; each row names its columns, so older documents fill in defaults. */
static int insert_rows(struct store *st, const char *name, const struct store_table *t,
		       json_t *rows, size_t *count)
{
	/* Duplicate keys are refused on reading and unknown ones by backup_check_rows(). */
	const char **cols = xcalloc(t->ncols, sizeof(*cols));
	struct store_value *vals = xcalloc(t->ncols, sizeof(*vals));
	size_t i;
	json_t *row;
	int ret = 0;

	json_array_foreach(rows, i, row)
	{
		const char *key;
		json_t *v;
		size_t n = 0;

		json_object_foreach(row, key, v)
		{
			if (n == t->ncols)
				BUG("backup: row wider than table '%s'", t->name);
			cols[n] = key;
			vals[n++] = backup_json_value(v);
		}
		if (store_backup_insert(st, t, cols, vals, n, NULL)) {
			ret = error_set("'%s': table '%s', row %zu: %s", name, t->name, i + 1,
					error_last());
			break;
		}
		(*count)++;
	}
	free(cols);
	free(vals);
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

int coach_backup_import(struct coach *c, const char *name, const char *text, size_t len,
			int replace, struct backup_report *report)
{
	struct store *st = &c->store;
	const struct store_table *all;
	json_error_t jerr;
	json_t *root, *tables, *v;
	const char *key;
	int ret = -1, empty;
	size_t ntables, alloc = 0;

	if (coach_store(c, 0))
		return -1;
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
	json_object_foreach(tables, key, v)
	{
		const struct store_table *t = store_backup_find(key);

		if (!t) {
			error_set("'%s': unknown table '%s'", name, key);
			goto out;
		}
		if (backup_check_rows(name, t, v))
			goto out;
	}

	if (store_backup_restore_begin(st))
		goto out;
	empty = store_backup_empty(st);
	if (empty < 0)
		goto rollback;
	if (!empty && !replace) {
		error_set("the database '%s' already holds data: import into a new one (--db "
			  "NEW.db), or give --replace to replace everything in it",
			  st->path);
		goto rollback;
	}
	if (!empty && store_backup_clear(st))
		goto rollback;
	all = store_backup_tables(&ntables);
	for (size_t i = 0; i < ntables; i++) {
		json_t *rows = json_object_get(tables, all[i].name);
		size_t count = 0;

		if (!rows)
			continue;
		if (insert_rows(st, name, &all[i], rows, &count))
			goto rollback;
		ALLOC_GROW(report->tables, report->ntables + 1, alloc);
		report->tables[report->ntables].table = all[i].name;
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
	json_decref(root);
	return ret;
}
