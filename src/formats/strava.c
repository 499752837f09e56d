/* Strava bulk export: activities.csv rows and a streaming walker over the export's zip or folder.
 */
#include "strava.h"

#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../lib/datetime.h"
#include "../lib/dlib.h"
#include "../lib/error.h"
#include "../lib/parse.h"
#include "../lib/strbuf.h"
#include "../lib/xalloc.h"
#include "source.h"

#define CSV_CAP (64u << 20) /* activities.csv of ~10,000 activities is a few MB */

/* libarchive, loaded when the first zip is opened: only an import of a zip needs it (dlib.h). */
static struct {
	DLIB_FN(archive_entry_filetype);
	DLIB_FN(archive_entry_pathname);
	DLIB_FN(archive_error_string);
	DLIB_FN(archive_read_data);
	DLIB_FN(archive_read_free);
	DLIB_FN(archive_read_new);
	DLIB_FN(archive_read_next_header);
	DLIB_FN(archive_read_open_filename);
	DLIB_FN(archive_read_support_format_zip);
} arc;

static struct dlib arc_lib = {.soname = "libarchive.so.13", .package = "libarchive13"};

static const struct dlib_sym arc_syms[] = {
    DLIB_SYM(arc, archive_entry_filetype),
    DLIB_SYM(arc, archive_entry_pathname),
    DLIB_SYM(arc, archive_error_string),
    DLIB_SYM(arc, archive_read_data),
    DLIB_SYM(arc, archive_read_free),
    DLIB_SYM(arc, archive_read_new),
    DLIB_SYM(arc, archive_read_next_header),
    DLIB_SYM(arc, archive_read_open_filename),
    DLIB_SYM(arc, archive_read_support_format_zip),
    {0},
};

/* libarchive's message about `ar`, or `fallback` when it has none. */
static const char *ar_error(struct archive *ar, const char *fallback)
{
	const char *e = arc.archive_error_string(ar);

	return e ? e : fallback;
}

enum col {
	C_ID,
	C_DATE,
	C_NAME,
	C_TYPE,
	C_ELAPSED1,
	C_DIST_KM,
	C_MAXHR1,
	C_FILENAME,
	C_ELAPSED2,
	C_MOVING,
	C_DIST_M,
	C_GAIN,
	C_MAXHR2,
	C_AVGHR,
	C_COUNT
};

/* English header names; a repeated name fills its second column the second time. */
static const struct {
	const char *name;
	enum col first, second;
} header_names[] = {
    {"Activity ID", C_ID, C_ID},
    {"Activity Date", C_DATE, C_DATE},
    {"Activity Name", C_NAME, C_NAME},
    {"Activity Type", C_TYPE, C_TYPE},
    {"Elapsed Time", C_ELAPSED1, C_ELAPSED2},
    {"Distance", C_DIST_KM, C_DIST_M},
    {"Max Heart Rate", C_MAXHR1, C_MAXHR2},
    {"Filename", C_FILENAME, C_FILENAME},
    {"Moving Time", C_MOVING, C_MOVING},
    {"Elevation Gain", C_GAIN, C_GAIN},
    {"Average Heart Rate", C_AVGHR, C_AVGHR},
};

/* Strava's standard layout (2021 onwards), for localized headers. */
static const int layout_2021[C_COUNT] = {
    [C_ID] = 0,	     [C_DATE] = 1,   [C_NAME] = 2,	[C_TYPE] = 3,	   [C_ELAPSED1] = 5,
    [C_DIST_KM] = 6, [C_MAXHR1] = 7, [C_FILENAME] = 12, [C_ELAPSED2] = 15, [C_MOVING] = 16,
    [C_DIST_M] = 17, [C_GAIN] = 20,  [C_MAXHR2] = 30,	[C_AVGHR] = 31,
};

static int trimmed_eq(const char *s, const char *name)
{
	size_t n = strlen(name);

	while (*s == ' ' || *s == '\t')
		s++;
	if (strncasecmp(s, name, n))
		return 0;
	for (s += n; *s; s++)
		if (*s != ' ' && *s != '\t')
			return 0;
	return 1;
}

int strava_csv_open(struct strava_csv *c, const char *data, size_t len)
{
	int ret;

	memset(c, 0, sizeof(*c));
	for (int i = 0; i < C_COUNT; i++)
		c->col[i] = -1;
	csv_reader_init(&c->rd, data, len);
	ret = csv_next(&c->rd);
	if (ret <= 0)
		return ret < 0 ? -1 : error_set("activities.csv is empty");
	c->nfields = c->rd.nr;
	for (size_t i = 0; i < c->rd.nr && i < 1000; i++) {
		for (size_t k = 0; k < ARRAY_SIZE(header_names); k++) {
			if (!trimmed_eq(c->rd.fields[i], header_names[k].name))
				continue;
			if (c->col[header_names[k].first] < 0)
				c->col[header_names[k].first] = (int)i;
			else if (c->col[header_names[k].second] < 0)
				c->col[header_names[k].second] = (int)i;
			break;
		}
	}
	if (c->col[C_ID] < 0 && c->col[C_DATE] < 0 && c->col[C_TYPE] < 0) {
		c->positional = 1;
		for (int i = 0; i < C_COUNT; i++) {
			int pos = layout_2021[i];

			c->col[i] = -1;
			if (i <= C_DIST_KM || c->rd.nr >= 32)
				c->col[i] = pos;
		}
	}
	if (c->col[C_DATE] < 0)
		return error_set("activities.csv has no 'Activity Date' column");
	return 0;
}

void strava_csv_release(struct strava_csv *c)
{
	csv_reader_release(&c->rd);
}

/* A number as Strava writes it: "10.02", "10,02" (decimal comma), "1234.0"; -1 when empty or not a
 * number. */
static double csv_number(const char *s)
{
	char buf[64] = "";
	size_t n = 0, commas = 0, dots = 0;
	double v;

	while (*s == ' ')
		s++;
	for (; *s && n < sizeof(buf) - 1; s++) {
		if (*s == ',')
			commas++;
		if (*s == '.')
			dots++;
		buf[n++] = *s;
	}
	while (n && buf[n - 1] == ' ')
		n--;
	buf[n] = '\0';
	if (!n)
		return -1;
	if (commas == 1 && !dots) {
		for (size_t i = 0; i < n; i++)
			if (buf[i] == ',')
				buf[i] = '.';
	}
	if (parse_double_str(buf, &v) || v < 0)
		return -1;
	return v;
}

static const char *field(const struct strava_csv *c, enum col k)
{
	int i = c->col[k];

	if (i < 0 || (size_t)i >= c->rd.nr)
		return "";
	return c->rd.fields[i];
}

static const struct {
	const char *prefix;
	int month;
} month_names[] = {
    {"jan", 1},	 {"feb", 2},  {"fév", 2},  {"fev", 2},	{"mar", 3},  {"mär", 3},  {"apr", 4},
    {"avr", 4},	 {"abr", 4},  {"may", 5},  {"mai", 5},	{"jun", 6},  {"juin", 6}, {"jul", 7},
    {"juil", 7}, {"aug", 8},  {"aoû", 8},  {"ago", 8},	{"sep", 9},  {"oct", 10}, {"okt", 10},
    {"nov", 11}, {"dec", 12}, {"déc", 12}, {"dez", 12}, {"dic", 12}, {"ene", 1},
};

static int month_of(const char *w, size_t n)
{
	int best = 0;
	size_t best_len = 0;

	/* The longest matching prefix wins: "juil" (July) over "jui...". */
	for (size_t i = 0; i < ARRAY_SIZE(month_names); i++) {
		size_t m = strlen(month_names[i].prefix);

		if (n >= m && m > best_len && !strncasecmp(w, month_names[i].prefix, m)) {
			best = month_names[i].month;
			best_len = m;
		}
	}
	return best;
}

int strava_parse_date(const char *s, time_t *out)
{
	const char *p = s, *end = s + strlen(s);
	long nums[3];
	int nnum = 0, month = 0, pm = -1, have_time = 0;
	long hh = 0, mm = 0, ss = 0, y, m, d;
	char sep = 0;
	day_t day;

	if (!time_parse_iso(s, strlen(s), out))
		return 0;
	while (p < end) {
		if (*p >= '0' && *p <= '9') {
			long v;

			if (parse_digits(&p, end, 1, 4, &v))
				return -1;
			if (p < end && *p == ':') {
				if (have_time)
					return -1;
				hh = v;
				p++;
				if (parse_digits(&p, end, 2, 2, &mm))
					return -1;
				if (p < end && *p == ':') {
					p++;
					if (parse_digits(&p, end, 2, 2, &ss))
						return -1;
				}
				have_time = 1;
				continue;
			}
			if (nnum == 3)
				return -1;
			nums[nnum++] = v;
			if (p < end && (*p == '.' || *p == '/' || *p == '-') && !sep)
				sep = *p;
		} else if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
			   (unsigned char)*p >= 0x80) {
			const char *w = p;

			while (p < end && ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
					   (unsigned char)*p >= 0x80 || *p == '.'))
				p++;
			if ((p - w == 2 || p - w == 4) &&
			    (!strncasecmp(w, "AM", 2) || !strncasecmp(w, "A.M.", 4)))
				pm = 0;
			else if ((p - w == 2 || p - w == 4) &&
				 (!strncasecmp(w, "PM", 2) || !strncasecmp(w, "P.M.", 4)))
				pm = 1;
			else if (!month)
				month = month_of(w, (size_t)(p - w));
		} else {
			p++;
		}
	}
	if (month) {
		if (nnum != 2)
			return -1;
		d = nums[0] <= 31 ? nums[0] : nums[1];
		y = nums[0] <= 31 ? nums[1] : nums[0];
		m = month;
	} else {
		if (nnum != 3)
			return -1;
		if (sep == '/') { /* US: month first */
			m = nums[0];
			d = nums[1];
		} else {
			d = nums[0];
			m = nums[1];
		}
		y = nums[2];
	}
	if (y < 1970 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31)
		return -1;
	{
		int yy, mo, dd;

		day = day_from_civil((int)y, (int)m, (int)d);
		day_to_civil(day, &yy, &mo, &dd);
		if (dd != d || mo != m)
			return -1;
	}
	if (!have_time)
		return -1;
	if (pm >= 0) {
		if (hh < 1 || hh > 12)
			return -1;
		hh = hh % 12 + (pm ? 12 : 0);
	}
	if (hh > 23 || mm > 59 || ss > 60)
		return -1;
	*out = (time_t)((int64_t)day * 86400 + hh * 3600 + mm * 60 + ss);
	return 0;
}

const char *strava_sport(const char *type)
{
	static const struct {
		const char *name, *sport;
	} extra[] = {
	    {"Lauf", "running"},      {"Laufen", "running"},	 {"Course à pied", "running"},
	    {"Course", "running"},    {"Carrera", "running"},	 {"Corsa", "running"},
	    {"Běh", "running"},	      {"Bieg", "running"},	 {"Löpning", "running"},
	    {"Hardlopen", "running"}, {"Corrida", "running"},	 {"Trail", "trail_running"},
	    {"Radfahrt", "cycling"},  {"Vélo", "cycling"},	 {"Ciclismo", "cycling"},
	    {"Wandern", "hiking"},    {"Randonnée", "hiking"},	 {"Spaziergang", "walking"},
	    {"Marche", "walking"},    {"Schwimmen", "swimming"}, {"Natation", "swimming"},
	};
	const char *s = activity_sport_normalize(type);

	if (strcmp(s, "other"))
		return s;
	for (size_t i = 0; i < ARRAY_SIZE(extra); i++)
		if (!strcasecmp(type, extra[i].name))
			return extra[i].sport;
	/* "E-Bike Ride", "Mountain Bike Ride", "Gravel Ride", "Handcycle"... */
	if (strstr(type, "Ride") || strstr(type, "Bike"))
		return "cycling";
	return "other";
}

static void copy_str(char *dst, size_t size, const char *src)
{
	snprintf(dst, size, "%s", src);
}

int strava_csv_next(struct strava_csv *c, struct strava_row *row)
{
	struct activity *a = &row->act;
	const char *s;
	double v;
	int ret = csv_next(&c->rd);

	if (ret <= 0)
		return ret;
	memset(row, 0, sizeof(*row));
	activity_init(a);
	copy_str(row->id, sizeof(row->id), field(c, C_ID));
	copy_str(row->name, sizeof(row->name), field(c, C_NAME));
	copy_str(a->sport, sizeof(a->sport), strava_sport(field(c, C_TYPE)));

	s = field(c, C_DATE);
	if (strava_parse_date(s, &a->start)) {
		a->start = 0;
		snprintf(row->error, sizeof(row->error), "line %lu: cannot read the date '%.60s'",
			 c->rd.line, s);
	}
	if ((v = csv_number(field(c, C_ELAPSED2))) >= 0 ||
	    (v = csv_number(field(c, C_ELAPSED1))) >= 0)
		a->elapsed_s = v;
	if ((v = csv_number(field(c, C_MOVING))) >= 0)
		a->moving_s = v;
	if ((v = csv_number(field(c, C_DIST_M))) >= 0)
		a->distance_m = v;
	else if ((v = csv_number(field(c, C_DIST_KM))) >= 0)
		/* The display column: km, except for swims, which Strava shows in metres. */
		a->distance_m = strcmp(a->sport, "swimming") ? v * 1000 : v;
	if ((v = csv_number(field(c, C_GAIN))) >= 0)
		a->ascent_m = v;
	if (((v = csv_number(field(c, C_MAXHR2))) > 0 ||
	     (v = csv_number(field(c, C_MAXHR1))) > 0) &&
	    v < 255)
		a->max_hr = (int)(v + 0.5);
	if ((v = csv_number(field(c, C_AVGHR))) > 0 && v < 255)
		a->avg_hr = (int)(v + 0.5);

	if (c->col[C_FILENAME] >= 0) {
		s = field(c, C_FILENAME);
	} else {
		s = "";
		for (size_t i = 0; i < c->rd.nr; i++)
			if (!strncmp(c->rd.fields[i], "activities/", 11)) {
				s = c->rd.fields[i];
				break;
			}
	}
	while (*s == ' ')
		s++;
	copy_str(row->filename, sizeof(row->filename), s);
	if (c->rd.nr != c->nfields && (c->rd.next_line - c->rd.line > 1 || c->rd.nr > c->nfields)) {
		if (c->rd.next_line - c->rd.line > 1)
			snprintf(row->error, sizeof(row->error),
				 "line %lu: a quote is not closed (the row runs to line %lu)",
				 c->rd.line, c->rd.next_line - 1);
		else
			snprintf(row->error, sizeof(row->error),
				 "line %lu: %zu fields where the header has %zu", c->rd.line,
				 c->rd.nr, c->nfields);
		row->filename[0] = '\0';
	}
	return 1;
}

/* ---- the export walker ---- */

void strava_item_init(struct strava_item *it)
{
	memset(it, 0, sizeof(*it));
	activity_list_init(&it->acts);
}

void strava_item_release(struct strava_item *it)
{
	activity_list_release(&it->acts);
	strava_item_init(it);
}

struct strava_export {
	char *dir;	    /* folder mode: the folder; NULL for a zip */
	struct archive *ar; /* zip mode */
	struct strava_row *rows;
	size_t nr_rows, alloc_rows;
	unsigned char *used; /* per row: yielded already */
	size_t *by_file;     /* row indexes with a file, sorted by filename */
	size_t nr_by_file;
	int csv_seen, archive_done, final_done;
	char archive_error[200];
	size_t cursor; /* folder mode and the final pass: next row */
	/* items ready to hand out, and files decoded before the csv came */
	struct strava_item *queue;
	size_t q_head, q_nr, q_alloc;
	struct strava_item *pending;
	size_t nr_pending, alloc_pending;
	size_t ignored;	       /* zip entries that are not activity files */
	strava_known_fn known; /* may be NULL */
	void *known_ctx;
};

static const struct strava_row *cmp_rows;

static int cmp_by_file(const void *a, const void *b)
{
	return strcmp(cmp_rows[*(const size_t *)a].filename, cmp_rows[*(const size_t *)b].filename);
}

static int load_csv(struct strava_export *exp, const char *data, size_t len)
{
	struct strava_csv c;
	struct strava_row row;
	int ret;

	if (strava_csv_open(&c, data, len)) {
		strava_csv_release(&c);
		return -1;
	}
	while ((ret = strava_csv_next(&c, &row)) > 0) {
		ALLOC_GROW(exp->rows, exp->nr_rows + 1, exp->alloc_rows);
		exp->rows[exp->nr_rows++] = row;
	}
	strava_csv_release(&c);
	if (ret < 0) {
		char why[200];

		snprintf(why, sizeof(why), "%s", error_last());
		return error_set("activities.csv: %s", why);
	}
	exp->used = xcalloc(exp->nr_rows ? exp->nr_rows : 1, 1);
	exp->by_file = xcalloc(exp->nr_rows ? exp->nr_rows : 1, sizeof(*exp->by_file));
	for (size_t i = 0; i < exp->nr_rows; i++)
		if (exp->rows[i].filename[0])
			exp->by_file[exp->nr_by_file++] = i;
	/* qsort has no context argument; the walker is single-threaded. */
	cmp_rows = exp->rows;
	qsort(exp->by_file, exp->nr_by_file, sizeof(*exp->by_file), cmp_by_file);
	exp->csv_seen = 1;
	return 0;
}

/* The unused row naming this zip entry (or any of its path suffixes); -1 if none. */
static long find_row(struct strava_export *exp, const char *name)
{
	for (const char *s = name; s; s = strchr(s, '/') ? strchr(s, '/') + 1 : NULL) {
		size_t lo = 0, hi = exp->nr_by_file;

		while (lo < hi) {
			size_t mid = (lo + hi) / 2;
			int c = strcmp(exp->rows[exp->by_file[mid]].filename, s);

			if (c < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (; lo < exp->nr_by_file && !strcmp(exp->rows[exp->by_file[lo]].filename, s);
		     lo++)
			if (!exp->used[exp->by_file[lo]])
				return (long)exp->by_file[lo];
		if (!*s)
			break;
	}
	return -1;
}

static void push(struct strava_export *exp, struct strava_item *it)
{
	if (exp->q_head && exp->q_head == exp->q_nr)
		exp->q_head = exp->q_nr = 0;
	ALLOC_GROW(exp->queue, exp->q_nr + 1, exp->q_alloc);
	exp->queue[exp->q_nr++] = *it;
	strava_item_init(it);
}

/* Joins a decoded file with its row (if any) and queues it. */
static void queue_file(struct strava_export *exp, struct strava_item *it)
{
	long r = find_row(exp, it->file);

	if (r >= 0) {
		exp->used[r] = 1;
		it->has_row = 1;
		it->row = exp->rows[r];
	}
	push(exp, it);
}

/* Decodes a file's bytes into an item, recording why when it fails. */
static void decode_into(struct strava_item *it, const char *name, const unsigned char *data,
			size_t len)
{
	int r = source_decode(name, data, len, &it->acts);

	if (r < 0)
		snprintf(it->error, sizeof(it->error), "%s", error_last());
	else if (r == 1)
		it->partial = 1;
	if (!it->error[0] && !it->acts.nr)
		snprintf(it->error, sizeof(it->error), "no activity in the file");
}

/*
 * Lets the known-file hook look at a file's bytes as stored, then decodes
 * them unless the hook knew the file: a re-import skips gunzip and parsing.
 */
static void examine(struct strava_export *exp, struct strava_item *it, const char *name,
		    const unsigned char *data, size_t len)
{
	if (exp->known) {
		int r;

		it->key[0] = '\0';
		r = exp->known(exp->known_ctx, name, data, len, it->key);
		it->key[sizeof(it->key) - 1] = '\0';
		if (r < 0) {
			snprintf(it->error, sizeof(it->error), "%s", error_last());
			return;
		}
		if (r > 0) {
			it->known = 1;
			return;
		}
	}
	decode_into(it, name, data, len);
}

static int is_activity_file(const char *name)
{
	size_t n = strlen(name);
	static const char *const ext[] = {".fit", ".gpx", ".tcx", ".fit.gz", ".gpx.gz", ".tcx.gz"};

	for (size_t i = 0; i < ARRAY_SIZE(ext); i++) {
		size_t m = strlen(ext[i]);

		if (n > m && !strcasecmp(name + n - m, ext[i]))
			return 1;
	}
	return 0;
}

static int is_csv_entry(const char *name)
{
	size_t n = strlen(name), m = strlen("activities.csv");

	return n >= m && !strcmp(name + n - m, "activities.csv") &&
	       (n == m || name[n - m - 1] == '/');
}

/* Reads the current zip entry's data into sb, at most cap bytes; 0 or -1 (error_last()). */
static int read_entry(struct archive *ar, struct strbuf *sb, size_t cap)
{
	for (;;) {
		la_ssize_t n;

		strbuf_grow(sb, 64 * 1024);
		n = arc.archive_read_data(ar, sb->buf + sb->len, sb->alloc - sb->len - 1);
		if (n < 0)
			return error_set("cannot read from the archive: %s",
					 ar_error(ar, "unknown error"));
		if (n == 0)
			return 0;
		strbuf_setlen(sb, sb->len + (size_t)n);
		if (sb->len > cap)
			return error_set("larger than %zu bytes", cap);
	}
}

/* The final pass: what never came through the archive. */
static void queue_rest(struct strava_export *exp)
{
	struct strava_item it;

	strava_item_init(&it);
	for (size_t i = 0; i < exp->nr_pending; i++)
		push(exp, &exp->pending[i]); /* no csv at all: files without rows */
	exp->nr_pending = 0;
	for (size_t i = 0; i < exp->nr_rows; i++) {
		if (exp->used[i])
			continue;
		exp->used[i] = 1;
		it.has_row = 1;
		it.row = exp->rows[i];
		copy_str(it.file, sizeof(it.file), it.row.filename);
		if (it.file[0] && exp->archive_error[0])
			snprintf(it.error, sizeof(it.error), "file is missing from the export (%s)",
				 exp->archive_error);
		else if (it.file[0])
			copy_str(it.error, sizeof(it.error), "file is missing from the export");
		else if (it.row.error[0])
			copy_str(it.error, sizeof(it.error), it.row.error);
		push(exp, &it);
	}
	exp->final_done = 1;
}

static void zip_step(struct strava_export *exp)
{
	struct archive_entry *entry;
	struct strbuf data = STRBUF_INIT;
	const char *name;
	int r = arc.archive_read_next_header(exp->ar, &entry);

	if (r == ARCHIVE_EOF) {
		exp->archive_done = 1;
		return;
	}
	if (r < ARCHIVE_WARN) {
		snprintf(exp->archive_error, sizeof(exp->archive_error), "archive is damaged: %s",
			 ar_error(exp->ar, "unknown"));
		exp->archive_done = 1;
		return;
	}
	name = arc.archive_entry_pathname(entry);
	if (!name || arc.archive_entry_filetype(entry) != AE_IFREG)
		return;
	if (!exp->csv_seen && is_csv_entry(name)) {
		if (read_entry(exp->ar, &data, CSV_CAP) || load_csv(exp, data.buf, data.len)) {
			snprintf(exp->archive_error, sizeof(exp->archive_error), "%s",
				 error_last());
			exp->archive_done = 1;
		} else {
			for (size_t i = 0; i < exp->nr_pending; i++)
				queue_file(exp, &exp->pending[i]);
			exp->nr_pending = 0;
		}
	} else if (is_activity_file(name)) {
		struct strava_item it;

		strava_item_init(&it);
		copy_str(it.file, sizeof(it.file), name);
		if (read_entry(exp->ar, &data, SOURCE_MAX_BYTES))
			snprintf(it.error, sizeof(it.error), "%s", error_last());
		else
			examine(exp, &it, name, (const unsigned char *)data.buf, data.len);
		if (exp->csv_seen) {
			queue_file(exp, &it);
		} else {
			ALLOC_GROW(exp->pending, exp->nr_pending + 1, exp->alloc_pending);
			exp->pending[exp->nr_pending++] = it;
		}
	} else if (!is_csv_entry(name)) {
		exp->ignored++;
	}
	strbuf_release(&data);
}

static int dir_next(struct strava_export *exp, struct strava_item *item)
{
	struct strbuf path = STRBUF_INIT, data = STRBUF_INIT;
	const struct strava_row *row;

	if (exp->cursor >= exp->nr_rows)
		return 0;
	row = &exp->rows[exp->cursor++];
	item->has_row = 1;
	item->row = *row;
	copy_str(item->file, sizeof(item->file), row->filename);
	if (!row->filename[0]) {
		if (row->error[0])
			copy_str(item->error, sizeof(item->error), row->error);
		return 1;
	}
	if (strstr(row->filename, "..")) {
		copy_str(item->error, sizeof(item->error), "file name leaves the export folder");
		return 1;
	}
	strbuf_addf(&path, "%s/%s", exp->dir, row->filename);
	if (access(path.buf, F_OK)) {
		copy_str(item->error, sizeof(item->error), "file is missing from the export");
	} else if (source_read_raw(path.buf, &data, SOURCE_MAX_BYTES)) {
		/* The bytes as stored (maybe gzipped): the hook knows files by them. */
		snprintf(item->error, sizeof(item->error), "%s", error_last());
	} else {
		examine(exp, item, row->filename, (const unsigned char *)data.buf, data.len);
	}
	strbuf_release(&path);
	strbuf_release(&data);
	return 1;
}

int strava_open(const char *path, struct strava_export **out)
{
	struct strava_export *exp;
	struct stat st;

	*out = NULL;
	if (stat(path, &st))
		return error_set("cannot open '%s': %s", path, strerror(errno));
	exp = xcalloc(1, sizeof(*exp));
	if (S_ISDIR(st.st_mode)) {
		struct strbuf csv = STRBUF_INIT, csvpath = STRBUF_INIT;
		int ret;

		exp->dir = xstrdup(path);
		strbuf_addf(&csvpath, "%s/activities.csv", path);
		ret = source_read_raw(csvpath.buf, &csv, CSV_CAP);
		if (ret) {
			char why[200];

			snprintf(why, sizeof(why), "%s", error_last());
			error_set("cannot read '%s': %s", csvpath.buf, why);
		} else
			ret = load_csv(exp, csv.buf, csv.len);
		strbuf_release(&csv);
		strbuf_release(&csvpath);
		if (ret) {
			strava_close(exp);
			return -1;
		}
	} else {
		if (dlib_open(&arc_lib, arc_syms)) {
			strava_close(exp);
			return -1;
		}
		exp->ar = arc.archive_read_new();
		if (!exp->ar)
			xdie("out of memory opening an archive");
		arc.archive_read_support_format_zip(exp->ar);
		if (arc.archive_read_open_filename(exp->ar, path, 64 * 1024) != ARCHIVE_OK) {
			error_set("cannot open '%s': %s", path,
				  ar_error(exp->ar, "not a zip archive"));
			strava_close(exp);
			return -1;
		}
	}
	*out = exp;
	return 0;
}

int strava_next(struct strava_export *exp, struct strava_item *item)
{
	strava_item_release(item);
	if (exp->dir)
		return dir_next(exp, item);
	for (;;) {
		if (exp->q_head < exp->q_nr) {
			*item = exp->queue[exp->q_head++];
			return 1;
		}
		if (!exp->archive_done)
			zip_step(exp);
		else if (!exp->final_done)
			queue_rest(exp);
		else
			return 0;
	}
}

void strava_set_known(struct strava_export *exp, strava_known_fn fn, void *ctx)
{
	exp->known = fn;
	exp->known_ctx = ctx;
}

size_t strava_rows(const struct strava_export *exp)
{
	return exp->nr_rows;
}

size_t strava_ignored(const struct strava_export *exp)
{
	return exp->ignored;
}

void strava_close(struct strava_export *exp)
{
	if (!exp)
		return;
	if (exp->ar)
		arc.archive_read_free(exp->ar);
	for (size_t i = exp->q_head; i < exp->q_nr; i++)
		strava_item_release(&exp->queue[i]);
	for (size_t i = 0; i < exp->nr_pending; i++)
		strava_item_release(&exp->pending[i]);
	free(exp->queue);
	free(exp->pending);
	free(exp->rows);
	free(exp->used);
	free(exp->by_file);
	free(exp->dir);
	free(exp);
}
