/* The pain table: check-ins (now, during, after, the next morning) and their weekly aggregates. */
#ifndef HIPCOACH_STORE_PAIN_H
#define HIPCOACH_STORE_PAIN_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "core/safety.h"
#include "lib/datetime.h"
#include "store.h"

enum pain_context { PAIN_NOW, PAIN_DURING, PAIN_AFTER, PAIN_MORNING };
#define PAIN_CONTEXT_COUNT 4
extern const char *const pain_context_names[PAIN_CONTEXT_COUNT]; /* "now", "during", ... */
enum pain_location {
	PAIN_LOCATION_OUTER,
	PAIN_LOCATION_FRONT,
	PAIN_LOCATION_GROIN,
	PAIN_LOCATION_BUTTOCK,
	PAIN_LOCATION_BACK,
};
#define PAIN_LOCATION_COUNT 5
extern const char *const pain_location_names[PAIN_LOCATION_COUNT]; /* "outer", "front", ... */
/* Index of a name in the tables above, or -1. */
int pain_context_parse(const char *name);
int pain_location_parse(const char *name);

struct pain_entry {
	int64_t id;
	day_t date;
	int score;
	enum pain_context context;
	int location;	    /* index into pain_location_names, -1 none */
	int64_t session_id; /* 0: none */
	time_t at;	    /* when it was logged; 0 unknown */
};

/*
 * Adds one check-in (one transaction). `location` -1 for none, `session_id`
 * 0 for none. The new row's id goes to *id when id is not NULL. 0 or -1.
 */
int store_pain_add(struct store *st, day_t date, int score, enum pain_context context, int location,
		   int64_t session_id, int64_t *id);
/* Check-ins with from <= date <= to, oldest first; *out is malloc'd (free it). 0 or -1. */
int store_pain_between(struct store *st, day_t from, day_t to, struct pain_entry **out, size_t *n);
/*
 * The earliest date of a check-in logged at or after `after` (by when it
 * was logged, not its date) into *first: 1 found, 0 none, -1 error.
 */
int store_pain_first_logged_after(struct store *st, time_t after, day_t *first);
/* How many check-ins with a score above 0 at `location` have from <= date <= to; -1 on error. */
int store_pain_location_count(struct store *st, int location, day_t from, day_t to);
/*
 * Every pain score with from <= date <= to, oldest first: the check-ins of
 * the pain table, and from each session its pain before (as "now"), its pain
 * after (as "after") and its highest pain during an exercise (as "during").
 * *out is malloc'd (free it). 0 or -1.
 */
struct pain_score {
	day_t date;
	int score;
	enum pain_context context;
};
int store_pain_scores(struct store *st, day_t from, day_t to, struct pain_score **out, size_t *n);
/*
 * The date of the first pain check-in into *out: 1 found, 0 none yet, -1 on
 * error. The running load measures "scaled back" from it when it comes
 * after the program's start (SAFETY.md section 5).
 */
int store_pain_first_day(struct store *st, day_t *out);
/* The score of the latest check-in before row `id` (by date, then id), or -1 when none. -2 on
 * error. */
int store_pain_previous(struct store *st, int64_t id);
/*
 * Fills the pain fields of `n` weeks starting on the Monday `first` from
 * store_pain_scores() (monday, mean, per-context means, count, max) and
 * the weekly pain the rules use, by safety_pain_weeks() (value, low, high,
 * days, basis); the session counts are set to 0. 0 or -1.
 */
int store_pain_weeks(struct store *st, day_t first, struct pain_week *weeks, size_t n);
/*
 * A mark of what the weekly pain is read from, for a cache of it: it moves
 * with every commit of another connection (store_data_version()) and every
 * row this one writes (store_changes()).
 */
void store_pain_mark(struct store *st, int64_t mark[2]);

#endif
