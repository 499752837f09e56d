/* How it is going: the runner's record gathered into the safety, progress and load decisions, for
 * status, report and today; and the progress decisions taken when something is recorded. */
#ifndef HIPCOACH_COACH_STATUS_H
#define HIPCOACH_COACH_STATUS_H

#include "coach.h"
#include "core/load.h"
#include "core/advice.h"
#include "core/progress.h"
#include "core/safety.h"
#include "screening.h"
#include "store/care.h"

/* One exercise as it stands: today's dose, the decision on its recent results, and its last change.
 */
struct exercise_status {
	struct prescription now;
	struct progress_decision decision; /* due now: HOLD, or what the next record will apply */
	char last_change[320];		   /* the stored reason of the last change, "" none */
	char last_change_day[11];	   /* its date, "" none */
	size_t nsessions;		   /* sessions at this dose */
};

/* Everything `status`, `report` and the today screen show about how it is going. */
struct status {
	day_t today, start;
	int level;
	struct pain_week *weeks; /* from the program's first week through this week */
	size_t nweeks;
	struct exercise_status *exercises; /* strength items, then stretch items */
	size_t nexercises;
	struct plan_session sessions[2]; /* today's prescriptions, strength and stretch */
	struct advice_list advice;	 /* sorted, most urgent first; never empty */
	struct screening_state screening;
	enum tristate scaled_back;
	struct load_report load;    /* running load (SAFETY.md section 5) */
	int have_load;		    /* load could be read */
	struct adherence adherence; /* the last 2 complete weeks, strength first (SAFETY.md §4) */
	struct care_rec care;	    /* a clinician is managing the hip: care.since != 0 */
	/* A physical therapist's changes to the program (the coach's, valid while it keeps its
	 * input): exercises left out, doses set, a note; never NULL once gathered. */
	const struct program_current *therapist;
	/* The PSFS averages, first and latest, when something is scored (SAFETY.md section 7);
	 * psfs_better: a real gain of 2 points or more. */
	int psfs_scored, psfs_better;
	double psfs_first, psfs_latest;
};

void status_init(struct status *s);
void status_release(struct status *s);

/*
 * Reads the record and decides what it says now: weekly pain and adherence,
 * screening, running load, each exercise's standing, and the advice, most
 * urgent first. Reads only: the progress decisions are written by
 * coach_decide_progress() when something is recorded. 0, or -1 with
 * error_last() set; release `out` either way.
 */
int coach_status(struct coach *c, struct status *out);

/* One week of the progress charts. */
struct status_week {
	struct pain_week pain; /* monday, weekly pain, planned and done: status's week */
	double distance_m;     /* run that week: the runs' distances, 0 with none */
};

/* The weekly figures from the program's first week through this one. */
struct status_weeks {
	struct status_week *weeks; /* oldest first */
	size_t n;
	int have_runs; /* a run (with or without a distance) started in these weeks */
};

void status_weeks_init(struct status_weeks *w);
void status_weeks_release(struct status_weeks *w);

/*
 * The weeks of coach_status() (the same weekly pain, and sessions done
 * against planned) with the distance run in each, for the progress
 * charts, without deciding the advice. A run counts in the week of its
 * local start day; only running sports (activity_is_run()) count. Reads
 * only. 0, or -1 with error_last() set (a missing profile says to run
 * setup); release `out` either way.
 */
int coach_status_weeks(struct coach *c, struct status_weeks *out);

/*
 * Takes the progress and step-back decisions of SAFETY.md section 3 that
 * are due and writes each (with its one-line reason) to the progress
 * table, then reloads the coach's progress so that a plan built afterwards
 * reflects them. Called by every use case that records something a
 * decision reads (a session, a check-in). Idempotent: a decision only
 * counts sessions finished after the exercise's last change. The number of
 * changes goes to *changes when not NULL. 0, or -1 with error_last() set.
 */
int coach_decide_progress(struct coach *c, int *changes);
/*
 * What every use case that records a session or a check-in calls last:
 * coach_decide_progress() when the runner has a profile, nothing before
 * setup. 0, or -1 with error_last() set (the record itself stands).
 */
int coach_after_record(struct coach *c);

#endif
