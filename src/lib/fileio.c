/* Files written whole or not at all, and private temporary folders. */
#include "fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"

int write_file_atomic(const char *path, const void *data, size_t len)
{
	struct strbuf tmp = STRBUF_INIT;
	int fd, ret = -1;
	size_t off = 0;

	strbuf_addf(&tmp, "%s.tmp", path);
	fd = open(tmp.buf, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0) {
		error_set("cannot write '%s': %s", path, strerror(errno));
		goto out;
	}
	while (off < len) {
		ssize_t n = write(fd, (const char *)data + off, len - off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			error_set("cannot write '%s': %s", path, strerror(n < 0 ? errno : ENOSPC));
			close(fd);
			unlink(tmp.buf);
			goto out;
		}
		off += (size_t)n;
	}
	if (fsync(fd) || close(fd)) {
		error_set("cannot write '%s': %s", path, strerror(errno));
		unlink(tmp.buf);
		goto out;
	}
	if (rename(tmp.buf, path)) {
		error_set("cannot write '%s': %s", path, strerror(errno));
		unlink(tmp.buf);
		goto out;
	}
	ret = 0;
out:
	strbuf_release(&tmp);
	return ret;
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
