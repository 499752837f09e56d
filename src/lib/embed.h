/* Files built into the binary: the default program, the schema, the web app. */
#ifndef HIPCOACH_EMBED_H
#define HIPCOACH_EMBED_H

#include <stddef.h>

struct embedded_file {
	const char *name;	   /* path in the source tree, e.g. "web/index.html" */
	const unsigned char *data; /* NUL-terminated; size excludes the NUL */
	size_t size;
};

/* The table, ending with a NULL name (generated into build/embed.c). */
extern const struct embedded_file embedded_files[];

/* The embedded file with this source path, or NULL. */
const struct embedded_file *embed_find(const char *name);

#endif
