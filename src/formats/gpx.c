/* GPX 1.1 reader: streams a document through expat and folds each track into an activity. */
#include "gpx.h"

#include <expat.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "../lib/datetime.h"
#include "../lib/error.h"
#include "../lib/parse.h"
#include "../lib/strbuf.h"
#include "../lib/xalloc.h"
#include "geo.h"

#define NS_SEP	    ' '
#define TEXT_CAP    256	       /* longest leaf text we keep; longer is not a number or a date */
#define CHUNK	    (1u << 20) /* expat takes an int length: feed it in slices */
#define NS_TPX_V1   "http://www.garmin.com/xmlschemas/TrackPointExtension/v1"
#define NS_TPX_V2   "http://www.garmin.com/xmlschemas/TrackPointExtension/v2"
#define NS_GPX_BASE "http://www.topografix.com/GPX/"

enum leaf { LEAF_NONE, LEAF_TYPE, LEAF_ELE, LEAF_TIME, LEAF_HR };

struct gpx_state {
	XML_Parser xp;
	struct activity_list *out;
	int depth;
	int trk_depth, pt_depth; /* 0 when outside */
	enum leaf leaf;
	int leaf_depth;
	struct strbuf text;
	char type[32];
	int track_open;
	struct geo_track track;
	struct geo_point pt;
	const char *abort_msg;
};

/* Splits expat's "URI local" name; *ns is "" when the element has no namespace. */
static const char *split_name(const char *name, const char **ns, size_t *nslen)
{
	const char *sep = strchr(name, NS_SEP);

	if (!sep) {
		*ns = "";
		*nslen = 0;
		return name;
	}
	*ns = name;
	*nslen = (size_t)(sep - name);
	return sep + 1;
}

static int is_gpx_ns(const char *ns, size_t nslen)
{
	return !nslen ||
	       (nslen >= strlen(NS_GPX_BASE) && !strncmp(ns, NS_GPX_BASE, strlen(NS_GPX_BASE)));
}

static int is_tpx_ns(const char *ns, size_t nslen)
{
	return (nslen == strlen(NS_TPX_V1) && !strncmp(ns, NS_TPX_V1, nslen)) ||
	       (nslen == strlen(NS_TPX_V2) && !strncmp(ns, NS_TPX_V2, nslen));
}

/* Parses a whole number with optional surrounding whitespace; 0 or -1. */
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

static void abort_parse(struct gpx_state *st, const char *msg)
{
	if (!st->abort_msg)
		st->abort_msg = msg;
	XML_StopParser(st->xp, XML_FALSE);
}

static void track_begin_points(struct gpx_state *st)
{
	if (st->track_open)
		return;
	geo_track_init(&st->track, geo_max_speed(gpx_sport(st->type)));
	st->track_open = 1;
}

static void XMLCALL on_start(void *ud, const XML_Char *name, const XML_Char **attr)
{
	struct gpx_state *st = ud;
	const char *ns;
	size_t nslen;
	const char *local = split_name(name, &ns, &nslen);

	st->depth++;
	if (st->leaf != LEAF_NONE)
		return; /* markup inside a leaf: keep only the leaf's own text */
	if (is_gpx_ns(ns, nslen)) {
		if (!strcmp(local, "trk") && !st->trk_depth) {
			st->trk_depth = st->depth;
			st->type[0] = '\0';
			st->track_open = 0;
		} else if (st->trk_depth && !strcmp(local, "trkseg")) {
			if (st->track_open)
				geo_track_break(&st->track);
		} else if (st->trk_depth && !st->pt_depth && !strcmp(local, "trkpt")) {
			double lat = 0, lon = 0;
			int nlat = 0, nlon = 0;

			st->pt_depth = st->depth;
			memset(&st->pt, 0, sizeof(st->pt));
			for (int i = 0; attr[i]; i += 2) {
				if (!strcmp(attr[i], "lat"))
					nlat = !num_trim(attr[i + 1], strlen(attr[i + 1]), &lat);
				else if (!strcmp(attr[i], "lon"))
					nlon = !num_trim(attr[i + 1], strlen(attr[i + 1]), &lon);
			}
			if (nlat && nlon) {
				st->pt.lat = lat;
				st->pt.lon = lon;
				st->pt.has_pos = 1;
			}
		} else if (st->trk_depth && st->depth == st->trk_depth + 1 &&
			   !strcmp(local, "type")) {
			st->leaf = LEAF_TYPE;
		} else if (st->pt_depth && st->depth == st->pt_depth + 1 && !strcmp(local, "ele")) {
			st->leaf = LEAF_ELE;
		} else if (st->pt_depth && st->depth == st->pt_depth + 1 &&
			   !strcmp(local, "time")) {
			st->leaf = LEAF_TIME;
		}
	} else if (st->pt_depth && is_tpx_ns(ns, nslen) && !strcmp(local, "hr")) {
		st->leaf = LEAF_HR;
	}
	if (st->leaf != LEAF_NONE) {
		st->leaf_depth = st->depth;
		strbuf_reset(&st->text);
	}
}

static void XMLCALL on_text(void *ud, const XML_Char *s, int len)
{
	struct gpx_state *st = ud;

	if (st->leaf == LEAF_NONE || len <= 0)
		return;
	if (st->text.len + (size_t)len > TEXT_CAP) {
		abort_parse(st, "text of an element is too long");
		return;
	}
	strbuf_add(&st->text, s, (size_t)len);
}

static void end_leaf(struct gpx_state *st)
{
	const char *s = st->text.buf;
	size_t len = st->text.len;
	double v;

	switch (st->leaf) {
	case LEAF_TYPE: {
		size_t n = len < sizeof(st->type) - 1 ? len : sizeof(st->type) - 1;

		memcpy(st->type, s, n);
		st->type[n] = '\0';
		break;
	}
	case LEAF_ELE:
		if (!num_trim(s, len, &v)) {
			st->pt.ele = v;
			st->pt.has_ele = 1;
		}
		break;
	case LEAF_TIME:
		if (!time_parse_iso(s, len, &st->pt.t))
			st->pt.has_time = 1;
		break;
	case LEAF_HR:
		if (!num_trim(s, len, &v) && v > 0 && v < 255) {
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
	if (!geo_track_finish(&st->track, &a))
		activity_list_add(st->out, &a);
	st->track_open = 0;
}

static void XMLCALL on_end(void *ud, const XML_Char *name)
{
	struct gpx_state *st = ud;

	(void)name;
	if (st->leaf != LEAF_NONE && st->depth == st->leaf_depth)
		end_leaf(st);
	if (st->pt_depth && st->depth == st->pt_depth) {
		track_begin_points(st);
		geo_track_add(&st->track, &st->pt);
		st->pt_depth = 0;
	}
	if (st->trk_depth && st->depth == st->trk_depth) {
		end_track(st);
		st->trk_depth = 0;
	}
	st->depth--;
}

static void XMLCALL on_entity_decl(void *ud, const XML_Char *name, int pe, const XML_Char *value,
				   int vlen, const XML_Char *base, const XML_Char *sysid,
				   const XML_Char *pubid, const XML_Char *notation)
{
	(void)name, (void)pe, (void)value, (void)vlen, (void)base, (void)sysid, (void)pubid;
	(void)notation;
	abort_parse(ud, "entity declarations are not allowed");
}

/* Skips a UTF-8 byte order mark and whitespace; counts the newlines skipped. */
static size_t skip_prolog_space(const char *data, size_t len, unsigned long *lines)
{
	size_t i = 0;

	*lines = 0;
	for (;;) {
		if (len - i >= 3 && (unsigned char)data[i] == 0xEF &&
		    (unsigned char)data[i + 1] == 0xBB && (unsigned char)data[i + 2] == 0xBF) {
			i += 3;
		} else if (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' ||
				       data[i] == '\n')) {
			if (data[i] == '\n')
				(*lines)++;
			i++;
		} else {
			return i;
		}
	}
}

int gpx_read(const char *data, size_t len, struct activity_list *out)
{
	struct gpx_state st;
	size_t before = out->nr, off;
	unsigned long skipped_lines;
	int ret = -1;

	memset(&st, 0, sizeof(st));
	st.out = out;
	strbuf_init(&st.text, 0);
	st.xp = XML_ParserCreateNS(NULL, NS_SEP);
	if (!st.xp)
		xdie("out of memory creating an XML parser");
	XML_SetUserData(st.xp, &st);
	XML_SetElementHandler(st.xp, on_start, on_end);
	XML_SetCharacterDataHandler(st.xp, on_text);
	XML_SetEntityDeclHandler(st.xp, on_entity_decl);

	off = skip_prolog_space(data, len, &skipped_lines);
	do {
		size_t n = len - off > CHUNK ? CHUNK : len - off;
		int final = off + n == len;

		if (XML_Parse(st.xp, data + off, (int)n, final) != XML_STATUS_OK) {
			enum XML_Error code = XML_GetErrorCode(st.xp);

			error_set("line %lu, column %lu: %s",
				  (unsigned long)XML_GetCurrentLineNumber(st.xp) + skipped_lines,
				  (unsigned long)XML_GetCurrentColumnNumber(st.xp) + 1,
				  code == XML_ERROR_ABORTED && st.abort_msg
				      ? st.abort_msg
				      : XML_ErrorString(code));
			goto out;
		}
		off += n;
	} while (off < len);

	if (out->nr == before) {
		error_set("no recorded track (no track point with a time)");
		goto out;
	}
	ret = 0;
out:
	if (ret)
		out->nr = before;
	XML_ParserFree(st.xp);
	strbuf_release(&st.text);
	return ret;
}
