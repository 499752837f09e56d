/* The XML reading shared by the GPX and TCX readers: a strict, namespace-aware scanner of a whole
 * document in memory that hands a reader its elements, and the text of those it asks for. */
#include "xmlread.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "../lib/error.h"
#include "../lib/xalloc.h"

/*
 * How it is fast: the document is checked once for bytes XML does not
 * allow (control characters, bad UTF-8), sixteen at a time, and the
 * first such byte becomes the end of what the scanner reads (lim), so
 * that the scanner itself only looks for markup: an error it finds before
 * lim is reported, and running into lim reports the bad byte, so errors
 * come in document order as in a one-pass reader. Text is skipped sixteen
 * bytes at a time to the next '<', '&' or ']'; names are compared and
 * handed out where they lie in the document; nothing is allocated per
 * element; the text of an element is copied only when it must be decoded.
 * A line and column are counted only for an error.
 */

#define NS_XML	 "http://www.w3.org/XML/1998/namespace"
#define NS_XMLNS "http://www.w3.org/2000/xmlns/"
#define LIT(s)	 s, sizeof(s) - 1

/* Byte classes for ASCII names and white space; C_HIGH: part of a multibyte character. */
enum { C_START = 1, C_NAME = 2, C_SPACE = 4, C_HIGH = 8 };

static const unsigned char ctype[256] = {
    ['\t'] = C_SPACE,	      ['\n'] = C_SPACE,
    ['\r'] = C_SPACE,	      [' '] = C_SPACE,
    ['-'] = C_NAME,	      ['.'] = C_NAME,
    ['0' ... '9'] = C_NAME,   ['A' ... 'Z'] = C_START | C_NAME,
    ['_'] = C_START | C_NAME, ['a' ... 'z'] = C_START | C_NAME,
    [0x80 ... 0xFF] = C_HIGH,
};

#define CT(p) ctype[(unsigned char)*(p)]
/* For the few functions every element goes through: a call would cost more than their work. */
#define HOT static inline __attribute__((always_inline))

/* Namespace URIs that had to be decoded; they live until the document is done. */
struct xmlread_chunk {
	struct xmlread_chunk *next;
	size_t len, cap;
	char data[];
};

static const char *fail(struct xmlread *r, const char *at, const char *msg)
{
	if (!r->err_msg) {
		r->err_at = at;
		r->err_msg = msg;
	}
	return NULL;
}

/* An error that is the document running out: if it was cut at a bad byte, that is the error. */
static const char *cut(struct xmlread *r, const char *at, const char *msg)
{
	r->err_eof = 1;
	return fail(r, at, msg);
}

/* Also names something: the message reads msg NAME msg2. */
static const char *fail_name(struct xmlread *r, const char *at, const char *msg, const char *name,
			     size_t len, const char *msg2)
{
	if (!r->err_msg) {
		r->err_name = name;
		r->err_name_len = len;
		r->err_msg2 = msg2;
	}
	return fail(r, at, msg);
}

/* ---- characters ---- */

static int is_xml_char(uint32_t c)
{
	if (c < 0x20)
		return c == '\t' || c == '\n' || c == '\r';
	return c < 0xD800 || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

/*
 * The length of the UTF-8 sequence at p (a byte >= 0x80) when it is a
 * character XML allows, with the character in *cp; else 0.
 */
static size_t utf8_char(const unsigned char *p, const unsigned char *end, uint32_t *cp)
{
	size_t n = (size_t)(end - p);
	uint32_t c = p[0];

	if (c < 0xC2 || c > 0xF4)
		return 0;
	if (c < 0xE0) {
		if (n < 2 || (p[1] & 0xC0) != 0x80)
			return 0;
		*cp = (c & 0x1F) << 6 | (p[1] & 0x3F);
		return 2;
	}
	if (c < 0xF0) {
		if (n < 3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80)
			return 0;
		c = (c & 0x0F) << 12 | (uint32_t)(p[1] & 0x3F) << 6 | (p[2] & 0x3F);
		if (c < 0x800 || !is_xml_char(c))
			return 0;
		*cp = c;
		return 3;
	}
	if (n < 4 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 || (p[3] & 0xC0) != 0x80)
		return 0;
	c = (c & 0x07) << 18 | (uint32_t)(p[1] & 0x3F) << 12 | (uint32_t)(p[2] & 0x3F) << 6 |
	    (p[3] & 0x3F);
	if (c < 0x10000 || c > 0x10FFFF)
		return 0;
	*cp = c;
	return 4;
}

static size_t utf8_put(char *out, uint32_t c)
{
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xC0 | c >> 6);
		out[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		out[0] = (char)(0xE0 | c >> 12);
		out[1] = (char)(0x80 | (c >> 6 & 0x3F));
		out[2] = (char)(0x80 | (c & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | c >> 18);
	out[1] = (char)(0x80 | (c >> 12 & 0x3F));
	out[2] = (char)(0x80 | (c >> 6 & 0x3F));
	out[3] = (char)(0x80 | (c & 0x3F));
	return 4;
}

/*
 * The first byte in [s, end) that does not begin a character XML allows
 * (a control character, a byte that is not UTF-8, a surrogate, U+FFFE or
 * U+FFFF); end when there is none. With `ascii`, any byte >= 0x80.
 */
static const char *first_bad(const char *s, const char *end, int ascii)
{
	const unsigned char *p = (const unsigned char *)s, *e = (const unsigned char *)end;

	for (;;) {
#ifdef __SSE2__
		const __m128i sp = _mm_set1_epi8(0x20), tab = _mm_set1_epi8('\t'),
			      lf = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r');

		while (e - p >= 16) {
			__m128i v = _mm_loadu_si128((const __m128i *)p);
			/* signed: bytes >= 0x80 are below 0x20 too */
			__m128i low = _mm_cmplt_epi8(v, sp);
			__m128i ok = _mm_or_si128(
			    _mm_or_si128(_mm_cmpeq_epi8(v, tab), _mm_cmpeq_epi8(v, lf)),
			    _mm_cmpeq_epi8(v, cr));
			int m = _mm_movemask_epi8(_mm_andnot_si128(ok, low));

			if (m) {
				p += __builtin_ctz((unsigned)m);
				break;
			}
			p += 16;
		}
#endif
		while (p < e &&
		       ((*p >= 0x20 && *p < 0x80) || *p == '\t' || *p == '\n' || *p == '\r'))
			p++;
		if (p == e || *p < 0x80 || ascii)
			return (const char *)p;
		{
			uint32_t c;
			size_t n = utf8_char(p, e, &c);

			if (!n)
				return (const char *)p;
			p += n;
		}
	}
}

/* XML 1.0 fifth edition's NameStartChar and NameChar, beyond ASCII. */
static int is_name_start(uint32_t c)
{
	return (c >= 0xC0 && c <= 0xD6) || (c >= 0xD8 && c <= 0xF6) || (c >= 0xF8 && c <= 0x2FF) ||
	       (c >= 0x370 && c <= 0x37D) || (c >= 0x37F && c <= 0x1FFF) || c == 0x200C ||
	       c == 0x200D || (c >= 0x2070 && c <= 0x218F) || (c >= 0x2C00 && c <= 0x2FEF) ||
	       (c >= 0x3001 && c <= 0xD7FF) || (c >= 0xF900 && c <= 0xFDCF) ||
	       (c >= 0xFDF0 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0xEFFFF);
}

static int is_name_char(uint32_t c)
{
	return is_name_start(c) || c == 0xB7 || (c >= 0x300 && c <= 0x36F) || c == 0x203F ||
	       c == 0x2040;
}

/* ---- names ---- */

static const char *qname_slow(struct xmlread *r, const char *start, size_t *colon)
{
	const unsigned char *s = (const unsigned char *)start, *e = (const unsigned char *)r->lim;
	int need_start = 1;

	*colon = 0;
	while (s < e) {
		uint32_t c = *s;
		size_t n = 1;

		if (c >= 0x80)
			n = utf8_char(s, e, &c); /* lim keeps every sequence before it whole */
		if (need_start) {
			if (c < 0x80 ? !(ctype[c] & C_START) : !is_name_start(c))
				return fail(r, (const char *)s, "invalid name");
			need_start = 0;
		} else if (c == ':') {
			if (*colon)
				return fail(r, (const char *)s, "a name with two colons");
			*colon = (size_t)((const char *)s - start);
			need_start = 1;
		} else if (c < 0x80 ? !(ctype[c] & C_NAME) : !is_name_char(c)) {
			break;
		}
		s += n;
	}
	return (const char *)s;
}

/*
 * The first byte from s that is not an ASCII name character ([A-Za-z0-9._-]).
 * Names end at unpredictable lengths: sixteen bytes are classified at once,
 * so that a name costs one branch rather than one a byte.
 */
HOT const char *name_chars(const char *s, const char *e)
{
#ifdef __SSE2__
	const __m128i zero = _mm_setzero_si128();

	while (e - s >= 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)s);
		/* x in [lo, lo + n] when (x - lo) saturating-minus n is 0 */
		__m128i letter =
		    _mm_cmpeq_epi8(_mm_subs_epu8(_mm_sub_epi8(_mm_or_si128(v, _mm_set1_epi8(0x20)),
							      _mm_set1_epi8('a')),
						 _mm_set1_epi8('z' - 'a')),
				   zero);
		__m128i digit = _mm_cmpeq_epi8(
		    _mm_subs_epu8(_mm_sub_epi8(v, _mm_set1_epi8('-')), _mm_set1_epi8('9' - '-')),
		    zero); /* '-' to '9': also '.', and '/', taken out below */
		__m128i ok = _mm_or_si128(_mm_or_si128(letter, digit),
					  _mm_cmpeq_epi8(v, _mm_set1_epi8('_')));
		unsigned m = (unsigned)_mm_movemask_epi8(
				 _mm_andnot_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('/')), ok)) ^
			     0xFFFFu;

		if (m)
			return s + __builtin_ctz(m);
		s += 16;
	}
#endif
	while (s < e && (CT(s) & C_NAME))
		s++;
	return s;
}

/*
 * The end of the name at p, as Namespaces in XML allows it: at most one
 * ':', between two non-empty parts; *colon its offset, 0 without one.
 * NULL on an error; r->lim when the document ends in the name.
 */
HOT const char *qname(struct xmlread *r, const char *p, size_t *colon)
{
	const char *s = p, *e = r->lim;

	*colon = 0;
	if (s < e && (CT(s) & C_START)) {
		s = name_chars(s + 1, e);
		if (s < e && *s == ':' && s + 1 < e && (CT(s + 1) & C_START)) {
			/* a prefix, as in gpxtpx:hr */
			*colon = (size_t)(s - p);
			s = name_chars(s + 2, e);
		}
		if (s == e || !(CT(s) & C_HIGH || *s == ':'))
			return s;
	}
	return qname_slow(r, p, colon);
}

HOT const char *skip_space(const char *p, const char *lim)
{
	while (p < lim && (CT(p) & C_SPACE))
		p++;
	return p;
}

/* Whether [p, lim) begins with s; -1 when the document ends in a prefix of it. */
static int starts(const char *p, const char *lim, const char *s, size_t n)
{
	size_t have = (size_t)(lim - p);

	if (have >= n)
		return !memcmp(p, s, n);
	return !memcmp(p, s, have) ? -1 : 0;
}

/* Whether n bytes at a and b are equal: names are short, and a call to memcmp() costs more. */
HOT int equal(const char *a, const char *b, size_t n)
{
	uint64_t x, y;

	for (; n >= 8; a += 8, b += 8, n -= 8) {
		memcpy(&x, a, 8);
		memcpy(&y, b, 8);
		if (x != y)
			return 0;
	}
	for (; n; a++, b++, n--)
		if (*a != *b)
			return 0;
	return 1;
}

HOT int same(const char *a, size_t alen, const char *b, size_t blen)
{
	return alen == blen && equal(a, b, alen);
}

/*
 * Where the first of the bytes a, b and c is from p, else lim: the next
 * markup in text, or the end of an attribute value. Sixteen bytes at once.
 */
HOT const char *find3(const char *p, const char *lim, char a, char b, char c)
{
#ifdef __SSE2__
	const __m128i va = _mm_set1_epi8(a), vb = _mm_set1_epi8(b), vc = _mm_set1_epi8(c);

	while (lim - p >= 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)p);
		int m = _mm_movemask_epi8(
		    _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, va), _mm_cmpeq_epi8(v, vb)),
				 _mm_cmpeq_epi8(v, vc)));

		if (m)
			return p + __builtin_ctz((unsigned)m);
		p += 16;
	}
#endif
	while (p < lim && *p != a && *p != b && *p != c)
		p++;
	return p;
}

/* ---- references ---- */

/*
 * The reference at p ('&'): checks it, puts the character it stands for
 * in *cp and returns its end, after the ';'.
 */
static const char *reference(struct xmlread *r, const char *p, uint32_t *cp)
{
	const char *q = p + 1, *lim = r->lim;
	size_t colon, n;

	if (q == lim)
		return cut(r, p, "unclosed token");
	if (*q == '#') {
		uint32_t v = 0;
		int hex = 0, digits = 0;

		if (++q < lim && *q == 'x')
			hex = 1, q++;
		for (; q < lim; q++, digits++) {
			int d = *q >= '0' && *q <= '9'		? *q - '0'
				: hex && *q >= 'a' && *q <= 'f' ? *q - 'a' + 10
				: hex && *q >= 'A' && *q <= 'F' ? *q - 'A' + 10
								: -1;

			if (d < 0)
				break;
			v = v * (hex ? 16 : 10) + (uint32_t)d;
			if (v > 0x10FFFF)
				v = 0x110000; /* stays out of range */
		}
		if (q == lim)
			return cut(r, p, "unclosed token");
		if (!digits || *q != ';')
			return fail(r, q, "invalid character reference");
		if (!is_xml_char(v))
			return fail(r, p, "reference to invalid character number");
		*cp = v;
		return q + 1;
	}
	q = qname(r, q, &colon);
	if (!q)
		return NULL;
	if (q == lim)
		return cut(r, p, "unclosed token");
	if (*q != ';')
		return fail(r, q, "';' expected after an entity name");
	n = (size_t)(q - p - 1);
	if (n == 2 && p[2] == 't' && (p[1] == 'l' || p[1] == 'g'))
		*cp = p[1] == 'l' ? '<' : '>';
	else if (n == 3 && !memcmp(p + 1, "amp", 3))
		*cp = '&';
	else if (n == 4 && !memcmp(p + 1, "apos", 4))
		*cp = '\'';
	else if (n == 4 && !memcmp(p + 1, "quot", 4))
		*cp = '"';
	else
		return fail_name(r, p, "undefined entity &", p + 1, n, ";");
	return q + 1;
}

/*
 * Decodes an attribute value written in [s, s + n) into out (room for n
 * bytes: it never grows): references, and each white space character (or
 * CR LF) made a space, as XML normalises attributes. Returns its length.
 */
static size_t value_decode(struct xmlread *r, const char *s, size_t n, char *out)
{
	const char *e = s + n;
	size_t len = 0;

	while (s < e) {
		uint32_t c;

		if (*s == '&') {
			s = reference(r, s, &c); /* checked when the tag was read */
			len += utf8_put(out + len, c);
		} else if (*s == '\t' || *s == '\n' || *s == '\r') {
			if (*s == '\r' && s + 1 < e && s[1] == '\n')
				s++;
			s++;
			out[len++] = ' ';
		} else {
			out[len++] = *s++;
		}
	}
	return len;
}

static int needs_decoding(const struct xmlread_att *a)
{
	if (!a->plain)
		return 1;
	for (size_t i = 0; i < a->value_len; i++)
		if (a->value[i] == '\t' || a->value[i] == '\n' || a->value[i] == '\r')
			return 1;
	return 0;
}

/* ---- gathered text ---- */

static const char *text_too_long(struct xmlread *r)
{
	return fail(r, r->text_start, "text of an element is too long");
}

/* Adds [s, s + n), as written (line ends not yet normalised), to the text being gathered. */
static int text_add(struct xmlread *r, const char *s, size_t n)
{
	const char *e = s + n;

	if (!n)
		return 0;
	if (!r->text_len && !memchr(s, '\r', n)) {
		if (n > XMLREAD_TEXT_MAX)
			return text_too_long(r), -1;
		r->text_raw = s;
		r->text_len = n;
		return 0;
	}
	if (r->text_raw) {
		memcpy(r->text, r->text_raw, r->text_len);
		r->text_raw = NULL;
	}
	for (; s < e; s++) {
		char c = *s;

		if (c == '\r') {
			c = '\n';
			if (s + 1 < e && s[1] == '\n')
				s++;
		}
		if (r->text_len == XMLREAD_TEXT_MAX)
			return text_too_long(r), -1;
		r->text[r->text_len++] = c;
	}
	return 0;
}

static int text_char(struct xmlread *r, uint32_t c)
{
	char buf[4];
	size_t n = utf8_put(buf, c);

	if (r->text_raw) {
		memcpy(r->text, r->text_raw, r->text_len);
		r->text_raw = NULL;
	}
	if (r->text_len + n > XMLREAD_TEXT_MAX)
		return text_too_long(r), -1;
	memcpy(r->text + r->text_len, buf, n);
	r->text_len += n;
	return 0;
}

/* ---- namespaces ---- */

static const char *uri_store(struct xmlread *r, const struct xmlread_att *a, size_t *len)
{
	struct xmlread_chunk *c = r->uris;

	if (!c || c->cap - c->len < a->value_len) {
		size_t cap = a->value_len > 4000 ? a->value_len : 4000;

		c = xmalloc(sizeof(*c) + cap);
		c->next = r->uris;
		c->len = 0;
		c->cap = cap;
		r->uris = c;
	}
	*len = value_decode(r, a->value, a->value_len, c->data + c->len);
	c->len += *len;
	return c->data + c->len - *len;
}

/* An xmlns or xmlns:p attribute: the binding it makes, with the rules of Namespaces in XML. */
static const char *declare(struct xmlread *r, const struct xmlread_att *a)
{
	struct xmlread_bind *b;
	const char *prefix = a->colon ? a->name + 6 : NULL, *uri = a->value;
	size_t plen = a->colon ? a->name_len - 6 : 0, ulen = a->value_len;
	int must_xml = prefix && same(prefix, plen, LIT("xml")), is_xml;

	if (needs_decoding(a))
		uri = uri_store(r, a, &ulen);
	if (prefix && !ulen)
		return fail(r, a->name, "cannot undeclare a prefix");
	if (prefix && same(prefix, plen, LIT("xmlns")))
		return fail(r, a->name,
			    "reserved prefix (xmlns) must not be declared or undeclared");
	is_xml = same(uri, ulen, LIT(NS_XML));
	if (must_xml && !is_xml)
		return fail(r, a->name,
			    "reserved prefix (xml) must not be undeclared or bound to another "
			    "namespace name");
	if ((is_xml && !must_xml) || same(uri, ulen, LIT(NS_XMLNS)))
		return fail(r, a->name,
			    "prefix must not be bound to one of the reserved namespace names");
	if (r->nbind == XMLREAD_MAX_NAMESPACES)
		return fail(r, a->name, "more than 64 namespace declarations in force");
	ALLOC_GROW(r->bind, r->nbind + 1, r->bind_cap);
	if (!prefix)
		r->dflt = r->nbind + 1;
	b = &r->bind[r->nbind++];
	b->prefix = prefix ? prefix : "";
	b->prefix_len = plen;
	b->uri = uri;
	b->uri_len = ulen;
	return a->name;
}

/*
 * The namespace of a name: its prefix's binding, the innermost first; an
 * unprefixed element takes the default namespace, an unprefixed attribute
 * none.
 */
HOT int resolve(struct xmlread *r, const char *name, size_t colon, int attribute, const char **ns,
		size_t *ns_len)
{
	*ns = "";
	*ns_len = 0;
	if (!colon) {
		if (!attribute && r->dflt) {
			*ns = r->bind[r->dflt - 1].uri;
			*ns_len = r->bind[r->dflt - 1].uri_len;
		}
		return 0;
	}
	for (size_t i = r->nbind; i-- > 0;) {
		const struct xmlread_bind *b = &r->bind[i];

		if (b->prefix_len == colon && equal(b->prefix, name, colon)) {
			*ns = b->uri;
			*ns_len = b->uri_len;
			return 0;
		}
	}
	if (same(name, colon, LIT("xml"))) {
		*ns = NS_XML;
		*ns_len = sizeof(NS_XML) - 1;
		return 0;
	}
	fail_name(r, name, "unbound prefix '", name, colon, "'");
	return -1;
}

/* ---- duplicate attributes ---- */

/* Whether attribute a takes part in the check: all do as written, prefixed ones when expanded. */
static int att_in(const struct xmlread_att *a, int expanded)
{
	return !expanded || (a->colon && a->colon != (size_t)-1);
}

/* Whether attributes i and j have one name: as written, or (expanded) namespace and local. */
static int att_same(const struct xmlread *r, size_t i, size_t j, int expanded)
{
	const struct xmlread_att *a = &r->att[i], *b = &r->att[j];

	if (!expanded)
		return same(a->name, a->name_len, b->name, b->name_len);
	return same(a->ns, a->ns_len, b->ns, b->ns_len) &&
	       same(a->name + a->colon + 1, a->name_len - a->colon - 1, b->name + b->colon + 1,
		    b->name_len - b->colon - 1);
}

static uint32_t fnv(uint32_t h, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

/*
 * The attribute that repeats an earlier one's name, among the `count` that
 * att_in() takes; -1 when none does. Long lists go through a hash table, so a
 * tag of thousands of attributes costs no more than their length.
 */
static long att_duplicate(struct xmlread *r, size_t count, int expanded)
{
	size_t n = r->natt, mask;

	if (count <= 16) {
		for (size_t i = 1; i < n; i++)
			for (size_t j = 0; att_in(&r->att[i], expanded) && j < i; j++)
				if (att_in(&r->att[j], expanded) && att_same(r, i, j, expanded))
					return (long)i;
		return -1;
	}
	mask = 64;
	while (mask < 2 * count)
		mask *= 2;
	ALLOC_GROW(r->hash, mask, r->hash_cap);
	memset(r->hash, 0, mask * sizeof(*r->hash));
	mask--;
	for (size_t i = 0; i < n; i++) {
		const struct xmlread_att *a = &r->att[i];
		uint32_t h;

		if (!att_in(a, expanded))
			continue;
		h = expanded ? fnv(fnv(2166136261u, a->ns, a->ns_len), a->name + a->colon,
				   a->name_len - a->colon)
			     : fnv(2166136261u, a->name, a->name_len);
		for (size_t k = h & mask;; k = (k + 1) & mask) {
			if (!r->hash[k]) {
				r->hash[k] = (unsigned)i + 1;
				break;
			}
			if (att_same(r, r->hash[k] - 1, i, expanded))
				return (long)i;
		}
	}
	return -1;
}

_Static_assert(XMLREAD_MAX_NAMESPACES == 64, "declare() names the limit");

/* ---- elements ---- */

/* Ends the innermost element, whose end tag (or empty tag) is at `tag`; returns next. */
HOT const char *end_element(struct xmlread *r, const char *tag, const char *next)
{
	struct xmlread_open *o = &r->open[r->depth - 1];
	const char *text = NULL;
	size_t len = 0;

	if (r->text_depth == r->depth) {
		text = r->text_raw ? r->text_raw : r->text;
		len = r->text_len;
		r->text_depth = 0;
	}
	r->end(r, &o->name, text, len);
	if (r->abort_msg)
		return fail(r, tag, r->abort_msg);
	r->nbind = o->nbind;
	r->dflt = o->dflt;
	r->depth--;
	return next;
}

/* An attribute at p, in the tag that starts at tag; its end, or NULL. */
static const char *attribute(struct xmlread *r, const char *tag, const char *p)
{
	const char *lim = r->lim;
	struct xmlread_att *a;
	char quote;

	ALLOC_GROW(r->att, r->natt + 1, r->att_cap);
	a = &r->att[r->natt++];
	a->name = p;
	p = qname(r, p, &a->colon);
	if (!p)
		return NULL;
	a->name_len = (size_t)(p - a->name);
	p = skip_space(p, lim);
	if (p == lim)
		return cut(r, tag, "unclosed token");
	if (*p != '=')
		return fail(r, p, "'=' expected after an attribute name");
	p = skip_space(p + 1, lim);
	if (p == lim)
		return cut(r, tag, "unclosed token");
	quote = *p;
	if (quote != '"' && quote != '\'')
		return fail(r, p, "an attribute value must be in quotes");
	a->value = ++p;
	a->plain = 1;
	for (;;) {
		uint32_t c;

		p = find3(p, lim, quote, '<', '&');
		if (p == lim)
			return cut(r, tag, "unclosed token");
		if (*p == quote)
			break;
		if (*p == '<')
			return fail(r, p, "'<' in an attribute value");
		p = reference(r, p, &c);
		if (!p)
			return NULL;
		a->plain = 0;
	}
	a->value_len = (size_t)(p - a->value);
	a->ns = NULL;
	a->ns_len = 0;
	return p + 1;
}

static int is_decl(const struct xmlread_att *a)
{
	return a->name_len >= 5 && !memcmp(a->name, "xmlns", 5) &&
	       (a->name_len == 5 || a->colon == 5);
}

_Static_assert(XMLREAD_MAX_DEPTH == 32, "start_tag() names the limit");

/* The start tag at p ('<' and a name start): returns its end, after the handlers. */
static const char *start_tag(struct xmlread *r, const char *p)
{
	const char *lim = r->lim, *name = p + 1, *name_end, *q;
	size_t colon, nbind = r->nbind, dflt = r->dflt, prefixed = 0;
	struct xmlread_open *o;
	int empty = 0, want;

	if (r->depth == XMLREAD_MAX_DEPTH)
		return fail(r, p, "elements are nested more than 32 levels deep");
	q = name_end = qname(r, name, &colon);
	if (!q)
		return NULL;
	r->natt = 0;
	for (;;) {
		const char *s = q;

		q = skip_space(q, lim);
		if (q == lim)
			return cut(r, p, "unclosed token");
		if (*q == '>') {
			q++;
			break;
		}
		if (*q == '/') {
			if (q + 1 == lim)
				return cut(r, p, "unclosed token");
			if (q[1] != '>')
				return fail(r, q + 1, "'>' expected after '/'");
			q += 2;
			empty = 1;
			break;
		}
		if (q == s)
			return fail(r, q, "white space expected before an attribute");
		q = attribute(r, p, q);
		if (!q)
			return NULL;
	}

	if (r->natt) {
		long dup;

		/* Declarations first: they hold for the element's own name and attributes. */
		for (size_t i = 0; i < r->natt; i++) {
			struct xmlread_att *a = &r->att[i];

			if (is_decl(a)) {
				if (!declare(r, a))
					return NULL;
				a->colon = (size_t)-1; /* not an attribute */
			} else if (a->colon) {
				prefixed++;
			}
		}
		if (r->natt > 1 && (dup = att_duplicate(r, r->natt, 0)) >= 0)
			return fail(r, r->att[dup].name, "duplicate attribute");
		for (size_t i = 0; i < r->natt; i++) {
			struct xmlread_att *a = &r->att[i];

			if (att_in(a, 1) && resolve(r, a->name, a->colon, 1, &a->ns, &a->ns_len))
				return NULL;
		}
		if (prefixed > 1 && (dup = att_duplicate(r, prefixed, 1)) >= 0)
			return fail(r, r->att[dup].name, "duplicate attribute");
	}

	o = &r->open[r->depth];
	o->qname = name;
	o->qname_len = (size_t)(name_end - name);
	o->nbind = nbind;
	o->dflt = dflt;
	if (resolve(r, name, colon, 0, &o->name.ns, &o->name.ns_len))
		return NULL;
	o->name.local = colon ? name + colon + 1 : name;
	o->name.local_len = colon ? o->qname_len - colon - 1 : o->qname_len;
	r->depth++;
	want = r->start(r, &o->name);
	if (r->abort_msg)
		return fail(r, p, r->abort_msg);
	if (want && !r->text_depth) {
		r->text_depth = r->depth;
		r->text_start = p;
		r->text_raw = NULL;
		r->text_len = 0;
	}
	if (empty)
		return end_element(r, p, q);
	return q;
}

/* The end tag at p ("</"). */
HOT const char *end_tag(struct xmlread *r, const char *p)
{
	const struct xmlread_open *o = &r->open[r->depth - 1];
	const char *lim = r->lim, *name = p + 2, *q = name + o->qname_len;
	size_t colon;

	if (!(o->qname_len < (size_t)(lim - name) && equal(name, o->qname, o->qname_len) &&
	      !(CT(q) & (C_NAME | C_HIGH)) && *q != ':')) {
		q = qname(r, name, &colon);
		if (!q)
			return NULL;
		if (q == lim)
			return cut(r, p, "unclosed token");
		if (!same(name, (size_t)(q - name), o->qname, o->qname_len))
			return fail(r, name, "mismatched tag");
	}
	q = skip_space(q, lim);
	if (q == lim)
		return cut(r, p, "unclosed token");
	if (*q != '>')
		return fail(r, q, "'>' expected at the end of an end tag");
	return end_element(r, p, q + 1);
}

/* A comment at p ("<!--"). */
static const char *comment(struct xmlread *r, const char *p)
{
	const char *lim = r->lim, *q = p + 4;

	for (;;) {
		q = memchr(q, '-', (size_t)(lim - q));
		if (!q || lim - q < 3)
			return cut(r, p, "unclosed token");
		if (q[1] == '-')
			break;
		q++;
	}
	if (q[2] != '>')
		return fail(r, q, "'--' inside a comment");
	return q + 3;
}

/* A processing instruction at p ("<?"), not the XML declaration. */
static const char *pi(struct xmlread *r, const char *p)
{
	const char *lim = r->lim, *target = p + 2, *q, *e;
	size_t colon, n;

	q = qname(r, target, &colon);
	if (!q)
		return NULL;
	if (q == lim)
		return cut(r, p, "unclosed token");
	if (colon)
		return fail(r, target + colon, "a processing instruction's target has a colon");
	n = (size_t)(q - target);
	if (n == 3 && (target[0] | 0x20) == 'x' && (target[1] | 0x20) == 'm' &&
	    (target[2] | 0x20) == 'l')
		return fail(r, p,
			    memcmp(target, "xml", 3)
				? "processing instruction target 'xml' in another case"
				: "XML declaration not at the start of the document");
	if (*q == '?') {
		if (q + 1 == lim)
			return cut(r, p, "unclosed token");
		if (q[1] == '>')
			return q + 2;
		return fail(r, q, "invalid processing instruction");
	}
	if (!(CT(q) & C_SPACE))
		return fail(r, q, "invalid processing instruction");
	e = memmem(q, (size_t)(lim - q), "?>", 2);
	if (!e)
		return cut(r, p, "unclosed token");
	return e + 2;
}

/* A CDATA section at p ("<![CDATA["), inside an element. */
static const char *cdata(struct xmlread *r, const char *p)
{
	const char *s = p + 9, *e = memmem(s, (size_t)(r->lim - s), "]]>", 3);

	if (!e)
		return cut(r, p, "unclosed CDATA section");
	if (r->text_depth && text_add(r, s, (size_t)(e - s)))
		return NULL;
	return e + 3;
}

/* The root element at p, its content and its end tag. */
static const char *root(struct xmlread *r, const char *p)
{
	const char *lim = r->lim;

	p = start_tag(r, p);
	while (p && r->depth) {
		const char *t = p;
		int c;

		for (;;) {
			uint32_t ch;

			p = find3(p, lim, '<', '&', ']');
			if (p == lim || *p == '<')
				break;
			if (*p == ']') {
				if (lim - p >= 3 && p[1] == ']' && p[2] == '>')
					return fail(r, p, "']]>' in text");
				p++;
				continue;
			}
			if (r->text_depth && text_add(r, t, (size_t)(p - t)))
				return NULL;
			p = reference(r, p, &ch);
			if (!p || (r->text_depth && text_char(r, ch)))
				return NULL;
			t = p;
		}
		if (r->text_depth && text_add(r, t, (size_t)(p - t)))
			return NULL;
		if (p == lim) {
			const struct xmlread_open *o = &r->open[r->depth - 1];

			r->err_eof = 1;
			return fail_name(r, p, "the document ends before <", o->qname, o->qname_len,
					 "> is closed");
		}
		if (p + 1 == lim)
			return cut(r, p, "unclosed token");
		switch (p[1]) {
		case '/': p = end_tag(r, p); break;
		case '?': p = pi(r, p); break;
		case '!':
			if ((c = starts(p, lim, LIT("<!--"))) > 0)
				p = comment(r, p);
			else if ((c = starts(p, lim, LIT("<![CDATA["))) > 0)
				p = cdata(r, p);
			else if (c < 0 || starts(p, lim, LIT("<!--")) < 0)
				return cut(r, p, "unclosed token");
			else
				return fail(r, p, "invalid markup ('<!' but no comment or CDATA)");
			break;
		default: p = start_tag(r, p); break;
		}
	}
	return p;
}

/* ---- the prolog ---- */

/*
 * One pseudo-attribute of the XML declaration in [*p, e): white space,
 * then name = 'value'. 1 with one, 0 when only white space is left, -1
 * when it is not well-formed (*p at the fault).
 */
static int pseudo(const char **p, const char *e, const char **name, size_t *nlen, const char **val,
		  size_t *vlen)
{
	const char *q = *p;
	char quote;

	if (q == e)
		return 0;
	if (!(CT(q) & C_SPACE))
		return -1;
	q = skip_space(q, e);
	*p = q;
	if (q == e)
		return 0;
	*name = q;
	while (q < e && *q != '=' && !(CT(q) & C_SPACE))
		q++;
	*nlen = (size_t)(q - *name);
	q = skip_space(q, e);
	if (!*nlen || q == e || *q != '=') {
		*p = q;
		return -1;
	}
	q = skip_space(q + 1, e);
	if (q == e || (*q != '"' && *q != '\'')) {
		*p = q;
		return -1;
	}
	quote = *q++;
	*val = q;
	while (q < e && *q != quote && (CT(q) & C_NAME))
		q++;
	if (q == e || *q != quote) {
		*p = q;
		return -1;
	}
	*vlen = (size_t)(q - *val);
	*p = q + 1;
	return 1;
}

static int ascii_case_equal(const char *s, size_t n, const char *lit)
{
	if (strlen(lit) != n)
		return 0;
	for (size_t i = 0; i < n; i++)
		if ((s[i] >= 'a' && s[i] <= 'z' ? s[i] - 32 : s[i]) != lit[i])
			return 0;
	return 1;
}

enum encoding { ENC_UTF8, ENC_ASCII, ENC_LATIN1 };

/*
 * The XML declaration at p ("<?xml" and no more name): version, then
 * encoding, then standalone. Returns its end, with the encoding it names.
 */
static const char *xml_decl(struct xmlread *r, const char *p, enum encoding *enc)
{
	const char *e = memmem(p, (size_t)(r->lim - p), "?>", 2), *q = p + 5, *name, *val;
	size_t nlen, vlen;
	int got;

	*enc = ENC_UTF8;
	if (!e)
		return cut(r, p, "unclosed token");
	if ((got = pseudo(&q, e, &name, &nlen, &val, &vlen)) <= 0 ||
	    !same(name, nlen, LIT("version")))
		return fail(r, got > 0 ? name : q, "XML declaration not well-formed");
	if ((got = pseudo(&q, e, &name, &nlen, &val, &vlen)) > 0 &&
	    same(name, nlen, LIT("encoding"))) {
		if (!vlen || !((*val | 0x20) >= 'a' && (*val | 0x20) <= 'z'))
			return fail(r, val, "XML declaration not well-formed");
		if (ascii_case_equal(val, vlen, "US-ASCII"))
			*enc = ENC_ASCII;
		else if (ascii_case_equal(val, vlen, "ISO-8859-1"))
			*enc = ENC_LATIN1;
		else if (!ascii_case_equal(val, vlen, "UTF-8"))
			return fail_name(r, val, "encoding '", val, vlen,
					 "' is not read (only UTF-8, US-ASCII and ISO-8859-1)");
		got = pseudo(&q, e, &name, &nlen, &val, &vlen);
	}
	if (got > 0 && (!same(name, nlen, LIT("standalone")) ||
			!(same(val, vlen, LIT("yes")) || same(val, vlen, LIT("no")))))
		return fail(r, same(name, nlen, LIT("standalone")) ? val : name,
			    "XML declaration not well-formed");
	if (got > 0)
		got = pseudo(&q, e, &name, &nlen, &val, &vlen);
	if (got)
		return fail(r, got > 0 ? name : q, "XML declaration not well-formed");
	return e + 2;
}

/* Whether p begins the XML declaration: "<?xml" not followed by more of a name. */
static int is_xml_decl(const char *p, const char *lim)
{
	return lim - p >= 5 && !memcmp(p, "<?xml", 5) &&
	       (lim - p == 5 || !(CT(p + 5) & (C_NAME | C_HIGH)) || p[5] == ':');
}

/*
 * An external ID's quoted literal after white space from p; for a public
 * ID, only the characters it may hold.
 */
static const char *literal(struct xmlread *r, const char *tag, const char *p, int pubid)
{
	const char *lim = r->lim, *q;
	char quote;

	q = p;
	p = skip_space(p, lim);
	if (p == lim)
		return cut(r, tag, "unclosed token");
	if (p == q)
		return fail(r, p, "white space expected in the DOCTYPE");
	quote = *p;
	if (quote != '"' && quote != '\'')
		return fail(r, p, "a quoted literal expected in the DOCTYPE");
	for (q = p + 1; q < lim && *q != quote; q++)
		if (pubid && !((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') ||
			       (*q >= '0' && *q <= '9') || strchr(" \r\n-'()+,./:=?;!*#@$_%", *q)))
			return fail(r, q, "illegal character(s) in public id");
	if (q == lim)
		return cut(r, tag, "unclosed token");
	return q + 1;
}

/*
 * A DOCTYPE at p: its name and external ID are skipped (nothing is
 * fetched); an internal subset is refused, as it may declare entities.
 */
static const char *doctype(struct xmlread *r, const char *p)
{
	const char *lim = r->lim, *q = p + 9, *s;
	size_t colon;

	s = skip_space(q, lim);
	if (s == lim)
		return cut(r, p, "unclosed token");
	if (s == q)
		return fail(r, q, "white space expected after DOCTYPE");
	q = qname(r, s, &colon);
	if (!q)
		return NULL;
	s = skip_space(q, lim);
	if (s < lim && s > q && (CT(s) & C_START)) {
		const char *k = s;

		q = s;
		while (q < lim && (CT(q) & C_NAME))
			q++;
		if (q == lim)
			return cut(r, p, "unclosed token");
		if (same(k, (size_t)(q - k), LIT("PUBLIC"))) {
			q = literal(r, p, q, 1);
			if (!q)
				return NULL;
		} else if (!same(k, (size_t)(q - k), LIT("SYSTEM"))) {
			return fail(r, k, "SYSTEM or PUBLIC expected in the DOCTYPE");
		}
		q = literal(r, p, q, 0);
		if (!q)
			return NULL;
		s = skip_space(q, lim);
	}
	if (s == lim)
		return cut(r, p, "unclosed token");
	if (*s == '[')
		return fail(r, s,
			    "a DOCTYPE with an internal subset is not allowed (it could declare "
			    "entities)");
	if (*s != '>')
		return fail(r, s, "'>' expected at the end of the DOCTYPE");
	return s + 1;
}

/* The document from p: the prolog, the root element, what follows it. 0 or -1. */
static int document(struct xmlread *r, const char *p)
{
	const char *lim = r->lim;
	int seen_root = 0, seen_doctype = 0, c;

	if (is_xml_decl(p, lim)) {
		enum encoding enc;

		if (!(p = xml_decl(r, p, &enc)))
			return -1;
	}
	for (;;) {
		p = skip_space(p, lim);
		if (p == lim) {
			if (!seen_root)
				return cut(r, p, "no element found"), -1;
			return 0;
		}
		if (*p != '<')
			return fail(r, p,
				    seen_root ? "content after the document element"
					      : "text before the document element"),
			       -1;
		if (p + 1 == lim)
			return cut(r, p, "unclosed token"), -1;
		if (p[1] == '?') {
			p = pi(r, p);
		} else if (p[1] == '!') {
			if ((c = starts(p, lim, LIT("<!--"))) > 0)
				p = comment(r, p);
			else if (!seen_root && !seen_doctype &&
				 (c = starts(p, lim, LIT("<!DOCTYPE"))) > 0) {
				p = doctype(r, p);
				seen_doctype = 1;
			} else if (c < 0 || starts(p, lim, LIT("<!--")) < 0)
				return cut(r, p, "unclosed token"), -1;
			else
				return fail(r, p,
					    seen_root
						? "content after the document element"
						: "invalid markup before the document element"),
				       -1;
		} else if (seen_root) {
			return fail(r, p, "content after the document element"), -1;
		} else if (p[1] == '/') {
			return fail(r, p, "an end tag before the document element"), -1;
		} else {
			p = root(r, p);
			seen_root = 1;
		}
		if (!p)
			return -1;
	}
}

/* ---- the whole ---- */

void xmlread_init(struct xmlread *r, xmlread_start_fn start, xmlread_end_fn end)
{
	memset(r, 0, sizeof(*r));
	r->start = start;
	r->end = end;
}

static void free_uris(struct xmlread *r)
{
	while (r->uris) {
		struct xmlread_chunk *c = r->uris;

		r->uris = c->next;
		free(c);
	}
}

void xmlread_release(struct xmlread *r)
{
	free_uris(r);
	free(r->bind);
	free(r->att);
	free(r->hash);
	free(r->value);
	free(r->latin1);
	memset(r, 0, sizeof(*r));
}

void xmlread_abort(struct xmlread *r, const char *msg)
{
	if (!r->abort_msg)
		r->abort_msg = msg;
}

int xmlread_attr(struct xmlread *r, const char *name, const char **value, size_t *len)
{
	size_t n = strlen(name);

	for (size_t i = 0; i < r->natt; i++) {
		const struct xmlread_att *a = &r->att[i];

		if (a->colon || !same(a->name, a->name_len, name, n))
			continue;
		if (!needs_decoding(a)) {
			*value = a->value;
			*len = a->value_len;
			return 1;
		}
		ALLOC_GROW(r->value, a->value_len, r->value_cap);
		*len = value_decode(r, a->value, a->value_len, r->value);
		*value = r->value;
		return 1;
	}
	return 0;
}

/* Skips a UTF-8 byte order mark and white space. */
static const char *skip_prolog_space(const char *p, const char *end)
{
	for (;;) {
		if (end - p >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3))
			p += 3;
		else if (p < end && (CT(p) & C_SPACE))
			p++;
		else
			return p;
	}
}

/* Line and column (both from 1) of `at`, in characters, CR LF and CR being line ends as LF. */
static void position(const char *doc, const char *at, unsigned long *line, unsigned long *col)
{
	unsigned long l = 1, c = 0;

	for (const char *p = doc; p < at; p++) {
		if (*p == '\n' || *p == '\r') {
			if (*p == '\r' && p + 1 < at && p[1] == '\n')
				p++;
			l++;
			c = 0;
		} else if (((unsigned char)*p & 0xC0) != 0x80) {
			c++;
		}
	}
	*line = l;
	*col = c + 1;
}

/* An ISO-8859-1 document as UTF-8, in r->latin1. */
static const char *from_latin1(struct xmlread *r, const char *s, size_t n, size_t *out_len)
{
	size_t len = 0;

	free(r->latin1);
	r->latin1 = xmalloc(2 * n + 1);
	for (size_t i = 0; i < n; i++)
		len += utf8_put(r->latin1 + len, (unsigned char)s[i]);
	*out_len = len;
	return r->latin1;
}

int xmlread_parse(struct xmlread *r, const char *data, size_t len)
{
	const char *end = data + len, *start, *doc = data;
	enum encoding enc = ENC_UTF8;
	unsigned long line, col;
	int ret;

	r->depth = 0;
	r->nbind = r->natt = r->dflt = 0;
	r->abort_msg = r->err_msg = r->err_msg2 = NULL;
	r->err_name = NULL;
	r->err_eof = 0;
	r->text_depth = 0;
	free_uris(r);

	if (len >= 2 && ((unsigned char)data[0] == 0xFE || (unsigned char)data[0] == 0xFF ||
			 !data[0] || !data[1])) {
		r->err_at = data;
		r->err_msg = "a UTF-16 document is not read (only UTF-8, US-ASCII and ISO-8859-1)";
		doc = end = data;
		goto out;
	}
	if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3))
		doc += 3; /* lines and columns count from after it */
	start = skip_prolog_space(data, end);
	r->doc = doc;
	r->lim = end;
	if (is_xml_decl(start, end) && xml_decl(r, start, &enc) && enc == ENC_LATIN1 &&
	    first_bad(start, end, 1) != end) {
		size_t n;
		const char *conv = from_latin1(r, doc, (size_t)(end - doc), &n);

		start = conv + (start - doc);
		doc = r->doc = conv;
		end = r->lim = conv + n;
	}
	r->err_msg = NULL;
	r->err_name = NULL;
	r->err_eof = 0;
	r->lim = first_bad(start, end, enc == ENC_ASCII);
	ret = document(r, start);
	if (!ret && r->lim == end)
		return 0;
	if (!ret || (r->err_eof && r->lim < end)) {
		/* The scan ran into the first byte XML does not allow. */
		r->err_at = r->lim;
		r->err_name = NULL;
		r->err_msg = enc == ENC_ASCII && (unsigned char)*r->lim >= 0x80
				 ? "a byte that is not US-ASCII"
			     : (unsigned char)*r->lim < 0x80
				 ? "a control character that XML does not allow"
				 : "invalid UTF-8, or a character that XML does not allow";
	}
out:
	position(doc, r->err_at, &line, &col);
	if (r->err_name) {
		int n = r->err_name_len > 40 ? 40 : (int)r->err_name_len;

		return error_set("line %lu, column %lu: %s%.*s%s", line, col, r->err_msg, n,
				 r->err_name, r->err_msg2);
	}
	return error_set("line %lu, column %lu: %s", line, col, r->err_msg);
}

int xmlread_activities(struct xmlread *r, const char *data, size_t len, struct activity_list *out,
		       const char *none)
{
	size_t before = out->nr;

	if (!xmlread_parse(r, data, len)) {
		if (out->nr > before)
			return 0;
		error_set("%s", none);
	}
	out->nr = before;
	return -1;
}
