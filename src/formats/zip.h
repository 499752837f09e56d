/* Reading a zip through its central directory: every entry's name, sizes and CRC-32 known before
 * any data is read, and any entry read on its own, from any thread. */
#ifndef HIPCOACH_ZIP_H
#define HIPCOACH_ZIP_H

#include <stddef.h>
#include <stdint.h>

#include "../lib/strbuf.h"

/* One file of the archive, as the central directory describes it. */
struct zip_entry {
	const char *name; /* as stored, NUL-terminated */
	uint64_t offset;  /* of its local header */
	uint64_t csize;	  /* compressed */
	uint64_t usize;	  /* uncompressed */
	uint32_t crc;	  /* CRC-32 of the uncompressed bytes */
	uint16_t method;  /* 0 stored, 8 deflated; others are refused when read */
	uint16_t flags;
};

struct zip {
	int fd;
	uint64_t size;		   /* of the file */
	struct zip_entry *entries; /* regular files only, in the directory's order */
	size_t nr;
	char *names; /* the entries' names, one block */
};

/*
 * Opens a zip (ZIP64 too) and reads its central directory; folders are
 * left out of the entries. 0, or -1 with error_last() set ("not a zip
 * archive", "the zip's directory is damaged", ...).
 */
int zip_open(struct zip *z, const char *path);

/*
 * Appends entry i's uncompressed bytes to out, checked against its CRC-32.
 * Refused before reading: more than cap bytes, or more than
 * SOURCE_GZIP_RATIO times its compressed size past SOURCE_GZIP_FLOOR
 * (source.h), encrypted, or compressed by another method than deflate.
 * Reads with pread(): any number of threads may read entries of one open
 * zip at once. 0, or -1 with error_last() set.
 */
int zip_read(const struct zip *z, size_t i, struct strbuf *out, size_t cap);

void zip_close(struct zip *z);

#endif
