/* The PSFS tables: adding activities and scores, and reading each activity's first and latest
 * score. */
#include "psfs.h"
#include "sql.h"

#include <stdlib.h>

#include "lib/xalloc.h"

int store_psfs_item_add(struct store *st, const char *name, int64_t *id)
{
	char now[21];

	if (store_exec(st, "INSERT INTO psfs_items (name, created_at) VALUES (?, ?)", "tt", name,
		       time_format_iso(clock_now(), now)))
		return -1;
	if (id)
		*id = store_last_id(st);
	return 0;
}

int64_t store_psfs_item_find(struct store *st, const char *name)
{
	/* One row whatever is stored, so that only an error gives the default. */
	return store_int(st, -1, "SELECT coalesce((SELECT id FROM psfs_items WHERE name = ?), 0)",
			 "t", name);
}

int store_psfs_item_exists(struct store *st, int64_t id)
{
	return (int)store_int(st, -1, "SELECT count(*) FROM psfs_items WHERE id = ?", "l", id);
}

int store_psfs_score_add(struct store *st, int64_t item_id, day_t date, int score)
{
	char day[11];

	return store_exec(st, "INSERT INTO psfs_scores (item_id, date, score) VALUES (?, ?, ?)",
			  "lti", item_id, day_format(date, day), score);
}

static void read_item(struct store_stmt *stmt, void *row)
{
	struct psfs_item *it = row;

	it->id = store_col_int64(stmt, 0, 0);
	it->name = xstrdup(store_col_text(stmt, 1));
	it->first = store_col_int(stmt, 2, -1);
	it->latest = store_col_int(stmt, 3, -1);
	if (it->latest < 0 || day_parse(store_col_text(stmt, 4), &it->latest_date))
		it->latest_date = 0;
}

int store_psfs_items(struct store *st, struct psfs_item **out, size_t *n)
{
	struct store_stmt *stmt = store_prepare(
	    st,
	    "SELECT i.id, i.name, (SELECT score FROM psfs_scores s WHERE s.item_id = i.id ORDER "
	    "BY date, id LIMIT 1), (SELECT score FROM psfs_scores s WHERE s.item_id = i.id ORDER "
	    "BY date DESC, id DESC LIMIT 1), (SELECT date FROM psfs_scores s WHERE s.item_id = "
	    "i.id ORDER BY date DESC, id DESC LIMIT 1) FROM psfs_items i ORDER BY i.id",
	    "");
	void *rows;
	int rc = store_rows(st, stmt, sizeof(**out), read_item, &rows, n);

	*out = rows;
	return rc;
}

void psfs_items_free(struct psfs_item *items, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(items[i].name);
	free(items);
}
