/* A physical therapist changes the runner's program: the level, the equipment, the exercises left
 * out, the doses, a note to the runner; each change checked, written in one transaction and
 * recorded with who made it and why. The plan follows at once. */
#ifndef HIPCOACH_COACH_PROGRAM_CHANGE_H
#define HIPCOACH_COACH_PROGRAM_CHANGE_H

#include <stddef.h>

#include "coach.h"
#include "core/program-change.h"

/* What coach_program_changes() reads. */
struct program_changes {
	int level;			 /* enum level_id: the profile's */
	unsigned equipment;		 /* enum equipment flags: the profile's */
	struct program_current current;	 /* the changes in force */
	struct program_history *history; /* every change, newest first */
	size_t nhistory;
};

void program_changes_release(struct program_changes *pc);

/* coach_program_change()'s answers other than 0. */
enum {
	PROGRAM_CHANGE_REFUSED = -1,   /* the change is wrong: error_last() says what (a 400) */
	PROGRAM_CHANGE_NOT_SAVED = -2, /* no profile yet, or the store failed (a 409 or a 500) */
};

/*
 * Applies a physical therapist's change `chg` to the runner's program,
 * made by `who` (their name, as the runner sees it: "Ana") because of `why`:
 * the level and the equipment through the profile, the exercises left out
 * (each with its reason, else `why`), the doses and the note, checked first
 * (program_change_check(): known exercises, doses within the bounds of
 * core/program-change.h) and written in one transaction with a record of
 * what changed. An exercise left out as before, or a dose set as before,
 * keeps who set it and when. A dose set, changed or given back to the
 * program is written to the progress log too (change "adapt", with its
 * reason), so that progress counts only the sessions after it. Then the
 * coach forgets what it loaded: the next plan follows the change. A change
 * that changes nothing writes nothing. 0; PROGRAM_CHANGE_REFUSED; or
 * PROGRAM_CHANGE_NOT_SAVED (error_last() says why either way).
 */
int coach_program_change(struct coach *c, const struct program_change *chg, const char *who,
			 const char *why);

/*
 * The changes in force and their record into *out (release it with
 * program_changes_release(), also after an error). Reads only. 0, or -1
 * with error_last() set (a missing profile says to run setup).
 */
int coach_program_changes(struct coach *c, struct program_changes *out);

#endif
