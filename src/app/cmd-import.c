/* `hipcoach import`: activity files, folders and Strava or Garmin exports into the runs table, with
 * a report. */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app.h"
#include "formats/source.h"
#include "formats/strava.h"
#include "lib/datetime.h"
#include "lib/error.h"
#include "lib/xalloc.h"
#include "store/runs.h"

static const struct opt opts[] = {
    {0},
};

#define CSV_CAP (64u << 20)

struct sport_count {
	char sport[24];
	int n;
};

/* A file the report names: skipped, or kept in part. */
struct import_note {
	char *file, *reason;
	int skipped;
};

struct import {
	struct store *st;
	struct runs_writer *w;
	int imported, duplicates, skipped, not_runs;
	struct sport_count *others;
	size_t nothers, alloc_others;
	struct import_note *notes; /* in the order met, printed before the totals */
	size_t nnotes, alloc_notes;
	int db_failed; /* a database error in the zip walker's hook: stop the import */
	/* progress bar (stderr, on a terminal only) */
	int bar;
	size_t done, total;
	int64_t drawn_ms;
	int drawn;
};

static void progress(struct import *im, const char *name, int force)
{
	int64_t now;
	int width = 30, filled;
	char label[48];

	if (!im->bar)
		return;
	now = clock_monotonic_ms();
	if (!force && im->drawn && now - im->drawn_ms < 100)
		return;
	im->drawn_ms = now;
	im->drawn = 1;
	if (name && strrchr(name, '/'))
		name = strrchr(name, '/') + 1;
	snprintf(label, sizeof(label), "%s", name ? name : "");
	if (im->total) {
		size_t d = im->done > im->total ? im->total : im->done;

		filled = (int)(d * (size_t)width / im->total);
		fprintf(stderr, "\r\033[K[");
		for (int i = 0; i < width; i++)
			fputs(i < filled ? "#" : "-", stderr);
		fprintf(stderr, "] %zu/%zu %s", d, im->total, label);
	} else {
		fprintf(stderr, "\r\033[Kimporting... %zu %s", im->done, label);
	}
	fflush(stderr);
}

static void progress_clear(struct import *im)
{
	if (im->bar && im->drawn)
		fputs("\r\033[K", stderr);
	im->drawn = 0;
}

static void add_note(struct import *im, const char *file, const char *reason, int skipped)
{
	ALLOC_GROW(im->notes, im->nnotes + 1, im->alloc_notes);
	im->notes[im->nnotes].file = xstrdup(file);
	im->notes[im->nnotes].reason = xstrdup(reason);
	im->notes[im->nnotes++].skipped = skipped;
}

static void note(struct import *im, const char *file, const char *reason)
{
	add_note(im, file, reason, 0);
}

static void skip(struct import *im, const char *file, const char *reason)
{
	add_note(im, file, reason, 1);
	im->skipped++;
}

static void count_other(struct import *im, const char *sport)
{
	for (size_t i = 0; i < im->nothers; i++) {
		if (!strcmp(im->others[i].sport, sport)) {
			im->others[i].n++;
			return;
		}
	}
	ALLOC_GROW(im->others, im->nothers + 1, im->alloc_others);
	snprintf(im->others[im->nothers].sport, sizeof(im->others[0].sport), "%s", sport);
	im->others[im->nothers++].n = 1;
}

/*
 * Stores one file's activities in one transaction, and registers its key
 * (when given) so that importing it again skips it unread. `sport` (may be
 * NULL) names the sport when the file itself does not know it. 0, or -1 on
 * a database error (the transaction is rolled back).
 */
static int store_file(struct import *im, struct activity *acts, size_t n, const char *source,
		      const char *sport, const char *key)
{
	int imported = 0, duplicates = 0, not_runs = 0;

	if (store_begin(im->st))
		return -1;
	for (size_t i = 0; i < n; i++) {
		struct activity *a = &acts[i];
		int r;

		if (sport && *sport && !strcmp(a->sport, "other"))
			snprintf(a->sport, sizeof(a->sport), "%s", sport);
		r = runs_add(im->w, a, source);
		if (r < 0)
			goto fail;
		if (r == 1)
			duplicates++;
		else if (activity_is_run(a))
			imported++;
		else
			not_runs++;
	}
	if (key && runs_file_mark(im->w, key))
		goto fail;
	if (store_commit(im->st))
		goto fail;
	im->imported += imported;
	im->duplicates += duplicates;
	im->not_runs += not_runs;
	for (size_t i = 0; i < n && not_runs; i++)
		if (!activity_is_run(&acts[i]))
			count_other(im, acts[i].sport);
	return 0;
fail:
	store_rollback(im->st);
	return -1;
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
		im->duplicates++;
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
		note(im, display, why.buf);
		strbuf_release(&why);
	}
	ret = store_file(im, acts.items, acts.nr, display, sport, r == 1 ? NULL : key);
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
		struct strbuf src = STRBUF_INIT, where = STRBUF_INIT;
		struct activity a = row->act;

		strbuf_addf(&where, "activities.csv, activity %s",
			    row->id[0] ? row->id : "(no id)");
		if (row->error[0]) {
			skip(im, where.buf, row->error);
		} else {
			strbuf_addf(&src, "strava:%s", row->id);
			ret = store_file(im, &a, 1, src.buf, NULL, NULL);
		}
		strbuf_release(&src);
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
		progress(im, rows[i].filename, 0);
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
		progress(im, it.file, 0);
		im->done++;
		if (im->db_failed) {
			ret = error_set("%s", it.error);
			break;
		}
		if (it.known) {
			im->duplicates++;
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
			struct strbuf src = STRBUF_INIT;
			struct activity a = it.row.act;

			strbuf_addf(&src, "strava:%s", it.row.id);
			ret = store_file(im, &a, 1, src.buf, NULL, NULL);
			strbuf_release(&src);
			continue;
		}
		if (it.partial)
			note(im, it.file, "damaged FIT file (kept what could be read)");
		/* A damaged file is read again next time, as import_one() does. */
		ret = store_file(im, it.acts.items, it.acts.nr, it.file,
				 it.has_row ? it.row.act.sport : NULL,
				 !it.partial && it.key[0] ? it.key : NULL);
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
		progress(im, path, 0);
		ret = import_one(im, path, path, NULL);
		im->done++;
		return ret;
	}
	walk(path, &files, &exports);
	qsort(files.items, files.nr, sizeof(char *), cmp_str);
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

		progress(im, f, 0);
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

static int cmp_others(const void *a, const void *b)
{
	const struct sport_count *x = a, *y = b;

	if (x->n != y->n)
		return y->n - x->n;
	return strcmp(x->sport, y->sport);
}

static int import_begin(struct import *im, struct app *app, int bar)
{
	memset(im, 0, sizeof(*im));
	if (app_store(app, 0))
		return -1;
	im->st = &app->coach.store;
	im->bar = bar;
	if (!(im->w = runs_writer_new(im->st)))
		return error("%s", error_last());
	return 0;
}

/* Ends the import: the writer released, the other sports most frequent first. */
static void import_end(struct import *im)
{
	progress_clear(im);
	runs_writer_free(im->w);
	im->w = NULL;
	qsort(im->others, im->nothers, sizeof(*im->others), cmp_others);
}

static void import_release(struct import *im)
{
	for (size_t i = 0; i < im->nnotes; i++) {
		free(im->notes[i].file);
		free(im->notes[i].reason);
	}
	free(im->notes);
	free(im->others);
}

static json_t *notes_json(const struct import *im, int skipped)
{
	json_t *a = json_array();

	for (size_t i = 0; i < im->nnotes; i++)
		if (im->notes[i].skipped == skipped)
			json_array_append_new(a, json_pack("{s:s, s:s}", "file", im->notes[i].file,
							   "reason", im->notes[i].reason));
	return a;
}

static json_t *report_json(const struct import *im)
{
	json_t *o = json_object(), *sports = json_array();

	for (size_t i = 0; i < im->nothers; i++)
		json_array_append_new(sports, json_pack("{s:s, s:i}", "sport", im->others[i].sport,
							"count", im->others[i].n));
	json_object_set_new(o, "imported", json_integer(im->imported));
	json_object_set_new(o, "duplicates", json_integer(im->duplicates));
	json_object_set_new(o, "skipped", notes_json(im, 1));
	json_object_set_new(o, "not_runs", json_integer(im->not_runs));
	json_object_set_new(o, "not_run_sports", sports);
	json_object_set_new(o, "notes", notes_json(im, 0));
	return o;
}

int import_buffer(struct app *app, const char *name, const void *data, size_t len, json_t **report)
{
	struct strbuf dir = STRBUF_INIT, path = STRBUF_INIT;
	struct import im;
	int ret = -1, written = 0;

	*report = NULL;
	if (import_begin(&im, app, 0)) {
		import_release(&im);
		return -1;
	}
	if (!has_suffix(name, ".zip")) {
		strbuf_add(&path, data, len); /* the bytes, as import_one() reads them */
		ret = import_bytes(&im, &path, name, NULL);
	} else if (!temp_dir_make(&dir)) {
		strbuf_addf(&path, "%s/upload.zip", dir.buf);
		written = !write_file_atomic(path.buf, data, len);
		if (written)
			ret = import_zip(&im, path.buf, name);
		unlink(path.buf);
		rmdir(dir.buf);
	}
	import_end(&im);
	if (!ret)
		*report = report_json(&im);
	else
		error("%s", error_last()); /* the database, or the temporary file */
	import_release(&im);
	strbuf_release(&dir);
	strbuf_release(&path);
	return ret ? -1 : 0;
}

static int run(struct app *app, const struct args *args)
{
	struct import im;
	int ret = 0;

	if (import_begin(&im, app, isatty(STDERR_FILENO))) {
		import_release(&im);
		return 1;
	}
	for (int i = 0; i < args->npos && !ret; i++)
		ret = import_path(&im, args->pos[i]);
	import_end(&im);
	for (size_t i = 0; i < im.nnotes; i++)
		printf("%s: %s\n", im.notes[i].file, im.notes[i].reason);
	printf("imported %d, duplicates %d, skipped %d", im.imported, im.duplicates, im.skipped);
	if (im.not_runs) {
		printf(", not runs %d (", im.not_runs);
		for (size_t i = 0; i < im.nothers; i++)
			printf("%s%s %d", i ? ", " : "", im.others[i].sport, im.others[i].n);
		putchar(')');
	}
	putchar('\n');
	import_release(&im);
	if (ret) {
		error("%s", error_last());
		return 1;
	}
	return im.skipped ? 1 : 0;
}

const struct command cmd_import = {
    .name = "import",
    .summary = "read your runs from watch files or a Strava or Garmin export",
    .usage = "PATH...",
    .help = "Reads activities from .fit, .gpx and .tcx files (each may be gzipped),\n"
	    "from folders (with everything inside them), and from a Strava bulk export:\n"
	    "the .zip as you downloaded it (read as it is, nothing is unpacked) or its\n"
	    "unpacked folder. Strava's activities.csv adds the activities you typed in by\n"
	    "hand and names the sport when a file does not. A zip or folder of Garmin\n"
	    "FIT files works too.\n"
	    "\n"
	    "An activity that is already there (imported before, or the same run from\n"
	    "another file or format) is recognised and skipped. Each file is stored in\n"
	    "one piece; a damaged file is skipped and named with the reason, and the\n"
	    "rest go on. Rides, walks and other sports are kept but do not count as\n"
	    "running.\n"
	    "\n"
	    "The import ends with a report: imported, duplicates, skipped, and the\n"
	    "activities that are not runs. It exits with 1 when any file was skipped.",
    .opts = opts,
    .min_pos = 1,
    .max_pos = -1,
    .run = run,
    .group = GROUP_RUNNING,
};
