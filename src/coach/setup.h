/* The runner's settings read and checked in one place (level, equipment, week, units), the rules a
 * profile follows, and saving it, for `hipcoach setup` and the web API's POST /api/profile alike.
 */
#ifndef HIPCOACH_COACH_SETUP_H
#define HIPCOACH_COACH_SETUP_H

#include <stddef.h>

#include "coach.h"
#include "core/plan.h"
#include "lib/strbuf.h"

/*
 * Each reader takes one setting as `hipcoach setup` does and returns 0, or
 * -1 with the message (lowercase, no full stop) appended to `err`; the
 * command prints it as a usage error, the interview as "Sorry: ...", the
 * web API answers it with 400.
 */

/* "beginner", "moderate" or "heavy": *out is an enum level_id. */
int setup_parse_level(const char *s, int *out, struct strbuf *err);
/* "mat,band,step": equipment flags; "none" adds nothing. */
int setup_parse_equipment(const char *s, unsigned *out, struct strbuf *err);
/*
 * "4,6,8", each maybe marked "kg" or "lb", else in pounds when `pounds`:
 * p->weights_kg and p->nweights, ascending (pounds kept to 0.1 kg).
 */
int setup_parse_weights(const char *s, int pounds, struct profile *p, struct strbuf *err);
/*
 * "mon,wed,sat": bit 0 is Monday; "", "none" and "auto" are no day. `what`
 * names the setting. A day given twice is an error, as is a distance.
 */
int setup_parse_days(const char *what, const char *s, unsigned *out, struct strbuf *err);
/* Whether `s` is a distance a runner would name: "10k", "21.1km", "13mi", "half", "marathon". */
int setup_is_distance(const char *s);
/*
 * One day or none ("none", ""): *out is 0..6, or -1. A distance given with
 * the day ("sat 10k", "sat,half") is left to the runs recorded; a distance
 * alone is an error that says so.
 */
int setup_parse_long_run(const char *what, const char *s, int *out, struct strbuf *err);
/* "km" or "mi", and "kg" or "lb": p->miles and p->pounds, only those given. */
int setup_parse_units(const char *s, struct profile *p, struct strbuf *err);
/* YYYY-MM-DD, a real date. */
int setup_parse_date(const char *s, day_t *out, struct strbuf *err);

/* The settings given, as the command's option values; NULL: not given. */
struct setup_values {
	const char *level, *equipment, *dumbbells, *run_days, *long_run, *strength_days, *units,
	    *name, *start;
	int dumbbells_kg; /* the weights are in kg whatever the profile's units */
};

/* A profile before its first setting: beginner, a mat, starting today. */
void setup_profile_new(struct profile *p);

/* Sets the long-run day (0..6, or -1 for none); a long-run day is a run day. */
void setup_long_run(struct profile *p, int day);

/*
 * Applies the given settings to *p with setup's rules (weights put
 * dumbbells in the equipment; the long-run day is a run day) and its
 * messages, naming each setting by its option (--run-days). 0, or -1 with
 * the message in `err` after the first bad value: *p may be half changed
 * then, so check on a copy before changing what will be saved.
 */
int setup_apply(struct profile *p, const struct setup_values *v, struct strbuf *err);

/*
 * Why hipcoach chose `chosen` (plan_strength_days()) as the strength days
 * for *p, in plain words: "chosen to fit your runs: never two days in a
 * row, away from your long run on sat and the day before it, on days you do
 * not run". Appended to `sb`.
 */
void setup_strength_reason(const struct profile *p, unsigned chosen, struct strbuf *sb);

/*
 * What in *p deserves a word without stopping the save: two strength days
 * in a row, strength the day before the long run, dumbbells without
 * weights. Puts up to `max` messages (static strings, lowercase, no full
 * stop) in out[] and returns how many.
 */
size_t setup_warnings(const struct profile *p, const char **out, size_t max);

/*
 * The runner's stored profile in *p (release it with profile_release()):
 * 1; or, when there is none yet, a new one (setup_profile_new()): 0. -1
 * with error_last() set when the store cannot be opened or read. Opens the
 * store unless it is open already (a caller that only reads opens it
 * read-only first).
 */
int coach_setup_load(struct coach *c, struct profile *p);

/*
 * Saves *p as the runner's profile (one transaction), then drops the
 * coach's loaded profile, progress and conditions so that the next
 * coach_profile() or coach_input() plans from the saved one. 0, or -1 with
 * error_last() set ("cannot save profile: ...").
 */
int coach_setup_save(struct coach *c, const struct profile *p);

#endif
