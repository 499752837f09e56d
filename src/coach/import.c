/* The import engine: walks files, folders and zips, decodes them, stores each file in its own
 * transaction with duplicates recognised, and counts what happened. */
#include "import.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "formats/source.h"
#include "formats/strava.h"
#include "lib/datetime.h"
#include "lib/error.h"
#include "lib/fileio.h"
#include "lib/strbuf.h"
#include "lib/xalloc.h"
#include "store/runs.h"

/* The largest activities.csv read from an unpacked export. */
#define CSV_CAP (64u << 20)
/*
 * How far past the clock an activity may start and still be stored: a
 * watch set to another time zone, or a clock a few hours fast. Later than
 * that, the date is wrong, and the run would count in a week to come.
 */
#define FUTURE_SLACK_S (24 * 3600)

struct import {
	struct store *st;
	struct runs_writer *w;
	struct coach_import_report *rep;
	const struct coach_import_hooks *hooks;
	int db_failed; /* a database error in the zip walker's hook: stop the import */
	size_t done, total;
};

/* One file's activities as store_file() counted them. */
struct counts {
	int imported, duplicates, not_runs;
};

void coach_import_report_init(struct coach_import_report *r)
{
	memset(r, 0, sizeof(*r));
}

void coach_import_report_release(struct coach_import_report *r)
{
	for (size_t i = 0; i < r->nnotes; i++) {
		free(r->notes[i].file);
		free(r->notes[i].reason);
	}
	free(r->notes);
	free(r->sports);
	coach_import_report_init(r);
}

static void progress(struct import *im, const char *name)
{
	if (im->hooks && im->hooks->progress)
		im->hooks->progress(im->hooks->ctx, name ? name : "", im->done, im->total);
}

static void tell(struct import *im, const char *file, enum coach_import_outcome outcome,
		 const char *reason, const struct counts *n)
{
	struct coach_import_file f = {
	    .file = file,
	    .outcome = outcome,
	    .reason = reason ? reason : "",
	};

	if (!im->hooks || !im->hooks->file)
		return;
	if (n) {
		f.imported = n->imported;
		f.duplicates = n->duplicates;
		f.not_runs = n->not_runs;
	}
	im->hooks->file(im->hooks->ctx, &f);
}

static void add_note(struct import *im, const char *file, const char *reason, int skipped)
{
	struct coach_import_report *r = im->rep;

	ALLOC_GROW(r->notes, r->nnotes + 1, r->alloc_notes);
	r->notes[r->nnotes].file = xstrdup(file);
	r->notes[r->nnotes].reason = xstrdup(reason);
	r->notes[r->nnotes++].skipped = skipped;
}

static void skip(struct import *im, const char *file, const char *reason)
{
	add_note(im, file, reason, 1);
	im->rep->skipped++;
	tell(im, file, COACH_IMPORT_SKIPPED, reason, NULL);
}

/* A file already imported, recognised by its bytes. */
static void known(struct import *im, const char *file)
{
	struct counts n = {.duplicates = 1};

	im->rep->duplicates++;
	tell(im, file, COACH_IMPORT_KNOWN, NULL, &n);
}

static void count_other(struct import *im, const char *sport)
{
	struct coach_import_report *r = im->rep;

	for (size_t i = 0; i < r->nsports; i++) {
		if (!strcmp(r->sports[i].sport, sport)) {
			r->sports[i].count++;
			return;
		}
	}
	ALLOC_GROW(r->sports, r->nsports + 1, r->alloc_sports);
	snprintf(r->sports[r->nsports].sport, sizeof(r->sports[0].sport), "%s", sport);
	r->sports[r->nsports++].count = 1;
}

/*
 * Stores one file's activities in one transaction, and registers its key
 * (when given) so that importing it again skips it unread. `sport` (may be
 * NULL) names the sport when the file itself does not know it. The counts
 * go into the report, and into *n (zeroed on failure). 0, or -1 on a
 * database error (the transaction is rolled back).
 */
static int store_file(struct import *im, struct activity *acts, size_t nacts, const char *source,
		      const char *sport, const char *key, struct counts *n)
{
	struct coach_import_report *r = im->rep;
	const char **others = xcalloc(nacts ? nacts : 1, sizeof(*others));
	size_t nothers = 0;

	memset(n, 0, sizeof(*n));
	if (store_begin(im->st)) {
		free(others);
		return -1;
	}
	for (size_t i = 0; i < nacts; i++) {
		struct activity *a = &acts[i];
		int added;

		if (sport && *sport && !strcmp(a->sport, "other"))
			snprintf(a->sport, sizeof(a->sport), "%s", sport);
		added = runs_add(im->w, a, source);
		if (added < 0)
			goto fail;
		if (added == 1)
			n->duplicates++;
		else if (activity_is_run(a))
			n->imported++;
		else
			n->not_runs++;
		/* Only stored activities of other sports are counted by sport: not duplicates. */
		if (added == 0 && !activity_is_run(a))
			others[nothers++] = a->sport;
	}
	if (key && runs_file_mark(im->w, key))
		goto fail;
	if (store_commit(im->st))
		goto fail;
	r->imported += n->imported;
	r->duplicates += n->duplicates;
	r->not_runs += n->not_runs;
	for (size_t i = 0; i < nothers; i++)
		count_other(im, others[i]);
	free(others);
	return 0;
fail:
	store_rollback(im->st);
	memset(n, 0, sizeof(*n));
	free(others);
	return -1;
}

/*
 * Stores a file, told to the face as stored or, when `damage` is given,
 * as kept in part: the note is made first, so that it stands in the report
 * even when storing fails. Arguments as store_file(). 0 or -1.
 */
static int store_told(struct import *im, struct activity *acts, size_t nacts, const char *file,
		      const char *sport, const char *key, const char *damage)
{
	struct counts n;
	int ret;

	if (damage)
		add_note(im, file, damage, 0);
	ret = store_file(im, acts, nacts, file, sport, key, &n);
	if (damage)
		tell(im, file, COACH_IMPORT_PARTIAL, damage, &n);
	else if (!ret)
		tell(im, file, COACH_IMPORT_STORED, NULL, &n);
	return ret;
}

/*
 * Leaves out the activities that start after the clock (and its slack),
 * keeping the others in order. Returns how many were left out; *first is
 * the earliest of their days ("YYYY-MM-DD").
 */
static size_t drop_future(struct activity *acts, size_t *nacts, char first[11])
{
	time_t limit = clock_now() + FUTURE_SLACK_S, earliest = 0;
	size_t kept = 0, dropped = 0;

	for (size_t i = 0; i < *nacts; i++) {
		if (acts[i].start > limit) {
			if (!dropped++ || acts[i].start < earliest)
				earliest = acts[i].start;
			continue;
		}
		acts[kept++] = acts[i];
	}
	*nacts = kept;
	if (dropped)
		day_format((day_t)(earliest / 86400), first);
	return dropped;
}

/*
 * Stores a file's decoded activities as store_told() does, after leaving
 * out those dated in the future: a file of only such activities is
 * skipped, and one that also holds others is kept in part (and read again
 * next time). 0 or -1.
 */
static int store_acts(struct import *im, struct activity *acts, size_t nacts, const char *file,
		      const char *sport, const char *key, const char *damage)
{
	struct strbuf why = STRBUF_INIT;
	char first[11];
	size_t before = nacts, dropped = drop_future(acts, &nacts, first);
	int ret;

	if (!dropped)
		return store_told(im, acts, nacts, file, sport, key, damage);
	if (!nacts) {
		strbuf_addf(&why, "dated in the future (%s): not stored", first);
		skip(im, file, why.buf);
		strbuf_release(&why);
		return 0;
	}
	if (damage)
		strbuf_addf(&why, "%s; ", damage);
	strbuf_addf(&why, "%zu of %zu activities dated in the future (from %s): those not stored",
		    dropped, before, first);
	ret = store_told(im, acts, nacts, file, sport, NULL, why.buf);
	strbuf_release(&why);
	return ret;
}

/* How the report names a manual entry of a Strava export: "activities.csv, activity ID". */
static void manual_name(struct strbuf *sb, const struct strava_row *row)
{
	strbuf_addf(sb, "activities.csv, activity %s", row->id[0] ? row->id : "(no id)");
}

/* A manual entry of a Strava export: one activity, stored under "strava:ID". 0 or -1. */
static int store_manual(struct import *im, const struct strava_row *row)
{
	struct strbuf src = STRBUF_INIT, name = STRBUF_INIT;
	struct activity a = row->act;
	struct counts n;
	char first[11];
	size_t one = 1;
	int ret;

	manual_name(&name, row);
	if (drop_future(&a, &one, first)) {
		strbuf_addf(&src, "dated in the future (%s): not stored", first);
		skip(im, name.buf, src.buf);
		strbuf_release(&src);
		strbuf_release(&name);
		return 0;
	}
	strbuf_addf(&src, "strava:%s", row->id);
	ret = store_file(im, &a, 1, src.buf, NULL, NULL, &n);
	if (!ret)
		tell(im, name.buf, COACH_IMPORT_STORED, NULL, &n);
	strbuf_release(&src);
	strbuf_release(&name);
	return ret;
}

/*
 * One activity file's bytes (.fit, .gpx, .tcx, each maybe gzipped; the
 * name `display` tells which), released before the inserts so that only
 * one file's bytes are held at a time. A file already imported is
 * recognised by its content key before it is decoded. `sport` as in
 * store_file(). 0, or -1 on a database error.
 */
static int import_bytes(struct import *im, struct strbuf *raw, const char *display,
			const char *sport)
{
	struct activity_list acts;
	char key[RUNS_KEY_SIZE];
	int r, ret = 0;

	activity_list_init(&acts);
	runs_file_key(raw->buf, raw->len, key);
	r = runs_file_known(im->w, key);
	if (r < 0) {
		ret = -1;
		goto out;
	}
	if (r) {
		known(im, display);
		goto out;
	}
	r = source_decode(display, (const unsigned char *)raw->buf, raw->len, &acts);
	strbuf_release(raw);
	if (r < 0) {
		skip(im, display, error_last());
		goto out;
	}
	if (!acts.nr) {
		skip(im, display, "no activity in the file");
		goto out;
	}
	if (r == 1) {
		struct strbuf why = STRBUF_INIT;

		/* Damaged after some complete activities: keep them, say so, and read it again next
		 * time. */
		strbuf_addf(&why, "%s (kept what could be read)", error_last());
		ret = store_acts(im, acts.items, acts.nr, display, sport, NULL, why.buf);
		strbuf_release(&why);
		goto out;
	}
	ret = store_acts(im, acts.items, acts.nr, display, sport, key, NULL);
out:
	strbuf_release(raw);
	activity_list_release(&acts);
	return ret;
}

/* One activity file by its path, as import_bytes(). */
static int import_one(struct import *im, const char *path, const char *display, const char *sport)
{
	struct strbuf raw = STRBUF_INIT;

	if (source_read_raw(path, &raw, SOURCE_MAX_BYTES)) {
		skip(im, display, error_last());
		strbuf_release(&raw);
		return 0;
	}
	return import_bytes(im, &raw, display, sport);
}

static int has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && !strcasecmp(s + n - m, suffix);
}

static int is_activity_name(const char *name)
{
	static const char *const ext[] = {".fit", ".gpx", ".tcx", ".fit.gz", ".gpx.gz", ".tcx.gz"};

	for (size_t i = 0; i < ARRAY_SIZE(ext); i++)
		if (has_suffix(name, ext[i]))
			return 1;
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

struct path_list {
	char **items;
	size_t nr, alloc;
	unsigned char *taken; /* NULL, or per item: read already */
};

static void path_list_add(struct path_list *l, const char *path)
{
	ALLOC_GROW(l->items, l->nr + 1, l->alloc);
	l->items[l->nr++] = xstrdup(path);
}

static void path_list_release(struct path_list *l)
{
	for (size_t i = 0; i < l->nr; i++)
		free(l->items[i]);
	free(l->items);
	free(l->taken);
	memset(l, 0, sizeof(*l));
}

/* Joins a folder and a name as the report shows them: "runs/" as typed gives "runs/a.fit". */
static void join(struct strbuf *sb, const char *dir, const char *name)
{
	strbuf_addf(sb, "%s%s%s", dir, dir[0] && dir[strlen(dir) - 1] == '/' ? "" : "/", name);
}

/* A manual entry or an activity file of a Strava export, with its activities.csv row. */
static int import_strava_row(struct import *im, const char *dir, const struct strava_row *row)
{
	struct strbuf path = STRBUF_INIT;
	int ret = 0;

	if (!row->filename[0]) {
		struct strbuf where = STRBUF_INIT;

		manual_name(&where, row);
		if (row->error[0])
			skip(im, where.buf, row->error);
		else
			ret = store_manual(im, row);
		strbuf_release(&where);
		return ret;
	}
	if (strstr(row->filename, "..")) {
		skip(im, row->filename, "file name leaves the export folder");
		return 0;
	}
	join(&path, dir, row->filename);
	if (access(path.buf, F_OK))
		skip(im, row->filename, "file is missing from the export");
	else
		ret = import_one(im, path.buf, row->filename, row->act.sport);
	strbuf_release(&path);
	return ret;
}

/*
 * The files of `files` that the rows of an export's activities.csv name:
 * they are read through their rows, and marked taken here so that they are
 * not read again as loose files.
 */
static void take_listed(struct path_list *files, const char *dir, const struct strava_row *rows,
			size_t nrows)
{
	struct strbuf path = STRBUF_INIT;

	for (size_t i = 0; i < nrows; i++) {
		char *key, **hit;

		if (!rows[i].filename[0])
			continue;
		strbuf_reset(&path);
		join(&path, dir, rows[i].filename);
		key = path.buf;
		hit = bsearch(&key, files->items, files->nr, sizeof(char *), cmp_str);
		if (!hit)
			continue;
		if (!files->taken)
			files->taken = xcalloc(files->nr, 1);
		files->taken[hit - files->items] = 1;
	}
	strbuf_release(&path);
}

/*
 * An unpacked Strava export: activities.csv names the files and holds the
 * manual entries. The files it names are taken from `files` (the walk's,
 * sorted); the rest are read as loose files afterwards.
 */
static int import_strava_dir(struct import *im, const char *dir, struct path_list *files)
{
	struct strbuf csv = STRBUF_INIT, csvpath = STRBUF_INIT;
	struct strava_csv c;
	struct strava_row *rows = NULL;
	size_t nrows = 0, alloc = 0;
	int r, ret = 0;

	join(&csvpath, dir, "activities.csv");
	if (source_read_raw(csvpath.buf, &csv, CSV_CAP)) {
		skip(im, csvpath.buf, error_last());
		goto out;
	}
	if (strava_csv_open(&c, csv.buf, csv.len)) {
		skip(im, csvpath.buf, error_last());
		strava_csv_release(&c);
		goto out;
	}
	for (;;) {
		ALLOC_GROW(rows, nrows + 1, alloc);
		r = strava_csv_next(&c, &rows[nrows]);
		if (r <= 0)
			break;
		nrows++;
	}
	if (r < 0)
		skip(im, csvpath.buf, error_last());
	strava_csv_release(&c);
	take_listed(files, dir, rows, nrows);
	im->total += nrows;
	for (size_t i = 0; i < nrows && !ret; i++) {
		progress(im, rows[i].filename);
		ret = import_strava_row(im, dir, &rows[i]);
		im->done++;
	}
	free(rows);
out:
	strbuf_release(&csv);
	strbuf_release(&csvpath);
	return ret;
}

/*
 * The zip walker's hook: a file of the zip already imported (from this zip
 * or from the unpacked folder, whose files have the same bytes) is known by
 * its key before it is gunzipped and parsed, so importing an export again
 * costs little more than reading it.
 */
_Static_assert(STRAVA_KEY_SIZE >= RUNS_KEY_SIZE, "a strava_item holds a runs_file_key()");

static int zip_file_known(void *ctx, const char *file, const unsigned char *data, size_t len,
			  char key[STRAVA_KEY_SIZE])
{
	struct import *im = ctx;
	int r;

	(void)file;
	runs_file_key(data, len, key);
	r = runs_file_known(im->w, key);
	if (r < 0)
		im->db_failed = 1;
	return r;
}

/*
 * A zip: a Strava export (activities.csv and its files, read as a stream,
 * nothing unpacked to disk) or any zip of activity files, such as Garmin's.
 */
static int import_zip(struct import *im, const char *path, const char *display)
{
	struct strava_export *exp;
	struct strava_item it;
	size_t base = im->total;
	int ret = 0;

	if (strava_open(path, &exp)) {
		struct strbuf why = STRBUF_INIT;
		const char *msg = error_last(), *at = strstr(msg, path);

		/* An upload's temporary file is named as the runner named it. */
		if (at && strcmp(path, display)) {
			strbuf_add(&why, msg, (size_t)(at - msg));
			strbuf_addstr(&why, display);
			strbuf_addstr(&why, at + strlen(path));
		} else {
			strbuf_addstr(&why, msg);
		}
		skip(im, display, why.buf);
		strbuf_release(&why);
		return 0;
	}
	strava_set_known(exp, zip_file_known, im);
	strava_item_init(&it);
	while (!ret && strava_next(exp, &it) > 0) {
		im->total = strava_rows(exp) ? base + strava_rows(exp) : 0;
		progress(im, it.file);
		im->done++;
		if (im->db_failed) {
			ret = error_set("%s", it.error);
			break;
		}
		if (it.known) {
			known(im, it.file);
			continue;
		}
		if (it.error[0]) {
			if (it.file[0])
				skip(im, it.file, it.error);
			else
				skip(im, "activities.csv", it.error);
			continue;
		}
		if (!it.file[0]) {
			ret = store_manual(im, &it.row);
			continue;
		}
		/* A damaged file is read again next time, as import_one() does. */
		ret = store_acts(im, it.acts.items, it.acts.nr, it.file,
				 it.has_row ? it.row.act.sport : NULL,
				 !it.partial && it.key[0] ? it.key : NULL,
				 it.partial ? "damaged FIT file (kept what could be read)" : NULL);
	}
	im->rep->ignored += (int)strava_ignored(exp);
	strava_item_release(&it);
	strava_close(exp);
	return ret;
}

/* What a folder walk found. */
struct walk {
	struct path_list files; /* activity files and zips (by name: a FIFO is refused when read) */
	struct path_list exports; /* folders holding activities.csv */
	struct {
		dev_t dev;
		ino_t ino;
	} * seen; /* folders entered: a symbolic link loop is entered once */
	size_t nseen, alloc_seen;
	int ignored; /* regular files that are neither activity files nor zips */
};

/*
 * Gathers the activity files and zips under `dir` (recursively, dot files
 * left out; following symbolic links, each folder once), the Strava export
 * folders (whose files are gathered too, so that those activities.csv does
 * not list are not lost), and how many other files there are.
 */
static void walk(const char *dir, const struct stat *dst, struct walk *w)
{
	struct strbuf path = STRBUF_INIT;
	DIR *d;
	struct dirent *e;
	struct stat st;

	for (size_t i = 0; i < w->nseen; i++)
		if (w->seen[i].dev == dst->st_dev && w->seen[i].ino == dst->st_ino)
			return;
	ALLOC_GROW(w->seen, w->nseen + 1, w->alloc_seen);
	w->seen[w->nseen].dev = dst->st_dev;
	w->seen[w->nseen++].ino = dst->st_ino;
	d = opendir(dir);
	if (!d)
		return;
	join(&path, dir, "activities.csv");
	if (!stat(path.buf, &st) && S_ISREG(st.st_mode))
		path_list_add(&w->exports, dir);
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		strbuf_reset(&path);
		join(&path, dir, e->d_name);
		if (stat(path.buf, &st))
			continue;
		if (S_ISDIR(st.st_mode)) {
			walk(path.buf, &st, w);
		} else if (is_activity_name(e->d_name) || has_suffix(e->d_name, ".zip")) {
			path_list_add(&w->files, path.buf);
		} else if (S_ISREG(st.st_mode) && strcmp(e->d_name, "activities.csv")) {
			w->ignored++;
		}
	}
	closedir(d);
	strbuf_release(&path);
}

static void walk_release(struct walk *w)
{
	path_list_release(&w->files);
	path_list_release(&w->exports);
	free(w->seen);
	memset(w, 0, sizeof(*w));
}

static int import_path(struct import *im, const char *path)
{
	struct stat st;
	struct walk w = {0};
	int ret = 0;

	if (stat(path, &st)) {
		skip(im, path, strerror(errno));
		return 0;
	}
	if (!S_ISDIR(st.st_mode)) {
		if (has_suffix(path, ".zip") && S_ISREG(st.st_mode))
			return import_zip(im, path, path);
		im->total++;
		progress(im, path);
		ret = import_one(im, path, path, NULL);
		im->done++;
		return ret;
	}
	walk(path, &st, &w);
	if (w.files.nr > 1)
		qsort(w.files.items, w.files.nr, sizeof(char *), cmp_str);
	if (w.exports.nr > 1)
		qsort(w.exports.items, w.exports.nr, sizeof(char *), cmp_str);
	im->rep->ignored += w.ignored;
	for (size_t i = 0; i < w.exports.nr && !ret; i++)
		ret = import_strava_dir(im, w.exports.items[i], &w.files);
	/* What no activities.csv listed: loose files, and files beside an export's. */
	for (size_t i = 0; i < w.files.nr; i++)
		if (!w.files.taken || !w.files.taken[i])
			im->total++;
	for (size_t i = 0; i < w.files.nr && !ret; i++) {
		const char *f = w.files.items[i];

		if (w.files.taken && w.files.taken[i])
			continue;
		progress(im, f);
		/* A zip is opened by libarchive, which would wait on a FIFO. */
		if (has_suffix(f, ".zip") && !stat(f, &st) && S_ISREG(st.st_mode))
			ret = import_zip(im, f, f);
		else
			ret = import_one(im, f, f, NULL);
		im->done++;
	}
	walk_release(&w);
	return ret;
}

static int cmp_sports(const void *a, const void *b)
{
	const struct coach_import_sport *x = a, *y = b;

	if (x->count != y->count)
		return y->count - x->count;
	return strcmp(x->sport, y->sport);
}

/* Opens the store and the writer; the report starts empty. 0 or -1. */
static int import_begin(struct import *im, struct coach *c, const struct coach_import_hooks *hooks,
			struct coach_import_report *report)
{
	memset(im, 0, sizeof(*im));
	coach_import_report_init(report);
	im->rep = report;
	im->hooks = hooks;
	if (coach_store(c, 0))
		return -1;
	im->st = &c->store;
	im->w = runs_writer_new(im->st);
	return im->w ? 0 : -1;
}

/* Ends the import: the writer freed, the other sports most frequent first. */
static void import_end(struct import *im)
{
	runs_writer_free(im->w);
	im->w = NULL;
	if (im->rep->nsports > 1)
		qsort(im->rep->sports, im->rep->nsports, sizeof(*im->rep->sports), cmp_sports);
}

int coach_import(struct coach *c, const char *const *paths, size_t npaths,
		 const struct coach_import_hooks *hooks, struct coach_import_report *report)
{
	struct import im;
	int ret = 0;

	if (import_begin(&im, c, hooks, report))
		return -1;
	for (size_t i = 0; i < npaths && !ret; i++)
		ret = import_path(&im, paths[i]);
	import_end(&im);
	return ret ? -1 : 0;
}

int coach_import_buffer(struct coach *c, const char *name, const void *data, size_t len,
			const struct coach_import_hooks *hooks, struct coach_import_report *report)
{
	struct strbuf dir = STRBUF_INIT, path = STRBUF_INIT;
	struct import im;
	int ret = -1;

	if (import_begin(&im, c, hooks, report))
		return -1;
	if (!has_suffix(name, ".zip")) {
		strbuf_add(&path, data, len); /* the bytes, as import_one() reads them */
		ret = import_bytes(&im, &path, name, NULL);
	} else if (!temp_dir_make(&dir)) {
		strbuf_addf(&path, "%s/upload.zip", dir.buf);
		if (!write_file_atomic(path.buf, data, len))
			ret = import_zip(&im, path.buf, name);
		unlink(path.buf);
		rmdir(dir.buf);
	}
	import_end(&im);
	strbuf_release(&dir);
	strbuf_release(&path);
	return ret ? -1 : 0;
}
