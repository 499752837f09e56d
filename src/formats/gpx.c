/* GPX 1.1 reader: scans a document with xmlread and folds each track into an activity. */
#include "gpx.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "../lib/datetime.h"
#include "../lib/error.h"
#include "../lib/parse.h"
#include "../lib/xalloc.h"
#include "geo.h"
#include "source.h"
#include "xmlread.h"

#define NS_TPX_V1   "http://www.garmin.com/xmlschemas/TrackPointExtension/v1"
#define NS_TPX_V2   "http://www.garmin.com/xmlschemas/TrackPointExtension/v2"
#define NS_GPX_BASE "http://www.topografix.com/GPX/"

enum leaf { LEAF_NONE, LEAF_TYPE, LEAF_ELE, LEAF_TIME, LEAF_HR };

struct gpx_state {
	struct xmlread xml; /* first: the handlers' scanner is the state */
	struct activity_list *out;
	int trk_depth, pt_depth; /* 0 when outside */
	enum leaf leaf;
	int leaf_depth;
	char type[32];
	int track_open;
	int tracks; /* activities added */
	struct geo_track track;
	struct geo_point pt;
	/* the date of the last plain UTC <time> ("YYYY-MM-DD") and its midnight */
	char day_text[10];
	time_t day_start;
	int have_day;
};

/* The elements we read; the rest are only counted for depth. */
enum elem { E_OTHER, E_TRK, E_TRKSEG, E_TRKPT, E_TYPE, E_ELE, E_TIME, E_HR };

/*
 * What an element is. It runs for every element of a file (six per track
 * point), so the local name is told by its length and bytes before the
 * namespace is compared: GPX's elements in GPX 1.0 or 1.1 (or no
 * namespace), hr only in Garmin's TrackPointExtension v1 or v2, whatever
 * the prefixes were.
 */
static enum elem classify(const struct xmlread_name *name)
{
	const char *local = name->local, *ns = name->ns;
	size_t nslen = name->ns_len;
	enum elem e;

	switch (name->local_len) {
	case 2: e = !memcmp(local, "hr", 2) ? E_HR : E_OTHER; break;
	case 3:
		e = !memcmp(local, "trk", 3) ? E_TRK : !memcmp(local, "ele", 3) ? E_ELE : E_OTHER;
		break;
	case 4:
		e = !memcmp(local, "time", 4)	? E_TIME
		    : !memcmp(local, "type", 4) ? E_TYPE
						: E_OTHER;
		break;
	case 5: e = !memcmp(local, "trkpt", 5) ? E_TRKPT : E_OTHER; break;
	case 6: e = !memcmp(local, "trkseg", 6) ? E_TRKSEG : E_OTHER; break;
	default: return E_OTHER;
	}
	if (e == E_HR)
		return (nslen == sizeof(NS_TPX_V1) - 1 &&
			(!memcmp(ns, NS_TPX_V1, nslen) || !memcmp(ns, NS_TPX_V2, nslen)))
			   ? E_HR
			   : E_OTHER;
	if (e != E_OTHER && nslen &&
	    (nslen < sizeof(NS_GPX_BASE) - 1 || memcmp(ns, NS_GPX_BASE, sizeof(NS_GPX_BASE) - 1)))
		return E_OTHER;
	return e;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/*
 * A decimal number with optional surrounding whitespace, in the grammar
 * of parse_double() ("12", "-3.5", ".5", no exponent); 0 or -1. Up to 19
 * digits are gathered as an integer and divided once by an exact power of
 * ten, rather than a division per digit: coordinates have 7 to 9 digits
 * and each point has three numbers. Longer ones go to parse_double().
 */
static int number(const char *s, const char *end, double *out)
{
	static const double pow10[] = {1e0,  1e1,  1e2,	 1e3,  1e4,  1e5,  1e6,	 1e7,  1e8,  1e9,
				       1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19};
	const char *p, *start;
	uint64_t m = 0;
	int neg = 0, digits = 0, frac = 0;
	double v;

	while (s < end && is_space(*s))
		s++;
	while (end > s && is_space(end[-1]))
		end--;
	start = p = s;
	if (p < end && (*p == '-' || *p == '+'))
		neg = *p++ == '-';
	for (; p < end && (unsigned)(*p - '0') < 10; p++, digits++)
		m = m * 10 + (uint64_t)(*p - '0');
	if (p < end && *p == '.')
		for (p++; p < end && (unsigned)(*p - '0') < 10; p++, digits++, frac++)
			m = m * 10 + (uint64_t)(*p - '0');
	if (!digits || p != end)
		return -1;
	if (digits > 19) {
		p = start;
		return parse_double(&p, end, out) || p != end ? -1 : 0;
	}
	v = (double)m / pow10[frac];
	*out = neg ? -v : v;
	return 0;
}

/* Whether s is "YYYY-MM-DDTHH:MM:SSZ" in shape (the values are not checked). */
static int is_plain_utc(const char *s, size_t len)
{
	static const char shape[] = "0000-00-00T00:00:00Z";

	if (len != sizeof(shape) - 1)
		return 0;
	for (size_t i = 0; i < len; i++)
		if (shape[i] == '0' ? (unsigned)(s[i] - '0') >= 10 : s[i] != shape[i])
			return 0;
	return 1;
}

/*
 * A point's <time>, as time_parse_iso() reads it. Nearly every point of a
 * file has the plain UTC form and the date of the point before: then only
 * the time of day is read, against the midnight kept from the last full
 * parse. 0 or -1.
 */
static int point_time(struct gpx_state *st, const char *s, size_t len, time_t *out)
{
	int plain;

	while (len && is_space(*s))
		s++, len--;
	while (len && is_space(s[len - 1]))
		len--;
	plain = is_plain_utc(s, len);
	if (plain && st->have_day && !memcmp(s, st->day_text, sizeof(st->day_text))) {
		long hh = (s[11] - '0') * 10 + (s[12] - '0'),
		     mm = (s[14] - '0') * 10 + (s[15] - '0'),
		     ss = (s[17] - '0') * 10 + (s[18] - '0');

		if (hh > 23 || mm > 59 || ss > 60)
			return -1;
		*out = st->day_start + hh * 3600 + mm * 60 + ss;
		return 0;
	}
	if (time_parse_iso(s, len, out))
		return -1;
	if (plain) {
		/* time_parse_iso() has checked the date; a plain form has no offset. */
		int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
		int m = (s[5] - '0') * 10 + (s[6] - '0'), d = (s[8] - '0') * 10 + (s[9] - '0');

		memcpy(st->day_text, s, sizeof(st->day_text));
		st->day_start = (time_t)((int64_t)day_from_civil(y, m, d) * 86400);
		st->have_day = 1;
	}
	return 0;
}

const char *gpx_sport(const char *type)
{
	/* Strava's numeric activity types as they appear in its GPX files. */
	static const struct {
		long code;
		const char *sport;
	} strava[] = {
	    {1, "cycling"},   {4, "hiking"},   {9, "running"},	{10, "walking"},
	    {16, "swimming"}, {17, "cycling"}, {26, "running"}, /* virtual run */
	};
	char buf[32];
	size_t n = 0;
	long code;

	while (*type == ' ' || *type == '\t' || *type == '\n' || *type == '\r')
		type++;
	while (n < sizeof(buf) - 1 && type[n]) {
		buf[n] = type[n];
		n++;
	}
	buf[n] = '\0';
	while (n && (buf[n - 1] == ' ' || buf[n - 1] == '\t' || buf[n - 1] == '\n' ||
		     buf[n - 1] == '\r'))
		buf[--n] = '\0';
	if (!parse_long_str(buf, 0, 1000, &code)) {
		for (size_t i = 0; i < sizeof(strava) / sizeof(strava[0]); i++)
			if (strava[i].code == code)
				return strava[i].sport;
		return "other";
	}
	/* Garmin Connect's bike names are not in the common table. */
	if (strstr(buf, "biking") || strstr(buf, "cycling"))
		return "cycling";
	return activity_sport_normalize(buf);
}

static void track_begin_points(struct gpx_state *st)
{
	if (st->track_open)
		return;
	geo_track_init(&st->track, geo_max_speed(gpx_sport(st->type)));
	st->track_open = 1;
}

/* The lat and lon attributes of a <trkpt>. */
static void point_position(struct gpx_state *st)
{
	const char *v;
	size_t n;
	double lat = 0, lon = 0;
	int nlat, nlon;

	nlat = xmlread_attr(&st->xml, "lat", &v, &n) && !number(v, v + n, &lat);
	nlon = xmlread_attr(&st->xml, "lon", &v, &n) && !number(v, v + n, &lon);
	if (nlat && nlon) {
		st->pt.lat = lat;
		st->pt.lon = lon;
		st->pt.has_pos = 1;
	}
}

static int on_start(struct xmlread *r, const struct xmlread_name *name)
{
	struct gpx_state *st = (struct gpx_state *)r;
	enum leaf leaf = LEAF_NONE;
	int depth = r->depth;

	if (st->leaf != LEAF_NONE)
		return 0; /* markup inside a leaf: its text is the leaf's */
	switch (classify(name)) {
	case E_TRK:
		if (!st->trk_depth) {
			st->trk_depth = depth;
			st->type[0] = '\0';
			st->track_open = 0;
		}
		break;
	case E_TRKSEG:
		if (st->trk_depth && st->track_open)
			geo_track_break(&st->track);
		break;
	case E_TRKPT:
		if (st->trk_depth && !st->pt_depth) {
			st->pt_depth = depth;
			memset(&st->pt, 0, sizeof(st->pt));
			point_position(st);
		}
		break;
	case E_TYPE:
		if (st->trk_depth && depth == st->trk_depth + 1)
			leaf = LEAF_TYPE;
		break;
	case E_ELE:
		if (st->pt_depth && depth == st->pt_depth + 1)
			leaf = LEAF_ELE;
		break;
	case E_TIME:
		if (st->pt_depth && depth == st->pt_depth + 1)
			leaf = LEAF_TIME;
		break;
	case E_HR:
		if (st->pt_depth)
			leaf = LEAF_HR;
		break;
	case E_OTHER: break;
	}
	if (leaf == LEAF_NONE)
		return 0;
	st->leaf = leaf;
	st->leaf_depth = depth;
	return 1; /* only a leaf's text is wanted */
}

static void end_leaf(struct gpx_state *st, const char *s, size_t len)
{
	const char *end = s + len;
	double v;

	switch (st->leaf) {
	case LEAF_TYPE: {
		size_t n = len < sizeof(st->type) - 1 ? len : sizeof(st->type) - 1;

		memcpy(st->type, s, n);
		st->type[n] = '\0';
		break;
	}
	case LEAF_ELE:
		if (!number(s, end, &v)) {
			st->pt.ele = v;
			st->pt.has_ele = 1;
		}
		break;
	case LEAF_TIME:
		if (!point_time(st, s, len, &st->pt.t))
			st->pt.has_time = 1;
		break;
	case LEAF_HR:
		if (!number(s, end, &v) && v > 0 && v < 255) {
			st->pt.hr = (int)(v + 0.5);
			st->pt.has_hr = 1;
		}
		break;
	case LEAF_NONE: break;
	}
	st->leaf = LEAF_NONE;
}

static void end_track(struct gpx_state *st)
{
	struct activity a;

	if (!st->track_open)
		return;
	activity_init(&a);
	snprintf(a.sport, sizeof(a.sport), "%s", gpx_sport(st->type));
	st->track_open = 0;
	if (geo_track_finish(&st->track, &a))
		return;
	if (++st->tracks > SOURCE_MAX_ACTIVITIES) {
		xmlread_abort(&st->xml, "more than 64 tracks in one file");
		return;
	}
	activity_list_add(st->out, &a);
}

static void on_end(struct xmlread *r, const struct xmlread_name *name, const char *text, size_t len)
{
	struct gpx_state *st = (struct gpx_state *)r;
	int depth = r->depth;

	(void)name;
	if (st->leaf != LEAF_NONE && depth == st->leaf_depth)
		end_leaf(st, text, len);
	if (st->pt_depth && depth == st->pt_depth) {
		track_begin_points(st);
		geo_track_add(&st->track, &st->pt);
		st->pt_depth = 0;
	}
	if (st->trk_depth && depth == st->trk_depth) {
		end_track(st);
		st->trk_depth = 0;
	}
}

_Static_assert(SOURCE_MAX_ACTIVITIES == 64, "end_track() names the limit");

int gpx_read(const char *data, size_t len, struct activity_list *out)
{
	struct gpx_state st;
	int ret;

	memset(&st, 0, sizeof(st));
	st.out = out;
	xmlread_init(&st.xml, on_start, on_end);
	ret = xmlread_activities(&st.xml, data, len, out,
				 "no recorded track (no track point with a time)");
	xmlread_release(&st.xml);
	return ret;
}
