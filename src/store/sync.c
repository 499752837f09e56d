/* The link of a runner's file to a clinic, and the ids of synced rows: the typed calls of
 * src/store/sync.h. */
#include "sync.h"
#include "sql.h"

#include <stdio.h>
#include <string.h>

#include "lib/error.h"

static void copy_col(char *dst, size_t size, struct store_stmt *stmt, int col)
{
	snprintf(dst, size, "%s", store_col_text(stmt, col));
}

int store_link_get(struct store *st, struct store_link *out)
{
	struct store_stmt *stmt =
	    store_prepare(st,
			  "SELECT url, token, clinic, patient, linked_at, coalesce(synced_at, '') "
			  "FROM clinic_link WHERE id = 1",
			  "");
	int rc;

	if (!stmt)
		return -1;
	rc = store_step(st, stmt);
	if (rc > 0) {
		memset(out, 0, sizeof(*out));
		copy_col(out->url, sizeof(out->url), stmt, 0);
		copy_col(out->token, sizeof(out->token), stmt, 1);
		copy_col(out->clinic, sizeof(out->clinic), stmt, 2);
		copy_col(out->patient, sizeof(out->patient), stmt, 3);
		copy_col(out->linked_at, sizeof(out->linked_at), stmt, 4);
		copy_col(out->synced_at, sizeof(out->synced_at), stmt, 5);
	}
	store_finalize(stmt);
	return rc;
}

int store_link_set(struct store *st, const struct store_link *l)
{
	if (store_begin(st))
		return -1;
	if (store_exec(st, "DELETE FROM clinic_taken", "") ||
	    store_exec(st,
		       "INSERT OR REPLACE INTO clinic_link (id, url, token, clinic, patient, "
		       "linked_at, synced_at) VALUES (1, ?, ?, ?, ?, ?, NULL)",
		       "ttttt", l->url, l->token, l->clinic, l->patient, l->linked_at) ||
	    store_commit(st)) {
		store_rollback(st);
		return -1;
	}
	return 0;
}

int store_link_synced(struct store *st, const char *at)
{
	return store_exec(st, "UPDATE clinic_link SET synced_at = ? WHERE id = 1", "t", at);
}

/* The integer a one-row query finds: 1 with *out, 0 no row, -1. */
static int find_id(struct store *st, struct store_stmt *stmt, int64_t *out)
{
	int rc;

	if (!stmt)
		return -1;
	rc = store_step(st, stmt);
	if (rc > 0 && out)
		*out = store_col_int64(stmt, 0, 0);
	store_finalize(stmt);
	return rc;
}

int store_taken_find(struct store *st, const char *tbl, int64_t remote, int64_t *local)
{
	return find_id(st,
		       store_prepare(st,
				     "SELECT local_id FROM clinic_taken WHERE tbl = ? AND "
				     "remote_id = ?",
				     "tl", tbl, remote),
		       local);
}

int store_taken_is(struct store *st, const char *tbl, int64_t local)
{
	return find_id(st,
		       store_prepare(st, "SELECT 1 FROM clinic_taken WHERE tbl = ? AND local_id = ?",
				     "tl", tbl, local),
		       NULL);
}

int store_taken_add(struct store *st, const char *tbl, int64_t remote, int64_t local)
{
	return store_exec(st, "INSERT INTO clinic_taken (tbl, remote_id, local_id) VALUES (?, ?, ?)",
			  "tll", tbl, remote, local);
}

int store_sync_find(struct store *st, int64_t device, const char *tbl, int64_t local,
		    int64_t *server)
{
	return find_id(st,
		       store_prepare(st,
				     "SELECT server_id FROM sync_ids WHERE device = ? AND tbl = ? "
				     "AND local_id = ?",
				     "ltl", device, tbl, local),
		       server);
}

int store_sync_add(struct store *st, int64_t device, const char *tbl, int64_t local,
		   int64_t server)
{
	return store_exec(st,
			  "INSERT INTO sync_ids (device, tbl, local_id, server_id) VALUES (?, ?, ?, ?)",
			  "ltll", device, tbl, local, server);
}

int store_sync_next_round(struct store *st)
{
	return (int)store_int(st, -1, "SELECT coalesce(max(round), 0) + 1 FROM screening", "");
}

int store_sync_progress_forget(struct store *st, const char *exercise)
{
	return store_exec(st, "DELETE FROM progress WHERE exercise = ?", "t", exercise);
}

int store_sync_psfs_item(struct store *st, const char *name, int64_t *id)
{
	return find_id(st, store_prepare(st, "SELECT id FROM psfs_items WHERE name = ?", "t", name),
		       id);
}

static void clearance_read(struct store_stmt *stmt, void *row)
{
	struct sync_clearance *c = row;

	c->id = store_col_int64(stmt, 0, 0);
	copy_col(c->cleared_at, sizeof(c->cleared_at), stmt, 1);
	copy_col(c->note, sizeof(c->note), stmt, 2);
}

int store_sync_clearances(struct store *st, int64_t device, struct sync_clearance **out,
			  size_t *n)
{
	return store_rows(st,
			  store_prepare(st,
					"SELECT id, cleared_at, note FROM clearance WHERE id NOT IN "
					"(SELECT server_id FROM sync_ids WHERE device = ? AND tbl = "
					"'clearance') ORDER BY cleared_at, id",
					"l", device),
			  sizeof(**out), clearance_read, (void **)out, n);
}

int store_sync_program_clear(struct store *st)
{
	return store_exec_script(st, "DELETE FROM program_left_out; DELETE FROM program_doses; "
				     "DELETE FROM program_note; DELETE FROM program_changes");
}
