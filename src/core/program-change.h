/* A physical therapist's changes to one runner's program: the exercises left out, the doses set, a
 * note to the runner, and the checks a change passes. Pure: the store keeps them
 * (src/store/program.h), the coach applies a change (src/coach/program-change.h), and the plan
 * honours them (plan.c). */
#ifndef HIPCOACH_PROGRAM_CHANGE_H
#define HIPCOACH_PROGRAM_CHANGE_H

#include <stddef.h>

#include "lib/strbuf.h"
#include "program.h"

/*
 * The bounds of a dose a therapist sets. They are not clinical limits (the
 * therapist decides within them): past them a number is a typing mistake,
 * not a home exercise dose. Sets: the program's levels reach 4 (the
 * article's heavy level, 3-4 sets; ACSM 2009: 1-3 sets for most), 6 leaves
 * room above them. Reps: the article's ranges reach 15; 30 covers a light
 * endurance dose. Hold: the program holds a stretch 60 s; 10-180 s spans a
 * short hold to a long one. Load: a dumbbell per hand, up to the heaviest
 * weight `hipcoach setup --dumbbells` takes.
 */
#define PROGRAM_DOSE_SETS_MIN	 1
#define PROGRAM_DOSE_SETS_MAX	 6
#define PROGRAM_DOSE_REPS_MIN	 1
#define PROGRAM_DOSE_REPS_MAX	 30
#define PROGRAM_DOSE_HOLD_MIN_S	 10
#define PROGRAM_DOSE_HOLD_MAX_S	 180
#define PROGRAM_DOSE_LOAD_MAX_KG 200.0

/* How long, in bytes, the words of a change may be: who made it, why (and why one exercise is left
 * out), and the note to the runner. */
#define PROGRAM_WHO_MAX	 100
#define PROGRAM_WHY_MAX	 500
#define PROGRAM_NOTE_MAX 2000

/* An exercise the therapist left out of the program. */
struct program_omit {
	char exercise[64]; /* the program's id */
	/* Why; in a change, "" takes the change's why. One byte more than the bound, so that a
	 * reason cut to fit is still seen to be too long. */
	char reason[PROGRAM_WHY_MAX + 2];
	char who[PROGRAM_WHO_MAX + 1]; /* who left it out (as stored) */
	char at[21];		       /* when, ISO 8601 UTC (as stored) */
};

/* One exercise's dose as the therapist set it; what is not set stays the program's. */
struct program_dose {
	char exercise[64];	/* the program's id */
	int sets;		/* 0: not set */
	int reps_min, reps_max; /* 0: not set; counted moves only, both or neither */
	int hold_s;		/* 0: not set; holds and breath-paced moves only */
	double load_kg;		/* <0: not set; 0: no added weight; else a dumbbell per hand */
	char why[PROGRAM_WHY_MAX + 1]; /* as stored: the change's why */
	char who[PROGRAM_WHO_MAX + 1]; /* as stored */
	char at[21];		       /* as stored, ISO 8601 UTC */
};

/* A dose with nothing set. */
void program_dose_init(struct program_dose *d);
/* Whether `d` sets anything. */
int program_dose_sets_any(const struct program_dose *d);
/* Whether two doses set the same numbers (who, why and when aside). */
int program_dose_same(const struct program_dose *a, const struct program_dose *b);
/* What the dose sets, in words, appended to `sb`: "3 sets, 8–12 reps, 10 kg"; "hold 45 s". */
void program_dose_describe(struct strbuf *sb, const struct program_dose *d);

/* The changes in force, as the store keeps them and the plan reads them. */
struct program_current {
	struct program_omit *left_out; /* by exercise id */
	size_t nleft_out;
	struct program_dose *doses; /* by exercise id */
	size_t ndoses;
	char *note; /* to the runner; NULL: none */
	char note_who[PROGRAM_WHO_MAX + 1];
	char note_at[21];
};

void program_current_init(struct program_current *c);
void program_current_release(struct program_current *c);
/* The exercise `id` left out, or NULL (also when `c` is NULL). */
const struct program_omit *program_current_left_out(const struct program_current *c,
						    const char *id);
/* The dose set for `id`, or NULL (also when `c` is NULL). */
const struct program_dose *program_current_dose(const struct program_current *c, const char *id);
/* Whether nothing is changed: no exercise left out, no dose, no note (also when `c` is NULL). */
int program_current_empty(const struct program_current *c);

/* One change as recorded: when, who, why, and what changed in plain words. */
struct program_history {
	char at[21]; /* ISO 8601 UTC */
	char who[PROGRAM_WHO_MAX + 2];
	char *why;  /* malloc'd */
	char *what; /* malloc'd: "left out Clamshell (irritates the outer hip); Squat: 2 sets" */
};

/* Frees the strings of `n` records and the array. */
void program_history_free(struct program_history *h, size_t n);

/*
 * A change the therapist asks for. What is not given stays as it is; a
 * list given replaces the one in force (an empty one removes them all).
 * Build it with the calls below; program_change_release() frees it.
 */
struct program_change {
	int level;	  /* enum level_id; -1 unchanged */
	int equipment;	  /* enum equipment flags; -1 unchanged */
	int set_left_out; /* left_out replaces the list in force */
	struct program_omit *left_out;
	size_t nleft_out, alloc_left_out;
	int set_doses;		    /* doses replaces the list in force */
	struct program_dose *doses; /* by exercise id */
	size_t ndoses, alloc_doses;
	char *note; /* NULL unchanged; "" removes it */
};

void program_change_init(struct program_change *chg);
void program_change_release(struct program_change *chg);
/* Leaves `id` out (and sets set_left_out); `reason` NULL or "": the change's why. */
void program_change_leave_out(struct program_change *chg, const char *id, const char *reason);
/* Sets a dose (and set_doses): d->exercise and what it sets; its who, why and at are not read. */
void program_change_dose(struct program_change *chg, const struct program_dose *d);
/* The note to the runner; "" removes it. */
void program_change_note(struct program_change *chg, const char *note);
/* Whether the change gives anything at all. */
int program_change_given(const struct program_change *chg);

/*
 * The checks of a change that need the program alone (a request's, before
 * the runner's record is read): every exercise one of the program's and
 * named once per list, each dose setting something, only what its exercise
 * takes, within the bounds above. 0, or -1 with one message appended to
 * `err`, as program_change_check() gives it.
 */
int program_change_check_items(const struct program *prog, const struct program_change *chg,
			       struct strbuf *err);

/*
 * Checks a change before anything is written: `who` and `why` given and
 * not too long, a known level and equipment, every exercise one of the
 * program's and named once per list, each dose setting something, only
 * what its exercise takes (reps for counted moves, a hold for the others, a
 * load for dumbbell moves, and then dumbbells in `equipment`, the runner's
 * equipment after the change), within the bounds above, and no exercise
 * both left out and given a dose once the change is applied to `cur` (the
 * changes in force, NULL none). 0, or -1 with one message (lowercase, no
 * full stop, naming the exercise by its id) appended to `err`.
 */
int program_change_check(const struct program *prog, const struct program_change *chg,
			 const char *who, const char *why, unsigned equipment,
			 const struct program_current *cur, struct strbuf *err);

#endif
