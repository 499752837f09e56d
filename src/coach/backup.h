/* Backup and restore: the whole record as one JSON document and back, and the log as one CSV. */
#ifndef HIPCOACH_COACH_BACKUP_H
#define HIPCOACH_COACH_BACKUP_H

#include <stddef.h>

#include <jansson.h>

#include "coach/coach.h"
#include "store/backup.h"
#include "lib/strbuf.h"

#define BACKUP_FORMAT "hipcoach-backup"
/* Raise when the document's shape changes; older hipcoach versions refuse newer documents. */
#define BACKUP_VERSION 1

/*
 * Appends the whole database to `out` as JSON (docs/json.md, "backup"):
 * the format name and version, the schema version, when it was made
 * (clock_now()), and every table's rows in the order they were written,
 * one row per line, every column by name with its stored type (integer,
 * real written so that it reads back as the same double, text, null), all
 * read at one moment. The same database gives the same bytes. Opens the
 * store (read-only) if it is not open yet, and refuses a damaged one
 * (store_check()). 0, or -1 with error_last() set
 * and `out` holding a partial document.
 */
int coach_backup_json(struct coach *c, struct strbuf *out);

/*
 * Appends the runner's log to `out` as one CSV (docs/export.md): a
 * header, then sessions, the results of their steps, pain check-ins and
 * runs as rows with a `type` column, in time order, lines ending in CRLF.
 * Opens the store (read-only) if it is not open yet, and refuses a damaged
 * one (store_check()). 0, or -1 with error_last() set.
 */
int coach_backup_csv(struct coach *c, struct strbuf *out);

/* How many rows went into one table. */
struct backup_count {
	const char *table; /* static: the store's name for it */
	size_t rows;
};

/* What an import wrote: the tables the document held, in the order they were written. */
struct backup_report {
	struct backup_count *tables;
	size_t ntables;
	size_t rows; /* in all */
};
void backup_report_init(struct backup_report *r);
void backup_report_release(struct backup_report *r);

/*
 * Reads a backup document (`text`, `len` bytes; `name` for messages) into
 * the database in one transaction: all of it or nothing. Refuses a
 * document that is not a hipcoach backup, one of a newer format or schema
 * version, a table or column the database does not have, and a database
 * that already holds data unless `replace` (then every table is emptied
 * first, in the same transaction). Opens the store (creating it) if it is
 * not open yet. Fills `report` (initialised by the caller). 0, or -1 with
 * error_last() set, `report` emptied and the database as it was.
 */
int coach_backup_import(struct coach *c, const char *name, const char *text, size_t len,
			int replace, struct backup_report *report);

/*
 * Checks the rows of one table `t` of a document (`name` for messages):
 * a list of objects, each naming columns the table has, each with a
 * scalar. 0, or -1 with error_last() set. Nothing is written.
 */
int backup_check_rows(const char *name, const struct store_table *t, json_t *rows);
/* A scalar of a checked row as the store takes it (true/false as 1/0); valid while `v` is. */
struct store_value backup_json_value(json_t *v);

#endif
