/* Sessions and their results: what was done, step by step, each write its own transaction. */
#ifndef HIPCOACH_STORE_SESSION_H
#define HIPCOACH_STORE_SESSION_H

#include <stdint.h>

#include "core/player.h"
#include "core/program.h"
#include "core/script.h"
#include "lib/datetime.h"
#include "store.h"

struct session_rec {
	int64_t id;
	day_t date;
	enum exercise_kind kind;
	int completed;	/* 1 completed, 0 unfinished or skipped */
	int skipped;	/* 1 ended with nothing done, or not started because of pain */
	char origin[8]; /* player, log, web, backup */
	time_t started;
	time_t finished; /* 0 if not finished */
	int position;	 /* next script step */
	int pain_before; /* -1 none */
	int pain_after;	 /* -1 none */
};

extern const char *const session_kind_names[2]; /* "strength", "stretch" */
/* The session's status as stored: "completed", "unfinished" or "skipped". */
const char *session_status_name(const struct session_rec *s);

/* Starts a session row (unfinished); its id in *id. 0 or -1. */
int store_session_start(struct store *st, day_t date, enum exercise_kind kind, const char *origin,
			int pain_before, int64_t *id);
/*
 * Ends a session, with the pain after it (-1: not given): completed, or
 * with `skipped` recorded as skipped (nothing was done). 0 or -1.
 */
int store_session_finish(struct store *st, int64_t id, int pain_after, int skipped);
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

/* One finished step of a session (table `results`). Missing values are -1 (load_kg < 0). */
struct result_rec {
	int step; /* index in the session script */
	char exercise[64];
	char variant[64]; /* "": the exercise itself */
	int set_no;	  /* 0: none */
	enum side side;
	enum step_status status;
	int reps;
	int seconds;
	int load; /* enum load_type */
	double load_kg;
	int rpe;      /* 1-10 */
	int reserve3; /* "could you have done 3 more?" 1 yes, 0 no */
	int pain;     /* 0-10 during this exercise */
	int gentle;   /* stretches: 1 gentle, 0 painful */
	time_t at;
};

/* Clears `r` to "nothing known": every number -1, strings empty. */
void result_rec_init(struct result_rec *r);

/*
 * Records one finished step and moves the session's resume position to
 * `position`, in one transaction. Finishing the same step again (after
 * going back) replaces its row. 0 or -1.
 */
int store_result_add(struct store *st, int64_t session_id, const struct result_rec *r,
		     int position);
/*
 * store_result_add() with the id the page that played the step gave it
 * (NULL: none). The id is unique among all results: a step sent twice is
 * found by store_result_client_id_exists() and recorded once.
 */
int store_result_add_id(struct store *st, int64_t session_id, const struct result_rec *r,
			int position, const char *client_id);
/* Whether a result carries `client_id`: 1 yes, 0 no, -1 error. */
int store_result_client_id_exists(struct store *st, const char *client_id);
/*
 * Writes the check-in answers (reps, load, load_kg, rpe, reserve3, pain,
 * gentle) into the rows of the given steps, all in one transaction. 0 or -1.
 */
int store_results_update(struct store *st, int64_t session_id, const struct result_rec *r,
			 size_t n);
/* The results of a session in step order. *out is malloc'd (free it); 0 or -1. */
int store_results_list(struct store *st, int64_t session_id, struct result_rec **out, size_t *n);
/* Sets the pain before (when >= 0) and after (when >= 0) a session. 0 or -1. */
int store_session_pain(struct store *st, int64_t id, int pain_before, int pain_after);
/*
 * Records a session done without the player (origin 'log'), completed,
 * with its results, in one transaction; its id in *id. 0 or -1.
 */
int store_session_log(struct store *st, day_t date, enum exercise_kind kind, int pain_before,
		      int pain_after, const struct result_rec *r, size_t n, int64_t *id);
/* Records the morning pain check-in for `date` (table `pain`, context 'morning'). 0 or -1. */
int store_pain_morning(struct store *st, day_t date, int score);
/* Whether a morning check-in exists for `date`: 1 yes, 0 no, -1 error. */
int store_pain_morning_exists(struct store *st, day_t date);

#endif
