/* Tests of the import engine through the coach: files, a folder and an upload from tests/data into
 * a fresh database, with the report's counts, the per-file calls and the reasons for skipping. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "coach/import.h"
#include "lib/error.h"
#include "lib/strbuf.h"

#define DB "build/testdata/test-coach-import.db"

/* What the hooks were told. */
struct seen {
	int progress;
	size_t done, total; /* of the last progress call */
	int outcomes[COACH_IMPORT_SKIPPED + 1];
	int imported, duplicates, not_runs; /* summed over the file calls */
	char last_file[256], last_reason[256];
};

static void on_progress(void *ctx, const char *file, size_t done, size_t total)
{
	struct seen *s = ctx;

	assert_non_null(file);
	s->progress++;
	s->done = done;
	s->total = total;
}

static void on_file(void *ctx, const struct coach_import_file *f)
{
	struct seen *s = ctx;

	s->outcomes[f->outcome]++;
	s->imported += f->imported;
	s->duplicates += f->duplicates;
	s->not_runs += f->not_runs;
	snprintf(s->last_file, sizeof(s->last_file), "%s", f->file);
	snprintf(s->last_reason, sizeof(s->last_reason), "%s", f->reason);
}

struct fixture {
	struct coach coach;
	struct seen seen;
	struct coach_import_hooks hooks;
	struct coach_import_report rep;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	if (system("mkdir -p build/testdata"))
		return -1;
	unlink(DB);
	unlink(DB "-wal");
	unlink(DB "-shm");
	f->coach.db_path = DB;
	f->hooks.progress = on_progress;
	f->hooks.file = on_file;
	f->hooks.ctx = &f->seen;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	coach_import_report_release(&f->rep);
	coach_release(&f->coach);
	free(f);
	return 0;
}

static int import(struct fixture *f, const char *const *paths, size_t n)
{
	coach_import_report_release(&f->rep);
	memset(&f->seen, 0, sizeof(f->seen));
	return coach_import(&f->coach, paths, n, &f->hooks, &f->rep);
}

static void test_files(void **state)
{
	struct fixture *f = *state;
	const char *const paths[] = {"tests/data/run-stop.gpx", "tests/data/treadmill.tcx",
				     "tests/data/damaged.gpx", "tests/data/nope.fit"};

	assert_int_equal(import(f, paths, 4), 0);
	/* treadmill.tcx holds a treadmill run and a ride. */
	assert_int_equal(f->rep.imported, 2);
	assert_int_equal(f->rep.duplicates, 0);
	assert_int_equal(f->rep.skipped, 2);
	assert_int_equal(f->rep.not_runs, 1);
	assert_int_equal(f->rep.nsports, 1);
	assert_string_equal(f->rep.sports[0].sport, "cycling");
	assert_int_equal(f->rep.sports[0].count, 1);
	assert_int_equal(f->rep.nnotes, 2);
	assert_string_equal(f->rep.notes[0].file, "tests/data/damaged.gpx");
	assert_string_equal(f->rep.notes[0].reason, "line 5, column 66: mismatched tag");
	assert_int_equal(f->rep.notes[0].skipped, 1);
	assert_string_equal(f->rep.notes[1].file, "tests/data/nope.fit");
	assert_string_equal(f->rep.notes[1].reason, "No such file or directory");
	/* One call per file, as it was met. */
	assert_int_equal(f->seen.progress, 3); /* the missing file is not read */
	assert_int_equal(f->seen.done, 2);
	assert_int_equal(f->seen.total, 3);
	assert_int_equal(f->seen.outcomes[COACH_IMPORT_STORED], 2);
	assert_int_equal(f->seen.outcomes[COACH_IMPORT_SKIPPED], 2);
	assert_int_equal(f->seen.imported, 2);
	assert_int_equal(f->seen.not_runs, 1);
	assert_string_equal(f->seen.last_file, "tests/data/nope.fit");
	assert_string_equal(f->seen.last_reason, "No such file or directory");

	/* Again: the files stored are known by their bytes, the damaged one is skipped again. */
	assert_int_equal(import(f, paths, 3), 0);
	assert_int_equal(f->rep.imported, 0);
	assert_int_equal(f->rep.duplicates, 2);
	assert_int_equal(f->rep.skipped, 1);
	assert_int_equal(f->rep.not_runs, 0);
	assert_int_equal(f->rep.nsports, 0);
	assert_int_equal(f->seen.outcomes[COACH_IMPORT_KNOWN], 2);
	assert_int_equal(f->seen.outcomes[COACH_IMPORT_STORED], 0);
	assert_int_equal(f->seen.duplicates, 2);
}

static void test_folder(void **state)
{
	struct fixture *f = *state;
	const char *const paths[] = {"tests/data/"};

	assert_int_equal(import(f, paths, 1), 0);
	/* Seven activity files in name order; the script beside them is left out. */
	assert_int_equal(f->seen.progress, 7);
	assert_int_equal(f->seen.total, 7);
	assert_int_equal(f->rep.imported, 4);
	assert_int_equal(f->rep.duplicates, 0);
	assert_int_equal(f->rep.skipped, 2);
	assert_int_equal(f->rep.not_runs, 3);
	assert_int_equal(f->rep.nsports, 2);
	assert_string_equal(f->rep.sports[0].sport, "cycling"); /* most frequent first */
	assert_int_equal(f->rep.sports[0].count, 2);
	assert_string_equal(f->rep.sports[1].sport, "other");
	assert_int_equal(f->rep.nnotes, 2);
	assert_string_equal(f->rep.notes[0].file, "tests/data/damaged.gpx");
	assert_string_equal(f->rep.notes[1].file, "tests/data/damaged.tcx");
	assert_string_equal(f->rep.notes[1].reason, "line 20, column 159: unclosed token");

	assert_int_equal(import(f, paths, 1), 0);
	assert_int_equal(f->rep.imported, 0);
	assert_int_equal(f->rep.duplicates, 5);
	assert_int_equal(f->rep.skipped, 2);
	assert_int_equal(f->seen.outcomes[COACH_IMPORT_KNOWN], 5);
}

static void test_buffer(void **state)
{
	struct fixture *f = *state;
	struct strbuf gpx = STRBUF_INIT;

	assert_int_equal(strbuf_read_file(&gpx, "tests/data/run-stop.gpx", 1 << 20), 0);
	coach_import_report_release(&f->rep);
	assert_int_equal(
	    coach_import_buffer(&f->coach, "run-stop.gpx", gpx.buf, gpx.len, NULL, &f->rep), 0);
	assert_int_equal(f->rep.imported, 1);
	assert_int_equal(f->rep.skipped, 0);
	/* Other bytes holding the same run: decoded, and the run recognised as already there. */
	strbuf_addstr(&gpx, "\n");
	coach_import_report_release(&f->rep);
	memset(&f->seen, 0, sizeof(f->seen));
	assert_int_equal(
	    coach_import_buffer(&f->coach, "copy.gpx", gpx.buf, gpx.len, &f->hooks, &f->rep), 0);
	assert_int_equal(f->rep.imported, 0);
	assert_int_equal(f->rep.duplicates, 1);
	assert_int_equal(f->seen.outcomes[COACH_IMPORT_STORED], 1);
	assert_int_equal(f->seen.duplicates, 1);
	/* Not a zip: skipped under the name it was sent as, not the temporary file's. */
	coach_import_report_release(&f->rep);
	assert_int_equal(
	    coach_import_buffer(&f->coach, "export.zip", "not a zip", 9, NULL, &f->rep), 0);
	assert_int_equal(f->rep.skipped, 1);
	assert_int_equal(f->rep.nnotes, 1);
	assert_string_equal(f->rep.notes[0].file, "export.zip");
	assert_null(strstr(f->rep.notes[0].reason, "upload.zip"));
	strbuf_release(&gpx);
}

/* What a zip import reported, to compare two imports. */
struct zip_counts {
	int imported, duplicates, skipped, not_runs, ignored, known;
};

static struct zip_counts zip_import(struct fixture *f, const char *path)
{
	const char *const paths[] = {path};
	struct zip_counts n;

	assert_int_equal(import(f, paths, 1), 0);
	n.imported = f->rep.imported;
	n.duplicates = f->rep.duplicates;
	n.skipped = f->rep.skipped;
	n.not_runs = f->rep.not_runs;
	n.ignored = f->rep.ignored;
	n.known = f->seen.outcomes[COACH_IMPORT_KNOWN];
	return n;
}

static void reset_db(void)
{
	unlink(DB);
	unlink(DB "-wal");
	unlink(DB "-shm");
}

static void test_zip(void **state)
{
	struct fixture *f = *state;
	struct zip_counts one, many, again, z64;

	/* activities.csv at the end of the zip, and the same export rewritten as ZIP64 with a photo
	 * beside the activities, by Python's zipfile as the independent writer. */
	assert_int_equal(
	    system("python3 tools/gen-export.py --count 30 --seed 4 --damaged 2 "
		   "--csv-last --out build/testdata/zip-last > /dev/null && "
		   "python3 -c 'import sys, zipfile\n"
		   "src = zipfile.ZipFile(sys.argv[1])\n"
		   "with zipfile.ZipFile(sys.argv[2], \"w\", zipfile.ZIP_DEFLATED) as out:\n"
		   "    for i in src.infolist():\n"
		   "        with out.open(i.filename, \"w\", force_zip64=True) as w:\n"
		   "            w.write(src.read(i))\n"
		   "    out.writestr(\"media/photo.jpg\", b\"jpeg\")\n' "
		   "build/testdata/zip-last/export.zip build/testdata/zip64.zip"),
	    0);
	/* One decoding thread and every core store the same, in the same order. */
	setenv("HIPCOACH_IMPORT_THREADS", "1", 1);
	one = zip_import(f, "build/testdata/zip-last/export.zip");
	unsetenv("HIPCOACH_IMPORT_THREADS");
	assert_true(one.imported > 10);
	assert_int_equal(one.skipped, 2);
	assert_int_equal(one.ignored, 0);
	reset_db();
	coach_release(&f->coach);
	memset(&f->coach, 0, sizeof(f->coach));
	f->coach.db_path = DB;
	setenv("HIPCOACH_IMPORT_THREADS", "3", 1);
	many = zip_import(f, "build/testdata/zip-last/export.zip");
	assert_memory_equal(&one, &many, sizeof(one));
	/* Again: every file known by the zip's size and CRC-32, none read. */
	again = zip_import(f, "build/testdata/zip-last/export.zip");
	assert_int_equal(again.imported, 0);
	assert_int_equal(again.skipped, 2);
	assert_int_equal(again.duplicates, one.imported + one.not_runs);
	assert_true(again.known > 10); /* the rest are manual entries, found as duplicates */
	/* The ZIP64 copy holds the same bytes: known too; the photo is counted, left aside. */
	z64 = zip_import(f, "build/testdata/zip64.zip");
	unsetenv("HIPCOACH_IMPORT_THREADS");
	assert_int_equal(z64.imported, 0);
	assert_int_equal(z64.known, again.known);
	assert_int_equal(z64.duplicates, again.duplicates);
	assert_int_equal(z64.skipped, 2);
	assert_int_equal(z64.ignored, 1);
}

static void test_no_store(void **state)
{
	struct fixture *f = *state;
	const char *const paths[] = {"tests/data/run-stop.gpx"};

	f->coach.db_path = "build/testdata/not-a-folder.db/x/hipcoach.db";
	assert_int_equal(system("touch build/testdata/not-a-folder.db"), 0);
	assert_int_equal(import(f, paths, 1), -1);
	assert_true(error_last()[0] != '\0');
	assert_int_equal(f->rep.imported, 0);
	assert_int_equal(f->rep.nnotes, 0);
	assert_int_equal(f->seen.progress, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_files, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_folder, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_buffer, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_zip, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_no_store, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
