/* The expat reading shared by the GPX and TCX readers: a parser that refuses entity declarations,
 * fed in slices, with errors at a line and column. */
#include "xmlread.h"

#include "../lib/error.h"
#include "../lib/xalloc.h"

static void XMLCALL on_entity_decl(void *ud, const XML_Char *name, int pe, const XML_Char *value,
				   int vlen, const XML_Char *base, const XML_Char *sysid,
				   const XML_Char *pubid, const XML_Char *notation)
{
	(void)name, (void)pe, (void)value, (void)vlen, (void)base, (void)sysid, (void)pubid;
	(void)notation;
	xmlread_abort(ud, "entity declarations are not allowed");
}

void xmlread_init(struct xmlread *r, XML_StartElementHandler start, XML_EndElementHandler end)
{
	r->abort_msg = NULL;
	r->xp = XML_ParserCreateNS(NULL, XMLREAD_NS_SEP);
	if (!r->xp)
		xdie("out of memory creating an XML parser");
	XML_SetUserData(r->xp, r);
	XML_SetElementHandler(r->xp, start, end);
	XML_SetEntityDeclHandler(r->xp, on_entity_decl);
}

void xmlread_release(struct xmlread *r)
{
	if (r->xp)
		XML_ParserFree(r->xp);
	r->xp = NULL;
}

void xmlread_abort(struct xmlread *r, const char *msg)
{
	if (!r->abort_msg)
		r->abort_msg = msg;
	XML_StopParser(r->xp, XML_FALSE);
}

int xmlread_too_deep(struct xmlread *r, int depth)
{
	if (depth <= XMLREAD_MAX_DEPTH)
		return 0;
	xmlread_abort(r, "elements are nested more than 32 levels deep");
	return 1;
}

_Static_assert(XMLREAD_MAX_DEPTH == 32, "the message above names the depth");

/* Skips a UTF-8 byte order mark and whitespace; counts the newlines skipped. */
static size_t skip_prolog_space(const char *data, size_t len, unsigned long *lines)
{
	size_t i = 0;

	*lines = 0;
	for (;;) {
		if (len - i >= 3 && (unsigned char)data[i] == 0xEF &&
		    (unsigned char)data[i + 1] == 0xBB && (unsigned char)data[i + 2] == 0xBF) {
			i += 3;
		} else if (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' ||
				       data[i] == '\n')) {
			if (data[i] == '\n')
				(*lines)++;
			i++;
		} else {
			return i;
		}
	}
}

int xmlread_parse(struct xmlread *r, const char *data, size_t len, size_t chunk)
{
	unsigned long skipped_lines;
	size_t off = skip_prolog_space(data, len, &skipped_lines);

	do {
		size_t n = len - off > chunk ? chunk : len - off;
		int final = off + n == len;

		if (XML_Parse(r->xp, data + off, (int)n, final) != XML_STATUS_OK) {
			enum XML_Error code = XML_GetErrorCode(r->xp);

			return error_set(
			    "line %lu, column %lu: %s",
			    (unsigned long)XML_GetCurrentLineNumber(r->xp) + skipped_lines,
			    (unsigned long)XML_GetCurrentColumnNumber(r->xp) + 1,
			    code == XML_ERROR_ABORTED && r->abort_msg ? r->abort_msg
								      : XML_ErrorString(code));
		}
		off += n;
	} while (off < len);
	return 0;
}

int xmlread_activities(struct xmlread *r, const char *data, size_t len, size_t chunk,
		       struct activity_list *out, const char *none)
{
	size_t before = out->nr;

	if (!xmlread_parse(r, data, len, chunk)) {
		if (out->nr > before)
			return 0;
		error_set("%s", none);
	}
	out->nr = before;
	return -1;
}
