/* Reading the record back for the decisions: morning pain, pain that was too much, exercises
 * stopped or stretches that hurt, the sessions since an exercise's last change, and the progress
 * log. */
#ifndef HIPCOACH_STORE_HISTORY_H
#define HIPCOACH_STORE_HISTORY_H

#include <stddef.h>
#include <stdint.h>

#include "lib/datetime.h"
#include "store.h"

/* The highest morning check-in on `day`: 0-10, -1 none, -2 on error. */
int store_morning_pain(struct store *st, day_t day);
/* The latest morning check-in with from <= date <= to: 0-10, -1 none, -2 on error. */
int store_morning_pain_latest(struct store *st, day_t from, day_t to);

/*
 * The exercise most often stopped because it hurt (results with status
 * 'hurt') in sessions dated `since` or later, counting sessions: its id into
 * `exercise` (size bytes) and the count into *count. 1 found, 0 none, -1 error.
 */
int store_hurt_most(struct store *st, day_t since, char *exercise, size_t size, int *count);

/*
 * Pain above `limit` since `since`: each strength session whose highest
 * result pain went above it, and each 'during' check-in above it. Their
 * number into *count and the highest score into *max (0 when none). 0 or -1.
 */
int store_pain_over(struct store *st, day_t since, int limit, int *count, int *max);

/* A stretch that hurt: rated above the limit or not gentle, how often, since a date. */
struct stretch_hurt {
	char exercise[64];
	int count;
};
/*
 * Stretches rated above `limit` or marked not gentle in sessions dated
 * `since` or later, the most painful first. *out is malloc'd (free it);
 * 0 or -1.
 */
int store_stretches_hurt(struct store *st, day_t since, int limit, struct stretch_hurt **out,
			 size_t *n);

/* A session that holds results for an exercise. */
struct session_ref {
	int64_t id;
	day_t date;
	int pain_before; /* -1 none */
};
/*
 * The completed sessions holding results for `exercise` that finished after
 * `after` (an ISO 8601 time, "" for all): how many in *total, and the latest
 * `max` of them, newest first, in out[] (room for `max`); their number in *n.
 * 0 or -1.
 */
int store_sessions_for_exercise(struct store *st, const char *exercise, const char *after,
				struct session_ref *out, size_t max, size_t *n, size_t *total);

/* One entry of the progress log. */
struct progress_change_rec {
	char exercise[64];
	char change[16]; /* "progress", "step-back" or "adapt" */
	char reason[320];
};
/* The progress log from `since` (a time) on, oldest first. *out is malloc'd (free it); 0 or -1. */
int store_progress_changes_since(struct store *st, time_t since, struct progress_change_rec **out,
				 size_t *n);

#endif
