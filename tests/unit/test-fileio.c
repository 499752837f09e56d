/* Tests of files written whole: private modes, no link followed, temporary files of killed runs
 * removed and those of live ones kept, and causes named. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/error.h"
#include "lib/fileio.h"
#include "lib/strbuf.h"

static struct strbuf dir = STRBUF_INIT;

static int setup(void **state)
{
	(void)state;
	strbuf_reset(&dir);
	return temp_dir_make(&dir);
}

static int teardown(void **state)
{
	struct strbuf cmd = STRBUF_INIT;
	int rc;

	(void)state;
	strbuf_addf(&cmd, "rm -rf '%s'", dir.buf);
	rc = system(cmd.buf);
	strbuf_release(&cmd);
	return rc;
}

/* DIR/NAME in a static buffer (one at a time). */
static const char *in_dir(const char *name)
{
	static struct strbuf sb = STRBUF_INIT;

	strbuf_reset(&sb);
	strbuf_addf(&sb, "%s/%s", dir.buf, name);
	return sb.buf;
}

static int mode_of(const char *path)
{
	struct stat st;

	return lstat(path, &st) ? -1 : (int)(st.st_mode & 07777);
}

static void read_back(const char *path, const char *want)
{
	struct strbuf sb = STRBUF_INIT;

	assert_int_equal(strbuf_read_file(&sb, path, 0), 0);
	assert_string_equal(sb.buf, want);
	strbuf_release(&sb);
}

static void test_private_and_shared(void **state)
{
	char path[4096];

	(void)state;
	snprintf(path, sizeof(path), "%s", in_dir("backup.json"));
	assert_int_equal(write_file_atomic(path, "one", 3), 0);
	assert_int_equal(mode_of(path), 0600);
	read_back(path, "one");
	/* Rewritten over an existing file that others could read: private again. */
	assert_int_equal(chmod(path, 0644), 0);
	assert_int_equal(write_file_atomic(path, "two", 3), 0);
	assert_int_equal(mode_of(path), 0600);
	assert_int_equal(write_file_atomic_mode(path, "three", 5, 0644), 0);
	assert_int_equal(mode_of(path), 0644);
	read_back(path, "three");
}

static void test_no_link_followed(void **state)
{
	char path[4096], victim[4096], old_tmp[4096];

	(void)state;
	snprintf(path, sizeof(path), "%s", in_dir("out.json"));
	snprintf(victim, sizeof(victim), "%s", in_dir("victim"));
	snprintf(old_tmp, sizeof(old_tmp), "%s", in_dir("out.json.tmp"));
	assert_int_equal(write_file_atomic(victim, "keep", 4), 0);
	assert_int_equal(symlink(victim, old_tmp), 0);
	assert_int_equal(symlink(victim, path), 0);
	assert_int_equal(write_file_atomic(path, "new", 3), 0);
	read_back(victim, "keep");
	/* The link at the path itself is replaced by the file. */
	assert_int_equal(mode_of(path), 0600);
	read_back(path, "new");
	/* The planted link is not ours to remove. */
	assert_int_equal(mode_of(old_tmp) >= 0, 1);
}

static void test_stale_removed_live_kept(void **state)
{
	char path[4096], stale[4096], live[4096], other[4096];
	int fd;

	(void)state;
	snprintf(path, sizeof(path), "%s", in_dir("log.csv"));
	snprintf(stale, sizeof(stale), "%s", in_dir(".log.csv.Ab12Cd.tmp"));
	snprintf(live, sizeof(live), "%s", in_dir(".log.csv.Zz99Yy.tmp"));
	snprintf(other, sizeof(other), "%s", in_dir(".other.csv.Ab12Cd.tmp"));
	assert_int_equal(write_file_atomic(stale, "half", 4), 0);
	assert_int_equal(write_file_atomic(other, "x", 1), 0);
	/* A writer still at work holds its temporary file locked, through its own open file. */
	fd = open(live, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	assert_true(fd >= 0);
	assert_int_equal(flock(fd, LOCK_EX), 0);
	assert_int_equal(write_file_atomic(path, "a,b\r\n", 5), 0);
	assert_int_equal(access(stale, F_OK), -1);
	assert_int_equal(access(live, F_OK), 0);
	assert_int_equal(access(other, F_OK), 0);
	close(fd);
	temp_files_clean(path);
	assert_int_equal(access(live, F_OK), -1);
}

static void test_temp_beside(void **state)
{
	struct strbuf tmp = STRBUF_INIT;
	char path[4096];
	int fd;

	(void)state;
	snprintf(path, sizeof(path), "%s", in_dir("hipcoach.db"));
	fd = temp_file_beside(path, &tmp);
	assert_true(fd >= 0);
	assert_int_equal(strncmp(tmp.buf, in_dir(".hipcoach.db."), strlen(in_dir(".hipcoach.db."))),
			 0);
	assert_int_equal(mode_of(tmp.buf), 0600);
	/* Locked while open: a cleaner leaves it. */
	temp_files_clean(path);
	assert_int_equal(access(tmp.buf, F_OK), 0);
	close(fd);
	temp_files_clean(path);
	assert_int_equal(access(tmp.buf, F_OK), -1);
	strbuf_release(&tmp);
}

static void test_causes(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	file_write_cause(&sb, ENOSPC, "/media/card");
	assert_string_equal(sb.buf, "the disk is full");
	strbuf_reset(&sb);
	file_write_cause(&sb, EROFS, "/media/card");
	assert_string_equal(sb.buf, "the folder '/media/card' is read-only");
	strbuf_reset(&sb);
	file_dirname(&sb, "backup.json");
	assert_string_equal(sb.buf, ".");
	strbuf_reset(&sb);
	file_dirname(&sb, "/backup.json");
	assert_string_equal(sb.buf, "/");
	strbuf_reset(&sb);
	file_dirname(&sb, "a/b/backup.json");
	assert_string_equal(sb.buf, "a/b");
	strbuf_release(&sb);
	/* A folder that is not there: the system's words, and the path. */
	assert_int_equal(write_file_atomic(in_dir("nowhere/x.json"), "x", 1), -1);
	assert_non_null(strstr(error_last(), "No such file or directory"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_private_and_shared, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_no_link_followed, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_stale_removed_live_kept, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_temp_beside, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_causes, setup, teardown),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);

	strbuf_release(&dir);
	return rc;
}
