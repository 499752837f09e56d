/* Track maths shared by the GPX and TCX readers: distance, jitter filter, moving time, ascent. */
#ifndef HIPCOACH_GEO_H
#define HIPCOACH_GEO_H

#include <time.h>

#include "../core/activity.h"

/* Great-circle distance in metres between two WGS84 positions in degrees. */
double geo_haversine(double lat1, double lon1, double lat2, double lon2);

/*
 * The cosine of latitudes near a reference one, for geo_near_distance():
 * a third-order expansion around the reference, whose cosine and sine
 * are taken again only when the latitude moves more than GEO_COS_SPAN_RAD
 * (about 64 km) away from it.
 */
#define GEO_COS_SPAN_RAD 0.01
struct geo_cos {
	double ref, cos_ref, sin_ref; /* radians */
	int have_ref;
};

/*
 * The distance in metres between two positions in degrees, as
 * geo_haversine() but cheaper for the short steps between track points:
 * equirectangular at the mean latitude (under 1e-6 relative error
 * against the great circle up to GEO_NEAR_DEG apart, below 89.9 degrees
 * of latitude: far below GPS noise), without a trigonometric call per
 * step. Farther apart (glitches,
 * a resume elsewhere, the antimeridian) it is geo_haversine().
 */
#define GEO_NEAR_DEG 0.1
double geo_near_distance(struct geo_cos *c, double lat1, double lon1, double lat2, double lon2);

/*
 * The fastest plausible speed for a sport in m/s: points implying more are
 * GPS glitches. 12 m/s for running (faster than any sprinter holds for
 * a second), 35 for cycling, 60 otherwise.
 */
double geo_max_speed(const char *sport);

/* One track point; the has_* flags say which fields were recorded. */
struct geo_point {
	double lat, lon; /* degrees */
	double ele;	 /* metres */
	time_t t;	 /* UTC seconds */
	int hr;		 /* beats per minute */
	unsigned has_pos : 1, has_ele : 1, has_time : 1, has_hr : 1;
};

/*
 * A streaming accumulator: feed points in order with geo_track_add() and
 * read the totals with geo_track_finish(). It keeps no point list, so a
 * track of any length costs a few hundred bytes.
 *
 * Jitter: a point closer than GEO_JITTER_M to the last accepted position
 * is held back, so a standing watch that wanders a metre or two adds
 * nothing. Staying near one spot longer than GEO_JITTER_M / GEO_STOP_SPEED
 * seconds is a stop: the next move's time starts when the runner left,
 * and a move slower than GEO_STOP_SPEED is no movement at all (neither
 * distance nor moving time). A point
 * implying more than the sport's max speed is dropped, unless several in a
 * row do (then the earlier anchor was the glitch and we restart from the
 * new point). Intervals between consecutive points longer than GEO_GAP_S
 * (auto-pause, lost signal) never count as moving time.
 */
#define GEO_JITTER_M	  3.0
#define GEO_STOP_SPEED	  0.5
#define GEO_GAP_S	  30
#define GEO_ASCENT_HYST_M 3.0

struct geo_track {
	double max_speed;
	/* time span */
	time_t first_t, last_t;
	int have_time;
	/* position anchor (last accepted position) */
	struct geo_point anchor, near; /* near: the last point held back within jitter */
	time_t near_t;
	int have_anchor, have_near, gap_since_anchor, glitches;
	time_t prev_t; /* previous timed point, for gaps */
	int have_prev_t;
	struct geo_cos cos;
	double distance_m, moving_s, time_moving_s;
	int have_pos;
	/* ascent with hysteresis */
	double ele_ref, ascent_m;
	int have_ele, climbing;
	/* heart rate */
	double hr_sum;
	long hr_n;
	int hr_max;
	long points;
};

void geo_track_init(struct geo_track *g, double max_speed);
void geo_track_add(struct geo_track *g, const struct geo_point *p);
/* A new segment: the jump to the next point adds no distance and no moving time. */
void geo_track_break(struct geo_track *g);
/*
 * Writes start, elapsed, distance, moving time, ascent and heart rate into
 * *a (fields the track cannot tell stay as they were). Returns 0, or -1 if
 * the track had no timed point (a route or a plan, not an activity).
 */
int geo_track_finish(const struct geo_track *g, struct activity *a);

#endif
