/* The session script: one planned session turned into the ordered steps every player plays. */
#ifndef HIPCOACH_SCRIPT_H
#define HIPCOACH_SCRIPT_H

#include <stddef.h>

#include "plan.h"
#include "program.h"

/*
 * Sides. Per-side exercises are played LEFT first, then RIGHT, with a
 * "switch sides" step between. The side names the leg that works: the
 * standing leg (toe tap, step-down), the leg that pushes (single-leg
 * bridge), the top leg (clamshell), or the leg being stretched (the
 * kneeling leg's hip in the hip flexor stretch, the crossed leg in the
 * figure-4, the hugged knee, the bent knee, the raised heel).
 */
enum side { SIDE_NONE, SIDE_LEFT, SIDE_RIGHT };
extern const char *const side_names[3]; /* NULL, "left", "right" */

enum step_type {
	STEP_READY,  /* get ready: a countdown before the first exercise */
	STEP_REPS,   /* a set of reps: open-ended, ends when the runner says done */
	STEP_HOLD,   /* a hold: counts down hold_s */
	STEP_BREATH, /* moved with the breath (cat-cow): counts down with breath cues */
	STEP_SWITCH, /* switch sides: a short pause between LEFT and RIGHT */
	STEP_REST,   /* rest between sets or between exercises */
};
extern const char *const step_type_names[6]; /* "ready", "reps", "hold", ... */

enum cue_kind {
	CUE_START,   /* the step begins: "go", "hold", "rest" */
	CUE_FORM,    /* one of the exercise's form cues */
	CUE_HALFWAY, /* halfway through a hold */
	CUE_COUNT,   /* one of the last three seconds: "3", "2", "1" */
	CUE_SWITCH,  /* "switch sides" */
	CUE_NEXT,    /* "next: clamshell" */
	CUE_BREATH,  /* "breathe in" / "breathe out" */
};

/* Something to show, say or sound at `at_s` seconds into a step. */
struct script_cue {
	int at_s;
	enum cue_kind kind;
	char *text;
	int beep;  /* ring the terminal bell */
	int speak; /* worth saying aloud */
};

struct script_step {
	enum step_type type;
	int item; /* index of the exercise in the session (0-based); the next one for rests */
	const struct prescription
	    *p;	    /* the exercise this step belongs to (the next one for rests) */
	int set_no; /* 1-based; 0 for ready and rests between exercises */
	int sets;
	enum side side;
	int duration_s;	  /* 0: open-ended (reps) */
	int work;	  /* 1: a result row is written when this step ends */
	int last_of_item; /* 1: the last work step of its exercise (check-in follows) */
	char *title;	  /* "Single-leg glute bridge", "Rest", "Switch sides", "Get ready" */
	char *detail;	  /* "12–15 reps", "hold 60 s", "RIGHT leg next" */
	/*
	 * The exercise's steps in words for this step's side ("Stand tall on
	 * your LEFT leg"), the neutral words when it has none; NULL when the
	 * step has no exercise.
	 */
	char **how;
	size_t nhow;
	int bell_end; /* a countdown: its end rings the bell (hold, breath, rest, ready, switch) */
	struct script_cue *cues; /* ascending at_s */
	size_t ncues;
};

struct script {
	enum exercise_kind kind;
	const struct plan_session *session; /* borrowed: must outlive the script */
	size_t nitems;
	struct script_step *steps;
	size_t nsteps;
	int total_s; /* estimated length, reps at 3 s each */
};

/* Seconds of the get-ready countdown and of the switch-sides pause. */
#define SCRIPT_READY_S	10
#define SCRIPT_SWITCH_S 5
/* Breath-paced moves: a cue to breathe in or out every this many seconds. */
#define SCRIPT_BREATH_S 5

/*
 * Turns a planned session into steps: get ready, then for each exercise
 * each set (LEFT, switch sides, RIGHT for per-side exercises) with rests
 * of the prescription's rest_s between sets and the program's rest
 * between exercises (strength_rest_between_s or stretch_rest_s), each
 * with its cues. `session` and `prog` are borrowed and must outlive the
 * script. Never fails; release with script_release().
 */
void script_build(struct script *s, const struct plan_session *session, const struct program *prog);
void script_release(struct script *s);

/* The index of the first step after `step` that belongs to another exercise (nsteps at the end). */
size_t script_next_item_step(const struct script *s, size_t step);
/* The first work step of item `item` at or after `step`, or nsteps. */
size_t script_item_first_work(const struct script *s, size_t item);
/* The next work step after `step`, or NULL: what "next: ..." points at. */
const struct script_step *script_next_work(const struct script *s, size_t step);
/* Seconds of work and rest from `step` to the end, reps at 3 s each (for progress). */
int script_remaining_s(const struct script *s, size_t step);
/*
 * Where a session picks up again after `position` (the stored resume
 * position: the step after the last one recorded): the next work step, so
 * a resumed session starts at a set, never in a rest. nsteps at the end.
 */
size_t script_resume_step(const struct script *s, size_t position);
/* Appends where work step `step` is: "Clamshell, set 2 of 2, RIGHT leg". */
struct strbuf;
void script_where(const struct script *s, size_t step, struct strbuf *out);
/* "LEFT leg", "RIGHT leg" or "" */
const char *side_label(enum side side);

#endif
