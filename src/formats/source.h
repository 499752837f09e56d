/* Reading activity files as an importer needs them: gunzip, recognise the format, decode. */
#ifndef HIPCOACH_SOURCE_H
#define HIPCOACH_SOURCE_H

#include <stddef.h>

#include "../core/activity.h"
#include "../lib/strbuf.h"

/* The largest activity file we accept, compressed or not (a 24-hour 1 Hz FIT is ~10 MB). */
#define SOURCE_MAX_BYTES (256u << 20)

enum source_format {
	SOURCE_UNKNOWN,
	SOURCE_FIT,
	SOURCE_GPX,
	SOURCE_TCX,
};

/* "fit", "gpx", "tcx" or "unknown". */
const char *source_format_name(enum source_format f);

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
 * SOURCE_MAX_BYTES) fail. Returns 0, or -1 with error_last() set.
 */
int source_gunzip(const unsigned char *data, size_t len, struct strbuf *out, size_t cap);

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
