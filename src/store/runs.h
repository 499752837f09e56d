/* The runs table: storing imported and logged activities once, and reading them back. */
#ifndef HIPCOACH_STORE_RUNS_H
#define HIPCOACH_STORE_RUNS_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "core/activity.h"
#include "store.h"

/*
 * A 64-bit content hash (the XXH64 algorithm, seed 0) of a file's bytes as
 * they are stored (compressed or not), fast enough that recognising a
 * file costs less than reading it.
 */
uint64_t runs_hash64(const void *data, size_t len);

/* The import_files key of a file's bytes: "SIZE:HASH" (HASH in 16 hex digits). */
#define RUNS_KEY_SIZE 48
void runs_file_key(const void *data, size_t len, char key[RUNS_KEY_SIZE]);

/*
 * A writer for an import: its statements are prepared once and kept across
 * files, so that the hot path does not prepare SQL for every activity. The
 * caller brackets each file with store_begin()/store_commit() on the same
 * store, which must outlive the writer.
 */
struct runs_writer;

/* A new writer (free it with runs_writer_free()), or NULL with error_last() set. */
struct runs_writer *runs_writer_new(struct store *st);
/* Frees the writer and its statements; NULL is fine. */
void runs_writer_free(struct runs_writer *w);

/* Whether a file with this key was imported before: 1 yes, 0 no, -1 error. */
int runs_file_known(struct runs_writer *w, const char *key);
/* Records that the file with this key has been imported. 0 or -1. */
int runs_file_mark(struct runs_writer *w, const char *key);

/*
 * Stores one activity unless the same activity is already there, which is
 * how a run arriving twice (two formats, two exports, logged and then
 * imported) is recognised: the activities stored within
 * ACTIVITY_SAME_WINDOW_S of its start are the candidates, and
 * activity_same() (core/activity.h) decides; an entry whose source is
 * RUNS_SOURCE_MANUAL counts as typed by hand.
 * `source` is the file's name, "strava:ID" or "manual".
 * Returns 0 when stored, 1 when a duplicate (nothing written), -1 on error.
 */
int runs_add(struct runs_writer *w, const struct activity *a, const char *source);

/*
 * The start of the first (or, with `latest`, the latest) activity that
 * began before `before` (UTC seconds), through the index on the start;
 * with RUNS_ONLY_RUNS in `flags` the first that counts as running. 1 found
 * (into *start), 0 none, -1 on error.
 */
int store_runs_edge(struct store *st, time_t before, int latest, unsigned flags, time_t *start);

/* One stored activity. */
struct run_rec {
	int64_t id;
	struct activity act;
	char source[256];
};

enum runs_filter {
	RUNS_ONLY_RUNS = 1 << 0, /* only sports that count as running (activity_is_run()) */
};

/*
 * Activities with from <= start < to (UTC seconds), oldest first. *out is
 * malloc'd (free it). 0 or -1.
 */
int store_runs_between(struct store *st, time_t from, time_t to, unsigned flags,
		       struct run_rec **out, size_t *n);

/*
 * One page of activities, for a long list read a page at a time: the latest
 * `limit` that started at or after `from` and before `before` (UTC seconds),
 * oldest first; activities that started in the same second are never split
 * between pages, so a page may hold a few more than `limit`. *more is 1 when
 * older ones are left (the next page: `before` = the first one's start).
 * *out is malloc'd (free it). 0 or -1.
 */
int store_runs_page(struct store *st, time_t from, time_t before, unsigned flags, size_t limit,
		    struct run_rec **out, size_t *n, int *more);

/* The source tag of entries typed by hand. */
#define RUNS_SOURCE_MANUAL "manual"

#endif
