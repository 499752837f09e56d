/* Files written whole or not at all, and private temporary folders. */
#ifndef HIPCOACH_FILEIO_H
#define HIPCOACH_FILEIO_H

#include <stddef.h>
#include <sys/types.h>

#include "strbuf.h"

/* What a file hipcoach writes may be read by: its owner alone, unless the caller relaxes it. */
#define FILE_MODE_PRIVATE 0600

/*
 * Writes `len` bytes to `path` whole or not at all, private to its owner
 * (FILE_MODE_PRIVATE): see write_file_atomic_mode(). 0, or -1 with
 * error_last() set.
 */
int write_file_atomic(const char *path, const void *data, size_t len);
/*
 * The same with the file's permissions given (e.g. 0644 for a handout that
 * others may read; the umask is not applied). The bytes go to a new
 * temporary file beside `path` (temp_file_beside()), are synced and renamed
 * over `path`: never half a file, no symbolic link is followed (a link at
 * `path` is replaced, not written through), and a temporary file left by a
 * killed run is removed first (temp_files_clean()). 0, or -1 with
 * error_last() naming the cause (the folder is read-only, the disk is full).
 */
int write_file_atomic_mode(const char *path, const void *data, size_t len, mode_t mode);

/*
 * Creates a new empty file beside `path` (".NAME.XXXXXX.tmp" in its folder,
 * mode 0600, never through a link), locked while the returned descriptor is
 * open so that temp_files_clean() leaves it alone. Its name is appended to
 * `tmp`. A descriptor, or -1 with error_last() set.
 */
int temp_file_beside(const char *path, struct strbuf *tmp);
/*
 * Removes the temporary files of `path` (made by temp_file_beside()) whose
 * process has ended, e.g. killed half-way through a write. Errors are
 * ignored: a file that cannot be removed stays.
 */
void temp_files_clean(const char *path);

/*
 * The cause of a failed write in the folder `dir` for errno `err`, in a
 * runner's words: "the disk is full", "the folder '…' is read-only", else
 * strerror(err). Appended to `sb`.
 */
void file_write_cause(struct strbuf *sb, int err, const char *dir);

/* Makes a new name in `path`'s folder durable (fsync of the folder); errors are ignored. */
void file_sync_dir(const char *path);

/* The folder holding `path` ("." for a bare name), appended to `dir`. */
void file_dirname(struct strbuf *dir, const char *path);

/*
 * Makes a private folder (mode 0700) in $TMPDIR, else /tmp, for a file that
 * code reading or writing by path needs; its path is appended to `dir`. The
 * caller removes the file and the folder. 0, or -1 with error_last() set.
 */
int temp_dir_make(struct strbuf *dir);

#endif
