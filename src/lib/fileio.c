/* Files written whole or not at all, and private temporary folders. */
#include "fileio.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"

/* ".NAME." + XXXXXX + ".tmp": the temporary files of NAME, hidden beside it. */
#define TEMP_RANDOM  6
#define TEMP_SUFFIX  ".tmp"
#define TEMP_RETRIES 3

void file_dirname(struct strbuf *dir, const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		strbuf_addch(dir, '.');
	else if (slash == path)
		strbuf_addch(dir, '/');
	else
		strbuf_add(dir, path, (size_t)(slash - path));
}

static const char *file_basename(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

void file_write_cause(struct strbuf *sb, int err, const char *dir)
{
	switch (err) {
	case ENOSPC:
#ifdef EDQUOT
	case EDQUOT:
#endif
		strbuf_addstr(sb, "the disk is full");
		break;
	case EROFS:
	case EACCES:
	case EPERM: strbuf_addf(sb, "the folder '%s' is read-only", dir); break;
	default: strbuf_addstr(sb, strerror(err)); break;
	}
}

/* Records "cannot write 'PATH': CAUSE" and returns -1. */
static int write_error(const char *path, int err)
{
	struct strbuf dir = STRBUF_INIT, msg = STRBUF_INIT;

	file_dirname(&dir, path);
	file_write_cause(&msg, err, dir.buf);
	error_set("cannot write '%s': %s", path, msg.buf);
	strbuf_release(&dir);
	strbuf_release(&msg);
	return -1;
}

int temp_file_beside(const char *path, struct strbuf *tmp)
{
	size_t start = tmp->len;
	const char *base = file_basename(path);

	for (int i = 0; i < TEMP_RETRIES; i++) {
		struct stat st;
		int fd;

		strbuf_setlen(tmp, start);
		strbuf_add(tmp, path, (size_t)(base - path));
		strbuf_addf(tmp, ".%s.XXXXXX%s", base, TEMP_SUFFIX);
		/* O_EXCL underneath: a name that exists, a link among them, is never opened. */
		fd = mkostemps(tmp->buf + start, (int)strlen(TEMP_SUFFIX), O_CLOEXEC);
		if (fd < 0)
			return write_error(path, errno);
		/*
		 * The lock says "in use" to temp_files_clean(); it dies with the process. A
		 * cleaner that took the file between its creation and the lock has removed
		 * it: make another.
		 */
		if (flock(fd, LOCK_EX) == 0 && fstat(fd, &st) == 0 && st.st_nlink > 0)
			return fd;
		close(fd);
	}
	strbuf_setlen(tmp, start);
	error_set("cannot write '%s': its temporary file keeps disappearing", path);
	return -1;
}

/* A name temp_file_beside() makes for `base`. */
static int is_temp_name(const char *name, const char *base)
{
	size_t nb = strlen(base), n = strlen(name);

	return n == 1 + nb + 1 + TEMP_RANDOM + strlen(TEMP_SUFFIX) && name[0] == '.' &&
	       !strncmp(name + 1, base, nb) && name[1 + nb] == '.' &&
	       !strcmp(name + n - strlen(TEMP_SUFFIX), TEMP_SUFFIX);
}

void temp_files_clean(const char *path)
{
	struct strbuf dir = STRBUF_INIT, journal = STRBUF_INIT;
	const char *base = file_basename(path);
	struct dirent *ent;
	DIR *d;

	file_dirname(&dir, path);
	d = opendir(dir.buf);
	strbuf_release(&dir);
	if (!d)
		return;
	while ((ent = readdir(d))) {
		struct stat st, now;
		int fd;

		if (!is_temp_name(ent->d_name, base))
			continue;
		fd = openat(dirfd(d), ent->d_name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
		if (fd < 0)
			continue;
		/* Locked: a live writer's. Unlocked: its process has ended. */
		if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
		    flock(fd, LOCK_EX | LOCK_NB) == 0 &&
		    fstatat(dirfd(d), ent->d_name, &now, AT_SYMLINK_NOFOLLOW) == 0 &&
		    now.st_ino == st.st_ino && now.st_dev == st.st_dev) {
			unlinkat(dirfd(d), ent->d_name, 0);
			/* A database being created beside it may have left its journal. */
			strbuf_reset(&journal);
			strbuf_addf(&journal, "%s-journal", ent->d_name);
			unlinkat(dirfd(d), journal.buf, 0);
		}
		close(fd);
	}
	closedir(d);
	strbuf_release(&journal);
}

void file_sync_dir(const char *path)
{
	struct strbuf dir = STRBUF_INIT;
	int fd;

	file_dirname(&dir, path);
	fd = open(dir.buf, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	strbuf_release(&dir);
}

int write_file_atomic(const char *path, const void *data, size_t len)
{
	return write_file_atomic_mode(path, data, len, FILE_MODE_PRIVATE);
}

int write_file_atomic_mode(const char *path, const void *data, size_t len, mode_t mode)
{
	struct strbuf tmp = STRBUF_INIT;
	int fd, err = 0;
	size_t off = 0;

	temp_files_clean(path);
	fd = temp_file_beside(path, &tmp);
	if (fd < 0) {
		strbuf_release(&tmp);
		return -1;
	}
	if (mode != FILE_MODE_PRIVATE && fchmod(fd, mode))
		err = errno;
	while (!err && off < len) {
		ssize_t n = write(fd, (const char *)data + off, len - off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			err = n < 0 ? errno : ENOSPC;
		else
			off += (size_t)n;
	}
	if (!err && fsync(fd))
		err = errno;
	/* Renamed while still locked, so that no cleaner takes it in between. */
	if (!err && rename(tmp.buf, path))
		err = errno;
	if (err)
		unlink(tmp.buf);
	if (close(fd) && !err)
		err = errno;
	strbuf_release(&tmp);
	if (err)
		return write_error(path, err);
	file_sync_dir(path);
	return 0;
}

int temp_dir_make(struct strbuf *dir)
{
	const char *tmp = getenv("TMPDIR");

	if (!tmp || !*tmp)
		tmp = "/tmp";
	strbuf_addf(dir, "%s/hipcoach-XXXXXX", tmp);
	if (!mkdtemp(dir->buf))
		return error_set("cannot make a temporary folder in '%s': %s", tmp,
				 strerror(errno));
	return 0;
}
