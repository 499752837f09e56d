/* Prescribe and schedule: each exercise's dose for this runner, and which sessions fall on which
 * dates. */
#ifndef HIPCOACH_PLAN_H
#define HIPCOACH_PLAN_H

#include <stddef.h>

#include "lib/datetime.h"
#include "program-change.h"
#include "program.h"

#define PROFILE_MAX_WEIGHTS 16

struct profile {
	char *name;				/* may be NULL */
	int level;				/* enum level_id */
	unsigned equipment;			/* enum equipment flags */
	double weights_kg[PROFILE_MAX_WEIGHTS]; /* dumbbells at hand, ascending */
	int nweights;
	unsigned run_days;	/* bit 0 = Monday */
	int long_run_day;	/* 0..6, -1 none */
	unsigned strength_days; /* 0: hipcoach chooses */
	int miles;		/* show distances in miles */
	int pounds;		/* show weights in pounds */
	day_t start_date;
};

void profile_init(struct profile *p);
void profile_release(struct profile *p);

/* Per-exercise state moved by progress/step-back decisions (store table `progress`). */
struct progress_state {
	char exercise[64];
	int sets;	     /* 0: the level's starting sets */
	double load_kg;	     /* <0: the default load */
	char variant[64];    /* "": none */
	char reason[320];    /* the one-line reason of the last change, "" none */
	char updated_at[21]; /* when it changed, ISO 8601 UTC; "" none */
};

/*
 * What a red-flag answer in force pauses (SAFETY.md section 1: while a block
 * is in force nothing that loads the hip is scheduled anywhere, only what the
 * advice allows). Flags of `unsigned pause`.
 */
enum pause {
	PAUSE_STRENGTH = 1 << 0, /* no strength session */
	PAUSE_STRETCH = 1 << 1,	 /* no stretches either (get care today) */
	PAUSE_RUNNING = 1 << 2,	 /* no running, no long run */
};

/* What the plan knows about the runner beyond the profile. */
struct plan_input {
	const struct program *prog;
	const struct profile *profile;
	const struct progress_state *progress;
	size_t nprogress;
	unsigned conditions; /* enum condition flags from recent pain locations */
	unsigned pause;	     /* enum pause flags in force */
	/* A physical therapist's changes (exercises left out, doses, a note), NULL: none. */
	const struct program_current *therapist;
};

enum load_type { PLOAD_BODYWEIGHT, PLOAD_BAND, PLOAD_DUMBBELL };
extern const char *const load_type_names[3]; /* "bodyweight", "band", "dumbbell" */

/* One exercise's dose. Fields that do not apply are 0 (or -1 for load_kg). */
struct prescription {
	const struct exercise *ex;
	const struct variant *variant; /* NULL: the exercise as described */
	int sets;
	int reps_min, reps_max; /* strength (mode reps) */
	int hold_s;		/* holds and breath-paced moves */
	int per_side;
	int rest_s; /* between sets */
	enum load_type load;
	double load_kg;		       /* dumbbell weight per hand, -1 otherwise */
	const struct caution *caution; /* in force (modify/shorten), or NULL */
	/* The dose the physical therapist set, in force over the level's and over progress, or
	 * NULL. */
	const struct program_dose *dose_set;
};

/* The display name of what is prescribed: the variant's name if any. */
const char *prescription_name(const struct prescription *p);
/* The steps to show: the variant's if any. */
char *const *prescription_steps(const struct prescription *p, size_t *n);

struct plan_session {
	day_t date;
	enum exercise_kind kind;
	struct prescription *items;
	size_t nitems;
};

struct plan {
	int level;
	day_t from;
	int days;
	unsigned strength_weekdays;
	unsigned pause; /* enum pause flags: what is left out of `sessions` */
	struct plan_session *sessions;
	size_t nsessions, alloc;
	char **notes; /* why things were swapped, left out or changed */
	size_t nnotes, notes_alloc;
	const struct program_current *therapist; /* the input's, for the faces; NULL none */
};

/*
 * Builds the plan for `days` days starting at `from`: strength on the
 * runner's strength days (or days chosen by plan_strength_days()),
 * stretches every day. Never fails; release with plan_release().
 */
void plan_build(struct plan *plan, const struct plan_input *in, day_t from, int days);
void plan_release(struct plan *plan);

/*
 * The session of one kind for one date as a one-day plan item list (also
 * for sessions started off-schedule). `notes` may be NULL.
 */
void plan_session_items(const struct plan_input *in, enum exercise_kind kind,
			struct plan_session *out, struct plan *notes);
void plan_session_release(struct plan_session *s);

/*
 * Chooses the weekdays for strength when the runner gave none: `per_week`
 * days, no two in a row (the week wraps), never the long-run day or the day
 * before it, preferring days without a run and even spacing.
 */
unsigned plan_strength_days(unsigned run_days, int long_run_day, int per_week);

/* Rough minutes a session takes, for "about 25 min". */
int plan_session_minutes(const struct plan_session *s, const struct program *prog);

/* The session of `kind` on `date` in the plan, or NULL. */
const struct plan_session *plan_find(const struct plan *plan, day_t date, enum exercise_kind kind);

#endif
