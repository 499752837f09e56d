/* One recorded activity (a run or other sport) as every importer produces it. */
#ifndef HIPCOACH_ACTIVITY_H
#define HIPCOACH_ACTIVITY_H

#include <stddef.h>
#include <time.h>

/*
 * Sports are short stable strings: "running", "trail_running",
 * "treadmill_running", "track_running", "virtual_running", "walking",
 * "hiking", "cycling", "swimming", "other". Only the *running ones count
 * toward running load (activity_is_run()).
 */
struct activity {
	time_t start; /* UTC seconds */
	char sport[24];
	double distance_m; /* device distance where recorded, else filtered GPS sum; <0 unknown */
	double moving_s;   /* excludes stops; <0 unknown */
	double elapsed_s;  /* first to last timestamp; <0 unknown */
	double ascent_m;   /* <0 unknown */
	int avg_hr;	   /* beats per minute; 0 unknown */
	int max_hr;	   /* 0 unknown */
};

void activity_init(struct activity *a);
int activity_is_run(const struct activity *a);
/* Whether a sport string (as in struct activity) is one of the *running ones. */
int activity_sport_is_run(const char *sport);
/* Maps loose names ("Run", "Trail Run", "running", "Ride") to our sport strings. */
const char *activity_sport_normalize(const char *name);

/*
 * The duplicate rule: whether `a` and `b` are one activity recorded twice
 * (two formats, two exports, logged by hand and then imported). `a_manual`
 * and `b_manual` say that an activity was typed by hand (`hipcoach log
 * run`): its start is only a day, at noon. The sports must agree (any two
 * running sports agree, and "other" agrees with everything), and then:
 *   - the starts are within ACTIVITY_SAME_START_S, and the distances within
 *     ACTIVITY_SAME_DISTANCE (or ACTIVITY_SAME_DISTANCE_M); when either has
 *     no distance, the elapsed times within ACTIVITY_SAME_ELAPSED (or
 *     ACTIVITY_SAME_ELAPSED_S); when neither can tell, the start alone
 *     decides;
 *   - or, when either was typed by hand, the same local day and distances
 *     within ACTIVITY_SAME_MANUAL_DISTANCE (or ACTIVITY_SAME_DISTANCE_M).
 * Devices and Strava disagree on the start by a few seconds (first fix
 * against the start button) and on distance by a few percent (device
 * odometer against re-sampled GPS), so neither is compared exactly.
 * Returns 1 when they are the same activity, else 0. Symmetric.
 */
#define ACTIVITY_SAME_START_S	      120
#define ACTIVITY_SAME_DISTANCE	      0.03
#define ACTIVITY_SAME_DISTANCE_M      50
#define ACTIVITY_SAME_ELAPSED	      0.05
#define ACTIVITY_SAME_ELAPSED_S	      30
#define ACTIVITY_SAME_MANUAL_DISTANCE 0.05
/*
 * The widest gap between two starts that activity_same() can accept (a
 * noon entry typed by hand against a run at either end of that local day,
 * in any time zone): a caller looks for candidates this far either side.
 */
#define ACTIVITY_SAME_WINDOW_S (36 * 3600)
int activity_same(const struct activity *a, int a_manual, const struct activity *b, int b_manual);

/* A growable list that readers append to. */
struct activity_list {
	struct activity *items;
	size_t nr, alloc;
};

void activity_list_init(struct activity_list *l);
/* Appends a copy of *a; returns the stored element. */
struct activity *activity_list_add(struct activity_list *l, const struct activity *a);
void activity_list_release(struct activity_list *l);

#endif
