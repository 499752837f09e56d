/* The backup: everything in the database as one JSON document and back, and the log as one CSV. */
#ifndef HIPCOACH_BACKUP_H
#define HIPCOACH_BACKUP_H

#include <stddef.h>

#include "lib/strbuf.h"
#include "store/store.h"

#define BACKUP_FORMAT "hipcoach-backup"
/* Raise when the document's shape changes; older hipcoach versions refuse newer documents. */
#define BACKUP_VERSION 1

/*
 * Appends the whole database to `out` as JSON (docs/json.md, "backup"):
 * the format name and version, the schema version, when it was made
 * (clock_now()), and every table's rows in rowid order, one row per line,
 * every column by name with its stored type (integer, real written so that
 * it reads back as the same double, text, null). The same database gives
 * the same bytes. 0 or -1 (error_last()).
 */
int backup_export_json(struct store *st, struct strbuf *out);

/*
 * Appends the runner's log as one CSV (docs/export.md): a header, then
 * sessions, the results of their steps, pain check-ins and runs as rows
 * with a `type` column, in time order. 0 or -1 (error_last()).
 */
int backup_export_csv(struct store *st, struct strbuf *out);

/* 1 when no table holds a row, 0 when some does, -1 on error. */
int backup_store_empty(struct store *st);

struct backup_count {
	char *table;
	size_t rows;
};

struct backup_report {
	struct backup_count *tables; /* in the order they were written */
	size_t ntables;
	size_t rows;
};
void backup_report_init(struct backup_report *r);
void backup_report_release(struct backup_report *r);

/*
 * Reads a backup document (`name` for messages) into the database in one
 * transaction: all of it or nothing. Refuses a document that is not a
 * hipcoach backup, one of a newer format or schema version, a table or
 * column the database does not have, and a database that already holds
 * data unless `replace` (then every table is emptied first, in the same
 * transaction). Fills `report`. 0 or -1 (error_last()).
 */
int backup_import(struct store *st, const char *name, const char *text, size_t len, int replace,
		  struct backup_report *report);

#endif
