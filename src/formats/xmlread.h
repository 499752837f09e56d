/* The expat reading shared by the GPX and TCX readers: a parser that refuses entity declarations,
 * fed in slices, with errors at a line and column. */
#ifndef HIPCOACH_XMLREAD_H
#define HIPCOACH_XMLREAD_H

#include <expat.h>
#include <stddef.h>

#include "../core/activity.h"

/*
 * The deepest nesting of elements a reader follows. GPX and TCX never need
 * more than about 10 levels; expat keeps every open element, so a file of
 * millions of nested tags would otherwise hold them all.
 */
#define XMLREAD_MAX_DEPTH 32

/* Element names arrive as "URI local": the namespace, this separator, the local name. */
#define XMLREAD_NS_SEP ' '

struct xmlread {
	XML_Parser xp;
	const char *abort_msg; /* why a handler stopped the parse; NULL: it did not */
};

/*
 * Creates a namespace-aware parser with the element handlers `start` and
 * `end`, whose user data is `r` itself: a reader's state begins with its
 * struct xmlread, so its handlers take the user data as their state.
 * Entity declarations stop the parse (no "billion laughs"). Dies when
 * out of memory; release with xmlread_release().
 */
void xmlread_init(struct xmlread *r, XML_StartElementHandler start, XML_EndElementHandler end);
void xmlread_release(struct xmlread *r);
/*
 * For a reader's start handler, with its depth counted after entering the
 * element: stops the parse when the nesting passes XMLREAD_MAX_DEPTH.
 * Returns 1 when it did (the handler returns at once), else 0.
 */
int xmlread_too_deep(struct xmlread *r, int depth);
/* Stops the parse from a handler; the first reason given is the one reported. */
void xmlread_abort(struct xmlread *r, const char *msg);
/*
 * Parses the document in `data`, after a byte order mark and white space,
 * in slices of at most `chunk` bytes (expat takes an int length). Returns
 * 0, or -1 with error_set("line L, column C: REASON"), the line counted
 * in the whole document.
 */
int xmlread_parse(struct xmlread *r, const char *data, size_t len, size_t chunk);
/*
 * xmlread_parse() for a reader whose handlers add activities to `out`:
 * when none was added it fails with error_set(`none`), and on failure the
 * activities it added are dropped. 0 or -1.
 */
int xmlread_activities(struct xmlread *r, const char *data, size_t len, size_t chunk,
		       struct activity_list *out, const char *none);

#endif
