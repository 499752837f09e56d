/* The PSFS tables: the activities a runner names and their 0-10 scores, by date. */
#ifndef HIPCOACH_STORE_PSFS_H
#define HIPCOACH_STORE_PSFS_H

#include <stddef.h>
#include <stdint.h>

#include "lib/datetime.h"
#include "store.h"

/* One activity with its first and latest scores (by date, then by the order they were given). */
struct psfs_item {
	int64_t id;
	char *name;	   /* malloc'd */
	int first, latest; /* 0-10; -1: not scored yet */
	day_t latest_date; /* the day of the latest score; 0 when not scored */
};

/* Adds an activity (`name` unique). Its id goes to *id when id is not NULL. 0 or -1. */
int store_psfs_item_add(struct store *st, const char *name, int64_t *id);
/* The id of the activity named `name`: the id, 0 when there is none, -1 on error. */
int64_t store_psfs_item_find(struct store *st, const char *name);
/* Whether activity `id` exists: 1 yes, 0 no, -1 on error. */
int store_psfs_item_exists(struct store *st, int64_t id);
/* Adds one score (0-10) of activity `item_id` on `date`. 0 or -1. */
int store_psfs_score_add(struct store *st, int64_t item_id, day_t date, int score);

/*
 * Every activity in the order they were added, with its first and latest
 * scores. *out is malloc'd (release with psfs_items_free()), NULL when
 * there is none. 0 or -1 (*out NULL, *n 0).
 */
int store_psfs_items(struct store *st, struct psfs_item **out, size_t *n);
void psfs_items_free(struct psfs_item *items, size_t n);

#endif
