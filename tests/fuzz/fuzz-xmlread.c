/*
 * Differential libFuzzer harness: the same bytes to xmlread and to expat (namespace-aware), which
 * the GPX and TCX readers used before; it aborts when they disagree.
 *
 * The input's first byte chooses which elements ask for their text (bit 0: those whose local name
 * has an even length, bit 1: odd); the rest is the document. Expat is given what the old readers
 * gave it: the document after a UTF-8 byte order mark and white space, in one piece, with '\1' as
 * its namespace separator (no XML text can hold it, so expat's refusal of a namespace URI that
 * holds its separator never applies). On expat's side the harness applies xmlread's own limits:
 * elements nested deeper than XMLREAD_MAX_DEPTH and gathered text longer than XMLREAD_TEXT_MAX are
 * refusals.
 *
 * Agreement: both accept or both refuse; when both accept, the events are the same, in order:
 *   start   namespace and local name, and each attribute without a prefix that expat reports,
 *           looked up with xmlread_attr() under that name: the same decoded value;
 *   end     namespace and local name, and the text when the element asked for it.
 * Where xmlread knowingly differs, expat's verdict is not compared:
 *   - xmlread refuses UTF-16 and encodings other than UTF-8, US-ASCII and ISO-8859-1 (its message
 *     says "is not read");
 *   - xmlread refuses a DOCTYPE with an internal subset (expat reads one that declares no entity),
 *     and more than XMLREAD_MAX_NAMESPACES namespace declarations in force;
 *   - expat skips a reference to an undeclared entity when the DOCTYPE names an external subset
 *     (it might declare it); xmlread refuses it as "undefined entity";
 *   - names: xmlread takes XML 1.0 fifth edition's name characters, expat the fourth edition's
 *     tables; when expat refuses an invalid token at a character beyond ASCII that the fifth
 *     edition allows in a name, and xmlread accepted, nothing is compared.
 * An attribute xmlread has and expat does not report is not seen: no reader can see it either,
 * as readers only look attributes up by name.
 */
#include <expat.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/xmlread.h"
#include "lib/error.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define SEP '\1'

struct log {
	char *buf;
	size_t len, cap;
};

static void put(struct log *l, const void *s, size_t n)
{
	if (l->len + n > l->cap) {
		l->cap = (l->len + n) * 2 + 64;
		l->buf = realloc(l->buf, l->cap);
		if (!l->buf)
			abort();
	}
	memcpy(l->buf + l->len, s, n);
	l->len += n;
}

static void put_text(struct log *l, const char *tag, const char *s, size_t n)
{
	put(l, tag, 1);
	put(l, &n, sizeof(n));
	put(l, s, n);
}

static int wants(unsigned policy, size_t local_len)
{
	return (policy & (local_len % 2 ? 2 : 1)) != 0;
}

/* The attribute names expat reported at each start, for the lookups on xmlread's side. */
struct names {
	char **at; /* at[event]: NUL-separated names, an empty string at the end; NULL: no start */
	size_t n, cap;
};

struct ex {
	XML_Parser p;
	struct log log;
	struct names names;
	unsigned policy;
	int depth, text_depth, refused;
	char text[XMLREAD_TEXT_MAX];
	size_t text_len;
	int subset, external, skipped;
};

static void ex_event_names(struct ex *e, char *names)
{
	if (e->names.n == e->names.cap) {
		e->names.cap = e->names.cap * 2 + 16;
		e->names.at = realloc(e->names.at, e->names.cap * sizeof(*e->names.at));
		if (!e->names.at)
			abort();
	}
	e->names.at[e->names.n++] = names;
}

static void ex_stop(struct ex *e)
{
	e->refused = 1;
	XML_StopParser(e->p, XML_FALSE);
}

static size_t local_len(const char *name)
{
	const char *sep = strchr(name, SEP);

	return strlen(sep ? sep + 1 : name);
}

static void XMLCALL ex_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct ex *e = ud;
	struct log names = {0};

	if (++e->depth > XMLREAD_MAX_DEPTH) {
		ex_stop(e);
		return;
	}
	put(&e->log, "S", 1);
	put(&e->log, name, strlen(name) + 1);
	for (int i = 0; atts[i]; i += 2) {
		if (strchr(atts[i], SEP))
			continue;
		put(&names, atts[i], strlen(atts[i]) + 1);
		put(&e->log, "A", 1);
		put(&e->log, atts[i], strlen(atts[i]) + 1);
		put_text(&e->log, "=", atts[i + 1], strlen(atts[i + 1]));
	}
	put(&names, "", 1);
	ex_event_names(e, names.buf);
	if (!e->text_depth && wants(e->policy, local_len(name))) {
		e->text_depth = e->depth;
		e->text_len = 0;
	}
}

static void XMLCALL ex_end(void *ud, const XML_Char *name)
{
	struct ex *e = ud;

	put(&e->log, "E", 1);
	put(&e->log, name, strlen(name) + 1);
	if (e->text_depth == e->depth) {
		put_text(&e->log, "T", e->text, e->text_len);
		e->text_depth = 0;
	}
	ex_event_names(e, NULL);
	e->depth--;
}

static void XMLCALL ex_chars(void *ud, const XML_Char *s, int len)
{
	struct ex *e = ud;

	if (!e->text_depth)
		return;
	if (e->text_len + (size_t)len > XMLREAD_TEXT_MAX) {
		ex_stop(e);
		return;
	}
	memcpy(e->text + e->text_len, s, (size_t)len);
	e->text_len += (size_t)len;
}

static void XMLCALL ex_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
			       const XML_Char *pubid, int has_internal_subset)
{
	struct ex *e = ud;

	(void)name;
	e->subset |= has_internal_subset;
	e->external |= sysid || pubid;
}

/* The old readers refused entity declarations. */
static void XMLCALL ex_entity(void *ud, const XML_Char *name, int pe, const XML_Char *value,
			      int vlen, const XML_Char *base, const XML_Char *sysid,
			      const XML_Char *pubid, const XML_Char *notation)
{
	(void)name, (void)pe, (void)value, (void)vlen, (void)base, (void)sysid, (void)pubid;
	(void)notation;
	ex_stop(ud);
}

static void XMLCALL ex_skipped(void *ud, const XML_Char *name, int pe)
{
	(void)name, (void)pe;
	((struct ex *)ud)->skipped = 1;
}

/* xmlread's side. */
struct xr {
	struct xmlread r; /* first: the handlers' scanner is the state */
	struct log log;
	const struct names *names;
	size_t event;
	unsigned policy;
};

static void xr_name(struct log *l, const struct xmlread_name *n)
{
	if (n->ns_len) {
		char sep = SEP;

		put(l, n->ns, n->ns_len);
		put(l, &sep, 1);
	}
	put(l, n->local, n->local_len);
	put(l, "", 1);
}

static int xr_start(struct xmlread *r, const struct xmlread_name *n)
{
	struct xr *x = (struct xr *)r;
	size_t k = x->event++;

	put(&x->log, "S", 1);
	xr_name(&x->log, n);
	if (k < x->names->n && x->names->at[k]) {
		for (const char *a = x->names->at[k]; *a; a += strlen(a) + 1) {
			const char *v;
			size_t len;

			put(&x->log, "A", 1);
			put(&x->log, a, strlen(a) + 1);
			if (xmlread_attr(r, a, &v, &len))
				put_text(&x->log, "=", v, len);
			else
				put(&x->log, "-", 1);
		}
	}
	return wants(x->policy, n->local_len);
}

static void xr_end(struct xmlread *r, const struct xmlread_name *n, const char *text, size_t len)
{
	struct xr *x = (struct xr *)r;

	x->event++;
	put(&x->log, "E", 1);
	xr_name(&x->log, n);
	if (text)
		put_text(&x->log, "T", text, len);
}

/* XML 1.0 fifth edition's NameChar beyond ASCII. */
static int name_char5(uint32_t c)
{
	return (c >= 0xC0 && c <= 0xD6) || (c >= 0xD8 && c <= 0xF6) || (c >= 0xF8 && c <= 0x37D) ||
	       (c >= 0x37F && c <= 0x1FFF) || c == 0x200C || c == 0x200D ||
	       (c >= 0x2070 && c <= 0x218F) || (c >= 0x2C00 && c <= 0x2FEF) ||
	       (c >= 0x3001 && c <= 0xD7FF) || (c >= 0xF900 && c <= 0xFDCF) ||
	       (c >= 0xFDF0 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0xEFFFF) || c == 0xB7 ||
	       c == 0x203F || c == 0x2040;
}

/* Whether the UTF-8 character at s is beyond ASCII and a fifth edition name character. */
static int fifth_edition_name(const unsigned char *s, size_t n)
{
	uint32_t c;

	if (n >= 2 && s[0] >= 0xC2 && s[0] < 0xE0)
		c = (uint32_t)(s[0] & 0x1F) << 6 | (s[1] & 0x3F);
	else if (n >= 3 && s[0] >= 0xE0 && s[0] < 0xF0)
		c = (uint32_t)(s[0] & 0x0F) << 12 | (uint32_t)(s[1] & 0x3F) << 6 | (s[2] & 0x3F);
	else if (n >= 4 && s[0] >= 0xF0 && s[0] < 0xF5)
		c = (uint32_t)(s[0] & 0x07) << 18 | (uint32_t)(s[1] & 0x3F) << 12 |
		    (uint32_t)(s[2] & 0x3F) << 6 | (s[3] & 0x3F);
	else
		return 0;
	return name_char5(c);
}

/* What xmlread skips before giving a document to the scanner, as the old readers did. */
static size_t prolog_space(const uint8_t *d, size_t n)
{
	size_t i = 0;

	for (;;) {
		if (n - i >= 3 && d[i] == 0xEF && d[i + 1] == 0xBB && d[i + 2] == 0xBF)
			i += 3;
		else if (i < n && (d[i] == ' ' || d[i] == '\t' || d[i] == '\r' || d[i] == '\n'))
			i++;
		else
			return i;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ex e = {0};
	struct xr x;
	const uint8_t *doc;
	size_t len, skip;
	int ex_ok, xr_ok;
	const char *why;

	if (!size || size > (1u << 24))
		return 0;
	e.policy = x.policy = data[0] & 3;
	doc = data + 1;
	len = size - 1;
	skip = prolog_space(doc, len);

	e.p = XML_ParserCreateNS(NULL, SEP);
	if (!e.p)
		abort();
	XML_SetUserData(e.p, &e);
	XML_SetElementHandler(e.p, ex_start, ex_end);
	XML_SetCharacterDataHandler(e.p, ex_chars);
	XML_SetStartDoctypeDeclHandler(e.p, ex_doctype);
	XML_SetSkippedEntityHandler(e.p, ex_skipped);
	XML_SetEntityDeclHandler(e.p, ex_entity);
	ex_ok = XML_Parse(e.p, (const char *)doc + skip, (int)(len - skip), 1) == XML_STATUS_OK &&
		!e.refused;

	memset(&x, 0, sizeof(x));
	x.policy = e.policy;
	x.names = &e.names;
	xmlread_init(&x.r, xr_start, xr_end);
	xr_ok = !xmlread_parse(&x.r, (const char *)doc, len);
	why = xr_ok ? "" : error_last();
#ifdef FUZZ_XMLREAD_VERBOSE
	/* For looking into a finding: clang -DFUZZ_XMLREAD_VERBOSE, then run on the input. */
	fprintf(stderr, "expat: %s at byte %ld; xmlread: %s; events %s\n",
		ex_ok	    ? "accepted"
		: e.refused ? "refused (limit)"
			    : XML_ErrorString(XML_GetErrorCode(e.p)),
		(long)XML_GetCurrentByteIndex(e.p) + (long)skip, xr_ok ? "accepted" : why,
		e.log.len == x.log.len && !memcmp(e.log.buf, x.log.buf, e.log.len) ? "same"
										   : "differ");
	fwrite(e.log.buf, 1, e.log.len, stderr);
	fputs("\n----\n", stderr);
	fwrite(x.log.buf, 1, x.log.len, stderr);
	fputs("\n", stderr);
#endif

	if (ex_ok && !xr_ok) {
		if (!strstr(why, "is not read") && !(e.subset && strstr(why, "internal subset")) &&
		    !strstr(why, "namespace declarations in force") &&
		    !((e.external || e.skipped) && strstr(why, "undefined entity")))
			abort(); /* xmlread refused what expat read */
	} else if (!ex_ok && xr_ok) {
		size_t at = (size_t)XML_GetCurrentByteIndex(e.p);

		if (!(XML_GetErrorCode(e.p) == XML_ERROR_INVALID_TOKEN && at < len - skip &&
		      fifth_edition_name(doc + skip + at, len - skip - at)))
			abort(); /* xmlread read what expat refused */
	} else if (ex_ok && xr_ok) {
		if (e.log.len != x.log.len || memcmp(e.log.buf, x.log.buf, e.log.len))
			abort(); /* different events */
	}

	xmlread_release(&x.r);
	XML_ParserFree(e.p);
	for (size_t i = 0; i < e.names.n; i++)
		free(e.names.at[i]);
	free(e.names.at);
	free(e.log.buf);
	free(x.log.buf);
	return 0;
}
