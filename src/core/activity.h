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
