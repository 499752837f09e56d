/* A bounded RFC 4180 CSV reader over a buffer: quoted fields, embedded commas, quotes and newlines.
 */
#ifndef HIPCOACH_CSV_H
#define HIPCOACH_CSV_H

#include <stddef.h>

#define CSV_MAX_FIELDS 4096	  /* per row */
#define CSV_MAX_ROW    (4u << 20) /* bytes of field text per row */

/*
 * Reads rows one at a time from a buffer the caller keeps alive:
 *
 *	struct csv_reader r;
 *	csv_reader_init(&r, data, len);
 *	while ((ret = csv_next(&r)) > 0)
 *		use r.fields[0 .. r.nr - 1];
 *	csv_reader_release(&r);
 *
 * Fields are NUL-terminated copies, unquoted ("a ""b""" reads a "b"), valid
 * until the next csv_next(). Rows end at LF, CRLF or a lone CR outside
 * quotes; a UTF-8 byte order mark at the start is skipped; an empty line
 * is no row. Text after a closing quote is kept as it is ("a"b reads ab),
 * as spreadsheets do. r.line is the line on which the current row began.
 */
struct csv_reader {
	const char *p, *end;
	unsigned long line, next_line;
	const char **fields;
	size_t nr;
	size_t *offs;
	size_t offs_alloc;
	char *text;
	size_t text_len, text_alloc;
};

void csv_reader_init(struct csv_reader *r, const char *data, size_t len);
/*
 * Reads the next row: 1 with r->fields/r->nr set, 0 at the end, -1 with
 * error_last() "line N: unterminated quoted field", "... too many fields"
 * or "... row too long".
 */
int csv_next(struct csv_reader *r);
void csv_reader_release(struct csv_reader *r);

/*
 * Calls fn for every row; stops early and returns fn's value if it is
 * non-zero; otherwise 0, or -1 on a syntax error as csv_next().
 */
int csv_parse(const char *data, size_t len,
	      int (*fn)(const char **fields, size_t nr, unsigned long line, void *ctx), void *ctx);

#endif
