/* Line mode: the guided session as plain prompts, one line per answer, for scripts and pipes. */
#ifndef HIPCOACH_LINEMODE_H
#define HIPCOACH_LINEMODE_H

#include "tui.h"

/* A front end on stdin/stdout; never fails. `speech` may be NULL. */
struct frontend *linemode_open(const char *kind_name, int pounds, struct speech *speech);

#endif
