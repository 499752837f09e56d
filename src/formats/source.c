/* Reading activity files as an importer needs them: gunzip, recognise the format, decode. */
#include "source.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

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

int source_gunzip(const unsigned char *data, size_t len, struct strbuf *out, size_t cap)
{
	z_stream z;
	size_t start = out->len;
	int zr, ret = -1;

	if (!cap)
		cap = SOURCE_MAX_BYTES;
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
		{
			uInt room = z.avail_out;

			zr = inflate(&z, Z_NO_FLUSH);
			strbuf_setlen(out, out->len + (room - z.avail_out));
		}
		if (out->len - start > cap) {
			error_set("uncompressed data exceeds %zu bytes", cap);
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

int source_read_file(const char *path, struct strbuf *out, size_t cap)
{
	struct strbuf raw = STRBUF_INIT;
	int ret = -1;

	if (!cap)
		cap = SOURCE_MAX_BYTES;
	if (strbuf_read_file(&raw, path, cap)) {
		error_set("cannot read '%s': %s", path,
			  errno == EFBIG ? "file too large" : strerror(errno));
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
