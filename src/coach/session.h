/* Recording a guided session as it is played, the same for every player: the session row, result
 * rows, check-in answers and the "it hurts" rule. */
#ifndef HIPCOACH_COACH_SESSION_H
#define HIPCOACH_COACH_SESSION_H

#include <stddef.h>
#include <stdint.h>

#include "coach.h"
#include "core/player.h"
#include "core/script.h"
#include "lib/strbuf.h"
#include "store/session.h"

/* SAFETY.md section 4: pain of 8/10 or more at any time means a physical therapist now. */

/*
 * Which session a player starts when not told: strength when it is planned
 * today and not completed yet, else stretches when they are; *due is 1
 * then. With nothing due, stretches anyway (they are good any day) and
 * *due is 0. Loads the coach's input. 0, or -1 with error_last() set.
 */
int coach_session_due_kind(struct coach *c, enum exercise_kind *kind, int *due);
/*
 * Today's unfinished session of `kind`, which a player offers to resume
 * (session_record_resume()): 1 found (in *out), 0 none, -1 error. Opens
 * the store.
 */
int coach_session_unfinished(struct coach *c, enum exercise_kind kind, struct session_rec *out);

/*
 * The rows of one session being played, by script step. Each front end
 * asks its questions its own way (the terminal waits for a key, the web
 * page answers over HTTP); what is written and decided from the answers
 * is here. Every write is one transaction. A call that fails returns -1
 * with the cause in error_last() and prints nothing.
 */
struct session_record {
	struct coach *coach;	     /* borrowed: its store holds the rows */
	const struct script *script; /* borrowed */
	int64_t id;		     /* the session's row, 0 until started or resumed */
	struct result_rec *rows;     /* by script step */
	char *have;		     /* rows[step] is recorded */
};

/*
 * No rows yet, no session row. `c` and `script` are borrowed; the coach's
 * store must be open (coach_input() or coach_store() opens it).
 */
void session_record_init(struct session_record *rec, struct coach *c, const struct script *script);
void session_record_release(struct session_record *rec);
/*
 * Starts today's session row of the script's kind (unfinished): `origin`
 * says which player ("player", "web"), `pain_before` the pain before it
 * (-1: not given). 0 or -1.
 */
int session_record_start(struct session_record *rec, const char *origin, int pain_before);
/* Resumes session `id` (see coach_session_unfinished()): takes the rows it already has. 0 or -1. */
int session_record_resume(struct session_record *rec, int64_t id);
/*
 * Ends the session at its end, with the pain after it (-1: not given):
 * completed (0), or skipped (1) when no step was done, because a session
 * with nothing done is not a session done: it counts toward neither the
 * week, nor the streak, nor adherence (SAFETY.md section 4). -1 on error.
 */
int session_record_finish(struct session_record *rec, int pain_after);
/*
 * The runner quit midway: with a step done the session stays unfinished,
 * to resume today (0); with none it is recorded as skipped (1). -1 on
 * error.
 */
int session_record_quit(struct session_record *rec);

/*
 * The result row of work step `step` of `s`: the exercise, variant, set,
 * side and prescribed load, `status`, the target reps on a done set of
 * reps, `seconds` taken (-1: not timed), stamped now.
 */
void session_record_row(const struct script *s, size_t step, enum step_status status, int seconds,
			struct result_rec *row);
/*
 * Step `step` ended with `status` after `elapsed_ms` of active time. A
 * work step gets its row (a done set of reps the target reps, until the
 * check-in says otherwise) and the resume position moves past it, in one
 * transaction; other steps write nothing. 0 or -1.
 */
int session_record_step(struct session_record *rec, size_t step, enum step_status status,
			int64_t elapsed_ms);
/*
 * session_record_step() for a step played on a phone, with the id the
 * phone gave it (NULL: none), kept with its row: the same id sent again is
 * found by session_record_step_seen() and recorded once. 0 or -1.
 */
int session_record_step_id(struct session_record *rec, size_t step, enum step_status status,
			   int64_t elapsed_ms, const char *client_id);
/* Whether a step with `client_id` is recorded: 1 yes, 0 no, -1 error. */
int session_record_step_seen(struct session_record *rec, const char *client_id);
/* How many recorded steps were done, skipped and stopped because they hurt. */
void session_record_counts(const struct session_record *rec, size_t *done, size_t *skipped,
			   size_t *hurt);
/*
 * The same for exercise `item` alone, with *planned its work steps (a set
 * on each side counts twice), for the summary at the end.
 */
void session_record_item_counts(const struct session_record *rec, int item, size_t *planned,
				size_t *done, size_t *skipped, size_t *hurt);

/*
 * The exercise whose check-in follows the end of `step` of `s`, when a set
 * of it was done: after the exercise's last work step, or after one that
 * stopped it (`stopped`, see session_record_hurt()). -1: none. A page that
 * plays the script itself reads it from the script it was sent.
 */
int session_checkin_follows(const struct script *s, size_t step, int stopped);
/* Which check-in follows an exercise of `s`: "strength" (reps, reserve, load, pain), "stretch". */
const char *session_checkin_type(const struct script *s);
/*
 * The exercise whose check-in follows the end of `step`: after a work
 * step that was its exercise's last, or that stopped it (`stopped`, see
 * session_record_hurt()), when at least one of its sets was done. -1: none.
 */
int session_record_checkin_due(const struct session_record *rec, size_t step, int stopped);
/*
 * The sets of exercise `item` whose reps the strength check-in asks for
 * (the done sets of reps), as step indexes in order; *steps is malloc'd
 * (free it). Returns how many.
 */
size_t session_record_checkin_sets(const struct session_record *rec, int item, size_t **steps);

/*
 * The highest pain rated during exercise `item` so far ("it hurts"), the
 * default of the check-in's pain question; -1 when none.
 */
int session_record_item_pain(const struct session_record *rec, int item);

/* The check-in answers after an exercise; -1 (or NULL) is "not answered". */
struct coach_session_checkin {
	/* strength */
	const int *reps; /* reps per set, in the order of session_record_checkin_sets() */
	size_t nreps;
	int reserve3;	/* "could you have done 3 more?" 1 yes, 0 no */
	int rpe;	/* effort 1-10 */
	double load_kg; /* dumbbell weight per hand, 0 for none */
	int band;	/* 1 used the band, 0 did not */
	/* stretches */
	int gentle; /* 1 gentle, 0 painful */
	/* both: pain during the exercise, 0-10, asked once per exercise (SAFETY.md section 2) */
	int pain;
};

/* Every answer "not answered". */
void coach_session_checkin_init(struct coach_session_checkin *a);
/*
 * Whether a stretch hurt: "ease off — gentle tension only" is due. Not
 * gentle, or with no such answer, a pain above 3/10 (SAFETY.md section 2).
 */
int coach_session_checkin_eases_off(const struct coach_session_checkin *a);
/* What the runner reads when a stretch hurt. */
extern const char coach_session_ease_off_title[];
extern const char coach_session_ease_off_text[];
/*
 * Writes the answers into the done sets of exercise `item`, one
 * transaction. An effort without the yes/no answer gives it: RPE 7 or
 * less leaves about 3 reps in reserve (progress_reserve3(), Zourdos
 * 2016). A dumbbell weight above 0 makes the load a dumbbell, 0 body
 * weight; the band answer likewise; neither keeps the prescribed load.
 * The pain goes on every done set, except where a set was rated higher
 * with "it hurts". 0 or -1.
 */
int session_record_checkin(struct session_record *rec, int item,
			   const struct coach_session_checkin *a);

/* What "it hurts" decided. */
struct coach_session_hurt {
	int pain;    /* 0-10, -1 not rated */
	int stretch; /* during a stretch */
	int line;    /* the highest rating the exercise goes on with: 5 strength, 3 stretch */
	int stopped; /* the exercise stops for today */
	int chosen;  /* ... because the runner chose to (session_record_hurt_stop()) */
	size_t next; /* stopped: the step where what follows the exercise begins */
};

/*
 * "It hurts" ended `step`, rated `pain` 0-10 (-1: not rated). A rating
 * within the line (SAFETY.md section 2: up to 5/10 during strength work,
 * Silbernagel 2007; up to 3/10 on a stretch, which should never hurt) is
 * not "it hurts": the set stays done, with its pain, and never counts as
 * stopped for pain; no rating is taken the same way. Above the line the
 * exercise stops: the step's row is 'hurt', its remaining sets are
 * recorded as skipped, and *out says where to go on. 0 or -1.
 */
int session_record_hurt(struct session_record *rec, size_t step, int pain,
			struct coach_session_hurt *out);
/*
 * After session_record_hurt() went on (out->stopped 0), the runner chose
 * to stop the exercise anyway: the step becomes 'hurt' and the rest is
 * skipped, as above the line. 0 or -1.
 */
int session_record_hurt_stop(struct session_record *rec, size_t step,
			     struct coach_session_hurt *out);
/*
 * What the runner reads after session_record_hurt(): *title (NULL: none)
 * and the text appended to `text`. `again` says how to report it again
 * ("press p again"), `para` separates paragraphs. A stretch gets "ease
 * off", never "up to 5 is acceptable". From 8/10 it adds seeing a
 * physical therapist (SAFETY.md section 4).
 */
void session_record_hurt_message(const struct session_record *rec, size_t step,
				 const struct coach_session_hurt *h, const char *again,
				 const char *para, const char **title, struct strbuf *text);
/* The advice after a session with pain `pain` after it, or NULL when it is acceptable. */
const char *coach_session_pain_after_advice(int pain);
/*
 * The advice after a strength exercise rated `pain` during it in the
 * check-in, or NULL when it is acceptable (up to 5/10, SAFETY.md section
 * 2); from 8/10 it says to see a physical therapist (section 4).
 */
const char *coach_session_pain_during_advice(int pain);

/* Whether a session may go ahead today, given the pain (coach_session_gate()). */
struct coach_session_gate {
	int rest;	   /* 1: no strength work today: stretches or rest */
	int pain;	   /* the pain that decided it: the highest of today, -1 none */
	const char *title; /* what the runner reads when `rest` (static) */
	char text[320];
};

/*
 * Whether a session of `kind` may go ahead today: not strength once the
 * pain of the day reached 8/10 (safety_rest_from_strength(), SAFETY.md
 * sections 2 and 4), whether `pain_before` (the answer to the pain before
 * the session, -1 not asked) or a pain recorded earlier that day (a
 * check-in, a session's pain before or after). Stretches always may.
 * Opens the store. 0, or -1 with error_last() set.
 */
int coach_session_gate(struct coach *c, enum exercise_kind kind, int pain_before,
		       struct coach_session_gate *out);
/*
 * Records today's session of `kind` as skipped because of the pain before
 * it (`pain_before` 0-10), started from `origin` ("player", "web"): the
 * pain counts as any other score (a physical therapist from 8/10, SAFETY.md
 * section 4), the session as nothing done. 0, or -1 with error_last() set.
 */
int coach_session_skip_for_pain(struct coach *c, enum exercise_kind kind, int pain_before,
				const char *origin);

#endif
