/* Importing activity files, folders and Strava or Garmin exports into one runner's runs, with a
 * report and a callback per file. */
#ifndef HIPCOACH_COACH_IMPORT_H
#define HIPCOACH_COACH_IMPORT_H

#include <stddef.h>

#include "coach.h"

/* A file the report names: skipped, or kept in part. */
struct coach_import_note {
	char *file;   /* as given, or its name inside an export ("activities/1.fit.gz") */
	char *reason; /* "line 5, column 66: mismatched tag" */
	int skipped;  /* 1: nothing stored from it; 0: damaged, what could be read was stored */
};

/* Activities of one sport that is not running, stored by the import. */
struct coach_import_sport {
	char sport[24];
	int count;
};

/*
 * What an import did.
 *   imported    runs stored
 *   duplicates  activities already there, and files imported before
 *               (recognised by their bytes, not read again)
 *   skipped     files and activities.csv rows nothing was stored from
 *   not_runs    activities of other sports stored (kept, not counted as
 *               running), by sport in sports: most frequent first, then
 *               by name
 *   ignored     files met in folders and zips that are not activity files
 *               (photos, other csv files), left aside unread
 *   notes       the skipped files and those kept in part, in the order met
 * The report owns its arrays.
 */
struct coach_import_report {
	int imported, duplicates, skipped, not_runs, ignored;
	struct coach_import_sport *sports;
	size_t nsports, alloc_sports;
	struct coach_import_note *notes;
	size_t nnotes, alloc_notes;
};

void coach_import_report_init(struct coach_import_report *r);
/* Frees the arrays; the report is empty again. */
void coach_import_report_release(struct coach_import_report *r);

/* What became of one file (or one activities.csv row). */
enum coach_import_outcome {
	COACH_IMPORT_STORED,  /* read and stored in one transaction (its activities may be
				 duplicates) */
	COACH_IMPORT_PARTIAL, /* damaged: what could be read was stored; read again next time */
	COACH_IMPORT_KNOWN,   /* the same bytes were imported before: one duplicate, not read */
	COACH_IMPORT_SKIPPED, /* nothing stored */
};

struct coach_import_file {
	const char *file; /* as the report names it */
	enum coach_import_outcome outcome;
	const char *reason;		    /* PARTIAL, SKIPPED: the note's reason; else "" */
	int imported, duplicates, not_runs; /* this file's activities, as in the report */
};

/*
 * How an import tells a face what it is doing, as it does it. Either
 * function may be NULL; ctx is passed back untouched. Nothing passed to
 * them outlives the call.
 *   progress  before each file or activities.csv row is read: its name
 *             ("" for a row without a file), how many are done, and how
 *             many are known of so far (0: not known, as in a zip without
 *             activities.csv); done may pass total
 *   file      once each file or row is done with, with its outcome; every
 *             note of the report reaches it, in the report's order (a
 *             damaged file's note even when storing what was kept then
 *             fails)
 */
struct coach_import_hooks {
	void (*progress)(void *ctx, const char *file, size_t done, size_t total);
	void (*file)(void *ctx, const struct coach_import_file *f);
	void *ctx;
};

/*
 * Imports each path: an activity file (.fit, .gpx, .tcx, each maybe
 * gzipped), a zip (a Strava export, or any zip of activity files such as
 * Garmin's: its central directory read first, then activities.csv
 * wherever it lies, then the files; a zip cut short is read as a stream
 * for what is before the cut), or a folder, walked recursively (dot files
 * left out, in name order, each folder once whatever its symbolic links),
 * in which an unpacked Strava export (a folder holding activities.csv) is
 * read through its csv and the files it does not list are read too. Only
 * regular files are read. Each file is stored in its own transaction, so
 * an import stopped half-way keeps whole files only. A file that cannot be
 * read is skipped with its reason and the import goes on. `hooks` may be
 * NULL; they are called on the calling thread. Opens the store (creating
 * it) when the coach has not.
 *
 * Files are read and decoded on worker threads, one a core (the
 * environment's HIPCOACH_IMPORT_THREADS, if set, says how many; 1 decodes
 * on the calling thread), a few ahead of the calling thread, which alone
 * uses the database and stores them in order.
 *
 * *report is initialised here and filled as the import goes, also when it
 * fails; release it in every case. Returns 0, or -1 with error_last() set
 * on a database error (or when the store cannot be opened), which stops the
 * import: the file being stored then is rolled back.
 */
int coach_import(struct coach *c, const char *const *paths, size_t npaths,
		 const struct coach_import_hooks *hooks, struct coach_import_report *report);

/*
 * Imports one file given as bytes (an upload) as coach_import() imports a
 * file of that name: `name`, a base name, tells a .zip from an activity
 * file and names it in the report. A zip is written to a file in a
 * temp_dir_make() folder (the zip reader reads a path), removed before
 * returning. *report as for coach_import(). Returns 0, or -1 with
 * error_last() set (the database, the temporary file).
 */
int coach_import_buffer(struct coach *c, const char *name, const void *data, size_t len,
			const struct coach_import_hooks *hooks, struct coach_import_report *report);

#endif
