/* The runs table: duplicate-aware inserts, the imported-files register, and reading runs back. */
#include "runs.h"
#include "sql.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/datetime.h"
#include "lib/error.h"
#include "lib/xalloc.h"

/* XXH64 (Yann Collet's xxHash, 64-bit variant), seed 0. */
#define P1 11400714785074694791ULL
#define P2 14029467366897019727ULL
#define P3 1609587929392839161ULL
#define P4 9650029242287828579ULL
#define P5 2870177450012600261ULL

static inline uint64_t rotl64(uint64_t x, int r)
{
	return (x << r) | (x >> (64 - r));
}

static inline uint64_t read64(const unsigned char *p)
{
	return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 | (uint64_t)p[3] << 24 |
	       (uint64_t)p[4] << 32 | (uint64_t)p[5] << 40 | (uint64_t)p[6] << 48 |
	       (uint64_t)p[7] << 56;
}

static inline uint32_t read32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static inline uint64_t xxh_round(uint64_t acc, uint64_t input)
{
	acc += input * P2;
	acc = rotl64(acc, 31);
	return acc * P1;
}

static inline uint64_t xxh_merge(uint64_t acc, uint64_t val)
{
	acc ^= xxh_round(0, val);
	return acc * P1 + P4;
}

uint64_t runs_hash64(const void *data, size_t len)
{
	const unsigned char *p = data, *end = p + len;
	uint64_t h;

	if (len >= 32) {
		uint64_t v1 = P1 + P2, v2 = P2, v3 = 0, v4 = (uint64_t)0 - P1;
		const unsigned char *limit = end - 32;

		do {
			v1 = xxh_round(v1, read64(p));
			v2 = xxh_round(v2, read64(p + 8));
			v3 = xxh_round(v3, read64(p + 16));
			v4 = xxh_round(v4, read64(p + 24));
			p += 32;
		} while (p <= limit);
		h = rotl64(v1, 1) + rotl64(v2, 7) + rotl64(v3, 12) + rotl64(v4, 18);
		h = xxh_merge(h, v1);
		h = xxh_merge(h, v2);
		h = xxh_merge(h, v3);
		h = xxh_merge(h, v4);
	} else {
		h = P5;
	}
	h += (uint64_t)len;
	for (; p + 8 <= end; p += 8) {
		h ^= xxh_round(0, read64(p));
		h = rotl64(h, 27) * P1 + P4;
	}
	if (p + 4 <= end) {
		h ^= (uint64_t)read32(p) * P1;
		h = rotl64(h, 23) * P2 + P3;
		p += 4;
	}
	for (; p < end; p++) {
		h ^= (uint64_t)*p * P5;
		h = rotl64(h, 11) * P1;
	}
	h ^= h >> 33;
	h *= P2;
	h ^= h >> 29;
	h *= P3;
	h ^= h >> 32;
	return h;
}

void runs_file_key(const void *data, size_t len, char key[RUNS_KEY_SIZE])
{
	snprintf(key, RUNS_KEY_SIZE, "%zu:%016" PRIx64, len, runs_hash64(data, len));
}

/* The writer's statements, kept for its lifetime; their values are bound at each use. */
struct runs_writer {
	struct store *st;
	struct store_stmt *file_known, *file_mark, *near, *insert;
};

struct runs_writer *runs_writer_new(struct store *st)
{
	struct runs_writer *w = xcalloc(1, sizeof(*w));

	w->st = st;
	w->file_known = store_keep(st, "SELECT 1 FROM import_files WHERE key = ?");
	w->file_mark = store_keep(st, "INSERT INTO import_files (key, imported_at) VALUES (?, ?) "
				      "ON CONFLICT DO NOTHING");
	w->near = store_keep(st, "SELECT start_epoch, sport, distance_m, elapsed_s, source FROM "
				 "runs WHERE start_epoch BETWEEN ? AND ?");
	w->insert =
	    store_keep(st, "INSERT INTO runs (start, start_epoch, sport, distance_m, moving_s, "
			   "elapsed_s, ascent_m, avg_hr, max_hr, source) "
			   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
	if (!w->file_known || !w->file_mark || !w->near || !w->insert) {
		runs_writer_free(w);
		return NULL;
	}
	return w;
}

void runs_writer_free(struct runs_writer *w)
{
	if (!w)
		return;
	store_finalize(w->file_known);
	store_finalize(w->file_mark);
	store_finalize(w->near);
	store_finalize(w->insert);
	free(w);
}

/* Steps a kept statement once and resets it for the next use: 1 row, 0 done, -1 error. */
static int step_once(struct runs_writer *w, struct store_stmt *stmt)
{
	int rc = store_step(w->st, stmt);

	store_reset(stmt);
	return rc;
}

int runs_file_known(struct runs_writer *w, const char *key)
{
	if (store_bind(w->st, w->file_known, "t", key))
		return -1;
	return step_once(w, w->file_known);
}

int runs_file_mark(struct runs_writer *w, const char *key)
{
	char now[21];

	if (store_bind(w->st, w->file_mark, "tt", key, time_format_iso(clock_now(), now)))
		return -1;
	return step_once(w, w->file_mark) < 0 ? -1 : 0;
}

/* Entries logged with `hipcoach log run` have a day but no time of day. */
static int is_typed(const char *source)
{
	return !strcmp(source, RUNS_SOURCE_MANUAL);
}

/* A stored row of the `near` statement as a candidate for activity_same(). */
static void read_candidate(struct store_stmt *s, struct activity *b)
{
	activity_init(b);
	b->start = (time_t)store_col_int64(s, 0, 0);
	snprintf(b->sport, sizeof(b->sport), "%s", store_col_text(s, 1));
	b->distance_m = store_col_double(s, 2, -1);
	b->elapsed_s = store_col_double(s, 3, -1);
}

/* A measure for a column that holds NULL when it is unknown: negative ('e' binds NULL then). */
static double known_or_negative(double v)
{
	return isnan(v) ? -1 : v;
}

int runs_add(struct runs_writer *w, const struct activity *a, const char *source)
{
	struct store_stmt *s = w->near;
	int a_typed = is_typed(source);
	char iso[21];
	int rc = 0, dup = 0;

	if (store_bind(w->st, s, "ll", (int64_t)a->start - ACTIVITY_SAME_WINDOW_S,
		       (int64_t)a->start + ACTIVITY_SAME_WINDOW_S))
		return -1;
	while (!dup && (rc = store_step(w->st, s)) > 0) {
		struct activity b;

		read_candidate(s, &b);
		dup = activity_same(a, a_typed, &b, is_typed(store_col_text(s, 4)));
	}
	store_reset(s);
	if (!dup && rc < 0)
		return -1;
	if (dup)
		return 1;

	s = w->insert;
	if (store_bind(w->st, s, "tlteeeejjt", time_format_iso(a->start, iso), (int64_t)a->start,
		       a->sport, known_or_negative(a->distance_m), known_or_negative(a->moving_s),
		       known_or_negative(a->elapsed_s), known_or_negative(a->ascent_m),
		       a->avg_hr > 0 ? a->avg_hr : -1, a->max_hr > 0 ? a->max_hr : -1, source))
		return -1;
	return step_once(w, s) < 0 ? -1 : 0;
}

int store_runs_edge(struct store *st, time_t before, int latest, unsigned flags, time_t *start)
{
	/* The runs_start index in either direction: the first row is nearly always the answer. */
	struct store_stmt *stmt = store_prepare(
	    st,
	    latest
		? "SELECT start_epoch, sport FROM runs WHERE start_epoch < ? "
		  "ORDER BY start_epoch DESC"
		: "SELECT start_epoch, sport FROM runs WHERE start_epoch < ? ORDER BY start_epoch",
	    "l", (int64_t)before);
	int rc = 0, found = 0;

	if (!stmt)
		return -1;
	while (!found && (rc = store_step(st, stmt)) > 0) {
		if ((flags & RUNS_ONLY_RUNS) && !activity_sport_is_run(store_col_text(stmt, 1)))
			continue;
		*start = (time_t)store_col_int64(stmt, 0, 0);
		found = 1;
	}
	store_finalize(stmt);
	return !found && rc < 0 ? -1 : found;
}

/* snprintf("%s") without its cost: a run is read by the hundred. */
static void copy_text(char *dst, size_t size, const char *src)
{
	size_t n = strlen(src);

	if (n >= size)
		n = size - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

/* The SELECT both run readers share, and its columns read back. */
#define RUN_COLUMNS                                                                                \
	"SELECT id, start_epoch, sport, distance_m, moving_s, elapsed_s, ascent_m, avg_hr, "       \
	"max_hr, source FROM runs "

/* Columns 0-2: enough to tell a run from another sport. */
static void run_head(struct store_stmt *stmt, struct run_rec *r)
{
	memset(r, 0, sizeof(*r));
	activity_init(&r->act);
	r->id = store_col_int64(stmt, 0, 0);
	r->act.start = (time_t)store_col_int64(stmt, 1, 0);
	copy_text(r->act.sport, sizeof(r->act.sport), store_col_text(stmt, 2));
}

/* Columns 3-9: the rest of the row. */
static void run_rest(struct store_stmt *stmt, struct run_rec *r)
{
	r->act.distance_m = store_col_double(stmt, 3, -1);
	r->act.moving_s = store_col_double(stmt, 4, -1);
	r->act.elapsed_s = store_col_double(stmt, 5, -1);
	r->act.ascent_m = store_col_double(stmt, 6, -1);
	r->act.avg_hr = store_col_int(stmt, 7, 0);
	r->act.max_hr = store_col_int(stmt, 8, 0);
	copy_text(r->source, sizeof(r->source), store_col_text(stmt, 9));
}

int store_runs_between(struct store *st, time_t from, time_t to, unsigned flags,
		       struct run_rec **out, size_t *n)
{
	struct store_stmt *stmt =
	    store_prepare(st,
			  RUN_COLUMNS "WHERE start_epoch >= ? AND start_epoch < ? "
				      "ORDER BY start_epoch, id",
			  "ll", (int64_t)from, (int64_t)to);
	size_t alloc = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (!stmt)
		return -1;
	while ((rc = store_step(st, stmt)) > 0) {
		struct run_rec r;

		run_head(stmt, &r);
		if ((flags & RUNS_ONLY_RUNS) && !activity_is_run(&r.act))
			continue;
		run_rest(stmt, &r);
		ALLOC_GROW(*out, *n + 1, alloc);
		(*out)[(*n)++] = r;
	}
	store_finalize(stmt);
	if (rc < 0) {
		free(*out);
		*out = NULL;
		*n = 0;
		return -1;
	}
	return 0;
}

int store_runs_page(struct store *st, time_t from, time_t before, unsigned flags, size_t limit,
		    struct run_rec **out, size_t *n, int *more)
{
	struct store_stmt *stmt =
	    store_prepare(st,
			  RUN_COLUMNS "WHERE start_epoch >= ? AND start_epoch < ? "
				      "ORDER BY start_epoch DESC, id DESC",
			  "ll", (int64_t)from, (int64_t)before);
	size_t alloc = 0;
	int rc;

	*out = NULL;
	*n = 0;
	*more = 0;
	if (limit < 1)
		limit = 1;
	if (!stmt)
		return -1;
	while ((rc = store_step(st, stmt)) > 0) {
		struct run_rec r;

		run_head(stmt, &r);
		if ((flags & RUNS_ONLY_RUNS) && !activity_is_run(&r.act))
			continue;
		/* Full, and this one started later than the last taken: there is more. */
		if (*n >= limit && r.act.start != (*out)[*n - 1].act.start) {
			*more = 1;
			break;
		}
		run_rest(stmt, &r);
		ALLOC_GROW(*out, *n + 1, alloc);
		(*out)[(*n)++] = r;
	}
	store_finalize(stmt);
	if (rc < 0) {
		free(*out);
		*out = NULL;
		*n = 0;
		return -1;
	}
	/* Read newest first; given oldest first. */
	for (size_t i = 0; i < *n / 2; i++) {
		struct run_rec t = (*out)[i];

		(*out)[i] = (*out)[*n - 1 - i];
		(*out)[*n - 1 - i] = t;
	}
	return 0;
}
