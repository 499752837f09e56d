/* The program_* tables: a physical therapist's changes to the runner's program in force (the
 * exercises left out, the doses set, the note) and the record of every change. */
#ifndef HIPCOACH_STORE_PROGRAM_H
#define HIPCOACH_STORE_PROGRAM_H

#include <stddef.h>

#include "core/program-change.h"
#include "store.h"

/*
 * The changes in force into *out (initialised first; release it with
 * program_current_release()), each list by exercise id. 0, or -1 with
 * *out empty.
 */
int store_program_load(struct store *st, struct program_current *out);

/*
 * Replaces the exercises left out by the `n` of v[], each stored with its
 * own reason, who and at (nothing left out when n is 0). One transaction.
 * 0 or -1.
 */
int store_program_set_left_out(struct store *st, const struct program_omit *v, size_t n);
/* Replaces the doses set by the `n` of v[], the same way. 0 or -1. */
int store_program_set_doses(struct store *st, const struct program_dose *v, size_t n);
/* Sets the note to the runner, by `who` at `at` (ISO 8601 UTC); NULL or "" removes it. 0 or -1. */
int store_program_set_note(struct store *st, const char *note, const char *who, const char *at);

/* Records one change: when, who, why, and what changed in plain words. 0 or -1. */
int store_program_log(struct store *st, const char *at, const char *who, const char *why,
		      const char *what);
/*
 * The record of changes, newest first, into *out (free it with
 * program_history_free()) and *n. 0, or -1 with *out NULL and *n 0.
 */
int store_program_history(struct store *st, struct program_history **out, size_t *n);

#endif
