/* Files written whole or not at all, and private temporary folders. */
#ifndef HIPCOACH_FILEIO_H
#define HIPCOACH_FILEIO_H

#include <stddef.h>

#include "strbuf.h"

/*
 * Writes `len` bytes to `path` through PATH.tmp, fsync and rename: never
 * half a file. 0, or -1 with error_last() set.
 */
int write_file_atomic(const char *path, const void *data, size_t len);
/*
 * Makes a private folder (mode 0700) in $TMPDIR, else /tmp, for a file that
 * code reading or writing by path needs; its path is appended to `dir`. The
 * caller removes the file and the folder. 0, or -1 with error_last() set.
 */
int temp_dir_make(struct strbuf *dir);

#endif
