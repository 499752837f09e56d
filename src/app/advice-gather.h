/* Gathering the runner's record from the store into the safety and progress decisions, for status,
 * report and today. */
#ifndef HIPCOACH_ADVICE_GATHER_H
#define HIPCOACH_ADVICE_GATHER_H

#include "app.h"
#include "core/load.h"
#include "core/advice.h"
#include "core/progress.h"
#include "core/safety.h"
#include "store/screening.h"

/* One exercise as it stands: today's dose, the decision on its recent results, and its last change.
 */
struct exercise_status {
	struct prescription now;
	struct progress_decision decision; /* HOLD unless it was changed by this gathering */
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
	struct exercise_status *exercises;
	size_t nexercises;
	struct plan_session sessions[2]; /* today's prescriptions, strength and stretch */
	struct advice_list advice;	 /* sorted, most urgent first; never empty */
	struct screening_state screening;
	enum tristate scaled_back;
	struct load_report load; /* running load (SAFETY.md section 5) */
	int have_load;		 /* load could be read */
	int changes;		 /* progress decisions written by this gathering */
};

void status_init(struct status *s);
void status_release(struct status *s);

/*
 * Reads the record and decides. With `apply`, first writes the progress and
 * step-back decisions of SAFETY.md section 3 to the progress table (each
 * with its one-line reason) and reloads the app's progress so a plan built
 * afterwards reflects them. Idempotent: a decision only counts sessions
 * finished after the exercise's last change, so running it twice writes
 * nothing new. Prints its own error and returns -1 on failure.
 */
int advice_gather(struct app *app, struct status *out, int apply);

/* The advice as a JSON array of { "code", "message", "source" } (docs/json.md). */
json_t *json_advice_list(const struct advice_list *l);

#endif
