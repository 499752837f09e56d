/* TCX reader: scans Garmin Training Center XML with xmlread into activities. */
#include "tcx.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../lib/datetime.h"
#include "../lib/error.h"
#include "../lib/parse.h"
#include "../lib/xalloc.h"
#include "geo.h"
#include "source.h"
#include "xmlread.h"

#define MAX_DEPTH   XMLREAD_MAX_DEPTH
#define NS_TCX_BASE "http://www.garmin.com/xmlschemas/TrainingCenterDatabase/"

/* The TCX elements we know; everything else (and other namespaces) is E_OTHER. */
enum elem {
	E_OTHER,
	E_ACTIVITIES,
	E_ACTIVITY,
	E_ID,
	E_LAP,
	E_TOTALTIME,
	E_DISTANCE,
	E_AVGHR,
	E_MAXHR,
	E_VALUE,
	E_TRACK,
	E_TRACKPOINT,
	E_TIME,
	E_POSITION,
	E_LAT,
	E_LON,
	E_ALTITUDE,
	E_HR,
};

#define NAME(s) s, sizeof(s) - 1
/* Most frequent first: a track point's elements. */
static const struct {
	const char *name;
	size_t len;
	enum elem e;
} elem_names[] = {
    {NAME("Trackpoint"), E_TRACKPOINT},
    {NAME("Time"), E_TIME},
    {NAME("Position"), E_POSITION},
    {NAME("LatitudeDegrees"), E_LAT},
    {NAME("LongitudeDegrees"), E_LON},
    {NAME("AltitudeMeters"), E_ALTITUDE},
    {NAME("DistanceMeters"), E_DISTANCE},
    {NAME("HeartRateBpm"), E_HR},
    {NAME("Value"), E_VALUE},
    {NAME("Track"), E_TRACK},
    {NAME("Lap"), E_LAP},
    {NAME("TotalTimeSeconds"), E_TOTALTIME},
    {NAME("AverageHeartRateBpm"), E_AVGHR},
    {NAME("MaximumHeartRateBpm"), E_MAXHR},
    {NAME("Activities"), E_ACTIVITIES},
    {NAME("Activity"), E_ACTIVITY},
    {NAME("Id"), E_ID},
};
#undef NAME

/* Which leaf's text we are collecting. */
enum leaf {
	L_NONE,
	L_ID,
	L_LAP_TIME,
	L_LAP_DIST,
	L_LAP_AVGHR,
	L_LAP_MAXHR,
	L_TP_TIME,
	L_TP_LAT,
	L_TP_LON,
	L_TP_ALT,
	L_TP_DIST,
	L_TP_HR,
};

struct tcx_lap {
	time_t start;
	int has_start;
	double total_s, dist_m;
	int has_total, has_dist;
	int avg_hr, max_hr;
};

struct tcx_state {
	struct xmlread xml; /* first: the handlers' scanner is the state */
	struct activity_list *out;
	int depth;
	enum elem stack[MAX_DEPTH];
	enum leaf leaf;
	int leaf_depth;

	int activities, file_laps; /* in the whole file, for the limits */

	/* the activity being read */
	int in_activity;
	char sport[24];
	time_t id_time, first_lap_start, lap_end;
	int has_id_time, has_lap_start, has_lap_end;
	double lap_dist_sum, lap_time_sum, lap_hr_weighted;
	int lap_dist_n, lap_time_n, laps, laps_with_hr, lap_max_hr;
	double tp_dist_max;
	int has_tp_dist;
	struct geo_track track;
	struct tcx_lap lap;
	struct geo_point pt;
	int has_lat, has_lon;
	double lat, lon;
};

/*
 * What an element is. It runs for every element of a file (about eight
 * per track point): the namespace is compared once by its length and
 * bytes, the local name by its length, then its bytes.
 */
static enum elem elem_of(const struct xmlread_name *name)
{
	static const size_t base_len = sizeof(NS_TCX_BASE) - 1;
	size_t n = name->local_len;

	if (name->ns_len && (name->ns_len < base_len || memcmp(name->ns, NS_TCX_BASE, base_len)))
		return E_OTHER;
	for (size_t i = 0; i < ARRAY_SIZE(elem_names); i++)
		if (elem_names[i].len == n && !memcmp(name->local, elem_names[i].name, n))
			return elem_names[i].e;
	return E_OTHER;
}

/* The element n levels above the current one (0 = current); E_OTHER beyond the stack. */
static enum elem up(const struct tcx_state *st, int n)
{
	int d = st->depth - n;

	if (d < 1 || d > MAX_DEPTH)
		return E_OTHER;
	return st->stack[d - 1];
}

static int num_trim(const char *s, size_t len, double *out)
{
	const char *p = s, *end = s + len;

	while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
		p++;
	while (end > p && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\n' || end[-1] == '\r'))
		end--;
	if (parse_double(&p, end, out) || p != end)
		return -1;
	return 0;
}

/* Activity/@Sport, as written in len bytes. */
static const char *sport_of(const char *s, size_t len)
{
	char buf[64];

	if (len == 7 && !memcmp(s, "Running", 7))
		return "running";
	if (len == 6 && !memcmp(s, "Biking", 6))
		return "cycling";
	if (len >= sizeof(buf))
		return "other"; /* longer than any name activity_sport_normalize() knows */
	memcpy(buf, s, len);
	buf[len] = '\0';
	return activity_sport_normalize(buf);
}

static void begin_activity(struct tcx_state *st)
{
	const char *sport = "other", *v;
	size_t n;

	if (xmlread_attr(&st->xml, "Sport", &v, &n))
		sport = sport_of(v, n);
	st->in_activity = 1;
	snprintf(st->sport, sizeof(st->sport), "%s", sport);
	st->has_id_time = st->has_lap_start = st->has_lap_end = 0;
	st->lap_dist_sum = st->lap_time_sum = st->lap_hr_weighted = 0;
	st->lap_dist_n = st->lap_time_n = st->laps = st->laps_with_hr = st->lap_max_hr = 0;
	st->tp_dist_max = 0;
	st->has_tp_dist = 0;
	geo_track_init(&st->track, geo_max_speed(st->sport));
}

static void begin_lap(struct tcx_state *st)
{
	const char *v;
	size_t n;

	memset(&st->lap, 0, sizeof(st->lap));
	if (xmlread_attr(&st->xml, "StartTime", &v, &n) && !time_parse_iso(v, n, &st->lap.start))
		st->lap.has_start = 1;
}

static void end_lap(struct tcx_state *st)
{
	struct tcx_lap *l = &st->lap;

	if (++st->file_laps > SOURCE_MAX_LAPS) {
		xmlread_abort(&st->xml, "more than 10000 laps in one file");
		return;
	}
	st->laps++;
	if (l->has_start && !st->has_lap_start) {
		st->first_lap_start = l->start;
		st->has_lap_start = 1;
	}
	if (l->has_total) {
		st->lap_time_sum += l->total_s;
		st->lap_time_n++;
		if (l->has_start) {
			time_t end = l->start + (time_t)l->total_s;

			if (!st->has_lap_end || end > st->lap_end)
				st->lap_end = end;
			st->has_lap_end = 1;
		}
	}
	if (l->has_dist) {
		st->lap_dist_sum += l->dist_m;
		st->lap_dist_n++;
	}
	if (l->avg_hr > 0 && l->has_total) {
		st->lap_hr_weighted += l->avg_hr * l->total_s;
		st->laps_with_hr++;
	}
	if (l->max_hr > st->lap_max_hr)
		st->lap_max_hr = l->max_hr;
}

static void end_activity(struct tcx_state *st)
{
	struct activity a;
	int timed;
	time_t end;

	st->in_activity = 0;
	activity_init(&a);
	snprintf(a.sport, sizeof(a.sport), "%s", st->sport);
	timed = !geo_track_finish(&st->track, &a);
	if (st->has_lap_start)
		a.start = st->first_lap_start;
	else if (!timed && st->has_id_time)
		a.start = st->id_time;
	else if (!timed)
		return; /* nothing says when it happened */
	end = timed ? st->track.last_t : a.start;
	if (st->has_lap_end && st->lap_end > end)
		end = st->lap_end;
	a.elapsed_s = end > a.start ? difftime(end, a.start) : 0;

	if (st->lap_dist_n && st->lap_dist_sum > 0)
		a.distance_m = st->lap_dist_sum;
	else if (st->has_tp_dist && st->tp_dist_max > 0)
		a.distance_m = st->tp_dist_max;
	else if (!st->track.have_pos && st->lap_dist_n)
		a.distance_m = st->lap_dist_sum;

	if (st->lap_time_n)
		a.moving_s = st->lap_time_sum;

	if (st->laps && st->laps_with_hr == st->laps && st->lap_time_sum > 0)
		a.avg_hr = (int)lround(st->lap_hr_weighted / st->lap_time_sum);
	if (st->lap_max_hr > a.max_hr)
		a.max_hr = st->lap_max_hr;
	if (++st->activities > SOURCE_MAX_ACTIVITIES) {
		xmlread_abort(&st->xml, "more than 64 activities in one file");
		return;
	}
	activity_list_add(st->out, &a);
}

/* Picks the leaf whose text we want from the current element and its parents. */
static enum leaf leaf_of(const struct tcx_state *st)
{
	enum elem e = up(st, 0), p1 = up(st, 1), p2 = up(st, 2);

	if (!st->in_activity)
		return L_NONE;
	if (e == E_ID && p1 == E_ACTIVITY)
		return L_ID;
	if (p1 == E_LAP) {
		if (e == E_TOTALTIME)
			return L_LAP_TIME;
		if (e == E_DISTANCE)
			return L_LAP_DIST;
	}
	if (e == E_VALUE && p2 == E_LAP) {
		if (p1 == E_AVGHR)
			return L_LAP_AVGHR;
		if (p1 == E_MAXHR)
			return L_LAP_MAXHR;
	}
	if (p1 == E_TRACKPOINT) {
		switch (e) {
		case E_TIME: return L_TP_TIME;
		case E_ALTITUDE: return L_TP_ALT;
		case E_DISTANCE: return L_TP_DIST;
		default: break;
		}
	}
	if (p1 == E_POSITION && p2 == E_TRACKPOINT) {
		if (e == E_LAT)
			return L_TP_LAT;
		if (e == E_LON)
			return L_TP_LON;
	}
	if (e == E_VALUE && p1 == E_HR && p2 == E_TRACKPOINT)
		return L_TP_HR;
	return L_NONE;
}

static int on_start(struct xmlread *r, const struct xmlread_name *name)
{
	struct tcx_state *st = (struct tcx_state *)r;
	enum elem e = elem_of(name);

	st->depth = r->depth;
	st->stack[st->depth - 1] = e;
	if (st->leaf != L_NONE)
		return 0;
	if (e == E_ACTIVITY && up(st, 1) == E_ACTIVITIES && !st->in_activity)
		begin_activity(st);
	else if (st->in_activity && e == E_LAP && up(st, 1) == E_ACTIVITY)
		begin_lap(st);
	else if (st->in_activity && e == E_TRACKPOINT && up(st, 2) == E_LAP) {
		memset(&st->pt, 0, sizeof(st->pt));
		st->has_lat = st->has_lon = 0;
	}
	st->leaf = leaf_of(st);
	if (st->leaf == L_NONE)
		return 0;
	st->leaf_depth = st->depth;
	return 1; /* only a leaf's text is wanted */
}

static void end_leaf(struct tcx_state *st, const char *s, size_t len)
{
	double v = 0;
	int ok;

	if (st->leaf == L_ID || st->leaf == L_TP_TIME) {
		time_t t;

		if (!time_parse_iso(s, len, &t)) {
			if (st->leaf == L_ID) {
				st->id_time = t;
				st->has_id_time = 1;
			} else {
				st->pt.t = t;
				st->pt.has_time = 1;
			}
		}
		st->leaf = L_NONE;
		return;
	}
	ok = !num_trim(s, len, &v) && isfinite(v);
	if (ok) {
		switch (st->leaf) {
		case L_LAP_TIME:
			if (v >= 0 && v < 1e7) {
				st->lap.total_s = v;
				st->lap.has_total = 1;
			}
			break;
		case L_LAP_DIST:
			if (v >= 0 && v < 1e8) {
				st->lap.dist_m = v;
				st->lap.has_dist = 1;
			}
			break;
		case L_LAP_AVGHR:
			if (v > 0 && v < 255)
				st->lap.avg_hr = (int)lround(v);
			break;
		case L_LAP_MAXHR:
			if (v > 0 && v < 255)
				st->lap.max_hr = (int)lround(v);
			break;
		case L_TP_LAT:
			st->lat = v;
			st->has_lat = 1;
			break;
		case L_TP_LON:
			st->lon = v;
			st->has_lon = 1;
			break;
		case L_TP_ALT:
			st->pt.ele = v;
			st->pt.has_ele = 1;
			break;
		case L_TP_DIST:
			if (v >= 0 && v < 1e8) {
				if (v > st->tp_dist_max)
					st->tp_dist_max = v;
				st->has_tp_dist = 1;
			}
			break;
		case L_TP_HR:
			if (v > 0 && v < 255) {
				st->pt.hr = (int)lround(v);
				st->pt.has_hr = 1;
			}
			break;
		default: break;
		}
	}
	st->leaf = L_NONE;
}

static void on_end(struct xmlread *r, const struct xmlread_name *name, const char *text, size_t len)
{
	struct tcx_state *st = (struct tcx_state *)r;
	enum elem e;

	(void)name;
	st->depth = r->depth;
	e = up(st, 0);
	if (st->leaf != L_NONE && st->depth == st->leaf_depth)
		end_leaf(st, text, len);
	if (st->leaf == L_NONE && st->in_activity) {
		if (e == E_TRACKPOINT && up(st, 2) == E_LAP) {
			if (st->has_lat && st->has_lon) {
				st->pt.lat = st->lat;
				st->pt.lon = st->lon;
				st->pt.has_pos = 1;
			}
			geo_track_add(&st->track, &st->pt);
		} else if (e == E_TRACK && up(st, 1) == E_LAP) {
			/* Devices start a new Track after a pause. */
			geo_track_break(&st->track);
		} else if (e == E_LAP && up(st, 1) == E_ACTIVITY) {
			end_lap(st);
		} else if (e == E_ACTIVITY && up(st, 1) == E_ACTIVITIES) {
			end_activity(st);
		}
	}
}

_Static_assert(SOURCE_MAX_ACTIVITIES == 64 && SOURCE_MAX_LAPS == 10000,
	       "end_lap() and end_activity() name the limits");

int tcx_read(const char *data, size_t len, struct activity_list *out)
{
	struct tcx_state st;
	int ret;

	memset(&st, 0, sizeof(st));
	st.out = out;
	xmlread_init(&st.xml, on_start, on_end);
	ret = xmlread_activities(&st.xml, data, len, out, "no activity in TCX file");
	xmlread_release(&st.xml);
	return ret;
}
