/* The XML reading shared by the GPX and TCX readers: a strict, namespace-aware scanner of a whole
 * document in memory that hands a reader its elements, and the text of those it asks for. */
#ifndef HIPCOACH_XMLREAD_H
#define HIPCOACH_XMLREAD_H

#include <stddef.h>

#include "../core/activity.h"

/*
 * The deepest nesting of elements a document may have. GPX and TCX never
 * need more than about 10 levels; a file of millions of nested tags is
 * refused at the 33rd, so the open elements fit a fixed array.
 */
#define XMLREAD_MAX_DEPTH 32
/*
 * The most namespace declarations in force at once. Real files make fewer
 * than ten; each prefix is looked up among them, so a file of thousands
 * would cost that much for every element.
 */
#define XMLREAD_MAX_NAMESPACES 64
/* The longest text a reader is handed (after references are decoded); longer is an error. */
#define XMLREAD_TEXT_MAX 256

/* A name once its prefix is resolved: the namespace URI (ns_len 0: none) and the local part. */
struct xmlread_name {
	const char *ns;
	size_t ns_len;
	const char *local;
	size_t local_len;
};

struct xmlread;

/*
 * Called at each start tag (and for an empty element <a/>), with the
 * element's name; xmlread_attr() reads its attributes meanwhile. Returns 1
 * to be handed the element's text at its end: all the character data up
 * to its end tag, that of nested elements included, references decoded
 * and line ends made "\n". A request inside an element whose text is
 * being gathered is ignored.
 */
typedef int (*xmlread_start_fn)(struct xmlread *r, const struct xmlread_name *name);
/* Called at each end tag; text is NULL unless the start asked for it. */
typedef void (*xmlread_end_fn)(struct xmlread *r, const struct xmlread_name *name, const char *text,
			       size_t len);

/* The scanner's own state; readers use only depth and the functions below. */
struct xmlread_open {
	const char *qname; /* as written, for the end tag */
	size_t qname_len;
	size_t nbind; /* namespace bindings in force before this element */
	size_t dflt;  /* and the default namespace's: its index + 1, 0 for none */
	struct xmlread_name name;
};
struct xmlread_att {
	const char *name, *value; /* value: between the quotes, as written */
	size_t name_len, value_len;
	size_t colon;	/* offset of ':' in name, 0 if none, -1: a declaration */
	const char *ns; /* resolved namespace of a prefixed attribute */
	size_t ns_len;
	int plain; /* the value needs no decoding */
};
struct xmlread_bind {
	const char *prefix, *uri; /* prefix_len 0: the default namespace */
	size_t prefix_len, uri_len;
};

struct xmlread {
	xmlread_start_fn start;
	xmlread_end_fn end;
	int depth;	       /* of the element being started or ended, the root at 1 */
	const char *abort_msg; /* why a handler stopped the scan; NULL: it did not */
	const char *doc, *lim; /* the document; lim: where its first invalid byte is */
	const char *err_at, *err_msg, *err_msg2;
	const char *err_name; /* a name the message holds, between err_msg and err_msg2 */
	size_t err_name_len;
	int err_eof; /* the error is running out of document */
	struct xmlread_open open[XMLREAD_MAX_DEPTH];
	struct xmlread_bind *bind;
	size_t nbind, bind_cap;
	size_t dflt; /* the binding of the default namespace in force: its index + 1, 0 for none */
	struct xmlread_att *att;
	size_t natt, att_cap;
	unsigned *hash; /* attribute names, to find duplicates in long lists */
	size_t hash_cap;
	struct xmlread_chunk *uris; /* namespace URIs that had to be decoded */
	char *value;		    /* xmlread_attr()'s decoded value */
	size_t value_cap;
	char *latin1;		/* an ISO-8859-1 document, as UTF-8 */
	int text_depth;		/* the element whose text is gathered; 0: none */
	const char *text_start; /* its start tag, for an error */
	const char *text_raw;	/* the text, when it is one run of the document as written */
	size_t text_len;
	char text[XMLREAD_TEXT_MAX];
};

/*
 * Sets up a reader's scanner; nothing is allocated before a document needs
 * it. A reader's state begins with its struct xmlread, so its handlers
 * take r as their state.
 */
void xmlread_init(struct xmlread *r, xmlread_start_fn start, xmlread_end_fn end);
void xmlread_release(struct xmlread *r);
/*
 * In a start handler: the value of the element's attribute `name` that has
 * no namespace prefix, decoded (references, and white space made spaces as
 * XML does), in *value and *len; valid until the next call. 1 when there is
 * one, else 0.
 */
int xmlread_attr(struct xmlread *r, const char *name, const char **value, size_t *len);
/* Stops the scan from a handler; the first reason given is the one reported. */
void xmlread_abort(struct xmlread *r, const char *msg);
/*
 * Scans the document in `data` (need not be NUL-terminated), after a byte
 * order mark and white space, calling the handlers. UTF-8, US-ASCII and
 * ISO-8859-1 are read; UTF-16 and other encodings are refused, as is a
 * DOCTYPE with an internal subset (it could declare entities). Returns 0,
 * or -1 with error_set("line L, column C: REASON"), the position counted
 * in characters from the start of the document.
 */
int xmlread_parse(struct xmlread *r, const char *data, size_t len);
/*
 * xmlread_parse() for a reader whose handlers add activities to `out`:
 * when none was added it fails with error_set(`none`), and on failure the
 * activities it added are dropped. 0 or -1.
 */
int xmlread_activities(struct xmlread *r, const char *data, size_t len, struct activity_list *out,
		       const char *none);

#endif
