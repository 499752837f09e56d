/* The session player: a pure state machine over a script, driven by events and a monotonic clock.
 */
#ifndef HIPCOACH_PLAYER_H
#define HIPCOACH_PLAYER_H

#include <stddef.h>
#include <stdint.h>

#include "script.h"

/*
 * The player never reads a clock: every call takes `now_ms` from a
 * monotonic clock (clock_monotonic_ms() in the program, a fake one in
 * tests). Time spent paused does not count. A timed step ends exactly at
 * its duration, and the next step starts at that instant rather than at
 * the moment the tick noticed, so a session of many timed steps does not
 * drift however coarse the ticks are.
 */

enum player_event {
	PLAYER_DONE, /* the set is done; on a countdown between steps: go on now */
	PLAYER_SKIP, /* skip this step */
	PLAYER_HURT, /* it hurts: ends the step with status hurt */
	PLAYER_PAUSE,
	PLAYER_RESUME,
	PLAYER_BACK, /* restart this step, or go back to the previous set */
	PLAYER_QUIT, /* stop here; what was finished is kept */
};

enum player_state { PLAYER_RUNNING, PLAYER_PAUSED, PLAYER_FINISHED, PLAYER_STOPPED };

enum step_status { STATUS_DONE, STATUS_SKIPPED, STATUS_HURT };
extern const char *const step_status_names[3]; /* "done", "skipped", "hurt" */

enum change_type { CHANGE_NONE, CHANGE_CUE, CHANGE_STEP_END };

/* What happened: a cue fell due, or a step ended (with how, and how long it took). */
struct player_change {
	enum change_type type;
	size_t step;
	const struct script_cue *cue; /* CHANGE_CUE */
	enum step_status status;      /* CHANGE_STEP_END */
	int64_t elapsed_ms;	      /* CHANGE_STEP_END: active time spent in the step */
};

struct player {
	const struct script *script; /* borrowed */
	enum player_state state;
	size_t step;
	int64_t origin_ms;   /* now_ms at player_init */
	int64_t paused_ms;   /* paused time before the current pause */
	int64_t pause_start; /* now_ms when the current pause began */
	int64_t step_start;  /* active ms at which the current step began */
	size_t next_cue;     /* index of the next cue of the current step */
};

/* What a front end draws: everything derived from the state at `now_ms`. */
struct player_view {
	enum player_state state;
	size_t step;
	const struct script_step *cur;	     /* NULL when finished */
	const struct script_step *next_work; /* the next work step, or NULL */
	int item_no, nitems;		     /* 1-based exercise number, count */
	int64_t elapsed_ms;		     /* active time in this step */
	int remaining_s;		     /* timed steps: seconds left, rounded up; else 0 */
	double step_fraction;		     /* timed steps: 0..1 done; else 0 */
	double session_fraction;	     /* 0..1, reps estimated at 3 s */
	const struct script_cue *cue; /* the latest cue shown in words (not "3 2 1"), or NULL */
	int64_t next_change_ms;	      /* active ms to the next cue or step end; -1: none */
};

/* Starts at step 0 at `now_ms`; `script` is borrowed. */
void player_init(struct player *p, const struct script *script, int64_t now_ms);
/* Jumps to `step` (e.g. resuming a session), starting it at `now_ms`. */
void player_goto(struct player *p, size_t step, int64_t now_ms);
/*
 * Applies an event. Returns 1 and fills *ch when it ends a step (done,
 * skip, hurt), else 0. Done, skip and hurt while paused resume first.
 */
int player_event(struct player *p, enum player_event ev, int64_t now_ms, struct player_change *ch);
/*
 * Reports the next thing that fell due by `now_ms`, one at a time in
 * order: returns 1 with *ch filled, or 0 when nothing more is due. Call it
 * in a loop until it returns 0.
 */
int player_tick(struct player *p, int64_t now_ms, struct player_change *ch);
void player_view(const struct player *p, int64_t now_ms, struct player_view *v);
/*
 * What the one big key (space) means now: resume when paused, done on a
 * set of reps, pause during a hold, go on during a countdown between steps.
 */
enum player_event player_primary(const struct player *p);
/* Active (unpaused) milliseconds since player_init. */
int64_t player_active_ms(const struct player *p, int64_t now_ms);

#endif
