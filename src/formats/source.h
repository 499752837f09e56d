/* Reading activity files as an importer needs them: gunzip, recognise the format, decode. */
#ifndef HIPCOACH_SOURCE_H
#define HIPCOACH_SOURCE_H

#include <stddef.h>
#include <stdint.h>

#include "../core/activity.h"
#include "../lib/strbuf.h"

/*
 * Limits that keep one hostile file from exhausting memory or time. A
 * 24-hour run recorded every second is about 10 MB as FIT and 20 to 30 MB
 * as GPX or TCX, so 64 MB, compressed or not, is room for any real file.
 */
#define SOURCE_MAX_BYTES (64u << 20)
/*
 * gzip: activity files shrink 5 to 30 times (a GPX of a long stop, the
 * same point repeated, about 30); a file that grows more than this many
 * times is refused as a compression bomb, once it passes SOURCE_GZIP_FLOOR.
 */
#define SOURCE_GZIP_RATIO 100u
#define SOURCE_GZIP_FLOOR (4u << 20)
/*
 * Activities in one file: a watch writes one per session (a triathlon has
 * five or so, transitions included); more is not a recording, and each is
 * a row to store in the file's one transaction.
 */
#define SOURCE_MAX_ACTIVITIES 64
/* Laps in one file (400 m track laps for 24 hours are about 500). */
#define SOURCE_MAX_LAPS 10000

enum source_format {
	SOURCE_UNKNOWN,
	SOURCE_FIT,
	SOURCE_GPX,
	SOURCE_TCX,
};

/* "fit", "gpx", "tcx" or "unknown". */
const char *source_format_name(enum source_format f);

/*
 * Reads a regular file into out (appending), at most cap bytes (0:
 * SOURCE_MAX_BYTES): its type and size are checked before anything is
 * read, and a FIFO or a device is refused without blocking on it. 0, or
 * -1 with error_last() set ("not a regular file", "file too large (300 MB;
 * the limit is 64 MB)", or the system's reason).
 */
int source_read_raw(const char *path, struct strbuf *out, size_t cap);

/*
 * Reads a whole file into out (appending), gunzipping it when it starts
 * with the gzip magic (whatever its name says). The file, and its content
 * once decompressed, are each limited to cap bytes (0: SOURCE_MAX_BYTES),
 * so a small "zip bomb" cannot exhaust memory. Returns 0, or -1 with
 * error_last() set ("cannot read 'PATH': REASON").
 */
int source_read_file(const char *path, struct strbuf *out, size_t cap);

/*
 * Decompresses gzip data (several members in a row are one stream, as
 * gzip(1) makes them) into out, appending; more than cap bytes (0:
 * SOURCE_MAX_BYTES), or more than SOURCE_GZIP_RATIO times len past
 * SOURCE_GZIP_FLOOR, fail before they are held. Returns 0, or -1 with
 * error_last() set.
 */
int source_gunzip(const unsigned char *data, size_t len, struct strbuf *out, size_t cap);

/*
 * Loads libdeflate, the fast whole-buffer inflater, once; without it zlib
 * does the work. Called by source_gunzip() on first use; call it before
 * starting threads that decode.
 */
void source_init(void);

/* CRC-32 (as zip and gzip use it) of data, continuing from crc (0 to start). */
uint32_t source_crc32(uint32_t crc, const void *data, size_t len);

/*
 * Inflates raw deflate data (a zip entry's) of exactly outlen bytes into
 * out. 0, or -1 with error_last() set.
 */
int source_inflate_raw(const unsigned char *in, size_t inlen, unsigned char *out, size_t outlen);

/* Whether data starts with the gzip magic. */
int source_is_gzip(const unsigned char *data, size_t len);

/*
 * Recognises a file's format by its content: FIT by ".FIT" at byte 8, GPX
 * and TCX by the root element (whatever its prefix). When the content says
 * nothing, the name decides (".fit", ".gpx", ".tcx", each optionally with
 * ".gz", any case), so a damaged file still reaches its parser and gets a
 * precise error. name may be NULL. data must already be decompressed.
 */
enum source_format source_detect(const char *name, const unsigned char *data, size_t len);

/*
 * Decodes one activity file (gzip-compressed or not) and appends its
 * activities to out. Returns 0, 1 when a FIT file was read only in part
 * (damaged or truncated: the activities recovered are appended), or -1
 * with error_last() set ("unknown file format", or the parser's message).
 */
int source_decode(const char *name, const unsigned char *data, size_t len,
		  struct activity_list *out);

#endif
