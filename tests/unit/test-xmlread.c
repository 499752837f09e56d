/* Tests of the XML scanner: well-formedness with the error's position, namespaces, references,
 * encodings and the limits, each rule on a small document. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "formats/xmlread.h"
#include "lib/error.h"
#include "lib/strbuf.h"

/* A scan that writes its events as text: "<{ns}local a=v>" ... "</{ns}local:text>". */
struct trace {
	struct xmlread r; /* first: the handlers' scanner is the state */
	struct strbuf out;
	const char *want;     /* local names whose text is asked for, space separated */
	const char *attrs[4]; /* attribute names looked up at each start */
};

static int wanted(const char *list, const char *s, size_t n)
{
	for (const char *p = list; p && *p;) {
		size_t len = strcspn(p, " ");

		if (len == n && !memcmp(p, s, n))
			return 1;
		p += len + (p[len] == ' ');
	}
	return 0;
}

static void put_name(struct strbuf *sb, const struct xmlread_name *n)
{
	if (n->ns_len)
		strbuf_addf(sb, "{%.*s}", (int)n->ns_len, n->ns);
	strbuf_add(sb, n->local, n->local_len);
}

static int on_start(struct xmlread *r, const struct xmlread_name *n)
{
	struct trace *t = (struct trace *)r;

	strbuf_addstr(&t->out, "<");
	put_name(&t->out, n);
	for (size_t i = 0; i < 4 && t->attrs[i]; i++) {
		const char *v;
		size_t len;

		if (xmlread_attr(r, t->attrs[i], &v, &len))
			strbuf_addf(&t->out, " %s=%.*s", t->attrs[i], (int)len, v);
	}
	strbuf_addstr(&t->out, ">");
	return wanted(t->want, n->local, n->local_len);
}

static void on_end(struct xmlread *r, const struct xmlread_name *n, const char *text, size_t len)
{
	struct trace *t = (struct trace *)r;

	strbuf_addstr(&t->out, "</");
	put_name(&t->out, n);
	if (text)
		strbuf_addf(&t->out, ":%.*s", (int)len, text);
	strbuf_addstr(&t->out, ">");
}

/* Scans doc; returns the trace, or "ERROR: " and the message. */
/* len SIZE_MAX: up to the NUL. */
static const char *scan_with(const char *doc, size_t len, const char *want, const char *attr)
{
	static char result[4096];
	struct trace t;

	if (len == SIZE_MAX)
		len = strlen(doc);
	memset(&t, 0, sizeof(t));
	strbuf_init(&t.out, 0);
	t.want = want;
	t.attrs[0] = attr;
	xmlread_init(&t.r, on_start, on_end);
	if (xmlread_parse(&t.r, doc, len))
		snprintf(result, sizeof(result), "ERROR: %s", error_last());
	else
		snprintf(result, sizeof(result), "%s", t.out.buf);
	xmlread_release(&t.r);
	strbuf_release(&t.out);
	return result;
}

static const char *scan(const char *doc)
{
	return scan_with(doc, strlen(doc), NULL, NULL);
}

#define ERR(doc, msg) assert_string_equal(scan(doc), "ERROR: " msg)

static void test_elements_and_text(void **state)
{
	(void)state;
	assert_string_equal(scan("<a><b/><c>x</c></a>"), "<a><b></b><c></c></a>");
	/* Text is handed only to an element that asks, with its descendants' text. */
	assert_string_equal(scan_with("<a><t>1<i>2</i>3</t><u>4</u></a>", SIZE_MAX, "t", NULL),
			    "<a><t><i></i></t:123><u></u></a>");
	/* Empty text is handed as such. */
	assert_string_equal(scan_with("<t></t>", SIZE_MAX, "t", NULL), "<t></t:>");
	/* Whitespace before the root and a UTF-8 byte order mark are skipped. */
	assert_string_equal(scan("\xEF\xBB\xBF \n\t<a/>\n"), "<a></a>");
	/* Comments, processing instructions, the XML declaration and a plain DOCTYPE. */
	assert_string_equal(scan("<?xml version='1.0' encoding=\"UTF-8\" standalone='yes'?>"
				 "<!-- a -- comment? no: a comment -->"
				 "<!DOCTYPE gpx PUBLIC \"-//X//Y//EN\" 'http://x/gpx.dtd'>"
				 "<?pi x?><a><!--c--><?pi?></a><!--after--><?after?>\n"),
			    "ERROR: line 1, column 63: '--' inside a comment");
	assert_string_equal(scan("<?xml version='1.0' encoding=\"UTF-8\" standalone='yes'?>"
				 "<!-- a comment -->"
				 "<!DOCTYPE gpx PUBLIC \"-//X//Y//EN\" 'http://x/gpx.dtd'>"
				 "<?pi x?><a><!--c--><?pi?></a><!--after--><?after?>\n"),
			    "<a></a>");
	assert_string_equal(scan("<!DOCTYPE a SYSTEM \"a.dtd\"><a/>"), "<a></a>");
	assert_string_equal(scan("<!DOCTYPE a><a/>"), "<a></a>");
}

static void test_references_and_cdata(void **state)
{
	const char doc[] = "<n>&lt;&gt;&amp;&apos;&quot; &#65;&#x42;&#xe9;&#x1F600; "
			   "<![CDATA[<&amp;>]]>\r\nx\ry</n>";

	(void)state;
	assert_string_equal(scan_with(doc, sizeof(doc) - 1, "n", NULL),
			    "<n></n:<>&'\" AB\xC3\xA9\xF0\x9F\x98\x80 <&amp;>\nx\ny>");
	/* Attribute values: references decoded, white space made spaces, both quotes. */
	assert_string_equal(scan_with("<a v=\"x&amp;&#9;y\tz\r\n.\"/>", SIZE_MAX, NULL, "v"),
			    "<a v=x&\ty z .></a>");
	assert_string_equal(scan_with("<a v = 'it\"s' />", SIZE_MAX, NULL, "v"), "<a v=it\"s></a>");
	ERR("<a>&nbsp;</a>", "line 1, column 4: undefined entity &nbsp;");
	ERR("<a>&#0;</a>", "line 1, column 4: reference to invalid character number");
	ERR("<a>&#xD800;</a>", "line 1, column 4: reference to invalid character number");
	ERR("<a>&#x110000;</a>", "line 1, column 4: reference to invalid character number");
	ERR("<a>&#x;</a>", "line 1, column 7: invalid character reference");
	ERR("<a>a & b</a>", "line 1, column 7: invalid name");
	ERR("<a>&amp</a>", "line 1, column 8: ';' expected after an entity name");
	ERR("<a v='&bad;'/>", "line 1, column 7: undefined entity &bad;");
	ERR("<a>x]]>y</a>", "line 1, column 5: ']]>' in text");
	ERR("<a><![CDATA[x</a>", "line 1, column 4: unclosed CDATA section");
}

static void test_well_formedness(void **state)
{
	(void)state;
	/* An end tag names the element it closes: the error points at its name. */
	ERR("<a>\n <b></a>", "line 2, column 7: mismatched tag");
	ERR("<a><b></ba></a>", "line 1, column 9: mismatched tag");
	ERR("", "line 1, column 1: no element found");
	ERR("  \n ", "line 2, column 2: no element found");
	ERR("<gpx><trk>", "line 1, column 11: the document ends before <trk> is closed");
	ERR("<a><b", "line 1, column 4: unclosed token");
	ERR("<a><!-- x", "line 1, column 4: unclosed token");
	ERR("<a/><b/>", "line 1, column 5: content after the document element");
	ERR("<a/>x", "line 1, column 5: content after the document element");
	ERR("not xml", "line 1, column 1: text before the document element");
	ERR("</a>", "line 1, column 1: an end tag before the document element");
	ERR("<a>< b/></a>", "line 1, column 5: invalid name");
	ERR("<1a/>", "line 1, column 2: invalid name");
	ERR("<a x='1'y='2'/>", "line 1, column 9: white space expected before an attribute");
	ERR("<a x/>", "line 1, column 5: '=' expected after an attribute name");
	ERR("<a x=1/>", "line 1, column 6: an attribute value must be in quotes");
	ERR("<a x='<'/>", "line 1, column 7: '<' in an attribute value");
	ERR("<a x='1' x='2'/>", "line 1, column 10: duplicate attribute");
	ERR("<a / >", "line 1, column 5: '>' expected after '/'");
	ERR("<a></a x>", "line 1, column 8: '>' expected at the end of an end tag");
	ERR("<a><!DOCTYPE a></a>",
	    "line 1, column 4: invalid markup ('<!' but no comment or CDATA)");
	ERR("<a/><!DOCTYPE a>", "line 1, column 5: content after the document element");
	ERR("<?xml version='1.0'?><?xml version='1.0'?><a/>",
	    "line 1, column 22: XML declaration not at the start of the document");
	ERR("<?XML version='1.0'?><a/>",
	    "line 1, column 1: processing instruction target 'xml' in another case");
	ERR("<?xml?><a/>", "line 1, column 6: XML declaration not well-formed");
	ERR("<?xml encoding='UTF-8'?><a/>", "line 1, column 7: XML declaration not well-formed");
	ERR("<?xml version='1.0' standalone='maybe'?><a/>",
	    "line 1, column 33: XML declaration not well-formed");
	ERR("<!DOCTYPE a PUBLIC \"a\tb\" \"c\"><a/>",
	    "line 1, column 22: illegal character(s) in public id");
	/* Lines count LF, CR LF and CR alike; columns count characters, not bytes. */
	ERR("<a>\r\n\xC3\xA9t\xC3\xA9\r<b></c>", "line 3, column 6: mismatched tag");
}

static void test_characters(void **state)
{
	const char nul[] = "<a>x\0y</a>";

	(void)state;
	assert_string_equal(scan_with(nul, sizeof(nul) - 1, NULL, NULL),
			    "ERROR: line 1, column 5: a control character that XML does not allow");
	ERR("<a>\x01</a>", "line 1, column 4: a control character that XML does not allow");
	ERR("<a>\xC3</a>",
	    "line 1, column 4: invalid UTF-8, or a character that XML does not allow");
	ERR("<a>\xC0\x80</a>",
	    "line 1, column 4: invalid UTF-8, or a character that XML does not allow");
	ERR("<a>\xED\xA0\x80</a>", /* a surrogate */
	    "line 1, column 4: invalid UTF-8, or a character that XML does not allow");
	ERR("<a>\xEF\xBF\xBE</a>", /* U+FFFE */
	    "line 1, column 4: invalid UTF-8, or a character that XML does not allow");
	/* An error before the bad byte is the one reported; one after it is not reached. */
	ERR("<a></b>\x01", "line 1, column 6: mismatched tag");
	ERR("<a x='\x01'></b>", "line 1, column 7: a control character that XML does not allow");
	/* Names beyond ASCII (XML 1.0 fifth edition). */
	assert_string_equal(scan("<\xC3\xA9t\xC3\xA9 \xC2\xB7x='1'/>"),
			    "ERROR: line 1, column 6: invalid name");
	assert_string_equal(scan("<\xC3\xA9t\xC3\xA9 x\xC2\xB7='1'/>"),
			    "<\xC3\xA9t\xC3\xA9></\xC3\xA9t\xC3\xA9>");
}

static void test_encodings(void **state)
{
	const char utf16[] = "\xFF\xFE<\0a\0/\0>\0";

	(void)state;
	assert_string_equal(scan("<?xml version='1.0' encoding='us-ascii'?><a/>"), "<a></a>");
	ERR("<?xml version='1.0' encoding='US-ASCII'?><a>\xC3\xA9</a>",
	    "line 1, column 45: a byte that is not US-ASCII");
	/* ISO-8859-1 is read as the characters it stands for; a column counts them. */
	assert_string_equal(
	    scan_with("<?xml version='1.0' encoding='ISO-8859-1'?><caf\xE9 n='\xE0'>\xE9</caf\xE9>",
		      SIZE_MAX, "caf\xC3\xA9", "n"),
	    "<caf\xC3\xA9 n=\xC3\xA0></caf\xC3\xA9:\xC3\xA9>");
	ERR("<?xml version='1.0' encoding='iso-8859-1'?><a>\xE9</b>",
	    "line 1, column 50: mismatched tag");
	ERR("<?xml version='1.0' encoding='UTF-16'?><a/>",
	    "line 1, column 31: encoding 'UTF-16' is not read (only UTF-8, US-ASCII and "
	    "ISO-8859-1)");
	ERR("<?xml version='1.0' encoding='windows-1252'?><a/>",
	    "line 1, column 31: encoding 'windows-1252' is not read (only UTF-8, US-ASCII and "
	    "ISO-8859-1)");
	assert_string_equal(
	    scan_with(utf16, sizeof(utf16) - 1, NULL, NULL),
	    "ERROR: line 1, column 1: a UTF-16 document is not read (only UTF-8, US-ASCII and "
	    "ISO-8859-1)");
}

static void test_doctype_and_entities(void **state)
{
	(void)state;
	ERR("<!DOCTYPE gpx [<!ENTITY a \"aaaaaaaaaa\">]><gpx>&a;</gpx>",
	    "line 1, column 15: a DOCTYPE with an internal subset is not allowed (it could declare "
	    "entities)");
	ERR("<!DOCTYPE a [ ]><a/>",
	    "line 1, column 13: a DOCTYPE with an internal subset is not allowed (it could declare "
	    "entities)");
	ERR("<!DOCTYPE a><!DOCTYPE a><a/>",
	    "line 1, column 13: invalid markup before the document element");
	ERR("<!DOCTYPE a SYSTEM><a/>", "line 1, column 19: white space expected in the DOCTYPE");
	ERR("<!DOCTYPE a SYSTEM 'a'x><a/>",
	    "line 1, column 23: '>' expected at the end of the DOCTYPE");
	/* Found by the differential fuzzer: the two literals of a public ID need space between. */
	ERR("<!DOCTYPE a PUBLIC \"p\"'s'><a/>",
	    "line 1, column 23: white space expected in the DOCTYPE");
}

static void test_namespaces(void **state)
{
	(void)state;
	/* Any prefix, or the default namespace; a declaration holds for the element and below. */
	assert_string_equal(scan("<g xmlns='urn:g' xmlns:t='urn:t'><t:hr/><x xmlns=''><y/></x>"
				 "<t:e xmlns:t='urn:u'/><z/></g>"),
			    "<{urn:g}g><{urn:t}hr></{urn:t}hr><x><y></y></x><{urn:u}e></{urn:u}e>"
			    "<{urn:g}z></{urn:g}z></{urn:g}g>");
	/* Declared on the element itself, after its name; xml is always bound. */
	assert_string_equal(scan("<p:a xml:lang='en' xmlns:p='urn:p'/>"), "<{urn:p}a></{urn:p}a>");
	/* A URI with references is decoded. */
	assert_string_equal(scan("<a xmlns='urn:&#x61;&amp;b'/>"), "<{urn:a&b}a></{urn:a&b}a>");
	/* Unprefixed attributes have no namespace; a prefixed one is not found by its local name.
	 */
	assert_string_equal(scan_with("<a xmlns:p='urn:p' p:v='1' w='2'/>", SIZE_MAX, NULL, "v"),
			    "<a></a>");
	assert_string_equal(scan_with("<a xmlns:p='urn:p' p:v='1' w='2'/>", SIZE_MAX, NULL, "w"),
			    "<a w=2></a>");
	ERR("<p:a/>", "line 1, column 2: unbound prefix 'p'");
}

static void test_namespace_errors(void **state)
{
	(void)state;
	ERR("<a><p:b/></a>", "line 1, column 5: unbound prefix 'p'");
	ERR("<a xmlns:p='urn:p'></a><p:b/>",
	    "line 1, column 24: content after the document element");
	ERR("<a><b xmlns:p='urn:p'/><p:c/></a>", "line 1, column 25: unbound prefix 'p'");
	ERR("<a q:x='1'/>", "line 1, column 4: unbound prefix 'q'");
	ERR("<a:b:c/>", "line 1, column 5: a name with two colons");
	ERR("<a: b/>", "line 1, column 4: invalid name");
	ERR("<a xmlns:p=''/>", "line 1, column 4: cannot undeclare a prefix");
	ERR("<a xmlns:xmlns='urn:x'/>",
	    "line 1, column 4: reserved prefix (xmlns) must not be declared or undeclared");
	ERR("<a xmlns:xml='urn:x'/>",
	    "line 1, column 4: reserved prefix (xml) must not be undeclared or bound to another "
	    "namespace name");
	ERR("<a xmlns='http://www.w3.org/XML/1998/namespace'/>",
	    "line 1, column 4: prefix must not be bound to one of the reserved namespace names");
	ERR("<a xmlns:p='urn:p' xmlns:q='urn:p' p:x='1' q:x='2'/>",
	    "line 1, column 44: duplicate attribute");
	ERR("<a xmlns:p='urn:p' xmlns:p='urn:q'/>", "line 1, column 20: duplicate attribute");
}

static void test_limits(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	char text[XMLREAD_TEXT_MAX + 2];

	(void)state;
	/* 32 levels are read; the 33rd start tag is refused where it begins. */
	for (int i = 0; i < XMLREAD_MAX_DEPTH; i++)
		strbuf_addstr(&sb, "<a>");
	for (int i = 0; i < XMLREAD_MAX_DEPTH; i++)
		strbuf_addstr(&sb, "</a>");
	assert_false(strstr(scan_with(sb.buf, sb.len, NULL, NULL), "ERROR"));
	strbuf_reset(&sb);
	for (int i = 0; i < 40; i++)
		strbuf_addstr(&sb, "<a>");
	assert_string_equal(
	    scan_with(sb.buf, sb.len, NULL, NULL),
	    "ERROR: line 1, column 97: elements are nested more than 32 levels deep");
	/* Text asked for: XMLREAD_TEXT_MAX bytes are handed, one more is an error at the element.
	 */
	memset(text, 'x', sizeof(text));
	strbuf_reset(&sb);
	strbuf_addf(&sb, "<a>\n <t>%.*s</t></a>", XMLREAD_TEXT_MAX, text);
	assert_false(strstr(scan_with(sb.buf, sb.len, "t", NULL), "ERROR"));
	strbuf_reset(&sb);
	strbuf_addf(&sb, "<a>\n <t>%.*s&amp;</t></a>", XMLREAD_TEXT_MAX, text);
	assert_string_equal(scan_with(sb.buf, sb.len, "t", NULL),
			    "ERROR: line 2, column 2: text of an element is too long");
	/* Text not asked for has no limit. */
	assert_false(strstr(scan_with(sb.buf, sb.len, NULL, NULL), "ERROR"));
	/* Many attributes: duplicates are found through the hash table too. */
	strbuf_reset(&sb);
	strbuf_addstr(&sb, "<a");
	for (int i = 0; i < 1000; i++)
		strbuf_addf(&sb, " a%d='%d'", i, i);
	strbuf_addstr(&sb, " a500='x'/>");
	assert_string_equal(scan_with(sb.buf, sb.len, NULL, NULL),
			    "ERROR: line 1, column 10784: duplicate attribute");
	/* 64 namespace declarations in force are read, the 65th is refused. */
	strbuf_reset(&sb);
	strbuf_addstr(&sb, "<a");
	for (int i = 0; i < 32; i++)
		strbuf_addf(&sb, " xmlns:p%d='urn:%d'", i, i);
	strbuf_addstr(&sb, "><b");
	for (int i = 32; i < XMLREAD_MAX_NAMESPACES; i++)
		strbuf_addf(&sb, " xmlns:p%d='urn:%d'", i, i);
	strbuf_addstr(&sb, "><p63:c/></b><b xmlns:q='urn:q'/></a>");
	assert_false(strstr(scan_with(sb.buf, sb.len, NULL, NULL), "ERROR"));
	strbuf_reset(&sb);
	strbuf_addstr(&sb, "<a>\n<b");
	for (int i = 0; i <= XMLREAD_MAX_NAMESPACES; i++)
		strbuf_addf(&sb, " xmlns:p%d='u'", i);
	strbuf_addstr(&sb, "/></a>");
	assert_string_equal(
	    scan_with(sb.buf, sb.len, NULL, NULL),
	    "ERROR: line 2, column 890: more than 64 namespace declarations in force");
	strbuf_release(&sb);
}

/* A handler's reason stops the scan at the element it was called for. */
static int abort_start(struct xmlread *r, const struct xmlread_name *n)
{
	if (n->local_len == 1 && n->local[0] == 'x')
		xmlread_abort(r, "no x here");
	return 0;
}

static void no_end(struct xmlread *r, const struct xmlread_name *n, const char *text, size_t len)
{
	(void)r, (void)n, (void)text, (void)len;
}

static void test_abort(void **state)
{
	struct xmlread r;
	const char doc[] = "<a>\n  <x/></a>";

	(void)state;
	xmlread_init(&r, abort_start, no_end);
	assert_int_equal(xmlread_parse(&r, doc, sizeof(doc) - 1), -1);
	assert_string_equal(error_last(), "line 2, column 3: no x here");
	/* The same scanner reads another document afresh. */
	assert_int_equal(xmlread_parse(&r, "<a/>", 4), 0);
	xmlread_release(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_elements_and_text),
	    cmocka_unit_test(test_references_and_cdata),
	    cmocka_unit_test(test_well_formedness),
	    cmocka_unit_test(test_characters),
	    cmocka_unit_test(test_encodings),
	    cmocka_unit_test(test_doctype_and_entities),
	    cmocka_unit_test(test_namespaces),
	    cmocka_unit_test(test_namespace_errors),
	    cmocka_unit_test(test_limits),
	    cmocka_unit_test(test_abort),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
