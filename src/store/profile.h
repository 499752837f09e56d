/* Reading and writing the runner's profile and per-exercise progress state. */
#ifndef HIPCOACH_STORE_PROFILE_H
#define HIPCOACH_STORE_PROFILE_H

#include <stddef.h>

#include "core/plan.h"
#include "store.h"

/* Loads the profile: 1 found, 0 none yet, -1 error. Release with profile_release(). */
int store_profile_load(struct store *st, struct profile *p);
/* Inserts or replaces the profile (one transaction). 0 or -1. */
int store_profile_save(struct store *st, const struct profile *p);

/* All progress rows; *out is malloc'd (free it). 0 or -1. */
int store_progress_load(struct store *st, struct progress_state **out, size_t *n);
/*
 * Sets one exercise's state and logs the change with its reason, in one
 * transaction. `change` is "progress", "step-back" or "adapt".
 */
int store_progress_set(struct store *st, const struct progress_state *ps, const char *change,
		       const char *reason);

#endif
