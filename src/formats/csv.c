/* A bounded RFC 4180 CSV reader: one row at a time, never more memory than the longest row. */
#include "csv.h"

#include <stdlib.h>
#include <string.h>

#include "../lib/error.h"
#include "../lib/xalloc.h"

void csv_reader_init(struct csv_reader *r, const char *data, size_t len)
{
	memset(r, 0, sizeof(*r));
	r->p = data;
	r->end = data + len;
	r->next_line = 1;
	if (len >= 3 && (unsigned char)data[0] == 0xEF && (unsigned char)data[1] == 0xBB &&
	    (unsigned char)data[2] == 0xBF)
		r->p += 3;
}

void csv_reader_release(struct csv_reader *r)
{
	free(r->fields);
	free(r->offs);
	free(r->text);
	memset(r, 0, sizeof(*r));
}

static int text_add(struct csv_reader *r, const char *s, size_t n)
{
	if (r->text_len + n + 1 > CSV_MAX_ROW)
		return error_set("line %lu: row too long", r->line);
	ALLOC_GROW(r->text, r->text_len + n + 1, r->text_alloc);
	memcpy(r->text + r->text_len, s, n);
	r->text_len += n;
	return 0;
}

static int field_end(struct csv_reader *r)
{
	if (r->nr >= CSV_MAX_FIELDS)
		return error_set("line %lu: too many fields", r->line);
	if (text_add(r, "", 0))
		return -1;
	r->text[r->text_len++] = '\0';
	ALLOC_GROW(r->offs, r->nr + 1, r->offs_alloc);
	r->offs[r->nr++] = r->text_len;
	return 0;
}

/* Reads a quoted field's content after its opening quote. */
static int read_quoted(struct csv_reader *r)
{
	const char *p = r->p;

	for (;;) {
		const char *q = memchr(p, '"', (size_t)(r->end - p));

		if (!q)
			return error_set("line %lu: unterminated quoted field", r->line);
		for (const char *c = p; c < q; c++)
			if (*c == '\n')
				r->next_line++;
		if (text_add(r, p, (size_t)(q - p)))
			return -1;
		p = q + 1;
		if (p < r->end && *p == '"') {
			if (text_add(r, "\"", 1))
				return -1;
			p++;
			continue;
		}
		break;
	}
	r->p = p;
	return 0;
}

int csv_next(struct csv_reader *r)
{
	for (;;) {
		int quoted_any = 0;

		r->nr = 0;
		r->text_len = 0;
		r->line = r->next_line;
		if (r->p >= r->end)
			return 0;
		for (;;) {
			const char *p;

			if (r->p < r->end && *r->p == '"') {
				r->p++;
				quoted_any = 1;
				if (read_quoted(r))
					return -1;
			}
			/* Unquoted text, or what follows a closing quote. */
			p = r->p;
			while (p < r->end && *p != ',' && *p != '\n' && *p != '\r')
				p++;
			if (text_add(r, r->p, (size_t)(p - r->p)))
				return -1;
			r->p = p;
			if (field_end(r))
				return -1;
			if (r->p < r->end && *r->p == ',') {
				r->p++;
				continue;
			}
			if (r->p < r->end && *r->p == '\r')
				r->p++;
			if (r->p < r->end && *r->p == '\n')
				r->p++;
			r->next_line++;
			break;
		}
		/* An empty line is no row. */
		if (r->nr == 1 && !quoted_any && r->offs[0] == 1)
			continue;
		break;
	}
	r->fields = xreallocarray(r->fields, r->nr, sizeof(*r->fields));
	for (size_t i = 0; i < r->nr; i++)
		r->fields[i] = r->text + (i ? r->offs[i - 1] : 0);
	return 1;
}

int csv_parse(const char *data, size_t len,
	      int (*fn)(const char **fields, size_t nr, unsigned long line, void *ctx), void *ctx)
{
	struct csv_reader r;
	int ret;

	csv_reader_init(&r, data, len);
	while ((ret = csv_next(&r)) > 0) {
		ret = fn(r.fields, r.nr, r.line, ctx);
		if (ret)
			break;
	}
	csv_reader_release(&r);
	return ret;
}
