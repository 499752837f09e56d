/* `hipcoach log pain`: one pain check-in from the command line. */
#ifndef HIPCOACH_LOG_PAIN_H
#define HIPCOACH_LOG_PAIN_H

#include "app.h"

/* The usage line after "hipcoach log ", for the log command's help. */
extern const char log_pain_usage[];

/*
 * Runs `hipcoach log pain N ...` with the values as parsed by the log
 * command: `score` as typed, `when` (NULL: now), `where` and `date`
 * (NULL: none, today). Prints its own messages and usage errors;
 * returns the exit code: 0 logged, 1 failure, 2 usage error.
 */
int log_pain_values(struct app *app, const char *score, const char *when, const char *where,
		    const char *date);

#endif
