/* Track maths shared by the GPX and TCX readers: distance, jitter filter, moving time, ascent. */
#include "geo.h"

#include <math.h>
#include <string.h>

#define EARTH_RADIUS_M 6371008.8 /* IUGG mean radius, as most GPS tools use */

/* Seconds from a to b: difftime(b, a) without a call per track point. */
static inline double seconds_between(time_t a, time_t b)
{
	return (double)b - (double)a;
}

double geo_haversine(double lat1, double lon1, double lat2, double lon2)
{
	const double rad = M_PI / 180.0;
	double dlat = (lat2 - lat1) * rad, dlon = (lon2 - lon1) * rad;
	double s1 = sin(dlat / 2), s2 = sin(dlon / 2);
	double h = s1 * s1 + cos(lat1 * rad) * cos(lat2 * rad) * s2 * s2;

	if (h > 1)
		h = 1;
	return 2 * EARTH_RADIUS_M * asin(sqrt(h));
}

double geo_near_distance(struct geo_cos *c, double lat1, double lon1, double lat2, double lon2)
{
	const double rad = M_PI / 180.0;
	double dlat = lat2 - lat1, dlon = lon2 - lon1, mid, d, cos_mid, x, y;

	if (fabs(dlat) > GEO_NEAR_DEG || fabs(dlon) > GEO_NEAR_DEG)
		return geo_haversine(lat1, lon1, lat2, lon2);
	mid = (lat1 + lat2) / 2 * rad;
	if (!c->have_ref || fabs(mid - c->ref) > GEO_COS_SPAN_RAD) {
		c->ref = mid;
		c->cos_ref = cos(mid);
		c->sin_ref = sin(mid);
		c->have_ref = 1;
	}
	/* cos(ref + d) to the third order: off by under d^4 / 24 < 5e-10. */
	d = mid - c->ref;
	cos_mid = c->cos_ref * (1 - d * d / 2) - c->sin_ref * d * (1 - d * d / 6);
	x = dlon * rad * cos_mid;
	y = dlat * rad;
	return EARTH_RADIUS_M * sqrt(x * x + y * y);
}

double geo_max_speed(const char *sport)
{
	size_t n = strlen(sport);

	if (n >= 7 && !strcmp(sport + n - 7, "running"))
		return 12.0;
	if (!strcmp(sport, "walking") || !strcmp(sport, "hiking"))
		return 12.0;
	if (!strcmp(sport, "cycling"))
		return 35.0;
	return 60.0;
}

void geo_track_init(struct geo_track *g, double max_speed)
{
	memset(g, 0, sizeof(*g));
	g->max_speed = max_speed > 0 ? max_speed : 60.0;
}

void geo_track_break(struct geo_track *g)
{
	g->have_anchor = 0;
	g->have_prev_t = 0;
	g->glitches = 0;
}

static void track_time(struct geo_track *g, time_t t)
{
	if (!g->have_time) {
		g->first_t = g->last_t = t;
		g->have_time = 1;
	}
	if (t > g->last_t)
		g->last_t = t;
	if (g->have_prev_t) {
		double dt = seconds_between(g->prev_t, t);

		if (dt > GEO_GAP_S)
			g->gap_since_anchor = 1;
		else if (dt > 0)
			g->time_moving_s += dt;
	}
	g->prev_t = t;
	g->have_prev_t = 1;
}

/*
 * Ascent with hysteresis: while climbing, the reference follows each new
 * high; a drop of more than GEO_ASCENT_HYST_M turns us to descending, where
 * the reference follows each new low until a rise of more than the
 * threshold. Barometric and GPS altitude both wobble by a metre or two
 * between samples; without this a flat run "climbs" tens of metres.
 */
static void track_ele(struct geo_track *g, double ele)
{
	if (!g->have_ele) {
		g->ele_ref = ele;
		g->have_ele = 1;
		g->climbing = 0;
		return;
	}
	if (g->climbing) {
		if (ele > g->ele_ref) {
			g->ascent_m += ele - g->ele_ref;
			g->ele_ref = ele;
		} else if (g->ele_ref - ele > GEO_ASCENT_HYST_M) {
			g->climbing = 0;
			g->ele_ref = ele;
		}
	} else {
		if (ele < g->ele_ref) {
			g->ele_ref = ele;
		} else if (ele - g->ele_ref > GEO_ASCENT_HYST_M) {
			g->climbing = 1;
			g->ascent_m += ele - g->ele_ref;
			g->ele_ref = ele;
		}
	}
}

/*
 * How long a watch may stay within GEO_JITTER_M of one spot before it is a
 * stop: at GEO_STOP_SPEED one covers GEO_JITTER_M in this time.
 */
#define GEO_STOP_HOLD_S (GEO_JITTER_M / GEO_STOP_SPEED)

/*
 * The interval that a move from the anchor to a point at time t took: from
 * the anchor, or, when the watch stayed near the anchor longer than a
 * stop hold, from the last point still near it (the runner set off then).
 */
static double move_interval(const struct geo_track *g, time_t t)
{
	if (g->have_near && seconds_between(g->anchor.t, g->near_t) > GEO_STOP_HOLD_S)
		return seconds_between(g->near_t, t);
	return seconds_between(g->anchor.t, t);
}

static void set_anchor(struct geo_track *g, const struct geo_point *p)
{
	g->anchor = *p;
	g->have_anchor = 1;
	g->have_near = 0;
	g->gap_since_anchor = 0;
}

static void track_pos(struct geo_track *g, const struct geo_point *p)
{
	double d, dt;
	int timed;

	g->have_pos = 1;
	if (!g->have_anchor) {
		set_anchor(g, p);
		return;
	}
	d = geo_near_distance(&g->cos, g->anchor.lat, g->anchor.lon, p->lat, p->lon);
	timed = p->has_time && g->anchor.has_time;
	if (timed) {
		dt = seconds_between(g->anchor.t, p->t);
		/* Second-resolution times can repeat; one second is the floor. */
		if (d / (dt < 1 ? 1 : dt) > g->max_speed) {
			/*
			 * Several impossible jumps in a row mean the anchor was
			 * the glitch (or the watch resumed far away): restart.
			 */
			if (++g->glitches > 3) {
				set_anchor(g, p);
				g->glitches = 0;
			}
			return;
		}
	}
	g->glitches = 0;
	if (d < GEO_JITTER_M) {
		if (timed) {
			g->near = *p;
			g->near_t = p->t;
			g->have_near = 1;
		}
		return;
	}
	if (!timed) {
		g->distance_m += d;
	} else if (g->gap_since_anchor) {
		g->distance_m +=
		    d; /* lost signal or a pause: the way was covered, the time is unknown */
	} else {
		dt = move_interval(g, p->t);
		if (dt > 0 && d / dt >= GEO_STOP_SPEED) {
			g->distance_m += d;
			g->moving_s += dt;
		}
	}
	set_anchor(g, p);
}

void geo_track_add(struct geo_track *g, const struct geo_point *p)
{
	g->points++;
	if (p->has_time)
		track_time(g, p->t);
	if (p->has_hr && p->hr > 0 && p->hr < 255) {
		g->hr_sum += p->hr;
		g->hr_n++;
		if (p->hr > g->hr_max)
			g->hr_max = p->hr;
	}
	if (p->has_ele && isfinite(p->ele) && p->ele > -1000 && p->ele < 10000)
		track_ele(g, p->ele);
	if (p->has_pos && isfinite(p->lat) && isfinite(p->lon) && fabs(p->lat) <= 90 &&
	    fabs(p->lon) <= 180)
		track_pos(g, p);
}

int geo_track_finish(const struct geo_track *g, struct activity *a)
{
	if (!g->have_time)
		return -1;
	a->start = g->first_t;
	a->elapsed_s = seconds_between(g->first_t, g->last_t);
	if (g->have_pos) {
		a->distance_m = g->distance_m;
		a->moving_s = g->moving_s;
		/*
		 * The last points may be held back by the jitter filter; count
		 * that short tail when it was a move, not standing at the end.
		 */
		if (g->have_anchor && g->have_near && g->anchor.has_time && !g->gap_since_anchor &&
		    seconds_between(g->anchor.t, g->near_t) <= GEO_STOP_HOLD_S) {
			double d =
			    geo_haversine(g->anchor.lat, g->anchor.lon, g->near.lat, g->near.lon);
			double dt = seconds_between(g->anchor.t, g->near_t);

			if (dt > 0 && d / dt >= GEO_STOP_SPEED) {
				a->distance_m += d;
				a->moving_s += dt;
			}
		}
	} else {
		a->moving_s = g->time_moving_s;
	}
	/* Timestamps that go backwards can make intervals overlap. */
	if (a->moving_s > a->elapsed_s)
		a->moving_s = a->elapsed_s;
	if (g->have_ele)
		a->ascent_m = g->ascent_m;
	if (g->hr_n) {
		a->avg_hr = (int)lround(g->hr_sum / (double)g->hr_n);
		a->max_hr = g->hr_max;
	}
	return 0;
}
