/* `hipcoach log run`: a run (or another activity) recorded by hand, without a file. */
#ifndef HIPCOACH_LOG_RUN_H
#define HIPCOACH_LOG_RUN_H

#include "app.h"

/* The usage line after "hipcoach log ", for the log command's help. */
extern const char log_run_usage[];

/*
 * Runs `hipcoach log run` with the values as parsed by the log command
 * (`sport` NULL: running). Prints its own messages and usage errors, and afterwards any
 * running-load advice the new run brings. Returns the exit code: 0 logged
 * (or already recorded), 1 failure, 2 usage error.
 */
int log_run_values(struct app *app, const char *distance, const char *time, const char *date,
		   const char *sport);

#endif
