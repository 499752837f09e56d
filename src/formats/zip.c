/* Reading a zip through its central directory (PKWARE APPNOTE 6.3: end of central directory,
 * ZIP64 end record and locator, central file headers, local file headers). */
#include "zip.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../lib/error.h"
#include "../lib/xalloc.h"
#include "source.h"

#define SIG_EOCD    0x06054b50u
#define SIG_EOCD64L 0x07064b50u
#define SIG_EOCD64  0x06064b50u
#define SIG_CENTRAL 0x02014b50u
#define SIG_LOCAL   0x04034b50u
/* The end record is 22 bytes and its comment at most 65535. */
#define EOCD_SEARCH (22 + 65535)
/* A directory larger than this is not an export's (10,000 activities take about 1 MB). */
#define DIR_MAX (64u << 20)

static uint16_t le16(const unsigned char *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t le64(const unsigned char *p)
{
	return (uint64_t)le32(p) | (uint64_t)le32(p + 4) << 32;
}

/* Reads exactly len bytes at off; 0 or -1 (errno, or EIO at the end of the file). */
static int pread_all(int fd, void *buf, size_t len, uint64_t off)
{
	unsigned char *p = buf;

	while (len) {
		ssize_t n = pread(fd, p, len, (off_t)off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (!n)
				errno = EIO;
			return -1;
		}
		p += n;
		len -= (size_t)n;
		off += (uint64_t)n;
	}
	return 0;
}

/* Where the central directory is and how many entries it has. 0 or -1 (error set). */
static int find_directory(int fd, uint64_t fsize, uint64_t *cd_off, uint64_t *cd_size,
			  uint64_t *count)
{
	size_t n = fsize < EOCD_SEARCH ? (size_t)fsize : EOCD_SEARCH;
	unsigned char *tail = xmalloc(n ? n : 1), *e = NULL;
	uint64_t base = fsize - n;
	int ret = -1;

	if (n < 22 || pread_all(fd, tail, n, base)) {
		error_set("not a zip archive");
		goto out;
	}
	for (size_t i = n - 22 + 1; i-- > 0;)
		if (le32(tail + i) == SIG_EOCD) {
			e = tail + i;
			break;
		}
	if (!e) {
		error_set("not a zip archive");
		goto out;
	}
	*count = le16(e + 10);
	*cd_size = le32(e + 12);
	*cd_off = le32(e + 16);
	if (*count == 0xffff || *cd_size == 0xffffffffu || *cd_off == 0xffffffffu) {
		unsigned char loc[20], rec[56];
		uint64_t at = base + (uint64_t)(e - tail);

		if (at < 20 || pread_all(fd, loc, 20, at - 20) || le32(loc) != SIG_EOCD64L ||
		    pread_all(fd, rec, 56, le64(loc + 8)) || le32(rec) != SIG_EOCD64) {
			error_set("the zip's ZIP64 directory record is damaged");
			goto out;
		}
		*count = le64(rec + 32);
		*cd_size = le64(rec + 40);
		*cd_off = le64(rec + 48);
	}
	if (*cd_off > fsize || *cd_size > fsize - *cd_off || *cd_size > DIR_MAX ||
	    *count > *cd_size / 46) {
		error_set("the zip's directory is damaged");
		goto out;
	}
	ret = 0;
out:
	free(tail);
	return ret;
}

/* The ZIP64 extra field's values for the fields the central header marks 0xffffffff. */
static int zip64_extra(const unsigned char *x, size_t xlen, struct zip_entry *e, int need_u,
		       int need_c, int need_o)
{
	while (xlen >= 4) {
		uint16_t id = le16(x), len = le16(x + 2);
		const unsigned char *v = x + 4;
		size_t left = len;

		if ((size_t)len + 4 > xlen)
			return -1;
		if (id == 0x0001) {
			if (need_u) {
				if (left < 8)
					return -1;
				e->usize = le64(v), v += 8, left -= 8;
			}
			if (need_c) {
				if (left < 8)
					return -1;
				e->csize = le64(v), v += 8, left -= 8;
			}
			if (need_o) {
				if (left < 8)
					return -1;
				e->offset = le64(v);
			}
			return 0;
		}
		x += 4 + len;
		xlen -= 4 + (size_t)len;
	}
	return need_u || need_c || need_o ? -1 : 0;
}

int zip_open(struct zip *z, const char *path)
{
	struct stat st;
	uint64_t cd_off, cd_size, count;
	unsigned char *cd = NULL, *p, *end;
	size_t names_len = 0;

	memset(z, 0, sizeof(*z));
	z->fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (z->fd < 0)
		return error_set("cannot open '%s': %s", path, strerror(errno));
	if (fstat(z->fd, &st) || !S_ISREG(st.st_mode)) {
		error_set("cannot open '%s': not a regular file", path);
		goto fail;
	}
	z->size = (uint64_t)st.st_size;
	if (find_directory(z->fd, z->size, &cd_off, &cd_size, &count)) {
		char why[200];

		snprintf(why, sizeof(why), "%s", error_last());
		error_set("cannot open '%s': %s", path, why);
		goto fail;
	}
	cd = xmalloc(cd_size ? (size_t)cd_size : 1);
	if (pread_all(z->fd, cd, (size_t)cd_size, cd_off)) {
		error_set("cannot open '%s': %s", path, strerror(errno));
		goto fail;
	}
	z->entries = xcalloc(count ? (size_t)count : 1, sizeof(*z->entries));
	z->names = xmalloc((size_t)cd_size + 1);
	for (p = cd, end = cd + cd_size; p < end && z->nr < count;) {
		struct zip_entry *e = &z->entries[z->nr];
		size_t nlen, xlen, clen;
		uint32_t c32, u32, o32;

		if ((size_t)(end - p) < 46 || le32(p) != SIG_CENTRAL)
			break;
		nlen = le16(p + 28);
		xlen = le16(p + 30);
		clen = le16(p + 32);
		if ((size_t)(end - p) < 46 + nlen + xlen + clen)
			break;
		e->flags = le16(p + 8);
		e->method = le16(p + 10);
		e->crc = le32(p + 16);
		c32 = le32(p + 20);
		u32 = le32(p + 24);
		o32 = le32(p + 42);
		e->csize = c32;
		e->usize = u32;
		e->offset = o32;
		if (zip64_extra(p + 46 + nlen, xlen, e, u32 == 0xffffffffu, c32 == 0xffffffffu,
				o32 == 0xffffffffu)) {
			error_set("cannot open '%s': the zip's directory is damaged", path);
			goto fail;
		}
		/* Folders end with '/'; a name with a NUL in it is no file's. */
		if (nlen && p[46 + nlen - 1] != '/' && !memchr(p + 46, '\0', nlen)) {
			memcpy(z->names + names_len, p + 46, nlen);
			z->names[names_len + nlen] = '\0';
			e->name = (const char *)(uintptr_t)names_len; /* fixed up below */
			names_len += nlen + 1;
			z->nr++;
		}
		p += 46 + nlen + xlen + clen;
	}
	for (size_t i = 0; i < z->nr; i++)
		z->entries[i].name = z->names + (uintptr_t)z->entries[i].name;
	free(cd);
	return 0;
fail:
	free(cd);
	zip_close(z);
	return -1;
}

int zip_read(const struct zip *z, size_t i, struct strbuf *out, size_t cap)
{
	const struct zip_entry *e = &z->entries[i];
	unsigned char lh[30], *comp = NULL;
	uint64_t data_off, lim;
	int ret = -1;

	if (!cap)
		cap = SOURCE_MAX_BYTES;
	lim = e->csize > UINT64_MAX / SOURCE_GZIP_RATIO ? UINT64_MAX : e->csize * SOURCE_GZIP_RATIO;
	if (lim < SOURCE_GZIP_FLOOR)
		lim = SOURCE_GZIP_FLOOR;
	if (e->usize > cap)
		return error_set("file too large (%llu MB; the limit is %zu MB)",
				 (unsigned long long)((e->usize + (1u << 20) - 1) >> 20),
				 cap >> 20);
	if (e->usize > lim)
		return error_set("it uncompresses to more than %u times its size: refused",
				 SOURCE_GZIP_RATIO);
	if (e->flags & 1)
		return error_set("the file is encrypted in the zip");
	if (e->method != 0 && e->method != 8)
		return error_set("compressed by a method hipcoach does not read (%u)", e->method);
	if (e->method == 0 && e->csize != e->usize)
		return error_set("the zip's directory is damaged");
	/* The sizes the directory gives must fit in the file before anything is allocated. */
	if (e->offset > z->size || e->csize > z->size - e->offset)
		return error_set("the zip's directory is damaged");
	if (pread_all(z->fd, lh, sizeof(lh), e->offset) || le32(lh) != SIG_LOCAL)
		return error_set("cannot read from the archive: the file's header is damaged");
	data_off = e->offset + 30 + le16(lh + 26) + le16(lh + 28);
	if (data_off > z->size || e->csize > z->size - data_off)
		return error_set("cannot read from the archive: the file is cut short");
	strbuf_grow(out, (size_t)e->usize + 1);
	if (e->method == 0) {
		if (pread_all(z->fd, out->buf + out->len, (size_t)e->usize, data_off)) {
			error_set("cannot read from the archive: %s", strerror(errno));
			goto out;
		}
	} else {
		comp = xmalloc(e->csize ? (size_t)e->csize : 1);
		if (pread_all(z->fd, comp, (size_t)e->csize, data_off)) {
			error_set("cannot read from the archive: %s", strerror(errno));
			goto out;
		}
		if (source_inflate_raw(comp, (size_t)e->csize, (unsigned char *)out->buf + out->len,
				       (size_t)e->usize))
			goto out;
	}
	if (source_crc32(0, out->buf + out->len, (size_t)e->usize) != e->crc) {
		error_set("the file is damaged in the zip (bad CRC)");
		goto out;
	}
	strbuf_setlen(out, out->len + (size_t)e->usize);
	ret = 0;
out:
	free(comp);
	return ret;
}

void zip_close(struct zip *z)
{
	if (z->fd >= 0)
		close(z->fd);
	free(z->entries);
	free(z->names);
	memset(z, 0, sizeof(*z));
	z->fd = -1;
}
