/* The coach: one runner's world (store, program, profile, progress, today) and the use cases the
 * faces call. Returns data, prints nothing: errors go to error_set(), the face shows them. */
#ifndef HIPCOACH_COACH_H
#define HIPCOACH_COACH_H

#include <stddef.h>
#include <stdint.h>

#include "core/plan.h"
#include "core/program.h"
#include "lib/datetime.h"
#include "store/store.h"

/*
 * One patient's world. Set db_path and program_path (NULL: the defaults),
 * then call the loaders, which open what they need on first use. Faces
 * (the command line, the terminal player, the web server) hold one and
 * never reach past it into the store for a decision.
 */
struct coach {
	const char *db_path;	  /* NULL: store_default_path() decides */
	const char *program_path; /* NULL: the embedded program */

	struct store store;
	int store_open;
	struct program program;
	int program_loaded;
	struct profile profile;
	int profile_loaded; /* 1 loaded */
	struct progress_state *progress;
	size_t nprogress;
	struct program_current therapist; /* a physical therapist's changes, with the profile */
	unsigned conditions;  /* COND_* from recent pain and screening (SAFETY.md §6) */
	unsigned pause;	      /* PAUSE_* from the screening answers in force (SAFETY.md §1) */
	int64_t data_version; /* the store's, when coach_refresh() last looked; 0 never */
	struct plan_input input;
	/* The weekly pain read once for several decisions (coach_pain_weeks()). */
	struct pain_week *pain;
	size_t npain;
	day_t pain_first, pain_today; /* its first Monday; the day it was read for */
	int64_t pain_mark[2];	      /* store_pain_mark() when it was read */
	day_t pain_reach;	      /* coach_pain_reach(); 0 none */
};

/*
 * Lazy loaders: 0, or -1 with error_last() set.
 * coach_store: opens (creating unless `readonly`) the database.
 * coach_program: the program file (embedded default or program_path).
 * coach_profile: store + program + profile + progress + a physical
 * therapist's changes + conditions; fails
 * with a hint to run setup when there is no profile yet.
 * coach_input: everything plan_build() needs, or NULL.
 */
int coach_store(struct coach *c, int readonly);
int coach_program(struct coach *c);
int coach_profile(struct coach *c);
const struct plan_input *coach_input(struct coach *c);
/*
 * The exercise cautions (COND_* flags, SAFETY.md section 6) the answers
 * that count raise, into *cond, and whether they block guided sessions,
 * into *blocked. 0, or -1 with error_last() set.
 */
int coach_screening_conditions(struct coach *c, unsigned *cond, int *blocked);
/* Whether a profile exists yet: 1 yes, 0 no, -1 error. Opens the store. */
int coach_has_profile(struct coach *c);
/*
 * The same for a face that works without a profile (browsing the
 * exercises): never creates the database. 1 yes, 0 no (also when there is
 * no database yet), -1 when the database cannot be read (error_last()
 * says why). Leaves no store open that was not open before.
 */
int coach_has_profile_readonly(struct coach *c);
/*
 * Reloads the progress rows (after a decision was written) so that a plan
 * built afterwards reflects them. 0 or -1.
 */
int coach_reload_progress(struct coach *c);
void coach_release(struct coach *c);
/* Drops the loaded profile, progress and conditions: the next coach_input() reads them again. */
void coach_forget(struct coach *c);
/*
 * For a long-lived coach (the web server): forgets what it loaded when
 * another connection committed since the last call, or when `changed` says
 * this one wrote something the loaded state depends on.
 */
void coach_refresh(struct coach *c, int changed);

/*
 * The weekly pain of the n weeks from the Monday `first` into weeks[], as
 * store_pain_weeks() gives it, read once for all the decisions of a command
 * (the screening, the status and the running load each ask): the first ask
 * reads from `first`, or from the Monday of coach_pain_reach() when earlier,
 * to this week, and the later ones are copied from it until the database
 * changes (by this connection or another) or the day does. 0 or -1.
 */
int coach_pain_weeks(struct coach *c, day_t first, struct pain_week *weeks, size_t n);
/*
 * Says that the command will ask for the weekly pain from the Monday `first`
 * (the status counts from the program's first week), so that the first read
 * covers it and the narrower asks before it cost no second read.
 */
void coach_pain_reach(struct coach *c, day_t first);

/*
 * Whether the runner was told to stop running (a red flag in force, SAFETY.md
 * section 1): 1 yes, 0 no (also before setup), -1 on error.
 */
int coach_running_paused(struct coach *c);

/* Whether distances are shown in miles: the profile says, km without one. */
int coach_miles(struct coach *c);

#endif
