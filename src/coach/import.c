/* The import engine: walks files, folders and zips, decodes them, stores each file in its own
 * transaction with duplicates recognised, and counts what happened. */
#include "import.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "formats/source.h"
#include "formats/strava.h"
#include "formats/zip.h"
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
 * (when given; and key2, a zip entry's first key, when given too) so that
 * importing it again skips it unread. `sport` (may be
 * NULL) names the sport when the file itself does not know it. The counts
 * go into the report, and into *n (zeroed on failure). 0, or -1 on a
 * database error (the transaction is rolled back).
 */
static int store_file(struct import *im, struct activity *acts, size_t nacts, const char *source,
		      const char *sport, const char *key, const char *key2, struct counts *n)
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
	if (key && key2 && key2[0] && runs_file_mark(im->w, key2))
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
		      const char *sport, const char *key, const char *key2, const char *damage)
{
	struct counts n;
	int ret;

	if (damage)
		add_note(im, file, damage, 0);
	ret = store_file(im, acts, nacts, file, sport, key, key2, &n);
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
		      const char *sport, const char *key, const char *key2, const char *damage)
{
	struct strbuf why = STRBUF_INIT;
	char first[11];
	size_t before = nacts, dropped = drop_future(acts, &nacts, first);
	int ret;

	if (!dropped)
		return store_told(im, acts, nacts, file, sport, key, key2, damage);
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
	ret = store_told(im, acts, nacts, file, sport, NULL, NULL, why.buf);
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
	ret = store_file(im, &a, 1, src.buf, NULL, NULL, NULL, &n);
	if (!ret)
		tell(im, name.buf, COACH_IMPORT_STORED, NULL, &n);
	strbuf_release(&src);
	strbuf_release(&name);
	return ret;
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

/* ---- the work: jobs decoded on worker threads, stored in order by this one ---- */

/*
 * One thing to import, in the order the report names them. A job is
 * decoded by a worker (reading, gunzip, parsing: the cost of an import)
 * and stored by the writer, the thread that called coach_import(), alone
 * in using the database.
 */
enum job_kind {
	JOB_FILE,   /* a file by its path */
	JOB_ZIP,    /* an entry of the batch's zip */
	JOB_BYTES,  /* bytes given (an upload) */
	JOB_MANUAL, /* an activities.csv row without a file */
	JOB_NOTE,   /* nothing to read: skipped with its reason */
};

enum job_state { JOB_WAITING, JOB_ASKING, JOB_DONE };

struct job {
	enum job_kind kind;
	char *name; /* as the report names it */
	char *path; /* JOB_FILE */
	size_t entry;
	char sport[24];		/* the csv row's sport, "" none */
	struct strava_row *row; /* JOB_MANUAL */
	char *note;		/* JOB_NOTE's reason; a failure's, once decoded */
	/* between a worker and the writer */
	enum job_state state;
	int verdict; /* for an asked key: 0 not yet, 1 new, 2 known */
	int known;   /* 1 by the zip's first key, 2 by the content key */
	int rc;	     /* source_decode()'s */
	char key[RUNS_KEY_SIZE];
	char zkey[RUNS_KEY_SIZE]; /* JOB_ZIP: its size and CRC-32, known without reading */
	struct activity_list acts;
};

struct batch {
	struct job *jobs;
	size_t nr, alloc;
	const struct zip *zip; /* JOB_ZIP's */
	const unsigned char *bytes;
	size_t nbytes;
};

static struct job *batch_add(struct batch *b, enum job_kind kind, const char *name)
{
	struct job *j;

	ALLOC_GROW(b->jobs, b->nr + 1, b->alloc);
	j = &b->jobs[b->nr++];
	memset(j, 0, sizeof(*j));
	j->kind = kind;
	j->name = xstrdup(name);
	activity_list_init(&j->acts);
	return j;
}

static void job_release(struct job *j)
{
	free(j->name);
	free(j->path);
	free(j->row);
	free(j->note);
	activity_list_release(&j->acts);
	memset(j, 0, sizeof(*j));
}

static void batch_release(struct batch *b)
{
	for (size_t i = 0; i < b->nr; i++)
		job_release(&b->jobs[i]);
	free(b->jobs);
	memset(b, 0, sizeof(*b));
}

/* The workers and the writer of one batch. */
struct pool {
	struct import *im;
	struct batch *b;
	int threaded;
	pthread_mutex_t mu;
	pthread_cond_t work;   /* a job can be taken, or a verdict was given */
	pthread_cond_t writer; /* a job is done, or asks */
	size_t next;	       /* the next job to take */
	size_t stored;	       /* jobs the writer is done with */
	size_t window;	       /* jobs decoded ahead of the writer, at most */
	int quit;
};

/*
 * Whether the database knows a file by this key: the writer asks it
 * itself; a worker asks the writer and waits. 1 known, 0 not, and 0 when
 * the database failed (the writer stops the import).
 */
static int ask_known(struct pool *p, struct job *j, const char *key)
{
	int r;

	if (!p->threaded) {
		r = runs_file_known(p->im->w, key);
		if (r < 0)
			p->im->db_failed = 1;
		return r > 0;
	}
	pthread_mutex_lock(&p->mu);
	snprintf(j->key, sizeof(j->key), "%s", key);
	j->verdict = 0;
	j->state = JOB_ASKING;
	pthread_cond_signal(&p->writer);
	while (!j->verdict && !p->quit)
		pthread_cond_wait(&p->work, &p->mu);
	r = j->verdict == 2;
	j->state = JOB_WAITING;
	pthread_mutex_unlock(&p->mu);
	return r;
}

/* Reads and decodes one job, or finds it known; its outcome stays in the job. */
static void job_decode(struct pool *p, struct job *j, struct strbuf *raw)
{
	const unsigned char *data = NULL;
	size_t len = 0;
	char key[RUNS_KEY_SIZE];

	j->rc = 0;
	switch (j->kind) {
	case JOB_MANUAL:
	case JOB_NOTE: return;
	case JOB_FILE:
		if (source_read_raw(j->path, raw, SOURCE_MAX_BYTES))
			goto failed;
		data = (const unsigned char *)raw->buf;
		len = raw->len;
		break;
	case JOB_ZIP: {
		const struct zip_entry *e = &p->b->zip->entries[j->entry];

		/* The central directory's size and CRC-32 know a file imported from a zip before,
		 * without reading it. */
		snprintf(j->zkey, sizeof(j->zkey), "zip:%llu:%08x", (unsigned long long)e->usize,
			 (unsigned)e->crc);
		if (ask_known(p, j, j->zkey)) {
			j->known = 1;
			return;
		}
		if (zip_read(p->b->zip, j->entry, raw, SOURCE_MAX_BYTES))
			goto failed;
		data = (const unsigned char *)raw->buf;
		len = raw->len;
		break;
	}
	case JOB_BYTES:
		data = p->b->bytes;
		len = p->b->nbytes;
		break;
	}
	runs_file_key(data, len, key);
	if (ask_known(p, j, key)) {
		j->known = 2; /* by its bytes: a zip entry's first key is not stored yet */
		goto out;
	}
	snprintf(j->key, sizeof(j->key), "%s", key);
	j->rc = source_decode(j->name, data, len, &j->acts);
	if (j->rc < 0)
		j->note = xstrdup(error_last());
	else if (j->rc == 1) {
		struct strbuf why = STRBUF_INIT;

		strbuf_addf(&why, "%s (kept what could be read)", error_last());
		j->note = strbuf_detach(&why, NULL);
	} else if (!j->acts.nr) {
		j->rc = -1;
		j->note = xstrdup("no activity in the file");
	}
	goto out;
failed:
	j->rc = -1;
	j->note = xstrdup(error_last());
out:
	/* A large file's buffer goes back; a small one serves the next file. */
	if (raw->alloc > (4u << 20))
		strbuf_release(raw);
	else
		strbuf_reset(raw);
}

static void *worker(void *arg)
{
	struct pool *p = arg;
	struct strbuf raw = STRBUF_INIT;

	pthread_mutex_lock(&p->mu);
	for (;;) {
		struct job *j;

		while (!p->quit && p->next < p->b->nr && p->next >= p->stored + p->window)
			pthread_cond_wait(&p->work, &p->mu);
		if (p->quit || p->next >= p->b->nr)
			break;
		j = &p->b->jobs[p->next++];
		pthread_mutex_unlock(&p->mu);
		job_decode(p, j, &raw);
		pthread_mutex_lock(&p->mu);
		j->state = JOB_DONE;
		pthread_cond_signal(&p->writer);
	}
	pthread_mutex_unlock(&p->mu);
	strbuf_release(&raw);
	return NULL;
}

/* Stores a decoded job and tells the face. 0, or -1 on a database error. */
static int job_store(struct import *im, struct job *j)
{
	const char *sport = j->sport[0] ? j->sport : NULL;

	if (j->kind == JOB_NOTE) {
		skip(im, j->name, j->note);
		return 0;
	}
	if (j->kind == JOB_MANUAL)
		return store_manual(im, j->row);
	if (j->known) {
		known(im, j->name);
		/* A zip entry known by its bytes (imported from the unpacked folder) is known by
		 * its size and CRC-32 from now on, without inflating it again. */
		if (j->known == 2 && j->zkey[0] && runs_file_mark(im->w, j->zkey))
			return -1;
		return 0;
	}
	if (j->rc < 0) {
		skip(im, j->name, j->note);
		return 0;
	}
	/* A damaged file is kept in part and read again next time: no key. */
	if (j->rc == 1)
		return store_acts(im, j->acts.items, j->acts.nr, j->name, sport, NULL, NULL,
				  j->note);
	return store_acts(im, j->acts.items, j->acts.nr, j->name, sport, j->key, j->zkey, NULL);
}

/* Jobs decoded on the calling thread before workers are started, if they are. */
#define PROBE_JOBS 8

/* Decoding threads: one a core, or HIPCOACH_IMPORT_THREADS (1 decodes on this thread). */
static int import_threads(void)
{
	const char *env = getenv("HIPCOACH_IMPORT_THREADS");
	long n = env && *env ? strtol(env, NULL, 10) : sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : n > 16 ? 16 : (int)n;
}

/*
 * Imports a batch: its jobs are decoded by workers, a few ahead of the
 * writer (this thread), which answers their questions to the database and
 * stores each job in order, in its own transaction. 0, or -1 on a
 * database error, which stops the batch.
 */
static int run_batch(struct import *im, struct batch *b)
{
	struct pool p = {.im = im, .b = b};
	struct strbuf raw = STRBUF_INIT; /* this thread's, when it decodes */
	pthread_t tid[16];
	int nthreads = import_threads(), started = 0, ret = 0, known_first = 0;
	/* The first jobs are decoded here: when most of them were imported before (an import
	 * done again), the rest are too, and asking across threads about each would cost more
	 * than reading them here. */
	size_t probe = b->nr < PROBE_JOBS ? b->nr : PROBE_JOBS;

	im->total += b->nr;
	if (b->nr <= probe)
		nthreads = 1;
	for (size_t i = 0; i < b->nr && !ret; i++) {
		struct job *j = &b->jobs[i];

		if (i == probe && nthreads > 1 && known_first * 4 < (int)probe * 3) {
			source_init(); /* loads libdeflate before the threads use it */
			p.threaded = 1;
			p.window = 4 * (size_t)nthreads;
			p.next = p.stored = i;
			pthread_mutex_init(&p.mu, NULL);
			pthread_cond_init(&p.work, NULL);
			pthread_cond_init(&p.writer, NULL);
			for (; started < nthreads; started++)
				if (pthread_create(&tid[started], NULL, worker, &p))
					break;
			if (!started)
				p.threaded = 0;
		}
		if (!p.threaded) {
			job_decode(&p, j, &raw);
		} else {
			pthread_mutex_lock(&p.mu);
			for (;;) {
				size_t asking = SIZE_MAX;

				for (size_t k = i; k < p.next; k++)
					if (b->jobs[k].state == JOB_ASKING && !b->jobs[k].verdict) {
						asking = k;
						break;
					}
				if (asking != SIZE_MAX) {
					struct job *a = &b->jobs[asking];
					int r;

					/* The key is the worker's until the verdict: copy it. */
					char key[RUNS_KEY_SIZE];

					memcpy(key, a->key, sizeof(key));
					pthread_mutex_unlock(&p.mu);
					r = runs_file_known(im->w, key);
					pthread_mutex_lock(&p.mu);
					if (r < 0)
						im->db_failed = 1;
					a->verdict = r > 0 ? 2 : 1;
					pthread_cond_broadcast(&p.work);
					continue;
				}
				if (j->state == JOB_DONE)
					break;
				pthread_cond_wait(&p.writer, &p.mu);
			}
			pthread_mutex_unlock(&p.mu);
		}
		progress(im, j->name);
		known_first += j->known != 0;
		ret = im->db_failed ? -1 : job_store(im, j);
		im->done++;
		job_release(j);
		if (p.threaded) {
			pthread_mutex_lock(&p.mu);
			p.stored = i + 1;
			pthread_cond_broadcast(&p.work);
			pthread_mutex_unlock(&p.mu);
		}
	}
	if (p.threaded) {
		pthread_mutex_lock(&p.mu);
		p.quit = 1;
		pthread_cond_broadcast(&p.work);
		pthread_mutex_unlock(&p.mu);
	}
	for (int t = 0; t < started; t++)
		pthread_join(tid[t], NULL);
	if (p.window) {
		pthread_mutex_destroy(&p.mu);
		pthread_cond_destroy(&p.work);
		pthread_cond_destroy(&p.writer);
	}
	strbuf_release(&raw);
	batch_release(b);
	if (ret && im->db_failed && !error_last()[0])
		error_set("database error");
	return ret;
}

/* ---- what is imported: files, export folders, zips ---- */

/* A job for an activities.csv row: its file (under dir, or in a zip), a manual entry, or why
 * not. */
static void add_row(struct batch *b, const char *dir, const struct strava_row *row)
{
	struct strbuf path = STRBUF_INIT;
	struct job *j;

	if (!row->filename[0]) {
		manual_name(&path, row);
		if (row->error[0]) {
			j = batch_add(b, JOB_NOTE, path.buf);
			j->note = xstrdup(row->error);
		} else {
			j = batch_add(b, JOB_MANUAL, path.buf);
			j->row = xmalloc(sizeof(*row));
			*j->row = *row;
		}
		strbuf_release(&path);
		return;
	}
	if (strstr(row->filename, "..")) {
		j = batch_add(b, JOB_NOTE, row->filename);
		j->note = xstrdup("file name leaves the export folder");
		return;
	}
	join(&path, dir, row->filename);
	if (access(path.buf, F_OK)) {
		j = batch_add(b, JOB_NOTE, row->filename);
		j->note = xstrdup("file is missing from the export");
	} else {
		j = batch_add(b, JOB_FILE, row->filename);
		j->path = strbuf_detach(&path, NULL);
		snprintf(j->sport, sizeof(j->sport), "%s", row->act.sport);
	}
	strbuf_release(&path);
}

/*
 * An unpacked Strava export: activities.csv names the files and holds the
 * manual entries. The files it names are taken from `files` (the walk's,
 * sorted); the rest are read as loose files afterwards.
 */
static void add_strava_dir(struct import *im, struct batch *b, const char *dir,
			   struct path_list *files)
{
	struct strbuf csv = STRBUF_INIT, csvpath = STRBUF_INIT;
	struct strava_csv c;
	struct strava_row row;
	int r;

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
	while ((r = strava_csv_next(&c, &row)) > 0) {
		add_row(b, dir, &row);
		if (row.filename[0])
			take_listed(files, dir, &row, 1);
	}
	if (r < 0)
		skip(im, csvpath.buf, error_last());
	strava_csv_release(&c);
out:
	strbuf_release(&csv);
	strbuf_release(&csvpath);
}

static int is_csv_entry(const char *name)
{
	size_t n = strlen(name), m = strlen("activities.csv");

	return n >= m && !strcmp(name + n - m, "activities.csv") &&
	       (n == m || name[n - m - 1] == '/');
}

/* activities.csv rows that name a file, sorted by it, for finding a zip entry's row. */
/*
 * activities.csv rows of a zip, held compactly until the entries are met:
 * a row with a file keeps its name and sport; one without (a manual entry,
 * or a row that could not be read) keeps its whole row, as there are few.
 */
struct zip_row {
	char *filename; /* NULL: see row */
	char sport[24];
	struct strava_row *row; /* a row without a file */
	unsigned char used;
};

struct zip_rows {
	struct zip_row *rows;
	size_t nr, alloc;
	size_t *by_name; /* the rows with a file, sorted by it */
	size_t nnamed;
};

static void zip_rows_add(struct zip_rows *zr, const struct strava_row *row)
{
	struct zip_row *r;

	ALLOC_GROW(zr->rows, zr->nr + 1, zr->alloc);
	r = &zr->rows[zr->nr++];
	memset(r, 0, sizeof(*r));
	if (row->filename[0]) {
		r->filename = xstrdup(row->filename);
		snprintf(r->sport, sizeof(r->sport), "%s", row->act.sport);
	} else {
		r->row = xmalloc(sizeof(*row));
		*r->row = *row;
	}
}

static void zip_rows_release(struct zip_rows *zr)
{
	for (size_t i = 0; i < zr->nr; i++) {
		free(zr->rows[i].filename);
		free(zr->rows[i].row);
	}
	free(zr->rows);
	free(zr->by_name);
	memset(zr, 0, sizeof(*zr));
}

static const struct zip_rows *cmp_zr;

static int cmp_zip_rows(const void *a, const void *b)
{
	return strcmp(cmp_zr->rows[*(const size_t *)a].filename,
		      cmp_zr->rows[*(const size_t *)b].filename);
}

/* The unused row naming this entry (or one of its path suffixes); -1 if none. */
static long zip_row_of(struct zip_rows *zr, const char *name)
{
	for (const char *s = name; s; s = strchr(s, '/') ? strchr(s, '/') + 1 : NULL) {
		size_t lo = 0, hi = zr->nnamed;

		while (lo < hi) {
			size_t mid = (lo + hi) / 2;

			if (strcmp(zr->rows[zr->by_name[mid]].filename, s) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (; lo < zr->nnamed && !strcmp(zr->rows[zr->by_name[lo]].filename, s); lo++)
			if (!zr->rows[zr->by_name[lo]].used)
				return (long)zr->by_name[lo];
	}
	return -1;
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
 * A zip without a central directory (a download cut short): read as a
 * stream, on this thread, for the files before the cut. activities.csv
 * and its files as in import_zip(), nothing unpacked to disk.
 */
static int import_zip_stream(struct import *im, const char *path, const char *display)
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
				 !it.partial && it.key[0] ? it.key : NULL, NULL,
				 it.partial ? "damaged FIT file (kept what could be read)" : NULL);
	}
	im->rep->ignored += (int)strava_ignored(exp);
	strava_item_release(&it);
	strava_close(exp);
	return ret;
}

/*
 * A zip: a Strava export or any zip of activity files, such as Garmin's.
 * Its central directory is read first, then activities.csv wherever it
 * lies, then the activity files in the directory's order; the rows whose
 * file never came and the manual entries last. Its entries are decoded on
 * the workers, each reading its own with pread().
 */
static int import_zip(struct import *im, const char *path, const char *display)
{
	struct zip z;
	struct batch b = {0};
	struct zip_rows zr = {0};
	struct strava_row row;
	int ret;

	/* No central directory (cut short, or not a zip): the stream reader reads what it can, and
	 * says why it stopped. */
	if (zip_open(&z, path))
		return import_zip_stream(im, path, display);
	b.zip = &z;
	for (size_t i = 0; i < z.nr; i++) {
		struct strbuf csv = STRBUF_INIT;
		struct strava_csv c;
		int r;

		if (!is_csv_entry(z.entries[i].name))
			continue;
		if (zip_read(&z, i, &csv, CSV_CAP)) {
			skip(im, z.entries[i].name, error_last());
		} else if (strava_csv_open(&c, csv.buf, csv.len)) {
			skip(im, z.entries[i].name, error_last());
			strava_csv_release(&c);
		} else {
			while ((r = strava_csv_next(&c, &row)) > 0) {
				zip_rows_add(&zr, &row);
			}
			if (r < 0)
				skip(im, z.entries[i].name, error_last());
			strava_csv_release(&c);
		}
		strbuf_release(&csv);
		break;
	}
	zr.by_name = xcalloc(zr.nr ? zr.nr : 1, sizeof(*zr.by_name));
	for (size_t i = 0; i < zr.nr; i++)
		if (zr.rows[i].filename)
			zr.by_name[zr.nnamed++] = i;
	cmp_zr = &zr; /* qsort has no context: only the writer's thread sorts */
	qsort(zr.by_name, zr.nnamed, sizeof(*zr.by_name), cmp_zip_rows);
	for (size_t i = 0; i < z.nr; i++) {
		const char *name = z.entries[i].name;
		struct job *j;
		long r;

		if (is_csv_entry(name))
			continue;
		if (!is_activity_name(name)) {
			im->rep->ignored++;
			continue;
		}
		j = batch_add(&b, JOB_ZIP, name);
		j->entry = i;
		r = zip_row_of(&zr, name);
		if (r >= 0) {
			zr.rows[r].used = 1;
			snprintf(j->sport, sizeof(j->sport), "%s", zr.rows[r].sport);
		}
	}
	for (size_t i = 0; i < zr.nr; i++) {
		struct job *j;

		if (!zr.rows[i].filename) {
			add_row(&b, "", zr.rows[i].row);
		} else if (!zr.rows[i].used) {
			j = batch_add(&b, JOB_NOTE, zr.rows[i].filename);
			j->note = xstrdup("file is missing from the export");
		}
	}
	zip_rows_release(&zr);
	ret = run_batch(im, &b);
	zip_close(&z);
	return ret;
}

static int import_path(struct import *im, const char *path)
{
	struct stat st;
	struct walk w = {0};
	struct batch b = {0};
	int ret = 0;

	if (stat(path, &st)) {
		skip(im, path, strerror(errno));
		return 0;
	}
	if (!S_ISDIR(st.st_mode)) {
		if (has_suffix(path, ".zip") && S_ISREG(st.st_mode))
			return import_zip(im, path, path);
		batch_add(&b, JOB_FILE, path)->path = xstrdup(path);
		return run_batch(im, &b);
	}
	walk(path, &st, &w);
	if (w.files.nr > 1)
		qsort(w.files.items, w.files.nr, sizeof(char *), cmp_str);
	if (w.exports.nr > 1)
		qsort(w.exports.items, w.exports.nr, sizeof(char *), cmp_str);
	im->rep->ignored += w.ignored;
	for (size_t i = 0; i < w.exports.nr; i++)
		add_strava_dir(im, &b, w.exports.items[i], &w.files);
	/* What no activities.csv listed: loose files, and files beside an export's. */
	for (size_t i = 0; i < w.files.nr && !ret; i++) {
		const char *f = w.files.items[i];

		if (w.files.taken && w.files.taken[i])
			continue;
		/* A zip is a batch of its own; libarchive is not asked to open a FIFO. */
		if (has_suffix(f, ".zip") && !stat(f, &st) && S_ISREG(st.st_mode)) {
			ret = run_batch(im, &b);
			if (!ret)
				ret = import_zip(im, f, f);
			continue;
		}
		batch_add(&b, JOB_FILE, f)->path = xstrdup(f);
	}
	if (!ret)
		ret = run_batch(im, &b);
	batch_release(&b);
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
		struct batch b = {.bytes = data, .nbytes = len};

		batch_add(&b, JOB_BYTES, name);
		ret = run_batch(&im, &b);
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
