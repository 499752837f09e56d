/* `hipcoach log run`: a run (or another activity) recorded by hand, without a file. */
#ifndef HIPCOACH_LOG_RUN_H
#define HIPCOACH_LOG_RUN_H

#include "app.h"

/* The usage line after "hipcoach log ", for the log command's help. */
extern const char log_run_usage[];

/*
 * Runs `hipcoach log run ARGS`: argv holds the words after "run" (argc of
 * them). Prints its own messages and usage errors, and afterwards any
 * running-load advice the new run brings. Returns the exit code: 0 logged
 * (or already recorded), 1 failure, 2 usage error.
 */
int log_run(struct app *app, int argc, char **argv);

#endif
