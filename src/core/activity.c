/* Activity records: the common shape of a run, whatever file it came from. */
#include "activity.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../lib/datetime.h"
#include "../lib/xalloc.h"

void activity_init(struct activity *a)
{
	memset(a, 0, sizeof(*a));
	strcpy(a->sport, "other");
	a->distance_m = a->moving_s = a->elapsed_s = a->ascent_m = -1;
}

int activity_sport_is_run(const char *sport)
{
	size_t n = strlen(sport);

	return n >= 7 && !strcmp(sport + n - 7, "running");
}

int activity_is_run(const struct activity *a)
{
	return activity_sport_is_run(a->sport);
}

const char *activity_sport_normalize(const char *name)
{
	static const struct {
		const char *in, *out;
	} map[] = {
	    {"run", "running"},
	    {"running", "running"},
	    {"street_running", "running"},
	    {"road_running", "running"},
	    {"trail run", "trail_running"},
	    {"trail_run", "trail_running"},
	    {"trail_running", "trail_running"},
	    {"trailrun", "trail_running"},
	    {"virtual run", "virtual_running"},
	    {"virtualrun", "virtual_running"},
	    {"virtual_running", "virtual_running"},
	    {"treadmill", "treadmill_running"},
	    {"treadmill_running", "treadmill_running"},
	    {"indoor_running", "treadmill_running"},
	    {"track_running", "track_running"},
	    {"walk", "walking"},
	    {"walking", "walking"},
	    {"hike", "hiking"},
	    {"hiking", "hiking"},
	    {"ride", "cycling"},
	    {"biking", "cycling"},
	    {"cycling", "cycling"},
	    {"virtual ride", "cycling"},
	    {"virtualride", "cycling"},
	    {"swim", "swimming"},
	    {"swimming", "swimming"},
	};

	for (size_t i = 0; i < ARRAY_SIZE(map); i++)
		if (!strcasecmp(name, map[i].in))
			return map[i].out;
	return "other";
}

/* A run and a ride at the same minute are two activities; an unknown sport matches any. */
static int same_sport(const char *a, const char *b)
{
	if (!strcmp(a, b) || !strcmp(a, "other") || !strcmp(b, "other"))
		return 1;
	return activity_sport_is_run(a) && activity_sport_is_run(b);
}

/* Whether two values are within `rel` of the larger one, or at most `abs_tol` apart. */
static int close_to(double a, double b, double rel, double abs_tol)
{
	double d = fabs(a - b), m = a > b ? a : b;

	return d <= abs_tol || d <= rel * m;
}

int activity_same(const struct activity *a, int a_manual, const struct activity *b, int b_manual)
{
	double dt = difftime(a->start, b->start);
	int dist_known = a->distance_m >= 0 && b->distance_m >= 0;

	if (!same_sport(a->sport, b->sport))
		return 0;
	if (a_manual || b_manual) {
		if (day_of_time(a->start) == day_of_time(b->start) &&
		    (!dist_known ||
		     close_to(a->distance_m, b->distance_m, ACTIVITY_SAME_MANUAL_DISTANCE,
			      ACTIVITY_SAME_DISTANCE_M)))
			return 1;
	}
	if (fabs(dt) > ACTIVITY_SAME_START_S)
		return 0;
	if (dist_known)
		return close_to(a->distance_m, b->distance_m, ACTIVITY_SAME_DISTANCE,
				ACTIVITY_SAME_DISTANCE_M);
	if (a->elapsed_s >= 0 && b->elapsed_s >= 0)
		return close_to(a->elapsed_s, b->elapsed_s, ACTIVITY_SAME_ELAPSED,
				ACTIVITY_SAME_ELAPSED_S);
	return 1;
}

void activity_list_init(struct activity_list *l)
{
	l->items = NULL;
	l->nr = l->alloc = 0;
}

struct activity *activity_list_add(struct activity_list *l, const struct activity *a)
{
	ALLOC_GROW(l->items, l->nr + 1, l->alloc);
	l->items[l->nr] = *a;
	return &l->items[l->nr++];
}

void activity_list_release(struct activity_list *l)
{
	free(l->items);
	activity_list_init(l);
}
