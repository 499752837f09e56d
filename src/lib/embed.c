/* Lookup of the files built into the binary. */
#include "embed.h"

#include <string.h>

const struct embedded_file *embed_find(const char *name)
{
	for (const struct embedded_file *f = embedded_files; f->name; f++)
		if (!strcmp(f->name, name))
			return f;
	return NULL;
}
