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
#include "lib/error.h"
#include "lib/fileio.h"
#include "lib/strbuf.h"
#include "lib/xalloc.h"
#include "store/runs.h"

/* The largest activities.csv read from an unpacked export. */
#define CSV_CAP (64u << 20)

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

	memset(n, 0, sizeof(*n));
	if (store_begin(im->st))
		return -1;
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
	}
	if (key && runs_file_mark(im->w, key))
		goto fail;
	if (store_commit(im->st))
		goto fail;
	r->imported += n->imported;
	r->duplicates += n->duplicates;
	r->not_runs += n->not_runs;
	for (size_t i = 0; i < nacts && n->not_runs; i++)
		if (!activity_is_run(&acts[i]))
			count_other(im, acts[i].sport);
	return 0;
fail:
	store_rollback(im->st);
	memset(n, 0, sizeof(*n));
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
	int ret;

	strbuf_addf(&src, "strava:%s", row->id);
	ret = store_file(im, &a, 1, src.buf, NULL, NULL, &n);
	if (!ret) {
		manual_name(&name, row);
		tell(im, name.buf, COACH_IMPORT_STORED, NULL, &n);
	}
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
		ret = store_told(im, acts.items, acts.nr, display, sport, NULL, why.buf);
		strbuf_release(&why);
		goto out;
	}
	ret = store_told(im, acts.items, acts.nr, display, sport, key, NULL);
out:
	strbuf_release(raw);
	activity_list_release(&acts);
	return ret;
}

/* One activity file by its path, as import_bytes(). */
static int import_one(struct import *im, const char *path, const char *display, const char *sport)
{
	struct strbuf raw = STRBUF_INIT;

	if (strbuf_read_file(&raw, path, SOURCE_MAX_BYTES)) {
		skip(im, display, errno == EFBIG ? "file too large" : strerror(errno));
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
	strbuf_addf(&path, "%s/%s", dir, row->filename);
	if (access(path.buf, F_OK))
		skip(im, row->filename, "file is missing from the export");
	else
		ret = import_one(im, path.buf, row->filename, row->act.sport);
	strbuf_release(&path);
	return ret;
}

/* An unpacked Strava export: activities.csv names the files and holds the manual entries. */
static int import_strava_dir(struct import *im, const char *dir, const char *csvpath)
{
	struct strbuf csv = STRBUF_INIT;
	struct strava_csv c;
	struct strava_row *rows = NULL;
	size_t nrows = 0, alloc = 0;
	int r, ret = 0;

	if (strbuf_read_file(&csv, csvpath, CSV_CAP)) {
		skip(im, csvpath, errno == EFBIG ? "file too large" : strerror(errno));
		strbuf_release(&csv);
		return 0;
	}
	if (strava_csv_open(&c, csv.buf, csv.len)) {
		skip(im, csvpath, error_last());
		strava_csv_release(&c);
		strbuf_release(&csv);
		return 0;
	}
	for (;;) {
		ALLOC_GROW(rows, nrows + 1, alloc);
		r = strava_csv_next(&c, &rows[nrows]);
		if (r <= 0)
			break;
		nrows++;
	}
	if (r < 0)
		skip(im, csvpath, error_last());
	strava_csv_release(&c);
	strbuf_release(&csv);
	im->total += nrows;
	for (size_t i = 0; i < nrows && !ret; i++) {
		progress(im, rows[i].filename);
		ret = import_strava_row(im, dir, &rows[i]);
		im->done++;
	}
	free(rows);
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
		ret = store_told(im, it.acts.items, it.acts.nr, it.file,
				 it.has_row ? it.row.act.sport : NULL,
				 !it.partial && it.key[0] ? it.key : NULL,
				 it.partial ? "damaged FIT file (kept what could be read)" : NULL);
	}
	strava_item_release(&it);
	strava_close(exp);
	return ret;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

struct path_list {
	char **items;
	size_t nr, alloc;
};

/*
 * Gathers the activity files and zips under `dir` (recursively, sorted, dot
 * files left out) into files, and Strava export folders found on the way
 * into exports; those are not descended into.
 */
static void walk(const char *dir, struct path_list *files, struct path_list *exports)
{
	struct strbuf path = STRBUF_INIT;
	DIR *d = opendir(dir);
	struct dirent *e;
	struct stat st;

	if (!d)
		return;
	strbuf_addf(&path, "%s/activities.csv", dir);
	if (!stat(path.buf, &st) && S_ISREG(st.st_mode)) {
		ALLOC_GROW(exports->items, exports->nr + 1, exports->alloc);
		exports->items[exports->nr++] = xstrdup(dir);
		closedir(d);
		strbuf_release(&path);
		return;
	}
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		strbuf_reset(&path);
		/* "runs/" as typed gives "runs/a.fit", not "runs//a.fit", in the report. */
		strbuf_addf(&path, "%s%s%s", dir, dir[0] && dir[strlen(dir) - 1] == '/' ? "" : "/",
			    e->d_name);
		if (stat(path.buf, &st))
			continue;
		if (S_ISDIR(st.st_mode)) {
			walk(path.buf, files, exports);
		} else if (S_ISREG(st.st_mode) &&
			   (is_activity_name(e->d_name) || has_suffix(e->d_name, ".zip"))) {
			ALLOC_GROW(files->items, files->nr + 1, files->alloc);
			files->items[files->nr++] = xstrdup(path.buf);
		}
	}
	closedir(d);
	strbuf_release(&path);
}

static void path_list_release(struct path_list *l)
{
	for (size_t i = 0; i < l->nr; i++)
		free(l->items[i]);
	free(l->items);
	memset(l, 0, sizeof(*l));
}

static int import_path(struct import *im, const char *path)
{
	struct stat st;
	struct path_list files = {0}, exports = {0};
	int ret = 0;

	if (stat(path, &st)) {
		skip(im, path, strerror(errno));
		return 0;
	}
	if (!S_ISDIR(st.st_mode)) {
		if (has_suffix(path, ".zip"))
			return import_zip(im, path, path);
		im->total++;
		progress(im, path);
		ret = import_one(im, path, path, NULL);
		im->done++;
		return ret;
	}
	walk(path, &files, &exports);
	if (files.nr > 1)
		qsort(files.items, files.nr, sizeof(char *), cmp_str);
	if (exports.nr > 1)
		qsort(exports.items, exports.nr, sizeof(char *), cmp_str);
	im->total += files.nr;
	for (size_t i = 0; i < exports.nr && !ret; i++) {
		struct strbuf csv = STRBUF_INIT;

		strbuf_addf(&csv, "%s/activities.csv", exports.items[i]);
		ret = import_strava_dir(im, exports.items[i], csv.buf);
		strbuf_release(&csv);
	}
	for (size_t i = 0; i < files.nr && !ret; i++) {
		const char *f = files.items[i];

		progress(im, f);
		if (has_suffix(f, ".zip"))
			ret = import_zip(im, f, f);
		else
			ret = import_one(im, f, f, NULL);
		im->done++;
	}
	path_list_release(&files);
	path_list_release(&exports);
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
