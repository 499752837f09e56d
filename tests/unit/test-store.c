/* Tests of opening the store: a new database appears whole and private, an empty file is refused,
 * a damaged one is never written and its message says how to recover, a read-only one still reads.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/error.h"
#include "lib/fileio.h"
#include "lib/strbuf.h"
#include "store/store.h"

static struct strbuf dir = STRBUF_INIT, db = STRBUF_INIT;

static int setup(void **state)
{
	(void)state;
	strbuf_reset(&dir);
	strbuf_reset(&db);
	if (temp_dir_make(&dir))
		return -1;
	strbuf_addf(&db, "%s/sub/hipcoach.db", dir.buf);
	return 0;
}

static int teardown(void **state)
{
	struct strbuf cmd = STRBUF_INIT;
	int rc;

	(void)state;
	strbuf_addf(&cmd, "chmod -R u+w '%s'; rm -rf '%s'", dir.buf, dir.buf);
	rc = system(cmd.buf);
	strbuf_release(&cmd);
	return rc;
}

static int mode_of(const char *path)
{
	struct stat st;

	return stat(path, &st) ? -1 : (int)(st.st_mode & 07777);
}

static void sql(const char *path, const char *text)
{
	sqlite3 *h;

	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, text, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
}

static void test_created_whole_and_private(void **state)
{
	struct store st;
	struct strbuf folder = STRBUF_INIT;

	(void)state;
	assert_int_equal(store_open(&st, db.buf, STORE_CREATE), 0);
	assert_null(st.readonly_why);
	store_close(&st);
	assert_int_equal(mode_of(db.buf), 0600);
	file_dirname(&folder, db.buf);
	assert_int_equal(mode_of(folder.buf), 0700);
	/* Nothing was left beside it. */
	strbuf_addstr(&folder, "/.hipcoach.db.");
	assert_int_equal(access(folder.buf, F_OK), -1);
	strbuf_release(&folder);
	assert_int_equal(store_open(&st, db.buf, STORE_READONLY), 0);
	store_close(&st);
}

static void test_empty_refused(void **state)
{
	struct store st;
	FILE *f;

	(void)state;
	assert_int_equal(store_open(&st, db.buf, STORE_CREATE), 0);
	store_close(&st);
	f = fopen(db.buf, "w");
	assert_non_null(f);
	fclose(f);
	assert_int_equal(store_open(&st, db.buf, STORE_CREATE), -1);
	assert_non_null(strstr(error_last(), "is empty (0 bytes)"));
	assert_non_null(strstr(error_last(), "import-backup"));
	assert_int_equal(mode_of(db.buf) >= 0, 1);
	{
		struct stat s;

		assert_int_equal(stat(db.buf, &s), 0);
		assert_int_equal(s.st_size, 0);
	}
}

/* Overwrites the first byte of the pain table's first page: its page type. */
static void damage_pain(const char *path)
{
	sqlite3 *h;
	sqlite3_stmt *stmt;
	long page, size;
	FILE *f;

	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	assert_int_equal(
	    sqlite3_prepare_v2(h,
			       "SELECT rootpage, (SELECT page_size FROM pragma_page_size)"
			       " FROM sqlite_master WHERE name = 'pain'",
			       -1, &stmt, NULL),
	    SQLITE_OK);
	assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
	page = sqlite3_column_int(stmt, 0);
	size = sqlite3_column_int(stmt, 1);
	sqlite3_finalize(stmt);
	sqlite3_close(h);
	f = fopen(path, "r+b");
	assert_non_null(f);
	assert_int_equal(fseek(f, (page - 1) * size, SEEK_SET), 0);
	assert_int_equal(fputc(0xff, f), 0xff);
	fclose(f);
}

static void test_damaged_never_written(void **state)
{
	struct store st;

	(void)state;
	assert_int_equal(store_open(&st, db.buf, STORE_CREATE), 0);
	store_close(&st);
	sql(db.buf, "INSERT INTO pain (date, at, score, context) VALUES ('2026-12-08',"
		    " '2026-12-08T07:00:00Z', 3, 'now')");
	damage_pain(db.buf);
	assert_int_equal(store_open(&st, db.buf, STORE_CREATE), 0);
	assert_int_equal(store_begin(&st), -1);
	assert_int_equal(st.failure, STORE_FAIL_DAMAGED);
	assert_non_null(strstr(error_last(), "is damaged"));
	assert_non_null(strstr(error_last(), "import-backup"));
	assert_non_null(strstr(error_last(), ".recover"));
	/* Once found, every later write is refused at once. */
	assert_int_equal(store_begin(&st), -1);
	assert_int_equal(st.depth, 0);
	assert_int_equal(store_check(&st), -1);
	store_close(&st);
	assert_int_equal(store_open(&st, db.buf, STORE_READONLY), 0);
	assert_int_equal(store_check(&st), -1);
	assert_non_null(strstr(error_last(), "is damaged"));
	store_close(&st);
}

static void test_sound_checks_ok(void **state)
{
	struct store st;

	(void)state;
	assert_int_equal(store_open(&st, db.buf, STORE_CREATE), 0);
	assert_int_equal(store_check(&st), 0);
	assert_int_equal(store_begin(&st), 0);
	assert_int_equal(store_commit(&st), 0);
	store_close(&st);
}

static void test_readonly_file_reads(void **state)
{
	struct store st;

	(void)state;
	if (geteuid() == 0)
		skip(); /* root writes any file */
	assert_int_equal(store_open(&st, db.buf, STORE_CREATE), 0);
	store_close(&st);
	sql(db.buf, "PRAGMA journal_mode = DELETE");
	assert_int_equal(chmod(db.buf, 0400), 0);
	assert_int_equal(store_open(&st, db.buf, STORE_CREATE), 0);
	assert_non_null(st.readonly_why);
	assert_int_equal(store_begin(&st), -1);
	assert_int_equal(st.failure, STORE_FAIL_READONLY);
	assert_non_null(strstr(error_last(), "is read-only, so hipcoach can show your record"));
	store_close(&st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_created_whole_and_private, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_empty_refused, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_damaged_never_written, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_sound_checks_ok, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_readonly_file_reads, setup, teardown),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);

	strbuf_release(&dir);
	strbuf_release(&db);
	return rc;
}
