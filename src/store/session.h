/* Sessions and their results: what was done, step by step, each write its own transaction. */
#ifndef HIPCOACH_STORE_SESSION_H
#define HIPCOACH_STORE_SESSION_H

#include <stdint.h>

#include "core/program.h"
#include "lib/datetime.h"
#include "store.h"

struct session_rec {
	int64_t id;
	day_t date;
	enum exercise_kind kind;
	int completed;	  /* 1 completed, 0 unfinished */
	char origin[8];	  /* player, log, web, backup */
	time_t started;
	time_t finished;  /* 0 if not finished */
	int position;	  /* next script step */
	int pain_before;  /* -1 none */
	int pain_after;	  /* -1 none */
};

extern const char *const session_kind_names[2]; /* "strength", "stretch" */

/* Starts a session row (unfinished); its id in *id. 0 or -1. */
int store_session_start(struct store *st, day_t date, enum exercise_kind kind, const char *origin,
			int pain_before, int64_t *id);
/* Marks a session completed, with the pain after it (-1: not given). 0 or -1. */
int store_session_finish(struct store *st, int64_t id, int pain_after);
/* Loads one session: 1 found, 0 not, -1 error. */
int store_session_get(struct store *st, int64_t id, struct session_rec *out);
/* The latest unfinished session of `kind` on `date`: 1 found, 0 none, -1 error. */
int store_session_unfinished(struct store *st, day_t date, enum exercise_kind kind,
			     struct session_rec *out);
/*
 * Sessions with from <= date <= to, oldest first. *out is malloc'd (free
 * it); 0 or -1.
 */
int store_sessions_between(struct store *st, day_t from, day_t to, struct session_rec **out,
			   size_t *n);

#endif
