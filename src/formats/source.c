/* Reading activity files as an importer needs them: gunzip, recognise the format, decode. */
#include "source.h"

#include <errno.h>
#include <fcntl.h>
#include <libdeflate.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "../lib/dlib.h"
#include "../lib/error.h"
#include "fit.h"
#include "gpx.h"
#include "tcx.h"

const char *source_format_name(enum source_format f)
{
	switch (f) {
	case SOURCE_FIT: return "fit";
	case SOURCE_GPX: return "gpx";
	case SOURCE_TCX: return "tcx";
	case SOURCE_UNKNOWN: break;
	}
	return "unknown";
}

int source_is_gzip(const unsigned char *data, size_t len)
{
	return len >= 2 && data[0] == 0x1f && data[1] == 0x8b;
}

/*
 * libdeflate inflates a whole buffer two to three times faster than zlib.
 * It is loaded on first use (dlib.h); without it, zlib does the work.
 */
static struct {
	DLIB_FN(libdeflate_alloc_decompressor);
	DLIB_FN(libdeflate_free_decompressor);
	DLIB_FN(libdeflate_gzip_decompress_ex);
	DLIB_FN(libdeflate_deflate_decompress);
	DLIB_FN(libdeflate_crc32);
} ld;

static struct dlib ld_lib = {.soname = "libdeflate.so.0", .package = "libdeflate0"};

static const struct dlib_sym ld_syms[] = {
    DLIB_SYM(ld, libdeflate_alloc_decompressor),
    DLIB_SYM(ld, libdeflate_free_decompressor),
    DLIB_SYM(ld, libdeflate_gzip_decompress_ex),
    DLIB_SYM(ld, libdeflate_deflate_decompress),
    DLIB_SYM(ld, libdeflate_crc32),
    {0},
};

static int ld_state; /* 0 not tried, 1 loaded, -1 absent */

void source_init(void)
{
	if (!ld_state)
		ld_state = dlib_open(&ld_lib, ld_syms) ? -1 : 1;
}

uint32_t source_crc32(uint32_t crc, const void *data, size_t len)
{
	const unsigned char *p = data;

	source_init();
	if (ld_state > 0)
		return ld.libdeflate_crc32(crc, data, len);
	while (len) {
		uInt n = len > (1u << 30) ? 1u << 30 : (uInt)len;

		crc = (uint32_t)crc32(crc, p, n);
		p += n;
		len -= n;
	}
	return crc;
}

int source_inflate_raw(const unsigned char *in, size_t inlen, unsigned char *out, size_t outlen)
{
	z_stream z;
	int zr;

	source_init();
	if (ld_state > 0) {
		struct libdeflate_decompressor *d = ld.libdeflate_alloc_decompressor();
		enum libdeflate_result r;

		if (d) {
			r = ld.libdeflate_deflate_decompress(d, in, inlen, out, outlen, NULL);
			ld.libdeflate_free_decompressor(d);
			return r == LIBDEFLATE_SUCCESS ? 0
						       : error_set("compressed data is corrupt");
		}
	}
	if (inlen > (1u << 30) || outlen > (1u << 30))
		return error_set("compressed data is too large");
	memset(&z, 0, sizeof(z));
	if (inflateInit2(&z, -15) != Z_OK)
		return error_set("cannot start decompression");
	z.next_in = (unsigned char *)in;
	z.avail_in = (uInt)inlen;
	z.next_out = out;
	z.avail_out = (uInt)outlen;
	zr = inflate(&z, Z_FINISH);
	inflateEnd(&z);
	if (zr != Z_STREAM_END || z.avail_out)
		return error_set("compressed data is corrupt");
	return 0;
}

/* The most gzip data of len bytes may uncompress to. */
static size_t gunzip_limit(size_t len, size_t cap)
{
	size_t lim = len > SIZE_MAX / SOURCE_GZIP_RATIO ? SIZE_MAX : len * SOURCE_GZIP_RATIO;

	if (lim < SOURCE_GZIP_FLOOR)
		lim = SOURCE_GZIP_FLOOR;
	return lim < cap ? lim : cap;
}

static int too_big(size_t lim, size_t cap)
{
	if (lim < cap)
		return error_set("it uncompresses to more than %u times its size: refused",
				 SOURCE_GZIP_RATIO);
	if (cap >= 1u << 20)
		return error_set("uncompressed it is larger than %zu MB", cap >> 20);
	return error_set("uncompressed it is larger than %zu bytes", cap);
}

/*
 * libdeflate's try: one gzip member whose trailer says its size, within
 * lim. 0 done, 1 for zlib to do it (several members, a size the trailer
 * hid, damage: zlib names it).
 */
static int gunzip_fast(const unsigned char *data, size_t len, struct strbuf *out, size_t lim)
{
	struct libdeflate_decompressor *d;
	size_t isize, in_used = 0, out_used = 0;
	enum libdeflate_result r;

	source_init();
	if (ld_state < 0 || len < 18)
		return 1;
	isize = (size_t)data[len - 4] | (size_t)data[len - 3] << 8 | (size_t)data[len - 2] << 16 |
		(size_t)data[len - 1] << 24;
	/* A damaged file's trailer is no size: zlib then reads it, within the limit, and says
	 * what is wrong. */
	if (isize > lim)
		return 1;
	d = ld.libdeflate_alloc_decompressor();
	if (!d)
		return 1;
	strbuf_grow(out, isize + 1);
	r = ld.libdeflate_gzip_decompress_ex(d, data, len, out->buf + out->len, isize, &in_used,
					     &out_used);
	ld.libdeflate_free_decompressor(d);
	if (r != LIBDEFLATE_SUCCESS || in_used != len)
		return 1;
	strbuf_setlen(out, out->len + out_used);
	return 0;
}

int source_gunzip(const unsigned char *data, size_t len, struct strbuf *out, size_t cap)
{
	z_stream z;
	size_t start = out->len, lim;
	int zr, ret = -1;

	if (!cap)
		cap = SOURCE_MAX_BYTES;
	lim = gunzip_limit(len, cap);
	ret = gunzip_fast(data, len, out, lim);
	if (ret <= 0)
		return ret;
	ret = -1;
	memset(&z, 0, sizeof(z));
	if (inflateInit2(&z, 15 + 16) != Z_OK)
		return error_set("cannot start gzip decompression");
	z.next_in = (unsigned char *)data;
	for (;;) {
		size_t left = len - (size_t)(z.next_in - data);

		/* zlib counts in uInt: feed large inputs in slices. */
		if (!z.avail_in)
			z.avail_in = left > (1u << 30) ? (1u << 30) : (uInt)left;
		strbuf_grow(out, 64 * 1024);
		z.next_out = (unsigned char *)out->buf + out->len;
		z.avail_out = (uInt)(out->alloc - out->len - 1);
		if (z.avail_out > (1u << 30))
			z.avail_out = 1u << 30;
		/* Never more than the limit and one byte: what passes it is not kept. */
		if (z.avail_out > lim + 1 - (out->len - start))
			z.avail_out = (uInt)(lim + 1 - (out->len - start));
		{
			uInt room = z.avail_out;

			zr = inflate(&z, Z_NO_FLUSH);
			strbuf_setlen(out, out->len + (room - z.avail_out));
		}
		if (out->len - start > lim) {
			too_big(lim, cap);
			goto out;
		}
		if (zr == Z_STREAM_END) {
			/* Another gzip member may follow; trailing zero padding is not one. */
			size_t rest = len - (size_t)(z.next_in - data);

			if (rest >= 2 && source_is_gzip(z.next_in, rest)) {
				if (inflateReset(&z) != Z_OK)
					goto corrupt;
				continue;
			}
			break;
		}
		if (zr == Z_BUF_ERROR && !z.avail_in && (size_t)(z.next_in - data) == len) {
			error_set("compressed data is truncated");
			goto out;
		}
		if (zr != Z_OK && zr != Z_BUF_ERROR)
			goto corrupt;
	}
	ret = 0;
	goto out;
corrupt:
	error_set("compressed data is corrupt%s%s", z.msg ? ": " : "", z.msg ? z.msg : "");
out:
	inflateEnd(&z);
	if (ret)
		strbuf_setlen(out, start);
	return ret;
}

int source_read_raw(const char *path, struct strbuf *out, size_t cap)
{
	/* O_NONBLOCK: opening a FIFO must not wait for a writer. */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	struct stat st;
	int ret = -1, saved;

	if (!cap)
		cap = SOURCE_MAX_BYTES;
	if (fd < 0)
		return error_set("%s", strerror(errno));
	if (fstat(fd, &st)) {
		error_set("%s", strerror(errno));
	} else if (!S_ISREG(st.st_mode)) {
		error_set("not a regular file");
	} else if ((uintmax_t)st.st_size > cap) {
		error_set("file too large (%jd MB; the limit is %zu MB)",
			  (intmax_t)((st.st_size + (1 << 20) - 1) >> 20), cap >> 20);
	} else {
		strbuf_grow(out, (size_t)st.st_size + 1);
		ret = strbuf_read_fd(out, fd, cap);
		saved = errno;
		if (ret)
			error_set("%s", saved == EFBIG ? "file too large" : strerror(saved));
	}
	close(fd);
	return ret;
}

int source_read_file(const char *path, struct strbuf *out, size_t cap)
{
	struct strbuf raw = STRBUF_INIT;
	int ret = -1;

	if (!cap)
		cap = SOURCE_MAX_BYTES;
	if (source_read_raw(path, &raw, cap)) {
		char why[256];

		snprintf(why, sizeof(why), "%s", error_last());
		error_set("cannot read '%s': %s", path, why);
		goto out;
	}
	if (source_is_gzip((const unsigned char *)raw.buf, raw.len)) {
		if (source_gunzip((const unsigned char *)raw.buf, raw.len, out, cap)) {
			char why[256];

			/* error_set() writes the buffer error_last() reads: copy first. */
			snprintf(why, sizeof(why), "%s", error_last());
			error_set("cannot read '%s': %s", path, why);
			goto out;
		}
	} else {
		strbuf_add(out, raw.buf, raw.len);
	}
	ret = 0;
out:
	strbuf_release(&raw);
	return ret;
}

/* The local name of the document's root element, or NULL. */
static const char *root_element(const unsigned char *data, size_t len, size_t *nlen)
{
	const char *p = (const char *)data, *end = p + (len > 65536 ? 65536 : len);

	if (end - p >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3))
		p += 3;
	for (;;) {
		while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
			p++;
		if (p >= end || *p != '<')
			return NULL;
		if (end - p >= 4 && !memcmp(p, "<!--", 4)) {
			const char *q = memmem(p + 4, (size_t)(end - p - 4), "-->", 3);

			if (!q)
				return NULL;
			p = q + 3;
		} else if (end - p >= 2 && (p[1] == '?' || p[1] == '!')) {
			const char *q = memchr(p, '>', (size_t)(end - p));

			if (!q)
				return NULL;
			p = q + 1;
		} else {
			const char *name = ++p, *colon = NULL;

			while (p < end && *p != ' ' && *p != '>' && *p != '/' && *p != '\t' &&
			       *p != '\r' && *p != '\n') {
				if (*p == ':')
					colon = p;
				p++;
			}
			if (colon)
				name = colon + 1;
			*nlen = (size_t)(p - name);
			return name;
		}
	}
}

static int ends_with(const char *s, size_t n, const char *suffix)
{
	size_t m = strlen(suffix);

	return n >= m && !strncasecmp(s + n - m, suffix, m);
}

enum source_format source_detect(const char *name, const unsigned char *data, size_t len)
{
	const char *root;
	size_t n = 0;

	if (len >= 12 && !memcmp(data + 8, ".FIT", 4))
		return SOURCE_FIT;
	root = root_element(data, len, &n);
	if (root && n == 3 && !memcmp(root, "gpx", 3))
		return SOURCE_GPX;
	if (root && n == 22 && !memcmp(root, "TrainingCenterDatabase", 22))
		return SOURCE_TCX;
	if (!name)
		return SOURCE_UNKNOWN;
	n = strlen(name);
	if (ends_with(name, n, ".gz"))
		n -= 3;
	if (ends_with(name, n, ".fit"))
		return SOURCE_FIT;
	if (ends_with(name, n, ".gpx"))
		return SOURCE_GPX;
	if (ends_with(name, n, ".tcx"))
		return SOURCE_TCX;
	return SOURCE_UNKNOWN;
}

int source_decode(const char *name, const unsigned char *data, size_t len,
		  struct activity_list *out)
{
	struct strbuf plain = STRBUF_INIT;
	int ret = -1;

	if (source_is_gzip(data, len)) {
		if (source_gunzip(data, len, &plain, 0)) {
			strbuf_release(&plain);
			return -1;
		}
		data = (const unsigned char *)plain.buf;
		len = plain.len;
	}
	switch (source_detect(name, data, len)) {
	case SOURCE_FIT: ret = fit_read(data, len, out); break;
	case SOURCE_GPX: ret = gpx_read((const char *)data, len, out); break;
	case SOURCE_TCX: ret = tcx_read((const char *)data, len, out); break;
	case SOURCE_UNKNOWN: error_set("unknown file format (not FIT, GPX or TCX)"); break;
	}
	strbuf_release(&plain);
	return ret;
}
